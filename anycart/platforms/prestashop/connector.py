"""The PrestaShop 1.7.8 / 8.x schema driver: contract methods -> SQL on the cart's tables.

Multilingual and multistore: names live in ``*_lang`` rows (per language, and per shop for
products and categories) and shop-level values in ``*_shop`` rows; the driver reads the shop
``store_id`` names (else ``PS_SHOP_DEFAULT``) in the language ``lang_id`` names (else
``PS_LANG_DEFAULT``), and writes base, ``_shop`` and ``_lang`` rows together in one
``db.write`` (one transaction). Stock is ``stock_available`` (the shop's own row; shops
sharing stock through their group are not handled). Combinations are child items, attribute
groups options. Categories form a nested set (``nleft``/``nright``/``level_depth``): every
write that changes the tree renumbers it the way ``Category::regenerateEntireNtree`` does, in
the same transaction. Shipments are ``order_carrier`` rows (one tracking number each);
returns are ``order_return`` rows (:mod:`.returns`).

Not served: customer passwords (PrestaShop hashes them with bcrypt, which this side does not
compute; ``password`` is refused with 109 rather than silently dropped).

Read top to bottom: :mod:`.entities` (the reads, as declarations), :mod:`.mapping` (rows ->
the unified model, as mapper declarations), :mod:`.writes` (the columns writes set, the rows
written with their ``_shop``/``_lang`` companions, links, stock, the address declaration),
:mod:`.shop` (settings, shop and language, links, addresses), :mod:`.deletes` (what the
cart's own deletes remove, as cascades), the product, category and customer writes declared
in :mod:`.writers`, the other writes in :mod:`.catalog` and :mod:`.orders`, ``order.add`` as
the shared steps in :mod:`.order_add`, and :mod:`.params` (what each method applies).
"""

from __future__ import annotations

from typing import Any

from anycart.platforms.applied import guard
from anycart.platforms.base import Call
from anycart.platforms.bridge.sqlkit import insert
from anycart.platforms.bridge.values import one_id

from .catalog import CatalogWrites
from .entities import CUSTOMERS, ENTITIES
from .orders import OrderWrites
from .params import APPLIED, NESTED, SAME_AS_DEFAULT
from .refunds import DECLARED as REFUNDS
from .returns import DECLARED as RETURNS
from .writers import WRITERS


class PrestaShopConnector(CatalogWrites, OrderWrites):
    """Reads from the declarations in :mod:`.entities`, product/category/customer writes
    from those in :mod:`.writers`; the rest of the writes from the two parts."""

    cart_marker = "prestashop"
    entities = ENTITIES

    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        cid = one_id(call.require("customer_id"), "Customer")
        customer = await CUSTOMERS.row(self, cid, {})
        columns = await self._address_columns(call.params, "", customer)
        written = await self.db.write([insert("address", {**columns, "id_customer": cid}),
                                       CUSTOMERS.touch(cid)])
        return {"id": str(written[0].insert_id)}


# product/category/customer add, update, delete: .writers; order.return.*, return.status.list: .returns
PrestaShopConnector.declare(*WRITERS, RETURNS, REFUNDS)  # order.refund.add: .refunds
guard(PrestaShopConnector, APPLIED, "PrestaShop", SAME_AS_DEFAULT, NESTED)
