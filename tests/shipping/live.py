"""A store env made ready for live shipping tests: a vendor's callback on a real loopback
server, the shipping timeouts short, and a client playing the platform's checkout."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx

from anycart.http.app import create_app
from anycart.shipping.store_requests import SIGNATURE, body_signature, signing_key
from anycart.webhooks.outbox import account_secret
from tests.conftest import LiveServer
from tests.shipping.vendor import Vendor

CREATE = "basket.live_shipping_service.create"
#: The FAQ's answer when the vendor's test response has a rate of the wrong type.
WRONG_TYPE = {"return_code": 109, "return_message": 'Bad Response. Field '
              '"rates->0->total_cost" has wrong type. It must be decimal', "result": {}}


@contextlib.asynccontextmanager
async def live_vendor(e: Any, vendor: Vendor, public_url: str) -> AsyncIterator[Any]:
    """``e`` with ``e.vendor`` served at ``e.callback``, a 0.5 s timeout, 0.05 s retry delay and
    an error limit of 3, and ``e.checkout``: the platform's side reaching AnyCart at
    ``public_url`` (where the store's rate requests arrive)."""
    with LiveServer(vendor.app()) as server:
        s = e.services.settings
        s.shipping_timeout_s, s.shipping_retry_delay_s, s.shipping_error_limit = 0.5, 0.05, 3
        e.vendor, e.callback = vendor, f"{server.url}/rates.php"
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(e.services)),
                                     base_url=public_url) as e.checkout:
            yield e


def key_of(e: Any) -> str:
    """The account's shipping signing key (its webhook secret)."""
    return account_secret(e.services.db, e.services.repo.authenticate(e.api_key).id)


async def add_service(e: Any) -> dict:
    """basket.live_shipping_service.create of a service "V" calling the vendor back."""
    return dict(await e.call(CREATE, {"name": "V", "callback": e.callback}))


async def signed_rates(e: Any, body: bytes, credential: str) -> httpx.Response:
    """The store's rate request for service 1 as the AnyCart plugin or module sends it: signed
    with the key derived from ``credential`` (a wrong one stands for a forger)."""
    return await e.checkout.post("/shipping/1/rates", content=body, headers={
        SIGNATURE: body_signature(signing_key(credential), body)})
