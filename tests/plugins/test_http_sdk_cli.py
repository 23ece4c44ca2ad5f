"""The builder and the callback through AnyCart's HTTP routes (a real server on loopback),
the Python SDK (decrypts where the private key is, then AnyCart adds the store) and the
``anycart plugin`` commands."""

from __future__ import annotations

import base64
import io
import json
import stat
import time
import zipfile

import httpx
import pytest
from PIL import Image
from typer.testing import CliRunner

import anycart
from anycart.cli import app as cli
from anycart.connect.errors import PluginError
from anycart.http.app import create_app
from anycart.sdk import read_plugin_callback
from tests.conftest import LiveServer
from tests.plugins.conftest import PACKAGES, run_php, serve, unpack

OPTIONS = {"cart": "woocommerce", "name": "Acme Connector", "company": "Acme",
           "description": "Connects your store.", "callback_url": "https://vendor.example/cb"}


def test_build_over_http(services, vendor_keys, tmp_path):
    _, api_key = services.repo.create_account("vendor")
    pem = vendor_keys[1].read_text()
    with LiveServer(create_app(services)) as server:
        url = server.url + "/plugins/build"
        wp = httpx.post(url, json={**OPTIONS, "public_key": pem},
                        headers={"x-api-key": api_key})
        assert wp.status_code == 200 and wp.headers["content-type"] == "application/zip"
        assert "Plugin Name: Acme Connector" in zipfile.ZipFile(io.BytesIO(wp.content)).read(
            "acme_connector/acme_connector.php").decode()
        oc3 = httpx.post(url, json={**OPTIONS, "cart": "opencart", "public_key": pem,
                                    "opencart_version": 3}, headers={"x-api-key": api_key})
        assert "install.xml" in zipfile.ZipFile(io.BytesIO(oc3.content)).namelist()
        assert 'filename="acme_connector.ocmod.zip"' in oc3.headers["content-disposition"]
        png = io.BytesIO()
        Image.new("RGB", (8, 8), "navy").save(png, "PNG")
        with_logo = httpx.post(url, json={**OPTIONS, "public_key": pem, "logo": base64.b64encode(
            png.getvalue()).decode()}, headers={"x-api-key": api_key})
        assert zipfile.ZipFile(io.BytesIO(with_logo.content)).read(
            "acme_connector/logo.png") == png.getvalue()
        refused = {
            (400, 109, "PNG, JPEG or GIF"): ({**OPTIONS, "no_encryption": True, "logo":
                                              base64.b64encode(b"<svg/>").decode()}, api_key),
            (400, 109, "must be base64"): ({**OPTIONS, "no_encryption": True, "logo": "%%"},
                                           api_key),
            (401, 2): ({**OPTIONS, "no_encryption": True}, "wrong-key"),
            (400, 109): ({**OPTIONS, "cart": "magento", "no_encryption": True}, api_key),
            (400, 109, "exactly one"): ({**OPTIONS}, api_key),
            (400, 109, "not a PEM public key"): ({**OPTIONS, "public_key": "nope"}, api_key),
            (400, 100): ({"cart": "woocommerce"}, api_key),
        }
        for expected, (body, key) in refused.items():
            answer = httpx.post(url, json=body, headers={"x-api-key": key})
            assert (answer.status_code, answer.json()["return_code"]) == expected[:2], answer.text
            if len(expected) == 3:
                assert expected[2] in answer.json()["return_message"]


