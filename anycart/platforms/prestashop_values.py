"""PrestaShop's own values, read alike by its two ways in: the bridge's SQL driver
(:mod:`anycart.platforms.prestashop`, the shop's tables) and the webservice
(:mod:`anycart.platforms.prestashop_api`, ``/api``). One store model: a value means the same
whichever way it was read, so it is written down once, here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from anycart.model import OrderTotals

#: ``product.visibility`` <-> the contract's ``visible``.
VISIBILITY = {"everywhere": "both", "catalog": "catalog", "search": "search", "nowhere": "none"}
#: The contract's ``visible`` of a ``product.visibility``.
VISIBLE = {v: k for k, v in VISIBILITY.items()}
#: ``customer.id_gender`` of a fresh PrestaShop install (1 Mr, 2 Mrs).
GENDERS = {"1": "male", "2": "female"}


def image_path(id_image: int | str) -> str:
    """Where PrestaShop keeps an image file: ``img/p/1/2/3/123.jpg`` for image 123."""
    digits = "/".join(str(id_image))
    return f"img/p/{digits}/{id_image}.jpg"


# -- what a product, a combination and an order's totals mean (read alike from rows and records)
def on(value: Any) -> bool:
    """A PrestaShop flag: ``1`` from the tables, ``"1"`` from the webservice."""
    return str(value).strip().lower() in ("1", "true")


def product_type(has_combinations: bool, is_virtual: Any) -> str:
    """The contract's type: ``configurable`` with combinations, else virtual or simple."""
    return "configurable" if has_combinations else "virtual" if on(is_virtual) else "simple"


def viewable(active: Any, visibility: Any) -> bool:
    """Shown in the shop: active and visible somewhere (``visibility`` not ``none``)."""
    return on(active) and str(visibility or "both") != "none"


def for_sale(active: Any, available_for_order: Any) -> bool:
    return on(active) and on(available_for_order)


def with_impact(base: Any, impact: Any) -> float:
    """A combination's price or weight as the shop shows it: the product's plus its impact."""
    return round(float(base or 0) + float(impact or 0), 6)


def child_name(product: Any, labels: Iterable[Any]) -> str | None:
    """A combination's name: ``<product> - <attribute>, <attribute>`` (the product's alone
    without attributes)."""
    label = ", ".join(str(v) for v in labels if v)
    return f"{product or ''} - {label}" if label else (str(product) if product else None)


def child_cost(own: Any, product: Any) -> float | None:
    """A combination's cost: its own wholesale price, else the product's."""
    cost = float(own) if own not in (None, "") else 0.0
    return cost or (float(product) if product not in (None, "") else None)


def _money(o: Mapping[str, Any], *names: str) -> float | None:
    """The first of ``names`` that is not zero, else 0 when one is given (None when none is)."""
    given = [float(o[n]) for n in names if o.get(n) not in (None, "")]
    return next((v for v in given if v), given[0] if given else None)


def order_totals(o: Mapping[str, Any]) -> OrderTotals:
    """An ``orders`` row's totals: paid, products, shipping and discounts with tax (the
    webservice may leave those out: the plain ones then), tax the paid total's less the
    paid without tax."""
    total = _money(o, "total_paid_tax_incl", "total_paid")
    return OrderTotals(total=total, subtotal=_money(o, "total_products"),
                       shipping=_money(o, "total_shipping_tax_incl", "total_shipping"),
                       tax=round((total or 0) - float(o.get("total_paid_tax_excl") or 0), 6),
                       discount=_money(o, "total_discounts_tax_incl", "total_discounts"))
