"""GraphQL writes on the Shopify simulator: products and variants (a 250-variant round trip),
stock, customers, collections; every write is seen by the REST API too (one store)."""

from __future__ import annotations

from typing import Any

import pytest

from .test_sim_graphql import SHOP, TOKEN, Gql, clock, gql, sim  # noqa: F401

LOCATION = "gid://shopify/Location/70000000001"
PRODUCT_SET = """mutation ($input: ProductSetInput!) {
  productSet(input: $input, synchronous: true) {
    product { id variantsCount { count } totalInventory options { name values }
      variants(first: 250) { pageInfo { hasNextPage }
        nodes { id sku price selectedOptions { name value } } } }
    userErrors { field message code }
  }
}"""
# Shopify's own app template (Shopify/shopify-app-template-remix, app/routes/app._index.jsx)
TEMPLATE_CREATE = """#graphql
      mutation populateProduct($input: ProductInput!) {
        productCreate(input: $input) {
          product {
            id
            title
            handle
            status
            variants(first: 10) {
              edges {
                node {
                  id
                  price
                  barcode
                  createdAt
                }
              }
            }
          }
        }
      }"""
TEMPLATE_UPDATE = """#graphql
    mutation shopifyRemixTemplateUpdateVariant($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
      productVariantsBulkUpdate(productId: $productId, variants: $variants) {
        productVariants {
          id
          price
          barcode
          createdAt
        }
      }
    }"""


def stored(gql: Gql, table: str, rid: Any = None) -> Any:
    """What the shop's store holds (one record by id, else every record in id order): the
    rows the seed writes and every mutation changes."""
    rows = gql.shop.data.table(table)
    return rows.peek(int(rid)) if rid is not None else [rows.peek(k) for k in rows.sorted_keys()]


def grid(colors: int, sizes: int, price: str = "10.00") -> dict[str, Any]:
    cs, ss = [f"C{i:02d}" for i in range(colors)], [f"S{i:02d}" for i in range(sizes)]
    return {"title": "Grid Tee", "status": "ACTIVE", "productOptions": [
        {"name": "Color", "position": 1, "values": [{"name": c} for c in cs]},
        {"name": "Size", "position": 2, "values": [{"name": s} for s in ss]}],
        "variants": [{"optionValues": [{"optionName": "Color", "name": c},
                                       {"optionName": "Size", "name": s}],
                      "price": price, "sku": f"GT-{c}-{s}", "inventoryQuantities": [
                          {"locationId": LOCATION, "name": "available", "quantity": 2}]}
                     for c in cs for s in ss]}


async def test_shopify_template_create_then_update_variant(gql: Gql) -> None:
    made = (await gql(TEMPLATE_CREATE, {"input": {"title": "Red Snowboard"}}))["productCreate"]
    product = made["product"]
    assert product["title"] == "Red Snowboard" and product["handle"] == "red-snowboard"
    assert product["status"] == "ACTIVE" and product["id"].startswith("gid://shopify/Product/")
    variant = product["variants"]["edges"][0]["node"]
    updated = (await gql(TEMPLATE_UPDATE, {"productId": product["id"], "variants": [
        {"id": variant["id"], "price": "100.00"}]}))["productVariantsBulkUpdate"]
    assert updated["productVariants"] == [{**variant, "price": "100.00"}]
    pid = product["id"].rsplit("/", 1)[1]
    assert stored(gql, "products", pid)["variants"][0]["price"] == "100.00"


async def test_a_250_variant_product_round_trips(gql: Gql) -> None:
    wanted = grid(25, 10)
    made = (await gql(PRODUCT_SET, {"input": wanted}))["productSet"]
    assert made["userErrors"] == []
    product = made["product"]
    assert product["variantsCount"] == {"count": 250}
    assert product["totalInventory"] == 500
    assert product["options"][0]["values"] == [f"C{i:02d}" for i in range(25)]
    got = product["variants"]["nodes"]
    assert not product["variants"]["pageInfo"]["hasNextPage"]
    assert [v["sku"] for v in got] == [v["sku"] for v in wanted["variants"]]
    assert got[37]["selectedOptions"] == [{"name": "Color", "value": "C03"},
                                          {"name": "Size", "value": "S07"}]
    # the same product set again, one price changed: variants keep their ids
    again = {**wanted, "id": product["id"]}
    again["variants"] = [dict(v) for v in wanted["variants"]]
    again["variants"][5]["price"] = "12.50"
    second = (await gql(PRODUCT_SET, {"input": again}))["productSet"]["product"]
    assert [v["id"] for v in second["variants"]["nodes"]] == [v["id"] for v in got]
    assert second["variants"]["nodes"][5]["price"] == "12.50"
    # REST reads the same 250 variants (one store)
    pid = product["id"].rsplit("/", 1)[1]
    assert len(stored(gql, "products", pid)["variants"]) == 250
    # a shorter list deletes the variants not named
    fewer = {**again, "variants": again["variants"][:100]}
    third = (await gql(PRODUCT_SET, {"input": fewer}))["productSet"]["product"]
    assert third["variantsCount"] == {"count": 100}


