"""Each authenticator on its own, against a MockTransport that checks what arrives.

OAuth 1.0a is verified by oauthlib's server side (``SignatureOnlyEndpoint``), which knows
nothing of how we signed, and by RFC 5849's own example (section 1.2, HMAC-SHA1)."""

from __future__ import annotations

import base64
import hashlib
import hmac

import httpx
import pytest
from oauthlib import oauth1

from anycart.platforms.kit.auth import Basic, BearerRefresh, HeaderToken, HmacSigned, OAuth1
from anycart.transport.http import HttpLayer, RetryPolicy

URL = "http://shop.example/wp-json/wc/v3/products?per_page=5&status=any"


def echo(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})
    return httpx.MockTransport(handle)


async def one(auth: httpx.Auth, method: str = "GET", url: str = URL, **kw) -> httpx.Request:
    seen: list[httpx.Request] = []
    async with httpx.AsyncClient(transport=echo(seen), auth=auth) as client:
        await client.request(method, url, **kw)
    [request] = seen
    return request


async def test_header_token_sets_one_header_with_its_prefix():
    request = await one(HeaderToken("Authorization", "t0k", prefix="Bearer "))
    assert request.headers["authorization"] == "Bearer t0k"
    request = await one(HeaderToken("X-Shopify-Access-Token", "shpat_1"))
    assert request.headers["x-shopify-access-token"] == "shpat_1"


async def test_basic_is_http_basic():
    request = await one(Basic("ck_1", "cs_2"))
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"ck_1:cs_2").decode()


class _Validator(oauth1.RequestValidator):
    """The server side's view of one consumer; nonces are remembered, as WooCommerce does."""

    enforce_ssl = False  # WooCommerce's OAuth 1.0a is for plain http
    nonces: set[str]

    def __init__(self) -> None:
        super().__init__()
        self.nonces = set()

    @property
    def allowed_signature_methods(self):
        return ("HMAC-SHA1", "HMAC-SHA256")

    def check_client_key(self, key):
        return True

    def check_nonce(self, nonce):
        return True

    def validate_client_key(self, client_key, request):
        return client_key == "ck_key"

    def get_client_secret(self, client_key, request):
        return "cs_secret"

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        if nonce in self.nonces:
            return False
        self.nonces.add(nonce)
        return True

    @property
    def dummy_client(self):
        return "dummy"


@pytest.mark.parametrize("method", ["HMAC-SHA1", "HMAC-SHA256"])
async def test_oauth1_signature_verifies_with_oauthlibs_server_side(method):
    endpoint = oauth1.SignatureOnlyEndpoint(_Validator())
    auth = OAuth1("ck_key", "cs_secret", signature_method=method)
    request = await one(auth)
    query = request.url.params
    assert query["oauth_signature_method"] == method and "oauth_signature" in query
    assert query["per_page"] == "5" and "authorization" not in request.headers  # in the query
    valid, _ = endpoint.validate_request(str(request.url), request.method)
    assert valid
    tampered = str(request.url).replace("per_page=5", "per_page=6")
    assert not endpoint.validate_request(tampered, "GET")[0]
    wrong = await one(OAuth1("ck_key", "other", signature_method=method))
    assert not endpoint.validate_request(str(wrong.url), "GET")[0]


def test_oauth1_matches_rfc5849_example():
    """RFC 5849 1.2: the signed request for photos with this nonce and timestamp."""
    signer = OAuth1("dpf43f3p2l4k3l03", "kd94hf93k423kf44", token="nnch734d00sl2jdk",
                    token_secret="pfkkdhi9sl3r4s00")
    signer._client.nonce, signer._client.timestamp = "kllo9940pd9333jh", "1191242096"
    flow = signer.auth_flow(httpx.Request("GET", "http://photos.example.net/photos"
                                                 "?file=vacation.jpg&size=original"))
    signed = next(flow)
    assert signed.url.params["oauth_signature"] == "tR3+Ty81lMeYAr/Fid0kMTYa/WM="


async def test_oauth1_signs_each_retry_afresh():
    """A retried request carries a new nonce (WooCommerce refuses a nonce seen before) and
    is signed over the unsigned URL again."""
    endpoint = oauth1.SignatureOnlyEndpoint(_Validator())
    verdicts: list[bool] = []

    def handle(request: httpx.Request) -> httpx.Response:
        verdicts.append(endpoint.validate_request(str(request.url), request.method)[0])
        return httpx.Response(503 if len(verdicts) == 1 else 200, json={})

    layer = HttpLayer(retry=RetryPolicy(attempts=3, base_delay_s=0.001, max_delay_s=0.001))
    layer.mounts["shop.example"] = httpx.MockTransport(handle)
    response = await layer.send(layer.client.build_request("GET", URL),
                                auth=OAuth1("ck_key", "cs_secret"))
    assert response.status_code == 200 and verdicts == [True, True]


async def test_bearer_refresh_refreshes_once_on_401_and_resends():
    tokens: list[str] = []
    refreshed: list[int] = []

    def handle(request: httpx.Request) -> httpx.Response:
        tokens.append(request.headers["authorization"])
        return httpx.Response(200 if request.headers["authorization"] == "Bearer new" else 401)

    async def refresh() -> str:
        refreshed.append(1)
        return "new"

    auth = BearerRefresh("old", refresh)
    async with httpx.AsyncClient(transport=httpx.MockTransport(handle), auth=auth) as client:
        assert (await client.get("https://api.example/x")).status_code == 200
        assert (await client.get("https://api.example/y")).status_code == 200
    assert tokens == ["Bearer old", "Bearer new", "Bearer new"] and refreshed == [1]


async def test_bearer_refresh_gives_up_after_one_refresh():
    calls: list[str] = []

    async def refresh() -> str:
        calls.append("refresh")
        return f"t{calls.count('refresh')}"

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request.headers["authorization"])
        return httpx.Response(401)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handle),
                                 auth=BearerRefresh("t0", refresh)) as client:
        assert (await client.get("https://api.example/x")).status_code == 401
    assert calls == ["Bearer t0", "refresh", "Bearer t1"]


async def test_hmac_signed_covers_the_parts_asked_for():
    body = b'{"a":1}'
    request = await one(HmacSigned("s3cret", header="X-Bridge-Signature"), "POST", content=body)
    assert request.headers["x-bridge-signature"] == hmac.new(b"s3cret", body,
                                                             hashlib.sha256).hexdigest()
    request = await one(HmacSigned(b"k", header="X-Sig", parts=("method", "path", "query", "body"),
                                   encoding="base64", prefix="sha256="),
                        "PUT", "https://h.example/a/b?x=1", content=b"B")
    digest = hmac.new(b"k", b"PUT\n/a/b\nx=1\nB", hashlib.sha256).digest()
    assert request.headers["x-sig"] == "sha256=" + base64.b64encode(digest).decode()


def test_bridge_signature_is_the_kit_hmac():
    """``bridge.php`` checks hex HMAC-SHA256 of the body; ``protocol.signer`` is the kit auth."""
    from anycart.platforms.bridge.protocol import SIGNATURE_HEADER, signer
    auth = signer("secret")
    request = httpx.Request("POST", "https://s.example/bridge2cart/bridge.php", content=b"{}")
    assert isinstance(auth, HmacSigned) and auth.header == SIGNATURE_HEADER
    assert auth.signature(request) == hmac.new(b"secret", b"{}", hashlib.sha256).hexdigest()
