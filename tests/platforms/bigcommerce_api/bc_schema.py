"""Outside truth for the BigCommerce simulator: every answer checked against BigCommerce's own
OpenAPI files (``reference/platforms/bigcommerce``: catalog, customers, orders v2, webhooks).

    app = validated(sim.app)            # an ASGI app: each answer is checked as it is sent
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)

The operation is found from the request (``/stores/{hash}/v3`` or ``/v2`` and the path
template of a file's ``paths``), the response from the status (exact, then ``4XX``, then
``default``), and the body is validated with openapi-schema-validator's OAS 3.0 read
validator (``nullable``, ``readOnly``; ``$ref`` resolved by ``referencing`` inside the
file). A status the operation does not declare (401, 403, 429, a 422 of a read) is checked
against the error shape its file documents: v3 ``error_Full``/``errorDetailed_Full``
(``{status, title, type, errors}``), v2 the array of ``{status, message}``. A path no file
declares fails the check, except the few operations of BigCommerce's API that these files
leave out (product options, modifiers), which are checked against the components the files
give for them. A 204 must be empty. Everything checked is counted in :data:`CHECKED`.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30WriteValidator,
    oas30_format_checker,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REFERENCE = Path(os.environ.get("ANYCART_SHARED_DIR", Path(__file__).resolve().parents[4]
                                / "shared")) / "reference" / "platforms" / "bigcommerce"
FILES = ("products_catalog.v3.json", "product-variants_catalog.v3.json",
         "categories_catalog.v3.json", "category-trees_catalog.v3.json",
         "brands_catalog.v3.json", "customers.v3.json", "orders.v2.oas2.json",
         "webhooks.v3.json")
#: Operations of the live API that the files leave out: (version, path template) -> (file,
#: the component a 2xx ``data`` holds); a GET of the collection answers a list of them, the
#: other verbs one (a DELETE nothing).
EXTRA: dict[tuple[str, str], tuple[str, str]] = {
    ("v3", "/catalog/products/{product_id}/options"):
        ("products_catalog.v3.json", "productOption_Base"),
    ("v3", "/catalog/products/{product_id}/options/{option_id}"):
        ("products_catalog.v3.json", "productOption_Base"),
    ("v3", "/catalog/products/{product_id}/modifiers"):
        ("products_catalog.v3.json", "productModifier_Full"),
    ("v3", "/catalog/products/{product_id}/modifiers/{modifier_id}"):
        ("products_catalog.v3.json", "productModifier_Full"),
}
#: v2 coupons (BigCommerce's ``marketing.v2`` file, not among the reference files yet): the
#: coupon as the coupons docs describe it, for ``/coupons`` (a list), ``/coupons/{id}`` and a
#: POST (one), ``/coupons/count``; errors in v2's shape, a 204 empty.
COUPON_SCHEMA: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "required": ["id", "name", "code", "type", "amount", "applies_to", "enabled", "expires",
                 "num_uses", "max_uses", "max_uses_per_customer", "date_created"],
    "properties": {
        "id": {"type": "integer"}, "name": {"type": "string", "maxLength": 100},
        "code": {"type": "string", "maxLength": 50},
        "type": {"enum": ["per_item_discount", "percentage_discount", "per_total_discount",
                          "shipping_discount", "free_shipping", "promotion"]},
        "amount": {"type": "string"}, "min_purchase": {"type": "string"},
        "expires": {"type": "string"}, "enabled": {"type": "boolean"},
        "applies_to": {"type": "object", "required": ["entity", "ids"], "properties": {
            "entity": {"enum": ["products", "categories"]},
            "ids": {"type": "array", "items": {"type": "integer"}}}},
        "num_uses": {"type": "integer"}, "max_uses": {"type": "integer"},
        "max_uses_per_customer": {"type": "integer"},
        "restricted_to": {"anyOf": [{"type": "object"}, {"type": "array"}]},
        "shipping_methods": {"type": "array", "nullable": True}, "date_created": {"type": "string"}}}
COUPON_PATHS = {re.compile(r"^/coupons/?$"): {"type": "array", "items": COUPON_SCHEMA},
                re.compile(r"^/coupons/\d+$"): COUPON_SCHEMA,
                re.compile(r"^/coupons/count$"): {
                    "type": "object", "required": ["count"],
                    "properties": {"count": {"type": "integer", "minimum": 0}}}}
#: Where BigCommerce's files are stricter than BigCommerce: (method, path template, the
#: validator keyword, the instance path) not held against an answer. The hooks list declares
#: ``minItems: 1``, yet a store without hooks answers ``"data": []``.
TOLERATED = {("GET", "/hooks", "minItems", ("data",))}
#: (method, status, path) of every answer checked, for tests that the suite covers enough
CHECKED: Counter[tuple[str, int, str]] = Counter()
_PREFIX = re.compile(r"^/stores/[^/]+/(v2|v3)(/.*)$")


@dataclass(frozen=True)
class Operation:
    file: str
    version: str
    template: str
    method: str
    spec: dict[str, Any]

    @property
    def pointer(self) -> str:
        return "#/paths/" + self.template.replace("~", "~0").replace("/", "~1") + \
            "/" + self.method


@cache
def _doc(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((REFERENCE / name).read_text(), object_hook=_nullable)
    return doc


def _nullable(node: dict[str, Any]) -> dict[str, Any]:
    """Parts of the files converted from Swagger 2 still say ``x-nullable``, its spelling of
    OpenAPI 3's ``nullable`` (the shop-wide variants list does)."""
    if node.get("x-nullable") is True:
        node["nullable"] = True
    return node


