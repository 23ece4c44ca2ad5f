"""AnyCart's own OpenAPI document, generated from the method catalogue.

It follows the contract (same paths, parameters, bodies and response schemas), so generated
API2Cart SDKs and tools such as schemathesis work against it. It is written as OpenAPI 3.0
because the contract's schemas use 3.0's ``nullable``.
"""

from __future__ import annotations

from typing import Any

from anycart.contract.catalogue import Catalogue, Operation, Param

_ERROR_CODES_DOC = ("Errors are answered with HTTP 200 and a non-zero return_code "
                    "(see /docs for the table).")


def _parameter(p: Param) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": p.type}
    if p.type == "array":
        schema["items"] = {"type": p.items or "string"}
    if p.enum:
        schema["enum"] = list(p.enum)
    if p.default is not None:
        schema["default"] = p.default
    if p.name == "count":
        schema.update(minimum=0, maximum=250)
    if p.name == "start":
        schema["minimum"] = 0
    out = {"name": p.name, "in": "query", "required": p.required, "schema": schema,
           "style": "form", "explode": True}
    if p.description:
        out["description"] = p.description
    return out


def _operation(op: Operation) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "operationId": op.operation_id or op.name,
        "summary": op.summary,
        "tags": list(op.tags),
        "parameters": [_parameter(p) for p in op.params],
        "security": [{"ApiKeyAuth": [], "StoreKeyAuth": []}] if op.needs_store else [{"ApiKeyAuth": []}],
    }
    if op.description:
        doc["description"] = op.description
    if op.body is not None:
        doc["requestBody"] = {"required": True,
                              "content": {"application/json": {"schema": op.body}}}
    if op.response_format == "file":
        doc["responses"] = {"200": {"description": "file",
                                    "content": {"application/zip": {"schema": {"type": "string",
                                                                                "format": "binary"}}}}}
    else:
        schema = ({"$ref": f"#/components/schemas/{op.response}"} if op.response
                  else {"type": "object"})
        doc["responses"] = {"200": {"description": f"successful operation. {_ERROR_CODES_DOC}",
                                    "content": {"application/json": {"schema": schema}}}}
    return doc


def build_openapi(catalogue: Catalogue, server_url: str = "/v1.1") -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for op in catalogue:
        paths.setdefault(op.path, {})[op.http_method.lower()] = _operation(op)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "AnyCart",
            "version": catalogue.version,
            "description": "Self-hosted unified e-commerce API on the API2Cart v1.1 contract.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": catalogue.response_schemas,
            "securitySchemes": {
                "ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "x-api-key"},
                "StoreKeyAuth": {"type": "apiKey", "in": "header", "name": "x-store-key"},
            },
        },
    }
