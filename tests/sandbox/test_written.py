"""sandbox.jsontypes.written: a checked body into a record, typed as the template's (the
BigCommerce and WooCommerce simulators write every body with it)."""

from __future__ import annotations

from anycart.sandbox.jsontypes import written

TEMPLATE = {"id": 0, "name": "", "price": 0.0, "stock": 0, "active": False, "note": None,
            "address": {"city": "", "zip": ""}, "extra": {}, "tags": []}


def _record() -> dict:
    return {"id": 7, "name": "old", "price": 1.5, "stock": 3, "active": True, "note": "n",
            "address": {"city": "Paris", "zip": "75001"}, "extra": {"a": 1}, "tags": ["x"]}


def test_typed_as_the_template_read_only_and_unknown_fields_kept() -> None:
    record = _record()
    written(record, {"id": 9, "name": "new", "price": 10, "stock": 4.0, "active": "true",
                     "tags": ["y"], "unknown": 1}, TEMPLATE)
    assert record["id"] == 7 and "unknown" not in record
    assert record["price"] == 10.0 and isinstance(record["price"], float)
    assert record["stock"] == 4 and isinstance(record["stock"], int)
    assert record["active"] is True and record["tags"] == ["y"] and record["name"] == "new"


def test_objects_merge_and_nulls_as_the_platform_takes_them() -> None:
    record = _record()
    written(record, {"address": {"zip": "69001", "country": "FR"}, "note": None,
                     "extra": {"b": 2}}, TEMPLATE)
    assert record["address"] == {"city": "Paris", "zip": "69001", "country": "FR"}
    assert record["note"] is None and record["extra"] == {"a": 1, "b": 2}
    record = _record()  # WordPress: a null leaves the field, undeclared members are dropped
    written(record, {"address": {"zip": "69001", "country": "FR"}, "note": None,
                     "extra": {"b": 2}, "stock": "5"}, TEMPLATE, nulls=False,
            known_members=True)
    assert record["address"] == {"city": "Paris", "zip": "69001"} and record["note"] == "n"
    assert record["extra"] == {"b": 2} and record["stock"] == 5  # a free-form object replaced
