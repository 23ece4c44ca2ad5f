"""The FAQ's signature algorithm, checked against an implementation written here from the
FAQ text alone (not importing anycart.shipping.signing), and the SDK's verifier."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from anycart.sdk import InvalidShippingRequest, verify_shipping_request
from anycart.shipping import signing
from tests.conftest import SHARED

FAQ = SHARED / "reference" / "api2cart-faq.txt"


def faq_sign(headers: dict[str, str], body: bytes, key: bytes) -> str:
    """The FAQ's PHP, line by line: ksort, json_encode (escaped slashes), . $body,
    hash_hmac('sha256', ..., true), base64_encode."""
    to_sign = {k: v for k, v in headers.items()
               if k.startswith("X-Shipping-Service") and k != "X-Shipping-Service-Signature"}
    headers_json = json.dumps(dict(sorted(to_sign.items())), separators=(",", ":"))
    headers_json = headers_json.replace("/", "\\/")
    return base64.b64encode(hmac.new(key, headers_json.encode() + body, hashlib.sha256).digest()).decode()


def test_faq_worked_example_string_byte_for_byte() -> None:
    # The FAQ's PHP example: these two headers, ksort, json_encode. It gives no signing key,
    # so the string signed is what can be reproduced byte for byte.
    assert "'X-Shipping-Service-Request-Timestamp' => '1553177278'" in FAQ.read_text()
    headers = {"X-Shipping-Service-Test-Request": "1",
               "X-Shipping-Service-Request-Timestamp": "1553177278"}
    assert signing.string_to_sign(headers, b"{}") == (
        b'{"X-Shipping-Service-Request-Timestamp":"1553177278",'
        b'"X-Shipping-Service-Test-Request":"1"}{}')


def test_signature_matches_independent_implementation() -> None:
    body = json.dumps({"packages": [{"id": "1", "origin": {"address1": "Test, 1/1"}}]}).encode()
    headers = {"X-Shipping-Service-Test-Request": "1",
               "X-Shipping-Service-Request-Timestamp": "1553609265",
               "X-Shipping-Service-Id": "7/a"}
    key = b"k3y"
    signed = signing.with_signature(headers, body, key)
    assert signed["X-Shipping-Service-Signature"] == faq_sign(signed, body, key)
    # the signature itself, other headers and header case are not signed
    assert signing.sign({**signed, "content-type": "x", "x-shipping-service-id": "7/a"},
                        body, key) == signed["X-Shipping-Service-Signature"]
    assert signing.sign({**headers, "X-Shipping-Service-Id": "8"}, body, key) != \
        signed["X-Shipping-Service-Signature"]


def test_verifier_accepts_lowercased_and_refuses_tampering() -> None:
    body, key, now = b'{"packages":[]}', "secret", 1553609265.0
    headers = signing.with_signature({signing.TIMESTAMP: "1553609265",
                                      signing.SERVICE_ID: "3"}, body, key)
    lowered = {k.lower(): v for k, v in headers.items()}  # as ASGI servers hand them over
    verify_shipping_request(lowered, body, key, now=now)
    with pytest.raises(InvalidShippingRequest, match="does not match"):
        verify_shipping_request(lowered, body + b" ", key, now=now)
    with pytest.raises(InvalidShippingRequest, match="does not match"):
        verify_shipping_request(lowered, body, "other", now=now)
    with pytest.raises(InvalidShippingRequest, match="timestamp"):
        verify_shipping_request(lowered, body, key, now=now + 301)
    with pytest.raises(InvalidShippingRequest, match="no X-Shipping-Service-Signature"):
        verify_shipping_request({signing.TIMESTAMP: "1"}, body, key, now=now)
