"""Issue 12 items 2 and 5: SEO keywords and deletes as OpenCart's own admin writes them
(admin/model/catalog/product.php, category.php, customer/customer.php in 3.0.4.1 and 4.0.2.3)."""

from __future__ import annotations

from anycart.errors import ReturnCode
from anycart.platforms.bridge.sqlkit import insert

from .conftest import run
from .test_driver import call, code_of


def rows(oc, sql, params=()):
    return run(oc.db.select(sql, list(params)))


def seo_rows(oc, key, ident):
    if oc.version.startswith("4"):
        return rows(oc, "SELECT store_id, language_id, keyword, sort_order FROM {p}seo_url "
                        "WHERE `key` = ? AND value = ?", [key, str(ident)])
    return rows(oc, "SELECT store_id, language_id, keyword FROM {p}seo_url WHERE query = ?",
                [f"{key}={ident}"])


def test_product_add_writes_a_slug_keyword_unique_in_the_store(oc):
    first = call(oc, "product.add", {"name": "Café Crème Mug", "model": "m", "price": 1})["product_id"]
    second = call(oc, "product.add", {"name": "Café Crème Mug", "model": "m", "price": 1})["product_id"]
    assert [r["keyword"] for r in seo_rows(oc, "product_id", first)] == ["cafe-creme-mug"]
    assert [r["keyword"] for r in seo_rows(oc, "product_id", second)] == ["cafe-creme-mug-2"]
    row = seo_rows(oc, "product_id", first)[0]
    assert (row["store_id"], row["language_id"]) == (0, 1)
    if oc.version.startswith("4"):
        assert row["sort_order"] == 0
    assert call(oc, "product.info", {"id": second})["seo_url"] == "cafe-creme-mug-2"


def test_given_keyword_is_checked_as_the_admin_checks_it(oc):
    pid = call(oc, "product.add", {"name": "Kettle", "model": "k", "price": 1, "seo_url": "my-kettle"})["product_id"]
    assert [r["keyword"] for r in seo_rows(oc, "product_id", pid)] == ["my-kettle"]
    for bad in ("x" * 65, "with space", "a/b"):
        assert code_of(oc, "product.add", {"name": "K", "model": "k", "price": 1,
                                           "seo_url": bad}) == ReturnCode.INCORRECT_VALUE
    # Taken by another product: refused; the product's own keyword may be given again.
    assert code_of(oc, "product.update", {"id": "1", "seo_url": "my-kettle"}) == ReturnCode.INCORRECT_VALUE
    assert call(oc, "product.update", {"id": pid, "seo_url": "my-kettle"}) == {"updated_items": 1}
    assert call(oc, "product.update", {"id": pid, "seo_url": "kettle-2000"}) == {"updated_items": 1}
    assert [r["keyword"] for r in seo_rows(oc, "product_id", pid)] == ["kettle-2000"]


def test_product_update_fills_a_missing_keyword(oc):
    pid = call(oc, "product.add", {"name": "Lamp Shade", "model": "l", "price": 1})["product_id"]
    run(oc.db.write(run(run(oc.seo()).delete("product_id", [int(pid)]))))
    assert seo_rows(oc, "product_id", pid) == []
    call(oc, "product.update", {"id": pid, "price": 2})
    assert [r["keyword"] for r in seo_rows(oc, "product_id", pid)] == ["lamp-shade"]


def test_category_keywords(oc):
    v4 = oc.version.startswith("4")
    top = call(oc, "category.add", {"name": "Garden Tools"})["category_id"]
    sub = call(oc, "category.add", {"name": "Spades", "parent_id": top})["category_id"]
    if v4:  # key path, value the path ids, keyword behind the parent's
        assert [r["keyword"] for r in seo_rows(oc, "path", top)] == ["garden-tools"]
        assert [r["keyword"] for r in seo_rows(oc, "path", f"{top}_{sub}")] == ["garden-tools/spades"]
    else:
        assert [r["keyword"] for r in seo_rows(oc, "category_id", sub)] == ["spades"]
    assert call(oc, "category.info", {"id": sub})["seo_url"] == "spades"
    # Moved under 101 (Apparel) and renamed: the rows under it move too (editCategory).
    call(oc, "category.update", {"id": top, "parent_id": "101", "seo_url": "tools"})
    if v4:
        assert seo_rows(oc, "path", top) == []
        assert [r["keyword"] for r in seo_rows(oc, "path", f"101_{top}")] == ["apparel/tools"]
        assert [r["keyword"] for r in seo_rows(oc, "path", f"101_{top}_{sub}")] == ["apparel/tools/spades"]
    else:
        assert [r["keyword"] for r in seo_rows(oc, "category_id", top)] == ["tools"]
    assert call(oc, "category.info", {"id": top})["seo_url"] == "tools"
    # A keyword another category has ("apparel" itself, or a leaf behind a parent) is refused.
    assert code_of(oc, "category.add", {"name": "X", "seo_url": "apparel"}) == ReturnCode.INCORRECT_VALUE
    if v4:
        assert code_of(oc, "category.add", {"name": "X", "seo_url": "spades"}) == ReturnCode.INCORRECT_VALUE
    call(oc, "category.delete", {"id": top})
    leftovers = rows(oc, "SELECT COUNT(*) AS n FROM {p}seo_url WHERE keyword LIKE '%tools%'")
    assert leftovers[0]["n"] == 0


