"""Request context, answers and error bodies of the simulated Shopify Admin REST API.

Error bodies follow Shopify's: ``{"errors": "Not Found"}`` (404), ``{"errors": {"title":
["can't be blank"]}}`` (422), ``{"errors": {"product": "Required parameter missing or
invalid"}}`` (400, the resource key missing from the body). A body that is not JSON, or sent
without a JSON ``Content-Type``, cannot carry the resource key, so it gets that same 400: the
status Shopify's response-code page gives for "bad syntax or the Content-Type header wasn't
correctly set to application/json".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .sim_store import ShopData, SimulatedShop

#: The documented message of a request over the bucket.
THROTTLED = ("Exceeded 2 calls per second for api client. Reduce request rates to resume "
             "uninterrupted service.")
UNAUTHORIZED = "[API] Invalid API key or access token (unrecognized login or wrong password)"
#: Variants refuse stock writes since API 2019-10 (400, and ``error``, singular).
INVENTORY_WRITE = ("Write requests to inventory_quantity and inventory_quantity_adjustment are "
                   "no longer supported. Please use the Inventory Levels API.")


class ApiError(Exception):
    """An error answer: ``status`` and the whole JSON body."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body


class Invalid(ApiError):
    """422 with Rails-style field errors: ``{"errors": {"field": ["message", ...]}}``."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(422, {"errors": errors})
        self.errors = errors


def not_found() -> ApiError:
    return ApiError(404, {"errors": "Not Found"})


def bad_param(name: str, message: str) -> ApiError:
    return ApiError(400, {"errors": {name: message}})


def check(errors: dict[str, list[str]]) -> None:
    """Raise :class:`Invalid` when any error was collected."""
    if errors:
        raise Invalid(errors)


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Ctx:
    """One authenticated request, as resource handlers see it."""

    shop: SimulatedShop
    method: str
    version: str
    path: str  # below /admin/api/{version}/, without ".json"
    params: dict[str, str]
    body: bytes = b""
    content_type: str = ""

    @property
    def data(self) -> ShopData:
        return self.shop.data

    @property
    def base_url(self) -> str:
        return f"https://{self.shop.domain}/admin/api/{self.version}"

    def json_body(self) -> Any:
        media = self.content_type.split(";")[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            return None
        try:
            return json.loads(self.body) if self.body.strip() else None
        except ValueError:
            return None

    def payload(self, key: str) -> dict[str, Any]:
        """The object under ``key`` in the JSON body, or the 400 Shopify answers without it."""
        body = self.json_body()
        inner = body.get(key) if isinstance(body, dict) else None
        if not isinstance(inner, dict):
            raise ApiError(400, {"errors": {key: "Required parameter missing or invalid"}})
        return inner
