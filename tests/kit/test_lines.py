"""kit.lines on a made-up cart whose order lines are ``rows`` of ``ref``, ``qty``, ``unit``,
``taxes`` (each ``{"amt"}``), ``opts`` (each ``{"label", "pick"}``) and a ``wh`` warehouse."""

from __future__ import annotations

from anycart import model as U
from anycart.platforms.kit.fields import Field, number, same
from anycart.platforms.kit.lines import Lines, amount, percent, summed

OPTION = Lines(U.OrderItemOption, (Field("name", "label", same), Field("value", "pick")))
LINE = Lines(U.OrderItem, (
    Field("order_product_id", "ref"), Field("quantity", "qty", amount),
    Field("price", "unit", number), Field("tax_value", "taxes", summed("amt")),
    Field("options", "opts", OPTION.read)),
    kept=("wh", "gone"),
    more=lambda row, v: {"total_price": round(v["price"] * v["quantity"], 2),
                         "tax_percent": percent(v["tax_value"], v["price"] * v["quantity"])})


def test_a_line_is_its_fields_the_hook_and_the_kept_keys() -> None:
    row = {"ref": 7, "qty": "2", "unit": "4.50", "taxes": [{"amt": "0.45"}, {"amt": 0.455}],
           "opts": [{"label": "Size", "pick": "L"}], "wh": "north", "noise": 1}
    item = LINE.one(row)
    assert (item.order_product_id, item.quantity, item.price) == ("7", 2.0, 4.5)
    assert (item.tax_value, item.total_price, item.tax_percent) == (0.91, 9.0, 10.11)
    assert [(o.name, o.value) for o in item.options] == [("Size", "L")]
    # only the kept keys the row has, as they are; the rest is left out
    assert item.additional_fields == {"wh": "north"}


def test_missing_values_and_lists() -> None:
    assert LINE.read(None) == [] and OPTION.read([]) == []
    item = LINE.one({"unit": "1"})
    assert (item.order_product_id, item.quantity, item.tax_value, item.options) == (
        None, 0, 0, [])
    assert item.tax_percent is None  # no whole to take a part of


def test_dotted_names_build_a_part() -> None:
    lines = Lines(U.ReturnOrderProduct, (Field("reason.id", "why", same),
                                          Field("reason.name", "why", str.title)))
    [product] = lines.read([{"why": "too small"}])
    assert (product.reason.id, product.reason.name) == ("too small", "Too Small")
