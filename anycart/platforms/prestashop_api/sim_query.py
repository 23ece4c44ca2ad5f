"""A list request's parameters read as ``WebserviceRequest::manageFilters`` and
``SQLUtils::getSQLRetrieveFilter`` read them: ``display``, ``filter[field]``, ``sort``,
``limit``, ``language`` and ``date=1``; every refusal is the webservice's own error.

Filter values: ``[a|b]`` any of, ``[x,y]`` between (numbers, dates), ``[v]`` or ``v``
equal, ``%[v]`` / ``[v]%`` / ``%[v]%`` LIKE, ``>[v]`` / ``<[v]`` compared, ``![a|b]`` none
of. MySQL compares case-insensitively, and numbers as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from difflib import get_close_matches
from typing import Any

from anycart.sandbox.collation import SqlKey, like, sql_key

from .sim_model import Resource, WsError
from .sim_output import Display

Predicate = Callable[[Mapping[str, Any]], bool]
_FILTER = re.compile(r"^filter\[([^\]]*)\](\[[^\]]*\])?$")
_RANGE = re.compile(r"^([\d.:\-\s]+),([\d.:\-\s]+)$")


def did_you_mean(name: str, value: str, available: Sequence[str], **fmt: Any) -> WsError:
    """``setErrorDidYouMean``: the message, the closest name and the full list."""
    err = WsError(name, **fmt)
    close = get_close_matches(value, available, n=1, cutoff=0) or [""]
    err.message += f'. Did you mean: "{close[0]}"?'
    if len(available) > 1:
        err.message += ' The full list is: "' + '", "'.join(available) + '"'
    return err


def value_test(raw: str) -> Callable[[Any], bool]:
    """One ``getSQLRetrieveFilter`` condition on a value."""
    m = re.match(r"^(.*)\[(.*)\](.*)$", raw, re.DOTALL)
    if m is None:
        return lambda v: sql_key(v) == sql_key(raw)
    pre, inner, post = m.groups()
    if pre == "%" or post == "%":
        rx = like(pre + inner + post, one=None)  # ``_`` matched as itself, as answered so far
        return lambda v: bool(rx.match(str(v or "")))
    if pre == "" and post == "":
        if inner.find("|") > 0:
            keys = {sql_key(x) for x in inner.split("|")}
            return lambda v: sql_key(v) in keys
        between = _RANGE.match(inner)
        if between:
            lo, hi = sorted((between.group(1), between.group(2)), key=sql_key)
            return lambda v: sql_key(lo) <= sql_key(v) <= sql_key(hi)
        return lambda v: sql_key(v) == sql_key(inner)
    if pre == ">":
        return lambda v: sql_key(v) > sql_key(inner)
    if pre == "<":
        return lambda v: sql_key(v) < sql_key(inner)
    if pre == "!":
        keys = {sql_key(x) for x in inner.split("|")}
        return lambda v: sql_key(v) not in keys
    return lambda v: False  # an unknown prefix: the SQL gets no condition that matches


def filters(res: Resource, query: Sequence[tuple[str, str]], dated: bool, langs: Sequence[str]
            ) -> list[Predicate]:
    plain, i18n = res.filterable(dated)
    out: list[Predicate] = []
    for key, raw in query:
        m = _FILTER.match(key)
        if m is None or m.group(1) in ("sort", "limit"):
            continue
        name, sub = m.groups()
        if name not in plain:
            if name in i18n and raw != "" and sub is None:
                out.append(_on_languages(name, value_test(raw), langs))
                continue
            if sub is not None:
                raise WsError("no_linked_table")
            raise did_you_mean("filter_unknown", name, plain)
        if raw == "":
            raise WsError("filter_malformed", field=name)
        if name != "id" and "virtual" in res.fields[name].flags:
            raise WsError("filter_dynamic", field=name)
        out.append(_on_field(name, value_test(raw)))
    return out


def _on_field(name: str, test: Callable[[Any], bool]) -> Predicate:
    return lambda rec: test(rec.get(name))


def _on_languages(name: str, test: Callable[[Any], bool], langs: Sequence[str]) -> Predicate:
    """An i18n filter joins the ``_lang`` rows of the asked languages: any may match."""
    return lambda rec: any(test((rec.get(name) or {}).get(lang, "")) for lang in langs)


def display(res: Resource, raw: str | None, default: str) -> Display:
    """``setFieldsToDisplay``: ``full``, ``minimum`` or ``[field,assoc[sub,...],...]``."""
    if raw is None:
        return default
    if raw in ("full", "minimum"):
        return raw
    available = ", ".join(["id", *(f.name for f in res.visible())])
    m = re.match(r"^\[(.*)\]$", raw)
    if m is None:
        raise WsError("display_syntax", available=available)
    wanted: dict[str, list[str] | None] = {}
    for part in re.findall(r"[^,\[]+(?:\[[^\]]*\])?", m.group(1)):
        name, _, sub = part.strip().partition("[")
        if not sub:
            if name != "id" and (name not in res.fields or "hidden" in res.fields[name].flags):
                raise WsError("display_field", field=name, available=available)
            wanted[name] = None
            continue
        subs = sub.rstrip("]").split(",")
        a = res.associations.get(name)
        if a is None or any(s != "id" and s not in a.fields for s in subs):
            raise WsError("display_field", available=available,
                          field=f"{name} (details : {subs!r})")
        wanted[name] = subs
    return wanted


def order(res: Resource, raw: str | None, dated: bool) -> list[tuple[str, bool]]:
    """``sort=[field_ASC,...]`` as (field, descending) pairs."""
    if raw is None:
        return []
    m = re.match(r"^\[(.*)\]$", raw)
    plain, i18n = res.filterable(dated)
    out = []
    for item in (m.group(1).split(",") if m else [raw]):
        name, sep, direction = item.rpartition("_")
        if not sep or direction.upper() not in ("ASC", "DESC"):
            raise WsError("sort_syntax")
        if name not in plain and name not in i18n:
            raise WsError("sort_field", available=", ".join(plain), i18n=", ".join(i18n))
        out.append((name, direction.upper() == "DESC"))
    return out


def sort_key(name: str, lang: str) -> Callable[[Mapping[str, Any]], SqlKey]:
    def key(rec: Mapping[str, Any]) -> SqlKey:
        value = rec.get(name)
        return sql_key(value.get(lang, "") if isinstance(value, dict) else value)
    return key


def limit(raw: str | None) -> tuple[int, int | None]:
    """``limit=count`` or ``limit=offset,count``: (offset, count or None)."""
    if raw is None:
        return 0, None
    parts = raw.split(",")
    if len(parts) > 2:
        raise WsError("limit")
    nums = [php_int(p) for p in parts]
    return (0, nums[0]) if len(nums) == 1 else (nums[0], nums[1])


def php_int(value: Any) -> int:
    """PHP's ``(int)`` cast of a string: the leading digits, else 0."""
    m = re.match(r"^\s*([+-]?\d+)", str(value))
    return int(m.group(1)) if m else 0


def languages(raw: str | None, known: Sequence[str]) -> list[str]:
    """``filterLanguage``: ``1``, ``[1|2]`` or ``[1,2]``; unknown ids dropped."""
    if raw is None:
        return list(known)
    if raw.isdecimal():
        asked = [str(int(raw))]
    elif raw.startswith("[") and raw.endswith("]") and (("|" in raw) != ("," in raw)):
        inner = raw[1:-1]
        if "|" in inner:
            asked = inner.split("|")
        else:
            ends = inner.split(",")
            if len(ends) != 2:
                raise WsError("language_range")
            if not all(e.strip().isdecimal() for e in ends):
                raise WsError("language_numeric")
            asked = [str(i) for i in range(int(ends[0]), int(ends[1]) + 1)]
    elif re.match(r"^\[\d+\]$", raw):
        asked = [raw[1:-1]]
    else:
        raise WsError("language_wrong")
    if not all(a.strip().isdecimal() for a in asked):
        raise WsError("language_numeric")
    found = [str(int(a)) for a in asked if str(int(a)) in known]
    if not found:
        raise WsError("language_none")
    return found
