"""The Shop resource, carrier services, webhook subscriptions and access scopes.

Carrier services: a ``name`` and a ``callback_url`` are required, and a shop refuses a second
service with a name already configured (422 ``{"errors": {"base": ["<name> is already
configured"]}}``). Webhook rules live in :mod:`.sim_webhooks`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .sim_crud import Resource
from .sim_http import Answer, Ctx, check
from .sim_ids import gid
from .sim_query import Query, common, exactly, parse_fields, project
from .sim_table import Record
from .sim_values import boolean, text
from .sim_webhooks import create_webhook, update_webhook

SCOPES = ("read_products", "write_products", "read_customers", "write_customers",
          "read_orders", "write_orders", "read_inventory", "write_inventory",
          "read_fulfillments", "write_fulfillments", "read_shipping", "write_shipping",
          "read_locations")


def shop_record(domain: str, created_at: str, primary_location_id: int) -> Record:
    """shop.json of a simulated shop: named after its subdomain, in New York, in USD."""
    prefix = domain.split(".", 1)[0]
    name = prefix.replace("-", " ").title()
    sid = 50_000_000_000 + int(hashlib.md5(domain.encode()).hexdigest()[:8], 16) % 10_000_000
    return {
        "id": sid, "name": name, "email": f"owner@{prefix}.example.com", "domain": domain,
        "province": "New York", "country": "US", "address1": "150 Elgin Street",
        "zip": "10001", "city": "New York", "source": None, "phone": "+12125550100",
        "latitude": 40.7505, "longitude": -73.9965, "primary_locale": "en", "address2": "",
        "created_at": created_at, "updated_at": created_at, "country_code": "US",
        "country_name": "United States", "currency": "USD",
        "customer_email": f"support@{prefix}.example.com",
        "timezone": "(GMT-05:00) Eastern Time (US & Canada)", "iana_timezone": "America/New_York",
        "shop_owner": f"{name} Owner", "money_format": "${{amount}}",
        "money_with_currency_format": "${{amount}} USD", "weight_unit": "kg",
        "province_code": "NY", "taxes_included": False, "auto_configure_tax_inclusivity": None,
        "tax_shipping": None, "county_taxes": True, "plan_display_name": "Basic",
        "plan_name": "basic", "has_discounts": True, "has_gift_cards": False,
        "myshopify_domain": domain, "google_apps_domain": None, "google_apps_login_enabled": None,
        "money_in_emails_format": "${{amount}}",
        "money_with_currency_in_emails_format": "${{amount}} USD",
        "eligible_for_payments": True, "requires_extra_payments_agreement": False,
        "password_enabled": False, "has_storefront": True, "finances": True,
        "primary_location_id": primary_location_id, "checkout_api_supported": True,
        "multi_location_enabled": True, "setup_required": False, "pre_launch_enabled": False,
        "enabled_presentment_currencies": ["USD"], "marketing_sms_consent_enabled_at_checkout":
        False, "transactional_sms_disabled": False,
    }


def get_shop(ctx: Ctx) -> Answer:
    return Answer(200, {"shop": project(ctx.shop.info, parse_fields(ctx.params.get("fields")))})


def access_scopes(ctx: Ctx) -> Answer:
    return Answer(200, {"access_scopes": [{"handle": s} for s in SCOPES]})


# -- carrier services ---------------------------------------------------------------------
def _carrier_errors(ctx: Ctx, c: Record) -> None:
    errors: dict[str, list[str]] = {}
    if not c["name"]:
        errors["name"] = ["can't be blank"]
    try:
        parts = urlsplit(c["callback_url"] or "")
    except ValueError:  # an unclosed "[": Shopify's validation says invalid, it does not crash
        parts = urlsplit("")
    if not c["callback_url"]:
        errors["callback_url"] = ["can't be blank"]
    elif parts.scheme not in ("http", "https") or not parts.netloc:
        errors["callback_url"] = ["is invalid"]
    if not isinstance(c["format"], str) or c["format"] not in ("json", "xml"):
        errors["format"] = ["is not included in the list"]
    if c["name"]:
        for rid in ctx.data.carrier_services.sorted_keys():
            other = ctx.data.carrier_services.peek(rid)
            if rid != c["id"] and other["name"].lower() == c["name"].lower():
                errors.setdefault("base", []).append(f"{c['name']} is already configured")
    check(errors)


def create_carrier(ctx: Ctx, body: dict[str, Any]) -> Record:
    sid = ctx.data.ids.next("carrier_service")
    c = {"id": sid, "name": text(body.get("name")), "active": boolean(body.get("active"), True),
         "service_discovery": boolean(body.get("service_discovery"), True),
         "carrier_service_type": "api",
         "admin_graphql_api_id": gid("DeliveryCarrierService", sid),
         "format": body.get("format") or "json", "callback_url": text(body.get("callback_url"))}
    _carrier_errors(ctx, c)
    return c


def update_carrier(ctx: Ctx, c: Record, body: dict[str, Any]) -> None:
    draft = dict(c)
    for name in ("name", "callback_url"):
        if name in body:
            draft[name] = text(body[name])
    for name in ("active", "service_discovery"):
        if name in body:
            draft[name] = boolean(body[name], draft[name])
    if "format" in body:
        draft["format"] = body["format"]
    _carrier_errors(ctx, draft)
    c.update(draft)


def _plain_query(ctx: Ctx, params: Mapping[str, str]) -> Query:
    return common(params, Query(), dates=())


CARRIER_SERVICES = Resource("carrier_services", "carrier_service", _plain_query, create_carrier,
                            update_carrier)


# -- webhooks -----------------------------------------------------------------------------
def webhook_resource(allow_http: bool) -> Resource:
    def query(ctx: Ctx, params: Mapping[str, str]) -> Query:
        q = common(params, Query())
        for name in ("topic", "address"):
            if params.get(name):
                q.preds.append(exactly(name, params[name]))
        return q

    return Resource("webhooks", "webhook", query,
                    lambda ctx, body: create_webhook(ctx, body, allow_http),
                    lambda ctx, hook, body: update_webhook(ctx, hook, body, allow_http))