@cache
def _registry() -> Registry:  # type: ignore[type-arg]
    return Registry().with_resources(  # type: ignore[no-any-return]
        (f"bc:{name}", Resource.from_contents(_doc(name), default_specification=DRAFT4))
        for name in FILES)


def _version(name: str) -> str:
    return "v2" if ".v2." in name else "v3"


@cache
def _operations() -> list[tuple[re.Pattern[str], Operation]]:
    out = []
    for name in FILES:
        for template, item in _doc(name)["paths"].items():
            for method, spec in item.items():
                if method in ("get", "put", "post", "delete"):
                    out.append((_pattern(template), Operation(name, _version(name), template,
                                                              method, spec)))
    # literal segments first: /orders/count before /orders/{order_id}
    out.sort(key=lambda p: p[1].template.count("{"))
    return out


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")


def find(method: str, path: str) -> Operation | tuple[str, str, str] | None:
    """The operation of the files serving ``method path``; for EXTRA ones (file, component,
    "list" or "one")."""
    m = _PREFIX.match(path)
    if m is None:
        return None
    version, rest = m.group(1), m.group(2).rstrip("/") or "/"
    for pattern, op in _operations():
        if op.version == version and op.method == method.lower() and pattern.match(rest):
            return op
    for (ver, template), (file, component) in EXTRA.items():
        if ver == version and _pattern(template).match(rest):
            listed = method.upper() == "GET" and not template.endswith("}")
            return file, component, "list" if listed else "one"
    return None


def _validate(file: str, pointer: str, body: Any, where: str,
              tolerated: set[tuple[str, tuple[Any, ...]]] | None = None) -> None:
    """Validate ``body`` against the schema at ``pointer`` (``#/...``) of ``file``."""
    _check_with({"$ref": f"bc:{file}{pointer}"}, body, where, tolerated)


def _check_with(schema: dict[str, Any], body: Any, where: str,
                tolerated: set[tuple[str, tuple[Any, ...]]] | None = None,
                write: bool = False) -> None:
    validator = (OAS30WriteValidator if write else OAS30ReadValidator)(
        schema, registry=_registry(), format_checker=oas30_format_checker)
    errors = sorted((e for e in validator.iter_errors(body) if (
        str(e.validator), tuple(e.absolute_path)) not in (tolerated or set())
        and not _ambiguous(e)), key=lambda e: list(e.absolute_path))
    if errors:
        raise AssertionError(f"{where}: {len(errors)} error(s): " + "; ".join(
            f"{e.message[:160]} at {list(e.absolute_path)}" for e in errors[:4]))


def _ambiguous(error: Any) -> bool:
    """A ``oneOf`` whose branches all take any object (the files' JSON and multipart forms
    of one image, two shapes without required fields): an answer fitting more than one
    branch still has the documented shape, so only "valid under none" counts."""
    return str(error.validator) == "oneOf" and "is valid under each of" in error.message


def _error_schema(version: str, body: Any) -> tuple[str, str]:
    if version == "v2":
        return "orders.v2.oas2.json", "#/components/responses/404_Resp/content/" \
                                      "application~1json/schema"
    detailed = isinstance(body, dict) and "errors" in body
    return "webhooks.v3.json", "#/components/schemas/" + (
        "errorDetailed_Full" if detailed else "error_Full")


def check(method: str, path: str, status: int, body: bytes, content_type: str = "") -> None:
    """Raise AssertionError unless the answer fits its operation in BigCommerce's files."""
    where = f"{method} {path} -> {status}"
    if _coupons(method, path, status, body, where):
        return
    op = find(method, path)
    if op is None:
        # an undeclared path is fine only as BigCommerce's own 404/405 for it
        assert status in (404, 405), f"{where}: no operation in BigCommerce's files"
        m = _PREFIX.match(path)
        _validate(*_error_schema(m.group(1) if m else "v3", None), _json(body, where), where)
        return
    CHECKED[(method.upper(), status, op.template if isinstance(op, Operation) else path)] += 1
    if status == 204:
        assert body == b"", f"{where}: a 204 with a body"
        return
    data = _json(body, where)
    if isinstance(op, tuple):
        file, component, shape = op
        if status >= 300:
            _validate(*_error_schema("v3", data), data, where)
            return
        item = {"$ref": f"bc:{file}#/components/schemas/{component}"}
        _check_with({"type": "object", "required": ["data"], "properties": {
            "data": {"type": "array", "items": item} if shape == "list" else item}},
            data, where)
        return
    responses = op.spec.get("responses", {})
    code = next((c for c in (str(status), f"{str(status)[0]}XX") if c in responses),
                "default" if status >= 300 and "default" in responses else None)
    pointer = _json_pointer(op, code) if code else None
    if pointer is None:
        assert status >= 300 or code is None, f"{where}: status not declared by the operation"
        _validate(*_error_schema(op.version, data), data, where)
        return
    _validate(op.file, pointer, data, where, {
        (rule, at) for verb, template, rule, at in TOLERATED
        if verb == method.upper() and template == op.template})


