"""sandbox.filtering and the query ops it declares: id, money and date families."""

from __future__ import annotations

import pytest

from anycart.sandbox.errors import SimError
from anycart.sandbox.filtering import DATE_FAMILY, ID_FAMILY, family, select
from anycart.sandbox.query import Filter, moment, predicate
from anycart.sandbox.table import Table


class Refused(SimError):
    def __init__(self, param: str) -> None:
        super().__init__(422, param)


def _table() -> Table:
    table = Table()
    rows = [("Alpha", "12.5000", "2024-01-02T10:00:00+00:00", [1, 2]),
            ("beta", "3.0000", "Wed, 03 Jan 2024 08:00:00 +0000", [3]),
            ("Gamma", "40.0000", None, [])]
    for n, (name, total, modified, cats) in enumerate(rows, 1):
        table[n] = {"id": n, "name": name, "total": total, "date_modified": modified,
                    "categories": cats}
    return table


def _ids(params: dict[str, str], **kw: object) -> list[int]:
    declared = {**family("id", ID_FAMILY), **family("date_modified", DATE_FAMILY),
                "min_total": ["min", "total"], "max_total": ["max", "total"],
                "categories:in": ["any_in", "categories"]}
    return [r["id"] for r in select(_table(), declared, params, Refused, **kw)]  # type: ignore[arg-type]


def test_id_family() -> None:
    assert _ids({"id:in": "3,1"}) == [1, 3]
    assert _ids({"id:not_in": "1"}) == [2, 3]
    assert _ids({"id:min": "2"}) == [2, 3] and _ids({"id:less": "2"}) == [1]
    assert _ids({"id": "2"}) == [2]


def test_money_texts_compare_as_numbers() -> None:
    assert _ids({"min_total": "10"}) == [1, 3]
    assert _ids({"max_total": "12.5"}) == [1, 2]
    assert _ids({"categories:in": "2,3"}) == [1, 2]


def test_dates_in_any_form_and_a_bare_day() -> None:
    assert _ids({"date_modified": "2024-01-02"}) == [1]
    assert _ids({"date_modified:min": "2024-01-03"}) == [2]
    assert _ids({"date_modified:max": str(int(moment("2024-01-02T12:00:00Z").timestamp()))}) \
        == [1]
    assert moment("Wed, 03 Jan 2024 08:00:00 +0000") == moment("2024-01-03T08:00:00Z")


def test_sorted_with_dates_as_moments_and_missing_last() -> None:
    assert _ids({}, sort=("date_modified", False), dates=("date_modified",)) == [1, 2, 3]
    assert _ids({}, sort=("id", True)) == [3, 2, 1]


def test_a_value_that_does_not_read_is_the_platforms_error() -> None:
    for params in ({"id:in": "1,x"}, {"min_total": "lots"}, {"date_modified:min": "soon"}):
        with pytest.raises(Refused) as caught:
            _ids(params)
        assert caught.value.body == next(iter(params))


def test_the_ops_are_filters_any_platform_declares() -> None:
    cheap = predicate(Filter("max_price", "max", "price"), "20")
    assert cheap({"price": "19.99"}) and not cheap({"price": "20.01"})
    with pytest.raises(ValueError):
        Filter("x", "between", "x")


def test_project_keeps_always_and_drops_what_is_excluded() -> None:
    from anycart.sandbox.query import project

    record = {"id": 1, "name": "a", "sku": "s", "variants": [], "price": 2}
    assert project(record, None) is record
    assert project(record, ["name"], always=("id", "variants")) == {
        "id": 1, "name": "a", "variants": []}
    assert project(record, None, drop={"sku", "price"}) == {"id": 1, "name": "a",
                                                            "variants": []}
    assert project(record, ["name", "sku"], drop={"sku"}) == {"name": "a"}
