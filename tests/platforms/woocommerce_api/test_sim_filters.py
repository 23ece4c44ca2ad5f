"""The WooCommerce simulator's price filters: prices are texts, compared as numbers."""

from __future__ import annotations

import httpx

from anycart.platforms.woocommerce_api.simulator import WooSimulator


async def test_min_price_and_max_price_compare_the_price_as_a_number() -> None:
    sim = WooSimulator()
    sim.shops.add_shop("shop.example", "ck", "cs", size=20)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url="https://shop.example") as http:
        every = (await http.get("/wp-json/wc/v3/products", auth=("ck", "cs"),
                                params={"per_page": 100})).json()
        r = await http.get("/wp-json/wc/v3/products", auth=("ck", "cs"),
                           params={"per_page": 100, "min_price": "20", "max_price": "60"})
        bad = await http.get("/wp-json/wc/v3/products", auth=("ck", "cs"),
                             params={"min_price": "cheap"})
    assert r.status_code == 200
    want = [p["id"] for p in every if p["price"] and 20 <= float(p["price"]) <= 60]
    assert want and [p["id"] for p in r.json()] == want
    assert bad.status_code == 400 and bad.json()["code"] == "rest_invalid_param"
    assert "min_price" in bad.json()["data"]["params"]
