"""Customers, their addresses and the customer search.

A customer needs a name, an e-mail address or a phone number; e-mail addresses and phone
numbers are unique in a shop ("has already been taken") and must look valid. The first (or
the ``default: true``) address is ``default_address``; the default address cannot be deleted.
A customer with orders cannot be deleted. ``customers/search.json?query=`` understands
``field:value`` terms (email, first_name, last_name, phone, state, tag, city, country, id)
and free words matched against name and e-mail; terms are ANDed, case-insensitive.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from anycart.sandbox import values as v_
from anycart.sandbox.children import Children
from anycart.sandbox.crud import Query, commit, drafted
from anycart.sandbox.search import Syntax, contains, digits_suffix, equal, listed
from anycart.sandbox.table import Record
from anycart.sandbox.values import Errors, check, rejected, text

from .sim_api import Crud, Ctx, common
from .sim_store import RECORDS, RESOURCE_TOPICS

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
_RULES: v_.Rules = {**dict.fromkeys(("first_name", "last_name", "note", "multipass_identifier",
                                     "currency"), v_.keep_none),
                    "tax_exempt": v_.flag, "verified_email": v_.flag, "tags": v_.tag_list}
#: ``customers/search.json?query=``: these fields, free words against name and e-mail
SEARCH = Syntax(free=contains("first_name", "last_name", "email"), fields={
    **{name: equal(name) for name in ("email", "first_name", "last_name", "state", "id")},
    "tag": listed("tags"), "city": equal("default_address.city"),
    "country": equal("default_address.country", "default_address.country_code"),
    "phone": digits_suffix("phone")})
_NOT_SUBSCRIBED = {"state": "not_subscribed", "opt_in_level": "single_opt_in",
                   "consent_updated_at": None}


# -- addresses ----------------------------------------------------------------------------
def address_record(aid: int, cid: int, src: Mapping[str, Any], default: bool) -> Record:
    country = text(src.get("country")) or COUNTRIES.get(text(src.get("country_code")).upper(), "")
    code = text(src.get("country_code")).upper() or _BY_NAME.get(country.lower())
    province = text(src.get("province")) or PROVINCES.get(text(src.get("province_code")).upper(), "")
    first, last = src.get("first_name"), src.get("last_name")
    return RECORDS["address"].pick(src) | {
        "id": aid, "customer_id": cid, "province": province or None,
        "country": COUNTRIES.get(code or "", country) or None,
        "name": " ".join(text(x) for x in (first, last) if x),
        "province_code": text(src.get("province_code")).upper()
        or _PROVINCE_BY_NAME.get(province.lower()), "country_code": code,
        "country_name": COUNTRIES.get(code or "", country) or None, "default": default}


def _sync_default(customer: Record) -> None:
    addresses = customer["addresses"]
    if addresses and not any(a["default"] for a in addresses):
        addresses[0]["default"] = True
    default = next((a for a in addresses if a["default"]), None)
    if default is None:
        customer.pop("default_address", None)
    else:
        customer["default_address"] = default


def _apply_addresses(ctx: Ctx, customer: Record, given: Any, errors: Errors) -> None:
    if not isinstance(given, list) or not all(isinstance(a, dict) for a in given):
        v_.add(errors, "addresses", "is invalid")
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
        if v_.boolean(src.get("default"), False):
            for other in customer["addresses"]:
                other["default"] = other is a


# -- customers ----------------------------------------------------------------------------
def _unique(ctx: Ctx, customer: Record, name: str, value: str | None, errors: Errors) -> None:
    if value and ctx.data.customers.index(name).get(value) not in (None, customer["id"]):
        errors[name] = ["has already been taken"]


def _apply(ctx: Ctx, customer: Record, body: Mapping[str, Any], errors: Errors) -> None:
    if "email" in body:
        email = customer["email"] = text(body["email"]).lower() or None
        if email and not v_.valid_email(email):
            errors["email"] = ["is invalid"]
        else:
            _unique(ctx, customer, "email", email, errors)
    if "phone" in body:
        phone = customer["phone"] = v_.e164(body["phone"]) if body["phone"] else None
        if body["phone"] and phone is None:
            errors["phone"] = ["is invalid"]
        else:
            _unique(ctx, customer, "phone", phone, errors)
    v_.assign(customer, body, _RULES, errors)
    if "tax_exemptions" in body and isinstance(body["tax_exemptions"], list):
        customer["tax_exemptions"] = [str(x) for x in body["tax_exemptions"]]
    consent = body.get("email_marketing_consent")
    if "accepts_marketing" in body and not isinstance(consent, dict):
        consent = {"state": "subscribed" if v_.boolean(body["accepts_marketing"], False)
                   else "not_subscribed"}
    if isinstance(consent, dict):
        customer["email_marketing_consent"] = {
            "state": consent.get("state") or "not_subscribed",
            "opt_in_level": consent.get("opt_in_level") or "single_opt_in",
            "consent_updated_at": customer["updated_at"]}
    if "addresses" in body:
        _apply_addresses(ctx, customer, body["addresses"], errors)
    if not any(customer.get(k) for k in ("first_name", "last_name", "email", "phone")):
        v_.add(errors, "base", "Customer must have a name, phone number or email address")


def _commit(ctx: Ctx, before: Record | None, after: Record) -> None:
    for name in ("email", "phone"):
        ctx.data.customers.reindex(name, before.get(name) if before else None,
                                   after.get(name), after["id"])
    for a in after["addresses"]:
        ctx.data.ids.own("address", a["id"], after["id"])


def create_customer(ctx: Ctx, body: dict[str, Any]) -> Record:
    now = ctx.shop.stamp()
    cid = ctx.data.ids.next("customer")
    customer = RECORDS["customer"].make(id=cid, created_at=now, updated_at=now,
                                        currency=ctx.shop.info.get("currency", "USD"))
    errors: Errors = {}
    _apply(ctx, customer, body, errors)
    check(errors)
    if customer["email"] and customer["email_marketing_consent"] is None:
        customer["email_marketing_consent"] = dict(_NOT_SUBSCRIBED)
    if customer["phone"]:
        customer["sms_marketing_consent"] = {**_NOT_SUBSCRIBED, "consent_collected_from": "OTHER"}
    if body.get("password") and body.get("password") == body.get("password_confirmation"):
        customer["state"] = "enabled"
    elif v_.boolean(body.get("send_email_invite"), False):
        customer["state"] = "invited"
    _sync_default(customer)
    _commit(ctx, None, customer)
    return customer


def update_customer(ctx: Ctx, customer: Record, body: dict[str, Any]) -> None:
    draft = drafted(customer)
    draft["updated_at"] = ctx.shop.stamp(customer["updated_at"])
    errors: Errors = {}
    _apply(ctx, draft, body, errors)
    check(errors)
    _sync_default(draft)
    _commit(ctx, customer, draft)
    commit(customer, draft)


def delete_customer(ctx: Ctx, customer: Record) -> None:
    if customer.get("orders_count"):
        raise rejected({"base": ["Error deleting customer: Customer can’t be deleted because "  # noqa: RUF001 (Shopify's own text)
                                 "they have existing orders"]})


CUSTOMERS = Crud("customers", "customer", lambda ctx, params: common(params), create_customer,
                 update_customer, delete_customer, RESOURCE_TOPICS["customers"])


# -- search -------------------------------------------------------------------------------
def _search_query(ctx: Ctx, params: Mapping[str, str]) -> Query:
    query = common({k: v for k, v in params.items() if k == "since_id"})
    query.preds += SEARCH.predicates(params.get("query", ""))
    return query


def search(ctx: Ctx) -> Response:
    return Crud("customers", "customer", _search_query).list(ctx)


# -- customers/{id}/addresses[/{aid}[/default]] ---------------------------------------------
def _new_address(ctx: Ctx, draft: Record, given: Any, now: str, errors: Errors) -> Record:
    body = ctx.payload("address")
    before = {a["id"] for a in draft["addresses"]}
    _apply_addresses(ctx, draft, [{k: v for k, v in body.items() if k != "id"}], errors)
    return next(a for a in draft["addresses"] if a["id"] not in before)


def _edit_address(ctx: Ctx, draft: Record, address: Record, given: Any, now: str,
                  errors: Errors) -> None:
    if ctx.path.endswith("/default"):
        for a in draft["addresses"]:
            a["default"] = a is address
    else:
        _apply_addresses(ctx, draft, [{**ctx.payload("address"), "id": address["id"]}], errors)


def _delete_address(ctx: Ctx, draft: Record, address: Record) -> None:
    if address["default"]:
        raise rejected({"base": ["Cannot delete the customer’s default address"]})  # noqa: RUF001 (Shopify's text)
    draft["addresses"].remove(address)


def _keep(ctx: Ctx, customer: Record, draft: Record, now: str) -> None:
    _sync_default(draft)
    _commit(ctx, customer, draft)


ADDRESSES = Children("customers", "addresses", "addresses", "customer_address", _new_address,
                     _edit_address, lambda ctx, c: ctx.shop.stamp(c["updated_at"]),
                     _delete_address, keep=_keep, topic=RESOURCE_TOPICS["customers"][1])
