"""Where each cart wants a plugin's files: one function per package, answering the archive's
members (path -> content). Every bridge cart's package carries the same connector.php and
bridge.php (Magento 2's module, for a REST store, neither)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anycart.platforms.bridge.package import bridge_code

from .render import render

Files = dict[str, bytes | str]


def _common(v: dict[str, Any]) -> tuple[str, str]:
    return render("connector.php.j2", v), bridge_code()


def woocommerce(v: dict[str, Any]) -> Files:
    """A WordPress plugin folder: main file with the plugin header, uninstall.php (WordPress
    runs it on delete), the live rates shipping method, the connector and the bridge it copies
    into bridge2cart/."""
    slug = v["slug"]
    connector, bridge = _common(v)
    files: Files = {f"{slug}/{slug}.php": render("woocommerce/plugin.php.j2", v),
                    f"{slug}/uninstall.php": render("woocommerce/uninstall.php.j2", v),
                    f"{slug}/live-rates.php": render("woocommerce/live_rates.php.j2", v),
                    f"{slug}/connector.php": connector, f"{slug}/bridge/bridge.php": bridge,
                    f"{slug}/bridge/index.php": render("guard.php.j2", v)}
    if v["logo"]:
        files[f"{slug}/{v['logo']}"] = v["logo_bytes"]
    return files


def opencart3(v: dict[str, Any]) -> Files:
    """An OpenCart 3 ``.ocmod.zip``: ``install.xml`` and ``upload/`` (copied over the store
    root by Extensions > Installer); the module shows under Extensions > Modules."""
    slug = v["slug"]
    connector, bridge = _common(v)
    files: Files = {
        "install.xml": render("opencart3/install.xml.j2", v),
        f"upload/admin/controller/extension/module/{slug}.php":
            render("opencart3/controller.php.j2", v),
        f"upload/admin/view/template/extension/module/{slug}.twig":
            render("opencart_view.twig.j2", v),
        f"upload/admin/language/en-gb/extension/module/{slug}.php":
            render("opencart_language.php.j2", v),
        f"upload/system/library/{slug}/connector.php": connector,
        f"upload/system/library/{slug}/bridge.php": bridge}
    if v["logo"]:
        files[f"upload/admin/view/image/{slug}/{v['logo']}"] = v["logo_bytes"]
    return files


def opencart4(v: dict[str, Any]) -> Files:
    """An OpenCart 4 extension: ``install.json`` at the top; the installer unpacks the
    archive into ``extension/<slug>/``, whose ``admin/`` holds the module."""
    slug = v["slug"]
    connector, bridge = _common(v)
    files: Files = {
        "install.json": render("opencart4/install.json.j2", v),
        f"admin/controller/module/{slug}.php": render("opencart4/controller.php.j2", v),
        f"admin/view/template/module/{slug}.twig": render("opencart_view.twig.j2", v),
        f"admin/language/en-gb/module/{slug}.php": render("opencart_language.php.j2", v),
        "system/library/connector.php": connector, "system/library/bridge.php": bridge}
    if v["logo"]:
        files[f"admin/view/image/{v['logo']}"] = v["logo_bytes"]
    return files


def prestashop(v: dict[str, Any]) -> Files:
    """A PrestaShop module zip: ``<name>/<name>.php`` with the module class, config.xml, and
    ``logo.png`` (what the module list shows)."""
    slug = v["slug"]
    connector, bridge = _common(v)
    files: Files = {f"{slug}/{slug}.php": render("prestashop/module.php.j2", v),
                    f"{slug}/config.xml": render("prestashop/config.xml.j2", v),
                    f"{slug}/connector.php": connector, f"{slug}/bridge/bridge.php": bridge,
                    f"{slug}/bridge/index.php": render("guard.php.j2", v),
                    f"{slug}/index.php": render("guard.php.j2", v)}
    if v["logo"]:
        files[f"{slug}/logo.png"] = v["logo_bytes"]
    return files


def magento2(v: dict[str, Any]) -> Files:
    """A Magento 2 module for ``app/code/<Vendor>/LiveRates`` (``bin/magento setup:upgrade``):
    the ``anycart`` carrier (live shipping rates, as Magento_OfflineShipping's flat rate is a
    carrier) and the REST route AnyCart keeps its services through. A REST store carries no
    bridge, so neither connector.php nor bridge.php."""
    root = f"app/code/{v['camel']}/LiveRates"
    return {f"{root}/{path}": render(f"magento2/{template}", v) for path, template in (
        ("registration.php", "registration.php.j2"), ("etc/module.xml", "module.xml.j2"),
        ("etc/config.xml", "config.xml.j2"), ("etc/adminhtml/system.xml", "system.xml.j2"),
        ("etc/acl.xml", "acl.xml.j2"), ("etc/webapi.xml", "webapi.xml.j2"),
        ("etc/di.xml", "di.xml.j2"), ("Api/ServicesInterface.php", "services_interface.php.j2"),
        ("Api/Data/ServiceInterface.php", "service_interface.php.j2"),
        ("Model/Service.php", "service.php.j2"), ("Model/Services.php", "services.php.j2"),
        ("Model/Carrier/AnyCart.php", "carrier.php.j2"))}


Layout = Callable[[dict[str, Any]], Files]

#: cart option -> (AnyCart cart_id sent in x-webhook-cart-id, [(package path, layout)]). Both
#: OpenCart packages are ``<slug>.ocmod.zip``: OpenCart 4 takes the extension's code from the
#: file name, so they go in one folder per major version.
CARTS: dict[str, tuple[str, list[tuple[str, Layout]]]] = {
    "woocommerce": ("Woocommerce", [("{slug}.zip", woocommerce)]),
    "opencart": ("Opencart14", [("opencart3/{slug}.ocmod.zip", opencart3),
                                ("opencart4/{slug}.ocmod.zip", opencart4)]),
    "prestashop": ("Prestashop", [("{slug}.zip", prestashop)]),
    "magento2": ("Magento2Api", [("{slug}.zip", magento2)]),
}
