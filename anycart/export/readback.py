"""The record ids an export file holds, read the way a consumer would (json, csv, pyarrow):
how the tests and benchmarks/export.py check a file has every record exactly once."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path


def ids_in(path: Path, fmt: str) -> list[str]:
    if fmt == "jsonl":
        with open(path, encoding="utf-8") as f:
            return [str(json.loads(line)["id"]) for line in f]
    if fmt == "csv":
        csv.field_size_limit(sys.maxsize)  # nested fields are JSON cells, some long
        with open(path, newline="", encoding="utf-8") as f:
            return [row["id"] for row in csv.DictReader(f)]
    import pyarrow.parquet as pq

    return [str(i) for i in pq.read_table(path, columns=["id"]).column("id").to_pylist()]
