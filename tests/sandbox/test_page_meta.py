"""sandbox.paging.PageMeta: page/limit with the paging in the body, values read in the
platform's words."""

from __future__ import annotations

import pytest

from anycart.sandbox.errors import SimError
from anycart.sandbox.paging import PageMeta, Window
from anycart.sandbox.params import Reader, Refused


class Bad(SimError):
    def __init__(self, refused: Refused) -> None:
        super().__init__(422, refused.message)


PAGES, READ = PageMeta(default=50, maximum=250), Reader(Bad)


def test_window_and_meta_of_a_middle_page() -> None:
    window = PAGES.window({"page": "2", "limit": "10"}, READ)
    assert window == Window(10, 10)
    meta = PAGES.meta({"page": "2", "limit": "10", "id:in": "1,2"}, window, 35)
    assert meta == {"total": 35, "count": 10, "per_page": 10, "current_page": 2,
                    "total_pages": 4, "links": {
                        "current": "?id:in=1,2&page=2&limit=10",
                        "previous": "?id:in=1,2&page=1&limit=10",
                        "next": "?id:in=1,2&page=3&limit=10"}}


def test_last_page_beyond_and_empty() -> None:
    last = PAGES.meta({}, Window(30, 10), 35)
    assert last["count"] == 5 and "next" not in last["links"]
    beyond = PAGES.meta({}, Window(50, 10), 35)
    assert beyond["count"] == 0 and beyond["current_page"] == 6
    empty = PAGES.meta({}, PAGES.window({}, READ), 0)
    assert empty["total_pages"] == 1 and empty["per_page"] == 50 and empty["links"] == {
        "current": "?page=1&limit=50"}


def test_bad_values_are_the_platforms_errors() -> None:
    for params in ({"limit": "251"}, {"limit": "0"}, {"page": "x"}, {"page": "0"}):
        with pytest.raises(Bad):
            PAGES.window(params, READ)
