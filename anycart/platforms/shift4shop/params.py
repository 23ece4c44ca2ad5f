"""Which contract parameters the hand-written Shift4Shop methods apply (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.
The declared entities' sets come from their declarations.

Each set lists what the handler, and the mapping function it calls, reads and sends to the REST
API or applies to what it answers. A store serves one shop (``store_id`` ``1``, as
``cart.info`` lists it) in one language: ``lang_id``, ``currency_id`` and other stores are
refused. Lists come in ascending id order, the contract's default ``sort_by``; any other
order is refused. Keep each set in step with its handler: ``tests/platforms/test_params_audit.py``
calls every method with every parameter left out here and expects 109.
"""

from __future__ import annotations

from anycart.platforms.kit import options, shipments
from anycart.platforms.kit.fields import writable

from . import mapping as M
from .returns import NESTED as RETURNS_NESTED

#: The methods written out by hand in ``connector.py`` that no declaration serves (the
#: kit's and the declared entities', ``product.add`` among them, apply what they declare).
HANDWRITTEN: dict[str, frozenset[str]] = {"cart.info": frozenset()}

#: The one shop a Shift4Shop store is (``cart.info``'s ``stores_info``).
SAME_AS_DEFAULT = {"store_id": {"1"}}

#: Keys applied inside list-of-objects parameters (``applied.refuse_nested``), from the
#: address book, the order line map and the kit's option and shipment declarations.
NESTED = {
    "customer.add": {"address": M.BOOK.entry_keys()},
    "customer.update": {"address": M.BOOK.entry_keys()},
    "order.add": {"order_item": dict.fromkeys(writable(M.ORDER_ITEM))},
    **options.NESTED, **shipments.NESTED, **RETURNS_NESTED,
}
