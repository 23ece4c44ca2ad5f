"""The Shop resource, access scopes, carrier services and webhook subscriptions.

Carrier services: a ``name`` and a ``callback_url`` are required, and a shop refuses a second
service with a name already configured (422 ``{"errors": {"base": ["<name> is already
configured"]}}``). Webhook subscriptions: ``address`` must be an absolute ``https://`` URL
(Shopify refuses plain http; the simulator can allow it for loopback sandboxes), ``topic``
one Shopify knows, ``format`` ``json`` or ``xml`` (deliveries are always JSON here), one
subscription per topic and address. Deliveries: :meth:`.sim_store.SimulatedShop.fire`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from anycart.sandbox.crud import Query, exactly, reply
from anycart.sandbox.query import project
from anycart.sandbox.table import Record
from anycart.sandbox.values import Errors, boolean, check, text, url_errors

from .sim_api import Crud, Ctx, common
from .sim_store import RECORDS

SCOPES = ("read_products", "write_products", "read_customers", "write_customers",
          "read_orders", "write_orders", "read_inventory", "write_inventory",
          "read_fulfillments", "write_fulfillments", "read_shipping", "write_shipping",
          "read_locations")


def get_shop(ctx: Ctx) -> Response:
    return reply({"shop": project(ctx.shop.info, ctx.fields)})


def access_scopes(ctx: Ctx) -> Response:
    return reply({"access_scopes": [{"handle": s} for s in SCOPES]})


def _others(ctx: Ctx, table: str, own_id: Any) -> list[Record]:
    t = ctx.data.table(table)
    return [t.peek(rid) for rid in t.sorted_keys() if rid != own_id]


# -- carrier services ---------------------------------------------------------------------
def _carrier_errors(ctx: Ctx, c: Record) -> None:
    errors: Errors = {}
    if not c["name"]:
        errors["name"] = ["can't be blank"]
    if url := url_errors(c["callback_url"]):
        errors["callback_url"] = url
    if not isinstance(c["format"], str) or c["format"] not in ("json", "xml"):
        errors["format"] = ["is not included in the list"]
    if c["name"] and any(o["name"].lower() == c["name"].lower()
                         for o in _others(ctx, "carrier_services", c["id"])):
        errors["base"] = [f"{c['name']} is already configured"]
    check(errors)


def create_carrier(ctx: Ctx, body: dict[str, Any]) -> Record:
    sid = ctx.data.ids.next("carrier_service")
    c = RECORDS["carrier_service"].make(
        id=sid, name=text(body.get("name")), active=boolean(body.get("active"), True),
        service_discovery=boolean(body.get("service_discovery"), True),
        format=body.get("format") or "json", callback_url=text(body.get("callback_url")))
    _carrier_errors(ctx, c)
    return c


def update_carrier(ctx: Ctx, c: Record, body: dict[str, Any]) -> None:
    draft = dict(c)
    draft.update({k: text(body[k]) for k in ("name", "callback_url") if k in body})
    draft.update({k: boolean(body[k], draft[k]) for k in ("active", "service_discovery")
                  if k in body})
    draft.update({k: body[k] for k in ("format",) if k in body})
    _carrier_errors(ctx, draft)
    c.update(draft)


CARRIER_SERVICES = Crud("carrier_services", "carrier_service",
                        lambda ctx, params: common(params, dates=()), create_carrier,
                        update_carrier)


# -- webhook subscriptions ----------------------------------------------------------------
def _fields_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [f.strip() for f in value.split(",") if f.strip()]
    return [str(f) for f in value] if isinstance(value, list) else []


_LISTS = ("fields", "metafield_namespaces", "private_metafield_namespaces")


def _validate(ctx: Ctx, hook: Record, own_id: int | None, allow_http: bool) -> None:
    errors = ctx.data.subscriptions(allow_http).errors(hook)
    if not isinstance(hook.get("format"), str) or hook["format"] not in ("json", "xml"):
        errors["format"] = ["is not included in the list"]
    if not errors:
        ctx.data.subscriptions(allow_http).duplicate(hook, own_id, errors)
    check(errors)


def webhooks(allow_http: bool) -> Crud:
    def query(ctx: Ctx, params: Mapping[str, str]) -> Query:
        q = common(params)
        q.preds += [exactly(name, params[name]) for name in ("topic", "address")
                    if params.get(name)]
        return q

    def create(ctx: Ctx, body: dict[str, Any]) -> Record:
        now = ctx.shop.stamp()
        hook = RECORDS["webhook"].make(
            {k: _fields_list(body.get(k)) for k in _LISTS}, id=ctx.data.ids.next("webhook"),
            address=str(body.get("address") or "").strip(), topic=body.get("topic"),
            created_at=now, format=body.get("format") or "json", api_version=ctx.version)
        _validate(ctx, hook, None, allow_http)
        return hook

    def update(ctx: Ctx, hook: Record, body: dict[str, Any]) -> None:
        changed = dict(hook)
        changed.update({k: body[k].strip() if isinstance(body[k], str) else body[k]
                        for k in ("address", "topic", "format") if k in body})
        changed.update({k: _fields_list(body[k]) for k in _LISTS if k in body})
        _validate(ctx, changed, hook["id"], allow_http)
        changed["updated_at"] = ctx.shop.stamp(hook["updated_at"])
        hook.update(changed)

    return Crud("webhooks", "webhook", query, create, update)
