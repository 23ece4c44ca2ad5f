"""The simulator's tax rates (``/taxes``) answer as ``WC_REST_Taxes_Controller`` does: paged
with ``X-WP-Total``, filtered by ``class``, ordered by ``order``; written with codes in upper
case, the rate to four places and postcodes/cities as lists; deleted only with ``force``;
batched; and orders are taxed from them (the class's rate for the shipping address)."""

from __future__ import annotations

import httpx

from anycart.platforms.woocommerce_api.sim_store import WooShop
from tests.platforms.woocommerce_api.test_sim_api import error, http, shop, sim  # noqa: F401


async def test_list_pages_and_class_filter(http: httpx.AsyncClient, shop: WooShop) -> None:
    r = await http.get("/taxes", params={"per_page": 2, "page": 2})
    assert r.status_code == 200
    assert (r.headers["X-WP-Total"], r.headers["X-WP-TotalPages"]) == ("4", "2")
    assert [t["id"] for t in r.json()] == [3, 4] and 'rel="prev"' in r.headers["Link"]
    standard = (await http.get("/taxes", params={"class": "standard"})).json()
    assert [(t["state"], t["rate"]) for t in standard] == [("IL", "5.0000"), ("CA", "9.5000")]
    reduced = (await http.get("/taxes", params={"class": "reduced-rate"})).json()
    assert [t["name"] for t in reduced] == ["Reduced Rate"]
    by_id = (await http.get("/taxes", params={"orderby": "priority", "order": "desc"})).json()
    assert by_id[0]["class"] == "zero-rate"
    assert len((await http.get("/taxes", params={"search": "x"})).json()) == 4  # not a parameter
    error(await http.get("/taxes", params={"per_page": 101}), 400, "rest_invalid_param")
    error(await http.get("/taxes", params={"orderby": "rate"}), 400, "rest_invalid_param")


async def test_create_get_update_delete(http: httpx.AsyncClient, shop: WooShop) -> None:
    r = await http.post("/taxes", json={"country": "us", "state": "al", "rate": "4",
                                        "name": "State Tax", "postcodes": ["35014", " 35041 "],
                                        "city": "Alpine;Cardiff", "class": "reduced-rate"})
    assert r.status_code == 201, r.text
    made = r.json()
    assert (made["country"], made["state"], made["rate"]) == ("US", "AL", "4.0000")
    assert (made["postcodes"], made["postcode"]) == (["35014", "35041"], "35041")
    assert (made["cities"], made["city"]) == (["ALPINE", "CARDIFF"], "CARDIFF")
    assert (made["priority"], made["shipping"], made["compound"]) == (1, True, False)
    assert made["_links"]["self"][0]["href"].endswith(f"/taxes/{made['id']}")
    assert (await http.get(f"/taxes/{made['id']}")).json()["class"] == "reduced-rate"
    r = await http.put(f"/taxes/{made['id']}", json={"rate": "4.5", "cities": []})
    assert (r.json()["rate"], r.json()["cities"], r.json()["city"]) == ("4.5000", [], "")
    error(await http.put(f"/taxes/{made['id']}", json={"rate": 4.5}), 400, "rest_invalid_param")
    error(await http.post("/taxes", json={"rate": "1", "class": "nope"}), 400,
          "rest_invalid_param")
    error(await http.delete(f"/taxes/{made['id']}"), 501, "woocommerce_rest_trash_not_supported")
    assert (await http.delete(f"/taxes/{made['id']}", params={"force": "true"})).json()[
        "id"] == made["id"]
    error(await http.get(f"/taxes/{made['id']}"), 404, "woocommerce_rest_invalid_id")


async def test_batch_and_class_delete_takes_its_rates(http: httpx.AsyncClient,
                                                      shop: WooShop) -> None:
    r = await http.post("/taxes/batch", json={
        "create": [{"country": "DE", "rate": "19", "name": "MwSt"}, {"class": "nope"}],
        "update": [{"id": 1, "rate": "6"}], "delete": [4]})
    body = r.json()
    assert body["create"][0]["rate"] == "19.0000"
    assert body["create"][1]["error"]["code"] == "rest_invalid_param"
    assert body["update"][0]["rate"] == "6.0000" and body["delete"][0]["id"] == 4
    error(await http.post("/taxes/batch", json={"create": [{}] * 101}), 413,
          "woocommerce_rest_request_entity_too_large")
    assert (await http.delete("/taxes/classes/reduced-rate", params={"force": "true"})
            ).status_code == 200
    assert "reduced-rate" not in {t["class"] for t in shop.data.taxes.values()}


async def test_orders_are_taxed_at_their_class_rate_for_the_address(
        http: httpx.AsyncClient, shop: WooShop) -> None:
    pid = next(k for k in shop.data.products if shop.data.products.peek(k)["type"] == "simple")
    price = float(shop.data.products.peek(pid)["price"])

    async def order(to: dict[str, str], tax_class: str = "") -> dict[str, object]:
        r = await http.post("/orders", json={"shipping": to, "line_items": [
            {"product_id": pid, "quantity": 2, "tax_class": tax_class}]})
        assert r.status_code == 201, r.text
        return dict(r.json())

    il = await order({"country": "US", "state": "IL", "postcode": "62701", "city": "Springfield"})
    assert il["total_tax"] == f"{round(2 * price * 0.05, 2):.2f}"
    assert [(t["rate_id"], t["rate_code"]) for t in il["tax_lines"]] == [(1, "US-IL-STATE TAX-1")]
    city = await order({"country": "US", "state": "CA", "postcode": "90210", "city": "Beverly hills"})
    assert city["total_tax"] == f"{round(2 * price * 0.095, 2):.2f}"
    elsewhere = await order({"country": "US", "state": "CA", "postcode": "94103", "city": "SF"})
    assert elsewhere["total_tax"] == "0.00" and elsewhere["tax_lines"] == []
    reduced = await order({"country": "US", "state": "NY", "postcode": "10001", "city": "NYC"},
                          "reduced-rate")
    assert reduced["total_tax"] == f"{round(2 * price * 0.025, 2):.2f}"
