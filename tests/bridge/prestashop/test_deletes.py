"""Deletes remove what PrestaShop's own delete removes (issue 12, item 5): Product::delete,
Customer::delete, Category::delete and CartRule::delete of PrestaShop 8.1."""

from __future__ import annotations

from .conftest import call, rows

NOW = "2025-01-01 00:00:00"


def run(raw, *statements: tuple[str, tuple]) -> None:
    with raw.cursor() as cur:
        for sql, args in statements:
            cur.execute(sql.replace("{p}", "ps_"), args)
    raw.commit()


def count(raw, table: str, where: str, *args) -> int:
    return rows(raw, f"SELECT COUNT(*) FROM {{p}}{table} WHERE {where}", *args)[0][0]


def cart_rule(raw, rule_id: int, customer: int = 0, product: int | None = None,
              category: int | None = None) -> None:
    statements = [
        ("INSERT INTO {p}cart_rule (id_cart_rule, id_customer, date_from, date_to, code, date_add,"
         " date_upd) VALUES (%s, %s, %s, %s, %s, %s, %s)", (rule_id, customer, NOW, NOW, f"R{rule_id}", NOW, NOW)),
        ("INSERT INTO {p}cart_rule_lang VALUES (%s, 1, 'rule')", (rule_id,)),
        ("INSERT INTO {p}cart_rule_shop VALUES (%s, 1)", (rule_id,)),
        ("INSERT INTO {p}cart_rule_group VALUES (%s, 3)", (rule_id,)),
        ("INSERT INTO {p}cart_rule_product_rule_group VALUES (%s, %s, 1)", (rule_id, rule_id))]
    for kind, item in (("products", product), ("categories", category)):
        if item is not None:
            statements += [
                ("INSERT INTO {p}cart_rule_product_rule (id_product_rule_group, type) VALUES (%s, %s)",
                 (rule_id, kind)),
                ("INSERT INTO {p}cart_rule_product_rule_value SELECT MAX(id_product_rule), %s"
                 " FROM {p}cart_rule_product_rule", (item,))]
    run(raw, *statements)


