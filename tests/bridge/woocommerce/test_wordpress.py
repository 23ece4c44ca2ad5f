"""The WordPress helpers every WordPress-based cart shares (anycart/platforms/bridge/wordpress.py)
and the PHP serialize() wrapper, on their own: statements as written, no database."""

from __future__ import annotations

from typing import Any

from anycart.platforms.bridge.clock import using_zone, zone_named
from anycart.platforms.bridge.columns import integer, text
from anycart.platforms.bridge.phpserial import dumps, loads
from anycart.platforms.bridge.sqlkit import InsertId, Statement, check_statement
from anycart.platforms.bridge.wordpress import (
    Meta,
    Site,
    delete_posts,
    delete_term,
    insert_comment,
    insert_post,
    insert_user,
    link,
    local,
    meta_delete,
    meta_inserts,
    meta_replace,
    meta_update,
    password_hash,
    set_terms,
    touch_post,
    unlink,
    update,
)
from anycart.platforms.bridge.writes import Part, Writes


class Recorder:
    """An executor that answers canned rows and records what it was asked."""

    def __init__(self, rows: list[list[dict[str, Any]]]) -> None:
        self.rows, self.asked = rows, []

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.asked.append((sql, list(params)))
        return self.rows.pop(0) if self.rows else []

    async def write(self, statements: Any) -> list[Any]:
        raise AssertionError("no writes here")


async def test_options_are_read_once_per_name():
    db = Recorder([[{"option_name": "siteurl", "option_value": "https://a.test"}], []])
    options = Site(db)
    assert await options.get("siteurl", "home") == {"siteurl": "https://a.test", "home": None}
    assert await options.one("siteurl") == "https://a.test" and await options.one("home") is None
    assert await options.get("home", "blogname") == {"home": None, "blogname": None}
    assert [params for _, params in db.asked] == [["siteurl", "home"], ["blogname"]]


def test_meta_rows_store_blank_for_none_and_keep_insert_ids():
    new = InsertId(0)
    (st,) = meta_inserts("postmeta", "post_id", new, {"_sku": None, "_thumbnail_id": InsertId(3), "_qty": 2})
    assert st.params == [new, "_sku", "", new, "_thumbnail_id", InsertId(3), new, "_qty", "2"]
    delete, insert = meta_replace("usermeta", "user_id", 7, {"a": 1, "b": 2})
    assert delete.sql.startswith("DELETE FROM {p}usermeta WHERE user_id = ? AND meta_key IN (?, ?)")
    assert delete.params == [7, "a", "b"] and insert.params == [7, "a", "1", 7, "b", "2"]
    assert meta_inserts("postmeta", "post_id", 1, {}) == meta_replace("postmeta", "post_id", 1, {}) == []
    assert meta_delete("usermeta", "user_id", 7, "a", "b") == delete
    assert meta_delete("postmeta", "post_id", 3, "_thumbnail_id").params == [3, "_thumbnail_id"]


def test_one_meta_key_is_updated_in_place_or_added_and_a_post_save_stamps_it():
    changed = meta_update("wc_orders_meta", "order_id", 4, "_items", "a:0:{}", exists=True)
    assert changed == Statement("UPDATE {p}wc_orders_meta SET meta_value = ? WHERE order_id = ? AND meta_key = ?",
                                ["a:0:{}", 4, "_items"])
    assert meta_update("postmeta", "post_id", 4, "_items", "x", exists=False) == \
        meta_inserts("postmeta", "post_id", 4, {"_items": "x"})[0]
    with using_zone(zone_named("Europe/Berlin")):
        st = touch_post(6, {"post_title": "T"})
        assert local(st.params[2]) == st.params[1] != st.params[2]  # the store's local time, and UTC
    assert st.sql == "UPDATE `{p}posts` SET `post_title` = ?, `post_modified` = ?, `post_modified_gmt` = ? WHERE ID = ?"
    assert st.params[0] == "T" and st.params[-1] == 6
    assert touch_post(6).sql.startswith("UPDATE `{p}posts` SET `post_modified` = ?, `post_modified_gmt` = ?")
    check_statement(st.sql)


TERM = Writes(main=Part("terms", "term_id"), spec=(("name", "terms.name", text()),
                                                   ("sort_order", "termmeta.order", integer)),
              parts=(Meta("termmeta", "term_id", defaults={"order": 0, "display_type": ""}),))


def test_meta_part_writes_key_value_rows_of_the_entity():
    # add: the main row, then one meta row per key, the defaults under what the call gives
    main, meta = TERM.add({"name": "N", "sort_order": "3"}, {})
    assert main.sql.startswith("INSERT INTO `{p}terms`") and list(main.params) == ["N"]
    assert meta.sql.startswith("INSERT INTO {p}termmeta (term_id, meta_key, meta_value)")
    assert meta.params == [InsertId(0), "order", "3", InsertId(0), "display_type", ""]
    # update: only the keys given, each replaced (update_term_meta), after the main row
    out = TERM.update(9, {"name": "M", "sort_order": 5}, {})
    assert [(s.sql, list(s.params)) for s in out] == [
        ("UPDATE {p}terms SET `name` = ? WHERE `term_id` = ?", ["M", 9]),
        *((s.sql, list(s.params)) for s in meta_replace("termmeta", "term_id", 9, {"order": 5}))]
    assert [s.sql.split(" ")[0] for s in TERM.update(9, {"sort_order": 1}, {})] == ["DELETE", "INSERT"]
    assert TERM.update(9, {}, {}) == []


def test_term_links_move_the_counts():
    put, raised = link(5, [11, 12])
    assert put.params == [5, 11, 5, 12] and "count = count + 1" in raised.sql and raised.params == [11, 12]
    taken, lowered = unlink(5, [11])
    assert taken.params == [5, 11] and "count = count - 1" in lowered.sql
    assert link(5, []) == unlink(5, []) == []