async def test_more_than_2048_variants_are_refused(gql: Gql) -> None:
    big = grid(1, 1)
    big["productOptions"] = [{"name": "N", "values": [{"name": str(i)} for i in range(2049)]}]
    big["variants"] = [{"optionValues": [{"optionName": "N", "name": str(i)}], "price": "1.00"}
                       for i in range(2049)]
    answer = (await gql("mutation ($input: ProductSetInput!) { productSet(input: $input) "
                        "{ product { id } userErrors { field message } } }",
                        {"input": big}))["productSet"]
    assert answer["product"] is None and answer["userErrors"]


async def test_the_legacy_rest_admin_api_is_not_served(gql: Gql) -> None:
    """REST is legacy and the connector speaks GraphQL only: no REST resource is left."""
    body = {"product": {"title": "Too many", "options": [{"name": "N"}],
                        "variants": [{"option1": str(i)} for i in range(101)]}}
    headers = {"X-Shopify-Access-Token": TOKEN}
    for version in ("2025-04", "2025-10"):
        made = await gql.http.post(f"/admin/api/{version}/products.json", json=body,
                                   headers=headers)
        assert made.status_code == 404 and made.json() == {"errors": "Not Found"}
        assert (await gql.http.get(f"/admin/api/{version}/shop.json",
                                   headers=headers)).status_code == 404
    assert (await gql.http.get("/admin/oauth/access_scopes.json",
                               headers=headers)).status_code == 404
    assert gql.shop.data.products.sorted_keys() == sorted(gql.shop.data.products)


async def test_variants_bulk_create_update_delete_with_user_errors(gql: Gql) -> None:
    made = (await gql("mutation { productCreate(product: {title: \"Mug\"}) { product { id } } }")
            )["productCreate"]["product"]["id"]
    create = """mutation ($p: ID!, $v: [ProductVariantsBulkInput!]!) {
      productVariantsBulkCreate(productId: $p, variants: $v) {
        productVariants { id title selectedOptions { name value } }
        product { variantsCount { count } options { name values } }
        userErrors { field message } } }"""
    sizes = [{"optionValues": [{"optionName": "Size", "name": s}], "price": "9.00"}
             for s in ("S", "M", "L")]
    created = (await gql(create, {"p": made, "v": sizes}))["productVariantsBulkCreate"]
    assert created["userErrors"] == []
    assert [v["title"] for v in created["productVariants"]] == ["S", "M", "L"]
    # the standalone "Default Title" variant is gone (DEFAULT strategy)
    assert created["product"]["variantsCount"] == {"count": 3}
    assert created["product"]["options"] == [{"name": "Size", "values": ["S", "M", "L"]}]
    again = (await gql(create, {"p": made, "v": sizes[:1]}))["productVariantsBulkCreate"]
    assert again["productVariants"] is None and again["userErrors"]
    ids = [v["id"] for v in created["productVariants"]]
    update = """mutation ($p: ID!, $v: [ProductVariantsBulkInput!]!) {
      productVariantsBulkUpdate(productId: $p, variants: $v) {
        productVariants { id price } userErrors { field message } } }"""
    up = (await gql(update, {"p": made, "v": [{"id": ids[1], "price": "11.00"}]}))
    assert up["productVariantsBulkUpdate"]["productVariants"] == [{"id": ids[1],
                                                                   "price": "11.00"}]
    bad = (await gql(update, {"p": made, "v": [{"id": "gid://shopify/ProductVariant/1",
                                                "price": "1"}]}))["productVariantsBulkUpdate"]
    assert bad["userErrors"] == [{"field": ["variants", "0", "id"],
                                  "message": "Product variant does not exist"}]
    delete = """mutation ($p: ID!, $ids: [ID!]!) { productVariantsBulkDelete(productId: $p,
      variantsIds: $ids) { product { variantsCount { count } } userErrors { field message } } }"""
    gone = (await gql(delete, {"p": made, "ids": [ids[0]]}))["productVariantsBulkDelete"]
    assert gone["product"]["variantsCount"] == {"count": 2}


