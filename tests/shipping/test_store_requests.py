"""The signature of a store's rate request to AnyCart (WooCommerce's method, Magento's carrier),
apart from the FAQ's signature of AnyCart's request to a vendor (tests/shipping/test_signing.py)."""

import base64
import hashlib
import hmac

import pytest

from anycart.events import PushRejected
from anycart.platforms import woocommerce_shipping as woo
from anycart.platforms.magento2_api import shipping as m2
from anycart.shipping import signing
from anycart.shipping.store_requests import SIGNATURE, body_signature, checker, signing_key

BODY = b'{"currency":"USD"}'


def test_the_key_is_derived_not_the_secret_and_differs_per_secret() -> None:
    key = signing_key("cs_secret")
    assert key != "cs_secret" and "cs_secret" not in key
    assert key == signing_key("cs_secret") != signing_key("cs_other")
    assert "=" not in key  # urlsafe, unpadded: it is pasted into store settings


def test_the_body_signature_is_base64_hmac_sha256_of_the_body() -> None:
    expected = base64.b64encode(hmac.new(b"k", BODY, hashlib.sha256).digest()).decode()
    assert body_signature("k", BODY) == expected


def test_the_check_takes_the_right_signature_only() -> None:
    check = checker("wc_consumer_secret")
    good = {SIGNATURE.lower(): body_signature(signing_key("s"), BODY)}
    check({"wc_consumer_secret": "s"}, good, BODY)
    with pytest.raises(PushRejected):
        check({"wc_consumer_secret": "s"}, good, BODY + b" ")
    with pytest.raises(PushRejected):
        check({"wc_consumer_secret": "other"}, good, BODY)
    with pytest.raises(PushRejected):  # a store connected without the secret signs nothing
        check({}, {SIGNATURE.lower(): body_signature(signing_key(""), BODY)}, BODY)


def test_both_platforms_check_with_the_one_scheme_and_it_is_not_the_faqs() -> None:
    assert woo.SIGNATURE == m2.SIGNATURE == SIGNATURE != signing.SIGNATURE
    headers = {SIGNATURE.lower(): body_signature(signing_key("t"), BODY)}
    m2.NATIVE.check({m2.CREDENTIAL: "t"}, headers, BODY)
    woo.native("bridge_secret").check({"bridge_secret": "t"}, headers, BODY)
