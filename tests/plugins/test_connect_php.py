"""Each package's connect code run by real PHP: it installs bridge2cart/ in a store root (the
cart's own config files, a real MariaDB), sends the callback to a real receiver on
127.0.0.1, which decrypts it; AnyCart adds the store after its bridge answered a signed
request. Uninstalling removes the bridge and marks the store disconnected."""

from __future__ import annotations

import base64
import json
import time

import httpx
import pytest

from anycart.connect.callback import read_callback
from anycart.connect.errors import PluginError
from anycart.connect.keys import generate_keys, load_private_key
from anycart.plugins.accept import accept, disconnected_at
from tests.plugins.conftest import PACKAGES, build_packages, run_php, serve, unpack


@pytest.mark.parametrize("package", PACKAGES)
async def test_connect_adds_the_store_and_uninstall_disconnects_it(
        package, tmp_path, receiver, services, shop):
    cart, index, connector, bridge = PACKAGES[package]
    built = build_packages(cart, tmp_path / "out", receiver.url, receiver.private_key_path
                           and receiver.private_key_path.with_name("callback_public.pem"))
    files = unpack(built[index], tmp_path / "package")
    site = shop(cart)
    answer = run_php(tmp_path, str(files / connector), "connect", str(site.root), site.url,
                     str(files / bridge))
    assert answer == {"ok": True, "status": 200, "message": "accepted"}, answer
    (callback,) = receiver.callbacks
    body, headers = receiver.raw[0]
    assert set(json.loads(body)) == {"data"}  # the FAQ's one field, base64 of RSA blocks
    assert len(base64.b64decode(json.loads(body)["data"])) % 256 == 0
    assert headers["x-webhook-cart-id"] == callback.cart_id
    assert abs(int(headers["x-webhook-timestamp"]) - time.time()) < 60
    fields = callback.fields
    assert (fields.store_url, fields.store_root) == (site.url, str(site.root))
    assert fields.bridge_url == site.url + "/bridge2cart/bridge.php" and len(fields.store_key) == 64
    assert httpx.get(fields.bridge_url).text.endswith("BRIDGE INSTALLED.")

    account, api_key = services.repo.create_account("vendor")
    added = await accept(services, account.id, callback)  # the bridge answers a signed checkbridge
    (store,) = services.repo.list_stores(account.id)
    assert (store.store_key, store.store_url, store.cart_id) == (
        added.store_key, site.url, callback.cart_id)
    assert store.credentials["bridge_secret"] == fields.store_key
    answer = await services.gateway.handle("cart.validate", {}, {
        "x-api-key": api_key, "x-store-key": store.store_key}, None)
    assert answer["return_code"] == 0, answer
    download = await services.gateway.handle("bridge.download", {}, {
        "x-api-key": api_key, "x-store-key": store.store_key}, None)
    assert download["return_code"] == 104 and "press Connect" in download["return_message"]

    gone = run_php(tmp_path, str(files / connector), "uninstall", str(site.root), site.url)
    assert gone["ok"], gone
    assert not (site.root / "bridge2cart").exists()
    done = await accept(services, account.id, receiver.callbacks[1])
    assert (done.event, done.store_key) == ("disconnect", store.store_key)
    record = services.repo.get_store_by_id(store.id)
    assert record is not None and disconnected_at(services, record.id) is not None
    assert "bridge_secret" not in record.credentials
    answer = await services.gateway.handle("cart.validate", {}, {
        "x-api-key": api_key, "x-store-key": store.store_key}, None)
    assert answer["return_code"] != 0, answer  # no keys: AnyCart does not call a removed bridge

    # Installed and connected again: the same store, new keys, no longer disconnected.
    run_php(tmp_path, str(files / connector), "connect", str(site.root), site.url,
            str(files / bridge))
    again = await accept(services, account.id, receiver.callbacks[2])
    assert again.store_key == store.store_key and len(services.repo.list_stores(account.id)) == 1
    assert disconnected_at(services, store.id) is None
    assert services.repo.get_store_by_id(store.id).credentials["bridge_secret"] == \
        receiver.callbacks[2].fields.store_key != fields.store_key


async def test_wrong_key_tampered_stale_and_plain_are_refused_and_add_nothing(
        tmp_path, vendor_keys, services, shop):
    site = shop("woocommerce")
    other_private, _ = generate_keys(tmp_path / "other")
    for receiver in serve(other_private):  # a receiver holding another vendor's key
        (built,) = build_packages("woocommerce", tmp_path / "out", receiver.url, vendor_keys[1])
        files = unpack(built, tmp_path / "package")
        answer = run_php(tmp_path, str(files / PACKAGES["woocommerce"][2]), "connect",
                         str(site.root), site.url, str(files / PACKAGES["woocommerce"][3]))
        assert answer["status"] == 400 and "does not decrypt" in answer["message"], answer
        body, headers = receiver.raw[0]
    key = load_private_key(vendor_keys[0])
    good = read_callback(body, headers, key)  # the right key reads the very same request
    assert good.fields.store_url == site.url
    data = bytearray(base64.b64decode(json.loads(body)["data"]))
    data[300] ^= 1
    tampered = json.dumps({"data": base64.b64encode(bytes(data)).decode()}).encode()
    refused = {
        "does not decrypt": (tampered, headers, key, None),
        "whole 256-byte": (json.dumps({"data": base64.b64encode(bytes(data[:-3])).decode()})
                           .encode(), headers, key, None),
        "stale": (body, headers, key, time.time() + 301),
        "differs from the timestamp": (body, {**headers, "x-webhook-timestamp": str(
            int(headers["x-webhook-timestamp"]) + 1)}, key, None),
        "not encrypted, but a private key": (json.dumps(good.fields.model_dump()).encode(),
                                             headers, key, None),
        "give the private key": (body, headers, None, None),
        "no x-webhook-cart-id": (body, {k: v for k, v in headers.items()
                                        if k.lower() != "x-webhook-cart-id"}, key, None),
    }
    for message, (raw, hdrs, rsa_key, now) in refused.items():
        with pytest.raises(PluginError, match=message):
            read_callback(raw, hdrs, rsa_key, now=now)
    account, _ = services.repo.create_account("vendor")
    forged = good.model_copy(update={"cart_id": "Shopify"})
    with pytest.raises(PluginError, match="not a bridge cart"):
        await accept(services, account.id, forged)
    disconnect = good.model_copy(update={"fields": good.fields.model_copy(
        update={"event": "disconnect"})})
    with pytest.raises(PluginError, match="no connected store"):
        await accept(services, account.id, disconnect)
    assert services.repo.list_stores(account.id) == []


async def test_no_encryption_plugin_sends_plain_json(tmp_path, services, shop):
    site = shop("prestashop")
    for receiver in serve(None):
        (built,) = build_packages("prestashop", tmp_path / "out", receiver.url, None)
        files = unpack(built, tmp_path / "package")
        answer = run_php(tmp_path, str(files / PACKAGES["prestashop"][2]), "connect",
                         str(site.root), site.url, str(files / PACKAGES["prestashop"][3]))
        assert answer["ok"], answer
        body, _ = receiver.raw[0]
        assert json.loads(body)["store_url"] == site.url
        (callback,) = receiver.callbacks
    account, _ = services.repo.create_account("vendor")
    added = await accept(services, account.id, callback)
    assert [s.store_key for s in services.repo.list_stores(account.id)] == [added.store_key]
