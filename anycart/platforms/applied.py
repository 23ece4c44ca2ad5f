"""Which call parameters a driver applies: a parameter the contract accepts is written to the
cart, or refused with 109 naming it, never silently dropped (issue 12, item 4).

One mechanism for every platform, bridge or hosted: the driver declares, per method, the
parameters its handler applies (``opencart/params.py``, ``prestashop/params.py``,
``woocommerce/params.py``) and :func:`guard` wraps each handler so that any other given one is
refused before anything is read or written.

Call controls are decided here once, for all drivers:

- paging and field selection (:data:`PAGING`) and API2Cart's cache/report hints
  (:data:`NEUTRAL`) steer the gateway, so every method accepts them;
- ``idempotency_key`` is accepted only where a driver declares it: the gateway honours it for
  ``webhook.create`` alone (``webhooks/subscriptions.py``; ``methods/gateway.py`` and
  ``batch.py`` keep no replay table), so a cart write given one is refused rather than
  promising a retry that would write twice;
- ``clear_cache=false`` ("do not clear the storefront cache") is what every driver does anyway
  (none clears a cache after a write), so it counts as not given (:data:`CALL_SAME_AS_DEFAULT`);
  ``true`` is the contract default the gateway fills in and cannot be told from absent;
- ``store_id`` and ``lang_id`` are declared per method, only where the handler reads them;
  a driver lists the value meaning "the one store/language it serves" in ``same_as_default``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call


def refused(name: str, cart: str) -> ApiError:
    return ApiError(ReturnCode.INCORRECT_VALUE,
                    f"Parameter '{name}' is not supported by {cart}: the driver cannot "
                    f"apply it, so it is refused rather than ignored.")


# -- one declaration per method ------------------------------------------------------------------

#: Steer the gateway, not the cart.
PAGING = frozenset({"start", "count", "page_cursor", "params", "exclude", "response_fields",
                    "api_key", "store_key"})
#: Hints about API2Cart's own caches and report jobs: a driver that reads the cart afresh on
#: every call has nothing to do for them.
NEUTRAL = frozenset({"report_request_id", "disable_report_cache", "disable_cache",
                     "enable_cache", "use_latest_api_version"})
#: Values of call controls that ask for what every driver does anyway (see the module doc).
CALL_SAME_AS_DEFAULT: Mapping[str, set[str]] = {"clear_cache": {"False", "false", "0"}}


@functools.cache  # the catalogue is fixed; this runs on every guarded call
def _defaults(method: str) -> Mapping[str, Any]:
    from anycart.contract.catalogue import load_catalogue

    op = load_catalogue().get(method)
    if op is None:
        return {}
    out: dict[str, Any] = {p.name: p.default for p in op.params if p.default is not None}
    for name, schema in ((op.body or {}).get("properties") or {}).items():
        if isinstance(schema, dict) and "default" in schema:
            out[name] = schema["default"]
    return out


@functools.cache
def _body_defaults(method: str) -> Mapping[str, Any]:
    from anycart.contract.catalogue import load_catalogue

    op = load_catalogue().get(method)
    props = (op.body or {}).get("properties") or {} if op is not None else {}
    return {k: s["default"] for k, s in props.items() if isinstance(s, dict) and "default" in s}


#: Where the gateway puts, in :attr:`Call.extra`, the names the client sent (query and body
#: keys as received, before the contract's defaults were filled in).
SENT = "sent"
#: Write controls asking how a write is done, not what it writes: at their default they ask
#: for what every driver does, so sending them is never a change to apply.
WRITE_CONTROLS = frozenset({"clear_cache", "reindex", "check_process_status"})


def sdk_shaped(method: str, sent: frozenset[str]) -> bool:
    """Whether a call sends every body parameter the contract gives a default to, as a
    generated API2Cart SDK does on every call: its default values are then the SDK's, not
    the caller's, and the wire cannot tell them apart (docs/return-codes.md)."""
    defaults = _body_defaults(method)
    return bool(defaults) and defaults.keys() <= sent


def meant(call: Call) -> frozenset[str]:
    """Names whose value equals the contract default and which the client still sent on
    purpose (``avail=true`` to re-enable a product): none for an SDK-shaped call, nor for a
    call the gateway did not record what was sent of."""
    sent = call.extra.get(SENT)
    if not isinstance(sent, frozenset) or sdk_shaped(call.method, sent):
        return frozenset()
    return (sent & _body_defaults(call.method).keys()) - WRITE_CONTROLS


