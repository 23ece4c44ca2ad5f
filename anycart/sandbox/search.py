"""Search queries of the ``field:value`` kind (Shopify's REST and GraphQL ``query=``, Lucene-like
admin searches): terms separated by spaces, a value may be quoted, a term naming no known
field is a free word; terms are ANDed and compared case-insensitively.

A platform declares a :class:`Syntax`: which fields a term may name and how each compares
(:func:`equal`, :func:`listed`, :func:`digits_suffix`, :func:`contains`, or its own matcher),
and what a free word matches. Field paths may reach into a nested record with dots
(``default_address.city``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .query import get_path
from .values import text

#: a record predicate
Pred = Callable[[Mapping[str, Any]], bool]
#: the lower-cased value of a term -> its predicate
Matcher = Callable[[str], Pred]

_TERM = re.compile(r'(\w+):("[^"]*"|\S+)|("[^"]*"|\S+)')


def _low(record: Mapping[str, Any], path: str) -> str:
    return text(get_path(record, path)).lower()


def equal(*paths: str) -> Matcher:
    """The value equals one of the fields."""
    return lambda value: lambda r: any(_low(r, p) == value for p in paths)


def contains(*paths: str) -> Matcher:
    """The value is part of the fields joined by spaces."""
    return lambda value: lambda r: value in " ".join(_low(r, p) for p in paths)


def listed(path: str, sep: str = ",") -> Matcher:
    """The value is one item of a ``sep``-separated field (tags)."""
    return lambda value: lambda r: value in [t.strip() for t in _low(r, path).split(sep)]


def digits_suffix(path: str) -> Matcher:
    """The value's digits end the field's digits (a phone number with or without its
    country code and punctuation)."""
    def matcher(value: str) -> Pred:
        wanted = re.sub(r"\D", "", value)
        return lambda r: re.sub(r"\D", "", _low(r, path)).endswith(wanted)
    return matcher


@dataclass(frozen=True)
class Syntax:
    fields: Mapping[str, Matcher]
    free: Matcher

    def terms(self, query: str) -> list[tuple[str | None, str]]:
        """``(field or None, lower-cased unquoted value)`` per term; an unknown field makes
        the whole term a free word."""
        out: list[tuple[str | None, str]] = []
        for match in _TERM.finditer(query):
            name, value, word = match.group(1), match.group(2), match.group(3)
            if name and name not in self.fields:
                name, value = None, f"{name}:{value}"
            out.append((name, (value or word).strip('"').lower()))
        return out

    def predicates(self, query: str) -> list[Pred]:
        return [(self.fields[name] if name else self.free)(value)
                for name, value in self.terms(query)]


_OP = re.compile(r"^(<=|>=|<|>)?['\"]?(.*?)['\"]?$")


def _iso(raw: str) -> float:
    when = datetime.fromisoformat(raw.upper().replace("Z", "+00:00"))
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def compared(path: str, stamp: Callable[[str], float]) -> Matcher:
    """``field:>value``, ``<``, ``>=``, ``<=`` (``field:value`` alone is equality) on a date
    (a path ending ``_at``: the value in ISO 8601, the record's read by ``stamp``) or a
    number; a value that is neither matches nothing."""
    def matcher(value: str) -> Pred:
        match = _OP.match(value)
        op, raw = (match.group(1) or "=", match.group(2)) if match else ("=", value)
        dated = path.endswith("_at")
        try:
            wanted = _iso(raw) if dated else float(raw)
        except ValueError:
            return lambda r: False

        def pred(r: Mapping[str, Any]) -> bool:
            got = r.get(path)
            if got is None:
                return False
            have = stamp(got) if dated else float(got)
            return {"=": have == wanted, "<": have < wanted, ">": have > wanted,
                    "<=": have <= wanted, ">=": have >= wanted}[op]
        return pred
    return matcher


def one_of(path: str) -> Matcher:
    """``status:active,draft``: the field is one of the listed values."""
    return lambda value: lambda r: _low(r, path) in value.split(",")


def either(syntax: Syntax, query: str) -> list[Pred]:
    """The query's terms ANDed (an explicit ``AND`` is only a separator); ``OR`` between
    groups of terms matches either group (it binds looser than AND, as in Shopify's and
    Lucene's syntax)."""
    groups = [syntax.predicates(re.sub(r"\s+AND\s+", " ", part))
              for part in re.split(r"\s+OR\s+", query)]
    if len(groups) == 1:
        return groups[0]
    return [lambda r: any(all(p(r) for p in group) for group in groups)]
