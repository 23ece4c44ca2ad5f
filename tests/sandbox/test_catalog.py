"""Option axes and variants keyed by their values, list merges, positions and media links;
declared once Shopify-like (option1..3) and once as a two-attribute platform with its own
names, defaults and error texts."""

from __future__ import annotations

from typing import Any

from anycart.sandbox.catalog import (
    Measure,
    Media,
    Options,
    link_media,
    merge,
    one_default,
    place,
    renumber,
)
from anycart.sandbox.values import Errors

SHOPIFY = Options(slots=("option1", "option2", "option3"), max_variants=3)
#: a second platform: two attributes, variant "name" joined by ", ", no positions
TWO = Options(slots=("attribute_a", "attribute_b"), max_variants=10, default_name="Variant",
              default_value="Default", unnamed="Attribute {}", name_key="label",
              values_key="choices", title="name", joiner=", ", position=None,
              too_many=("attributes", "max {max}"), blank_name=("attributes", "label missing"),
              duplicate=("variations", "duplicate: {title}"),
              too_many_variants=("variations", "more than {max}"))


def _v(**values: Any) -> dict[str, Any]:
    return {"option1": None, "option2": None, "option3": None, **values}


def test_axes_are_named_and_variants_filled_titled_and_numbered() -> None:
    variants = [_v(option1="Red", option2="S"), _v(option1="Blue")]
    errors: Errors = {}
    axes = SHOPIFY.resolve([{"name": "Color"}, {"name": "Size", "values": ["M"]}], [],
                           variants, errors)
    assert errors == {}
    assert [(a.name, a.values) for a in axes] == [("Color", ["Red", "Blue"]), ("Size", ["S", "M"])]
    assert [(v["title"], v["position"]) for v in variants] == [("Red / S", 1), ("Blue / M", 2)]


def test_without_names_the_stored_ones_widen_to_every_used_slot() -> None:
    variants = [_v(option1="A", option3="x")]
    axes = SHOPIFY.resolve(None, ["Material"], variants, {})
    assert [a.name for a in axes] == ["Material", "Option2", "Option3"]
    assert variants[0]["option2"] == "Default Title"
    default = [_v()]
    assert [a.name for a in SHOPIFY.resolve(None, [], default, {})] == ["Title"]
    assert default[0]["title"] == "Default Title"


def test_slots_past_the_last_axis_are_blanked() -> None:
    variants = [_v(option1="A", option2="B")]
    SHOPIFY.resolve(["Only"], [], variants, {})
    assert variants[0]["option2"] is None and variants[0]["title"] == "A"


def test_limits_blank_names_and_duplicates_are_errors() -> None:
    errors: Errors = {}
    variants = [_v(option1="A"), _v(option1="A"), _v(option1="B"), _v(option1="C")]
    axes = SHOPIFY.resolve(["a", "", "c", "d"], [], variants, errors)
    assert len(axes) == 3
    assert errors == {"options": ["are too many (maximum is 3)", "name can't be blank"],
                      "base": ["The variant 'A / Default Title / Default Title' already exists."],
                      "variants": ["Exceeded maximum number of variants allowed (3)"]}


def test_a_second_declaration_uses_its_own_names_and_texts() -> None:
    variants: list[dict[str, Any]] = [{"attribute_a": "Red", "attribute_b": None},
                {"attribute_a": "Red", "attribute_b": "Default"}]
    errors: Errors = {}
    axes = TWO.resolve([{"label": "Colour"}, {"label": "Fit", "choices": ["Slim"]}], [],
                       variants, errors)
    assert [(a.name, a.values) for a in axes] == [("Colour", ["Red"]), ("Fit", ["Slim",
                                                                             "Default"])]
    assert [v["name"] for v in variants] == ["Red, Slim", "Red, Default"]
    assert "position" not in variants[0] and errors == {}
    variants.append({"attribute_a": "Red", "attribute_b": "Slim"})
    TWO.resolve(["x", "y", "z"], [], variants, errors)
    assert errors == {"attributes": ["max 2"], "variations": ["duplicate: Red, Slim"]}
    assert TWO.values(variants[0]) == ("Red", "Slim")
    unnamed: list[dict[str, Any]] = [{"attribute_a": None, "attribute_b": "b"}]
    assert [a.name for a in TWO.resolve(None, [], unnamed, {})] == ["Variant", "Attribute 2"]
    assert unnamed[0]["attribute_a"] == "Default"


def test_merge_updates_named_ids_creates_the_rest_and_drops_the_unnamed() -> None:
    stored = [{"id": 1, "v": "a"}, {"id": 2, "v": "b"}, {"id": 3, "v": "c"}]
    seen: list[Any] = []
    out = merge(stored, [{"id": "3", "v": "C"}, {"v": "new"}, {"id": 99}, "junk"],
                existing=lambda r, src, pos: {**r, "v": src["v"], "pos": pos},
                new=lambda src, pos: {"id": 10 + pos, "v": src.get("v")}
                if isinstance(src, dict) else None,
                unknown=lambda src, pos: seen.append(src["id"]))
    assert out == [{"id": 3, "v": "C", "pos": 1}, {"id": 12, "v": "new"}]
    assert seen == [99]
    # without ``unknown``, an id not stored is a new entry
    assert merge(stored, [{"id": 7}], existing=lambda r, s, p: r,
                 new=lambda s, p: {"id": "made"}) == [{"id": "made"}]


