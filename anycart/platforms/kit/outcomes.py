"""Writes answered with one outcome per item: a platform that takes arrays of records answers
each write with an array saying, item by item, whether it was done and which record it is
(Shift4Shop's ``[{"Key", "Value", "Status", "Message"}]``; the per-item results of batch
endpoints such as WooCommerce's ``/batch`` or BigCommerce's have the same shape).

An :class:`ItemStatus` declares where each item says its status, its record and its message.
The client checks every write answer with it (:class:`~.rest.RestClient` ``outcomes``): an
answer with a failed item, or the platform's "partial" status, is 107 naming the failed
items, never a success with some of them silently dropped; a create's id is the first
item's record.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import httpx

from anycart.platforms.base import platform_error

from .fields import get

Record = dict[str, Any]


@dataclass(frozen=True)
class ItemStatus:
    """``items``: where the outcome list is in the body (``""``: the body is the list);
    ``status``/``ok``: an item's status and the values meaning done (an item without one is
    done); ``key``/``value``/``message``: what it is about, the record's id, why it failed;
    ``partial``: the HTTP status of an answer where some items failed."""

    platform: str
    items: str = ""
    status: str = "Status"
    ok: Collection[str] = ("200", "201")
    key: str = "Key"
    value: str = "Value"
    message: str = "Message"
    partial: int | None = 206

    def entries(self, response: httpx.Response) -> list[Record]:
        """The outcomes of a write answer (none for a body that holds no list)."""
        try:
            data = response.json() if response.content else None
        except ValueError:
            return []
        found = get(data, self.items) if isinstance(data, dict) else data
        return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []

    def check(self, response: httpx.Response) -> httpx.Response:
        """``response`` when every item was done; else 107 naming the failed ones."""
        entries = self.entries(response)
        failed = [e for e in entries if str(e.get(self.status, next(iter(self.ok)))) not in self.ok]
        if failed or response.status_code == self.partial:
            names = ", ".join(self._named(e) for e in failed) or "some items"
            raise platform_error(self.platform, f"Partial update: failed items: {names}.")
        return response

    def _named(self, e: Record) -> str:
        why = f": {e[self.message]}" if e.get(self.message) else ""
        return f"{e.get(self.key)} {e.get(self.value)} (HTTP {e.get(self.status)}{why})"

    def created(self, response: httpx.Response) -> str | None:
        """The id of the record a create made: the first item naming one."""
        return next((str(e[self.value]) for e in self.entries(response)
                     if e.get(self.value) not in (None, "")), None)
