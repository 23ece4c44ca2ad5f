"""The OpenCart packages on real OpenCart 3.0.4.1 and 4.0.2.3 (installed by OpenCart's CLI
installer, tests/bridge/real_opencart/install.py), as a merchant uses them, all through
OpenCart's own admin as the logged-in admin: Extensions > Installer uploads the .ocmod.zip
and OpenCart's installer steps place its files, Extensions > Modules > Install adds the module
and its permissions, the module's page shows the Connect button, pressing it (a POST) sends
the callback; the receiver decrypts it and AnyCart adds the store, whose bridge then answers
signed requests. Uninstalling the module removes the bridge and marks the store disconnected.
"""

from __future__ import annotations

import lxml.html

from anycart.config import Settings
from anycart.plugins.accept import accept, disconnected_at
from anycart.services import build_services
from tests.bridge.real_opencart.admin import Admin
from tests.bridge.real_opencart.conftest import store  # noqa: F401  (session: one per version)
from tests.plugins.conftest import build_packages

SLUG = "acme_connector"


async def _follow(admin: Admin, answer) -> None:
    """OpenCart's installer answers JSON ``next`` step by step, as its page's script follows."""
    for _ in range(10):
        body = answer.json()
        assert not body.get("error"), body
        if not body.get("next"):
            return
        answer = await admin.client.get(body["next"].replace("&amp;", "&"))
        assert answer.status_code == 200, answer.text[:500]
    raise AssertionError("the installer did not finish")


async def _install(admin: Admin, package: bytes) -> str:
    """Upload and install the package; answer the module page's route."""
    params = {"user_token": admin.token}
    upload = {"file": (f"{SLUG}.ocmod.zip", package, "application/zip")}
    if admin.store.major >= 4:
        answer = await admin.client.post(admin.base, files=upload, params={
            **params, "route": "marketplace/installer.upload"})
        assert "success" in answer.json(), answer.text[:500]
        with admin.store.mariadb.connect(admin.store.database) as conn, conn.cursor() as cur:
            cur.execute("SELECT extension_install_id FROM oc_extension_install WHERE code = %s",
                        [SLUG])
            (install_id,) = cur.fetchone()
        await _follow(admin, await admin.client.get(admin.base, params={
            **params, "route": "marketplace/installer.install",
            "extension_install_id": str(install_id)}))
        added = await admin.client.get(admin.base, params={
            **params, "route": "extension/module.install", "extension": SLUG, "code": SLUG})
        assert "success" in added.json(), added.text[:500]
        return f"extension/{SLUG}/module/{SLUG}"
    await _follow(admin, await admin.client.post(admin.base, files=upload, params={
        **params, "route": "marketplace/installer/upload"}))
    added = await admin.client.get(admin.base, params={
        **params, "route": "extension/extension/module/install", "extension": SLUG})
    assert added.status_code == 200 and "alert-success" in added.text, added.text[:500]
    return f"extension/module/{SLUG}"


async def _uninstall(admin: Admin) -> None:
    params = {"user_token": admin.token}
    if admin.store.major >= 4:
        gone = await admin.client.get(admin.base, params={
            **params, "route": "extension/module.uninstall", "extension": SLUG, "code": SLUG})
        assert "success" in gone.json(), gone.text[:500]
    else:
        gone = await admin.client.get(admin.base, params={
            **params, "route": "extension/extension/module/uninstall", "extension": SLUG})
        assert gone.status_code == 200 and "alert-success" in gone.text, gone.text[:500]


async def test_module_installs_connects_and_uninstalls(store, tmp_path, receiver,
                                                       vendor_keys):
    oc3, oc4 = build_packages("opencart", tmp_path / "out", receiver.url, vendor_keys[1])
    package = (oc4 if store.major >= 4 else oc3).read_bytes()
    services = build_services(Settings(data_dir=tmp_path / "anycart",
                                       allow_private_networks=True, embedded_worker=False))
    account, api_key = services.repo.create_account("vendor")
    try:
        async with Admin(store) as admin:
            route = await _install(admin, package)
            page = lxml.html.fromstring(await admin.page(route))
            (button,) = page.xpath('//form[@id="form-connect"]//button[@id="button-connect"]')
            assert button.text_content() == "Connect"
            action = page.get_element_by_id("form-connect").action
            pressed = await admin.client.post(action, data={"connect": "1"})
            assert pressed.status_code == 200, pressed.text[:500]
            shown = lxml.html.fromstring(pressed.text).get_element_by_id("connect-result")
            assert shown.text_content().strip() == "Connected.", shown.text_content()
            (callback,) = receiver.callbacks
            assert callback.cart_id == "Opencart14"
            assert callback.fields.store_url == store.url.rstrip("/")
            assert callback.fields.store_root == str(store.root)
            added = await accept(services, account.id, callback)  # after a signed checkbridge
            headers = {"x-api-key": api_key, "x-store-key": added.store_key}
            info = await services.gateway.handle("cart.info", {"params": ["force_all"]}, headers, None)
            assert info["return_code"] == 0 and info["result"]["version"] == store.version, info
            count = await services.gateway.handle("product.count", {}, headers, None)
            assert count["return_code"] == 0 and count["result"]["products_count"] >= 19, count

            await _uninstall(admin)
        assert not (store.root / "bridge2cart").exists()
        done = await accept(services, account.id, receiver.callbacks[1])
        assert done.event == "disconnect"
        record = services.repo.get_store(account.id, added.store_key)
        assert record is not None and disconnected_at(services, record.id) is not None
        gone = await services.gateway.handle("cart.validate", {}, headers, None)
        assert gone["return_code"] != 0, gone
    finally:
        await services.http.aclose()
        services.db.dispose()
