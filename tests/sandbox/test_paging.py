"""Each paging style on its own: parameters read, the page chosen, what the answer carries."""

from __future__ import annotations

import pytest

from anycart.sandbox import (
    BodyCursor,
    Invalid,
    LinkCursor,
    OffsetLimit,
    PagePerPage,
    SearchCriteria,
    SinceId,
    Window,
    seek,
)
from anycart.sandbox.errors import SimError
from anycart.sandbox.paging import decode_token, encode_token
from anycart.sandbox.params import Reader

KEYS = list(range(1, 101))


def _param_of(call) -> str | None:
    with pytest.raises(Invalid) as info:
        call()
    assert info.value.status == 400
    return info.value.param


def test_offset_limit_zero_and_one_based() -> None:
    zero = OffsetLimit(default=20, maximum=50)
    assert zero.window({}) == Window(0, 20)
    assert zero.window({"offset": "40", "limit": "50"}).of(KEYS) == list(range(41, 91))
    one = OffsetLimit(default=10, maximum=500, base=1)  # Shift4Shop: offset 1 is the first
    assert one.window({"offset": "0"}) == one.window({"offset": "1"}) == Window(0, 10)
    assert one.window({"offset": "6", "limit": "5"}).of(KEYS) == [6, 7, 8, 9, 10]
    assert one.window({"offset": "101"}).of(KEYS) == []
    assert one.window({"limit": "300"}, maximum=300).limit == 300
    assert _param_of(lambda: one.window({"limit": "301"}, maximum=300)) == "limit"
    assert _param_of(lambda: one.window({"limit": "0"})) == "limit"
    assert _param_of(lambda: one.window({"limit": "x"})) == "limit"
    assert _param_of(lambda: one.window({"offset": "-1"})) == "offset"


def test_page_per_page_with_total_headers() -> None:
    style = PagePerPage(default=10, maximum=100, total_header="X-WP-Total",
                        pages_header="X-WP-TotalPages")
    w = style.window({"page": "3", "per_page": "25"})
    assert w == Window(50, 25) and w.of(KEYS) == list(range(51, 76))
    assert style.headers(101, w) == {"X-WP-Total": "101", "X-WP-TotalPages": "5"}
    assert style.window({}) == Window(0, 10)
    assert _param_of(lambda: style.window({"page": "0"})) == "page"
    assert _param_of(lambda: style.window({"per_page": "101"})) == "per_page"
    assert PagePerPage(pages_header=None).headers(7, Window(0, 5)) == {"X-Total": "7"}


def test_page_per_page_read_in_the_platforms_words_with_link_header() -> None:
    style = PagePerPage(default=10, maximum=100)
    read = Reader(lambda bad: SimError(400, {"param": bad.param, "message": bad.message}))
    assert style.window({"page": "2", "per_page": "5"}, read) == Window(5, 5)
    assert style.window({}, read) == Window(0, 10)
    refused = {
        "per_page=101": "per_page must be between 1 (inclusive) and 100 (inclusive)",
        "page=0": "page must be greater than or equal to 1",
        "per_page=x": "per_page is not of type integer."}
    for query, message in refused.items():
        bad = dict([query.split("=")])
        with pytest.raises(SimError) as info:
            style.window(bad, read)
        assert info.value.body == {"param": next(iter(bad)), "message": message}
    url = "https://shop.test/wp-json/wc/v3/products"
    headers = style.headers(12, Window(5, 5), url, {"page": "2", "per_page": "5"})
    assert headers == {"X-Total": "12", "X-Total-Pages": "3", "Link": (
        f'<{url}?per_page=5&page=1>; rel="prev", <{url}?per_page=5&page=3>; rel="next"')}
    assert "Link" not in style.headers(3, Window(0, 5), url, {})


def test_since_id() -> None:
    style = SinceId()
    assert list(style.keys(KEYS, {"since_id": "97"})) == [98, 99, 100]
    assert list(style.keys([3, 10, 40], {"since_id": "10"})) == [40]
    assert style.keys(KEYS, {}) is KEYS
    assert _param_of(lambda: style.after({"since_id": "a"})) == "since_id"


def test_seek_both_directions_reports_neighbours() -> None:
    even = lambda k: k % 2 == 0  # noqa: E731
    page, has_prev, has_next = seek(KEYS, even, 3)
    assert (page, has_prev, has_next) == ([2, 4, 6], False, True)
    page, has_prev, has_next = seek(KEYS, even, 3, "next", 6)
    assert (page, has_prev, has_next) == ([8, 10, 12], True, True)
    page, has_prev, has_next = seek(KEYS, even, 3, "prev", 8)
    assert (page, has_prev, has_next) == ([2, 4, 6], False, True)
    page, has_prev, has_next = seek(KEYS, even, 5, "next", 94)
    assert (page, has_prev, has_next) == ([96, 98, 100], True, False)


