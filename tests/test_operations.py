"""Every one of the 171 contract operations answers, validates its parameters, and never 500s."""

from __future__ import annotations

import pytest

from anycart.contract.catalogue import Operation, load_catalogue

CATALOGUE = load_catalogue()
OPERATIONS = list(CATALOGUE)
_WRONG = {"integer": "not-a-number", "number": "abc", "boolean": "maybe"}


def test_catalogue_has_every_contract_operation():
    assert len(CATALOGUE) == 171
    assert {op.http_method for op in CATALOGUE} == {"GET", "POST", "PUT", "DELETE"}


def _required_names(op: Operation) -> list[str]:
    names = [p.name for p in op.params if p.required]
    if op.body:
        names += list(op.body.get("required", []))
    return names


def _typed_param(op: Operation) -> tuple[str, object] | None:
    """A parameter whose type can be violated, and a wrong value for it."""
    for p in op.params:
        if p.type in _WRONG:
            return p.name, _WRONG[p.type]
        if p.enum:
            return p.name, "no-such-value"
    for name, prop in (op.body or {}).get("properties", {}).items():
        kind = prop.get("type")
        if kind in _WRONG:
            return name, _WRONG[kind]
        if kind == "array":
            return name, "not-an-array"
        if prop.get("enum"):
            return name, "no-such-value"
    return None


def _sample(schema: dict) -> object:
    """A valid value for ``schema``: required properties filled, recursively."""
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type") or ("object" if "properties" in schema else "string")
    if kind == "object":
        props = schema.get("properties", {})
        return {k: _sample(props.get(k, {})) for k in schema.get("required", [])}
    if kind == "array":
        return [_sample(schema.get("items") or {})]
    return {"integer": 1, "number": 1.5, "boolean": True}.get(kind, "x")


async def _send(env, op: Operation, values: dict) -> tuple[int, dict]:
    path = f"/v1.1{op.path}"
    if op.body is not None:
        r = await env.client.request(op.http_method, path, params=env.keys, json=values)
    else:
        r = await env.client.request(op.http_method, path, params={**env.keys, **values})
    return r.status_code, r.json() if r.headers.get("content-type", "").startswith("application/json") else {}


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.name for op in OPERATIONS])
async def test_missing_required_parameter_is_named(sqlite_env, op: Operation):
    status, body = await _send(sqlite_env, op, {})
    assert status == 200
    assert set(body) >= {"return_code", "return_message", "result"}
    required = _required_names(op)
    if op.name.endswith(".batch"):
        # As API2Cart: an empty batch body is reported as the raw body missing.
        assert body["return_code"] == 109, body
        assert "'raw_body'" in body["return_message"]
    elif required:
        assert body["return_code"] == 114, body
        assert body["return_message"] == f"Parameter '{body['return_message'].split(chr(39))[1]}' is required."
        assert body["return_message"].split("'")[1] in required


#: Operations with a parameter that can be mistyped (the others take free text only).
TYPED = [op for op in OPERATIONS if _typed_param(op) is not None]


@pytest.mark.parametrize("op", TYPED, ids=[op.name for op in TYPED])
async def test_wrong_type_is_named(sqlite_env, op: Operation):
    typed = _typed_param(op)
    assert typed is not None
    name, wrong = typed
    # Fill the required parameters so the wrong-typed one is what gets reported.
    values: dict = {}
    for req in _required_names(op):
        param = op.param(req)
        prop = (op.body or {}).get("properties", {}).get(req) or {
            "type": param.type, **({"enum": list(param.enum)} if param.enum else {})}
        values[req] = _sample(prop)
    values[name] = wrong
    status, body = await _send(sqlite_env, op, values)
    assert status == 200, body
    assert body["return_code"] in (109, 114), body
    assert f"'{name}" in body["return_message"] or "is required" in body["return_message"], body


async def test_unknown_method_is_code_3(sqlite_env):
    body = await sqlite_env.call("product.teleport")
    assert body["return_code"] == 3
    assert "product.teleport" in body["return_message"]


async def test_unsupported_method_names_method_and_platform(sqlite_env):
    body = await sqlite_env.call("product.review.list", {"product_id": "1"})
    assert body["return_code"] == 120
    assert "product.review.list" in body["return_message"]
    assert "Memory test platform" in body["return_message"]
