"""``anycart export`` against a Shift4Shop sandbox store through the real gateway and SQLite."""

from __future__ import annotations

import asyncio
import csv
import json
import re
import sys
import time

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from anycart.cli import app as cli
from anycart.config import Settings
from anycart.export import ExportError
from anycart.export.cli import export_in_process
from anycart.export.readback import ids_in
from anycart.export.runner import state_path
from anycart.services import build_services
from tests.export.conftest import make_env

csv.field_size_limit(sys.maxsize)


read_ids = ids_in


async def _export(env, fmt, out, **kw):
    return await export_in_process(env.services, kw.pop("entity", "product"), env.store_key,
                                   env.api_key, fmt, out, kw.pop("since", None),
                                   kw.pop("resume", False), None, **kw)


async def test_50000_products_to_every_format_read_back(tmp_path):
    # One catalog of 50 000, exported to each format in turn: every id exactly once.
    env = await make_env(tmp_path / "data", 50_000)
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"p.{fmt}"
        t0 = time.perf_counter()
        result = await _export(env, fmt, out)
        took = time.perf_counter() - t0
        ids = read_ids(out, fmt)
        assert result.written == result.total == len(ids) == len(set(ids)) == 50_000, (fmt, took)
        assert set(ids) == {str(i) for i in range(1, 50_001)}, fmt
        assert not state_path(out).exists(), fmt
    assert pq.ParquetFile(tmp_path / "p.parquet").metadata.num_row_groups == 25
    assert not (tmp_path / "p.parquet.parts").exists()


@pytest.mark.parametrize(("entity", "total"), [
    ("category", 20), ("customer", 150), ("order", 150), ("return", 8)])
async def test_every_entity_exports_every_record(tmp_path, entity, total):
    env = await make_env(tmp_path / "data", 300)
    out = tmp_path / f"{entity}.jsonl"
    result = await _export(env, "jsonl", out, entity=entity)
    ids = read_ids(out, "jsonl")
    assert result.written == result.total == len(set(ids)) == len(ids) == total


async def test_a_filter_the_platform_refuses_stops_before_writing(tmp_path):
    """Shift4Shop cannot filter categories by modification time: 109 naming modified_from."""
    env = await make_env(tmp_path / "data", 100)
    out = tmp_path / "c.csv"
    with pytest.raises(ExportError, match=r"'modified_from' is not supported.*return_code 109"):
        await _export(env, "csv", out, entity="category", since="2026-01-01")
    assert not out.exists() and not state_path(out).exists()


async def test_nested_fields_are_json_cells_and_round_trip(tmp_path):
    env = await make_env(tmp_path / "data", 300)
    await _export(env, "jsonl", tmp_path / "p.jsonl")
    await _export(env, "csv", tmp_path / "p.csv")
    await _export(env, "parquet", tmp_path / "p.parquet")
    first = json.loads((tmp_path / "p.jsonl").read_text().splitlines()[0])
    with open(tmp_path / "p.csv", newline="") as f:
        row = next(csv.DictReader(f))
    table = pq.read_table(tmp_path / "p.parquet").slice(0, 1).to_pylist()[0]
    assert json.loads(row["images"]) == json.loads(table["images"]) == first["images"]
    assert json.loads(row["modified_at"]) == first["modified_at"]
    assert float(row["price"]) == table["price"] == first["price"]
    assert row["_extra"] == "" and table["_extra"] is None


@pytest.mark.parametrize(("fmt", "products", "stop_after"), [
    ("jsonl", 3000, 5), ("csv", 3000, 5), ("parquet", 6000, 15)])
async def test_interrupted_export_resumes_without_duplicates(tmp_path, fmt, products, stop_after):
    env = await make_env(tmp_path / "data", products)
    out = tmp_path / f"p.{fmt}"

    def interrupt(pages: int) -> None:
        if pages == stop_after:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await _export(env, fmt, out, after_page=interrupt)
    state = json.loads(state_path(out).read_text())
    assert 0 < state["written"] < products
    if fmt != "parquet":
        with open(out, "ab") as f:  # a kill in the middle of a page: half a record on disk
            f.write(b'{"id": "half a rec')
    result = await _export(env, fmt, out, resume=True)
    ids = read_ids(out, fmt)
    assert result.resumed and result.written == len(ids) == len(set(ids)) == products
    assert not state_path(out).exists()
    with pytest.raises(Exception, match="nothing to resume"):
        await _export(env, fmt, out, resume=True)


async def test_since_last_fetches_only_changes(tmp_path):
    env = await make_env(tmp_path / "data", 2000)
    first = await _export(env, "jsonl", tmp_path / "all.jsonl", since="last")
    assert first.written == 2000  # no mark yet: everything, and the mark is saved
    headers = {"x-api-key": env.api_key, "x-store-key": env.store_key}
    changed = ["7", "1500", "1999"]
    for pid in changed:
        answer = await env.services.gateway.handle(
            "product.update", {"id": [pid], "price": ["12.34"]}, headers, None)
        assert answer["return_code"] == 0, answer
    second = await _export(env, "csv", tmp_path / "changes.csv", since="last")
    assert sorted(read_ids(tmp_path / "changes.csv", "csv")) == sorted(changed)
    assert second.written == 3
    third = await _export(env, "jsonl", tmp_path / "none.jsonl", since="last")
    assert third.written == 0 and (tmp_path / "none.jsonl").read_text() == ""
    # an explicit date is the contract's modified_from, with no mark applied
    dated = await _export(env, "jsonl", tmp_path / "dated.jsonl", since="2000-01-01")
    assert dated.written == 2000
    # a dated export after the changes leaves the mark where it was
    await env.services.gateway.handle("product.update", {"id": ["42"], "price": ["1.5"]}, headers, None)
    later = await _export(env, "jsonl", tmp_path / "later.jsonl", since="2999-01-01")
    assert later.written == 0
    await _export(env, "jsonl", tmp_path / "fourth.jsonl", since="last")
    assert read_ids(tmp_path / "fourth.jsonl", "jsonl") == ["42"]


