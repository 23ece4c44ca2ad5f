"""The CLI (typer) and the Python SDK against a real server on loopback."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

import anycart
from anycart.cli import app as cli
from anycart.config import Settings
from anycart.contract.catalogue import load_catalogue
from anycart.http.app import create_app
from anycart.services import build_services
from tests.conftest import SHARED, LiveServer, free_port, make_env


def test_account_create_then_call_the_running_server(tmp_path, monkeypatch):
    """``anycart call`` talks to the server (``--url``), not to the platforms in-process."""
    monkeypatch.setenv("ANYCART_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    created = runner.invoke(cli, ["account", "create", "acme"])
    assert created.exit_code == 0, created.output
    api_key = re.search(r"api_key: (\w+)", created.output).group(1)
    services = build_services(Settings(data_dir=tmp_path, embedded_worker=False))
    with LiveServer(create_app(services)) as server:
        listed = runner.invoke(cli, ["call", "account.cart.list", "--api-key", api_key,
                                     "--url", server.url])
        assert listed.exit_code == 0, listed.output
        assert json.loads(listed.output)["result"] == {"carts_count": 0, "carts": []}
        bad = runner.invoke(cli, ["call", "account.cart.list", "--api-key", "wrong",
                                  "--url", server.url])
        assert bad.exit_code == 1 and '"return_code": 2' in bad.output
    missing = runner.invoke(cli, ["store", "add", "--cart-id", "3DCart", "--api-key", api_key,
                                  "store_url=https://example.3dcartstores.com"])
    assert missing.exit_code == 1 and "is required" in missing.output


async def test_call_reaches_the_server_named_by_anycart_url(tmp_path, monkeypatch):
    """The store lives on a platform only the server knows (the test memory platform): an
    in-process call could not answer this, the server does; GET values stay text."""
    env = await make_env(Settings(data_dir=tmp_path / "server"))
    monkeypatch.setenv("ANYCART_DATA_DIR", str(tmp_path / "elsewhere"))
    runner = CliRunner()
    with LiveServer(create_app(env.services)) as server:
        monkeypatch.setenv("ANYCART_URL", server.url)
        listed = runner.invoke(cli, ["call", "product.list", "count=3", "params=id,name",
                                     "--api-key", env.api_key, "--store-key", env.store_key])
        assert listed.exit_code == 0, listed.output
        answer = json.loads(listed.output)
        assert [p["id"] for p in answer["result"]["product"]] == ["1", "2", "3"]
        assert answer["pagination"]["next"]
        info = runner.invoke(cli, ["call", "product.info", "id=5", "--api-key", env.api_key,
                                   "--store-key", env.store_key])
        assert info.exit_code == 0 and json.loads(info.output)["result"]["name"] == "Product 5"
        # a JSON body: numbers-looking text stays as typed (1e5 is not 100000.0)
        added = runner.invoke(cli, ["call", "product.add", "name=New", "model=1e5", "sku=007",
                                    "price=5", "description=d", "--api-key", env.api_key,
                                    "--store-key", env.store_key])
        assert added.exit_code == 0, added.output
        pid = json.loads(added.output)["result"]["product_id"]
        with anycart.Client(server.url, env.api_key, env.store_key) as client:
            new = client.product(pid)
        assert (new.u_model, new.u_sku, new.price) == ("1e5", "007", 5.0)
        # a PUT whose parameters travel in the query string, not in a JSON body
        renamed = runner.invoke(cli, ["call", "account.config.update", "custom_label=Renamed",
                                      "--api-key", env.api_key, "--store-key", env.store_key])
        assert renamed.exit_code == 0, renamed.output
        with anycart.Client(server.url, env.api_key) as client:
            carts = client.call("account.cart.list")["carts"]
        assert [c["custom_label"] for c in carts] == ["Renamed"]
    await env.client.aclose()


def test_call_says_when_no_server_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("ANYCART_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ANYCART_URL", raising=False)
    url = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(cli, ["call", "product.list", "--api-key", "k", "--url", url])
    assert result.exit_code == 2
    assert f"No AnyCart server answers at {url}" in result.output
    assert "anycart serve" in result.output and "Traceback" not in result.output
    default = CliRunner().invoke(cli, ["call", "--help"])
    assert "http://127.0.0.1:8000" in default.output and "ANYCART_URL" in default.output


async def test_sdk_iterates_every_page_over_real_http(tmp_path):
    env = await make_env(Settings(data_dir=tmp_path))
    with LiveServer(create_app(env.services)) as server, \
            anycart.Client(server.url, env.api_key, env.store_key) as client:
        products = list(client.products(count=7))
        assert [p.id for p in products] == [str(i) for i in range(1, 31)]
        assert products[0].u_sku == "SKU-0001"
        assert client.product_count() == 30
        assert client.product("5").name == "Product 5"
        try:
            client.product("999")
        except anycart.ApiError as exc:
            assert exc.code == 112
        else:
            raise AssertionError("product 999 should not exist")
        orders = list(client.orders())
        assert orders[0].totals.total == 10.0
    await env.client.aclose()


def test_every_setting_is_in_the_readme():
    """A newcomer configures AnyCart from the README's table (ANYCART_PUBLIC_URL was missing)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    table = readme[readme.index("## Settings"):readme.index("## Return codes")]
    missing = [f"ANYCART_{name.upper()}" for name in Settings.model_fields
               if f"`ANYCART_{name.upper()}`" not in table]
    assert not missing, f"settings not in the README: {missing}"


def test_catalogue_matches_the_contract():
    """catalogue.json is generated from ../shared's contract; regenerate if this fails."""
    from tools.build_catalogue import build

    spec = SHARED / "reference" / "api2cart-openapi-1.1.yaml"
    rebuilt = build(spec)
    committed = load_catalogue()
    assert len(rebuilt["operations"]) == len(committed) == 171
    for op in rebuilt["operations"]:
        ours = committed.get(op["name"])
        assert ours is not None and ours.http_method == op["http_method"]
        assert [p.name for p in ours.params] == [p["name"] for p in op["params"]]


async def test_docs_and_openapi_are_served(sqlite_env):
    doc = (await sqlite_env.client.get("/openapi.json")).json()
    assert len([m for path in doc["paths"].values() for m in path]) == 171
    html = (await sqlite_env.client.get("/docs")).text
    assert "product.list.json" in html and "<td>120</td>" in html