async def test_product_delete_removes_what_product_delete_removes(ps, raw):
    pid = int((await call(ps, "product.add", name="Doomed", model="DOOM-1", price=5,
                          special_price=4))["product_id"])
    keep = int((await call(ps, "product.add", name="Kept", model="KEEP-1", price=5))["product_id"])
    run(raw,
        ("INSERT INTO {p}feature_value (id_feature_value, id_feature, custom) VALUES (9001, 1, 1), (9002, 1, 0)", ()),
        ("INSERT INTO {p}feature_value_lang VALUES (9001, 1, 'custom'), (9002, 1, 'shared')", ()),
        ("INSERT INTO {p}feature_product VALUES (1, %s, 9001), (1, %s, 9002), (1, %s, 9002)", (pid, pid, keep)),
        ("INSERT INTO {p}tag (id_tag, id_lang, name) VALUES (9001, 1, 'only-doomed'), (9002, 1, 'shared')", ()),
        ("INSERT INTO {p}product_tag VALUES (%s, 9001, 1), (%s, 9002, 1), (%s, 9002, 1)", (pid, pid, keep)),
        ("INSERT INTO {p}cart_product (id_cart, id_product, date_add) VALUES (1, %s, %s)", (pid, NOW)),
        ("INSERT INTO {p}product_attachment VALUES (%s, 1)", (pid,)),
        ("INSERT INTO {p}customization_field (id_customization_field, id_product, type, required)"
         " VALUES (9001, %s, 1, 0)", (pid,)),
        ("INSERT INTO {p}customization_field_lang VALUES (9001, 1, 1, 'Engraving')", ()),
        ("INSERT INTO {p}pack VALUES (%s, %s, 0, 1)", (keep, pid)),
        ("INSERT INTO {p}product_sale VALUES (%s, 3, 1, NULL)", (pid,)),
        ("INSERT INTO {p}search_index VALUES (%s, 77, 1)", (pid,)),
        ("INSERT INTO {p}accessory VALUES (%s, %s), (%s, %s)", (pid, keep, keep, pid)),
        ("INSERT INTO {p}product_carrier VALUES (%s, 2, 1)", (pid,)),
        ("INSERT INTO {p}product_supplier (id_product, id_supplier, id_currency) VALUES (%s, 1, 1)", (pid,)),
        ("INSERT INTO {p}product_download (id_product, date_add) VALUES (%s, %s)", (pid, NOW)),
        ("INSERT INTO {p}product_group_reduction_cache VALUES (%s, 3, 0.1)", (pid,)))
    cart_rule(raw, 9001, product=pid)
    assert count(raw, "specific_price", "id_product = %s", pid) == 1

    await call(ps, "product.delete", id=str(pid))

    for table in ("product", "product_shop", "product_lang", "stock_available", "category_product",
                  "specific_price", "feature_product", "product_tag", "cart_product",
                  "product_attachment", "customization_field", "product_sale", "search_index",
                  "product_carrier", "product_supplier", "product_download",
                  "product_group_reduction_cache"):
        assert count(raw, table, "id_product = %s", pid) == 0, table
    assert count(raw, "feature_value", "id_feature_value = 9001") == 0  # its custom value
    assert count(raw, "feature_value_lang", "id_feature_value = 9001") == 0
    assert count(raw, "feature_value", "id_feature_value = 9002") == 1  # a shared one stays
    assert count(raw, "customization_field_lang", "id_customization_field = 9001") == 0
    assert count(raw, "tag", "id_tag = 9001") == 0 and count(raw, "tag", "id_tag = 9002") == 1
    assert count(raw, "pack", "id_product_item = %s", pid) == 0
    assert count(raw, "accessory", "id_product_1 = %s OR id_product_2 = %s", pid, pid) == 0
    assert count(raw, "cart_rule_product_rule_value", "id_item = %s", pid) == 0
    assert count(raw, "cart_rule_product_rule", "id_product_rule_group = 9001") == 0
    assert count(raw, "cart_rule_product_rule_group", "id_cart_rule = 9001") == 0
    assert count(raw, "product", "id_product = %s", keep) == 1
    assert count(raw, "feature_product", "id_product = %s", keep) == 1
    await call(ps, "product.delete", id=str(keep))


async def test_product_delete_removes_combinations_and_images(ps, raw):
    (pid,), = rows(raw, "SELECT p.id_product FROM {p}product p WHERE p.product_type = 'combinations'"
                        " AND EXISTS (SELECT 1 FROM {p}image i WHERE i.id_product = p.id_product)"
                        " ORDER BY p.id_product DESC LIMIT 1")
    combos = [r[0] for r in rows(raw, "SELECT id_product_attribute FROM {p}product_attribute"
                                      " WHERE id_product = %s", pid)]
    images = [r[0] for r in rows(raw, "SELECT id_image FROM {p}image WHERE id_product = %s", pid)]
    run(raw, ("INSERT INTO {p}product_attribute_lang VALUES (%s, 1, 'now', 'later')", (combos[0],)),
        ("INSERT INTO {p}product_attribute_image VALUES (%s, %s)", (combos[0], images[0])))
    await call(ps, "product.delete", id=str(pid))
    marks = ", ".join(["%s"] * len(combos))
    for table in ("product_attribute_combination", "product_attribute_lang", "product_attribute_image",
                  "product_attribute_shop"):
        assert count(raw, table, f"id_product_attribute IN ({marks})", *combos) == 0, table
    assert count(raw, "stock_available", "id_product = %s", pid) == 0
    assert count(raw, "image_lang", f"id_image IN ({', '.join(['%s'] * len(images))})", *images) == 0


