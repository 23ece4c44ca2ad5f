"""bridge.mapper on its own: fields from columns, meta, context and by hand, nested models
and lists, additional_fields, and the SELECT list an SqlEntity reads from the same
declaration (run on a real SQLite table)."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest

from anycart.model import Address, Category, Image, Product, SpecialPrice
from anycart.platforms.base import Call
from anycart.platforms.bridge.mapper import (
    Extras,
    Many,
    Mapper,
    Nested,
    at,
    calc,
    col,
    const,
    ctx,
    meta,
    prefixed,
)
from anycart.platforms.bridge.sqlentity import SqlEntity
from anycart.platforms.bridge.values import number, sid

IMAGE = Mapper(Image, id=at("id", convert=str), http_path=calc(lambda r, c: f"{c['site']}/{r['file']}"),
               sort_order=at("n"), type=const("additional"))
SPECIAL = Mapper(SpecialPrice, value=meta("_sale", number), avail=const(True))
ADDRESS = Mapper(Address, id=const("billing"), city=at("city"), postcode=at("postcode"))
PRODUCT = Mapper(
    Product,
    id=col("p.id", str), name=col("p.title"), price=col("l.min_price", number),
    u_sku=meta("_sku", sid), weight_unit=ctx("unit"),
    url=calc(lambda r, c: f"{c['site']}/p/{r['slug']}", "p.slug"),
    special_price=Nested(SPECIAL, when=lambda r, c: r["_meta"].get("_sale") not in (None, "")),
    images=Many(IMAGE, "_images"),
    additional_fields=Extras(status=col("p.status"), rest=True, skip=("slug",)),
)


def row(**over: Any) -> dict[str, Any]:
    return {"id": 7, "title": "Mug", "min_price": "4.50", "slug": "mug", "status": "publish",
            "stock": "3", "_meta": {"_sku": "M-1", "_sale": "3.5"},
            "_images": [{"id": 11, "file": "a.jpg", "n": 0}], **over}


def test_fields_read_from_columns_meta_context_and_by_hand() -> None:
    p = PRODUCT.read(row(), {"unit": "kg", "site": "https://s"})
    assert (p.id, p.name, p.price, p.u_sku, p.weight_unit) == ("7", "Mug", 4.5, "M-1", "kg")
    assert p.url == "https://s/p/mug"
    assert p.special_price is not None and p.special_price.value == 3.5
    assert [(i.id, i.http_path, i.type) for i in p.images] == [("11", "https://s/a.jpg", "additional")]


def test_none_values_leave_the_models_defaults() -> None:
    p = PRODUCT.read(row(min_price=None, _meta={}, _images=None), {"site": "s"})
    assert p.type == "simple" and p.price is None and p.u_sku is None
    assert p.special_price is None and p.images == []  # when() false: no nested model


def test_additional_fields_hold_named_values_and_every_unread_column() -> None:
    extra = PRODUCT.read(row(), {"site": "s"}).additional_fields
    # stock: read by no field; slug: skipped; _meta/_images: hydrated keys; read columns out
    assert extra == {"status": "publish", "stock": "3"}


def test_the_select_list_is_what_the_fields_read() -> None:
    assert PRODUCT.columns("p.parent") == "p.id, p.title, l.min_price, p.slug, p.status, p.parent"
    assert PRODUCT.reads() >= {"id", "title", "min_price", "status", "_meta"}
    aliased = Mapper(Category, id=col("t.term_id AS id", str), name=col("COUNT(x) as name"))
    assert aliased.read({"id": 3, "name": "2"}).name == "2"  # the AS name is the row key


def test_nested_part_of_a_row_and_many_with_models_kept() -> None:
    book = Mapper(Product, id=const("1"),
                  description=Nested(Mapper(Product, id=at("city")), at=prefixed("_meta", "billing_")))
    assert book.values({"_meta": {"billing_city": "Oslo"}})["description"].id == "Oslo"
    address = Nested(ADDRESS, at=prefixed(None, "ship_")).value({"ship_city": "Rome", "ship_postcode": "1"}, {})
    assert (address.city, address.postcode) == ("Rome", "1")
    assert Nested(ADDRESS, at="none").value({}, {}) is None  # nothing there: no model
    ready = Image(id="9")
    assert Many(IMAGE, "_images").value({"_images": [ready]}, {}) == [ready]


def test_given_values_win_and_extend_overrides_fields() -> None:
    assert PRODUCT.read(row(), {"site": "s"}, name="Cup").name == "Cup"
    cheap = PRODUCT.extend(price=const(1.0), type=const("virtual"))
    p = cheap.read(row(), {"site": "s"})
    assert (p.price, p.type, p.name) == (1.0, "virtual", "Mug")
    assert PRODUCT.read(row(), {"site": "s"}).price == 4.5  # the original is unchanged


def test_wire_is_the_models_wire_dict() -> None:
    wire = PRODUCT.wire(row(_meta={"_sku": "X"}), {"site": "s"})
    assert wire["u_sku"] == "X" and "special_price" not in wire  # Product.to_wire's contract rule
    assert SPECIAL.wire({"_meta": {"_sale": "2"}})["value"] == 2.0  # a plain BaseModel: its dump


def test_a_default_stands_for_none_after_the_converter() -> None:
    m = Mapper(Product, id=const("1"), name=meta("_title", default=""), quantity=meta("_stock", number, 0.0),
               u_sku=col("p.sku", sid, default="none"))
    assert m.values({"_meta": {"_stock": "junk"}, "sku": ""}) == {"id": "1", "name": "", "quantity": 0.0,
                                                                   "u_sku": "none"}
    assert m.values({"_meta": {"_title": "T", "_stock": "2"}, "sku": "S"})["quantity"] == 2.0


def test_a_field_may_be_named_model() -> None:
    from anycart.model import (
        OrderItem,  # OrderItem.model: the mapper's own model is positional only
    )
    assert Mapper(OrderItem, model=at("sku")).read({"sku": "S"}).model == "S"


def test_a_field_the_model_lacks_fails_when_declared() -> None:
    with pytest.raises(TypeError, match="Product has no field nmae"):
        Mapper(Product, nmae=col("p.title"))


# -- on a real table, through SqlEntity ---------------------------------------------------------

class Sqlite:
    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.row_factory = sqlite3.Row
        self.conn.executescript(
            "CREATE TABLE post (id INTEGER PRIMARY KEY, title TEXT, slug TEXT, status TEXT, stock TEXT);"
            "CREATE TABLE lookup (product_id INTEGER, min_price TEXT);"
            "INSERT INTO post VALUES (1, 'Mug', 'mug', 'publish', '3'), (2, 'Cup', 'cup', 'draft', NULL);"
            "INSERT INTO lookup VALUES (1, '4.5'), (2, '2');")

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql.replace("{p}", ""), list(params))]


class Posts(SqlEntity):
    method, label, plural = "product", "Product", "products"
    table, key = "{p}post p", "p.id"
    joins = ("LEFT JOIN {p}lookup l ON l.product_id = p.id",)
    columns, mapper = PRODUCT.columns(), PRODUCT

    async def hydrate(self, conn: Any, rows: list[dict[str, Any]], c: dict[str, Any]) -> None:
        c["site"] = "https://s"
        for r in rows:
            r["_meta"], r["_images"] = {"_sku": f"S{r['id']}"}, []


class Db:
    def __init__(self) -> None:
        self.db = Sqlite()


def test_an_sqlentity_selects_and_maps_from_the_declaration() -> None:
    page = asyncio.run(Posts().run_list(Db(), Call("product.list", {}, start=0, count=10)))
    assert [(p["id"], p["name"], p["price"], p["u_sku"], p["url"]) for p in page.items] == [
        ("1", "Mug", 4.5, "S1", "https://s/p/mug"), ("2", "Cup", 2.0, "S2", "https://s/p/cup")]
    # stock is not selected (no field reads it): additional_fields hold only what was read
    assert page.items[0]["additional_fields"] == {"status": "publish"}


def test_columns_a_computed_value_names_are_read_not_extras() -> None:
    totals = Mapper(Product, id=col("p.id", str),
                    price=calc(lambda r, c: float(r["base"]) + float(r["extra"]), "p.base", "x.v AS extra"),
                    additional_fields=Extras(rest=True))
    assert totals.columns() == "p.id, p.base, x.v AS extra"
    p = totals.read({"id": 1, "base": "2", "extra": "0.5", "stock": 3})
    assert p.price == 2.5 and p.additional_fields == {"stock": 3}


def test_fields_read_alike_are_declared_as_one_group() -> None:
    from anycart.platforms.bridge.mapper import cols, keys

    grouped = Mapper(Product, **cols(str, id="p.id"), **cols(sid, name="pl.name", seo_url="pl.slug"),
                     **keys(number, price="_price"))
    assert grouped.columns() == "p.id, pl.name, pl.slug"
    p = grouped.read({"id": 4, "name": "Mug", "slug": "", "_price": "2.5"})
    assert (p.id, p.name, p.seo_url, p.price) == ("4", "Mug", None, 2.5)


def test_rows_of_a_join_grouped_under_their_parent() -> None:
    from anycart.platforms.bridge.mapper import grouped

    rows = [{"g": 1, "a": 10, "n": "x"}, {"g": 2, "a": 20, "n": "y"}, {"g": 1, "a": 11, "n": "z"},
            {"g": 1, "a": 10, "n": "again"}]
    out = grouped(rows, "g", "a")
    assert [(p["g"], [r["a"] for r in p["_rows"]]) for p in out] == [(1, [10, 11]), (2, [20])]
    assert out[0]["_rows"][0]["n"] == "x"  # the first row of a child wins
