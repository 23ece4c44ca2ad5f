"""Children inside a parent record: GET through nested, 404s, create/update/delete on a copy,
settle errors leave the parent untouched, keep/stamp/topic after a valid change; declared once
as product images (positions) and once as a second platform's customer addresses with its own
names, refusal and no topic."""

from __future__ import annotations

import json
from typing import Any

import pytest

from anycart.sandbox import catalog
from anycart.sandbox.children import Children
from anycart.sandbox.crud import Call
from anycart.sandbox.errors import SimError
from anycart.sandbox.table import Record, Table
from anycart.sandbox.values import Errors, add, rejected


class Shop:
    def __init__(self) -> None:
        self.tables = {"products": Table(), "clients": Table()}
        self.tables["products"][1] = {"id": 1, "stamp": "t0", "pictures": [
            {"id": 10, "position": 1, "alt": "a"}, {"id": 11, "position": 2, "alt": "b"}]}
        self.tables["clients"][5] = {"id": 5, "modified": 0, "address_book": [
            {"id": 50, "primary": True}, {"id": 51, "primary": False}]}
        self.fired: list[tuple[str, Any]] = []
        self.kept: list[Any] = []
        self.next_id = 100

    def table(self, path: str) -> Table:
        return self.tables[path]

    def fire(self, topic: str, payload: dict[str, Any]) -> None:
        self.fired.append((topic, json.loads(json.dumps(payload))))


def _call(shop: Shop, method: str, path: str, args: dict[str, Any],
          body: Any = None) -> tuple[int, Any]:
    call = Call(shop, method, path, "https://x", {}, args,
                json.dumps(body).encode() if body is not None else b"", "application/json")
    response = PICTURES.handle(call) if path.startswith("products") else BOOK.handle(call)
    return response.status_code, json.loads(bytes(response.body)) if response.body else None


def _new_picture(call: Call, draft: Record, body: Any, now: str, errors: Errors) -> Record:
    call.tenant.next_id += 1
    picture = {"id": call.tenant.next_id, "position": 0, "alt": body.get("alt")}
    catalog.place(draft["pictures"], picture, body.get("position"))
    return picture


def _edit_picture(call: Call, draft: Record, picture: Record, body: Any, now: str,
                  errors: Errors) -> None:
    picture["alt"] = body.get("alt", picture["alt"])


def _settle(call: Call, stored: Record, draft: Record, child: Record, body: Any, now: str,
            errors: Errors) -> None:
    catalog.renumber(draft["pictures"])
    if child.get("alt") == "":
        add(errors, "alt", "can't be blank")


PICTURES = Children("products", "pictures", "images", "image", _new_picture, _edit_picture,
                    lambda call, p: p["stamp"] + "'", stamp_field="stamp", settle=_settle,
                    read=lambda call: call.payload("image") if call.method != "DELETE" else {},
                    keep=lambda call, stored, draft, now: call.tenant.kept.append(now),
                    topic="products/update")


def _refuse_primary(call: Call, draft: Record, address: Record) -> None:
    if address["primary"]:
        raise rejected({"address": ["primary"]})
    draft["address_book"].remove(address)


BOOK = Children("clients", "address_book", "addresses", "address",
                lambda call, draft, body, now, errors: draft["address_book"].append(
                    {"id": 52, "primary": False}) or draft["address_book"][-1],
                lambda call, draft, a, body, now, errors: a.update(primary=True),
                lambda call, c: c["modified"] + 1, _refuse_primary, stamp_field="modified")


def test_get_reads_the_list_and_missing_parents_or_children_are_404() -> None:
    shop = Shop()
    assert _call(shop, "GET", "products/1/pictures", {"id": 1}) == (200, {"images": [
        {"id": 10, "position": 1, "alt": "a"}, {"id": 11, "position": 2, "alt": "b"}]})
    assert _call(shop, "GET", "products/1/pictures", {"id": 1, "sub": 11})[1] == {
        "image": {"id": 11, "position": 2, "alt": "b"}}
    for method, args in (("GET", {"id": 2}), ("PUT", {"id": 1, "sub": 99}),
                         ("DELETE", {"id": 5, "sub": 99})):
        path = "clients/5/address_book" if args["id"] == 5 else "products/1/pictures"
        with pytest.raises(SimError) as err:
            _call(shop, method, path, args, {"image": {}})
        assert err.value.status == 404
    assert shop.fired == []