def test_place_and_renumber() -> None:
    items = [{"n": c} for c in "abc"]
    renumber(items)
    assert [i["position"] for i in items] == [1, 2, 3]
    place(items, items[2], 1)
    assert [(i["n"], i["position"]) for i in items] == [("c", 1), ("a", 2), ("b", 3)]
    new = {"n": "d"}
    place(items, new, None)
    assert items[-1] is new and new["position"] == 4
    place(items, new, 0)
    assert items[0] is new
    place(items, items[0], 40, field="sort")
    assert items[-1] is new and new["sort"] == 4


def test_link_media_one_image_per_variant_and_cleared_links() -> None:
    variants: list[dict[str, Any]] = [{"id": 1, "image_id": None}, {"id": 2, "image_id": 55},
                                      {"id": 3, "image_id": 9}]
    images = [{"id": 10, "variant_ids": []}, {"id": 11, "variant_ids": []}]
    errors: Errors = {}
    link_media(images, variants, {10: [1, 2], 11: ["2"]}, errors)
    assert errors == {}
    assert [v["image_id"] for v in variants] == [10, 11, None]  # 11 claimed 2 last; 9 is gone
    assert [i["variant_ids"] for i in images] == [[1], [2]]
    link_media(images, variants, {10: [404]}, errors)
    assert errors == {"variant_ids": ["is invalid"]}
    # a second naming: BigCommerce-like image_url on the variant side, own error text
    picks: list[dict[str, Any]] = [{"id": 5, "picture": None}]
    pics = [{"id": 7, "variants": []}]
    other: Errors = {}
    link_media(pics, picks, {7: [5]}, other, image_field="picture", ids_field="variants",
               invalid=("image", "bad variant"))
    assert picks[0]["picture"] == 7 and pics[0]["variants"] == [5]
    link_media(pics, picks, {7: "x"}, other, image_field="picture", ids_field="variants",
               invalid=("image", "bad variant"))
    assert other == {"image": ["bad variant"]}


def test_measure_keeps_value_and_base_in_step() -> None:
    weight = Measure()
    v = {"weight": 0.0, "grams": 0, "weight_unit": "kg"}
    errors: Errors = {}
    weight.apply(v, {"weight": 2, "weight_unit": "lb"}, errors)
    assert v == {"weight": 2.0, "grams": 907, "weight_unit": "lb"}
    weight.apply(v, {"grams": 500}, errors)
    assert v == {"weight": 1.102, "grams": 500, "weight_unit": "lb"}
    weight.apply(v, {"weight_unit": "g"}, errors)  # a new unit alone converts
    assert (v["weight"], v["grams"]) == (500.0, 500) and errors == {}
    weight.apply(v, {"weight_unit": "stone"}, errors)
    weight.apply(v, {"weight": 1e308, "weight_unit": "lb"}, errors)
    assert errors == {"weight_unit": ["is not included in the list"],
                      "weight": ["is not a number"]}
    assert v["weight_unit"] == "lb" and v["grams"] == 500  # the refused value left no trace


def test_a_second_measure_length_in_cm_or_in_with_millimetres() -> None:
    depth = Measure(value="depth", base="depth_mm", unit="length_unit",
                    units={"cm": 10.0, "in": 25.4}, digits=1, bad_unit="unknown unit")
    box = {"depth": 0.0, "depth_mm": 0, "length_unit": "cm"}
    errors: Errors = {}
    depth.apply(box, {"depth": 12.5}, errors)
    assert box == {"depth": 12.5, "depth_mm": 125, "length_unit": "cm"}
    depth.apply(box, {"length_unit": "in"}, errors)
    assert box["depth"] == 4.9 and box["depth_mm"] == 125
    depth.apply(box, {"length_unit": "kg"}, errors)
    assert errors == {"length_unit": ["unknown unit"]}


def test_media_url_from_src_or_a_base64_upload() -> None:
    media = Media("https://cdn.example/files")
    errors: Errors = {}
    assert media.url({"src": " https://x.example/a.png "}, 7, errors) == "https://x.example/a.png"
    assert media.url({"attachment": "aGk=", "filename": "hi.png"}, 7, errors) == \
        "https://cdn.example/files/hi.png?v=7"
    assert media.url({"attachment": "aGk="}, 8, errors) == "https://cdn.example/files/image.png?v=8"
    assert errors == {}
    for given in ("x", {"attachment": "@@"}, {}, {"src": "ftp://x"}):
        assert media.url(given, 1, errors) is None
    assert errors == {"image": ["is invalid", "attachment is not valid base64", "can't be blank",
                                "src is invalid"]}


def test_one_default_keeps_exactly_one_flagged() -> None:
    book = [{"id": 1, "default": False}, {"id": 2, "default": True}, {"id": 3}]
    assert one_default(book) is book[1] and [a["default"] for a in book] == [False, True, False]
    assert one_default(book, book[2]) is book[2] and [a["default"] for a in book] == [
        False, False, True]
    fresh = [{"id": 1}, {"id": 2}]
    assert one_default(fresh, flag="primary") is fresh[0] and fresh[1]["primary"] is False
    assert one_default([]) is None
