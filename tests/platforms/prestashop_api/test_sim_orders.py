"""Orders through the webservice: a cart first, then POST /api/orders, which validateOrder
turns into an order made from the cart (lines, totals, state, stock, carrier, history)."""

from __future__ import annotations

from typing import Any

import httpx
import xmltodict

from .sim_client import error, http, sim  # noqa: F401  (fixtures)


def _body(node: str, fields: dict[str, Any]) -> bytes:
    return xmltodict.unparse({"prestashop": {node: fields}}).encode()


async def _json(http: httpx.AsyncClient, path: str, **params: str) -> Any:
    r = await http.get(path, params={"output_format": "JSON", **params})
    assert r.status_code == 200, r.text
    return r.json()


async def _cart(http: httpx.AsyncClient, rows: list[dict[str, str]]) -> str:
    r = await http.post("/api/carts", params={"output_format": "JSON"}, content=_body("cart", {
        "id_currency": "1", "id_lang": "2", "id_customer": "3", "id_address_delivery": "3",
        "id_address_invoice": "3", "id_carrier": "2",
        "associations": {"cart_rows": {"cart_row": rows}}}))
    assert r.status_code == 201, r.text
    return str(r.json()["cart"]["id"])


def _order(cart: str, paid: str) -> bytes:
    return _body("order", {
        "id_address_delivery": "3", "id_address_invoice": "3", "id_cart": cart,
        "id_currency": "1", "id_lang": "2", "id_customer": "3", "id_carrier": "2",
        "module": "ps_checkpayment", "payment": "Payments by check", "total_paid": paid,
        "total_paid_real": paid, "total_products": "0", "total_products_wt": "0",
        "conversion_rate": "1"})


async def test_an_order_is_made_from_its_cart(http: httpx.AsyncClient) -> None:
    product = (await _json(http, "/api/products/3"))["product"]
    combo = (await _json(http, "/api/combinations/2"))["combination"]
    stock_before = (await _json(http, "/api/stock_availables", display="full",
                                **{"filter[id_product]": "3",
                                   "filter[id_product_attribute]": "2"}))
    before = int(stock_before["stock_availables"][0]["quantity"])
    cart = await _cart(http, [{"id_product": "3", "id_product_attribute": "2",
                               "id_address_delivery": "3", "quantity": "2"}])
    unit = float(product["price"]) + float(combo["price"])
    paid = f"{unit * 2 + 7:.2f}"  # carrier 2 is not free
    r = await http.post("/api/orders", params={"output_format": "JSON"},
                        content=_order(cart, paid))
    assert r.status_code == 201, r.text
    order = r.json()["order"]
    assert order["current_state"] == "11" and order["valid"] == "1"  # PS_OS_WS_PAYMENT
    assert float(order["total_products"]) == round(unit * 2, 6)
    assert order["total_shipping"] == "7.000000" and len(order["reference"]) == 9
    rows = order["associations"]["order_rows"]
    assert [(x["product_id"], x["product_attribute_id"], x["product_quantity"]) for x in rows] \
        == [("3", "2", "2")]
    assert rows[0]["product_name"].startswith(product["name"][1]["value"] + " - Taille : ")
    after = (await _json(http, "/api/stock_availables", display="full",
                         **{"filter[id_product]": "3", "filter[id_product_attribute]": "2"}))
    assert int(after["stock_availables"][0]["quantity"]) == before - 2
    carriers = await _json(http, "/api/order_carriers", display="full",
                           **{"filter[id_order]": str(order["id"])})
    assert carriers["order_carriers"][0]["id_carrier"] == "2"
    history = await _json(http, "/api/order_histories", display="full",
                          **{"filter[id_order]": str(order["id"])})
    assert [h["id_order_state"] for h in history["order_histories"]] == ["11"]
    again = await http.post("/api/orders", content=_order(cart, paid))
    assert again.status_code == 500
    assert error(again)[1] == ("Cart cannot be loaded or an order has already been placed "
                               "using this cart")


async def test_a_wrong_amount_is_a_payment_error(http: httpx.AsyncClient) -> None:
    cart = await _cart(http, [{"id_product": "1", "id_product_attribute": "0",
                               "id_address_delivery": "3", "quantity": "1"}])
    r = await http.post("/api/orders", params={"output_format": "JSON"},
                        content=_order(cart, "0.01"))
    assert r.status_code == 201
    assert r.json()["order"]["current_state"] == "8"  # PS_OS_ERROR
    missing = await http.post("/api/orders", content=_order("999", "1"))
    assert missing.status_code == 500


async def test_seeded_orders_have_their_carts(http: httpx.AsyncClient) -> None:
    order = (await _json(http, "/api/orders/2"))["order"]
    cart = (await _json(http, f"/api/carts/{order['id_cart']}"))["cart"]
    lines = [(r["product_id"], r["product_quantity"]) for r in order["associations"]["order_rows"]]
    assert [(r["id_product"], r["quantity"]) for r in cart["associations"]["cart_rows"]] == lines
