"""One store model, two ways in: the webservice simulator's ``schema=synopsis`` answers
agree with the tables the bridge's PrestaShop driver reads (``schema.sql``, the columns its
SqlEntity declarations select), table by table.

The synopsis comes from each ObjectModel's ``$definition`` (``sim_resources.json``);
``schema.sql`` is PrestaShop's install SQL. Where the two legitimately differ, the
difference is listed below with PrestaShop's reason, so any other drift fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from lxml import etree

import anycart.platforms.prestashop as bridge
from anycart.platforms.prestashop import entities as driver

from .sim_client import http, sim, xml  # noqa: F401  (fixtures)

_SQL = (Path(bridge.__file__).parent / "schema.sql").read_text(encoding="utf-8")
_TABLE = re.compile(r"CREATE TABLE (?:IF NOT EXISTS )?`\{PREFIX\}(\w+)` \((.*?)\n\)", re.S)
_COLUMN = re.compile(r"^\s*`?([a-z0-9_]+)`?\s+(\w+)(?:\((\d+)(?:,\s*\d+)?\))?", re.I)


def _tables() -> dict[str, dict[str, tuple[str, int | None]]]:
    """table -> column -> (SQL type, length)."""
    out: dict[str, dict[str, tuple[str, int | None]]] = {}
    for name, body in _TABLE.findall(_SQL):
        cols = {}
        for line in body.splitlines():
            m = _COLUMN.match(line)
            if m and m.group(1).upper() not in ("PRIMARY", "KEY", "UNIQUE", "INDEX"):
                cols[m.group(1)] = (m.group(2).lower(), int(m.group(3)) if m.group(3) else None)
        out[name] = cols
    return out


TABLES = _tables()
#: resource -> (main table, its primary key)
RESOURCES = {"products": ("product", "id_product"),
             "combinations": ("product_attribute", "id_product_attribute"),
             "categories": ("category", "id_category"),
             "customers": ("customer", "id_customer"),
             "addresses": ("address", "id_address"),
             "orders": ("orders", "id_order"),
             "order_details": ("order_detail", "id_order_detail"),
             "order_carriers": ("order_carrier", "id_order_carrier"),
             "stock_availables": ("stock_available", "id_stock_available")}
#: Columns of the install SQL that the ObjectModel does not declare, and why.
NOT_DECLARED = {
    # deprecated columns: the webservice's quantity is a getter, out_of_stock lives on
    # stock_available since 1.5
    "product": {"quantity", "out_of_stock"},
    "stock_available": {"physical_quantity", "reserved_quantity"},  # kept by StockManager
    "address": {"active"},  # added by an upgrade script, never in Address::$definition
}
#: Fields whose ``$definition`` size is larger than the install SQL's column: Product says
#: 255 for ``meta_title`` while ``product_lang.meta_title`` is varchar(128) in this schema
#: (PrestaShop's own mismatch: a longer title fails in MySQL, not in validation).
LONGER_THAN_COLUMN = {("products", "meta_title")}
#: Fields the webservice hides (``hidden_fields``) though the driver reads the column.
HIDDEN = {"category": {"nleft", "nright"}}


async def _synopsis(http: httpx.AsyncClient, resource: str) -> etree._Element:
    r = await http.get(f"/api/{resource}", params={"schema": "synopsis"})
    assert r.status_code == 200
    node = xml(r)[0]
    return node


def _fields(node: etree._Element) -> dict[str, etree._Element]:
    return {f.tag: f for f in node if f.tag != "associations"
            and f.get("notFilterable") != "true"}


@pytest.mark.parametrize("resource", list(RESOURCES))
async def test_synopsis_fields_are_the_tables_columns(http: httpx.AsyncClient,
                                                      resource: str) -> None:
    table, key = RESOURCES[resource]
    main = TABLES[table]
    lang = {c: t for c, t in TABLES.get(table + "_lang", {}).items()
            if c not in (key, "id_lang", "id_shop")}
    shop = {c: t for c, t in TABLES.get(table + "_shop", {}).items()
            if c not in (key, "id_shop")}
    fields = _fields(await _synopsis(http, resource))
    translated = {n for n, f in fields.items() if f.find("language") is not None}
    # every declared field is a column of its table, its _lang table (multilingual ones)
    # or its _shop table
    assert translated <= set(lang), translated - set(lang)
    plain = set(fields) - translated
    assert plain <= set(main) | set(shop), plain - set(main) - set(shop)
    # every column is declared, but for the listed exceptions
    expected = set(main) - {key} - NOT_DECLARED.get(table, set()) - HIDDEN.get(table, set())
    assert expected <= plain, expected - plain
    assert set(lang) <= translated, set(lang) - translated
    # maxSize never exceeds what the column holds
    for name, f in fields.items():
        sql_type, length = (main | shop | lang).get(name, ("", None))
        if f.get("maxSize") and sql_type == "varchar" and (
                resource, name) not in LONGER_THAN_COLUMN:
            assert length is not None and int(f.get("maxSize") or 0) <= length, name


async def test_order_rows_are_order_detail_columns(http: httpx.AsyncClient) -> None:
    node = await _synopsis(http, "orders")
    rows = node.find("associations/order_rows")
    assert rows is not None and rows.get("virtualEntity") == "true"
    names = {f.tag for f in rows[0]} - {"id"}
    assert names and names <= set(TABLES["order_detail"]), names - set(TABLES["order_detail"])


#: SqlEntity of the bridge driver -> (its alias -> the table it names, the resource)
_DRIVER = {driver.Products: ({"p": "product", "pl": "product_lang", "ps": "product_shop"},
                             "products"),
           driver.ChildItems: ({"pa": "product_attribute"}, "combinations"),
           driver.Categories: ({"c": "category", "cl": "category_lang"}, "categories"),
           driver.Customers: ({"c": "customer"}, "customers"),
           driver.Orders: ({"o": "orders"}, "orders")}


@pytest.mark.parametrize("entity", list(_DRIVER), ids=lambda e: e.__name__)
async def test_what_the_driver_reads_the_webservice_declares(
        http: httpx.AsyncClient, entity: type) -> None:
    aliases, resource = _DRIVER[entity]
    table, key = RESOURCES[resource]
    fields = set(_fields(await _synopsis(http, resource)))
    read = {(alias, col) for alias, col in re.findall(r"\b([a-z]+)\.([a-z_0-9]+)",
                                                       str(entity.columns))
            if alias in aliases}
    assert read, f"{entity.__name__} reads none of {sorted(aliases)}"
    hidden = HIDDEN.get(table, set())
    missing = {f"{a}.{c}" for a, c in read if c != key and c not in fields and c not in hidden}
    assert not missing, missing
