"""Deterministic seeding helpers: shared name pools, dates back from an anchor, and JSON
templates that render compact seeded rows without building dicts.

Same seed, size and anchor: same store. Nothing reads wall time or hash order.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any

#: Names seeded stores draw their customers from.
FIRST_NAMES = ("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
               "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph",
               "Jessica", "Thomas", "Sarah", "Carlos", "Aisha", "Wei", "Olga", "Noah", "Emma")
LAST_NAMES = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
              "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor",
              "Thomas", "Moore", "Jackson", "Martin", "Lee", "Nguyen", "Walker")


def rng(seed: int) -> random.Random:
    return random.Random(seed)


def day_anchor(now: datetime) -> datetime:
    """Midnight of ``now``'s day: the default anchor, so a store seeded today is stable."""
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def before(anchor: datetime, seconds: float, fmt: str = "%Y-%m-%dT%H:%M:%S") -> str:
    return (anchor - timedelta(seconds=seconds)).strftime(fmt)


def template(proto: dict[str, Any]) -> str:
    """JSON text of ``proto`` where string values ``"@name@"`` become ``%(name)s`` slots, to
    be filled with already-encoded JSON values (``template % {"name": json_value}``)."""
    text = json.dumps(proto, separators=(",", ":")).replace("%", "%%")
    for key in _slots(proto):
        text = text.replace(f'"@{key}@"', f"%({key})s")
    return text


def _slots(obj: Any) -> list[str]:
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _slots(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _slots(v)]
    if isinstance(obj, str) and len(obj) > 2 and obj.startswith("@") and obj.endswith("@"):
        return [obj[1:-1]]
    return []
