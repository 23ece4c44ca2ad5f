"""sandbox.scoped: a value per scope falling back to the default one."""

from __future__ import annotations

from anycart.sandbox.scoped import Overlay, pick, spread


def test_an_overlay_keeps_scope_values_beside_the_record() -> None:
    overlay = Overlay({"name", "price"}, default="all")
    record = {"id": 1, "name": "Shirt", "price": 10.0, "sku": "S1", "tags": ["a"]}
    assert overlay.save(1, "fr", {"name": "Chemise", "sku": "ignored"}) == {}
    seen = overlay.seen(1, "fr", record)
    assert seen["name"] == "Chemise" and seen["price"] == 10.0 and seen["sku"] == "S1"
    seen["tags"].append("b")
    assert record["tags"] == ["a"]  # a copy
    assert overlay.seen(1, "de", record)["name"] == "Shirt"
    assert overlay.value(1, "fr", "name", record) == "Chemise"
    assert overlay.value(1, "fr", "price", record) == 10.0
    # the default scope writes the record itself: its values are answered, not kept
    assert overlay.save(1, "all", {"name": "Tee", "sku": "x"}) == {"name": "Tee"}
    assert overlay.of(1, "all") == {}
    overlay.drop(1)
    assert overlay.of(1, "fr") == {}
    assert overlay.split({"name": 1, "sku": 2}) == ({"name": 1}, {"sku": 2})


def test_an_inline_value_per_scope() -> None:
    old = {"1": "Shirt", "2": "Chemise"}
    assert spread({"2": "Tunique", "9": "x"}, old, ["1", "2"]) == {"1": "Shirt", "2": "Tunique"}
    assert spread("Tee", old, ["1", "2"]) == {"1": "Tee", "2": "Tee"}
    assert spread(None, None, ["1", "2"]) == {"1": "", "2": ""}
    assert spread({"1": "A"}, None, ["1", "2"]) == {"1": "A", "2": ""}
    assert pick(old, "2") == "Chemise" and pick(old, "3", "1") == "Shirt"
    assert pick(old, "3") == "" and pick("plain", "3") == "plain"