async def test_sdk_decrypts_and_anycart_adds_the_store(services, vendor_keys, receiver,
                                                       shop, tmp_path):
    account, api_key = services.repo.create_account("vendor")
    site = shop("prestashop")
    with LiveServer(create_app(services)) as server:
        built = httpx.post(server.url + "/plugins/build", headers={"x-api-key": api_key}, json={
            **OPTIONS, "cart": "prestashop", "callback_url": receiver.url,
            "public_key": vendor_keys[1].read_text()})
        package = tmp_path / "module.zip"
        package.write_bytes(built.content)
        files = unpack(package, tmp_path / "module")
        _, _, connector, bridge = PACKAGES["prestashop"]
        assert run_php(tmp_path, str(files / connector), "connect", str(site.root), site.url,
                       str(files / bridge))["ok"]
        body, headers = receiver.raw[0]
        private = vendor_keys[0].read_bytes()
        data = bytearray(base64.b64decode(json.loads(body)["data"]))
        data[-1] ^= 1
        with anycart.Client(server.url, api_key) as client:
            with pytest.raises(PluginError, match="does not decrypt"):
                client.accept_plugin_callback(json.dumps(
                    {"data": base64.b64encode(bytes(data)).decode()}).encode(), headers, private)
            assert services.repo.list_stores(account.id) == []
            added = client.accept_plugin_callback(body, headers, private)
            assert added["event"] == "connect" and added["store_url"] == site.url
            assert [s.store_key for s in services.repo.list_stores(account.id)] == [
                added["store_key"]]
            with anycart.Client(server.url, api_key, added["store_key"]) as store_client:
                assert store_client.call("cart.validate") is not None
        # A decrypted callback replayed later straight to the route: stale, refused.
        old = read_plugin_callback(body, headers, private).model_dump()
        old["fields"]["timestamp"] -= 301
        stale = httpx.post(server.url + "/plugins/accept", json=old,
                           headers={"x-api-key": api_key})
        assert stale.status_code == 400 and "stale" in stale.json()["return_message"]


def test_cli_build_decrypt_accept(tmp_path, monkeypatch, shop, services):
    monkeypatch.setenv("ANYCART_DATA_DIR", str(tmp_path / "anycart"))  # the services fixture's
    monkeypatch.setenv("ANYCART_ALLOW_PRIVATE_NETWORKS", "true")
    runner = CliRunner()
    out = tmp_path / "out"
    site = shop("woocommerce")
    for receiver in serve(None):  # the receiver only records; the CLI decrypts
        args = ["plugin", "build", "--cart", "woocommerce", "--name", "Acme Connector",
                "--company", "Acme", "--description", "d", "--callback", receiver.url,
                "--out", str(out), "--generate-keys"]
        done = runner.invoke(cli, args)
        assert done.exit_code == 0, done.output
        private = out / "callback_private.pem"
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
        first = private.read_bytes()
        again = runner.invoke(cli, args)
        assert again.exit_code == 1 and "never overwritten" in again.output
        assert private.read_bytes() == first
        files = unpack(out / "acme_connector.zip", tmp_path / "plugin")
        _, _, connector, bridge = PACKAGES["woocommerce"]
        run_php(tmp_path, str(files / connector), "connect", str(site.root), site.url,
                str(files / bridge))
        body, headers = receiver.raw[0]
    (tmp_path / "body.json").write_bytes(body)
    header_args = [a for k in ("x-webhook-cart-id", "x-webhook-timestamp")
                   for a in ("-H", f"{k}: {headers[k]}")]
    decrypted = runner.invoke(cli, ["plugin", "decrypt", str(tmp_path / "body.json"),
                                    "--private-key", str(private), *header_args])
    assert decrypted.exit_code == 0, decrypted.output
    shown = json.loads(decrypted.output)
    assert (shown["cart_id"], shown["store_url"]) == ("Woocommerce", site.url)
    time.sleep(2)
    stale = runner.invoke(cli, ["plugin", "decrypt", str(tmp_path / "body.json"),
                                "--private-key", str(private), "--window", "1", *header_args])
    assert stale.exit_code == 1 and "stale" in stale.output, stale.output
    account, api_key = services.repo.create_account("vendor")
    accepted = runner.invoke(cli, ["plugin", "accept", str(tmp_path / "body.json"),
                                   "--private-key", str(private), "--api-key", api_key,
                                   *header_args])
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(accepted.output)["event"] == "connect"
    (store,) = services.repo.list_stores(account.id)
    assert store.store_key == json.loads(accepted.output)["store_key"]
    wrong = runner.invoke(cli, ["plugin", "accept", str(tmp_path / "body.json"),
                                "--api-key", api_key, *header_args])
    assert wrong.exit_code == 1 and "give the private key" in wrong.output
