"""SubRecords over a small platform keeping variants under their product's path: the add's
body from the field map and its answer, an update of only what the call gives, a delete with
its query, 114 without the parent, 112 for an unknown record or parent."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import Field, number
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.subrecords import SubRecords
from anycart.transport.http import HttpLayer

HOST = "variants.example"


def site(log: list) -> Starlette:
    variants = {(1, 5): {"id": 5, "sku": "A", "weight": "2"}}

    async def many(request: Request) -> Response:
        pid = int(request.path_params["pid"])
        if pid != 1:
            return JSONResponse({"code": "invalid_product"}, 404)
        body = await request.json()
        log.append(("POST", body))
        variants[(pid, 6)] = {"id": 6, **body}
        return JSONResponse(variants[(pid, 6)], 201)

    async def one(request: Request) -> Response:
        key = (int(request.path_params["pid"]), int(request.path_params["id"]))
        if key not in variants:
            return JSONResponse({"code": "invalid_id"}, 404)
        if request.method == "DELETE":
            log.append(("DELETE", str(request.url.query)))
            return JSONResponse(variants.pop(key))
        body = await request.json()
        log.append(("PUT", body))
        variants[key].update(body)
        return JSONResponse(variants[key])

    return Starlette(routes=[Route("/p/{pid}/v", many, methods=["POST"]),
                             Route("/p/{pid}/v/{id}", one, methods=["PUT", "DELETE"])])


VARIANT = Entity(name="product.child_item", label="Variant", path="v", id_field="id", verbs=(),
                 fields=(Field("sku", "sku", param="sku"),
                         Field("weight", "weight", number, param="weight", write=str),
                         Field(None, "regular_price", param="price", write=lambda v: f"{float(v):.2f}")))
VARIANTS = SubRecords("product.variant", Resource("p/{product_id}/v", "", wrap="", suffix="",
                                                  label="Variant", parent="Product"),
                      VARIANT, "product_variant_id", delete_query={"force": True})


@pytest.fixture
def env():
    log: list = []
    layer = HttpLayer()
    layer.mount(HOST, site(log))
    connector = SimpleNamespace(rest=RestClient(layer, f"https://{HOST}/", platform="Acme"),
                                same_as_default={})
    return connector, log


async def test_add_update_delete(env):
    c, log = env
    added = await VARIANTS.add(c, Call("product.variant.add", {"product_id": "1", "sku": "B",
                                                               "price": 3, "model": "B"}))
    assert added == {"product_variant_id": "6"} and log[-1] == ("POST", {"sku": "B", "regular_price": "3.00"})
    # weight=0 is the contract's body default of product.variant.update: not given, not written
    await VARIANTS.update(c, Call("product.variant.update", {"product_id": "1", "id": "5", "price": 4,
                                                             "weight": 0}))
    assert log[-1] == ("PUT", {"regular_price": "4.00"})
    await VARIANTS.delete(c, Call("product.variant.delete", {"product_id": "1", "id": "5"}))
    assert log[-1] == ("DELETE", "force=true")


async def test_refusals(env):
    c, _ = env
    with pytest.raises(ApiError) as parent:
        await VARIANTS.update(c, Call("product.variant.update", {"id": "5", "price": 1}))
    assert (parent.value.code, parent.value.message) == (114, "Parameter 'product_id' is required.")
    with pytest.raises(ApiError) as unknown:
        await VARIANTS.delete(c, Call("product.variant.delete", {"product_id": "1", "id": "9"}))
    assert (unknown.value.code, unknown.value.message) == (112, "Variant with id 9 not found")
    with pytest.raises(ApiError) as nothing:
        await VARIANTS.update(c, Call("product.variant.update", {"product_id": "1", "id": "5"}))
    assert nothing.value.code == 110
    applied = VARIANTS.methods()
    assert applied["product.variant.delete"][1] == {"product_id", "id"}
    assert applied["product.variant.update"][1] == {"product_id", "id", "sku", "weight", "price"}
