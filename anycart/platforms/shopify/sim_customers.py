"""Customers and their addresses: the rules the customer and address mutations run.

A customer needs a name, an e-mail address or a phone number; e-mail addresses and phone
numbers are unique in a shop and must look valid. The first (or ``default: true``) address
is ``default_address``, which cannot be deleted; nor can a customer with orders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.sandbox import values as v_
from anycart.sandbox.catalog import one_default
from anycart.sandbox.children import Children
from anycart.sandbox.forms import Form, Unique
from anycart.sandbox.table import Record
from anycart.sandbox.values import Errors, rejected, text

from .sim_store import FACTS, RECORDS, RESOURCE_TOPICS, UNLISTED, Crud, Ctx, stamp

COUNTRIES: dict[str, str] = FACTS["countries"]
PROVINCES: dict[str, str] = FACTS["provinces"]
_BY_NAME = {v.lower(): k for k, v in COUNTRIES.items()}
_PROVINCE_BY_NAME = {v.lower(): k for k, v in PROVINCES.items()}
_ADDRESS_FIELDS = ("first_name", "last_name", "company", "address1", "address2", "city",
                   "province", "country", "zip", "phone", "province_code", "country_code")
_RULES: v_.Rules = {"email": v_.email, "phone": v_.phone, "tax_exempt": v_.flag,
                    **dict.fromkeys(("first_name", "last_name", "note"), v_.keep_none),
                    "tags": v_.tag_list}
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
    default = one_default(customer["addresses"])
    if default is None:
        customer.pop("default_address", None)
    else:
        customer["default_address"] = default


def _apply_addresses(ctx: Ctx, customer: Record, given: Any, errors: Errors) -> None:
    current = {a["id"]: a for a in customer["addresses"]}
    for src in given:  # MailingAddressInput has no id: only an address update names one
        if src.get("id") in current:
            a = current[src["id"]]
            merged = {**a, **{k: src[k] for k in _ADDRESS_FIELDS if k in src}}
            a.update(address_record(a["id"], customer["id"], merged, a["default"]))
        else:
            customer["addresses"].append(address_record(ctx.data.ids.next("address"),
                                                        customer["id"], src, False))


# -- customers ----------------------------------------------------------------------------
def _consent(ctx: Ctx, customer: Record, body: Mapping[str, Any], errors: Errors) -> None:
    consent = body.get("email_marketing_consent")  # whole, as the mutations' input builds it
    if consent is not None:
        when = consent["consent_updated_at"] or customer["updated_at"]
        customer["email_marketing_consent"] = {**consent, "consent_updated_at": when}


def _addresses(ctx: Ctx, customer: Record, body: Mapping[str, Any], errors: Errors) -> None:
    if "addresses" in body:
        _apply_addresses(ctx, customer, body["addresses"], errors)
    if not any(customer.get(k) for k in ("first_name", "last_name", "email", "phone")):
        v_.add(errors, "base", "Customer must have a name, phone number or email address")


def _own_addresses(ctx: Ctx, customer: Record) -> None:
    _sync_default(customer)
    for a in customer["addresses"]:
        ctx.data.ids.own("address", a["id"], customer["id"])


def _kept(ctx: Ctx, stored: Record | None, customer: Record, body: Mapping[str, Any]) -> None:
    if stored is None and customer["email"] and customer["email_marketing_consent"] is None:
        customer["email_marketing_consent"] = dict(_NOT_SUBSCRIBED)
    if stored is None and customer["phone"]:
        customer["sms_marketing_consent"] = {**_NOT_SUBSCRIBED, "consent_collected_from": "OTHER"}
    _own_addresses(ctx, customer)


FORM = Form("customers", RECORDS["customer"], rules=_RULES,
            unique=(Unique("email"), Unique("phone")), hooks=(_consent, _addresses),
            kept=_kept, stamp=stamp, start=lambda ctx: {
                "id": ctx.data.ids.next("customer"),
                "currency": ctx.shop.info.get("currency", "USD")})


def delete_customer(ctx: Ctx, customer: Record) -> None:
    if customer.get("orders_count"):
        raise rejected({"base": ["Error deleting customer: Customer can’t be deleted because "  # noqa: RUF001 (Shopify's own text)
                                 "they have existing orders"]})


CUSTOMERS = Crud("customers", "customer", UNLISTED, FORM.create,
                 FORM.update, delete_customer, RESOURCE_TOPICS["customers"])


# -- customers/{id}/addresses[/{aid}[/default]] ---------------------------------------------
def _new_address(ctx: Ctx, draft: Record, given: Any, now: str, errors: Errors) -> Record:
    body = ctx.payload("address")
    before = {a["id"] for a in draft["addresses"]}
    _apply_addresses(ctx, draft, [body], errors)
    return next(a for a in draft["addresses"] if a["id"] not in before)


def _edit_address(ctx: Ctx, draft: Record, address: Record, given: Any, now: str,
                  errors: Errors) -> None:
    if ctx.path.endswith("/default"):
        one_default(draft["addresses"], address)
    else:
        _apply_addresses(ctx, draft, [{**ctx.payload("address"), "id": address["id"]}], errors)


def _delete_address(ctx: Ctx, draft: Record, address: Record) -> None:
    if address["default"]:
        raise rejected({"base": ["Cannot delete the customer’s default address"]})  # noqa: RUF001 (Shopify's text)
    draft["addresses"].remove(address)


def _keep(ctx: Ctx, customer: Record, draft: Record, now: str) -> None:
    _own_addresses(ctx, draft)


ADDRESSES = Children("customers", "addresses", "addresses", "customer_address", _new_address,
                     _edit_address, stamp,
                     _delete_address, keep=_keep, topic=RESOURCE_TOPICS["customers"][1])
