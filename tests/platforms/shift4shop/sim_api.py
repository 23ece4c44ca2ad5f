"""The simulator tests' side of the Shift4Shop REST API: one store's credentials and a client
sending them, as a Shift4Shop app would."""

from __future__ import annotations

from typing import Any

import httpx

BASE = "https://apirest.3dcart.com"
URL = "https://demo.3dcartstores.com/"
KEY, TOKEN = "a" * 32, "b" * 32
HEADERS = {"SecureURL": URL, "PrivateKey": KEY, "Token": TOKEN}
P = "/3dCartWebAPI/v1"


def api_client(sim: Any) -> httpx.AsyncClient:
    """A client on ``sim``'s app sending the store's three headers on every request."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app), base_url=BASE,
                             headers=HEADERS)
