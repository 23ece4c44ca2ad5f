"""Derive AnyCart's method catalogue from the API2Cart v1.1 contract.

    python tools/build_catalogue.py [../shared/reference/api2cart-openapi-1.1.yaml]

Writes ``anycart/contract/catalogue.json``: every operation with its HTTP method, its query
parameters (type, enum, default, required) and its request body schema (refs resolved), plus
the response schemas the served OpenAPI needs. The runtime reads only this file, so AnyCart
does not depend on the 1.6 MB contract being beside it; ``tests/test_catalogue.py`` checks
the two stay in sync.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared" / "reference" / "api2cart-openapi-1.1.yaml"
OUT = ROOT / "anycart" / "contract" / "catalogue.json"

_KEEP = {"type", "properties", "items", "required", "enum", "default", "minItems", "maxItems",
         "maxLength",
         "nullable", "format", "minimum", "maximum", "description", "additionalProperties",
         "$ref", "oneOf", "anyOf", "allOf"}


# The contract's prose speaks of the hosted service ("your API2Cart account"); AnyCart serves
# the same wire contract itself, so its catalogue speaks of AnyCart. Names of third-party
# artefacts ("the Api2Cart.Connector plugin") are left as they are.
_VENDOR = re.compile(r"\b(?:API2Cart|api2cart)\b(?!\.\w)")
_VENDOR_LINK = re.compile(r'<a href\s*=\s*\\?"https://api2cart\.com/docs/#/[^"\\]*\\?"\s*>\s*([\w.]+)\s*</a\s*>')


def _anycart(text: str) -> str:
    text = _VENDOR_LINK.sub(r'<a href="/docs#\1">\1</a>', text)
    return _VENDOR.sub("AnyCart", text)


def _short(text: str | None) -> str | None:
    """The whole description on one line, in AnyCart's words (never cut: /docs shows it all)."""
    if not text:
        return None
    return _anycart(" ".join(str(text).split()))


def _clean(node: Any) -> Any:
    """Drop examples and long prose; keep what validation and the served OpenAPI use."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                out[key] = {name: _clean(prop) for name, prop in value.items()}
            elif key in _KEEP:
                out[key] = _short(value) if key == "description" else _clean(value)
        return out
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


def _resolve(node: Any, schemas: dict[str, Any], stack: tuple[str, ...] = ()) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            name = ref.rsplit("/", 1)[-1]
            if name in stack:  # recursive schema: stop at an untyped object
                return {"type": "object"}
            return _resolve(schemas[name], schemas, (*stack, name))
        return {k: _resolve(v, schemas, stack) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, schemas, stack) for v in node]
    return node


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        if "$ref" in node:
            found.add(node["$ref"].rsplit("/", 1)[-1])
        for v in node.values():
            _refs(v, found)
    elif isinstance(node, list):
        for v in node:
            _refs(v, found)


def _list_keys(response: dict[str, Any], schemas: dict[str, Any]) -> dict[str, str]:
    """Where a list method's result keeps its items and its count (``product``, ``products_count``)."""
    result = _resolve(response, schemas).get("properties", {}).get("result", {})
    props = result.get("properties", {})
    keys = {}
    arrays = [k for k, v in props.items() if v.get("type") == "array"]
    counts = [k for k, v in props.items() if k.endswith("count") and v.get("type") == "integer"]
    if len(arrays) == 1:
        keys["items_key"] = arrays[0]
    if len(counts) == 1:
        keys["count_key"] = counts[0]
    return keys


def build(spec_path: Path) -> dict[str, Any]:
    spec = yaml.safe_load(spec_path.read_text())
    schemas = spec["components"]["schemas"]
    operations = []
    response_refs: set[str] = set()
    for path, methods in spec["paths"].items():
        for http_method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                param = {"name": p["name"], "type": schema.get("type", "string")}
                for key in ("enum", "default"):
                    if key in schema:
                        param[key] = schema[key]
                if schema.get("type") == "array":
                    param["items"] = schema.get("items", {}).get("type", "string")
                if p.get("required"):
                    param["required"] = True
                if p.get("description"):
                    param["description"] = _short(p["description"])
                params.append(param)
            body = None
            if "requestBody" in op:
                raw = op["requestBody"]["content"]["application/json"]["schema"]
                body = _clean(_resolve(raw, schemas))
            content = op["responses"]["200"].get("content", {})
            response = content.get("application/json", {}).get("schema", {})
            _refs(response, response_refs)
            list_keys = _list_keys(response, schemas)
            name = path.strip("/").rsplit(".", 1)[0]
            schemes = {key for req in op.get("security", []) for key in req}
            operations.append({
                "name": name,
                "path": path,
                "http_method": http_method.upper(),
                "operation_id": op.get("operationId"),
                "summary": op.get("summary", name),
                "description": _short(op.get("description")),
                "tags": op.get("tags", []),
                "params": params,
                "body": body,
                "response": response.get("$ref", "").rsplit("/", 1)[-1] or None,
                "response_format": "file" if path.endswith(".file") else "json",
                "needs_store": "StoreKeyAuth" in schemes,
                **list_keys,
            })
    # Close the response schemas over their references so the served OpenAPI is self-contained.
    pending, components = set(response_refs), {}
    while pending:
        name = pending.pop()
        if name in components:
            continue
        components[name] = _clean(schemas[name])
        more: set[str] = set()
        _refs(components[name], more)
        pending |= more - components.keys()
    return {
        "contract": {"title": spec["info"]["title"], "version": spec["info"]["version"]},
        "operations": operations,
        "response_schemas": dict(sorted(components.items())),
    }


def main() -> None:
    spec_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SPEC
    catalogue = build(spec_path)
    OUT.write_text(json.dumps(catalogue, separators=(",", ":"), sort_keys=False, default=str))
    print(f"{len(catalogue['operations'])} operations, "
          f"{len(catalogue['response_schemas'])} response schemas -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
