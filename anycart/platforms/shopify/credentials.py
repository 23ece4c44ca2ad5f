"""Credentials of ``Shopify``, as the contract names them.

* ``store_url`` - the shop, ``https://<shop>.myshopify.com`` (a custom domain works too: the
  Admin API answers on the shop's own host);
* ``shopify_access_token`` - an app's Admin API access token; or, for the old private apps,
  ``shopify_api_key`` + ``shopify_api_password`` (the password is sent as the token);
* ``shopify_shared_secret`` - optional: the app's secret, which signs the webhooks Shopify
  pushes (needed for ``webhook.create``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from anycart.platforms.base import CredentialSpec

SHOPIFY = CredentialSpec(
    required=(("store_url", "shopify_access_token"),
              ("store_url", "shopify_api_key", "shopify_api_password")),
    additional=("shopify_shared_secret", "shopify_client_id"),
)


def access_token(credentials: dict[str, Any]) -> str:
    return str(credentials.get("shopify_access_token") or credentials.get("shopify_api_password")
               or "")


def shop_host(store_url: str) -> str:
    """``https://demo.myshopify.com/`` -> ``demo.myshopify.com``."""
    text = store_url.strip()
    if "://" not in text:
        text = "https://" + text
    return (urlsplit(text).hostname or "").lower()
