"""bridge.php itself, on real PHP and MariaDB: install, signatures, replay, expiry, the SQL
and file guards, atomic writes, update and delete.

The cart here is the smallest OpenCart-shaped store (one table), so these tests exercise the
bridge and the transport, not a schema driver.
"""

from __future__ import annotations

import base64
import io
import json
import time
import zipfile

import httpx
import pytest

from anycart.platforms.base import Call, Capabilities, Page
from anycart.platforms.bridge.connector import BridgeConnector
from anycart.platforms.bridge.keys import new_bridge_keys
from anycart.platforms.bridge.platform import BridgePlatform
from anycart.platforms.bridge.protocol import SIGNATURE_HEADER, open_answer, seal_request, signer
from anycart.platforms.bridge.sqlkit import (
    InsertId,
    RefusedStatement,
    Statement,
    check_statement,
    scalar,
)
from tests.bridge.harness import BridgeEnv, close_bridge_env, open_bridge_env
from tests.bridge.site import install_bridge

TABLES = """
CREATE TABLE `{p}product` (`product_id` int(11) NOT NULL AUTO_INCREMENT, `model` varchar(64) NOT NULL,
  `name` varchar(255) NOT NULL, `viewed` int(5) NOT NULL DEFAULT 0, PRIMARY KEY (`product_id`),
  UNIQUE KEY `model` (`model`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `not_the_cart` (`secret` varchar(64) NOT NULL) ENGINE=InnoDB;
INSERT INTO `{p}product` (`model`, `name`) VALUES ('M-1', 'First'), ('M-2', 'Second');
INSERT INTO `not_the_cart` VALUES ('the merchant''s other data');
"""


def load(conn, prefix: str) -> None:
    with conn.cursor() as cur:
        cur.execute(TABLES.replace("{p}", prefix))
        while cur.nextset():
            pass


class TinyCartConnector(BridgeConnector):
    cart_marker = "opencart"

    async def product_count(self, call: Call) -> dict:
        return {"products_count": await scalar(self.db, "SELECT COUNT(*) FROM {p}product")}

    async def product_list(self, call: Call) -> Page:
        rows = await self.db.select("SELECT product_id, name FROM {p}product ORDER BY product_id "
                                    "LIMIT ? OFFSET ?", [call.count, call.start])
        return Page([{"id": str(r["product_id"]), "name": r["name"]} for r in rows],
                    await scalar(self.db, "SELECT COUNT(*) FROM {p}product"))

    async def product_update(self, call: Call) -> dict:
        written = await self.db.write([Statement(
            "UPDATE {p}product SET name = ? WHERE product_id = ?",
            [call.require("name"), int(call.require("id"))])])
        return {"updated_items": written[0].affected}


class TinyCart(BridgePlatform):
    cart_id = "Opencart14"
    name = "OpenCart"
    capabilities = Capabilities(page_limit=250, connects_to_store_url=True)
    connector = TinyCartConnector


@pytest.fixture
async def env(tmp_path, mariadb):
    e = await open_bridge_env(tmp_path, mariadb, "opencart", [TinyCart], load)
    yield e
    await close_bridge_env(e)


def keys(env: BridgeEnv) -> dict:
    return env.store().credentials


async def post(env: BridgeEnv, action: str, payload: dict, *, creds: dict | None = None,
               now: float | None = None, body: bytes | None = None,
               signature: str | None = None, sealed=None):
    creds = creds or keys(env)
    sealed = sealed or seal_request(action, payload, public_key_pem=creds["bridge_public_key"],
                                    now=now)
    headers = {"content-type": "application/json"}
    if signature != "":
        headers[SIGNATURE_HEADER] = signature or sign(creds["bridge_secret"], sealed.body)
    async with httpx.AsyncClient() as client:
        r = await client.post(f"{env.site.url}/bridge2cart/bridge.php",
                              content=body if body is not None else sealed.body, headers=headers)
    return r, sealed


def sign(secret: str, body: bytes) -> str:
    """The signature the client sends (``protocol.signer``) for ``body``."""
    return signer(secret).signature(httpx.Request("POST", "https://s.example/", content=body))


def names(env: BridgeEnv) -> list[str]:
    return [r["name"] for r in env.sql("SELECT name FROM {p}product ORDER BY product_id")]


