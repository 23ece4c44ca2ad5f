"""sandbox.jsontypes.problems: a JSON body against field declarations, lenient (schema
servers sanitizing) or strict (Play JSON)."""

from __future__ import annotations

from anycart.sandbox.jsontypes import fits, mistyped, problems

TEMPLATE = {"name": "", "price": 0.0, "stock": 0, "visible": False, "tags": [],
            "billing": {"email": "", "zip": ""}, "note": None}


def test_lenient_takes_numeric_texts_strict_does_not() -> None:
    assert fits("12.5", "number") and fits("3", "integer") and fits("true", "boolean")
    assert not fits("12.5", "number", strict=True) and not fits("true", "boolean", True)
    assert fits(7.0, "integer", strict=True) and fits(7, "number", strict=True)
    assert not fits(7.5, "integer", strict=True) and not fits(True, "integer", strict=True)


def test_every_problem_by_label() -> None:
    body = {"name": 5, "stock": "many", "kind": "x", "tags": ["a", 2], "billing": {"email": 1},
            "visible": True, "note": 3}
    assert problems(body, TEMPLATE, required=("name", "price"), choices={"kind": ("y",)},
                    items={"tags": "string"}) == {
        "price": "missing", "name": "string", "stock": "integer", "kind": "enum",
        "tags[1]": "string", "billing[email]": "string"}


def test_strict_dotted_labels_without_nesting() -> None:
    found = problems({"price": "9", "billing": {"email": 1}}, TEMPLATE, "items[0].",
                     strict=True, nested=False, joined=str.__add__)
    assert found == {"items[0].price": "number"}


def test_mistyped_is_the_first_problem() -> None:
    assert mistyped({"billing": {"zip": 9}}, TEMPLATE) == ("billing[zip]", "string")
    assert mistyped({"name": "ok", "note": 3}, TEMPLATE) is None
    assert mistyped({"note": 3}, TEMPLATE, nullable=lambda n: "string") == ("note", "string")