def _fill(oc, table, columns):
    run(oc.db.write([insert(table, columns)]))


def test_product_delete_clears_what_the_admin_clears(oc):
    v4 = oc.version.startswith("4")
    pid = int(call(oc, "product.add", {"name": "Doomed", "model": "d", "price": 1})["product_id"])
    other = 2
    _fill(oc, "review", {"product_id": pid, "customer_id": 0, "author": "a", "text": "t", "rating": 5,
                         "status": 1, "date_added": "2025-01-01 00:00:00", "date_modified": "2025-01-01 00:00:00"})
    _fill(oc, "coupon_product", {"coupon_id": 1, "product_id": pid})
    _fill(oc, "product_related", {"product_id": other, "related_id": pid})
    _fill(oc, "product_related", {"product_id": pid, "related_id": other})
    tables = ["review", "coupon_product", "product_related", "seo_url"]
    if v4:
        _fill(oc, "product_report", {"product_id": pid, "store_id": 0, "ip": "1.2.3.4", "country": "",
                                     "date_added": "2025-01-01 00:00:00"})
        _fill(oc, "product_subscription", {"product_id": pid, "customer_group_id": 1,
                                           "subscription_plan_id": 1, "trial_price": 0, "price": 0})
        tables += ["product_report", "product_subscription"]
    else:
        _fill(oc, "product_recurring", {"product_id": pid, "recurring_id": 1, "customer_group_id": 1})
        tables += ["product_recurring"]
    call(oc, "product.delete", {"id": str(pid)})
    for table in tables:
        if table == "seo_url":
            assert seo_rows(oc, "product_id", pid) == []
        elif table == "product_related":
            assert rows(oc, "SELECT 1 FROM {p}product_related WHERE product_id = ? OR related_id = ?",
                        [pid, pid]) == [], table
        else:
            assert rows(oc, f"SELECT 1 FROM {{p}}{table} WHERE product_id = ?", [pid]) == [], table


def test_category_delete_clears_coupon_links(oc):
    cid = int(call(oc, "category.add", {"name": "Short Lived"})["category_id"])
    _fill(oc, "coupon_category", {"coupon_id": 7, "category_id": cid})
    call(oc, "category.delete", {"id": str(cid)})
    assert rows(oc, "SELECT 1 FROM {p}coupon_category WHERE category_id = ?", [cid]) == []


def test_customer_delete_clears_what_the_admin_clears(oc):
    v4 = oc.version.startswith("4")
    cid = int(call(oc, "customer.add", {"email": "gone@example.com", "first_name": "G",
                                        "last_name": "One"})["customer_id"])
    stamp = "2025-01-01 00:00:00"
    filled = {
        "customer_activity": {"customer_id": cid, "key": "login", "data": "{}", "ip": "1.1.1.1",
                              "date_added": stamp},
        "customer_ip": {"customer_id": cid, "ip": "1.1.1.1", "country": "", "date_added": stamp},
        "customer_transaction": {"customer_id": cid, "order_id": 0, "description": "d", "amount": 1,
                                 "date_added": stamp},
        "customer_reward": {"customer_id": cid, "order_id": 0, "description": "d", "points": 1,
                            "date_added": stamp},
        "customer_history": {"customer_id": cid, "comment": "c", "date_added": stamp},
        "customer_approval": {"customer_id": cid, "type": "customer", "date_added": stamp},
    }
    if v4:
        filled["customer_wishlist"] = {"customer_id": cid, "product_id": 1, "date_added": stamp}
        filled["customer_ip"]["store_id"] = 0
    else:
        filled["customer_ip"].pop("country")
    for table, columns in filled.items():
        _fill(oc, table, columns)
    call(oc, "customer.delete", {"id": str(cid)})
    for table in filled:
        assert rows(oc, f"SELECT 1 FROM {{p}}{table} WHERE customer_id = ?", [cid]) == [], table
