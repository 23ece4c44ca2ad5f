"""Request values read by one set of rules, refused in each platform's words.

WordPress, BigCommerce v2 and v3, Magento and PrestaShop read ``page=2``, ``include=3,4``,
``order=desc`` and a JSON body alike; what differs is the answer to a value that does not
read. A :class:`Reader` keeps the rules here and takes the difference as data: the
platform's :class:`Wording` (format strings) and ``fail``, which turns a :class:`Refused`
into the platform's own exception (a ``WP_Error``, a v3 422, a v2 400)::

    READ = Reader(lambda bad: invalid(bad.param, bad.message))      # WordPress wording
    per_page = READ.integer(params, "per_page", 10, 1, 100)
    include = READ.ids(params, "include")                          # [3, 4] or None
    body = await json_body(request, lambda: WooError("rest_invalid_json", ...))
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from .errors import SimError


@dataclass(frozen=True)
class Wording:
    """A platform's texts for a refused value: format strings over ``name``, ``raw``,
    ``low``, ``high`` and ``allowed`` (comma separated). The defaults are WordPress's."""

    integer: str = "{name} is not of type integer."
    between: str = "{name} must be between {low} (inclusive) and {high} (inclusive)"
    at_least: str = "{name} must be greater than or equal to {low}"
    choice: str = "{name} is not one of {allowed}."
    ids: str = "{name}[0] is not of type integer."


@dataclass(frozen=True)
class Refused:
    """One value that did not read: which parameter, the worded reason, the raw text, and
    ``kind`` (``integer``, ``range``, ``choice``, ``ids``) for platforms whose answer
    differs by kind (BigCommerce titles a range error with the value)."""

    param: str
    message: str
    raw: str
    kind: str


@dataclass(frozen=True)
class Reader:
    """Query values by shared rules; ``fail`` makes the platform's exception."""

    fail: Callable[[Refused], SimError]
    wording: Wording = field(default_factory=Wording)

    def _refuse(self, name: str, raw: str, kind: str, **more: Any) -> SimError:
        text = getattr(self.wording, kind if kind != "range" else more.pop("which"))
        return self.fail(Refused(name, text.format(name=name, raw=raw, **more), raw,
                                 kind))

    def integer(self, params: Mapping[str, str], name: str, default: int, low: int = 1,
                high: int | None = None) -> int:
        """``name`` as an int within ``low``..``high`` (``default`` when absent)."""
        raw = params.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise self._refuse(name, raw, "integer") from None
        if value < low or (high is not None and value > high):
            raise self._refuse(name, raw, "range", low=low, high=high,
                               which="between" if high is not None else "at_least")
        return value

    def choice(self, params: Mapping[str, str], name: str, allowed: tuple[str, ...],
               default: str) -> str:
        """``name``, one of ``allowed`` (``default`` when absent)."""
        value = params.get(name, default)
        if value not in allowed:
            raise self._refuse(name, value, "choice", allowed=", ".join(allowed))
        return value

    def ids(self, params: Mapping[str, str], name: str) -> list[int] | None:
        """``name`` as a list of ints, ``3,4`` or ``[3,4]`` (None when absent), in the
        order given."""
        raw = params.get(name)
        if raw is None:
            return None
        try:
            return [int(x) for x in raw.replace("[", "").replace("]", "").split(",")
                    if x.strip()]
        except ValueError:
            raise self._refuse(name, raw, "ids") from None


def flag(value: Any) -> bool:
    """A query or body boolean as PHP and Rails read one (``1``, ``true``, ``yes``)."""
    return str(value).lower() in ("1", "true", "yes")


async def json_body(request: Request, unreadable: Callable[[], SimError]) -> Any:
    """The request's JSON (None when the body is empty); ``unreadable()`` is raised when
    it does not parse."""
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise unreadable() from None
