"""A combination without its own reference answers its product's as ``sku``
(:data:`anycart.platforms.prestashop.mapping.CHILD`); the ``sku`` filter and the ``sku``
search of product.child_item.list find it by that same value."""

from __future__ import annotations

from .conftest import call, rows


async def test_a_child_without_its_own_reference_is_found_by_the_sku_it_answers(ps, raw):
    (child, pid, parent), = rows(
        raw, "SELECT pa.id_product_attribute, pa.id_product, p.reference FROM {p}product_attribute pa"
             " JOIN {p}product p ON p.id_product = pa.id_product ORDER BY pa.id_product_attribute LIMIT 1")
    with raw.cursor() as cur:
        cur.execute("UPDATE ps_product_attribute SET reference = '' WHERE id_product_attribute = %s",
                    (child,))
    raw.commit()
    listed = await call(ps, "product.child_item.list", product_id=str(pid), count=100)
    assert {i["id"]: i["sku"] for i in listed.items}[str(child)] == parent
    by_sku = await call(ps, "product.child_item.list", product_id=str(pid), sku=parent, count=100)
    assert [i["id"] for i in by_sku.items] == [str(child)]
    found = await call(ps, "product.child_item.list", product_id=str(pid), find_value=parent,
                       find_where="sku", count=100)
    assert str(child) in [i["id"] for i in found.items]