def explicit(call: Call) -> dict[str, Any]:
    """The call's parameters a write applies: without body values equal to the contract's
    defaults, unless the client sent them (:func:`meant`).

    The gateway fills body defaults in (``product.update`` gets ``avail=true``...); sent to
    the platform they would overwrite what the caller never asked to change."""
    defaults, kept = _body_defaults(call.method), meant(call)
    return {k: v for k, v in call.params.items()
            if k in kept or not (k in defaults and defaults[k] == v)}


def given_names(method: str, params: Mapping[str, Any],
                same_as_default: Mapping[str, set[str]]) -> list[str]:
    """Names a call really gives: not paging, not internal (``_resume``), not empty, not
    the contract default (query or body: the gateway fills both in) nor a value
    ``same_as_default`` lists (store ``0`` for a driver that serves only the default store)."""
    defaults = _defaults(method)
    out = []
    for name, value in params.items():
        if name in PAGING or name.startswith("_") or value in (None, "", [], {}):
            continue
        if (name in defaults and defaults[name] == value) or str(value) in same_as_default.get(name, ()):
            continue
        out.append(name)
    return sorted(out)


#: Keys a driver applies inside a list-of-objects parameter: key -> None (a value) or the
#: same kind of mapping for a list of objects under it (``order_item_option``).
Nested = Mapping[str, "Nested | None"]


def refuse_nested(name: str, value: Any, spec: Nested, schema: Mapping[str, Any], cart: str) -> None:
    """109 for the first key of an element of ``value`` (a list of objects) outside ``spec``
    whose value is neither empty nor its contract default, named as the validator names
    nested values (``order_item[0][order_item_weight]``)."""
    if not isinstance(value, list):
        return
    props = (schema.get("items") or {}).get("properties") or {}
    for n, element in enumerate(value):
        if not isinstance(element, dict):
            continue
        for key, item in element.items():
            if item in (None, "", [], {}) or (key in props and props[key].get("default") == item):
                continue
            if key not in spec:
                raise refused(f"{name}[{n}][{key}]", cart)
            inner = spec[key]
            if inner is not None:
                refuse_nested(f"{name}[{n}][{key}]", item, inner, props.get(key) or {}, cart)


def guard(cls: type, applied: Mapping[str, frozenset[str]], cart: str,
          same_as_default: Mapping[str, set[str]] | None = None,
          nested: Mapping[str, Mapping[str, Nested]] | None = None) -> None:
    """Wrap ``cls``'s handler of each method in ``applied``: a call giving any parameter
    outside that method's set (and :data:`NEUTRAL`), or a key inside a list of objects
    outside ``nested[method][param]``, is refused before anything is read."""
    from anycart.contract.catalogue import load_catalogue

    same = {**CALL_SAME_AS_DEFAULT, **(same_as_default or {})}
    for method, names in applied.items():
        attr = method.replace(".", "_")
        fn = getattr(cls, attr, None)
        if fn is None:
            raise TypeError(f"{cls.__name__} declares {method} but has no {attr}")
        op = load_catalogue().get(method)
        body = ((op.body if op is not None else None) or {}).get("properties") or {}
        setattr(cls, attr, _checked(fn, method, names | NEUTRAL, (nested or {}).get(method, {}),
                                    body, cart, same))


def _checked(fn: Any, method: str, names: frozenset[str], inner: Mapping[str, Nested],
             body: Mapping[str, Any], cart: str, same: Mapping[str, set[str]]) -> Any:
    def refuse_unapplied(params: Mapping[str, Any]) -> None:
        for name in given_names(method, params, same):
            if name not in names:
                raise refused(name, cart)
        for name, spec in inner.items():
            refuse_nested(name, params.get(name), spec, body.get(name) or {}, cart)

    @functools.wraps(fn)
    async def checked(self: Any, call: Any) -> Any:
        refuse_unapplied(call.params)
        return await fn(self, call)

    # a method AnyCart serves around the driver's (live shipping) refuses before its own work
    checked.refuse_unapplied = refuse_unapplied  # type: ignore[attr-defined]
    return checked
