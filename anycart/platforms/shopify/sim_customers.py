"""Customers, their addresses and the customer search.

A customer needs a name, an e-mail address or a phone number; e-mail addresses and phone
numbers are unique in a shop ("has already been taken") and must look valid. The first (or
the ``default: true``) address is ``default_address``; the default address cannot be deleted.
A customer with orders cannot be deleted. ``customers/search.json?query=`` understands
``field:value`` terms (email, first_name, last_name, phone, state, tag, city, country, id)
and free words matched against name and e-mail; terms are ANDed, case-insensitive.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from .sim_crud import Resource, sub_list
from .sim_http import Answer, ApiError, Ctx, Invalid, check, not_found
from .sim_ids import gid
from .sim_query import Query, common, parse_fields, project
from .sim_table import Record
from .sim_values import boolean, tags, text, valid_email
from .sim_webhooks import RESOURCE_TOPICS

COUNTRIES = {"US": "United States", "CA": "Canada", "GB": "United Kingdom", "DE": "Germany",
             "FR": "France", "AU": "Australia", "NL": "Netherlands", "ES": "Spain",
             "IT": "Italy", "MX": "Mexico"}
PROVINCES = {"AL": "Alabama", "AZ": "Arizona", "CA": "California", "CO": "Colorado",
             "FL": "Florida", "GA": "Georgia", "IL": "Illinois", "KY": "Kentucky",
             "MA": "Massachusetts", "NY": "New York", "OR": "Oregon", "TX": "Texas",
             "WA": "Washington", "ON": "Ontario", "QC": "Quebec", "BC": "British Columbia"}
_BY_NAME = {v.lower(): k for k, v in COUNTRIES.items()}
_PROVINCE_BY_NAME = {v.lower(): k for k, v in PROVINCES.items()}
_ADDRESS_FIELDS = ("first_name", "last_name", "company", "address1", "address2", "city",
                   "province", "country", "zip", "phone", "province_code", "country_code")
_TERM = re.compile(r'(\w+):("[^"]*"|\S+)|("[^"]*"|\S+)')
_UPDATE = RESOURCE_TOPICS["customers"][1]


def normalize_phone(value: Any) -> str | None:
    """E.164 as Shopify stores it; None when it cannot be a phone number."""
    raw = text(value)
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 7 or len(digits) > 15 or re.search(r"[^\d\s()+.\-]", raw):
        return None
    if raw.startswith("+"):
        return "+" + digits
    return "+1" + digits if len(digits) == 10 else "+" + digits


# -- addresses ----------------------------------------------------------------------------
def address_record(aid: int, cid: int, src: Mapping[str, Any], default: bool) -> Record:
    country = text(src.get("country")) or COUNTRIES.get(text(src.get("country_code")).upper(), "")
    code = text(src.get("country_code")).upper() or _BY_NAME.get(country.lower())
    province = text(src.get("province")) or PROVINCES.get(text(src.get("province_code")).upper(), "")
    first, last = src.get("first_name"), src.get("last_name")
    return {
        "id": aid, "customer_id": cid, "first_name": first, "last_name": last,
        "company": src.get("company"), "address1": src.get("address1"),
        "address2": src.get("address2"), "city": src.get("city"), "province": province or None,
        "country": COUNTRIES.get(code or "", country) or None, "zip": src.get("zip"),
        "phone": src.get("phone"), "name": " ".join(text(x) for x in (first, last) if x),
        "province_code": text(src.get("province_code")).upper()
        or _PROVINCE_BY_NAME.get(province.lower()), "country_code": code,
        "country_name": COUNTRIES.get(code or "", country) or None, "default": default,
    }


def _sync_default(customer: Record) -> None:
    addresses = customer["addresses"]
    if addresses and not any(a["default"] for a in addresses):
        addresses[0]["default"] = True
    default = next((a for a in addresses if a["default"]), None)
    if default is None:
        customer.pop("default_address", None)
    else:
        customer["default_address"] = default


def _apply_addresses(ctx: Ctx, customer: Record, given: Any, errors: dict[str, list[str]]) -> None:
    if not isinstance(given, list) or not all(isinstance(a, dict) for a in given):
        errors.setdefault("addresses", []).append("is invalid")
        return
    current = {a["id"]: a for a in customer["addresses"]}
    for src in given:
        aid = src.get("id")
        if aid is not None and str(aid).isdecimal() and int(aid) in current:
            a = current[int(aid)]
            merged = {**a, **{k: src[k] for k in _ADDRESS_FIELDS if k in src}}
            a.update(address_record(a["id"], customer["id"], merged, a["default"]))
        else:
            a = address_record(ctx.data.ids.next("address"), customer["id"], src, False)
            customer["addresses"].append(a)
        if boolean(src.get("default"), False):
            for other in customer["addresses"]:
                other["default"] = other is a


# -- customers ----------------------------------------------------------------------------
def _contact(ctx: Ctx, customer: Record, body: Mapping[str, Any],
             errors: dict[str, list[str]]) -> None:
    if "email" in body:
        email = text(body["email"]).lower() or None
        if email and not valid_email(email):
            errors["email"] = ["is invalid"]
        elif email and ctx.data.index("customers", "email").get(email, customer["id"]) \
                != customer["id"]:
            errors["email"] = ["has already been taken"]
        customer["email"] = email
    if "phone" in body:
        phone = normalize_phone(body["phone"]) if body["phone"] else None
        if body["phone"] and phone is None:
            errors["phone"] = ["is invalid"]
        elif phone and ctx.data.index("customers", "phone").get(phone, customer["id"]) \
                != customer["id"]:
            errors["phone"] = ["has already been taken"]
        customer["phone"] = phone


def _apply(ctx: Ctx, customer: Record, body: Mapping[str, Any], errors: dict[str, list[str]]
           ) -> None:
    _contact(ctx, customer, body, errors)
    for name in ("first_name", "last_name", "note", "multipass_identifier", "currency"):
        if name in body:
            customer[name] = body[name] if body[name] is None else text(body[name])
    for name in ("tax_exempt", "verified_email"):
        if name in body:
            customer[name] = boolean(body[name], customer[name])
    if "tags" in body:
        customer["tags"] = tags(body["tags"])
    if "tax_exemptions" in body and isinstance(body["tax_exemptions"], list):
        customer["tax_exemptions"] = [str(x) for x in body["tax_exemptions"]]
    consent = body.get("email_marketing_consent")
    if "accepts_marketing" in body and not isinstance(consent, dict):
        consent = {"state": "subscribed" if boolean(body["accepts_marketing"], False)
                   else "not_subscribed"}
    if isinstance(consent, dict):
        customer["email_marketing_consent"] = {
            "state": consent.get("state") or "not_subscribed",
            "opt_in_level": consent.get("opt_in_level") or "single_opt_in",
            "consent_updated_at": customer["updated_at"]}
    if "addresses" in body:
        _apply_addresses(ctx, customer, body["addresses"], errors)
    if not any(customer.get(k) for k in ("first_name", "last_name", "email", "phone")):
        errors.setdefault("base", []).append(
            "Customer must have a name, phone number or email address")


def _commit(ctx: Ctx, before: Record | None, after: Record) -> None:
    for name in ("email", "phone"):
        ctx.data.reindex("customers", name, before.get(name) if before else None,
                         after.get(name), after["id"])
    for a in after["addresses"]:
        ctx.data.own("address", a["id"], after["id"])


def create_customer(ctx: Ctx, body: dict[str, Any]) -> Record:
    now = ctx.shop.stamp()
    cid = ctx.data.ids.next("customer")
    customer: Record = {
        "id": cid, "email": None, "created_at": now, "updated_at": now, "first_name": None,
        "last_name": None, "orders_count": 0, "state": "disabled", "total_spent": "0.00",
        "last_order_id": None, "note": None, "verified_email": True,
        "multipass_identifier": None, "tax_exempt": False, "tags": "", "last_order_name": None,
        "currency": ctx.shop.info.get("currency", "USD"), "phone": None, "addresses": [],
        "tax_exemptions": [], "email_marketing_consent": None, "sms_marketing_consent": None,
        "admin_graphql_api_id": gid("Customer", cid),
    }
    errors: dict[str, list[str]] = {}
    _apply(ctx, customer, body, errors)
    check(errors)
    if customer["email"] and customer["email_marketing_consent"] is None:
        customer["email_marketing_consent"] = {"state": "not_subscribed",
                                               "opt_in_level": "single_opt_in",
                                               "consent_updated_at": None}
    if customer["phone"]:
        customer["sms_marketing_consent"] = {"state": "not_subscribed",
                                             "opt_in_level": "single_opt_in",
                                             "consent_updated_at": None,
                                             "consent_collected_from": "OTHER"}
    if body.get("password") and body.get("password") == body.get("password_confirmation"):
        customer["state"] = "enabled"
    elif boolean(body.get("send_email_invite"), False):
        customer["state"] = "invited"
    _sync_default(customer)
    _commit(ctx, None, customer)
    return customer


def update_customer(ctx: Ctx, customer: Record, body: dict[str, Any]) -> None:
    draft = copy.deepcopy(customer)
    draft["updated_at"] = ctx.shop.stamp(customer["updated_at"])
    errors: dict[str, list[str]] = {}
    _apply(ctx, draft, body, errors)
    check(errors)
    _sync_default(draft)
    _commit(ctx, customer, draft)
    customer.clear()
    customer.update(draft)


def delete_customer(ctx: Ctx, customer: Record) -> None:
    if customer.get("orders_count"):
        raise Invalid({"base": ["Error deleting customer: Customer can’t be deleted because "  # noqa: RUF001 (Shopify's own text)
                                "they have existing orders"]})
    _commit(ctx, customer, {"id": customer["id"], "addresses": []})


def customer_query(ctx: Ctx, params: Mapping[str, str]) -> Query:
    return common(params, Query())


CUSTOMERS = Resource("customers", "customer", customer_query, create_customer, update_customer,
                     delete_customer, RESOURCE_TOPICS["customers"])


# -- search -------------------------------------------------------------------------------
def _term_pred(field: str | None, value: str) -> Any:
    value = value.strip('"').lower()

    def pred(r: Mapping[str, Any]) -> bool:
        address = r.get("default_address") or {}
        if field is None:
            hay = " ".join(text(r.get(k)) for k in ("first_name", "last_name", "email")).lower()
            return value in hay
        if field == "tag":
            return value in [t.strip().lower() for t in text(r.get("tags")).split(",")]
        if field in ("city", "country"):
            return text(address.get(field)).lower() == value or (
                field == "country" and text(address.get("country_code")).lower() == value)
        if field == "phone":
            return re.sub(r"\D", "", text(r.get("phone"))).endswith(re.sub(r"\D", "", value))
        return text(r.get(field)).lower() == value
    return pred


def search_query(ctx: Ctx, params: Mapping[str, str]) -> Query:
    query = common({k: v for k, v in params.items() if k == "since_id"}, Query())
    for match in _TERM.finditer(params.get("query", "")):
        field, value, word = match.group(1), match.group(2), match.group(3)
        if field and field not in ("email", "first_name", "last_name", "phone", "state", "tag",
                                   "city", "country", "id"):
            field, value = None, f"{field}:{value}"
        query.preds.append(_term_pred(field, value or word))
    return query


SEARCH = Resource("customers", "customer", search_query)


# -- addresses endpoints ------------------------------------------------------------------
def addresses(ctx: Ctx, cid: int, aid: int | None, action: str | None) -> Answer:
    """``customers/{id}/addresses[/{aid}[/default]].json``."""
    if cid not in ctx.data.customers:
        raise not_found()
    customer = ctx.data.customers.peek(cid)
    if ctx.method == "GET":
        if aid is None:
            return sub_list(ctx, "addresses", customer["addresses"])
        for a in customer["addresses"]:
            if a["id"] == aid:
                return Answer(200, {"customer_address": project(
                    a, parse_fields(ctx.params.get("fields")))})
        raise not_found()
    customer = ctx.data.customers[cid]
    draft = copy.deepcopy(customer)
    target = next((a for a in draft["addresses"] if a["id"] == aid), None)
    if aid is not None and target is None:
        raise not_found()
    errors: dict[str, list[str]] = {}
    status = 200
    if ctx.method == "POST" and aid is None:
        body = ctx.payload("address")
        before = {a["id"] for a in draft["addresses"]}
        _apply_addresses(ctx, draft, [{k: v for k, v in body.items() if k != "id"}], errors)
        target = next(a for a in draft["addresses"] if a["id"] not in before)
        status = 201
    elif ctx.method == "PUT" and target is not None and action == "default":
        for a in draft["addresses"]:
            a["default"] = a is target
    elif ctx.method == "PUT" and target is not None and action is None:
        body = ctx.payload("address")
        _apply_addresses(ctx, draft, [{**body, "id": aid}], errors)
    elif ctx.method == "DELETE" and target is not None and action is None:
        if target["default"]:
            raise Invalid({"base": ["Cannot delete the customer’s default address"]})  # noqa: RUF001 (Shopify's text)
        draft["addresses"].remove(target)
    else:
        raise ApiError(405, {"errors": "Method Not Allowed"})
    check(errors)
    draft["updated_at"] = ctx.shop.stamp(customer["updated_at"])
    _sync_default(draft)
    _commit(ctx, customer, draft)
    customer.clear()
    customer.update(draft)
    ctx.data.customers.changed()
    ctx.shop.fire(_UPDATE, customer)
    if ctx.method == "DELETE":
        return Answer(200, {})
    return Answer(status, {"customer_address": target})
