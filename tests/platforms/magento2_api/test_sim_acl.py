"""An integration whose resource access is custom: a route of an ACL resource it was not
granted is 401 naming that resource, as for no token; the granted ones answer. Every answer
is checked against Magento's published schema."""

from __future__ import annotations

from anycart.platforms.magento2_api.simulator import Magento2Simulator

from .magento_schema import require_schema, validated_client

require_schema()
HOST, TOKEN = "acl.m2.example", "catalog-only-token"
DENIED = "The consumer isn't authorized to access %resources."


async def test_a_custom_integration_reaches_only_its_resources() -> None:
    sim = Magento2Simulator()
    sim.shops.add_shop(HOST, TOKEN, size=5, acl={"Magento_Catalog::products"})
    async with validated_client(sim.app, f"https://{HOST}", TOKEN) as http:
        r = await http.get("/rest/V1/products", params={"searchCriteria": ""})
        assert r.status_code == 200 and r.json()["total_count"] == 5
        for path, resource in (("/rest/V1/orders", "Magento_Sales::actions_view"),
                               ("/rest/V1/categories", "Magento_Catalog::categories")):
            r = await http.get(path, params={"searchCriteria": ""})
            assert r.status_code == 401
            assert r.json() == {"message": DENIED, "parameters": {"resources": resource}}
