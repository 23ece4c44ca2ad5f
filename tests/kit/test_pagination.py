"""Each paginator once, on its own, against a MockTransport server that pages its way.

The walk here is the loop ``RestClient.pages`` runs (first params, take, next params), over a
plain ``httpx.AsyncClient``: a paginator is tested without the rest of the kit."""

from __future__ import annotations

from typing import Any

import httpx

from anycart.platforms.kit.pagination import (
    PAGINATORS,
    BodyCursor,
    LinkHeader,
    Offset,
    PageNumber,
    Paginator,
    SearchCriteria,
    SinceId,
)

RECORDS = [{"id": i * 3, "n": i} for i in range(23)]  # ids 0, 3, 6, ... 66


async def walk(paginator: Paginator, handle: Any, start: int = 0, count: int = 1000,
               params: dict[str, Any] | None = None) -> tuple[list[int], list[dict[str, str]]]:
    """The ``n`` of every record read, and the query of every request sent."""
    sent: list[dict[str, str]] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(dict(request.url.params))
        return handle(request)

    walker = paginator.fresh()
    got: list[int] = []
    async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as client:
        step = walker.first(params or {}, start, count)
        while step is not None:
            got += [r["n"] for r in walker.take(await client.get("https://p.example/x", params=step))]
            step = walker.next_params()
    assert walker.has_more is False
    return got, sent


def test_paginators_by_name():
    assert {name: cls.__name__ for name, cls in PAGINATORS.items()} == {
        "offset": "Offset", "page": "PageNumber", "link": "LinkHeader", "since_id": "SinceId",
        "body_cursor": "BodyCursor", "search_criteria": "SearchCriteria"}


async def test_offset_limit_one_based():
    def handle(request: httpx.Request) -> httpx.Response:
        q = request.url.params
        first = int(q["offset"]) - 1  # Shift4Shop: offset 1 is the first record
        return httpx.Response(200, json=RECORDS[first:first + int(q["limit"])])

    paginator = Offset(base=1, page_size=5)
    got, sent = await walk(paginator, handle, start=5, count=12, params={"status": 1, "x": None})
    assert got == list(range(5, 17))
    assert sent == [{"status": "1", "offset": "6", "limit": "5"},
                    {"status": "1", "offset": "11", "limit": "5"},
                    {"status": "1", "offset": "16", "limit": "2"}]
    got, sent = await walk(paginator, handle, start=20)
    assert got == [20, 21, 22] and len(sent) == 1  # a short page is the end


def wordpress(total: int) -> Any:
    def handle(request: httpx.Request) -> httpx.Response:
        page, size = int(request.url.params["page"]), int(request.url.params["per_page"])
        rows = RECORDS[:total][(page - 1) * size:page * size]
        return httpx.Response(200, json=rows, headers={
            "X-WP-Total": str(total), "X-WP-TotalPages": str(-(-total // size))})
    return handle


async def test_page_per_page_with_total_headers():
    paginator = PageNumber(page_size=5)
    walker = paginator.fresh()
    got, sent = await walk(walker, wordpress(23), start=7, count=10)
    assert got == list(range(7, 17))
    assert [(q["page"], q["per_page"]) for q in sent] == [("2", "5"), ("3", "5"), ("4", "5")]
    # The last page is full, and X-WP-TotalPages says it is the last: no empty request after.
    got, sent = await walk(paginator, wordpress(20))
    assert got == list(range(20)) and [q["page"] for q in sent] == ["1", "2", "3", "4"]
    first = paginator.fresh()
    first.first({}, 0, 5)
    async with httpx.AsyncClient(transport=httpx.MockTransport(wordpress(23))) as client:
        first.take(await client.get("https://p.example/x", params={"page": 1, "per_page": 5}))
    assert first.total == 23 and paginator.total is None  # the declaration keeps no state


async def test_link_header_next():
    def handle(request: httpx.Request) -> httpx.Response:
        q = request.url.params
        if "page_info" in q:
            assert "status" not in q  # the cursor carries the filters
        at = int(q.get("page_info", "0"))
        limit = int(q["limit"])
        headers = {}
        if at + limit < len(RECORDS):
            headers["Link"] = (f'<https://p.example/x?limit={limit}&page_info={at + limit}>; '
                               'rel="next"')
        return httpx.Response(200, json={"products": RECORDS[at:at + limit]}, headers=headers)

    got, sent = await walk(LinkHeader(records="products", page_size=10, keep=("fields",)), handle,
                           start=3, count=15, params={"status": "active", "fields": "id,n"})
    assert got == list(range(3, 18))
    assert sent == [{"status": "active", "fields": "id,n", "limit": "10"},
                    {"fields": "id,n", "limit": "8", "page_info": "10"}]
    got, sent = await walk(LinkHeader(records="products", page_size=10), handle)
    assert got == list(range(23)) and len(sent) == 3  # no Link on the last page: the end


async def test_since_id():
    def handle(request: httpx.Request) -> httpx.Response:
        since, limit = int(request.url.params.get("since_id", -1)), int(request.url.params["limit"])
        return httpx.Response(200, json={"orders": [r for r in RECORDS if r["id"] > since][:limit]})

    got, sent = await walk(SinceId(records="orders", page_size=4), handle, start=2, count=7)
    assert got == list(range(2, 9))
    assert sent == [{"limit": "4"}, {"since_id": "9", "limit": "4"}, {"since_id": "21", "limit": "1"}]
    got, _ = await walk(SinceId(records="orders", page_size=10), handle, params={"since_id": 60})
    assert got == [21, 22]  # the filters' since_id is where the walk begins


async def test_body_cursor_graphql_page_info():
    def handle(request: httpx.Request) -> httpx.Response:
        q = request.url.params
        at, first = int(q.get("after", "0")), int(q["first"])
        nodes = RECORDS[at:at + first]
        return httpx.Response(200, json={"data": {"products": {"nodes": nodes, "pageInfo": {
            "endCursor": str(at + len(nodes)), "hasNextPage": at + first < len(RECORDS)}}}})

    paginator = BodyCursor(records="data.products.nodes", page_size=10,
                           cursor_path="data.products.pageInfo.endCursor",
                           more_path="data.products.pageInfo.hasNextPage")
    got, sent = await walk(paginator, handle)
    assert got == list(range(23))
    assert [q.get("after") for q in sent] == [None, "10", "20"]  # hasNextPage false: the end
    got, _ = await walk(paginator, handle, start=12, count=5)
    assert got == list(range(12, 17))


async def test_search_criteria_stops_though_magento_repeats_the_last_page():
    def handle(request: httpx.Request) -> httpx.Response:
        q = request.url.params
        size, page = int(q["searchCriteria[pageSize]"]), int(q["searchCriteria[currentPage]"])
        pages = -(-12 // size)
        page = min(page, pages)  # past the end Magento answers the last page again
        return httpx.Response(200, json={"items": RECORDS[:12][(page - 1) * size:page * size],
                                         "total_count": 12, "search_criteria": {}})

    got, sent = await walk(SearchCriteria(page_size=5), handle)
    assert got == list(range(12))
    assert [q["searchCriteria[currentPage]"] for q in sent] == ["1", "2", "3"]
    got, sent = await walk(SearchCriteria(page_size=5), handle, start=10, count=50)
    assert got == [10, 11] and len(sent) == 1
