"""Customers with their addresses: ``customers/search``, ``customers/{id}``, and writes as
``CustomerRepository`` accepts them (e-mail unique per website, the default billing and
shipping addresses named by id on the customer)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .sim_rest import RECORDS, TEXT, MagentoError, no_such, read_json, reply, required
from .sim_store import MagentoStore, store_of

_WRITABLE = ("email", "firstname", "lastname", "middlename", "prefix", "suffix", "dob",
             "gender", "group_id", "store_id", "website_id", "taxvat", "custom_attributes")


def new_customer(store: MagentoStore, body: dict[str, Any], when: datetime | None = None
                 ) -> dict[str, Any]:
    table = store.data.customers
    key = table.next_id
    now = store.stamp(when)
    record = RECORDS["customer"].make(id=key, created_at=now, updated_at=now)
    _apply(store, record, body)
    table[key] = record
    return record


def _apply(store: MagentoStore, record: dict[str, Any], body: dict[str, Any]) -> None:
    missing = [f for f in ("email", "firstname", "lastname")
               if not (body.get(f) or record.get(f))]
    if missing:
        raise required(*missing)
    email = str(body.get("email") or record["email"]).lower()
    index = store.data.customers.index("email")
    holder = index.get(email)
    if holder is not None and holder != record["id"]:
        raise MagentoError(400, TEXT["email_taken"])
    record.update({k: body[k] for k in _WRITABLE if k in body})
    record["email"] = email
    if "addresses" in body:
        record["addresses"] = [_address(store, record, a) for a in body["addresses"] or ()]
        for flag in ("default_billing", "default_shipping"):
            chosen = [a["id"] for a in record["addresses"] if a[flag]]
            record[flag] = str(chosen[0]) if chosen else ""


def _address(store: MagentoStore, customer: dict[str, Any], body: dict[str, Any]
             ) -> dict[str, Any]:
    values = {k: v for k, v in body.items() if k in RECORDS["address"].fields}
    region = body.get("region")
    if isinstance(region, dict):
        values["region"] = {"region_code": str(region.get("region_code") or ""),
                            "region": str(region.get("region") or ""),
                            "region_id": int(region.get("region_id") or 0)}
    values["id"] = int(body.get("id") or store.next_id("address"))
    values["customer_id"] = customer["id"]
    return RECORDS["address"].make(values)


def _customer(request: Request) -> dict[str, Any]:
    return store_of(request).data.customers.named(request.path_params["id"],
                                                  lambda key: no_such("customerId", key))


def get_customer(request: Request) -> Response:
    return reply(_customer(request))


async def post_customer(request: Request) -> Response:
    body = (await read_json(request, "customer"))["customer"]
    return reply(new_customer(store_of(request), body))


async def put_customer(request: Request) -> Response:
    store = store_of(request)
    record = _customer(request)
    body = (await read_json(request, "customer"))["customer"]
    old = record["email"]
    _apply(store, record, body)
    store.data.customers.reindex("email", old, record["email"], record["id"])
    store.touch(store.data.customers, record)
    return reply(record)


def delete_customer(request: Request) -> Response:
    store = store_of(request)
    del store.data.customers[_customer(request)["id"]]
    return reply(True)
