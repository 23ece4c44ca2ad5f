"""The simulator answers a fixed script of 190+ requests (every route and method, bad
parameters, writes of every resource, cursor paging, the webhooks they queue) exactly as the
simulator did before it moved onto the sandbox kit: status, body and the Shopify headers of
each answer are compared by digest with ``fixtures/sim_answers.json``, recorded from that
earlier simulator (commit 7819522). After an intended change, regenerate it with
``python -m tests.platforms.shopify.test_sim_answers > tests/platforms/shopify/fixtures/sim_answers.json``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from anycart.platforms.shopify.simulator import ShopifySimulator

FIXTURE = Path(__file__).parent / "fixtures" / "sim_answers.json"
SHOP, TOKEN = "demo.myshopify.com", "tok"
NOW = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
A = "/admin/api/2024-10"
_HEADERS = ("link", "x-shopify-shop-api-call-limit", "x-shopify-api-version", "retry-after",
            "content-type")
Request = tuple[str, str, dict[str, str] | None, Any, bytes | None]


class Clock:
    t = 0.0

    def now(self) -> float:
        return self.t


def _reads(d: Any) -> list[Request]:
    pid = d.products.sorted_keys()[5]
    prod = d.products.peek(pid)
    vid, item = prod["variants"][0]["id"], prod["variants"][0]["inventory_item_id"]
    cid = d.customers.sorted_keys()[3]
    cust = d.customers.peek(cid)
    aid = cust["addresses"][0]["id"] if cust["addresses"] else 1
    oid2 = next(k for k in d.orders.sorted_keys() if d.orders.peek(k)["fulfillments"])
    fid = d.orders.peek(oid2)["fulfillments"][0]["id"]
    refunded = next(k for k in d.orders.sorted_keys() if d.orders.peek(k)["refunds"])
    colid, loc = d.custom_collections.sorted_keys()[0], d.primary_location_id
    out: list[Request] = []
    for res in ("products", "customers", "orders", "custom_collections", "collects",
                "webhooks", "carrier_services", "locations"):
        out += [("GET", f"{A}/{res}.json", {"limit": "3"}, None, None),
                ("GET", f"{A}/{res}/count.json", None, None, None),
                ("GET", f"{A}/{res}.json", {"limit": "2", "fields": "id,updated_at",
                                            "since_id": "1"}, None, None),
                *((m, f"{A}/{res}.json", None, None, None) for m in ("DELETE", "PATCH", "HEAD")),
                ("GET", f"{A}/{res}/1.json", None, None, None),
                ("POST", f"{A}/{res}/1.json", None, {}, None)]
    gets: list[tuple[str, dict[str, str] | None]] = [
        ("orders", {"status": "any", "limit": "5", "financial_status": "paid",
                    "fulfillment_status": "shipped"}),
        ("orders", {"status": "bogus"}), ("orders", {"fulfillment_status": "x"}),
        ("orders", {"name": "1003", "status": "any"}),
        ("products", {"limit": "x"}), ("products", {"limit": "0"}),
        ("products", {"ids": "a,b"}), ("products", {"since_id": "1,2"}),
        ("products", {"published_status": "nope"}), ("products", {"status": "draft", "limit": "4"}),
        ("products", {"handle": prod["handle"].upper()}),
        ("products", {"collection_id": str(colid), "limit": "3"}),
        ("products", {"updated_at_min": "2025-05-20", "limit": "3"}),
        ("products", {"created_at_max": "2024-08-01T10:00:00", "limit": "3"}),
        ("custom_collections", {"product_id": str(pid)}),
        ("collects", {"collection_id": str(colid), "limit": "2"}),
        (f"products/{pid}", {"fields": "id,title,variants"}),
        (f"products/{pid}/variants", None), (f"products/{pid}/variants/count", None),
        (f"products/{pid}/variants/{vid}", None), (f"products/{pid}/variants/1", None),
        (f"variants/{vid}", {"fields": "id,price"}), ("variants/1", None),
        (f"products/{pid}/images", None), (f"products/{pid}/images/count", None),
        ("customers/search", {"query": f"email:{cust['email']}"}),
        ("customers/search", {"query": "tag:vip country:US"}),
        (f"customers/{cid}/addresses", None), (f"customers/{cid}/addresses/{aid}", None),
        (f"customers/{cid}/orders", {"status": "any"}),
        (f"orders/{oid2}/fulfillments", None), (f"orders/{oid2}/fulfillments/count", None),
        (f"orders/{oid2}/fulfillments/{fid}", None), (f"orders/{refunded}/refunds", None),
        ("orders/1/refunds", None), ("inventory_levels", {"inventory_item_ids": str(item)}),
        ("inventory_levels", None), (f"locations/{loc}/inventory_levels", {"limit": "3"}),
        ("inventory_items", {"ids": f"{item},1"}), ("inventory_items", None),
        (f"inventory_items/{item}", None), ("shop", {"fields": "id,name"}),
        ("oauth/access_scopes", None), ("nothing", None), ("products/abc", None),
    ]
    out += [("GET", f"{A}/{path}.json", params, None, None) for path, params in gets]
    out += [("GET", path, None, None, None) for path in (
        "/admin/shop.json", "/admin/api/2019-01/shop.json", "/admin/api/2099-01/shop.json",
        f"{A}/shop", "/other")]
    return out


def _writes(d: Any) -> list[Request]:
    pid = d.products.sorted_keys()[5]
    vid = d.products.peek(pid)["variants"][0]["id"]
    item = d.products.peek(pid)["variants"][0]["inventory_item_id"]
    handle = d.products.peek(pid)["handle"]
    cid = d.customers.sorted_keys()[3]
    cust = d.customers.peek(cid)
    aid = cust["addresses"][0]["id"] if cust["addresses"] else 1
    oid = next(k for k in d.orders.sorted_keys() if d.orders.peek(k)["fulfillment_status"]
               is None and not d.orders.peek(k)["cancelled_at"])
    oid2 = next(k for k in d.orders.sorted_keys() if d.orders.peek(k)["fulfillments"])
    fid = d.orders.peek(oid2)["fulfillments"][0]["id"]
    line = d.orders.peek(oid)["line_items"][0]["id"]
    colid, loc2 = d.custom_collections.sorted_keys()[0], d.locations.sorted_keys()[1]
    level = {"location_id": loc2, "inventory_item_id": item}
    posts: list[tuple[str, str, Any]] = [
        ("POST", "webhooks", {"webhook": {"topic": "products/update",
                                          "address": "https://h.example/x", "fields": "id,title"}}),
        ("POST", "webhooks", {"webhook": {"topic": "orders/updated",
                                          "address": "https://h.example/o"}}),
        ("POST", "webhooks", {"webhook": {"topic": "bad", "address": "http://h"}}),
        ("POST", "products", {"product": {
            "title": "Zed Mug", "tags": "x, a", "options": [{"name": "Size"}],
            "variants": [{"option1": "S", "price": "3", "weight": 2, "weight_unit": "lb",
                          "inventory_quantity": 4}, {"option1": "M", "price": "4", "grams": 500}],
            "images": [{"src": "https://i.example/a.png"}]}}),
        ("POST", "products", {"product": {"title": "Zed Mug", "published": False,
                                          "status": "draft"}}),
        ("POST", "products", {"product": {"title": "", "published_at": "soon", "variants": [
            {"price": "-1", "weight_unit": "st"}]}}),
        ("PUT", f"products/{pid}", {"product": {
            "title": "Renamed", "handle": handle, "tags": ["b", "a"],
            "variants": [{"id": vid, "price": "9.99"}, {"option1": "New"}]}}),
        ("PUT", f"products/{pid}", {"product": {"variants": [{"id": vid,
                                                              "inventory_quantity": 3}]}}),
        ("POST", f"products/{pid}/variants", {"variant": {"option1": "Extra", "price": "1"}}),
        ("PUT", f"variants/{vid}", {"variant": {"sku": "SKU-1", "weight_unit": "g"}}),
        ("POST", f"products/{pid}/images", {"image": {"src": "https://i.example/b.png",
                                                      "position": 1, "variant_ids": [vid]}}),
        ("POST", f"products/{pid}/images", {"image": {"attachment": "!!"}}),
        ("GET", f"products/{pid}", None),
        ("POST", "custom_collections", {"custom_collection": {
            "title": "New C", "collects": [{"product_id": pid}],
            "image": {"src": "https://i.example/c.png"}}}),
        ("PUT", f"custom_collections/{colid}", {"custom_collection": {"sort_order": "bad",
                                                                      "title": ""}}),
        ("PUT", f"custom_collections/{colid}", {"custom_collection": {"body_html": "<p>x</p>",
                                                                      "published": False}}),
        ("POST", "collects", {"collect": {"product_id": pid, "collection_id": colid}}),
        ("POST", "collects", {"collect": {"product_id": "x"}}),
        ("POST", "customers", {"customer": {
            "first_name": "Q", "email": "q@example.com", "phone": "+44 20 7946 0958",
            "tags": "b,a", "accepts_marketing": True,
            "addresses": [{"city": "Leeds", "country": "United Kingdom"}]}}),
        ("POST", "customers", {"customer": {"email": cust["email"]}}),
        ("PUT", f"customers/{cid}", {"customer": {"note": "n", "tax_exempt": True, "addresses": [
            {"id": aid, "city": "Changed"}]}}),
        ("POST", f"customers/{cid}/addresses", {"address": {
            "address1": "9 X", "province_code": "ON", "country_code": "CA"}}),
        ("DELETE", f"customers/{cid}", None),
        ("POST", "orders", {"order": {
            "email": "new@example.com", "inventory_behaviour": "decrement_ignoring_policy",
            "line_items": [{"variant_id": vid, "quantity": 1}, {
                "title": "Custom", "price": "2.50", "tax_lines": [{"price": "0.20", "rate": 0.08}]}],
            "discount_codes": [{"code": "X", "amount": "1.00"}],
            "shipping_lines": [{"title": "S", "price": "3"}]}}),
        ("POST", "orders", {"order": {"line_items": [{"variant_id": 1}],
                                      "financial_status": "meh"}}),
        ("PUT", f"orders/{oid}", {"order": {"note": "hi", "tags": "z,y",
                                            "shipping_address": {"city": "Reno"}}}),
        ("POST", f"orders/{oid}/fulfillments", {"fulfillment": {
            "tracking_number": "1Z", "tracking_company": "UPS", "notify_customer": True}}),
        ("POST", f"orders/{oid}/fulfillments", {"fulfillment": {}}),
        ("POST", f"fulfillments/{fid}/update_tracking", {"fulfillment": {
            "tracking_info": {"number": "77", "company": "FedEx"}}}),
        ("PUT", f"orders/{oid2}/fulfillments/{fid}", {"fulfillment": {
            "tracking_urls": ["https://t.example/1"], "shipment_status": "delivered"}}),
        ("POST", f"orders/{oid2}/fulfillments/{fid}/cancel", {}),
        ("POST", f"orders/{oid2}/fulfillments/{fid}/cancel", {}),
        ("POST", f"orders/{oid}/refunds", {"refund": {"shipping": {"full_refund": True},
                                                      "refund_line_items": [{
                                                          "line_item_id": line, "quantity": 1,
                                                          "restock_type": "return"}]}}),
        ("POST", f"orders/{oid}/refunds", {"refund": {"transactions": [{"amount": "99999"}]}}),
        ("POST", f"orders/{oid}/close", {}), ("POST", f"orders/{oid}/open", {}),
        ("POST", f"orders/{oid}/cancel", {"reason": "fraud"}),
        ("GET", f"orders/{oid}/cancel", None),
        ("POST", "inventory_levels/set", {**level, "available": 5}),
        ("POST", "inventory_levels/adjust", {**level, "available_adjustment": -2}),
        ("POST", "inventory_levels/connect", level),
        ("POST", "inventory_levels/set", {"location_id": "x"}),
        ("PUT", f"inventory_items/{item}", {"inventory_item": {"cost": "2.5", "tracked": False,
                                                               "sku": "NEW"}}),
        ("POST", "carrier_services", {"carrier_service": {
            "name": "R", "callback_url": "https://r.example", "format": "xml"}}),
        ("POST", "carrier_services", {"carrier_service": {"name": "r",
                                                          "callback_url": "ftp://x"}}),
        *_more_writes(d, pid, vid, cid, oid),
        ("DELETE", f"products/{pid}", None), ("DELETE", f"custom_collections/{colid}", None),
    ]
    out: list[Request] = [(m, f"{A}/{path}.json", None, body, None) for m, path, body in posts]
    out.insert(6, ("POST", f"{A}/products.json", None, None, b"{bad"))
    out += [("DELETE", f"{A}/inventory_levels.json", {"inventory_item_id": str(item),
                                                      "location_id": str(loc2)}, None, None),
            ("GET", f"{A}/collects/count.json", {"collection_id": str(colid)}, None, None)]
    return out


def _more_writes(d: Any, pid: int, vid: int, cid: int, oid: int) -> list[tuple[str, str, Any]]:
    """Edits below records, and the subscriptions and services they leave."""
    other = d.products.sorted_keys()[7]
    other_variants = d.products.peek(other)["variants"]
    image = d.products.peek(other)["images"][0]["id"] if d.products.peek(other)["images"] else 1
    buyer = d.customers.sorted_keys()[4]
    addresses = d.customers.peek(buyer)["addresses"]
    webhook, carrier = 1_100_000_000_001, 62_000_000_001
    return [
        ("PUT", f"products/{other}/variants/{other_variants[-1]['id']}", {"variant": {
            "option1": other_variants[0]["option1"], "option2": other_variants[0]["option2"]}}),
        ("DELETE", f"products/{other}/variants/{other_variants[-1]['id']}", None),
        ("DELETE", f"products/{other}/variants/1", None),
        ("PUT", f"products/{other}/images/{image}", {"image": {"alt": "A", "position": 9}}),
        ("DELETE", f"products/{other}/images/{image}", None),
        ("PUT", f"products/{other}", {"product": {
            "images": [{"src": "https://i.example/z.png", "variant_ids": [other_variants[0]["id"]]}],
            "options": [{"name": "Shade"}], "published_at": "2025-01-02T03:04:05Z"}}),
        ("PUT", f"products/{other}", {"product": {"handle": d.products.peek(pid)["handle"]}}),
        ("PUT", f"products/{other}", {"product": {"variants": "no"}}),
        ("POST", f"customers/{buyer}/addresses", {"address": {"city": "Tulsa", "default": True}}),
        *((("PUT", f"customers/{buyer}/addresses/{addresses[0]['id']}/default", {}),
           ("PUT", f"customers/{buyer}/addresses/{addresses[0]['id']}", {"address": {
               "zip": "74101", "province": "Texas"}}),
           ("DELETE", f"customers/{buyer}/addresses/{addresses[0]['id']}", None))
          if addresses else ()),
        ("DELETE", f"customers/{buyer}/addresses/1", None),
        ("PUT", f"customers/{buyer}", {"customer": {"email": "bad", "phone": "x1"}}),
        ("PUT", f"customers/{buyer}", {"customer": {"email_marketing_consent": {
            "state": "subscribed"}, "tags": ["vip", "VIP", "new"]}}),
        ("PUT", f"webhooks/{webhook}", {"webhook": {"fields": ["id"], "address": " https://h/y "}}),
        ("PUT", f"webhooks/{webhook}", {"webhook": {"format": "yaml"}}),
        ("DELETE", f"webhooks/{webhook}", None),
        ("PUT", f"carrier_services/{carrier}", {"carrier_service": {"active": "false",
                                                                    "name": "R2"}}),
        ("PUT", f"carrier_services/{carrier}", {"carrier_service": {"callback_url": ""}}),
        ("DELETE", f"carrier_services/{carrier}", None),
        ("PUT", f"inventory_items/{vid}", {"inventory_item": {}}),
        ("PUT", "inventory_items/1", {"inventory_item": {"cost": "x"}}),
        ("POST", "orders", {"order": {"customer": {"id": cid}, "financial_status": "pending",
                                      "line_items": [{"variant_id": vid, "quantity": 500}],
                                      "inventory_behaviour": "decrement_obeying_policy"}}),
        ("POST", "orders", {"order": {"customer": {"first_name": "Guest"}, "line_items": [
            {"title": "T", "price": "1"}], "email": "nope"}}),
        ("POST", f"orders/{oid}/cancel", {}),
        ("POST", f"orders/{oid}/fulfillments", {"fulfillment": {"line_items": [{"id": 1}]}}),
        ("GET", "customers/search", None),
    ]


async def answers() -> list[Any]:
    """The answers to the script, in order, then the webhooks it queued."""
    clock = Clock()
    sim = ShopifySimulator(clock=clock, now=lambda: NOW)
    shop = sim.shops.add_shop(SHOP, TOKEN, shared_secret="s", size=300, seed=3,
                              anchor=datetime(2025, 6, 1, tzinfo=UTC))
    script = _reads(shop.data) + _writes(shop.data)
    out: list[Any] = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{SHOP}",
                                 headers={"X-Shopify-Access-Token": TOKEN}) as c:
        for method, path, params, body, raw in script:
            clock.t += 10
            if raw is not None:
                resp = await c.request(method, path, params=params, content=raw,
                                       headers={"content-type": "application/json"})
            else:
                resp = await c.request(method, path, params=params, json=body)
            try:
                answer = resp.json()
            except ValueError:
                answer = resp.text
            out.append([method, path, params, resp.status_code,
                        {k: resp.headers.get(k) for k in _HEADERS}, answer])
        first = await c.get(f"{A}/products.json", params={"limit": "50", "status": "active"})
        link = first.headers["link"].split(";")[0].strip("<>")
        second = await c.get(link)
        out.append(["LINK", link, None, second.status_code, second.headers.get("link"),
                    second.json()])
    out.append(["HOOKS", [(d.topic, d.address, json.loads(d.body), {
        k: v for k, v in d.headers.items() if k in ("X-Shopify-Topic", "X-Shopify-Hmac-Sha256",
                                                     "X-Shopify-Shop-Domain",
                                                     "X-Shopify-API-Version", "Content-Type")})
        for d in shop.outbox]])
    return out


def digests(out: list[Any]) -> list[list[Any]]:
    """(method, path, status, sha256 of the canonical answer) per answer."""
    rows = []
    for entry in out:
        canon = json.dumps(entry, sort_keys=True, default=str).encode()
        path = entry[1] if isinstance(entry[1], str) else ""
        rows.append([entry[0], path, entry[3] if len(entry) > 3 else None,
                     hashlib.sha256(canon).hexdigest()])
    return rows


async def test_answers_as_before_the_kit() -> None:
    got = digests(await answers())
    want = json.loads(FIXTURE.read_text())
    assert [g[:3] for g in got] == [w[:3] for w in want]  # same script, same statuses
    assert [g for g, w in zip(got, want, strict=True) if g != w] == []  # same answers


if __name__ == "__main__":
    print(json.dumps(digests(asyncio.run(answers())), indent=0))
