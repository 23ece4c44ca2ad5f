"""``anycart demo``: the gateway with a Shift4Shop and a Shopify sandbox store, ready to call.

The sandboxes are the platform simulators mounted in-process (Shift4Shop on its API host,
Shopify on the shop's own host), so no request leaves the machine. The demo account and store are created once and reused on later runs
(their keys are kept in ``<data dir>/demo.json``).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import dataclass

from anycart.config import Settings
from anycart.http.app import Services, build_services
from anycart.platforms.shift4shop import client as shift4shop_client
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.platforms.shopify.simulator import ShopifySimulator

SANDBOX_API_HOST = "apirest.3dcart.sandbox"
SANDBOX_STORE_URL = "https://sandbox-store.3dcartstores.com"
SANDBOX_SHOP = "sandbox-shop.myshopify.com"


@dataclass
class DemoSetup:
    services: Services
    simulator: Shift4ShopSimulator
    api_key: str
    store_key: str
    shopify_store_key: str


def prepare_demo(settings: Settings, products: int = 500) -> DemoSetup:
    state_file = settings.data_dir / "demo.json"
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    private_key = state.get("private_key") or secrets.token_hex(16)
    token = state.get("token") or secrets.token_hex(16)

    simulator = Shift4ShopSimulator()
    simulator.stores.add_store(SANDBOX_STORE_URL, private_key, token, size=products, seed=1)
    shift4shop_client.configure(api_url=f"https://{SANDBOX_API_HOST}")
    services = build_services(settings)
    services.http.mount(SANDBOX_API_HOST, simulator.app)

    shopify_token = state.get("shopify_token") or "shpat_" + secrets.token_hex(16)
    shopify = ShopifySimulator()
    shopify.shops.add_shop(SANDBOX_SHOP, shopify_token, size=products, seed=1)
    services.http.mount(SANDBOX_SHOP, shopify.app)

    api_key, store_key = state.get("api_key"), state.get("store_key")
    shopify_store_key = state.get("shopify_store_key")
    account = services.repo.authenticate(api_key) if api_key else None
    if account is None or services.repo.get_store(account.id, store_key or "") is None:
        account, api_key = services.repo.create_account("demo")
        store_key = _connect(services, api_key, {
            "cart_id": "3DCart", "store_url": SANDBOX_STORE_URL, "3dcart_private_key": private_key,
            "3dcart_access_token": token, "custom_label": "Shift4Shop sandbox"})
        shopify_store_key = None
    if services.repo.get_store(account.id, shopify_store_key or "") is None:
        shopify_store_key = _connect(services, api_key, {
            "cart_id": "Shopify", "store_url": f"https://{SANDBOX_SHOP}",
            "shopify_access_token": shopify_token, "custom_label": "Shopify sandbox"})
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps({"api_key": api_key, "store_key": store_key,
                                      "private_key": private_key, "token": token,
                                      "shopify_token": shopify_token,
                                      "shopify_store_key": shopify_store_key}))
    state_file.chmod(0o600)
    return DemoSetup(services, simulator, api_key, store_key, shopify_store_key)


def _connect(services: Services, api_key: str, body: dict) -> str:
    answer = asyncio.run(services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key},
                                                 json.dumps(body).encode()))
    if answer["return_code"]:
        raise RuntimeError(f"demo store {body['cart_id']} could not be connected: "
                           f"{answer['return_message']}")
    return answer["result"]["store_key"]
