"""Contract parameters -> column values of a cart's tables, declared once for add and update.

A driver lists ``(parameter, "table.column", converter)`` rows; :func:`columns` turns the
parameters a call gives into ``{table: {column: value}}`` (only those given, so the same
declaration serves add and update). A converter takes the parameter's name and value and
raises the contract's 109 naming it; rows are applied in order, so a later synonym
(``cost_price`` after ``wholesale_price``) wins. ``"product+product_shop.price"`` writes one
value to two tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from anycart.errors import ApiError

from . import values
from .values import ENABLED, StatusMap, truthy

Convert = Callable[[str, Any], Any]
Spec = Iterable[tuple[str, str, Convert]]


def columns(params: Mapping[str, Any], spec: Spec) -> dict[str, dict[str, Any]]:
    """``{table: {column: value}}`` for the parameters of ``spec`` that ``params`` gives (not
    None; blank only for text, which it clears); every table named in ``spec`` is a key,
    empty when nothing is written to it."""
    out: dict[str, dict[str, Any]] = {}
    for name, target, convert in spec:
        tables, column = target.split(".")
        for table in tables.split("+"):
            out.setdefault(table, {})
        value = params.get(name)
        if value is None or (value == "" and not getattr(convert, "keeps_blank", False)):
            continue
        value = convert(name, value)
        for table in tables.split("+"):
            out[table][column] = value
    return out


def written(spec: Spec) -> set[str]:
    """The contract parameters ``spec`` writes (for the driver's applied sets)."""
    return {name for name, _, _ in spec}


def bounded(name: str, value: Any, size: int) -> str:
    """Text that fits a VARCHAR(size); 109 naming ``name`` otherwise."""
    text = str(value)
    if len(text) > size:
        raise ApiError.invalid(name, f"string of at most {size} characters")
    return text


def text(size: int | None = None) -> Convert:
    """Text (of at most ``size`` characters); blank clears the column."""
    def convert(name: str, value: Any) -> str:
        return str(value) if size is None else bounded(name, value, size)

    convert.keeps_blank = True  # type: ignore[attr-defined]
    return convert


def email(size: int = 255) -> Convert:
    """An e-mail address (:func:`.values.email`) of at most ``size`` characters as a column
    converter; blank is refused too (a customer without an address)."""
    def convert(name: str, value: Any) -> str:
        return values.email(value, name, size)

    convert.keeps_blank = True  # type: ignore[attr-defined]
    return convert


def amount(name: str, value: Any) -> float:
    """A finite number not below 0 (prices, dimensions): :func:`.values.amount` as a
    column converter (one check and one error text for every caller)."""
    return values.amount(value, name)


def number(name: str, value: Any) -> float:
    """A finite number, below 0 too (a stock delta, a price a cart lets go negative)."""
    try:
        found = float(value)
    except (TypeError, ValueError):
        raise ApiError.invalid(name, "a number") from None
    if not math.isfinite(found):
        raise ApiError.invalid(name, "a number")
    return found


def integer(name: str, value: Any) -> int:
    """A whole number (``"3"``, ``3.0``)."""
    try:
        return values.whole(value)
    except (TypeError, ValueError, OverflowError):
        raise ApiError.invalid(name, "a whole number") from None


def escaped(name: str, value: Any) -> str:
    """Text as a cart's admin stores it HTML-escaped (:func:`.values.html_stored`); blank
    clears the column."""
    return values.html_stored(value)


escaped.keeps_blank = True  # type: ignore[attr-defined]


def bit(name: str, value: Any) -> int:
    """A boolean as a TINYINT."""
    return int(truthy(value))


def status(names: StatusMap = ENABLED) -> Convert:
    """A contract status name (``enabled``) as the stored code."""
    def convert(name: str, value: Any) -> Any:
        try:
            return names.code(value)
        except ValueError as exc:
            raise ApiError.invalid(name, str(exc)) from None

    return convert


def choice(codes: Mapping[str, Any]) -> Convert:
    """One of ``codes``' names (case-insensitive) as its code."""
    def convert(name: str, value: Any) -> Any:
        code = codes.get(str(value).lower())
        if code is None:
            raise ApiError.invalid(name, "one of " + ", ".join(codes))
        return code

    return convert
