"""``order.add`` as named steps over one write, for every bridge cart.

:meth:`OrderAdd.run` calls, in order: :meth:`~OrderAdd.validate` (required parameters,
``inventory_behaviour``, the ``order_item`` list as :class:`Line` objects),
:meth:`~OrderAdd.prepare` (the cart's settings, store, currency, customer, addresses),
:meth:`~OrderAdd.resolve_lines` (the products the lines name, their options),
:meth:`~OrderAdd.price` (unit prices without tax, line taxes), :meth:`~OrderAdd.totals`
(given, else computed from the lines), :meth:`~OrderAdd.check_stock`, then the statements of
one write: :meth:`~OrderAdd.insert_order`, :meth:`~OrderAdd.order_rows`, :meth:`~OrderAdd.insert_lines`,
:meth:`~OrderAdd.insert_totals`, :meth:`~OrderAdd.history`, :meth:`~OrderAdd.stock`, and
:meth:`~OrderAdd.result`. A cart's subclass writes the cart-specific steps; the shared ones
(validation, pricing, totals) serve every cart alike.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import Nested, explicit
from anycart.platforms.base import Call

from .batch import Batch
from .sqlkit import InsertId, Written
from .values import amount, one_id

INVENTORY = ("bypass", "decrement_ignoring_policy", "decrement_obeying_policy")
#: The lists of name/value objects an ``order_item`` may hold, and their two keys.
ITEM_PAIRS = {"order_item_option": ("order_item_option_name", "order_item_option_value"),
              "order_item_property": ("order_item_property_name", "order_item_property_value")}


@dataclass
class Line:
    """One ``order_item``: what was asked, then what the cart's rows say."""

    item: dict[str, Any]
    product_id: int
    variant_id: int | None
    quantity: int
    #: Unit price without tax and tax rate (percent), in the order's currency (:meth:`price`).
    price: float = 0.0
    rate: float = 0.0
    #: Cart-specific: the product row, option rows, what it takes from stock...
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return self.price * self.quantity

    @property
    def tax(self) -> float:
        """Tax of one unit."""
        return self.price * self.rate / 100


@dataclass
class Totals:
    subtotal: float
    shipping: float
    tax: float
    discount: float
    gift: float
    total: float
    #: The part of ``tax`` on shipping, for carts that keep it apart (WooCommerce).
    shipping_tax: float = 0.0


@dataclass
class OrderDraft:
    call: Call
    #: The parameters without body values equal to their contract defaults (see
    #: :func:`~.sqlkit.explicit`): "given" means the caller said it.
    given: dict[str, Any]
    email: str
    behaviour: str
    lines: list[Line]
    batch: Batch = field(default_factory=Batch)
    totals: Totals | None = None
    order: InsertId | None = None
    #: Cart-specific values the steps share (settings, currency, customer, addresses...).
    ctx: dict[str, Any] = field(default_factory=dict)

    @property
    def params(self) -> dict[str, Any]:
        return self.call.params


