"""How the connector authenticates to Magento: an integration's four values sign every request
with OAuth 1.0a (HMAC-SHA256) in the ``Authorization`` header, as Magento's
``Oauth\\Helper\\Request`` reads it; the access token alone is a bearer. The signature is
checked by oauthlib's own verifier over the request as sent (query included)."""

from __future__ import annotations

from urllib.parse import unquote

import httpx
from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1.rfc5849 import signature, utils

from anycart.platforms.magento2_api import client as C

FOUR = {"magento_consumer_key": "ktv4n9rgrj0evjuy2t6p2xlb1f8u5pmy",
        "magento_consumer_secret": "a46abc3kxyinlbggy06i9g975xqo6gjq",
        "magento_access_token": "igse8e4rdmzkxdi937qe69d59en1imw",
        "magento_token_secret": "9lf6ekvd4r0bhyn3bkwg1smlb4fe9rgr"}


async def _sent(credentials: dict[str, str], method: str = "GET", **kw: object) -> httpx.Request:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[])

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer), auth=C.auth(credentials)) as c:
        await c.request(method, "https://m2.example/rest/all/V1/products", **kw)  # type: ignore[arg-type]
    return seen[0]


def _verified(request: httpx.Request, secret: str, token_secret: str) -> bool:
    header = request.headers["Authorization"]
    oauth = OAuthRequest(str(request.url), request.method, headers={"Authorization": header})
    oauth.params = signature.collect_parameters(uri_query=request.url.query.decode(),
                                                headers={"Authorization": header})
    oauth.signature = unquote(dict(utils.parse_authorization_header(header))["oauth_signature"])
    return signature.verify_hmac_sha256(oauth, secret, token_secret)


async def test_an_integration_signs_with_oauth1_in_the_header():
    sent = await _sent(FOUR, params={"searchCriteria[pageSize]": "5",
                                     "searchCriteria[filter_groups][0][filters][0][field]": "sku"})
    header = sent.headers["Authorization"]
    assert header.startswith("OAuth ")
    fields = dict(utils.parse_authorization_header(header))
    assert (fields["oauth_consumer_key"], fields["oauth_token"], fields["oauth_signature_method"]) == (
        FOUR["magento_consumer_key"], FOUR["magento_access_token"], "HMAC-SHA256")
    assert "oauth_signature" not in sent.url.query.decode()  # in the header, not the query
    assert _verified(sent, FOUR["magento_consumer_secret"], FOUR["magento_token_secret"])
    assert not _verified(sent, FOUR["magento_consumer_secret"], "another-secret")
    # a write: the JSON body is not a form, only the URL is signed
    posted = await _sent(FOUR, "POST", json={"product": {"sku": "x"}})
    assert _verified(posted, FOUR["magento_consumer_secret"], FOUR["magento_token_secret"])


async def test_the_access_token_alone_is_a_bearer():
    sent = await _sent({"magento_access_token": FOUR["magento_access_token"]})
    assert sent.headers["Authorization"] == "Bearer " + FOUR["magento_access_token"]
