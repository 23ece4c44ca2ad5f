"""Which call parameters a bridge driver applies: a parameter the contract accepts is written
to the cart, or refused with 109 naming it, never silently dropped (issue 12, item 4).

Two ways in: :func:`served` inside a handler (PrestaShop, WooCommerce writes), or
:func:`guard`, which wraps every handler of a driver from one declaration per method
(OpenCart: ``opencart/params.py``), reads included."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from anycart.errors import ApiError, ReturnCode

from anycart.platforms.bridge.sqlkit import explicit

#: Parameters any call may carry that are not data for the cart: field selection, the shop and
#: language a call addresses (drivers read them), and hints that change nothing a bridge cart
#: stores (``clear_cache``: the bridge writes the very tables the storefront reads;
#: ``idempotency_key`` is the gateway's business).
CALL_CONTROLS = frozenset({"params", "exclude", "response_fields", "store_id", "lang_id",
                           "idempotency_key", "clear_cache",
                           # paging and order, which the gateway and order_by apply
                           "start", "count", "page_cursor", "sort_by", "sort_direction",
                           # API2Cart's cache and report hints: a bridge read is always fresh
                           "report_request_id", "disable_cache", "disable_report_cache",
                           "enable_cache", "use_latest_api_version"})


def served(call: Any, applied: Iterable[str], cart: str,
           nested: Mapping[str, Nested] | None = None) -> dict[str, Any]:
    """The call's explicit parameters (:func:`~.sqlkit.explicit`, contract defaults left
    out), after refusing with 109 the first given one that is not in ``applied``, or a key
    inside a list parameter outside ``nested[param]`` (:func:`refuse_nested`)."""
    given = explicit(call)
    known = set(applied) | CALL_CONTROLS
    for name, value in given.items():
        if name in known or name.startswith("_") or value in (None, "", [], {}):
            continue
        if value == _query_default(call.method, name):  # filled in by the gateway, not sent
            continue
        raise refused(name, cart)
    if nested:
        from anycart.contract.catalogue import load_catalogue

        op = load_catalogue().get(call.method)
        body = ((op.body if op is not None else None) or {}).get("properties") or {}
        for name, spec in nested.items():
            refuse_nested(name, given.get(name), spec, body.get(name) or {}, cart)
    return given


def _query_default(method: str, name: str) -> Any:
    from anycart.contract.catalogue import load_catalogue

    op = load_catalogue().get(method)
    param = op.param(name) if op is not None else None
    return param.default if param is not None else None


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


def _defaults(method: str) -> dict[str, Any]:
    from anycart.contract.catalogue import load_catalogue

    op = load_catalogue().get(method)
    if op is None:
        return {}
    out = {p.name: p.default for p in op.params if p.default is not None}
    for name, schema in ((op.body or {}).get("properties") or {}).items():
        if isinstance(schema, dict) and "default" in schema:
            out[name] = schema["default"]
    return out


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

    same = same_as_default or {}
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
    @functools.wraps(fn)
    async def checked(self: Any, call: Any) -> Any:
        for name in given_names(method, call.params, same):
            if name not in names:
                raise refused(name, cart)
        for name, spec in inner.items():
            refuse_nested(name, call.params.get(name), spec, body.get(name) or {}, cart)
        return await fn(self, call)

    return checked
