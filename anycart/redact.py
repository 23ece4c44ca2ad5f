"""Secrets out of the logs: ``api_key=...``, ``store_key=...`` and any secret-like value.

Clients may send their keys as query parameters (the contract allows it), so uvicorn's access
log line ``"GET /v1.1/product.list.json?api_key=...&store_key=..."`` and httpx's request log
would keep them in clear. :func:`install` has every log record rewritten as it is made:
``name=value`` pairs (query strings, form bodies) and ``"name": "value"`` pairs (JSON) whose
name is a key, token, secret or password, and credential headers.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any
from urllib.parse import unquote_plus

MASK = "***"

_SECRET_WORD = r"(?:key|token|secret|password|passwd|signature)"
_SECRET_NAME = rf"[\w.-]*{_SECRET_WORD}[\w.-]*"
# name=value in a query string or form. The name is tested percent-decoded, as the server
# reads it: ``api_%6Bey=...`` authenticates like ``api_key=...``.
_NAME = re.compile(r"(?<![\w%.+-])([\w%.+-]+)=")
_VALUE = re.compile(r"[^&\s\"'#]+")
_SECRET_IN_NAME = re.compile(rf"(?i){_SECRET_WORD}")
# "name": "value" in JSON.
_JSON = re.compile(rf"(?i)(\"{_SECRET_NAME}\"\s*:\s*\")((?:[^\"\\]|\\.)*)(\")")
# Authorization-style headers written into a message.
_HEADER = re.compile(r"(?i)\b(x-api-key|x-store-key|authorization|x-shopify-access-token)"
                     r"(\s*[:=]\s*)([^\s,;]+(?: [^\s,;]+)?)")

def _mask_pairs(text: str) -> str:
    """Each ``name=value`` whose name is secret-like, value masked. A value that is not
    masked is scanned too (``store_url=https://x?password=...``)."""
    out, pos = [], 0
    while (name := _NAME.search(text, pos)) is not None:
        out.append(text[pos:name.end()])
        pos = name.end()
        value = _VALUE.match(text, pos)
        if value and _SECRET_IN_NAME.search(unquote_plus(name.group(1))):
            out.append(MASK)
            pos = value.end()
    out.append(text[pos:])
    return "".join(out)


def redact(text: str) -> str:
    text = _mask_pairs(text)
    text = _JSON.sub(rf"\g<1>{MASK}\g<3>", text)
    return _HEADER.sub(rf"\g<1>\g<2>{MASK}", text)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bytes):
        return redact(value.decode("utf-8", "replace"))
    return value


class RedactFilter(logging.Filter):
    """Rewrites the message and its arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.args:
            record.msg = redact(record.msg) if isinstance(record.msg, str) else record.msg
        else:
            # Arguments one by one first: formatters such as uvicorn's access log read them.
            if isinstance(record.args, tuple):
                record.args = tuple(_clean(a) for a in record.args)
            elif isinstance(record.args, dict):
                record.args = {k: _clean(v) for k, v in record.args.items()}
            # A secret may be an argument of "password=%s": then log the message redacted.
            try:
                message = record.getMessage()
            except (TypeError, ValueError):
                message = None
            if message is not None and redact(message) != message:
                record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            # Tracebacks may quote a URL: format them now, redacted.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


_FILTER = RedactFilter()


def install() -> None:
    """Redact every record this process creates, whatever logger or handler it goes to
    (a record factory: logger filters would miss records of child loggers). Idempotent."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "redacts", False):
        return

    def redacting(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        _FILTER.filter(record)
        return record

    redacting.redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(redacting)


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's default logging config with the filter on each of its handlers, for
    ``anycart serve`` and ``anycart demo`` (records that propagate from other loggers are
    redacted too)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact"] = {"()": RedactFilter}
    for handler in config.get("handlers", {}).values():
        handler.setdefault("filters", []).append("redact")
    return config