def test_cli_refusals_write_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ANYCART_DATA_DIR", str(tmp_path / "data"))
    services = build_services(Settings(data_dir=tmp_path / "data"))
    _, api_key = services.repo.create_account("cli")
    services.db.dispose()
    runner = CliRunner()
    out = tmp_path / "out.jsonl"
    base = ["--api-key", api_key, "--out", str(out)]
    cases = [
        (["export", "widget", "--store-key", "x", "--format", "jsonl"], "unknown entity 'widget'"),
        (["export", "product", "--store-key", "x", "--format", "xml"], "unknown format 'xml'"),
        (["export", "product", "--store-key", "x", "--format", "csv", "--since", "yesterday"],
         "is not a date"),
        (["export", "product", "--store-key", "nosuch", "--format", "jsonl"],
         "no store with store_key 'nosuch'"),
        (["export", "product", "--store-key", "x", "--format", "jsonl", "--resume"],
         "no store with store_key"),
    ]
    for args, message in cases:
        done = runner.invoke(cli, [*args, *base])
        assert done.exit_code == 2, (args, done.output)
        assert message in re.sub(r"\s+", " ", done.output), (args, done.output)
        assert not out.exists() and not state_path(out).exists()
    wrong_key = runner.invoke(cli, ["export", "product", "--store-key", "x", "--format", "jsonl",
                                    "--out", str(out), "--api-key", "wrong"])
    assert wrong_key.exit_code == 2 and "Incorrect API Key" in wrong_key.output
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
async def test_killed_export_resumes_without_duplicates(tmp_path, fmt):
    """SIGKILL in the middle of the stream (no cleanup runs), then ``--resume`` in a new process
    against the same storage and the same sandbox data."""
    import os
    import signal
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    products, out = 12_000, tmp_path / f"p.{fmt}"
    child = subprocess.Popen([sys.executable, "-m", "tests.export.killed_export",
                              str(tmp_path / "data"), str(products), fmt, str(out)],
                             cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        keys = json.loads(child.stdout.readline())
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            state = state_path(out)
            if state.exists() and json.loads(state.read_text())["written"] >= 5000:
                break
            await asyncio.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
    saved = json.loads(state_path(out).read_text())["written"]
    assert 0 < saved < products
    env = await make_env(tmp_path / "data", products, keys=tuple(keys))
    result = await _export(env, fmt, out, resume=True)
    ids = read_ids(out, fmt)
    assert result.resumed and len(ids) == len(set(ids)) == products
    assert set(ids) == {str(i) for i in range(1, products + 1)}


async def test_cli_export_through_a_running_server(tmp_path, monkeypatch):
    """``anycart export --url``: the command end to end (progress bar, file, --since last marks
    in the data dir) against ``anycart serve`` with the sandbox store, as with ``anycart demo``."""
    from anycart.http.app import create_app
    from tests.conftest import LiveServer

    env = await make_env(tmp_path / "server", 1200)
    monkeypatch.setenv("ANYCART_DATA_DIR", str(tmp_path / "client"))
    runner = CliRunner()
    out = tmp_path / "p.csv"
    args = ["export", "product", "--store-key", env.store_key, "--api-key", env.api_key,
            "--format", "csv", "--out", str(out)]
    with LiveServer(create_app(env.services)) as server:
        done = await asyncio.to_thread(runner.invoke, cli,
                                       [*args, "--url", server.url, "--since", "last"])
        assert done.exit_code == 0, done.output
        assert "1200 product record(s) written" in done.output
        assert sorted(map(int, read_ids(out, "csv"))) == list(range(1, 1201))
        marks = json.loads((tmp_path / "client" / "export-sync.json").read_text())
        assert marks[f"{server.url} {env.store_key}"]["product"]["since"]
        again = await asyncio.to_thread(runner.invoke, cli,
                                        [*args, "--url", server.url, "--since", "last"])
        assert again.exit_code == 0 and read_ids(out, "csv") == []
        refused = await asyncio.to_thread(runner.invoke, cli, [
            *args[:3], "nosuch", *args[4:], "--url", server.url, "--out", str(tmp_path / "x.csv")])
        assert refused.exit_code == 2 and "return_code" in refused.output, refused.output
        assert not (tmp_path / "x.csv").exists()
    gone = await asyncio.to_thread(runner.invoke, cli, [*args, "--url", server.url])
    assert gone.exit_code == 2 and "no AnyCart server answers" in gone.output


async def test_cli_export_in_process(tmp_path, monkeypatch):
    """``anycart export`` without --url: the command's services (here with the sandbox mounted,
    as ``anycart demo`` mounts it) answer in-process; the --since last mark is in storage."""
    import anycart.cli
    from anycart.storage.models import ExportSync

    env = await make_env(tmp_path / "data", 700)
    monkeypatch.setattr(anycart.cli, "_services", lambda: env.services)
    out = tmp_path / "p.parquet"
    done = await asyncio.to_thread(CliRunner().invoke, cli, [
        "export", "product", "--store-key", env.store_key, "--api-key", env.api_key,
        "--format", "parquet", "--out", str(out), "--since", "last"])
    assert done.exit_code == 0, done.output
    assert "700 product record(s) written" in done.output
    assert sorted(map(int, read_ids(out, "parquet"))) == list(range(1, 701))
    with env.services.db.session() as s:
        (row,) = s.query(ExportSync).all()
        assert row.entity == "product" and row.mark["since"] and row.mark["ids"]