def _coupons(method: str, path: str, status: int, body: bytes, where: str) -> bool:
    """Check a v2 coupons answer against :data:`COUPON_PATHS`; False for any other path."""
    m = _PREFIX.match(path)
    rest = m.group(2) if m and m.group(1) == "v2" else ""
    schema = next((v for k, v in COUPON_PATHS.items() if k.match(rest)), None)
    if schema is None:
        return False
    CHECKED[(method.upper(), status, "/v2/coupons")] += 1
    if status == 204:
        assert body == b"", f"{where}: a 204 with a body"
    elif status >= 300:
        _validate(*_error_schema("v2", None), _json(body, where), where)
    else:
        one = COUPON_SCHEMA if method.upper() == "POST" else schema
        _check_with(one, _json(body, where), where)
    return True


def _json_pointer(op: Operation, code: str) -> str | None:
    """The pointer to the JSON schema of response ``code`` (through a response $ref)."""
    pointer = f"{op.pointer}/responses/{code}"
    response = op.spec["responses"][code]
    while "$ref" in response:
        pointer = response["$ref"]
        target: Any = _doc(op.file)
        for part in pointer.removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        response = target
    for media, spec in (response.get("content") or {}).items():
        if "json" in media and "schema" in spec:
            return f"{pointer}/content/{media.replace('/', '~1')}/schema"
    return None


def _json(body: bytes, where: str) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        raise AssertionError(f"{where}: not JSON: {body[:200]!r}") from None


def check_request(method: str, path: str, body: bytes) -> None:
    """Raise AssertionError unless a JSON body fits the request schema of its operation (a
    write the simulator took must be one BigCommerce's files describe)."""
    op = find(method, path)
    if not isinstance(op, Operation) or not body.strip():
        return
    content = op.spec.get("requestBody", {})
    pointer = f"{op.pointer}/requestBody"
    while "$ref" in content:
        pointer = content["$ref"]
        content = _resolve(op.file, pointer)
    media = next((m for m in content.get("content", {}) if "json" in m), None)
    if media is None:
        return
    where = f"request {method} {path}"
    _check_with({"$ref": f"bc:{op.file}{pointer}/content/{media.replace('/', '~1')}/schema"},
                _json(body, where), where, write=True)


def _resolve(file: str, pointer: str) -> Any:
    target: Any = _doc(file)
    for part in pointer.removeprefix("#/").split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return target


def validated(app: ASGIApp, on_error: Callable[[AssertionError], None] | None = None,
              requests: bool = False) -> ASGIApp:
    """``app`` with every answer checked by :func:`check` once its body is complete, and
    (``requests``) the body of every request answered 2xx by :func:`check_request` (the
    simulator took a write the files do not describe: too lenient, or the sender is off);
    a mismatch raises (the request fails in the test) unless ``on_error`` takes it."""
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        status, chunks, ctype, sent = 0, [], "", []

        async def reading() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                sent.append(message.get("body", b""))
            return message

        async def recording(message: Message) -> None:
            nonlocal status, ctype
            if message["type"] == "http.response.start":
                status = message["status"]
                ctype = dict(message.get("headers", [])).get(b"content-type", b"").decode()
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    try:
                        check(scope["method"], scope["path"], status, b"".join(chunks), ctype)
                        if requests and 200 <= status < 300:
                            check_request(scope["method"], scope["path"], b"".join(sent))
                    except AssertionError as err:
                        if on_error is None:
                            raise
                        on_error(err)
            await send(message)

        await app(scope, reading, recording)
    return wrapped


def check_push(payload: Any) -> None:
    """Raise AssertionError unless a webhook push fits the payload schema its scope has in
    ``webhooks.v3.json`` (``store/order/statusUpdated`` -> ``store_order_statusUpdated``:
    the base ``{scope, store_id, data, hash, created_at, producer}`` and that event's
    ``data``)."""
    assert isinstance(payload, dict) and isinstance(payload.get("scope"), str), payload
    name = payload["scope"].replace("/", "_")
    assert name in _doc("webhooks.v3.json")["components"]["schemas"], f"no schema for {name}"
    _validate("webhooks.v3.json", f"#/components/schemas/{name}", payload,
              f"push {payload['scope']}")
    CHECKED[("PUSH", 0, payload["scope"])] += 1


BASE = "https://api.bigcommerce.com"


def checked_client(app: ASGIApp, token: str | None = None, **options: Any) -> Any:
    """An ``httpx.AsyncClient`` on ``app`` whose every answer, and every request answered
    2xx, is checked (:func:`validated`), sending ``X-Auth-Token: token`` when given."""
    import httpx

    headers = {"X-Auth-Token": token} if token else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=validated(app, requests=True)),
                             base_url=BASE, headers=headers, **options)