async def test_set_terms_replaces_the_objects_terms_of_one_taxonomy():
    db = Recorder([[{"term_taxonomy_id": 3}, {"term_taxonomy_id": 4}]])
    out = await set_terms(db, 5, "product_cat", [7])
    assert db.asked[0][1] == [5, "product_cat"] and "tt.taxonomy = ?" in db.asked[0][0]
    assert out == [*unlink(5, [3, 4]), *link(5, [7])]
    assert await set_terms(Recorder([]), 5, "product_cat", []) == []


def test_a_comment_is_approved_and_dated_in_both_columns():
    with using_zone(zone_named("Europe/Berlin")):
        st = insert_comment(8, "Paid.", "2025-01-15 10:00:00", kind="order_note", author="WooCommerce")
    row = dict(zip(st.sql.split("(", 1)[1].split(")", 1)[0].replace("`", "").split(", "), st.params, strict=True))
    assert (row["comment_post_ID"], row["comment_content"], row["comment_type"]) == (8, "Paid.", "order_note")
    assert (row["comment_date"], row["comment_date_gmt"]) == ("2025-01-15 11:00:00", "2025-01-15 10:00:00")
    assert (row["comment_approved"], row["comment_author"], row["comment_agent"]) == ("1", "WooCommerce", "")
    check_statement(st.sql)


def test_a_post_takes_wordpress_defaults_and_local_dates():
    with using_zone(zone_named("Europe/Berlin")):
        st = insert_post("product", "2025-01-15 10:00:00", post_title="Mug", comment_status="open")
        assert local("2025-07-15 10:00:00") == "2025-07-15 12:00:00"
    row = dict(zip(st.sql.split("(", 1)[1].split(")", 1)[0].replace("`", "").split(", "), st.params, strict=True))
    assert (row["post_date"], row["post_date_gmt"]) == ("2025-01-15 11:00:00", "2025-01-15 10:00:00")
    assert (row["post_modified"], row["post_type"], row["post_title"]) == ("2025-01-15 11:00:00", "product", "Mug")
    assert (row["comment_status"], row["ping_status"], row["to_ping"]) == ("open", "closed", "")
    check_statement(st.sql)  # the bridge runs it as written
    assert update("terms", {"name": "N", "slug": "n"}, "term_id = ?", 9) == Statement(
        "UPDATE `{p}terms` SET `name` = ?, `slug` = ? WHERE term_id = ?", ["N", "n", 9])


async def test_delete_posts_takes_revisions_and_spares_the_named_children():
    db = Recorder([[{"ID": 30}], [{"term_taxonomy_id": 4}]])
    statements = await delete_posts(db, [10, 11], spared="product_variation")
    assert db.asked[0][1] == [10, 11, "revision"] and db.asked[1][1] == [10, 11, 30]
    assert statements[0].params == [4] and "GREATEST(count, 1) - 1" in statements[0].sql
    assert statements[1].params == [10, 11, "revision", "product_variation"]  # children move up
    assert statements[-1] == Statement("DELETE FROM {p}posts WHERE ID IN (?, ?, ?)", [10, 11, 30])
    for st in statements:
        check_statement(st.sql)


def test_php_serialize_round_trip_and_maybe_unserialize():
    value = {"customer": True, "n": 2, "list": ["é", None, 1.5]}
    text = dumps(value)
    assert text == 'a:3:{s:8:"customer";b:1;s:1:"n";i:2;s:4:"list";a:3:{i:0;s:2:"é";i:1;N;i:2;d:1.5;}}'
    assert loads(text) == {"customer": True, "n": 2, "list": {0: "é", 1: None, 2: 1.5}}
    # what is not one whole serialized value comes back as it is (WordPress's maybe_unserialize)
    for raw in ("plain", "", 'a:1:{s:1:"x";b:1;}junk', 's:9:"short";', 'O:8:"stdClass":0:{}'):
        assert loads(raw) == raw
    assert loads(None) is None


def test_password_hash_is_phpass():
    # phpass 0.1's own test vectors (the count character 9 is 2**11 rounds)
    assert password_hash("test12345", salt="IQRaTwmf", log2=11) == "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"
    assert password_hash("test1", salt="aaaaaSXB", log2=11) == "$P$9aaaaaSXBjgypwqm.JsMssPLiS8YQ00"
    first, second = password_hash("s3cret"), password_hash("s3cret")
    # WordPress's own setting (PasswordHash(8) on PHP 5+: 2**13 rounds, "$P$B"), a new salt each time
    assert first.startswith("$P$B") and len(first) == 34 and first != second


async def test_a_user_and_a_term_as_wordpress_writes_and_deletes_them():
    user, meta = insert_user("ann", "ann@example.test", "pw", "2025-01-01 00:00:00", role="customer",
                             prefix="shop_", first="Ann", last="Lee", meta={"billing_email": "ann@example.test"})
    keys = meta.params[1::3]
    assert keys[:3] == ["nickname", "first_name", "last_name"] and keys[-1] == "billing_email"
    assert meta.params[keys.index("shop_capabilities") * 3 + 2] == 'a:1:{s:8:"customer";b:1;}'
    assert meta.params[0] == InsertId(0) and user.params[1].startswith("$P$B") and "Ann Lee" in user.params
    statements = await delete_term(Recorder([[{"parent": 3}]]), 9, 14, "product_cat")
    assert statements[0].params == [3, 9, "product_cat"]  # children move up to the parent
    assert [st.params for st in statements[1:]] == [[14], [9], [14], [9]]
