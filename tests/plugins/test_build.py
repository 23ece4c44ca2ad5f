"""Each cart's package, unpacked: the structure its cart's installer expects, valid PHP, and
the vendor's keys made once."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import zipfile

import lxml.etree
import pytest

from anycart.connect.errors import PluginError
from anycart.connect.keys import generate_keys
from anycart.platforms.registry import default_registry
from anycart.plugins.layouts import CARTS
from tests.plugins.conftest import build_packages, unpack

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def php_lint(root) -> int:
    files = sorted(root.rglob("*.php"))
    for path in files:
        done = subprocess.run(["php", "-l", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    return len(files)


def wp_header(text: str) -> dict[str, str]:
    """The header fields as WordPress's get_file_data() reads them."""
    return {m.group(1): m.group(2).strip()
            for m in re.finditer(r"^[ \t/*#@]*(Plugin Name|Description|Version|Author|"
                                 r"Requires Plugins):(.*)$", text, re.MULTILINE)}


@pytest.fixture
def logo(tmp_path):
    path = tmp_path / "acme.png"
    path.write_bytes(PNG)
    return path


def test_the_cart_ids_sent_are_this_servers_bridge_carts():
    for cart_id, _ in CARTS.values():
        assert default_registry().get(cart_id) is not None, cart_id


def test_woocommerce_plugin_zip(tmp_path, vendor_keys, logo):
    (package,) = build_packages("woocommerce", tmp_path / "out", "https://vendor.example/cb",
                                vendor_keys[1], logo)
    root = unpack(package, tmp_path / "wp")
    assert package.name == "acme_connector.zip"
    header = wp_header((root / "acme_connector/acme_connector.php").read_text())
    assert header == {"Plugin Name": "Acme Connector", "Description": "Connects your store to Acme.",
                      "Version": "1.0.0", "Author": "Acme & Co", "Requires Plugins": "woocommerce"}
    main = (root / "acme_connector/acme_connector.php").read_text()
    assert ">Connect</button>" in main and "check_admin_referer" in main
    assert "WP_UNINSTALL_PLUGIN" in (root / "acme_connector/uninstall.php").read_text()
    assert "ANYCART_BRIDGE_VERSION" in (root / "acme_connector/bridge/bridge.php").read_text()
    assert (root / "acme_connector/logo.png").read_bytes() == PNG
    assert "class AcmeConnector_Live_Rates extends WC_Shipping_Method" in (
        root / "acme_connector/live-rates.php").read_text()
    assert php_lint(root) == 6  # live-rates.php too


def test_opencart3_ocmod_zip(tmp_path, vendor_keys):
    oc3, oc4 = build_packages("opencart", tmp_path / "out", "https://vendor.example/cb",
                              vendor_keys[1])
    assert [p.relative_to(tmp_path / "out").as_posix() for p in (oc3, oc4)] == [
        "opencart3/acme_connector.ocmod.zip", "opencart4/acme_connector.ocmod.zip"]
    root = unpack(oc3, tmp_path / "oc3")
    # OpenCart 3's installer: install.xml with a <code>, everything else under upload/.
    xml = lxml.etree.parse(str(root / "install.xml")).getroot()
    assert xml.tag == "modification"
    assert {c.tag: c.text for c in xml} == {
        "name": "Acme Connector", "code": "acme_connector", "version": "1.0.0",
        "author": "Acme & Co", "link": "https://vendor.example/cb"}
    assert {p.name for p in root.iterdir()} == {"install.xml", "upload"}
    controller = (root / "upload/admin/controller/extension/module/acme_connector.php").read_text()
    assert "class ControllerExtensionModuleAcmeConnector extends Controller" in controller
    view = (root / "upload/admin/view/template/extension/module/acme_connector.twig").read_text()
    assert 'id="button-connect">Connect</button>' in view and "{{ action }}" in view
    assert (root / "upload/system/library/acme_connector/bridge.php").is_file()
    assert php_lint(root) == 4


def test_opencart4_extension_layout(tmp_path, vendor_keys):
    _, oc4 = build_packages("opencart", tmp_path / "out", "https://vendor.example/cb",
                            vendor_keys[1])
    root = unpack(oc4, tmp_path / "oc4")
    assert json.loads((root / "install.json").read_text()) == {
        "name": "Acme Connector", "version": "1.0.0", "author": "Acme & Co",
        "link": "https://vendor.example/cb"}
    controller = (root / "admin/controller/module/acme_connector.php").read_text()
    assert "namespace Opencart\\Admin\\Controller\\Extension\\AcmeConnector\\Module;" in controller
    assert "class AcmeConnector extends \\Opencart\\System\\Engine\\Controller" in controller
    assert (root / "admin/view/template/module/acme_connector.twig").is_file()
    assert (root / "admin/language/en-gb/module/acme_connector.php").is_file()
    assert php_lint(root) == 4


def test_prestashop_module_zip(tmp_path, vendor_keys, logo):
    (package,) = build_packages("prestashop", tmp_path / "out", "https://vendor.example/cb",
                                vendor_keys[1], logo)
    root = unpack(package, tmp_path / "ps")
    module = (root / "acme_connector/acme_connector.php").read_text()
    assert "class AcmeConnector extends Module" in module
    assert "$this->name = 'acme_connector';" in module and "public function getContent()" in module
    config = lxml.etree.parse(str(root / "acme_connector/config.xml")).getroot()
    assert config.findtext("name") == "acme_connector"
    assert config.findtext("author") == "Acme & Co"  # escaped in the XML, read back whole
    assert (root / "acme_connector/logo.png").read_bytes() == PNG
    assert php_lint(root) == 5


def test_keys_are_made_once_private_0600(tmp_path):
    private, public = generate_keys(tmp_path)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    first = private.read_bytes()
    with pytest.raises(PluginError, match="never overwritten"):
        generate_keys(tmp_path)
    assert private.read_bytes() == first and b"PUBLIC KEY" in public.read_bytes()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("callback", "ftp://vendor.example/cb", "not an http"),
    ("callback", "https://vendor.example/cb'.phpinfo().'", "not an http"),
    ("name", "Acme */ evil", "one line"),
    ("description", "two\nlines", "one line"),
    ("name", "42 Connector", "start with a letter"),
])
def test_bad_options_are_refused_and_nothing_written(tmp_path, field, value, message):
    from anycart.plugins.build import BuildOptions, build

    values = {"cart": "woocommerce", "name": "Acme", "company": "Acme", "description": "d",
              "callback": "https://vendor.example/cb"} | {field: value}
    with pytest.raises(PluginError, match=message):
        build(BuildOptions(values["cart"], values["name"], values["company"],
                           values["description"], values["callback"], None), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_unknown_cart_refused(tmp_path):
    from anycart.plugins.build import BuildOptions, build

    with pytest.raises(PluginError, match="--cart must be one of"):
        build(BuildOptions("magento", "Acme", "Acme", "d", "https://v.example/", None), tmp_path)


def test_packages_are_zips_with_no_absolute_or_parent_paths(tmp_path, vendor_keys):
    for cart in CARTS:
        for package in build_packages(cart, tmp_path / cart, "https://v.example/cb",
                                      vendor_keys[1]):
            names = zipfile.ZipFile(package).namelist()
            assert names and not any(n.startswith("/") or ".." in n for n in names)
