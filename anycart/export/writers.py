"""Writers that append records as they come and can be reopened where a checkpoint left them.

Each writer has a JSON-able :meth:`state` that is saved with the export's cursor only when
:meth:`checkpoint` says everything written so far is on disk. ``--resume`` reopens the writer
from that state: the output is cut back to that point, so a record written after the last
checkpoint (and fetched again from the saved cursor) never appears twice.

* JSONL: one record per line; the state is the byte offset.
* CSV: a header from the first record's keys plus ``_extra`` (see :mod:`anycart.export.flatten`);
  the state is the byte offset and the header.
* Parquet: records are buffered into row groups of ``batch_rows``; each full group is written
  to its own file in ``<out>.parts/`` (a Parquet file is only readable once its footer is
  written, so an interrupted single file could not be resumed). The schema is fixed by the
  first group; :meth:`finish` copies the groups, one at a time, into ``<out>`` and removes the
  parts. The state is the schema and the number of parts.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path
from typing import Any, Protocol

from anycart.export.flatten import EXTRA, NOFIT, cell, extra_cell, fits, kind_of, merge_kind


class Writer(Protocol):
    def write(self, records: list[dict[str, Any]]) -> None: ...

    def checkpoint(self) -> bool:
        """Flush; True when every record written so far would survive a crash now."""
        ...

    def state(self) -> dict[str, Any]: ...

    def finish(self) -> None: ...

    def abort(self) -> None:
        """Close without finishing (the output stays resumable)."""
        ...


class _Appending:
    """A text file opened for appending at a byte offset (the rest is cut off)."""

    def __init__(self, out: Path, offset: int | None) -> None:
        self.out = out
        mode = "r+b" if offset is not None else "wb"
        self._file = open(out, mode)  # noqa: SIM115 - kept open across pages, closed in finish
        if offset is not None:
            self._file.truncate(offset)
            self._file.seek(offset)

    def checkpoint(self) -> bool:
        self._file.flush()
        os.fsync(self._file.fileno())
        return True

    @property
    def offset(self) -> int:
        return self._file.tell()

    def finish(self) -> None:
        self.checkpoint()
        self._file.close()

    def abort(self) -> None:
        self._file.close()


class JsonlWriter(_Appending):
    def __init__(self, out: Path, state: dict[str, Any] | None) -> None:
        super().__init__(out, state["offset"] if state else None)

    def write(self, records: list[dict[str, Any]]) -> None:
        self._file.write(b"".join(json.dumps(r, ensure_ascii=False, separators=(",", ":"),
                                             default=str).encode() + b"\n" for r in records))

    def state(self) -> dict[str, Any]:
        return {"offset": self.offset}


class _Lines:
    """What :class:`csv.writer` writes to: the bytes of one page, then one write to the file."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)


class CsvWriter(_Appending):
    def __init__(self, out: Path, state: dict[str, Any] | None) -> None:
        super().__init__(out, state["offset"] if state else None)
        self.header: list[str] | None = state["header"] if state else None

    def write(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        lines = _Lines()
        rows = csv.writer(lines)
        if self.header is None:
            self.header = [k for k in records[0] if k != EXTRA] + [EXTRA]
            rows.writerow(self.header)
        columns = set(self.header)
        for record in records:
            extra = {k: v for k, v in record.items() if k not in columns or k == EXTRA}
            values = [cell(record.get(k)) for k in self.header[:-1]]
            rows.writerow(["" if v is None else v for v in values] + [extra_cell(extra) or ""])
        self._file.write("".join(lines.parts).encode())

    def state(self) -> dict[str, Any]:
        return {"offset": self.offset, "header": self.header}


class ParquetWriter:
    def __init__(self, out: Path, state: dict[str, Any] | None, batch_rows: int = 2000) -> None:
        self.out = out
        self.parts = out.with_name(out.name + ".parts")
        self.batch_rows = batch_rows
        self.schema: list[tuple[str, str]] | None = [(c[0], c[1]) for c in state["schema"]] \
            if state and state.get("schema") else None
        self.done = int(state["parts"]) if state else 0
        if state is None:
            shutil.rmtree(self.parts, ignore_errors=True)
        self.parts.mkdir(exist_ok=True)
        for stale in self.parts.glob("*.parquet"):  # groups written after the last checkpoint
            if int(stale.stem) >= self.done:
                stale.unlink()
        self._buffer: list[dict[str, Any]] = []

    def write(self, records: list[dict[str, Any]]) -> None:
        self._buffer.extend(records)
        if len(self._buffer) >= self.batch_rows:
            self._flush()

    def checkpoint(self) -> bool:
        return not self._buffer

    def state(self) -> dict[str, Any]:
        return {"schema": self.schema, "parts": self.done}

    def _fix_schema(self, rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
        kinds: dict[str, str | None] = {}
        for row in rows:
            for key, value in row.items():
                if key != EXTRA:
                    kinds[key] = merge_kind(kinds.get(key), kind_of(cell(value)))
        return [(k, v or "string") for k, v in kinds.items()] + [(EXTRA, "string")]

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows, self._buffer = self._buffer, []
        if not rows:
            return
        if self.schema is None:
            self.schema = self._fix_schema(rows)
        names = [name for name, _ in self.schema[:-1]]
        columns: dict[str, list[Any]] = {name: [] for name, _ in self.schema}
        for row in rows:
            extra = {k: v for k, v in row.items() if k not in columns or k == EXTRA}
            for name, kind in self.schema[:-1]:
                value = fits(kind, cell(row.get(name)))
                if value is NOFIT:
                    extra[name] = row.get(name)
                    value = None
                columns[name].append(value)
            columns[EXTRA].append(extra_cell(extra))
        schema = _arrow_schema(self.schema)
        table = pa.table({n: columns[n] for n in [*names, EXTRA]}, schema=schema)
        part = self.parts / f"{self.done:06d}.parquet"
        pq.write_table(table, part.with_suffix(".tmp"))
        os.replace(part.with_suffix(".tmp"), part)
        self.done += 1

    def finish(self) -> None:
        import pyarrow.parquet as pq

        self._flush()
        schema = _arrow_schema(self.schema or [(EXTRA, "string")])
        tmp = self.out.with_name(self.out.name + ".tmp")
        with pq.ParquetWriter(tmp, schema) as writer:
            for i in range(self.done):  # one row group in memory at a time
                part = pq.ParquetFile(self.parts / f"{i:06d}.parquet")
                for group in range(part.num_row_groups):
                    writer.write_table(part.read_row_group(group))
                part.close()
        os.replace(tmp, self.out)
        shutil.rmtree(self.parts, ignore_errors=True)

    def abort(self) -> None:
        self._buffer = []


def _arrow_schema(columns: list[tuple[str, str]]) -> Any:
    import pyarrow as pa

    types = {"bool": pa.bool_(), "int64": pa.int64(), "float64": pa.float64(), "string": pa.string()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def open_writer(fmt: str, out: Path, state: dict[str, Any] | None) -> Writer:
    if fmt == "jsonl":
        return JsonlWriter(out, state)
    if fmt == "csv":
        return CsvWriter(out, state)
    return ParquetWriter(out, state)
