"""Records a page names by id, read once a page (``kit.related``), and field maps reading
into a part of the unified record (a dotted unified name: ``totals.tax``)."""

from __future__ import annotations

from typing import Any

from anycart import model as U
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import Field, number, read
from anycart.platforms.kit.related import Related, ids_of, load

ORDERS = [{"id": 1, "id_customer": "7", "id_address": "3", "associations": {"tags": [{"id": "9"}, {"id": 4}]}},
          {"id": 2, "id_customer": "0", "id_address": "3", "associations": {"tags": []}},
          {"id": 3, "id_customer": "5", "id_address": None}]
TABLES: dict[str, list[dict[str, Any]]] = {
    "customers": [{"id": "5", "name": "Ann"}, {"id": "7", "name": "Bob"}, {"id": "8", "name": "Cy"}],
    "addresses": [{"id": "3", "id_country": "21"}],
    "countries": [{"id": "21", "iso": "US"}, {"id": "8", "iso": "FR"}],
    "notes": [{"id": "n1", "id_order": "1"}, {"id": "n2", "id_order": "3"}],
}


def test_ids_of_reads_one_id_a_list_of_ids_and_association_records_and_skips_none():
    assert ids_of(ORDERS, ("id_customer",)) == "5,7"  # 0: a guest, no record
    assert ids_of(ORDERS, ("id_address", "associations.tags")) == "3,4,9"
    assert ids_of([{"x": [1, 2]}, {"x": None}], ("x",)) == "1,2"
    assert ids_of([], ("id",)) == ""


async def test_load_reads_each_kind_once_by_the_ids_a_page_names():
    asked: list[tuple[str, dict[str, Any]]] = []

    async def read(path: str, query: dict[str, Any]) -> list[dict[str, Any]]:
        asked.append((path, query))
        (by, ids), = query.items()
        return [r for r in TABLES[path] if str(r[by]) in ids.split(",")]

    related = (Related("buyers", "customers", ("id_customer",)),
               Related("addresses", "addresses", ("id_address",)),
               Related("countries", "countries", ("id_country",), source="addresses"),
               Related("notes", "notes", ("id",), by="id_order"))
    out = await load(related, ORDERS, read)
    assert set(out["buyers"]) == {"5", "7"} and out["buyers"]["7"]["name"] == "Bob"
    assert list(out["countries"]) == ["21"]  # read from the addresses read first
    assert set(out["notes"]) == {"n1", "n2"}  # keyed by the related record's own id
    assert asked == [("customers", {"id": "5,7"}), ("addresses", {"id": "3"}),
                     ("countries", {"id": "21"}), ("notes", {"id_order": "1,2,3"})]
    asked.clear()
    assert await load(related[:1], [{"id": 4, "id_customer": "0"}], read) == {"buyers": {}}
    assert asked == []  # a page naming none reads nothing


def test_a_dotted_unified_name_reads_into_a_part():
    fields = (Field("id", "id"), Field("customer.email", "email"), Field("totals.total", "total", number),
              Field("totals.tax", "tax", number))
    assert read(fields, {"id": 4, "email": "a@b.c", "total": "9.5"}) == {
        "id": "4", "customer": {"email": "a@b.c"}, "totals": {"total": 9.5, "tax": None}}
    order = Entity(name="order", label="Order", path="orders", id_field="id", model=U.Order, fields=fields)
    wire = order.to_unified({"id": 4, "email": "a@b.c", "total": "9.5", "note": "x"})
    assert wire["customer"]["email"] == "a@b.c" and wire["customer"]["id"] is None
    assert wire["totals"]["total"] == 9.5 and wire["additional_fields"] == {"note": "x"}


def test_a_hooks_part_joins_the_part_the_field_map_read():
    order = Entity(name="order", label="Order", path="orders", id_field="id", model=U.Order,
                   fields=(Field("id", "id"), Field("totals.total", "total", number)),
                   mapped=lambda r, _: {"totals": {"subtotal": 2.0}, "comment": "hook"})
    wire = order.to_unified({"id": 1, "total": "5"})
    assert (wire["totals"]["total"], wire["totals"]["subtotal"], wire["comment"]) == (5.0, 2.0, "hook")
