"""Validate AnyCart's answers against the contract's response schemas (OpenAPI 3.0).

The schemas are the ones ``/openapi.json`` serves (``catalogue.response_schemas``), with 3.0's
``nullable`` turned into JSON Schema's ``null`` type; properties the contract does not list are
allowed, as in the contract.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema
from referencing import Registry, Resource

from anycart.contract.catalogue import load_catalogue

_PREFIX = "#/components/schemas/"


def _nullable(node: Any) -> Any:
    if isinstance(node, list):
        return [_nullable(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _nullable(v) for k, v in node.items() if k not in ("nullable", "example")}
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    if "$ref" in out:
        out["$ref"] = "urn:schema:" + out["$ref"].removeprefix(_PREFIX)
    return out


@cache
def _registry() -> Registry:
    schemas = load_catalogue().response_schemas
    return Registry().with_resources(
        (f"urn:schema:{name}", Resource.from_contents(_nullable(s), default_specification=
                                                      jsonschema.Draft7Validator.META_SCHEMA
                                                      and _draft7()))
        for name, s in schemas.items())


def _draft7():
    from referencing.jsonschema import DRAFT7
    return DRAFT7


def violations(method: str, answer: dict[str, Any]) -> list[str]:
    """Where ``answer`` (an envelope of ``method``) breaks the contract: ``path: message``."""
    op = load_catalogue().get(method)
    assert op is not None and op.response, method
    validator = jsonschema.Draft7Validator({"$ref": f"urn:schema:{op.response}"},
                                           registry=_registry())
    # list indexes as ``*``: one line per kind of violation, not per record
    return sorted({"/".join("*" if isinstance(p, int) else str(p) for p in e.absolute_path)
                   + ": " + e.message[:160] for e in validator.iter_errors(answer)})


#: Read methods checked on each platform: (method, id parameter of its ``.info``, list key).
READS = (("product", "id"), ("category", "id"), ("customer", "id"), ("order", "order_id"))


async def read_violations(env: Any) -> dict[str, list[str]]:
    """Call the read methods with ``params=force_all`` on a connected gateway env; what each
    answer breaks of the contract (methods the platform does not serve are skipped)."""
    found: dict[str, list[str]] = {}

    async def check(method: str, params: dict[str, Any]) -> dict[str, Any]:
        answer = await env.call(method, {"params": "force_all", **params})
        if answer["return_code"] != 120:
            assert answer["return_code"] == 0, (method, answer)
            found[method] = violations(method, answer)
        return answer

    await check("cart.info", {})
    for entity, id_param in READS:
        listed = await check(f"{entity}.list", {"count": 5})
        items = listed["result"].get(entity) or []
        assert items, (entity, listed)
        ident = items[0].get("id") or items[0].get("order_id")
        await check(f"{entity}.info", {id_param: ident})
        if entity == "order":
            await check("order.shipment.list", {"order_id": ident})
        if entity == "product":
            await check("product.child_item.list", {"product_id": ident})
    return {m: v for m, v in found.items() if v}
