"""The Shift4Shop simulator behaves as the Shift4Shop REST API documentation says."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from anycart.platforms.shift4shop.sim_store import SimulatedStores
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator, create_simulator

from .sim_api import BASE, HEADERS, KEY, TOKEN, URL, P, api_client

ANCHOR = datetime(2025, 6, 1)


class FrozenClock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def sim(clock: FrozenClock) -> Shift4ShopSimulator:
    s = Shift4ShopSimulator(clock=clock)
    s.stores.add_store(URL, KEY, TOKEN, size=300, seed=7, anchor=ANCHOR)
    return s


@pytest.fixture
async def client(sim: Shift4ShopSimulator):
    async with api_client(sim) as c:
        yield c


async def test_auth_missing_wrong_and_unknown_store(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{P}/Products", headers={"Token": "nope"})
    assert r.status_code == 401
    assert r.json()[0]["Status"] == "401"
    async with httpx.AsyncClient(transport=client._transport, base_url=BASE) as bare:
        assert (await bare.get(f"{P}/Products")).status_code == 401
        h = {**HEADERS, "SecureURL": "other.3dcartstores.com"}
        assert (await bare.get(f"{P}/Products", headers=h)).status_code == 401
        h = {"secureurl": "DEMO.3dcartstores.com", "PRIVATEKEY": KEY, "token": TOKEN}
        assert (await bare.get(f"{P}/Products", headers=h)).status_code == 200


async def test_versions_and_case_insensitive_paths(client: httpx.AsyncClient) -> None:
    a = await client.get("/3dCartWebAPI/v1/Products")
    b = await client.get("/3dcartwebapi/v2/products")
    assert a.status_code == b.status_code == 200
    assert a.json() == b.json()
    assert (await client.get("/3dCartWebAPI/v3/Products")).status_code == 404
    assert (await client.get(f"{P}/Nothing")).status_code == 404


async def test_undeclared_paths_and_methods(client: httpx.AsyncClient) -> None:
    assert (await client.get(f"{P}/Products/")).json() == (await client.get(f"{P}/Products")).json()
    for method, path in (("HEAD", "Products"), ("OPTIONS", "Products"), ("PATCH", "Products/1"),
                         ("DELETE", "OrderStatus/1"), ("POST", "Products/1/Categories"),
                         ("POST", "Products/1/AdvancedOptions"), ("DELETE", "Products/SKUInfo")):
        r = await client.request(method, f"{P}/{path}")
        assert r.status_code == 405 and r.content == b"", (method, path)
    for path in ("Products/1/Nothing", "Products/abc", "Orders/1/Items/1/x", ""):
        r = await client.get(f"{P}/{path}")
        assert r.status_code == 404 and r.content == b"", path
    async with httpx.AsyncClient(transport=client._transport, base_url=BASE) as bare:
        assert (await bare.get(f"{P}/Nothing")).status_code == 401  # the API checks auth first
        assert (await bare.get("/elsewhere")).status_code == 404


async def test_paging(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{P}/Products")
    assert len(r.json()) == 10  # default limit
    first = (await client.get(f"{P}/Products", params={"limit": 5, "offset": 1})).json()
    zero = (await client.get(f"{P}/Products", params={"limit": 5, "offset": 0})).json()
    assert first == zero
    assert [p["SKUInfo"]["CatalogID"] for p in first] == [1, 2, 3, 4, 5]
    nxt = (await client.get(f"{P}/Products", params={"limit": 5, "offset": 6})).json()
    assert nxt[0]["SKUInfo"]["CatalogID"] == 6
    last = await client.get(f"{P}/Products", params={"limit": 200, "offset": 201})
    assert len(last.json()) == 100
    past = await client.get(f"{P}/Products", params={"limit": 200, "offset": 301})
    assert past.status_code == 404 and past.content == b""
    assert (await client.get(f"{P}/Products", params={"limit": 201})).status_code == 400
    assert (await client.get(f"{P}/Orders", params={"limit": 300})).status_code == 200
    assert (await client.get(f"{P}/Orders", params={"limit": 301})).status_code == 400
    assert (await client.get(f"{P}/Customers", params={"limit": 500})).status_code == 200


async def test_countonly(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{P}/Products", params={"countonly": 1})
    assert r.json() == {"TotalCount": 300}
    r = await client.get(f"{P}/Orders", params={"countonly": 1})
    assert r.json() == {"TotalCount": 150}


async def test_product_filters(client: httpx.AsyncClient) -> None:
    one = (await client.get(f"{P}/Products/3")).json()[0]
    sku = one["SKUInfo"]["SKU"]
    r = await client.get(f"{P}/Products", params={"SKU": sku.lower()})
    assert [p["SKUInfo"]["CatalogID"] for p in r.json()] == [3]
    r = await client.get(f"{P}/Products", params={"pricefrom": 50, "priceto": 60, "limit": 200})
    prices = [p["SKUInfo"]["Price"] for p in r.json()]
    assert prices and all(50 <= p <= 60 for p in prices)
    assert (await client.get(f"{P}/Products", params={"pricefrom": "abc"})).status_code == 400
    assert (await client.get(f"{P}/Products",
                             params={"lastupdatestart": "13/45/2020"})).status_code == 400
    r = await client.get(f"{P}/Products", params={
        "lastupdatestart": "01/01/2025", "lastupdateend": "03/31/2025", "limit": 200})
    dates = [p["LastUpdate"] for p in r.json()]
    assert dates and all("2025-01-01" <= d <= "2025-03-31T23:59:59" for d in dates)


async def test_order_and_customer_filters(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{P}/Orders", params={"orderstatus": 4, "limit": 300})
    assert r.json() and all(o["OrderStatusID"] == 4 for o in r.json())
    c = (await client.get(f"{P}/Customers/12")).json()[0]
    r = await client.get(f"{P}/Customers", params={"email": c["Email"].upper()})
    assert [x["CustomerID"] for x in r.json()] == [12]
    assert (await client.get(f"{P}/Customers", params={"email": "no@x"})).status_code == 404


async def test_odata_select_and_orderby(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{P}/Products", params={
        "limit": 20, "$select": "SKUInfo.SKU,SKUInfo.Price,CategoryList",
        "$orderby": "SKUInfo.Price desc"})
    data = r.json()
    assert set(data[0]) == {"SKUInfo", "CategoryList"}
    assert set(data[0]["SKUInfo"]) == {"SKU", "Price"}
    prices = [p["SKUInfo"]["Price"] for p in data]
    assert prices == sorted(prices, reverse=True)
    # applied after paging: the same 20 records as without $orderby
    plain = (await client.get(f"{P}/Products", params={"limit": 20})).json()
    assert sorted(p["SKUInfo"]["SKU"] for p in plain) == sorted(p["SKUInfo"]["SKU"] for p in data)
    assert (await client.get(f"{P}/Products", params={"$select": "Nope"})).status_code == 400


async def test_post_put_delete_product(client: httpx.AsyncClient) -> None:
    body = {"SKUInfo": {"SKU": "NEW-1", "Name": "New Thing", "Price": "12.50", "Stock": 3}}
    r = await client.post(f"{P}/Products", json=body)
    assert r.status_code == 201
    entry = r.json()[0]
    assert entry["Key"] == "CatalogID" and entry["Status"] == "201"
    new_id = int(entry["Value"])
    got = (await client.get(f"{P}/Products/{new_id}")).json()[0]
    assert got["SKUInfo"]["Price"] == 12.5 and got["SKUInfo"]["CatalogID"] == new_id
    r = await client.put(f"{P}/Products/{new_id}", json={"SKUInfo": {"Stock": 9}})
    assert r.status_code == 200 and r.json()[0]["Status"] == "200"
    got2 = (await client.get(f"{P}/Products/{new_id}")).json()[0]
    assert got2["SKUInfo"]["Stock"] == 9 and got2["SKUInfo"]["Name"] == "New Thing"
    assert got2["LastUpdate"] >= got["LastUpdate"]
    r = await client.delete(f"{P}/Products/{new_id}")
    assert r.status_code == 200 and r.json()[0]["Value"] == str(new_id)
    assert (await client.get(f"{P}/Products/{new_id}")).status_code == 404
    assert (await client.delete(f"{P}/Products/{new_id}")).status_code == 404
    r = await client.put(f"{P}/Products/999999", json={"SKUInfo": {"Stock": 1}})
    assert r.status_code == 404 and r.content == b""


async def test_put_batch_partial(client: httpx.AsyncClient) -> None:
    r = await client.put(f"{P}/Products", json=[
        {"SKUInfo": {"CatalogID": 1, "Stock": 5}},
        {"SKUInfo": {"CatalogID": 999999, "Stock": 5}},
        {"SKUInfo": {"CatalogID": 2, "Price": "abc"}},
    ])
    assert r.status_code == 206
    assert [e["Status"] for e in r.json()] == ["200", "404", "400"]
    assert (await client.get(f"{P}/Products/1")).json()[0]["SKUInfo"]["Stock"] == 5
    r = await client.put(f"{P}/Products", json=[{"SKUInfo": {"CatalogID": 1, "Stock": 6}}])
    assert r.status_code == 200


async def test_bad_bodies(client: httpx.AsyncClient) -> None:
    r = await client.post(f"{P}/Products", content=b"{not json",
                          headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.content == b""
    r = await client.post(f"{P}/Products", content=b"hello", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = await client.post(f"{P}/Products", json={"SKUInfo": {"SKU": "X", "Name": "Y", "Price": "abc"}})
    assert r.status_code == 400
    r = await client.post(f"{P}/Products", json={"SKUInfo": {"Name": "no sku"}})
    assert r.status_code == 400
    r = await client.post(f"{P}/Customers", json={"BillingFirstName": "No email"})
    assert r.status_code == 400
    too_many = [{"SKUInfo": {"SKU": f"S{i}", "Name": "n"}} for i in range(201)]
    assert (await client.post(f"{P}/Products", json=too_many)).status_code == 400
    assert (await client.delete(f"{P}/Orders/1")).status_code == 405


async def test_xml_body_is_accepted(client: httpx.AsyncClient) -> None:
    xml = b"<Customer><Email>x@example.com</Email><BillingFirstName>X</BillingFirstName></Customer>"
    r = await client.post(f"{P}/Customers", content=xml, headers={"Content-Type": "application/xml"})
    assert r.status_code == 201


async def test_subresources(client: httpx.AsyncClient) -> None:
    r = await client.post(f"{P}/Orders/1/Shipments", json={"ShipmentTrackingCode": "TRK1",
                                                           "ShipmentOrderStatus": 4})
    assert r.status_code == 201 and r.json()[0]["Key"] == "ShipmentID"
    sid = r.json()[0]["Value"]
    r = await client.put(f"{P}/Orders/1/Shipments/{sid}", json={"ShipmentTrackingCode": "TRK2"})
    assert r.status_code == 200
    ships = (await client.get(f"{P}/Orders/1/Shipments")).json()
    assert any(s["ShipmentTrackingCode"] == "TRK2" for s in ships)
    items = (await client.get(f"{P}/Orders/1/Items")).json()
    assert items and "ItemIndexID" in items[0]
    assert (await client.get(f"{P}/Orders/999999/Items")).status_code == 404
    assert (await client.get(f"{P}/Products/999999/Images")).status_code == 404
    cats = (await client.get(f"{P}/Products/1/Categories")).json()
    assert cats[0]["CategoryName"]
    r = await client.get(f"{P}/Categories/{cats[0]['CategoryID']}/Products", params={"limit": 200})
    assert any(p["SKUInfo"]["CatalogID"] == 1 for p in r.json())
    sku = (await client.get(f"{P}/Products/skuinfo", params={"limit": 3})).json()
    assert set(sku[0]) >= {"CatalogID", "SKU", "Price", "Stock"}
    r = await client.put(f"{P}/Products/skuinfo", json=[{"CatalogID": 2, "Stock": 77}])
    assert r.status_code == 200
    assert (await client.get(f"{P}/Products/2")).json()[0]["SKUInfo"]["Stock"] == 77
    assert (await client.get(f"{P}/OrderStatus")).json()[3]["StatusDefinition"] == "Shipped"
    assert (await client.get(f"{P}/Orders/Status")).status_code == 200
    assert (await client.get(f"{P}/RMA", params={"limit": 1})).status_code == 200


async def test_leaky_bucket(sim: Shift4ShopSimulator, clock: FrozenClock,
                            client: httpx.AsyncClient) -> None:
    for _ in range(50):
        assert (await client.get(f"{P}/OrderStatus")).status_code == 200
    assert (await client.get(f"{P}/OrderStatus")).status_code == 429
    clock.t += 1.0  # two drops leak out
    assert (await client.get(f"{P}/OrderStatus")).status_code == 200
    assert (await client.get(f"{P}/OrderStatus")).status_code == 200
    assert (await client.get(f"{P}/OrderStatus")).status_code == 429


async def test_injected_failure(sim: Shift4ShopSimulator, client: httpx.AsyncClient) -> None:
    sim.inject_failure(URL, status=500, times=2)
    assert (await client.get(f"{P}/Products")).status_code == 500
    assert (await client.get(f"{P}/Products")).status_code == 500
    assert (await client.get(f"{P}/Products")).status_code == 200


async def test_oauth_and_callback(sim: Shift4ShopSimulator, client: httpx.AsyncClient) -> None:
    received: list[dict] = []

    async def hook(request: Request) -> JSONResponse:
        received.append(await request.json())
        return JSONResponse({})

    receiver = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    sim.apps.callback_client = httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver),
                                                 base_url="https://app.example")
    sim.add_app("pub", "priv", callback_url="https://app.example/hook")
    r = await client.get("/oauth/authorize", params={
        "client_id": "pub", "redirect_uri": "https://app.example/cb", "state": "s1",
        "response_type": "code", "store_url": URL})
    assert r.status_code == 302
    q = parse_qs(urlparse(r.headers["location"]).query)
    assert q["state"] == ["s1"]
    bad = await client.post("/oauth/token", data={
        "Code": q["code"][0], "client_id": "pub", "client_secret": "wrong",
        "grant_type": "authorization_code"})
    assert bad.status_code == 400
    r = await client.post("/oauth/token", data={
        "Code": q["code"][0], "client_id": "pub", "client_secret": "priv",
        "grant_type": "authorization_code"})
    assert r.status_code == 200
    token = r.json()["access_token"]
    again = await client.post("/oauth/token", data={
        "Code": q["code"][0], "client_id": "pub", "client_secret": "priv",
        "grant_type": "authorization_code"})
    assert again.status_code == 400  # codes are single use
    h = {"SecureURL": URL, "PrivateKey": "priv", "Token": token}
    assert (await client.get(f"{P}/Products", headers=h)).status_code == 200
    assert received[0]["Action"] == "AUTHORIZE" and received[0]["TokenKey"] == token
    assert received[0]["PublicKey"] == "pub" and len(received[0]["TimeStamp"]) == 19
    assert await sim.remove_authorization(URL, "pub")
    assert received[1]["Action"] == "REMOVE"
    assert (await client.get(f"{P}/Products", headers=h)).status_code == 401
    bad_type = await client.get("/oauth/authorize", params={
        "client_id": "pub", "redirect_uri": "https://x", "response_type": "token",
        "store_url": URL})
    assert bad_type.status_code == 400


def test_seed_is_deterministic_and_big() -> None:
    a = SimulatedStores().add_store("a.example", "k", "t", size=50, seed=3, anchor=ANCHOR)
    b = SimulatedStores().add_store("b.example", "k", "t", size=50, seed=3, anchor=ANCHOR)
    c = SimulatedStores().add_store("c.example", "k", "t", size=50, seed=4, anchor=ANCHOR)
    assert a.data.products.get(1) == b.data.products.get(1)
    assert a.data.products.get(1) != c.data.products.get(1)
    # Its speed is measured by benchmarks/simulators.py, not asserted here.
    big = SimulatedStores().add_store("big.example", "k", "t", size=10_000, seed=1)
    assert len(big.data.products) == 10_000 and len(big.data.orders) == 5_000


async def test_pages_of_200_of_a_big_store_are_full_and_disjoint() -> None:
    app = create_simulator(clock=FrozenClock())
    app.state.simulator.stores.add_store(URL, KEY, TOKEN, size=5_000, seed=1)
    seen: set[int] = set()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE,
                                 headers=HEADERS) as c:
        for page in range(10):
            r = await c.get(f"{P}/Products", params={"limit": 200, "offset": page * 200 + 1})
            assert r.status_code == 200 and len(r.json()) == 200
            seen.update(p["SKUInfo"]["CatalogID"] for p in r.json())
    assert len(seen) == 2000