def test_create_update_delete_stamp_keep_and_fire() -> None:
    shop = Shop()
    status, body = _call(shop, "POST", "products/1/pictures", {"id": 1},
                         {"image": {"alt": "new", "position": 1}})
    assert (status, body) == (201, {"image": {"id": 101, "position": 1, "alt": "new"}})
    product = shop.tables["products"][1]
    assert [p["id"] for p in product["pictures"]] == [101, 10, 11]
    assert product["stamp"] == "t0'" and shop.kept == ["t0'"]
    assert _call(shop, "PUT", "products/1/pictures", {"id": 1, "sub": 10},
                 {"image": {"alt": "A"}}) == (200, {"image": {"id": 10, "position": 2,
                                                              "alt": "A"}})
    assert _call(shop, "DELETE", "products/1/pictures", {"id": 1, "sub": 101}) == (200, {})
    assert [(p["id"], p["position"]) for p in product["pictures"]] == [(10, 1), (11, 2)]
    assert [topic for topic, _ in shop.fired] == ["products/update"] * 3
    assert shop.fired[-1][1]["stamp"] == "t0'''"


def test_a_settle_error_leaves_the_parent_as_it_was() -> None:
    shop = Shop()
    before = json.dumps(shop.tables["products"][1])
    with pytest.raises(SimError) as err:
        _call(shop, "PUT", "products/1/pictures", {"id": 1, "sub": 11}, {"image": {"alt": ""}})
    assert err.value.status == 422
    assert json.dumps(shop.tables["products"][1]) == before
    assert shop.fired == [] and shop.kept == []


def test_a_second_declaration_addresses_with_a_refusal_and_no_topic() -> None:
    shop = Shop()
    client = shop.tables["clients"][5]
    assert _call(shop, "POST", "clients/5/address_book", {"id": 5}) == (
        201, {"address": {"id": 52, "primary": False}})
    assert _call(shop, "PUT", "clients/5/address_book", {"id": 5, "sub": 51})[1] == {
        "address": {"id": 51, "primary": True}}
    with pytest.raises(SimError) as err:
        _call(shop, "DELETE", "clients/5/address_book", {"id": 5, "sub": 50})
    assert err.value.status == 422
    assert _call(shop, "DELETE", "clients/5/address_book", {"id": 5, "sub": 52}) == (200, {})
    assert [a["id"] for a in client["address_book"]] == [50, 51]
    assert client["modified"] == 3 and shop.fired == []


def test_children_that_never_change_and_an_after_hook() -> None:
    shop = Shop()
    seen: list[tuple[Any, bool]] = []
    notes = Children("clients", "address_book", "notes", "note",
                     lambda call, draft, body, now, errors: draft["address_book"].append(
                         {"id": 60, "primary": False}) or draft["address_book"][-1],
                     None, lambda call, c: c["modified"] + 1, stamp_field=None,
                     after=lambda call, stored, child, new: seen.append((child["id"], new)))
    call = Call(shop, "POST", "clients/5/notes", "https://x", {}, {"id": 5})
    assert notes.handle(call).status_code == 201
    assert seen == [(60, True)] and shop.tables["clients"][5]["modified"] == 0
    with pytest.raises(SimError) as err:
        notes.handle(Call(shop, "PUT", "clients/5/notes", "https://x", {}, {"id": 5, "sub": 60}))
    assert err.value.status == 405 and seen == [(60, True)]


def test_a_child_addressed_by_its_own_id_runs_below_its_parent() -> None:
    shop = Shop()
    owners = {10: 1, 11: 1, 99: 7}
    by_id = PICTURES.by_own_id(lambda call, sub: owners.get(sub))

    def run(method: str, sub: int, body: Any = None) -> tuple[int, Any]:
        call = Call(shop, method, f"images/{sub}", "https://x", {}, {"id": sub},
                    json.dumps(body).encode() if body is not None else b"", "application/json")
        response = by_id(call)
        return response.status_code, json.loads(bytes(response.body))

    assert run("GET", 11) == (200, {"image": {"id": 11, "position": 2, "alt": "b"}})
    assert run("PUT", 10, {"image": {"alt": "new"}})[1]["image"]["alt"] == "new"
    assert shop.tables["products"][1]["pictures"][0]["alt"] == "new"
    for unknown in (99, 12):  # a parent that is gone, an id nobody owns
        with pytest.raises(SimError) as err:
            run("GET", unknown)
        assert err.value.status == 404
