"""Parameters a connector applies, declared per contract method; anything else is refused.

The gateway checks every parameter against the contract and hands all of them to the
connector, so a parameter a connector does not read would be silently dropped (``answer 0,
write nothing``). A connector that declares ``applied_params`` (method -> names it applies)
has each declared handler wrapped: a call that gives any other parameter, with a value other
than the contract's default, is refused with 109 naming it before anything is read or
written. Paging and field selection are the gateway's and never count.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from anycart.errors import ApiError

#: Steer the gateway, not the platform.
CONTROL = frozenset({"start", "count", "page_cursor", "params", "exclude", "response_fields",
                     "api_key", "store_key"})
#: Hints about API2Cart's own caches and report jobs: a connector that reads the store afresh
#: on every call has nothing to do for them.
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


def given(method: str, params: Mapping[str, Any], same_as_default: Mapping[str, Any] = {}) -> list[str]:
    """Names the call really gives: not control, not internal (``_resume``), not empty and
    not equal to the contract default (or to ``same_as_default``, e.g. store ``0``)."""
    defaults = _defaults(method)
    out = []
    for name, value in params.items():
        if name in CONTROL or name.startswith("_") or value in (None, "", [], {}):
            continue
        if name in defaults and defaults[name] == value:
            continue
        if name in same_as_default and str(value) in same_as_default[name]:
            continue
        out.append(name)
    return out


def refuse_unapplied(method: str, params: Mapping[str, Any], applied: frozenset[str],
                     platform: str, same_as_default: Mapping[str, Any] = {}) -> None:
    for name in sorted(given(method, params, same_as_default)):
        if name not in applied and name not in NEUTRAL:
            raise ApiError.invalid(name, f"a parameter {platform} applies to {method} (leave it out)")


def guard(cls: type, applied: Mapping[str, frozenset[str]], platform: str,
          same_as_default: Mapping[str, Any] = {}) -> None:
    """Wrap ``cls``'s handler of each declared method with :func:`refuse_unapplied`."""
    for method, names in applied.items():
        attr = method.replace(".", "_")
        fn = getattr(cls, attr, None)
        if fn is None:
            raise TypeError(f"{cls.__name__} declares {method} but has no {attr}")

        @functools.wraps(fn)
        async def checked(self, call, _fn=fn, _method=method, _names=names):
            refuse_unapplied(_method, call.params, _names, platform, same_as_default)
            return await _fn(self, call)

        setattr(cls, attr, checked)
