"""Id ranges and timestamps of the simulated Shopify shops.

Shopify ids are large integers that grow with time, so sorting by id is sorting by creation.
Each kind of record gets its own range (a variant id never equals a product id, which catches
mix-ups in connectors). Seeded children are numbered from their parent's sequence number
(``parent_n * SLOTS + j``), so the seed never needs an index to find a variant's product;
children created through the API are numbered from a counter above every seeded id.

Timestamps follow the shop's time zone as Shopify renders them: ``2024-01-15T10:20:30-05:00``.
The simulated shop keeps a fixed UTC-5 offset (no daylight saving), so output never depends on
the host's time zone database.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

SHOP_TZ = timezone(timedelta(hours=-5))

#: kind -> (first id, slots per parent sequence number)
BASES: dict[str, tuple[int, int]] = {
    "product": (8_100_000_000_000, 1),
    "variant": (44_100_000_000_000, 8),
    "inventory_item": (46_200_000_000_000, 8),
    "option": (10_300_000_000_000, 4),
    "image": (33_400_000_000_000, 4),
    "customer": (6_900_000_000_000, 1),
    "address": (8_950_000_000_000, 4),
    "order": (5_600_000_000_000, 1),
    "line_item": (14_300_000_000_000, 8),
    "fulfillment": (4_970_000_000_000, 4),
    "refund": (920_000_000_000, 4),
    "refund_line_item": (1_010_000_000_000, 8),
    "transaction": (6_300_000_000_000, 4),
    "custom_collection": (450_000_000_000, 1),
    "collect": (29_000_000_000_000, 1),
    "webhook": (1_100_000_000_000, 1),
    "carrier_service": (62_000_000_000, 1),
    "location": (70_000_000_000, 1),
}

#: Orders are numbered from 1001 ("#1001"), as in a new Shopify shop.
FIRST_ORDER_NUMBER = 1001


def seeded_id(kind: str, n: int, j: int = 0) -> int:
    """Id of the ``j``-th child of parent sequence number ``n`` (or record ``n`` itself)."""
    base, slots = BASES[kind]
    return base + n * slots + j


def seeded_parent(kind: str, child_id: int) -> int:
    """Inverse of :func:`seeded_id`: the parent sequence number a seeded child id belongs to."""
    base, slots = BASES[kind]
    return (child_id - base) // slots


class IdGen:
    """Counters for ids handed out by the API, above the seeded ranges."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def reserve(self, kind: str, seeded_parents: int) -> None:
        """Ids up to parent number ``seeded_parents`` are taken by the seed."""
        self._next[kind] = max(self._next.get(kind, 0), seeded_id(kind, seeded_parents + 1))

    def next(self, kind: str) -> int:
        value = self._next.get(kind) or seeded_id(kind, 1)
        self._next[kind] = value + 1
        return value


def gid(kind: str, rid: int | str) -> str:
    """GraphQL global id, as REST records carry it in ``admin_graphql_api_id``."""
    return f"gid://shopify/{kind}/{rid}"


def fmt_ts(ts: float) -> str:
    """Epoch seconds -> Shopify timestamp text in the shop's time zone."""
    return datetime.fromtimestamp(int(ts), SHOP_TZ).isoformat()


def parse_ts(text: str) -> float:
    """ISO 8601 text (date, or date-time with or without offset) -> epoch seconds.

    Values without an offset are read in the shop's time zone, as Shopify does. Raises
    ``ValueError`` for anything else."""
    value = datetime.fromisoformat(text.strip().replace(" ", "+") if "T" in text else text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=SHOP_TZ)
    return value.timestamp()
