"""The PrestaShop webservice simulator in-process, for the simulator's tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from lxml import etree

from anycart.platforms.prestashop_api.simulator import PrestashopSimulator

KEY = "ANYCARTPRESTASHOPWEBSERVICEKEY01"
HOST = "ps.example"
NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
XLINK = "{http://www.w3.org/1999/xlink}href"


def make() -> PrestashopSimulator:
    sim = PrestashopSimulator(now=lambda: NOW)
    sim.shops.add_shop(HOST, KEY, size=30, seed=1, anchor=NOW)
    return sim


@pytest.fixture
def sim() -> PrestashopSimulator:
    return make()


@pytest.fixture
async def http(sim: PrestashopSimulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{HOST}", auth=(KEY, "")) as client:
        yield client


def xml(response: httpx.Response) -> etree._Element:
    return etree.fromstring(response.content)


def error(response: httpx.Response) -> tuple[int, str]:
    """(code, message) of a webservice error, JSON or XML."""
    if response.headers["content-type"].startswith("application/json"):
        err = response.json()["errors"][0]
        return int(err["code"]), str(err["message"])
    node = xml(response).find("errors/error")
    assert node is not None
    return int(node.findtext("code") or 0), str(node.findtext("message"))