async def test_product_update_delete_and_their_webhooks(gql: Gql) -> None:
    hook = await gql("mutation { webhookSubscriptionCreate(topic: PRODUCTS_UPDATE, "
                     "webhookSubscription: {callbackUrl: \"https://hooks.example/p\", "
                     "format: JSON}) { webhookSubscription { id topic } userErrors { message } } }")
    assert hook["webhookSubscriptionCreate"]["webhookSubscription"]["topic"] == "PRODUCTS_UPDATE"
    pid = min(gql.shop.data.products)
    gid = f"gid://shopify/Product/{pid}"
    updated = (await gql("mutation ($p: ProductUpdateInput!) { productUpdate(product: $p) { "
                         "product { title tags } userErrors { field message } } }",
                         {"p": {"id": gid, "title": "Renamed", "tags": ["a", "b"]}}))
    assert updated["productUpdate"]["product"] == {"title": "Renamed", "tags": ["a", "b"]}
    delivered = [d for d in gql.shop.outbox if d.topic == "products/update"]
    assert delivered and b'"title":"Renamed"' in delivered[-1].body  # REST-shaped payload
    blank = (await gql("mutation ($p: ProductUpdateInput!) { productUpdate(product: $p) { "
                       "product { id } userErrors { field message } } }",
                       {"p": {"id": gid, "title": ""}}))["productUpdate"]
    assert blank == {"product": None, "userErrors": [{"field": ["product", "title"],
                                                      "message": "Title can't be blank"}]}
    deleted = (await gql("mutation ($i: ProductDeleteInput!) { productDelete(input: $i) { "
                         "deletedProductId userErrors { message } } }", {"i": {"id": gid}}))
    assert deleted["productDelete"]["deletedProductId"] == gid
    assert pid not in gql.shop.data.products
    missing = (await gql("mutation ($i: ProductDeleteInput!) { productDelete(input: $i) { "
                         "deletedProductId userErrors { field message } } }",
                         {"i": {"id": gid}}))["productDelete"]
    assert missing["deletedProductId"] is None and missing["userErrors"][0]["field"] == ["id"]


SET_QUANTITIES = """mutation ($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) {
    inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
    userErrors { field message code } } }"""


def _item(gql: Gql) -> tuple[str, int]:
    variant = next(iter(gql.shop.data.products.values()))["variants"][0]
    level = gql.shop.data.inventory_levels[(variant["inventory_item_id"], 70000000001)]
    return f"gid://shopify/InventoryItem/{variant['inventory_item_id']}", level["available"]


async def test_inventory_set_quantities_compare_and_set(gql: Gql) -> None:
    item, now = _item(gql)
    q = {"inventoryItemId": item, "locationId": LOCATION, "quantity": 42}
    missing = (await gql(SET_QUANTITIES, {"input": {"name": "available", "reason": "correction",
                                                    "quantities": [q]}}))
    assert missing["inventorySetQuantities"]["userErrors"][0]["code"] == \
        "COMPARE_QUANTITY_REQUIRED"
    stale = (await gql(SET_QUANTITIES, {"input": {"name": "available", "reason": "correction",
                                                  "quantities": [{**q, "compareQuantity":
                                                                  now + 1}]}}))
    assert stale["inventorySetQuantities"]["userErrors"][0]["code"] == "COMPARE_QUANTITY_STALE"
    done = (await gql(SET_QUANTITIES, {"input": {"name": "available", "reason": "correction",
                                                 "quantities": [{**q, "compareQuantity": now}]}}))
    group = done["inventorySetQuantities"]["inventoryAdjustmentGroup"]
    assert group["changes"][0] == {"name": "available", "delta": 42 - now,
                                   "quantityAfterChange": 42}
    read = await gql("query ($id: ID!) { inventoryItem(id: $id) { variant { inventoryQuantity } "
                     "inventoryLevel(locationId: \"" + LOCATION + "\") { quantities(names: "
                     "[\"available\", \"on_hand\"]) { name quantity } } } }", {"id": item})
    assert read["inventoryItem"]["variant"]["inventoryQuantity"] == 42
    assert read["inventoryItem"]["inventoryLevel"]["quantities"] == [
        {"name": "available", "quantity": 42}, {"name": "on_hand", "quantity": 42}]
    levels = gql.shop.data.inventory_levels.values()
    assert {lv["available"] for lv in levels if lv["location_id"] == 70000000001
            and lv["inventory_item_id"] == int(item.rsplit("/", 1)[1])} == {42}


