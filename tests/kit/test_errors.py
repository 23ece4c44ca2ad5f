"""ErrorMap: the two hosted clients' error ladders (Shift4Shop, Shopify), written as data,
answer what the clients answered."""

from __future__ import annotations

import httpx
import pytest

from anycart.errors import ReturnCode
from anycart.platforms.kit.errors import ErrorMap, Rule, limit_rule, render

_S4S_400 = "the request was invalid for the service (HTTP 400)."
SHIFT4SHOP = ErrorMap(
    "Shift4Shop", paths=("Message", "message", "error"), max_text=None, empty=frozenset({404}),
    rules=[
        Rule((401, 403), message="{text} Check store_url (SecureURL), the private key and the token.",
             default="Authorization has been denied for this request."),
        Rule(415, message="Unsupported media type (HTTP 415)."),
        limit_rule("Shift4Shop"),
        Rule(range(500, 600), default="internal server error (HTTP {status})."),
        Rule(400, ReturnCode.INCORRECT_VALUE, "{text} Check the filter values.", _S4S_400, read=True),
        Rule(400, default=_S4S_400),
    ])
SHOPIFY = ErrorMap(
    "Shopify", paths=("errors",), not_found_text="Not Found (HTTP 404).",
    rules=[
        Rule((401, 403), message="{text}. Check store_url and shopify_access_token (and the app's "
                                 "access scopes).", default="access denied"),
        limit_rule("Shopify"),
        Rule(range(500, 600), message="HTTP {status}."),
        Rule(422, ReturnCode.ALREADY_EXISTS, contains="already been taken"),
        Rule(400, ReturnCode.INCORRECT_VALUE),
    ])


def answer(status: int, body: object = None, method: str = "GET", text: str | None = None
           ) -> httpx.Response:
    request = httpx.Request(method, "https://p.example/x")
    if text is not None:
        return httpx.Response(status, text=text, request=request)
    return httpx.Response(status, json=body, request=request)


@pytest.mark.parametrize(("errors", "status", "body", "method", "code", "message"), [
    (SHIFT4SHOP, 401, None, "GET", 107, "Shift4Shop error message: Authorization has been denied "
     "for this request. Check store_url (SecureURL), the private key and the token."),
    (SHIFT4SHOP, 403, {"Message": "Bad token"}, "GET", 107,
     "Shift4Shop error message: Bad token Check store_url (SecureURL), the private key and the token."),
    (SHIFT4SHOP, 415, None, "POST", 107, "Shift4Shop error message: Unsupported media type (HTTP 415)."),
    (SHIFT4SHOP, 429, None, "GET", 7, "Shift4Shop request limit exceeded."),
    (SHIFT4SHOP, 500, [], "GET", 107, "Shift4Shop error message: internal server error (HTTP 500)."),
    (SHIFT4SHOP, 400, [{"Key": "x", "Message": "bad date"}, {"Message": "bad id"}], "GET", 109,
     "Shift4Shop error message: bad date; bad id Check the filter values."),
    (SHIFT4SHOP, 400, None, "PUT", 107, f"Shift4Shop error message: {_S4S_400}"),
    (SHIFT4SHOP, 404, None, "DELETE", 107, "Shift4Shop error message: Not found (HTTP 404)."),
    (SHIFT4SHOP, 409, {"message": "conflict"}, "POST", 107, "Shift4Shop error message: conflict"),
    (SHOPIFY, 401, {"errors": "[API] Invalid API key or access token"}, "GET", 107,
     "Shopify error message: [API] Invalid API key or access token. Check store_url and "
     "shopify_access_token (and the app's access scopes)."),
    (SHOPIFY, 429, None, "GET", 7, "Shopify request limit exceeded."),
    (SHOPIFY, 503, {"errors": "down"}, "GET", 107, "Shopify error message: HTTP 503."),
    (SHOPIFY, 422, {"errors": {"handle": ["has already been taken"]}}, "POST", 113,
     "Shopify error message: handle has already been taken"),
    (SHOPIFY, 422, {"errors": {"title": ["can't be blank", "is too short"], "base": "no"}}, "POST",
     107, "Shopify error message: title can't be blank, is too short; base no"),
    (SHOPIFY, 400, {"errors": ["a", "b"]}, "GET", 109, "Shopify error message: a; b"),
    (SHOPIFY, 404, {"errors": "Not Found"}, "GET", 107, "Shopify error message: Not Found (HTTP 404)."),
    (SHOPIFY, 402, None, "GET", 107, "Shopify error message: HTTP 402."),
])
def test_status_and_body_to_contract_error(errors, status, body, method, code, message):
    error = errors.error(answer(status, body, method))
    assert error is not None and (error.code, error.message) == (code, message)


def test_404_on_a_named_entity_is_not_found_and_success_is_none():
    error = SHOPIFY.error(answer(404, {"errors": "Not Found"}), entity="Product", ident=7)
    assert error is not None and (error.code, error.message) == (112, "Product with id 7 not found")
    ok = answer(201, {})
    assert SHOPIFY.error(ok) is None and SHOPIFY.check(ok) is ok
    with pytest.raises(Exception, match="Shopify request limit"):
        SHOPIFY.check(answer(429))


def test_text_of_a_body_that_is_not_json_and_a_callable_extractor():
    assert SHOPIFY.text(answer(502, text="  <html>" + "x" * 400)) == ("<html>" + "x" * 400)[:300]
    custom = ErrorMap("Magento", extract=lambda r: r.json()["message"].replace("%1", r.json()["parameters"][0]))
    error = custom.error(answer(400, {"message": "No such entity %1", "parameters": ["sku"]}))
    assert error is not None and error.message == "Magento error message: No such entity sku"
    nested = ErrorMap("BigCommerce", paths=("errors.title", "title"))
    assert nested.text(answer(422, {"title": "Bad input"})) == "Bad input"
    assert render({"a": 1}) == "a 1" and render(None) == ""


def test_code_path_shows_the_platform_code_beside_its_message():
    errors = ErrorMap("WooCommerce", paths=("message",), code_path="code", rules=(
        Rule(400, ReturnCode.ALREADY_EXISTS, contains="exists"),))
    request = httpx.Request("POST", "https://shop.example/wp-json/wc/v3/customers")
    taken = errors.error(httpx.Response(400, request=request, json={
        "code": "registration-error-email-exists", "message": "An account is already registered.",
        "data": {"status": 400}}))
    assert taken is not None and taken.code == ReturnCode.ALREADY_EXISTS
    assert taken.message == ("WooCommerce error message: An account is already registered. "
                             "(registration-error-email-exists)")
    bare = errors.error(httpx.Response(500, request=request, json={"code": "internal"}))
    assert bare is not None and bare.message == "WooCommerce error message: internal"
