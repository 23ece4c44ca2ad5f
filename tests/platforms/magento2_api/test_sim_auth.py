"""Authentication as Magento's REST front controller does it: an unknown route is a 404
before any authorization, then a bearer token (integration or issued admin token) or 401
naming the ACL resource; ``integration/admin/token`` issues tokens. Every answer is checked
against Magento's published schema."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from .magento_schema import require_schema
from .sim_client import shop_client

require_schema()
HOST, TOKEN = "auth.m2.example", "integration-token"
DENIED = "The consumer isn't authorized to access %resources."


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with shop_client(HOST, TOKEN, 12, bearer=False) as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(("path", "resource"), [
    ("/rest/V1/products", "Magento_Catalog::products"),
    ("/rest/default/V1/categories", "Magento_Catalog::categories"),
    ("/rest/all/V1/orders", "Magento_Sales::actions_view"),
    ("/rest/V1/customers/search", "Magento_Customer::customer"),
    ("/rest/V1/store/storeViews", "Magento_Backend::stores"),
])
async def test_without_a_token_every_route_is_401_naming_its_resource(
        http: httpx.AsyncClient, path: str, resource: str) -> None:
    for headers in ({}, bearer("wrong"), {"Authorization": f"Basic {TOKEN}"}):
        r = await http.get(path, headers=headers)
        assert r.status_code == 401
        assert r.json() == {"message": DENIED, "parameters": {"resources": resource}}


async def test_an_integration_token_opens_every_store_code(http: httpx.AsyncClient) -> None:
    for prefix in ("/rest/V1", "/rest/default/V1", "/rest/fr/V1", "/rest/all/V1"):
        r = await http.get(prefix + "/products", headers=bearer(TOKEN),
                           params={"searchCriteria": ""})
        assert r.status_code == 200 and r.json()["total_count"] == 12


async def test_unknown_routes_and_store_codes_are_404_before_authorization(
        http: httpx.AsyncClient) -> None:
    no_route = {"message": "Request does not match any route."}
    for path, headers in (("/rest/V1/nothing", {}), ("/rest/V1/nothing", bearer(TOKEN)),
                          ("/rest/nl/V1/products", bearer(TOKEN)),
                          ("/rest/V1/customers/search", bearer(TOKEN))):
        method = "POST" if path.endswith("search") else "GET"  # search is GET only
        r = await http.request(method, path, headers=headers)
        assert (r.status_code, r.json()) == (404, no_route)


async def test_admin_token_is_issued_for_right_credentials_and_then_accepted(
        http: httpx.AsyncClient) -> None:
    r = await http.post("/rest/V1/integration/admin/token",
                        json={"username": "admin", "password": "admin123"})
    assert r.status_code == 200
    token = r.json()
    assert isinstance(token, str) and len(token) == 32
    r = await http.get("/rest/V1/products/MS00001", headers=bearer(token))
    assert r.status_code == 200 and r.json()["sku"] == "MS00001"


async def test_admin_token_refusals(http: httpx.AsyncClient) -> None:
    r = await http.post("/rest/default/V1/integration/admin/token",
                        json={"username": "admin", "password": "nope"})
    assert r.status_code == 401
    assert r.json() == {"message": "The account sign-in was incorrect or your account is "
                                   "disabled temporarily. Please wait and try again later."}
    r = await http.post("/rest/V1/integration/admin/token", json={"username": "admin"})
    assert r.status_code == 400
    assert r.json() == {"message": "\"%fieldName\" is required. Enter and try again.",
                        "parameters": {"fieldName": "password"}}
    r = await http.post("/rest/V1/integration/admin/token", json={})
    body = r.json()
    assert r.status_code == 400 and body["message"] == "One or more input exceptions have occurred."
    assert [e["parameters"]["fieldName"] for e in body["errors"]] == ["username", "password"]
    r = await http.post("/rest/V1/integration/admin/token", content=b"{not json")
    assert (r.status_code, r.json()) == (400, {"message": "Decoding error."})