async def test_inventory_set_quantities_from_2026_04_uses_change_from_quantity(
        gql: Gql) -> None:
    item, now = _item(gql)
    path = "/admin/api/2026-04/graphql.json"
    q = {"inventoryItemId": item, "locationId": LOCATION, "quantity": 7}
    base = {"name": "available", "reason": "correction"}
    omitted = await gql(SET_QUANTITIES, {"input": {**base, "quantities": [q]}}, path=path)
    assert omitted["inventorySetQuantities"]["userErrors"][0]["field"][-1] == \
        "changeFromQuantity"
    stale = await gql(SET_QUANTITIES, {"input": {**base, "quantities": [
        {**q, "changeFromQuantity": now + 5}]}}, path=path)
    assert stale["inventorySetQuantities"]["userErrors"][0]["code"] == \
        "CHANGE_FROM_QUANTITY_STALE"
    opted_out = await gql(SET_QUANTITIES, {"input": {**base, "quantities": [
        {**q, "changeFromQuantity": None}]}}, path=path)
    assert opted_out["inventorySetQuantities"]["userErrors"] == []


@pytest.mark.parametrize("field,value,code", [
    ("inventoryItemId", "gid://shopify/InventoryItem/1", "INVALID_INVENTORY_ITEM"),
    ("locationId", "gid://shopify/Location/1", "INVALID_LOCATION")])
async def test_inventory_set_quantities_unknown_item_or_location(gql: Gql, field: str,
                                                                 value: str, code: str) -> None:
    item, _ = _item(gql)
    q = {"inventoryItemId": item, "locationId": LOCATION, "quantity": 1, field: value}
    answer = await gql(SET_QUANTITIES, {"input": {"name": "available", "reason": "correction",
                                                  "ignoreCompareQuantity": True,
                                                  "quantities": [q]}})
    assert answer["inventorySetQuantities"]["userErrors"][0]["code"] == code


CUSTOMER = """id firstName lastName email displayName
  emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
  defaultAddress { address1 city provinceCode countryCodeV2 zip }
  addresses(first: 5) { city } tags numberOfOrders amountSpent { amount currencyCode }"""


async def test_customers_create_update_and_marketing_consent(gql: Gql) -> None:
    made = (await gql("mutation ($i: CustomerInput!) { customerCreate(input: $i) { customer { "
                      + CUSTOMER + " } userErrors { field message } } }", {"i": {
                          "firstName": "Ann", "lastName": "Lee", "email": "ann@example.com",
                          "tags": ["vip"], "emailMarketingConsent": {
                              "marketingState": "SUBSCRIBED",
                              "marketingOptInLevel": "SINGLE_OPT_IN"},
                          "addresses": [{"address1": "1 Main St", "city": "Ottawa",
                                         "countryCode": "CA", "provinceCode": "ON",
                                         "zip": "K1A 0B1"}]}}))["customerCreate"]
    c = made["customer"]
    assert made["userErrors"] == [] and c["displayName"] == "Ann Lee"
    assert c["emailMarketingConsent"]["marketingState"] == "SUBSCRIBED"
    assert c["defaultAddress"] == {"address1": "1 Main St", "city": "Ottawa",
                                   "provinceCode": "ON", "countryCodeV2": "CA", "zip": "K1A 0B1"}
    cid = c["id"].rsplit("/", 1)[1]
    assert stored(gql, "customers", cid)["email_marketing_consent"][
        "state"] == "subscribed"
    updated = (await gql("mutation ($i: CustomerInput!) { customerUpdate(input: $i) { customer "
                         "{ emailMarketingConsent { marketingState } } userErrors { message } } }",
                         {"i": {"id": c["id"], "emailMarketingConsent": {
                             "marketingState": "UNSUBSCRIBED"}}}))["customerUpdate"]
    assert updated["customer"]["emailMarketingConsent"]["marketingState"] == "UNSUBSCRIBED"
    bad = (await gql("mutation { customerCreate(input: {email: \"not-an-email\"}) { customer "
                     "{ id } userErrors { field message } } }"))["customerCreate"]
    assert bad == {"customer": None, "userErrors": [{"field": ["input", "email"],
                                                     "message": "Email is invalid"}]}


