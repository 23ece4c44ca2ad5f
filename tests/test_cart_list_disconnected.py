"""A store whose connector plugin was uninstalled (``stores.disconnected_at``, set by
anycart/plugins/accept.py) stays listed by ``account.cart.list`` and ``anycart store list``,
marked in the entry's ``additional_fields``, within the contract's schema."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import jsonschema
import yaml
from typer.testing import CliRunner

from anycart.cli import app as cli
from anycart.config import Settings
from anycart.storage.models import Store
from tests.conftest import SHARED, make_env

UNINSTALLED = datetime(2026, 11, 30, 8, 15, 0, tzinfo=UTC)


def _entry_schema() -> dict:
    spec = yaml.safe_load((SHARED / "reference" / "api2cart-openapi-1.1.yaml").read_text())
    schemas = spec["components"]["schemas"]
    result = dict(schemas["AccountCartList_200_response_result"])
    result["properties"] = {**result["properties"], "carts": {
        "type": "array", "items": schemas["AccountCartList_200_response_result_carts_inner"]}}
    return {**schemas["AccountCartList_200_response"],
            "properties": {**schemas["AccountCartList_200_response"]["properties"],
                           "result": result}}


def _mark_disconnected(services, store_key: str) -> None:
    with services.db.session() as s:
        s.query(Store).filter(Store.store_key == store_key).one().disconnected_at = UNINSTALLED


async def test_cart_list_marks_a_disconnected_store(tmp_path, monkeypatch):
    env = await make_env(Settings(data_dir=tmp_path, embedded_worker=False))
    listed = await env.call("account.cart.list")
    assert listed["result"]["carts"][0]["additional_fields"] == {"status": "connected"}
    _mark_disconnected(env.services, env.store_key)
    listed = await env.call("account.cart.list")
    jsonschema.validate(listed, _entry_schema())
    (entry,) = listed["result"]["carts"]
    assert entry["store_key"] == env.store_key
    assert entry["additional_fields"] == {
        "status": "disconnected",
        "disconnected_at": {"value": "2026-11-30T08:15:00+0000", "format": "Y-m-d\\TH:i:sO"}}
    # the command line shows the same status, from the same storage
    monkeypatch.setenv("ANYCART_DATA_DIR", str(tmp_path))
    shown = await asyncio.to_thread(  # the command runs its own event loop
        CliRunner().invoke, cli, ["store", "list", "--api-key", env.api_key],
        env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    row = next(line for line in shown.output.splitlines() if env.store_key in line)
    assert "disconnected" in row
    # connected again (the plugin's connect callback clears the mark): listed as connected
    with env.services.db.session() as s:
        s.query(Store).filter(Store.store_key == env.store_key).one().disconnected_at = None
    listed = await env.call("account.cart.list")
    assert [c["additional_fields"] for c in listed["result"]["carts"]] == [{"status": "connected"}]