class OrderAdd:
    """The steps of ``order.add``; subclasses fill the cart's own."""

    #: Parameters an order needs besides ``order_status``, ``customer_email`` and ``order_item``.
    required: tuple[str, ...] = ()
    #: The ``inventory_behaviour`` values the cart honours.
    inventory: tuple[str, ...] = INVENTORY
    #: A line's ``order_item_quantity`` when it gives none (None: required).
    quantity: ClassVar[int | None] = None
    #: The parameters, and the keys of an ``order_item``, the shared steps read
    #: (:meth:`validate`, :meth:`line`, :meth:`price`, :meth:`totals`).
    reads = frozenset({"order_status", "customer_email", "order_item", "inventory_behaviour",
                       "prices_inc_tax", "subtotal_price", "shipping_price", "tax_price",
                       "shipping_tax", "discount", "coupon_discount", "gift_certificate_discount",
                       "total_price"})
    item_reads = frozenset({"order_item_id", "order_item_variant_id", "order_item_quantity",
                            "order_item_price", "order_item_tax", "order_item_price_includes_tax"})
    #: What the cart's own steps read besides: parameters, and ``order_item`` keys (a list
    #: of objects under a key: its keys, as in :data:`~anycart.platforms.applied.Nested`).
    own: frozenset[str] = frozenset()
    item_own: ClassVar[Nested] = {}

    @classmethod
    def applied(cls) -> frozenset[str]:
        """``order.add``'s applied parameters (:func:`~anycart.platforms.applied.guard`):
        the shared steps', the required ones and the cart's own."""
        return cls.reads | frozenset(cls.required) | cls.own

    @classmethod
    def nested(cls) -> dict[str, Nested]:
        """The keys applied inside ``order_item`` (``guard``'s ``nested`` for ``order.add``)."""
        return {"order_item": {**dict.fromkeys(cls.item_reads), **cls.item_own}}

    async def run(self, conn: Any, call: Call) -> dict[str, Any]:
        d = self.validate(call)
        await self.prepare(conn, d)
        await self.resolve_lines(conn, d)
        self.price(d)
        d.totals = self.totals(d)
        await self.check_stock(conn, d)
        d.order = d.batch.add(await self.insert_order(conn, d))
        await self.order_rows(conn, d)
        await self.insert_lines(conn, d)
        await self.insert_totals(conn, d)
        await self.history(conn, d)
        await self.stock(conn, d)
        return self.result(d, await d.batch.run(conn.db))

    # -- shared steps --------------------------------------------------------------------------
    def validate(self, call: Call) -> OrderDraft:
        p = call.params
        call.require("order_status")
        email = str(call.require("customer_email")).strip()
        if not email:
            raise ApiError.empty("customer_email")
        behaviour = str(p.get("inventory_behaviour") or "bypass")
        if behaviour not in self.inventory:
            raise ApiError.invalid("inventory_behaviour", " or ".join(self.inventory))
        items = p.get("order_item")
        if items is None:
            raise ApiError.required("order_item")
        if not isinstance(items, list) or not items:
            raise ApiError.empty("order_item")
        for name in self.required:
            call.require(name)
        return OrderDraft(call, explicit(call), email, behaviour, [self.line(i) for i in items])

    @classmethod
    def line(cls, item: Any) -> Line:
        """An ``order_item`` object checked: a product id, a whole quantity above 0 (the
        cart's :attr:`quantity` when none is given)."""
        if not isinstance(item, dict):
            raise ApiError.invalid("order_item", "a list of order item objects")
        raw = item.get("order_item_id")
        if raw in (None, ""):
            raise ApiError.required("order_item_id")
        variant = item.get("order_item_variant_id")
        given = item.get("order_item_quantity")
        quantity = amount(cls.quantity if given in (None, "") else given, "order_item_quantity",
                          required=True)
        if quantity <= 0 or quantity != int(quantity):
            raise ApiError.invalid("order_item_quantity", "a whole number above 0")
        return Line(item, one_id(raw, "Product"),
                    one_id(variant, "Child item") if variant not in (None, "") else None,
                    int(quantity))

    def price(self, d: OrderDraft) -> None:
        """Unit prices without tax: ``order_item_price`` as given, or net of
        ``order_item_tax`` when it includes tax (``prices_inc_tax`` or the item's flag)."""
        inc_tax = bool(d.params.get("prices_inc_tax"))
        for line in d.lines:
            line.rate = amount(line.item.get("order_item_tax"), "order_item_tax")
            given = line.item.get("order_item_price")
            line.price = amount(self.list_price(line) if given in (None, "") else given,
                                "order_item_price", required=True)
            if inc_tax or line.item.get("order_item_price_includes_tax"):
                line.price = line.price / (1 + line.rate / 100)

    def list_price(self, line: Line) -> Any:
        """A line's price when the item gives none; None (the price is required) unless the
        cart takes the catalogue's."""
        return None

    def totals(self, d: OrderDraft) -> Totals:
        """The order's totals in its currency: each as given, else computed from the lines."""
        given, p = d.given, d.params
        item_tax = sum(line.tax * line.quantity for line in d.lines)
        if "subtotal_price" in given:
            inc_tax = bool(p.get("prices_inc_tax"))
            subtotal = amount(given["subtotal_price"], "subtotal_price") - (item_tax if inc_tax else 0)
        else:
            subtotal = sum(line.total for line in d.lines)
        shipping = amount(p.get("shipping_price"), "shipping_price")
        tax = (amount(given["tax_price"], "tax_price") if "tax_price" in given
               else item_tax + amount(p.get("shipping_tax"), "shipping_tax"))
        discount = amount(p.get("discount"), "discount") + amount(p.get("coupon_discount"),
                                                                  "coupon_discount")
        gift = amount(p.get("gift_certificate_discount"), "gift_certificate_discount")
        total = (amount(given["total_price"], "total_price") if "total_price" in given
                 else subtotal + shipping + tax - discount - gift)
        return Totals(subtotal, shipping, tax, discount, gift, total)

    @staticmethod
    def refuse_short(d: OrderDraft, takes: Callable[[Line], Iterable[tuple[str, int, Any]]]) -> None:
        """For :meth:`check_stock`: ``takes(line)`` names what a line takes stock from, as
        ``(kind, id, units in stock)``; every such thing must hold what all lines together
        take, else 109 naming ``order_item`` with what is short."""
        need: dict[tuple[str, int], list[int]] = {}
        for line in d.lines:
            for kind, ident, have in takes(line):
                need.setdefault((kind, ident), [0, int(have or 0)])[0] += line.quantity
        for (kind, ident), (wanted, have) in need.items():
            if have < wanted:
                raise ApiError(ReturnCode.INCORRECT_VALUE,
                               f"Parameter 'order_item' is not valid: {kind} {ident} has {have} "
                               f"in stock, the order takes {wanted} (inventory_behaviour="
                               f"{d.behaviour}; the store does not sell without stock).")

    @staticmethod
    def pairs(item: dict[str, Any], key: str) -> list[tuple[str, str]]:
        """An item's ``order_item_option`` or ``order_item_property`` objects (:data:`ITEM_PAIRS`)
        as stripped ``(name, value)`` pairs, those without a name left out; 109 naming ``key``
        unless it is a list of objects."""
        given = item.get(key) or []
        if not isinstance(given, list) or not all(isinstance(o, dict) for o in given):
            raise ApiError.invalid(key, "a list of objects with a name and a value")
        name, value = ITEM_PAIRS[key]
        found = [(str(o.get(name) or "").strip(), "" if o.get(value) is None else str(o[value]).strip())
                 for o in given]
        return [(n, v) for n, v in found if n]

    @staticmethod
    def need_products(d: OrderDraft, found: Container[int]) -> None:
        """404 naming the ``order_item_id`` of the first line whose product is not ``found``."""
        for line in d.lines:
            if line.product_id not in found:
                raise ApiError.not_found("Product", line.item["order_item_id"])

    # -- the cart's steps ----------------------------------------------------------------------
    async def prepare(self, conn: Any, d: OrderDraft) -> None:
        """Settings, store, currency, customer and addresses, into ``d.ctx``."""

    async def resolve_lines(self, conn: Any, d: OrderDraft) -> None:
        """Read the products the lines name (404s), into each line's ``extra``."""

    async def check_stock(self, conn: Any, d: OrderDraft) -> None:
        """Refuse an order the store's stock policy refuses."""

    async def insert_order(self, conn: Any, d: OrderDraft) -> Any:
        """The order row's INSERT (its insert id becomes ``d.order``)."""
        raise NotImplementedError

    async def order_rows(self, conn: Any, d: OrderDraft) -> None:
        """The order's further rows (meta, addresses...), once ``d.order`` names its id."""

    async def insert_lines(self, conn: Any, d: OrderDraft) -> None:
        """The line rows (and their options) into ``d.batch``."""

    async def insert_totals(self, conn: Any, d: OrderDraft) -> None:
        """Total rows, for carts that keep them apart from the order row."""

    async def history(self, conn: Any, d: OrderDraft) -> None:
        """The first status history row, and what the cart counts beside it."""

    async def stock(self, conn: Any, d: OrderDraft) -> None:
        """Stock statements, when ``inventory_behaviour`` asks for them."""

    def result(self, d: OrderDraft, written: Sequence[Written]) -> dict[str, Any]:
        assert d.order is not None
        oid = str(written[d.order.index].insert_id)
        return {"order_id": oid, "id": oid}
