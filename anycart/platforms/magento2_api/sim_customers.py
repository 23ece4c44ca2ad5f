"""Customers with their addresses: ``customers/search``, ``customers/{id}``, and writes as
``CustomerRepository`` accepts them (e-mail unique per website, the default billing and
shipping addresses named by id on the customer)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .sim_rest import RECORDS, SERVED, TEXT, MagentoError, Repo, required
from .sim_store import MagentoStore

_WRITABLE = ("email", "firstname", "lastname", "middlename", "prefix", "suffix", "dob",
             "gender", "group_id", "store_id", "website_id", "taxvat", "custom_attributes")


def new_customer(store: MagentoStore, body: dict[str, Any], when: datetime | None = None
                 ) -> dict[str, Any]:
    return SERVED.save(store, REPOS["customer"], body, None, when=when)


def _apply(store: MagentoStore, record: dict[str, Any], body: dict[str, Any],
           created: bool) -> None:
    missing = [f for f in ("email", "firstname", "lastname")
               if not (body.get(f) or record.get(f))]
    if missing:
        raise required(*missing)
    email = str(body.get("email") or record["email"]).lower()
    holder = store.data.customers.index("email").get(email)
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


REPOS = {"customer": Repo("customers", "customer", "customer", "id", "customerId", rules=_apply)}
repo = SERVED.endpoints(REPOS)