def test_link_cursor_round_trip_and_refusals() -> None:
    style = LinkCursor(default=50, maximum=250)
    first = style.parse({"limit": "3", "status": "active"}, "products")
    assert (first.limit, first.direction, first.cursor, first.filters) == (
        3, "next", None, {"status": "active"})
    link = style.link("https://s/admin/products.json", "products", first, [1, 2, 3], False, True)
    assert link is not None and link.endswith('rel="next"') and "previous" not in link
    token = link.split("page_info=")[1].split(">")[0]
    nxt = style.parse({"limit": "3", "page_info": token}, "products")
    assert (nxt.direction, nxt.cursor, nxt.filters) == ("next", 3, {"status": "active"})
    both = style.link("u", "products", nxt, [4, 5, 6], True, True)
    assert both is not None and both.count("page_info=") == 2 and 'rel="previous"' in both
    prev_token = both.split("page_info=")[1].split(">")[0]
    assert style.parse({"page_info": prev_token}, "products").direction == "prev"
    assert _param_of(lambda: style.parse({"page_info": token, "status": "x"}, "products")) \
        == "status"
    assert _param_of(lambda: style.parse({"page_info": token}, "orders")) == "page_info"
    assert _param_of(lambda: style.parse({"page_info": "%%%"}, "products")) == "page_info"
    assert _param_of(lambda: style.parse({"limit": "251"}, "products")) == "limit"
    assert style.link("u", "products", first, [], False, False) is None


def test_body_cursor() -> None:
    style = BodyCursor(default=2)
    limit, after = style.parse({})
    assert (limit, after) == (2, None)
    token = style.next_token([5, 6], True)
    assert token is not None and style.parse({"cursor": token}) == (2, 6)
    assert style.next_token([5, 6], False) is None and style.next_token([], True) is None
    assert _param_of(lambda: style.parse({"cursor": encode_token({"x": 1})})) == "cursor"
    assert decode_token(encode_token({"a": [1, 2]}), "p") == {"a": [1, 2]}


def test_search_criteria_filters_sort_and_window() -> None:
    p = "searchCriteria"
    search = SearchCriteria(maximum=300).parse({
        f"{p}[filter_groups][0][filters][0][field]": "sku",
        f"{p}[filter_groups][0][filters][0][value]": "TEE-%",
        f"{p}[filter_groups][0][filters][0][condition_type]": "like",
        f"{p}[filter_groups][0][filters][1][field]": "sku",
        f"{p}[filter_groups][0][filters][1][value]": "MUG-1",
        f"{p}[filter_groups][1][filters][0][field]": "price",
        f"{p}[filter_groups][1][filters][0][value]": "10",
        f"{p}[filter_groups][1][filters][0][condition_type]": "gteq",
        f"{p}[sortOrders][0][field]": "price",
        f"{p}[sortOrders][0][direction]": "DESC",
        f"{p}[pageSize]": "20", f"{p}[currentPage]": "2", "other": "ignored"})
    # (sku like TEE-% OR sku = MUG-1) AND price >= 10
    assert search.matches({"sku": "tee-red", "price": "12"}.get)
    assert search.matches({"sku": "MUG-1", "price": 10}.get)
    assert not search.matches({"sku": "MUG-2", "price": 50}.get)
    assert not search.matches({"sku": "TEE-1", "price": 9.5}.get)
    assert search.sort == [("price", True)] and search.window(1000) == Window(20, 20)
    echo = search.echo()
    assert echo["page_size"] == 20 and echo["current_page"] == 2
    assert echo["sort_orders"] == [{"field": "price", "direction": "DESC"}]
    assert echo["filter_groups"][1]["filters"] == [
        {"field": "price", "value": "10", "condition_type": "gteq"}]
    everything = SearchCriteria().parse({})
    assert everything.matches({}.get) and everything.window(7) == Window(0, 7)
    assert _param_of(lambda: SearchCriteria().parse({f"{p}[pageSize]": "301"})) \
        == f"{p}[pageSize]"
    assert _param_of(lambda: SearchCriteria().parse({f"{p}[nope]": "1"})) == f"{p}[nope]"
    bad = {f"{p}[filter_groups][0][filters][0][field]": "a",
           f"{p}[filter_groups][0][filters][0][condition_type]": "almost"}
    assert _param_of(lambda: SearchCriteria().parse(bad)) == f"{p}[filter_groups][0]"


def test_search_criteria_results_sort_stably_and_clamp_to_the_last_page() -> None:
    p = "searchCriteria"
    rows = [{"id": i, "sku": s, "price": v} for i, s, v in (
        (1, "b", "10"), (2, "A", 9), (3, "c", None), (4, "a", "10"), (5, "B", "2.5"))]
    search = SearchCriteria().parse({
        f"{p}[filter_groups][0][filters][0][field]": "id",
        f"{p}[filter_groups][0][filters][0][value]": "5",
        f"{p}[filter_groups][0][filters][0][condition_type]": "lt",
        f"{p}[sortOrders][0][field]": "price", f"{p}[sortOrders][0][direction]": "DESC",
        f"{p}[sortOrders][1][field]": "sku", f"{p}[sortOrders][1][direction]": "ASC",
        f"{p}[pageSize]": "3", f"{p}[currentPage]": "9"})
    page, total = search.results(rows, lambda r, f: r.get(f))
    # numbers compare as numbers (text or not), ties by the second order, a blank last
    # when descending; page 9 of 2 is page 2
    assert total == 4 and [r["id"] for r in page] == [3]
    first, _ = SearchCriteria().parse({
        f"{p}[sortOrders][0][field]": "price", f"{p}[sortOrders][0][direction]": "DESC",
        f"{p}[sortOrders][1][field]": "sku", f"{p}[pageSize]": "3"}).results(rows, lambda r, f: r.get(f))
    assert [r["id"] for r in first] == [4, 1, 2]
