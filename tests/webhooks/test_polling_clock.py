"""The poll cursor against offset-aware dates (issue 12, item 3).

A store reports its modification times on its own clock, with its offset. The cursor compares
instants, and never moves past the poller's own clock: one record stamped in the future (an
earlier write in the wrong zone, a store clock running ahead) must not hide the edits made
after it. The store here is a plain list read through ``product.list``'s ``modified_from``,
as a connector serves it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from anycart.contract.validation import parse_moment
from anycart.platforms.base import Call, Page
from anycart.webhooks.polling import SOURCES, poll_entity

NEW_YORK = ZoneInfo("America/New_York")


class ListedStore:
    """Products with ``modified_at`` in the store's offset; ``modified_from`` as a cart reads it."""

    def __init__(self) -> None:
        self.products: dict[str, dict] = {}

    def put(self, pid: str, price: float, modified: datetime) -> None:
        stamp = modified.astimezone(NEW_YORK).strftime("%Y-%m-%dT%H:%M:%S%z")
        self.products[pid] = {"id": pid, "price": price,
                              "modified_at": {"value": stamp, "format": "Y-m-d\\TH:i:sO"}}

    async def invoke(self, call: Call) -> Page:
        since = call.params.get("modified_from")
        items = [p for p in self.products.values()
                 if since is None or parse_moment("modified_from", p["modified_at"]["value"])
                 >= parse_moment("modified_from", since)]
        return Page(items[call.start:call.start + call.count], len(items))


def _resolve(store: ListedStore):
    return lambda method: store.invoke if method == "product.list" else None


async def test_a_future_stamp_does_not_hide_later_edits():
    store = ListedStore()
    now = datetime.now(UTC).replace(microsecond=0)
    store.put("1", 10.0, now - timedelta(hours=1))
    store.put("2", 20.0, now - timedelta(hours=1))
    base = await poll_entity(SOURCES["product"], _resolve(store), None, False)

    # A write stamped 5 h ahead (UTC wall time read as New York time, the bug).
    store.put("1", 11.0, now + timedelta(hours=5))
    first = await poll_entity(SOURCES["product"], _resolve(store), base.cursor, False)
    assert [(e.action, e.entity_id) for e in first.events] == [("update", "1")]
    assert datetime.fromisoformat(first.cursor["since"]) <= datetime.now(UTC)

    # The merchant's edit made after it, on the store's true clock, is still seen.
    store.put("2", 22.0, datetime.now(UTC))
    second = await poll_entity(SOURCES["product"], _resolve(store), first.cursor, False)
    assert [(e.action, e.entity_id) for e in second.events] == [("update", "2")]


async def test_times_in_other_offsets_compare_as_instants():
    store = ListedStore()
    now = datetime.now(UTC).replace(microsecond=0)
    store.put("1", 10.0, now - timedelta(minutes=10))
    base = await poll_entity(SOURCES["product"], _resolve(store), None, False)
    since = datetime.fromisoformat(base.cursor["since"])
    assert since == now - timedelta(minutes=10) and since.utcoffset() == NEW_YORK.utcoffset(
        now.replace(tzinfo=None))
    store.put("1", 12.0, now - timedelta(minutes=5))
    later = await poll_entity(SOURCES["product"], _resolve(store), base.cursor, False)
    assert [(e.action, e.entity_id) for e in later.events] == [("update", "1")]
