"""The contract parameters Shift4Shop's hand-written methods apply (the declared ones apply what
they declare); any other is 109 (``tests/platforms/test_params_audit.py``).
"""

from __future__ import annotations

from anycart.platforms.kit import options, shipments
from anycart.platforms.kit.fields import writable

from . import mapping as M
from .returns import NESTED as RETURNS_NESTED

#: The methods written out by hand in ``connector.py``.
HANDWRITTEN: dict[str, frozenset[str]] = {"cart.info": frozenset()}

#: The one shop a Shift4Shop store is (``cart.info``'s ``stores_info``).
SAME_AS_DEFAULT = {"store_id": {"1"}}

#: Keys applied inside list-of-objects parameters (``applied.refuse_nested``), from the
#: address book, the order line map and the kit's option and shipment declarations.
NESTED = {
    **{verb: {"address": M.BOOK.entry_keys()} for verb in ("customer.add", "customer.update")},
    "order.add": {"order_item": dict.fromkeys(writable(M.ORDER_ITEM))},
    **options.NESTED, **shipments.NESTED, **RETURNS_NESTED,
}