async def test_installed_bridge_answers_and_hides_its_keys(env):
    async with httpx.AsyncClient() as client:
        hello = await client.get(f"{env.site.url}/bridge2cart/bridge.php")
        config = await client.get(f"{env.site.url}/bridge2cart/config.php")
        guard = await client.get(f"{env.site.url}/bridge2cart/")
    assert hello.status_code == 200 and hello.text.endswith("BRIDGE INSTALLED.")
    assert keys(env)["bridge_secret"] not in config.text and "PRIVATE" not in config.text
    assert guard.status_code == 404
    info = await env.call("cart.info", {"params": "force_all"})
    assert info["return_code"] == 0, info
    assert info["result"]["bridge_version"] == "1.0.0" and info["result"]["db_prefix"] == "oc_"
    assert info["result"]["version"] == "3.0.3.8"
    listed = await env.call("account.cart.list")
    assert listed["result"]["carts"][0]["bridge_version"] == "1.0.0"
    platforms = await env.call("account.supported_platforms")
    assert platforms["result"]["supported_platforms"][0]["cart_method"] == "bridge"


async def test_signed_calls_read_and_write_through_the_bridge(env):
    assert (await env.call("product.count"))["result"]["products_count"] == 2
    page = await env.call("product.list", {"count": 1, "start": 1})
    assert [p["name"] for p in page["result"]["product"]] == ["Second"]
    injection = "x'); DROP TABLE oc_product; --"
    updated = await env.call("product.update", body={"id": "1", "name": injection})
    assert updated["return_code"] == 0, updated
    assert names(env) == [injection, "Second"]
    too_long = await env.call("product.update", body={"id": "2", "name": "x" * 300})
    assert too_long["return_code"] == 109 and "'name'" in too_long["return_message"], too_long
    assert names(env) == [injection, "Second"]


async def test_unsigned_tampered_and_foreign_requests_are_refused(env):
    payload = {"statements": [{"sql": "UPDATE {p}product SET viewed = viewed + 1", "params": []}]}
    unsigned, _ = await post(env, "multiquery", payload, signature="")
    assert unsigned.status_code == 401 and unsigned.json()["error"]["code"] == "bad_signature"
    good, sealed = await post(env, "multiquery", payload)
    tampered_body = sealed.body.replace(b'"multiquery"', b'"query"     ')
    tampered, _ = await post(env, "multiquery", payload, body=tampered_body,
                             signature=sign(keys(env)["bridge_secret"], sealed.body))
    assert tampered.status_code == 401 and tampered.json()["error"]["code"] == "bad_signature"
    other = new_bridge_keys()
    wrong_secret, _ = await post(env, "multiquery", payload, creds=other)
    assert wrong_secret.status_code == 401
    # right secret, but the payload key is wrapped for another store's RSA key
    foreign, _ = await post(env, "multiquery", payload,
                            creds={**keys(env), "bridge_public_key": other["bridge_public_key"]})
    assert foreign.status_code == 401 and foreign.json()["error"]["code"] == "bad_key"
    assert good.status_code == 200 and open_answer(sealed, good.content)["ok"]
    # only the one good request touched the table
    assert [r["viewed"] for r in env.sql("SELECT viewed FROM {p}product")] == [1, 1]


async def test_replayed_and_expired_requests_are_refused(env):
    payload = {"statements": [{"sql": "UPDATE {p}product SET viewed = viewed + 1", "params": []}]}
    first, sealed = await post(env, "multiquery", payload)
    assert first.status_code == 200
    replay, _ = await post(env, "multiquery", payload, sealed=sealed)
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "replayed"
    for skew in (-3600, 3600):
        expired, _ = await post(env, "multiquery", payload, now=time.time() + skew)
        assert expired.status_code == 401 and expired.json()["error"]["code"] == "expired"
    assert [r["viewed"] for r in env.sql("SELECT viewed FROM {p}product")] == [1, 1]


@pytest.mark.parametrize("sql", [
    "SELECT * FROM not_the_cart",
    "SELECT User FROM mysql.user",
    "SELECT * FROM `{p}product` p JOIN mysql.user u ON 1 = 1",
    "SELECT * FROM {p}product, not_the_cart",
    "SELECT * FROM {p}product p JOIN {p}product q ON 1 = 1, not_the_cart",
    "SELECT * FROM (not_the_cart)",
    "SELECT (SELECT secret FROM not_the_cart) AS s FROM {p}product",
    "SELECT * FROM {p}product UNION SELECT secret, 1, 1, 1 FROM not_the_cart",
    "DROP TABLE {p}product",
    "TRUNCATE {p}product",
    "SELECT 1; DELETE FROM {p}product",
    "DELETE FROM {p}product -- all of it",
    "SELECT LOAD_FILE('/etc/passwd')",
    "SELECT * FROM {p}product INTO OUTFILE '/tmp/anycart-leak'",
    "SELECT SLEEP(3)",
    "SELECT @@datadir",
    "INSERT {p}product (model, name) VALUES ('x', 'y')",
    "SELECT * FROM information_schema.tables",
])
async def test_statements_outside_the_cart_are_refused(env, sql):
    r, sealed = await post(env, "query", {"sql": sql, "params": []})
    answer = open_answer(sealed, r.content)
    assert answer["ok"] is False and answer["error"]["code"] == "sql_refused", answer
    # the Python copy of the rules (DirectExecutor's) refuses it too, with the same words
    with pytest.raises(RefusedStatement) as refused:
        check_statement(sql)
    assert str(refused.value) == answer["error"]["message"]
    assert names(env) == ["First", "Second"]
    assert env.sql("SELECT secret FROM not_the_cart") == [{"secret": "the merchant's other data"}]


