"""The WordPress declarations on their own (bridge.wp_entities), and the value helpers they
brought to the shared kit (values.email, values.boolean, address.book); a real SQLite
database holds the options (the WooCommerce tests run them on MariaDB through the bridge)."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.bridge.address import book
from anycart.platforms.bridge.phpserial import dumps
from anycart.platforms.bridge.values import boolean, email
from anycart.platforms.bridge.wordpress import Site
from anycart.platforms.bridge.wp_entities import PostImages, Terms, Users, role_list
from anycart.platforms.bridge.writes import Part, Writes


class Sqlite:
    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("CREATE TABLE wp_options (option_id INTEGER PRIMARY KEY, option_name TEXT, "
                          "option_value TEXT)")
        roles = {"administrator": {"name": "Administrator"}, "customer": {"name": "Customer"},
                 "shop_manager": {"name": "Shop manager"}}
        self.conn.execute("INSERT INTO wp_options (option_name, option_value) VALUES (?, ?)",
                          ["wp_user_roles", dumps(roles)])

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql.replace("{p}", "wp_"), list(params))]


class Conn:
    def __init__(self) -> None:
        self.db = Sqlite()
        self.wp = Site(self.db)  # type: ignore[arg-type]


def test_roles_are_the_customer_groups_and_a_role_is_checked() -> None:
    conn = Conn()
    page = asyncio.run(role_list(conn, Call("customer.group.list", {"group_ids": "customer,shop_manager"})))
    assert [(g["id"], g["name"]) for g in page.items] == [("customer", "Customer"),
                                                         ("shop_manager", "Shop manager")]
    assert page.total == 2
    assert asyncio.run(conn.wp.role("customer")) == "customer"
    with pytest.raises(ApiError, match="group_id"):
        asyncio.run(conn.wp.role("pirate"))
    assert asyncio.run(Users().given_role(conn, {"group": "administrator"})) == "administrator"
    assert asyncio.run(Users().given_role(conn, {})) is None


def test_users_apply_their_filters_and_find_whole_words_only() -> None:
    applied = Users().applied()
    assert applied["customer.find"] == {"find_value", "find_where"}
    assert {"group_id", "created_from", "created_to", "avail", "ids", "since_id"} <= applied["customer.list"]
    assert "modified_from" not in applied["customer.list"]  # no modified column: a cart declares one


class Brands(Terms):
    method, label, plural = "category", "Brand", "brands"
    taxonomy, post_type = "pa_brand", "product"
    writes = Writes(main=Part("terms", "term_id"), spec=(("name", "terms.name", lambda n, v: str(v)),))


def test_a_taxonomy_declares_its_scope_filters_and_write_sets() -> None:
    brands = Brands()
    assert brands.scope == ("tt.taxonomy = 'pa_brand'",)
    assert set(brands.filters) == {"parent_id", "avail"}
    assert brands.written() == {
        "category.add": {"name", "parent_id", "seo_url"}, "category.update": {"name", "parent_id", "seo_url", "id"},
        "category.delete": {"id"}, "category.assign": {"category_id", "product_id"},
        "category.unassign": {"category_id", "product_id"}}
    assert sorted(brands.write_handlers()) == ["category_add", "category_assign", "category_delete",
                                               "category_unassign", "category_update"]


def test_email_boolean_and_the_address_book() -> None:
    assert email(" a@b.test ", "email") == "a@b.test"
    for bad in ("nobody", "x" * 95 + "@b.test"):
        with pytest.raises(ApiError, match="'email'"):
            email(bad, "email")
    assert (boolean("true"), boolean(0)) == (1, 0)
    with pytest.raises(ValueError, match="boolean"):
        boolean("maybe")
    assert book(None) == []
    assert book([{"address_book_city": "Oslo", "address_book_type": "billing", "city": "Bergen"}]) == [
        {"city": "Bergen", "type": "billing"}]  # a bare key given too wins
    with pytest.raises(ApiError, match="'address'"):
        book({"city": "Oslo"})


def test_a_posts_images_are_its_featured_one_then_its_gallery() -> None:
    images = PostImages("product", "_gallery")
    meta = {"_thumbnail_id": "7", "_gallery": "9, 8,x,"}
    assert images.ids(meta) == [(7, "base"), (9, "additional"), (8, "additional")]
    assert images.ids({"_thumbnail_id": "0"}) == []
    assert PostImages("download").ids(meta) == [(7, "base")]  # no gallery kept
    assert images.written() == {
        "product.image.add": {"product_id", "type", "url", "content", "image_name", "label", "mime"},
        "product.image.delete": {"id", "product_id"}}


class Terms3(Sqlite):
    """Sqlite with WordPress's three term tables: product_visibility's flags, one linked."""

    def __init__(self) -> None:
        super().__init__()
        c = self.conn
        c.execute("CREATE TABLE wp_terms (term_id INTEGER PRIMARY KEY, name TEXT, slug TEXT)")
        c.execute("CREATE TABLE wp_term_taxonomy (term_taxonomy_id INTEGER PRIMARY KEY, term_id INTEGER, "
                  "taxonomy TEXT, count INTEGER)")
        c.execute("CREATE TABLE wp_term_relationships (object_id INTEGER, term_taxonomy_id INTEGER, "
                  "term_order INTEGER)")
        for n, (taxonomy, slug) in enumerate([("product_visibility", "exclude-from-search"),
                                              ("product_visibility", "exclude-from-catalog"),
                                              ("product_visibility", "featured"), ("pa_color", "red")], 1):
            c.execute("INSERT INTO wp_terms VALUES (?, ?, ?)", [n * 10, slug, slug])
            c.execute("INSERT INTO wp_term_taxonomy VALUES (?, ?, ?, ?)", [n, n * 10, taxonomy, 0])
        c.execute("INSERT INTO wp_term_relationships VALUES (7, 1, 0), (7, 3, 0)")


def test_terms_by_slug_and_switching_some_slugs_of_a_taxonomy() -> None:
    from anycart.platforms.bridge.sqlkit import InsertId
    from anycart.platforms.bridge.wordpress import switch_terms, terms_by_slug

    db = Terms3()
    found = asyncio.run(terms_by_slug(db, {("pa_color", "red"), ("pa_color", "blue"), ("product_visibility", "red")}))
    assert found == {("pa_color", "red"): 40}
    assert asyncio.run(terms_by_slug(db, set())) == {}
    managed = ("exclude-from-search", "exclude-from-catalog", "nowhere")
    # object 7 has exclude-from-search and featured: catalog in, search out, featured untouched
    out = asyncio.run(switch_terms(db, 7, "product_visibility", ["exclude-from-catalog"], managed))
    assert [s.params for s in out] == [[7, 1], [1], [7, 2], [2]]
    assert out[0].sql.startswith("DELETE") and out[2].sql.startswith("INSERT")
    assert asyncio.run(switch_terms(db, 7, "product_visibility", ["exclude-from-search"], managed)) == []
    new = asyncio.run(switch_terms(db, InsertId(0), "product_visibility", managed, managed))
    assert [s.params for s in new] == [[InsertId(0), 1, InsertId(0), 2], [1, 2]]


def test_the_terms_of_several_taxonomies_in_one_read() -> None:
    from anycart.platforms.bridge.wordpress import taxonomy_terms

    found = asyncio.run(taxonomy_terms(Terms3(), ["pa_color", "pa_size"]))
    assert [t["slug"] for t in found["pa_color"]] == ["red"] and found["pa_size"] == []
    assert asyncio.run(taxonomy_terms(Terms3(), [])) == {}
