"""From a platform's error answer to the contract's: status + body -> :class:`ApiError`.

Each hosted client used to carry its own ladder of ``if status == ...``; an :class:`ErrorMap`
declares it instead: a list of :class:`Rule` (status, optionally a text the message must
contain and whether the request was a read), the return code and the wording, and where in
the body the platform's own message is. Unmatched errors (>= 300) are 107
``"<Platform> error message: <text>"`` as :func:`~anycart.platforms.base.platform_error`
words it; a 404 on a named entity is 112 ``"<entity> with id <id> not found"``.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from anycart.errors import ApiError, ReturnCode

from .pagination import dig

__all__ = ["ErrorMap", "Rule", "limit_rule", "render"]

Extractor = Callable[[httpx.Response], str]


@dataclass(frozen=True)
class Rule:
    """``status`` (one, or several: ``(401, 403)``, ``range(500, 600)``) -> ``code`` with
    ``message``.

    ``message`` may use ``{text}`` (the platform's message, or ``default`` when it gave none)
    and ``{status}``; ``prefix`` puts ``"<Platform> error message: "`` before it. ``contains``:
    only when the platform's text contains it; ``read``: only for reads (GET/HEAD) when True,
    only for writes when False."""

    status: int | Container[int]
    code: ReturnCode = ReturnCode.PLATFORM_ERROR
    message: str = "{text}"
    default: str = "HTTP {status}."
    prefix: bool = True
    contains: str | None = None
    read: bool | None = None

    def matches(self, status: int, text: str, read: bool) -> bool:
        hit = status == self.status if isinstance(self.status, int) else status in self.status
        return (hit and (self.contains is None or self.contains in text)
                and (self.read is None or self.read == read))


def render(value: Any) -> str:
    """A platform's error value as one line: a string as is, a list joined by ``"; "``, a
    ``field -> messages`` map as ``"field m1, m2; other m3"`` (Shopify's ``errors``)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(t for t in (render(v) for v in value) if t)
    if isinstance(value, dict):
        return "; ".join(f"{k} {', '.join(map(str, v)) if isinstance(v, list) else v}"
                         for k, v in value.items())
    return str(value)


@dataclass(frozen=True)
class ErrorMap:
    """The declared error answers of one platform. ``paths``: where its message is in a JSON
    body, the first that holds one wins (in a list body, each item's, joined); or
    ``extract``, a callable, for anything else. A body that is not JSON is its text, cut at
    ``max_text``."""

    platform: str
    rules: Sequence[Rule] = ()
    paths: Sequence[str] = ("message", "error", "errors")
    extract: Extractor | None = None
    max_text: int | None = 300
    #: The wording of a 404 when no entity is named.
    not_found_text: str = "Not found (HTTP 404)."
    #: Platform statuses that mean "no records" for a list read (Shift4Shop's 404).
    empty: frozenset[int] = field(default_factory=frozenset)
    #: Where the platform's own error code is (WordPress ``code``): the text is then
    #: ``message (code)``, so the code is shown and rules may match it.
    code_path: str | None = None

    def text(self, response: httpx.Response) -> str:
        """The platform's own message in an error answer ("" when it gave none)."""
        if self.extract is not None:
            return self.extract(response)
        try:
            body = response.json()
        except ValueError:
            text = response.text.strip()
            return text[:self.max_text] if self.max_text else text
        items: Iterable[Any] = body if isinstance(body, list) else [body]
        return "; ".join(t for t in (self._first_text(i) for i in items) if t)

    def _first_text(self, item: Any) -> str:
        if not isinstance(item, Mapping):
            return ""
        text = next((t for t in (render(dig(item, p)) for p in self.paths) if t), "")
        code = render(dig(item, self.code_path)) if self.code_path else ""
        return f"{text} ({code})" if text and code else text or code

    def error(self, response: httpx.Response, *, entity: str | None = None,
              ident: Any = None, field: str = "id") -> ApiError | None:
        """The contract error for ``response``, or None when it is not an error."""
        status = response.status_code
        if status < 300:
            return None
        if status == 404 and entity is not None:
            return ApiError.not_found(entity, ident, field)
        text = self.text(response)
        read = response.request.method in ("GET", "HEAD")
        for rule in self.rules:
            if rule.matches(status, text, read):
                message = rule.message.format(text=text or rule.default.format(status=status),
                                              status=status)
                return self._error(rule.code, message, rule.prefix)
        if status == 404:
            return self._error(ReturnCode.PLATFORM_ERROR, self.not_found_text, True)
        return self._error(ReturnCode.PLATFORM_ERROR, text or f"HTTP {status}.", True)

    def check(self, response: httpx.Response, *, entity: str | None = None,
              ident: Any = None, field: str = "id") -> httpx.Response:
        """``response`` when it is not an error; else the contract error is raised."""
        error = self.error(response, entity=entity, ident=ident, field=field)
        if error is not None:
            raise error
        return response

    def _error(self, code: ReturnCode, message: str, prefix: bool) -> ApiError:
        return ApiError(code, f"{self.platform} error message: {message}" if prefix else message)


def limit_rule(platform: str) -> Rule:
    """429 after the retries: 7 ``"<Platform> request limit exceeded."``, as both clients say."""
    return Rule(429, ReturnCode.STORE_REQUEST_LIMIT, f"{platform} request limit exceeded.",
                prefix=False)