async def test_accepts_marketing_does_not_exist(gql: Gql) -> None:
    body = (await gql.post("{ customers(first: 1) { nodes { acceptsMarketing } } }")).json()
    assert "acceptsMarketing" in body["errors"][0]["message"]


async def test_customers_search_and_read(gql: Gql) -> None:
    customers = list(gql.shop.data.customers.values())
    data = await gql("{ customers(first: 250, query: \"state:invited\") { nodes { id state } } }")
    assert {n["id"] for n in data["customers"]["nodes"]} == {
        f"gid://shopify/Customer/{c['id']}" for c in customers if c["state"] == "invited"}
    one = customers[0]
    got = (await gql("query ($id: ID!) { customer(id: $id) { " + CUSTOMER + " } }",
                     {"id": f"gid://shopify/Customer/{one['id']}"}))["customer"]
    assert got["email"] == one["email"] and got["numberOfOrders"] == one["orders_count"]
    assert got["amountSpent"]["amount"].rstrip("0").rstrip(".") == \
        one["total_spent"].rstrip("0").rstrip(".")


async def test_custom_and_smart_collections(gql: Gql) -> None:
    data = await gql("""{ collections(first: 50) { nodes { id title
        ruleSet { appliedDisjunctively rules { column relation condition } }
        productsCount { count } } } }""")
    nodes = {n["title"]: n for n in data["collections"]["nodes"]}
    members = """query ($id: ID!) { collection(id: $id) { products(first: 50) { nodes { id tags
        variants(first: 4) { nodes { price } } } } } }"""
    store = gql.shop.data
    custom = next(iter(store.custom_collections.values()))
    assert nodes[custom["title"]]["ruleSet"] is None
    held = (await gql(members, {"id": nodes[custom["title"]]["id"]}))["collection"]["products"]
    assert {p["id"] for p in held["nodes"]} == {
        f"gid://shopify/Product/{pid}" for pid in store.links.members(custom["id"])}
    smart = nodes["Under $50"]
    assert smart["ruleSet"]["rules"] == [{"column": "VARIANT_PRICE", "relation": "LESS_THAN",
                                          "condition": "50"}]
    cheap = (await gql(members, {"id": smart["id"]}))["collection"]["products"]["nodes"]
    assert cheap and all(any(float(v["price"]) < 50 for v in p["variants"]["nodes"])
                         for p in cheap)
    assert nodes["New arrivals"]["productsCount"]["count"] == sum(
        "new" in [t.strip() for t in p["tags"].split(",")] for p in store.products.values())


@pytest.mark.parametrize("strategy,kept", [("DEFAULT", 1), ("REMOVE_STANDALONE_VARIANT", 0),
                                           ("PRESERVE_STANDALONE_VARIANT", 1)])
async def test_variants_bulk_create_strategies_on_a_custom_standalone_variant(
        gql: Gql, strategy: str, kept: int) -> None:
    made = (await gql("mutation { productSet(input: {title: \"Cap\", productOptions: [{name: "
                      "\"Size\", values: [{name: \"One\"}]}], variants: [{optionValues: [{"
                      "optionName: \"Size\", name: \"One\"}], price: \"5.00\"}]}) { product "
                      "{ id } } }"))["productSet"]["product"]["id"]
    added = (await gql("mutation ($p: ID!, $s: ProductVariantsBulkCreateStrategy) { "
                       "productVariantsBulkCreate(productId: $p, strategy: $s, variants: [{"
                       "optionValues: [{optionName: \"Size\", name: \"Two\"}], price: \"6.00\"}])"
                       " { product { variantsCount { count } } userErrors { message } } }",
                       {"p": made, "s": strategy}))["productVariantsBulkCreate"]
    assert added["userErrors"] == []
    assert added["product"]["variantsCount"]["count"] == 1 + kept


async def test_interface_selections_cost_their_costliest_member(gql: Gql) -> None:
    body = (await gql.post("{ products(first: 1) { nodes { media(first: 10) { nodes { "
                           "... on MediaImage { image { url } preview { image { url } } } "
                           "} } } } }")).json()
    # products 2 + 1 x (1 + media: 2 + 10 x (1 + image 1 + preview 1 + its image 1))
    assert body["extensions"]["cost"]["requestedQueryCost"] == 2 + 1 * (1 + 2 + 10 * 4)
