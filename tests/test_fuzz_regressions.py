"""Inputs an adversarial fuzz run (schemathesis and hand-made values) found to answer HTTP 500.

Each case here was HTTP 500 / return code 9 before its fix; each is one fast, fixed request
(the fuzzing itself stays out of the suite). The classes found: values JSON allows but the
contract's numbers do not (1e308, 10**30) reaching a platform's own limits, and null items in
list parameters.
"""

from __future__ import annotations

from typing import Any

from tests.test_gateway_input import _ask, s4s, shopify  # noqa: F401  (fixtures)

_PRODUCT = {"name": "x", "model": "m", "sku": "s", "price": 1, "description": "d"}


def _not_a_crash(answer: dict[str, Any]) -> None:
    assert answer["return_code"] != 9, answer


def _refused(answer: dict[str, Any], name: str) -> None:
    assert answer["return_code"] == 109, answer
    assert answer["return_message"].startswith(f"Parameter '{name}' is not valid."), answer


async def test_numbers_past_a_platforms_range_are_not_a_crash(shopify, s4s):  # noqa: F811
    """Shopify's simulator crashed on a price it cannot quantize to cents (Decimal precision)
    and on a weight whose grams overflow: Shopify refuses such numbers (107), the gateway
    never answers 9."""
    for client, keys in (shopify, s4s):
        for name in ("price", "old_price", "weight"):
            for value in (10**30, -(10**30), 1e308):
                answer = await _ask(client, "POST", "product.add", keys,
                                    body={**_PRODUCT, name: value})
                _not_a_crash(answer)
                if client is shopify[0] and (name != "weight" or value == 1e308):
                    assert answer["return_code"] == 107, (name, value, answer)
                    assert "is not a number" in answer["return_message"], answer


async def test_null_items_in_list_parameters_are_109(s4s, shopify):  # noqa: F811
    for client, keys in (s4s, shopify):
        answer = await _ask(client, "POST", "product.option.add", keys,
                            body={"name": "Size", "type": "option_type_select",
                                  "values": [None]})
        if answer["return_code"] != 120:  # a platform without options says so first
            _refused(answer, "values[0]")
            assert "type of parameter is object" in answer["return_message"], answer


# -- redaction (issue 12 item 16) ------------------------------------------------------------

async def test_a_key_whose_name_is_percent_encoded_is_redacted(sqlite_env):
    """``api_%6Bey`` is ``api_key`` to the server (names are percent-decoded), so the access
    log line carrying it must be masked too: names are matched as the server reads them."""
    from anycart.http.redact import redact

    raw = f"api_%6Bey={sqlite_env.api_key}"
    r = await sqlite_env.client.get(f"/v1.1/account.cart.list.json?{raw}")
    assert r.json()["return_code"] == 0, r.text  # the key is used: it must not be logged
    line = (f'"GET /v1.1/product.list.json?{raw}&store_k%65y=SK-1&%73hopify_access_token=T-2'
            f'&a%70i+key=AK-3&count=5 HTTP/1.1" 200')
    out = redact(line)
    for secret in (sqlite_env.api_key, "SK-1", "T-2", "AK-3"):
        assert secret not in out, out
    assert "count=5" in out and "api_%6Bey=***" in out


# -- envelopes for odd paths (issue 12 item 17) ----------------------------------------------

async def test_a_trailing_slash_is_answered_in_the_envelope_not_redirected(sqlite_env):
    """Starlette answered ``/v1.1/product.list.json/`` with a bodiless 307 whose Location
    repeated the query string, keys included; now every odd path is an envelope."""
    for verb in ("GET", "POST", "PUT", "DELETE"):
        for path in ("/v1.1/product.list.json/", "/v1.1/account.cart.list.json/", "/healthz/",
                     "/openapi.json/", "//v1.1/product.list.json", "/v1.1//product.list.json"):
            r = await sqlite_env.client.request(verb, path, params=sqlite_env.keys)
            assert r.status_code == 404, (verb, path, r.status_code, r.headers)
            assert "location" not in r.headers
            body = r.json()
            assert body["return_code"] == 3 and body["result"] == {}, body
            assert "methods are served at /v1.1/<method>.json" in body["return_message"], body