@pytest.mark.parametrize("sql", [
    "SELECT p.name, (SELECT COUNT(*) FROM `{p}product` q WHERE q.viewed > p.viewed) AS rank_ "
    "FROM {p}product p WHERE p.product_id IN (?, ?) ORDER BY p.name, p.model LIMIT ? OFFSET ?",
    "SELECT x.n FROM (SELECT COUNT(*) AS n FROM {p}product) x",
    "SELECT name FROM {p}product WHERE name = 'FROM mysql.user, other' FOR UPDATE",
    "UPDATE {p}product p JOIN {p}product q ON q.product_id = p.product_id SET p.viewed = 0",
    "INSERT INTO {p}product (model, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = ?, viewed = 0",
])
async def test_statements_on_the_cart_run_under_both_copies_of_the_rules(env, sql):
    check_statement(sql)
    params = [1, 2, 5, 0] if "IN (?, ?)" in sql else ["M-9", "N", "N"] if "VALUES" in sql else []
    r, sealed = await post(env, "multiquery" if sql.startswith(("UPDATE", "INSERT")) else "query",
                           {"statements": [{"sql": sql, "params": params}]}
                           if sql.startswith(("UPDATE", "INSERT")) else {"sql": sql, "params": params})
    answer = open_answer(sealed, r.content)
    assert answer["ok"] is True, answer


async def test_a_failed_multiquery_writes_nothing(env):
    connector = TinyCart.connect(env.store(), env.services.http)
    from anycart.errors import ApiError

    with pytest.raises(ApiError) as failed:
        await connector.db.write([
            Statement("INSERT INTO {p}product (model, name) VALUES (?, ?)", ["M-3", "Third"]),
            Statement("UPDATE {p}product SET name = ? WHERE product_id = ?", ["Changed", InsertId(0)]),
            Statement("INSERT INTO {p}product (model, name) VALUES (?, ?)", ["M-1", "Duplicate"]),
        ])
    assert failed.value.code == 113 and "Duplicate" in failed.value.message
    assert names(env) == ["First", "Second"]
    done = await connector.db.write([
        Statement("INSERT INTO {p}product (model, name) VALUES (?, ?)", ["M-3", "Third"]),
        Statement("UPDATE {p}product SET name = CONCAT(name, ?) WHERE product_id = ?",
                  [" (3)", InsertId(0)])])
    assert done[1].affected == 1
    assert env.sql("SELECT name FROM {p}product WHERE product_id = %s", [done[0].insert_id]) == [
        {"name": "Third (3)"}]


@pytest.mark.parametrize("path", ["../outside.jpg", "image/../../bridge2cart/x.jpg",
                                  "image/catalog/shell.php", "/etc/x.jpg", "system/x.png",
                                  "image/catalog/x.png.php"])
async def test_files_are_written_only_as_images_under_the_image_folder(env, path):
    r, sealed = await post(env, "savefile", {"path": path, "content": base64.b64encode(b"x").decode()})
    answer = open_answer(sealed, r.content)
    assert answer["ok"] is False and answer["error"]["code"] == "path_refused", answer


async def test_an_image_is_saved_under_the_image_folder(env):
    png = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()
    r, sealed = await post(env, "savefile", {"path": "image/catalog/new/a.png", "content": png})
    assert open_answer(sealed, r.content)["ok"]
    assert (env.root / "image/catalog/new/a.png").read_bytes().startswith(b"\x89PNG")