async def test_customer_delete_removes_what_customer_delete_removes(ps, raw):
    cid = int((await call(ps, "customer.add", email="gone@example.test", first_name="Gone",
                          last_name="Soon", address=[{"address_book_address1": "1 Lane",
                                                      "address_book_city": "Paris",
                                                      "address_book_country": "FR"}]))["customer_id"])
    run(raw,
        ("INSERT INTO {p}cart (id_cart, id_carrier, delivery_option, id_lang, id_address_delivery,"
         " id_address_invoice, id_currency, id_customer, id_guest, date_add, date_upd)"
         " VALUES (9001, 1, '', 1, 0, 0, 1, %s, 0, %s, %s)", (cid, NOW, NOW)),
        ("INSERT INTO {p}cart_product (id_cart, id_product, date_add) VALUES (9001, 1, %s)", (NOW,)),
        ("INSERT INTO {p}customer_thread (id_customer_thread, id_lang, id_contact, id_customer, email,"
         " date_add, date_upd) VALUES (9001, 1, 1, %s, 'gone@example.test', %s, %s)", (cid, NOW, NOW)),
        ("INSERT INTO {p}customer_message (id_customer_thread, message, date_add, date_upd)"
         " VALUES (9001, 'Hello', %s, %s)", (NOW, NOW)),
        ("INSERT INTO {p}message (id_customer, id_order, message, date_add) VALUES (%s, 0, 'x', %s)", (cid, NOW)),
        ("INSERT INTO {p}specific_price (id_specific_price_rule, id_cart, id_product, id_shop_group,"
         " id_currency, id_country, id_group, id_customer, id_product_attribute, price, from_quantity,"
         " reduction, reduction_type, `to`, `from`) VALUES (0, 0, 1, 0, 0, 0, 0, %s, 0, 1, 1, 0,"
         " 'amount', %s, %s)", (cid, NOW, NOW)))
    cart_rule(raw, 9002, customer=cid, product=1)
    assert count(raw, "address", "id_customer = %s", cid) == 1

    await call(ps, "customer.delete", id=str(cid))

    for table in ("customer", "customer_group", "address", "cart", "customer_thread", "message",
                  "specific_price", "cart_rule"):
        assert count(raw, table, "id_customer = %s", cid) == 0, table
    assert count(raw, "cart_product", "id_cart = 9001") == 0
    assert count(raw, "customer_message", "id_customer_thread = 9001") == 0
    for table in ("cart_rule_lang", "cart_rule_shop", "cart_rule_group", "cart_rule_product_rule_group"):
        assert count(raw, table, "id_cart_rule = 9002") == 0, table
    assert count(raw, "cart_rule_product_rule", "id_product_rule_group = 9002") == 0


async def test_category_delete_removes_what_category_delete_removes(ps, raw):
    cid = int((await call(ps, "category.add", name="Short-lived"))["category_id"])
    pid = int((await call(ps, "product.add", name="Lonely", model="LONE-1", price=2,
                          categories_ids=str(cid)))["product_id"])
    run(raw, ("INSERT INTO {p}group_reduction (id_group, id_category, reduction) VALUES (3, %s, 0.1)", (cid,)))
    cart_rule(raw, 9003, category=cid)
    (parent,), = rows(raw, "SELECT id_parent FROM {p}category WHERE id_category = %s", cid)

    await call(ps, "category.delete", id=str(cid))

    for table in ("category", "category_lang", "category_shop", "category_group", "category_product",
                  "group_reduction"):
        assert count(raw, table, "id_category = %s", cid) == 0, table
    assert count(raw, "cart_rule_product_rule_value", "id_item = %s", cid) == 0
    # its only product is linked to the parent and keeps a default category that exists
    assert rows(raw, "SELECT id_category FROM {p}category_product WHERE id_product = %s", pid) == [(parent,)]
    assert rows(raw, "SELECT id_category_default FROM {p}product WHERE id_product = %s", pid) == [(parent,)]
    await call(ps, "product.delete", id=str(pid))


def test_every_table_a_declared_delete_walks_is_in_prestashops_schema():
    # A cascade naming a table the cart lacks would fail the whole delete on a real shop.
    from anycart.platforms.prestashop import deletes, seed
    from tests.bridge.schema_check import schema_columns

    tables = schema_columns(seed.SCHEMA_FILE)
    walked = {t for cascade in deletes.CASCADES for t in cascade.tables()}
    assert walked - set(tables) == set()
    assert {"product", "category", "customer", "image", "cart_rule"} <= walked
