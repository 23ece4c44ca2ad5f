"""Writes declared as data (sandbox.forms): rules, required and unique fields, slugs, hooks,
stamps, and an update that keeps nothing of an invalid body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from anycart.sandbox import values as v_
from anycart.sandbox.errors import SimError
from anycart.sandbox.forms import Form, Slug, Unique
from anycart.sandbox.table import Record, Table
from anycart.sandbox.templates import Template

TEMPLATE = Template("page", {"id": None, "title": "", "handle": "", "email": None,
                             "kind": "page", "created_at": None, "updated_at": None})


@dataclass
class Store:
    pages: Table = field(default_factory=Table)
    clock: int = 0

    def table(self, path: str) -> Table:
        assert path == "pages"
        return self.pages


@dataclass
class Call:
    tenant: Store


def _no_admin(call: Any, page: Record, body: Mapping[str, Any], errors: v_.Errors) -> None:
    if page["title"].lower() == "admin":
        v_.add(errors, "base", "Admin is reserved")


def _stamp(call: Call, stored: Record | None) -> str:
    call.tenant.clock += 1
    return f"t{call.tenant.clock}"


KEPT: list[tuple[Any, Any]] = []
FORM = Form("pages", TEMPLATE, rules={"title": v_.stripped, "email": v_.keep_none,
                                      "kind": v_.one_of("page", "post")},
            required=("title",), unique=(Unique("email"),), slug=Slug(), hooks=(_no_admin,),
            start=lambda call: {"id": len(call.tenant.pages) + 1}, stamp=_stamp,
            kept=lambda call, stored, page, body: KEPT.append((stored, page["id"])))


def _add(call: Call, body: dict[str, Any]) -> Record:
    page = FORM.create(call, body)
    call.tenant.pages[page["id"]] = page
    return page


def _errors(fn: Any, *args: Any) -> Any:
    with pytest.raises(SimError) as err:
        fn(*args)
    assert err.value.status == 422
    return err.value.body["errors"]  # type: ignore[index]


def test_create_starts_from_the_template_and_applies_the_rules() -> None:
    call = Call(Store())
    page = _add(call, {"title": " About us ", "email": "A@x.io", "ignored": 1})
    assert page == {"id": 1, "title": "About us", "handle": "about-us", "email": "A@x.io",
                    "kind": "page", "created_at": "t1", "updated_at": "t1"}
    assert _add(call, {"title": "About us"})["handle"] == "about-us-1"
    assert KEPT[-1] == (None, 2)


def test_every_error_is_collected_in_one_422() -> None:
    call = Call(Store())
    _add(call, {"title": "First", "email": "a@x.io"})
    assert _errors(FORM.create, call, {"title": "", "email": "A@X.IO", "kind": "x"}) == {
        "title": ["can't be blank"], "email": ["has already been taken"],
        "kind": ["is not included in the list"]}
    assert _errors(FORM.create, call, {"title": "admin"}) == {"base": ["Admin is reserved"]}
    assert len(call.tenant.pages) == 1


def test_update_keeps_a_valid_body_only_and_reindexes() -> None:
    call = Call(Store())
    first = _add(call, {"title": "First", "email": "a@x.io"})
    second = _add(call, {"title": "Second", "email": "b@x.io"})
    assert _errors(FORM.update, call, second, {"title": "x", "handle": "first",
                                               "email": "a@x.io"}) == {
        "handle": ["has already been taken"], "email": ["has already been taken"]}
    assert second["title"] == "Second" and second["updated_at"] == "t2"
    FORM.update(call, first, {"email": "c@x.io", "handle": "renamed"})
    assert first["handle"] == "renamed" and first["updated_at"] == "t4"
    FORM.update(call, second, {"email": "a@x.io", "handle": "first"})  # both freed above
    assert (second["email"], second["handle"]) == ("a@x.io", "first")
    assert call.tenant.pages.index("email").get("c@x.io") == 1


def test_unique_message_may_name_fields_and_go_to_another_key() -> None:
    form = Form("pages", TEMPLATE, rules={"title": v_.stripped},
                unique=(Unique("title", "{title} is already configured", at="base"),),
                start=lambda call: {"id": len(call.tenant.pages) + 1})
    call = Call(Store())
    call.tenant.pages[1] = form.create(call, {"title": "Rates"})
    assert _errors(form.create, call, {"title": "RATES"}) == {
        "base": ["RATES is already configured"]}


def test_contact_rules_normalize_or_report_invalid() -> None:
    errors: v_.Errors = {}
    assert v_.email(errors, "email", " Ann@Example.COM ", None) == "ann@example.com"
    assert v_.email(errors, "email", "", "old") is None
    assert v_.phone(errors, "phone", "(503) 555-0101", None) == "+15035550101"
    assert v_.strings(errors, "x", [1, "a"], None) == ["1", "a"]
    assert v_.strings(errors, "x", "a", ["kept"]) == ["kept"]
    assert errors == {}
    v_.email(errors, "email", "not-an-address", None)
    v_.phone(errors, "phone", "call me", None)
    assert errors == {"email": ["is invalid"], "phone": ["is invalid"]}


def test_create_rules_let_a_blank_take_the_default_and_hooks_see_a_create() -> None:
    seen: list[bool] = []
    form = Form("pages", TEMPLATE, rules={"kind": v_.one_of("page", "post"),
                                          "title": v_.stripped},
                create_rules={"kind": v_.blank_keeps(v_.one_of("page", "post"))},
                hooks=(lambda call, page, body, errors: seen.append(form.creating(call, page)),),
                start=lambda call: {"id": len(call.tenant.pages) + 1})
    call = Call(Store())
    page = call.tenant.pages[1] = form.create(call, {"kind": "", "title": "A"})
    assert page["kind"] == "page"
    assert _errors(form.update, call, page, {"kind": ""}) == {
        "kind": ["is not included in the list"]}
    assert seen == [True, False]
    assert v_.blank_keeps(v_.stripped)({}, "x", "  ", "kept") == "kept"
    assert v_.blank_keeps(v_.stripped)({}, "x", " new ", "kept") == "new"


def test_timestamp_rule_renders_the_store_way() -> None:
    zone = v_.fixed_zone(-5)
    rule = v_.timestamp(lambda text: v_.parse_ts(text, zone), lambda ts: v_.fmt_ts(ts, zone))
    errors: v_.Errors = {}
    assert rule(errors, "at", "2025-01-02T10:00:00Z", None) == "2025-01-02T05:00:00-05:00"
    assert rule(errors, "at", "", "old") is None and errors == {}
    assert rule(errors, "at", "soon", None) is None and errors == {"at": ["is invalid"]}