async def test_download_update_and_delete(env):
    zipped = await env.download(whitelabel="true")
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert sorted(archive.namelist()) == ["bridge2cart/bridge.php", "bridge2cart/config.php",
                                              "bridge2cart/index.php"]
        config = archive.read("bridge2cart/config.php").decode()
        assert keys(env)["bridge_secret"] in config and "BEGIN PRIVATE KEY" in config
        assert "Connection bridge" in archive.read("bridge2cart/bridge.php").decode()
    bridge = env.root / "bridge2cart" / "bridge.php"
    bridge.write_text(bridge.read_text().replace("'1.0.0'", "'0.9.0'"))
    assert (await env.call("cart.info", {"params": "force_all"}))["result"]["bridge_version"] == "0.9.0"
    updated = await env.call("bridge.update", body={})
    assert updated["return_code"] == 0 and updated["result"] == {"updated": True}, updated
    assert (await env.call("cart.info", {"params": "force_all"}))["result"]["bridge_version"] == "1.0.0"
    deleted = await env.call("bridge.delete", body={})
    assert deleted["return_code"] == 0, deleted
    assert not (env.root / "bridge2cart").exists()
    gone = await env.call("product.count")
    assert gone["return_code"] == 104 and "Bridge not found" in gone["return_message"]


async def test_adding_a_store_explains_the_bridge_steps(env):
    store_key, env.store_key = env.store_key, None
    r = await env.call("account.cart.add", body={"cart_id": "Opencart14",
                                                 "store_url": env.site.url + "/other"})
    assert r["return_code"] == 104 and "bridge.download" in r["return_message"], r
    env.services.settings.allow_private_networks = False
    private = await env.call("account.cart.add", body={
        "cart_id": "Opencart14", "store_url": "https://93.184.216.34",
        "bridge_url": "http://169.254.169.254/bridge2cart/bridge.php", "verify": False})
    assert private["return_code"] == 109 and "bridge_url" in private["return_message"], private
    env.store_key = store_key


async def test_each_store_gets_its_own_keys_sealed_at_rest(env):
    env.store_key = None
    other = await env.call("account.cart.add", body={
        "cart_id": "Opencart14", "store_url": "http://93.184.216.35", "verify": False})
    account = env.services.repo.authenticate(env.api_key)
    second = env.services.repo.get_store(account.id, other["result"]["store_key"])
    assert second.credentials["bridge_secret"] != keys_of_first(env, account)["bridge_secret"]
    raw = (env.services.settings.data_dir / "anycart.db").read_bytes()
    assert second.credentials["bridge_secret"].encode() not in raw
    assert b"PRIVATE KEY" not in raw


def keys_of_first(env, account) -> dict:
    return next(s for s in env.services.repo.list_stores(account.id)
            if s.store_url == env.site.url).credentials


async def test_a_bridge_outside_the_store_root_with_bridge_url_and_store_root(env, tmp_path):
    """bridge_url places the bridge anywhere; store_root (baked into its config) tells it
    where the cart is."""
    elsewhere = env.root / "tools" / "connector"
    env.store_key = None
    added = await env.call("account.cart.add", body={
        "cart_id": "Opencart14", "store_url": env.site.url + "/shop2", "verify": False,
        "bridge_url": f"{env.site.url}/tools/connector/bridge2cart/bridge.php",
        "store_root": str(env.root)})
    assert added["return_code"] == 0, added
    env.store_key = added["result"]["store_key"]
    install_bridge(elsewhere, (await env.download()).content)
    assert (await env.call("cart.validate"))["return_code"] == 0
    assert (await env.call("product.count"))["result"]["products_count"] == 2


async def test_a_bridge_whose_database_is_unreachable_does_not_validate(env):
    config = env.root / "config.php"
    config.write_text(config.read_text().replace(
        f"define('DB_PASSWORD', '{env.mariadb.password}')", "define('DB_PASSWORD', 'wrong')"))
    answer = await env.call("cart.validate")
    assert answer["return_code"] == 105 and "db_unreachable" in answer["return_message"], answer


async def test_an_unreachable_bridge_is_106_after_retries(env):
    env.site.stop()
    answer = await env.call("product.count")
    assert answer["return_code"] == 106 and "could not be reached" in answer["return_message"]


def test_cli_downloads_the_bridge(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from anycart.cli import app as cli

    monkeypatch.setenv("ANYCART_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    api_key = runner.invoke(cli, ["account", "create", "shop"]).output.split("api_key: ")[1].split()[0]
    added = runner.invoke(cli, ["store", "add", "--cart-id", "Opencart14", "--api-key", api_key,
                                "store_url=https://93.184.216.34", "verify=false"])
    assert added.exit_code == 0, added.output
    store_key = json.loads(added.output)["result"]["store_key"]
    out = tmp_path / "bridge.zip"
    done = runner.invoke(cli, ["bridge", "download", store_key, "--api-key", api_key, "-o", str(out)])
    assert done.exit_code == 0, done.output
    with zipfile.ZipFile(out) as archive:
        assert "bridge2cart/bridge.php" in archive.namelist()
    wrong = runner.invoke(cli, ["bridge", "download", "nope", "--api-key", api_key])
    assert wrong.exit_code == 1 and '"return_code"' in wrong.output
