"""One signed rate request to a shipping service's callback, under the FAQ's rules:

- 200 with a valid ``packages_rates`` (one entry per package sent): the answer;
- 200 with an empty or invalid body: wait ``retry_delay_s`` (2 s) and ask once more, then
  ``Bad Response. Field "rates->0->total_cost" has wrong type. It must be decimal``;
- 404: no retry; no answer within ``timeout_s`` (15 s): ``Callback <url> did not respond
  within 15 sec``, no retry. Every failure is an :class:`~anycart.errors.ApiError` 109.

Sent through AnyCart's guarded transport: the callback passes the SSRF guard on every
request (a DNS answer that changed since the service was created included).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx
from pydantic import ValidationError

from anycart.config import Settings
from anycart.errors import ApiError, ReturnCode
from anycart.transport.http import LOOPBACK_OK, HttpLayer

from . import signing
from .models import RateRequest, RatesAnswer, bad_response


@dataclass(frozen=True)
class Rules:
    """The FAQ's numbers; tests shorten them through ``Settings.shipping_*``."""

    timeout_s: float = 15.0
    retry_delay_s: float = 2.0

    @classmethod
    def of(cls, settings: Settings) -> Rules:
        return cls(settings.shipping_timeout_s, settings.shipping_retry_delay_s)


def failure(message: str) -> ApiError:
    return ApiError(ReturnCode.INCORRECT_VALUE, message)


def headers_for(service_id: int | None, now: float | None = None) -> dict[str, str]:
    """The ``X-Shipping-Service-*`` headers before the signature: a test request (no
    service yet) or a real one, which names its service."""
    stamp = {signing.TIMESTAMP: str(int(time.time() if now is None else now))}
    if service_id is None:
        return {signing.TEST_REQUEST: "1", **stamp}
    return {signing.SERVICE_ID: str(service_id), **stamp}


def _answer(response: httpx.Response, expected: int) -> RatesAnswer:
    """The answer of a 200, or :class:`ValueError` naming what is wrong with it."""
    if not response.content.strip():
        raise ValueError("Bad Response. The response is empty")
    try:
        answer = RatesAnswer.model_validate_json(response.content)
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            raise ValueError("Bad Response. The response is not valid JSON") from None
        raise ValueError(bad_response(exc)) from None
    if len(answer.packages_rates) != expected:
        raise ValueError(f"Bad Response. {expected} packages were sent, "
                         f"{len(answer.packages_rates)} packages_rates came back")
    return answer


async def ask(http: HttpLayer, url: str, request: RateRequest, key: str,
              service_id: int | None, rules: Rules = Rules()) -> RatesAnswer:
    """Send ``request`` signed with ``key`` to ``url``; the validated answer, or ApiError."""
    body = request.body()
    for attempt in (1, 2):
        headers = signing.with_signature(headers_for(service_id), body, key)
        try:
            async with asyncio.timeout(rules.timeout_s):
                response = await http.client.post(
                    url, content=body, timeout=rules.timeout_s, follow_redirects=False,
                    headers={**headers, "content-type": "application/json",
                             "accept": "application/json"},
                    extensions={LOOPBACK_OK: http.allow_loopback_callbacks})
        except (TimeoutError, httpx.TimeoutException):
            raise failure(f"Callback {url} did not respond within {rules.timeout_s:g} sec"
                          ) from None
        except httpx.HTTPError as exc:
            raise failure(f"Callback {url} could not be reached: {exc}") from None
        if response.status_code == 404:
            raise failure(f"Callback {url} answered 404 Not Found")
        if response.status_code != 200:
            raise failure(f"Callback {url} answered HTTP {response.status_code}")
        try:
            return _answer(response, len(request.packages))
        except ValueError as exc:
            if attempt == 2:
                raise failure(str(exc)) from None
        await asyncio.sleep(rules.retry_delay_s)
    raise AssertionError("unreachable")


__all__ = ["Rules", "ask", "failure", "headers_for"]
