"""The export loop: pages of ``<entity>.list`` to a writer, a checkpoint after each durable page.

The state file ``<out>.export-state.json`` holds what a resume needs: the request (entity,
store, format, filter), the ``page_cursor`` of the next page, the records written and the
writer's state. It is replaced atomically after every checkpoint and removed when the export
completes. The cursor is the gateway's own (signed with the server's key, so it is valid in a
later process of the same installation).

``--since last``: the sync mark of the store and entity (see :mod:`anycart.export.sync`) is
the newest modification time an earlier export saw, and the ids stamped with exactly that
time. The list is read with ``modified_from`` = that time, and records older than it, or
stamped with it and already exported, are dropped, so only changes come. The mark is saved
when a full or ``--since last`` export completes (not a dated one: it may have skipped
changes the mark has not seen).
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from anycart.export.writers import open_writer
from anycart.webhooks.polling import SOURCES, Source, record_moment

#: Entities an export reads: the polling sources (list, count, modification filter and field).
#: Polling diffs categories and returns in full; an export passes the contract's
#: ``modified_from`` for them too (a platform that cannot filter refuses it with 109).
ENTITIES: dict[str, Source] = {
    **{name: SOURCES[name] for name in ("product", "customer", "order")},
    **{name: replace(SOURCES[name], modified_param="modified_from", modified_field="modified_at")
       for name in ("category", "return")}}
#: Where ``<entity>.list`` puts its records, when not under the entity's own name.
ITEMS = {"return": "returns"}
FORMATS = ("jsonl", "csv", "parquet")
#: Page size: the contract's largest.
PAGE = 250


class ExportError(Exception):
    """A refusal to show the user as it is (unknown entity, bad date, an API error...)."""


class Call(Protocol):
    """One contract call through AnyCart: the envelope (``return_code`` 0 or not)."""

    def __call__(self, method: str, params: dict[str, str]) -> Awaitable[dict[str, Any]]: ...


class SyncMarks(Protocol):
    def load(self, entity: str) -> dict[str, Any] | None: ...

    def save(self, entity: str, mark: dict[str, Any]) -> None: ...


class Progress(Protocol):
    def start(self, total: int | None) -> None: ...

    def advance(self, written: int) -> None: ...

    def finish(self, written: int) -> None:
        """The export completed with ``written`` records (the count may have been an estimate)."""
        ...


@dataclass
class ExportResult:
    written: int
    pages: int
    total: int | None
    resumed: bool
    since: str | None
    #: the sync mark saved at the end
    mark: dict[str, Any] = field(default_factory=dict)


def parse_since(since: str | None) -> datetime | str | None:
    """``last``, an ISO date or date-time (UTC unless it says otherwise), or None."""
    if since is None or since == "last":
        return since
    try:
        moment = datetime.fromisoformat(since.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ExportError(f"--since {since!r} is not a date (YYYY-MM-DD[THH:MM:SS]) or 'last'") \
            from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def state_path(out: Path) -> Path:
    return out.with_name(out.name + ".export-state.json")


def _save_state(path: Path, state: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state))
    os.replace(tmp, path)


def check_request(entity: str, fmt: str, since: str | None) -> tuple[Source, datetime | str | None]:
    source = ENTITIES.get(entity)
    if source is None:
        raise ExportError(f"unknown entity {entity!r}: one of {', '.join(ENTITIES)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    when = parse_since(since)
    if when is not None and source.modified_param is None:
        raise ExportError(f"--since: {entity}.list has no modification-time filter")
    return source, when


async def _result(call: Call, method: str, params: dict[str, str]) -> dict[str, Any]:
    answer = await call(method, params)
    if answer.get("return_code"):
        raise ExportError(f"{method}: {answer.get('return_message')} "
                          f"(return_code {answer.get('return_code')})")
    return answer


class _Mark:
    """The newest modification time seen, and the ids stamped with it."""

    def __init__(self, mark: dict[str, Any] | None) -> None:
        mark = mark or {}
        self.since = record_moment(mark.get("since"))
        self.ids: set[str] = set(mark.get("ids") or [])

    def is_new(self, record: dict[str, Any], field_name: str) -> bool:
        """Not already exported as of this mark (the one ``--since last`` started from)."""
        if self.since is None:
            return True
        moment = record_moment(record.get(field_name))
        if moment is None or moment > self.since:
            return True
        return moment == self.since and str(record.get("id")) not in self.ids

    def see(self, record: dict[str, Any], field_name: str, now: datetime) -> None:
        moment = record_moment(record.get(field_name))
        if moment is None:
            return
        moment = min(moment, now)  # a record stamped in the future must not hide later edits
        if self.since is None or moment > self.since:
            self.since, self.ids = moment, set()
        if moment == self.since:
            self.ids.add(str(record.get("id")))

    def dump(self) -> dict[str, Any]:
        return {"since": self.since.isoformat() if self.since else None, "ids": sorted(self.ids)}


async def export(call: Call, entity: str, fmt: str, out: Path, *, store_key: str,
                 since: str | None = None, resume: bool = False, sync: SyncMarks | None = None,
                 progress: Progress | None = None,
                 after_page: Callable[[int], None] | None = None) -> ExportResult:
    """Export every ``entity`` record of the store to ``out``. Raises :class:`ExportError`
    before writing anything when the request or its first call is refused."""
    source, when = check_request(entity, fmt, since)
    path = state_path(out)
    if resume:
        state = _resume_state(path, entity, fmt, store_key)
    else:
        floor = _Mark(sync.load(entity) if sync and when == "last" else None)
        filters: dict[str, str] = {}
        if isinstance(when, datetime):
            filters[source.modified_param or ""] = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        elif when == "last" and floor.since is not None:
            filters[source.modified_param or ""] = floor.since.astimezone(UTC).strftime(
                "%Y-%m-%d %H:%M:%S")
        state = {"entity": entity, "format": fmt, "store_key": store_key, "since": since,
                 "filters": filters, "floor": floor.dump() if when == "last" else None,
                 "cursor": None, "pages": 0, "written": 0, "writer": None, "mark": None}
    floor_mark = _Mark(state["floor"]) if state["floor"] is not None else None
    counted = await _result(call, source.count_method or "", dict(state["filters"]))
    total = next((v for k, v in counted["result"].items()
                  if k.endswith("_count") and isinstance(v, int)), None)
    params = {"count": str(PAGE), "params": "force_all", **state["filters"]}
    first = None
    if not state["pages"]:  # refused filters or paging answer before anything is written
        first = await _result(call, source.list_method, params)
    mark = _Mark(state["mark"])
    writer = open_writer(fmt, out, state["writer"])
    if progress:
        progress.start(total)
        progress.advance(state["written"])
    now = datetime.now(UTC)
    try:
        while not state["pages"] or state["cursor"]:  # a saved null cursor: all pages are in
            answer = first or await _result(call, source.list_method,
                                            {"page_cursor": state["cursor"], "params": "force_all"})
            first = None
            records = answer["result"].get(ITEMS.get(entity, entity)) or []
            if floor_mark and source.modified_field:
                records = [r for r in records if floor_mark.is_new(r, source.modified_field)]
            if source.modified_field:
                for record in records:
                    mark.see(record, source.modified_field, now)
            writer.write(records)
            cursor = (answer.get("pagination") or {}).get("next")
            state["pages"] += 1
            state["written"] += len(records)
            if progress:
                progress.advance(len(records))
            if writer.checkpoint():
                state.update(cursor=cursor, writer=writer.state(), mark=mark.dump())
                _save_state(path, state)
            state["cursor"] = cursor
            if after_page:
                after_page(state["pages"])
    except BaseException:
        writer.abort()
        raise
    writer.finish()
    if progress:
        progress.finish(state["written"])
    if sync and not isinstance(when, datetime):  # a dated export may skip what the mark has not seen
        sync.save(entity, mark.dump() if mark.since else (floor_mark.dump() if floor_mark else {}))
    path.unlink(missing_ok=True)
    return ExportResult(state["written"], state["pages"], total, resume, since, mark.dump())


def _resume_state(path: Path, entity: str, fmt: str, store_key: str) -> dict[str, Any]:
    if not path.exists():
        raise ExportError(f"nothing to resume: {path} does not exist (run without --resume)")
    state: dict[str, Any] = json.loads(path.read_text())
    asked = {"entity": entity, "format": fmt, "store_key": store_key}
    differs = [k for k, v in asked.items() if state.get(k) != v]
    if differs:
        raise ExportError(f"{path} is an export of {', '.join(f'{k}={state.get(k)}' for k in differs)}:"
                          " resume it with the same arguments")
    return state
