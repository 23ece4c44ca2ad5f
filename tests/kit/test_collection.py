"""kit.collection on Shelf: a product's notes added from a field map under their parent
(``products/<id>/notes``, the answer's id as a number), listed whole and paged here, deleted."""

from __future__ import annotations

import json

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.collection import Adds, Among, Changes, Deletes, Listed, Picked
from anycart.platforms.kit.fields import Field, same
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.serve import attach
from tests.kit.calls import call
from tests.kit.shelf import declared
from tests.kit.shelf import shelf as _shelf

NOTES = Resource("products/{product_id}/notes", "data", "data", wrap="", label="Note",
                 parent="Product", suffix="")
DECLARED = (Adds("customer.address.add", NOTES, (Field(None, "text", param="address1"),
                                                  Field(None, "town", param="city")),
                 required=("address1",), constant={"kind": "note"}, answer="note_id",
                 ident=same),
            Listed("basket.live_shipping_service.list", NOTES,
                   lambda r: {"id": str(r["id"]), "name": r.get("text")}),
            Deletes("basket.live_shipping_service.delete", NOTES, answer={"removed": 1}),
            Picked("tax.class.info", NOTES, lambda r: {"id": r.get("text"), "n": r["id"]},
                   "tax_class_id"))


Noted, APPLIED = declared(*DECLARED)


@pytest.fixture
async def shelf():
    async for pair in _shelf(Noted):
        yield pair


def test_applied_path_names_required_and_fields():
    assert {"customer.address.add": {"product_id", "address1", "city"},
                       "basket.live_shipping_service.list": {"product_id"},
                       "basket.live_shipping_service.delete": {"id", "product_id"},
                       "tax.class.info": {"tax_class_id", "product_id"}} == APPLIED
    with pytest.raises(TypeError):
        attach(type("Twice", (), {}), DECLARED[1], DECLARED[1])


async def test_add_list_delete(shelf):
    c, server = shelf
    for text in ("a", "b", "c"):
        made = await c.customer_address_add(call("customer.address.add", product_id="1",
                                                 address1=text))
    assert made == {"note_id": 103}  # the platform's id as it is (ident=same)
    assert json.loads(server.seen[-1].content) == {"text": "c", "kind": "note"}
    page = await c.basket_live_shipping_service_list(
        call("basket.live_shipping_service.list", start=1, count=1, product_id="1"))
    assert (page.items, page.total) == ([{"id": "102", "name": "b"}], 3)
    assert await c.basket_live_shipping_service_delete(
        call("basket.live_shipping_service.delete", product_id="1", id="102")) == {"removed": 1}
    assert list(server.rows["products/1/notes"]) == [101, 103]


async def test_required_and_unknown(shelf):
    c, server = shelf
    with pytest.raises(ApiError) as parent:
        await c.customer_address_add(call("customer.address.add", address1="x"))
    assert parent.value.code == 114 and "'product_id'" in parent.value.message
    with pytest.raises(ApiError) as text:
        await c.customer_address_add(call("customer.address.add", product_id="1"))
    assert text.value.code == 114 and "'address1'" in text.value.message
    assert server.seen == []
    with pytest.raises(ApiError) as gone:
        await c.basket_live_shipping_service_delete(
            call("basket.live_shipping_service.delete", product_id="9", id="1"))
    assert gone.value.message == "Product with id 9 not found"


async def test_picked_is_one_record_of_the_whole_collection_by_its_read_key(shelf):
    c, _ = shelf
    for text in ("standard", "reduced"):
        await c.customer_address_add(call("customer.address.add", product_id="1", address1=text))
    assert await c.tax_class_info(call("tax.class.info", product_id="1",
                                       tax_class_id="reduced")) == {"id": "reduced", "n": 102}
    with pytest.raises(ApiError) as gone:
        await c.tax_class_info(call("tax.class.info", product_id="1", tax_class_id="zero"))
    assert (gone.value.code, gone.value.message) == (112, "Note with id zero not found")
    with pytest.raises(ApiError) as required:
        await c.tax_class_info(call("tax.class.info", product_id="1"))
    assert required.value.code == 114


class Gathering(Noted):
    """Listed's ``under`` reads through the connector's ``gather``."""

    async def gather(self, aws):
        return [await a for a in aws]


Gathering.handwritten = attach(Gathering, Listed(
    "cart.shipping_zones.list", Resource("products", "data", "data", label="Product", suffix=""),
    lambda r: {"id": str(r["id"]), "notes": [n["text"] for n in r["_notes"]]},
    under=Among(NOTES, "_notes")))


async def test_listed_reads_the_records_under_each_one():
    async for c, server in _shelf(Gathering):
        for pid, text in ((1, "a"), (2, "b"), (1, "c")):
            await c.customer_address_add(call("customer.address.add", product_id=str(pid),
                                              address1=text))
        page = await c.cart_shipping_zones_list(call("cart.shipping_zones.list"))
        assert (page.items, page.total) == ([{"id": "1", "notes": ["a", "c"]},
                                             {"id": "2", "notes": ["b"]}], 2)
        assert [r.url.path for r in server.seen[-3:]] == [
            "/api/products", "/api/products/1/notes", "/api/products/2/notes"]


Changed, CHANGED = declared(
    Changes("order.shipment.update", NOTES, lambda p: {"text": p["admin_comment"]} if p.get("admin_comment") else {},
            frozenset({"admin_comment"}), param="shipment_id"),
    Deletes("order.shipment.delete", NOTES, {"deleted_items": 1}, param="shipment_id"))


async def test_changes_and_deletes_one_record_named_by_their_parameter():
    assert {"order.shipment.update": {"shipment_id", "product_id", "admin_comment"},
                       "order.shipment.delete": {"shipment_id", "product_id"}} == CHANGED
    async for c, server in _shelf(Changed):
        server.rows["products/1/notes"] = {7: {"id": 7, "text": "old"}}
        assert await c.order_shipment_update(call("order.shipment.update", product_id="1", shipment_id="7",
                                                  admin_comment="new")) == {"updated_items": 1}
        assert server.rows["products/1/notes"][7]["text"] == "new"
        with pytest.raises(ApiError) as nothing:
            await c.order_shipment_update(call("order.shipment.update", product_id="1", shipment_id="7"))
        assert nothing.value.code == 110
        with pytest.raises(ApiError) as gone:
            await c.order_shipment_update(call("order.shipment.update", product_id="1", shipment_id="8",
                                               admin_comment="x"))
        assert (gone.value.code, gone.value.message) == (112, "Note with id 8 not found")
        assert await c.order_shipment_delete(call("order.shipment.delete", product_id="1",
                                                  shipment_id="7")) == {"deleted_items": 1}
        assert server.rows["products/1/notes"] == {}
