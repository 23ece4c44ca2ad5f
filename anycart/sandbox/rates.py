"""A checkout asking a shipping-rates callback, as carts with a live-rates module do
(WooCommerce's and Magento's AnyCart modules, Shopify's carrier services): the package is
POSTed to the service's URL with the headers the module signs it with; the answer's JSON
when it is a 200, else nothing, so a failing service adds no rates and the checkout still
shows the other methods'.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx


async def ask(client: httpx.AsyncClient, url: str, body: bytes,
              headers: Mapping[str, str], timeout: float = 20.0) -> Any | None:
    """The callback's JSON answer, or None when it fails, refuses or is not JSON."""
    try:
        answer = await client.post(url, content=body, headers={
            "content-type": "application/json", **headers}, timeout=timeout)
    except httpx.HTTPError:
        return None
    if answer.status_code != 200:
        return None
    try:
        return answer.json()
    except ValueError:
        return None
