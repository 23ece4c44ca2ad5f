"""The simulator authenticates as ``WC_REST_Authentication`` does: HTTP Basic or query keys over
https, only OAuth 1.0a one-legged signatures over plain http (signed here by oauthlib, the
library WooCommerce's own docs point clients to), replays and stale timestamps refused."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from oauthlib import oauth1

from anycart.platforms.woocommerce_api.simulator import WooSimulator

HOST, KEY, SECRET = "auth.example", "ck_auth", "cs_auth"
PRODUCTS = "/wp-json/wc/v3/products"


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    sim = WooSimulator()
    sim.shops.add_shop(HOST, KEY, SECRET, size=12)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app)) as client:
        yield client


def signed(url: str, *, method: str = "GET", secret: str = SECRET, key: str = KEY,
           algorithm: str = "HMAC-SHA1", **options: str) -> str:
    client = oauth1.Client(key, client_secret=secret, signature_method=algorithm,
                           signature_type=oauth1.SIGNATURE_TYPE_QUERY, **options)
    uri, _, _ = client.sign(url, http_method=method)
    return str(uri)


def error(r: httpx.Response, status: int, code: str, message: str | None = None) -> None:
    body = r.json()
    assert r.status_code == status and body["code"] == code and body["data"]["status"] == status
    if message is not None:
        assert body["message"] == message


async def test_basic_auth_over_https(http: httpx.AsyncClient) -> None:
    r = await http.get(f"https://{HOST}{PRODUCTS}", auth=(KEY, SECRET))
    assert r.status_code == 200 and r.headers["X-WP-Total"] == "12"


async def test_wrong_key_or_secret_over_https(http: httpx.AsyncClient) -> None:
    error(await http.get(f"https://{HOST}{PRODUCTS}", auth=(KEY, "cs_wrong")), 401,
          "woocommerce_rest_authentication_error", "Consumer secret is invalid.")
    error(await http.get(f"https://{HOST}{PRODUCTS}", auth=("ck_other", SECRET)), 401,
          "woocommerce_rest_authentication_error", "Consumer key is invalid.")


async def test_query_keys_taken_over_https_only(http: httpx.AsyncClient) -> None:
    keys = {"consumer_key": KEY, "consumer_secret": SECRET}
    assert (await http.get(f"https://{HOST}{PRODUCTS}", params=keys)).status_code == 200
    error(await http.get(f"http://{HOST}{PRODUCTS}", params=keys), 401,
          "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
    error(await http.get(f"http://{HOST}{PRODUCTS}", auth=(KEY, SECRET)), 401,
          "woocommerce_rest_cannot_view")


@pytest.mark.parametrize("algorithm", ["HMAC-SHA1", "HMAC-SHA256"])
async def test_oauth1_signature_over_http(http: httpx.AsyncClient, algorithm: str) -> None:
    r = await http.get(signed(f"http://{HOST}{PRODUCTS}?per_page=5&orderby=id&order=asc",
                              algorithm=algorithm))
    assert r.status_code == 200, r.text
    assert len(r.json()) == 5 and r.headers["X-WP-TotalPages"] == "3"


async def test_bad_oauth_signature_refused(http: httpx.AsyncClient) -> None:
    tampered = signed(f"http://{HOST}{PRODUCTS}?per_page=5").replace("per_page=5",
                                                                     "per_page=50")
    error(await http.get(tampered), 401, "woocommerce_rest_authentication_error",
          "Invalid signature - provided signature does not match.")
    error(await http.get(signed(f"http://{HOST}{PRODUCTS}", secret="cs_wrong")), 401,
          "woocommerce_rest_authentication_error",
          "Invalid signature - provided signature does not match.")
    error(await http.get(signed(f"http://{HOST}{PRODUCTS}", key="ck_unknown")), 401,
          "woocommerce_rest_authentication_error", "Consumer key is invalid.")
    error(await http.get(signed(f"http://{HOST}{PRODUCTS}", algorithm="PLAINTEXT")), 401,
          "woocommerce_rest_authentication_error",
          "Invalid signature - signature method is invalid.")


async def test_nonce_replay_and_stale_timestamp_refused(http: httpx.AsyncClient) -> None:
    url = signed(f"http://{HOST}{PRODUCTS}")
    assert (await http.get(url)).status_code == 200
    error(await http.get(url), 401, "woocommerce_rest_authentication_error",
          "Invalid nonce - nonce has already been used.")
    stale = signed(f"http://{HOST}{PRODUCTS}", timestamp=str(int(time.time()) - 16 * 60))
    error(await http.get(stale), 401, "woocommerce_rest_authentication_error",
          "Invalid timestamp.")


async def test_missing_oauth_parameter(http: httpx.AsyncClient) -> None:
    url = urlsplit(signed(f"http://{HOST}{PRODUCTS}"))
    query = [(k, v) for k, v in parse_qsl(url.query) if k != "oauth_nonce"]
    partial = urlunsplit(url._replace(query=urlencode(query)))
    error(await http.get(partial), 401, "woocommerce_rest_authentication_missing_parameter",
          "Missing OAuth parameter(s) oauth_nonce")


async def test_unauthenticated_writes_name_the_action(http: httpx.AsyncClient) -> None:
    error(await http.post(f"https://{HOST}{PRODUCTS}", json={"name": "x"}), 401,
          "woocommerce_rest_cannot_create")
    error(await http.post(f"https://{HOST}{PRODUCTS}/batch", json={"create": []}), 401,
          "woocommerce_rest_cannot_batch")
    error(await http.delete(f"https://{HOST}{PRODUCTS}/1"), 401,
          "woocommerce_rest_cannot_delete")


async def test_oauth1_signed_write_over_http(http: httpx.AsyncClient) -> None:
    url = signed(f"http://{HOST}{PRODUCTS}", method="POST")
    r = await http.post(url, json={"name": "Signed", "regular_price": "3.00"})
    assert r.status_code == 201 and r.json()["price"] == "3.00"


async def test_unknown_routes_are_404_before_credentials(http: httpx.AsyncClient) -> None:
    error(await http.get(f"https://{HOST}/wp-json/wc/v3/nothing"), 404, "rest_no_route")
    error(await http.put(f"https://{HOST}{PRODUCTS}"), 404, "rest_no_route")
    error(await http.get(f"https://{HOST}/wp-json/wc/v3/nothing", auth=(KEY, "bad")), 401,
          "woocommerce_rest_authentication_error")
