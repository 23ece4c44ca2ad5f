"""Scoped values: a value per scope (store view, shop, language) that falls back to the
record's own (the default scope) where a scope has none.

Platforms keep them in one of two ways, both here:

- beside the record, for a few fields: Magento's store-view values of the catalog (a
  product's ``name`` saved through ``/rest/fr/V1`` is the ``fr`` view's, read back through
  that view only; ``/rest/all/V1`` writes the record itself), PrestaShop's ``*_shop`` rows,
  BigCommerce's channel overrides. An :class:`Overlay` keeps them by record key and scope;
- inside the record, one value per scope: PrestaShop's multilingual fields
  (``{"1": "Shirt", "2": "Chemise"}``, the ``*_lang`` rows), WooCommerce/WPML translations.
  :func:`spread` writes one (a mapping sets the scopes it names, a plain value is every
  scope's) and :func:`pick` reads one with its fallback.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

Values = dict[str, Any]


class Overlay:
    """Values of ``fields`` kept per (record key, scope) over the records' own; writes
    through ``default`` (the global scope) go to the record itself."""

    def __init__(self, fields: Iterable[str], default: str) -> None:
        self.fields = frozenset(fields)
        self.default = default
        self._by: dict[Hashable, dict[str, Values]] = {}

    def split(self, values: Mapping[str, Any]) -> tuple[Values, Values]:
        """(the scoped fields of ``values``, the others)."""
        return ({k: v for k, v in values.items() if k in self.fields},
                {k: v for k, v in values.items() if k not in self.fields})

    def of(self, key: Hashable, scope: str) -> Values:
        """The values ``scope`` holds for record ``key`` (none for the default scope)."""
        return self._by.get(key, {}).get(scope, {})

    def value(self, key: Hashable, scope: str, name: str, record: Mapping[str, Any]) -> Any:
        """One field as ``scope`` sees it: its own value, else the record's."""
        own = self.of(key, scope)
        return own[name] if name in own else record.get(name)

    def seen(self, key: Hashable, scope: str, record: Mapping[str, Any]) -> Values:
        """A copy of ``record`` as ``scope`` sees it."""
        out = copy.deepcopy(dict(record))
        out.update(copy.deepcopy(self.of(key, scope)))
        return out

    def save(self, key: Hashable, scope: str, values: Mapping[str, Any]) -> Values:
        """Keep the scoped fields of ``values`` for ``scope``; answers what the record
        itself takes (through the default scope, every one of them; else none)."""
        scoped, _ = self.split(values)
        if scope == self.default:
            return scoped
        if scoped:
            self._by.setdefault(key, {}).setdefault(scope, {}).update(scoped)
        return {}

    def drop(self, key: Hashable) -> None:
        """Record ``key`` is gone, and its scoped values with it."""
        self._by.pop(key, None)


def spread(value: Any, old: Any, scopes: Iterable[str], blank: str = "") -> dict[str, str]:
    """A per-scope value written: a mapping sets the (known) scopes it names over ``old``;
    anything else (a plain text, or nothing) becomes every scope's value."""
    known = list(scopes)
    if isinstance(value, Mapping):
        out = dict(old) if isinstance(old, Mapping) else dict.fromkeys(known, blank)
        out.update({str(k): str(v) for k, v in value.items() if str(k) in known})
        return out
    return dict.fromkeys(known, blank if value is None else str(value))


def pick(value: Any, scope: str, fallback: str | None = None, blank: Any = "") -> Any:
    """A per-scope value read in ``scope``, else in ``fallback``; a plain value is every
    scope's."""
    if not isinstance(value, Mapping):
        return value
    if scope in value:
        return value[scope]
    return value.get(fallback, blank) if fallback is not None else blank
