"""The WordPress plugin file and the PrestaShop module class run by real PHP, with the few
cart functions they call defined as the cart defines them (WordPress and PrestaShop
themselves are not vendored): the admin page shows the Connect form, submitting it installs
the bridge and sends the callback, which the receiver decrypts; uninstall tells the receiver
and removes the bridge."""

from __future__ import annotations

import json
import subprocess

from tests.plugins.conftest import build_packages, unpack

WORDPRESS = r"""<?php
define('ABSPATH', $argv[1] . '/');
$hooks = array(); $menu = array(); $transients = array();
function add_action($hook, $callback) { $GLOBALS['hooks'][$hook][] = $callback; }
function add_filter($hook, $callback) { $GLOBALS['hooks'][$hook][] = $callback; }
function add_menu_page($title, $menu, $capability, $slug, $callback) { $GLOBALS['menu'][$slug] = $callback; }
function esc_html($text) { return htmlspecialchars($text, ENT_QUOTES); }
function esc_url($url) { return htmlspecialchars($url, ENT_QUOTES); }
function admin_url($path = '') { return 'http://shop.test/wp-admin/' . $path; }
function plugins_url($path, $file) { return 'http://shop.test/wp-content/plugins/p/' . $path; }
function wp_nonce_field($action) { echo '<input type="hidden" name="_wpnonce" value="n">'; }
function check_admin_referer($action) { $GLOBALS['checked'] = $action; return 1; }
function current_user_can($capability) { return $capability === 'manage_options'; }
function get_transient($key) { return isset($GLOBALS['transients'][$key]) ? $GLOBALS['transients'][$key] : false; }
function set_transient($key, $value, $ttl) { $GLOBALS['transients'][$key] = $value; return true; }
function delete_transient($key) { unset($GLOBALS['transients'][$key]); }
function home_url() { return $GLOBALS['argv'][2]; }
function wp_safe_redirect($url) { $GLOBALS['redirect'] = $url; }
function wp_die($message) { throw new Exception($message); }
require $argv[3];
foreach ($hooks['admin_menu'] as $callback) { $callback(); }
ob_start();
foreach ($menu as $callback) { $callback(); }
$page = ob_get_clean();
register_shutdown_function(function () use ($page) {
    echo json_encode(array('page' => $page, 'checked' => $GLOBALS['checked'],
        'redirect' => $GLOBALS['redirect'], 'result' => array_values($GLOBALS['transients'])));
});
$action = 'admin_post_' . preg_replace('/.*name="action" value="([^"]+)".*/s', '$1', $page);
foreach ($hooks[$action] as $callback) { $callback(); }
"""

WORDPRESS_UNINSTALL = r"""<?php
define('ABSPATH', $argv[1] . '/');
define('WP_UNINSTALL_PLUGIN', 'acme_connector/acme_connector.php');
function home_url() { return $GLOBALS['argv'][2]; }
require $argv[3];
echo 'done';
"""

PRESTASHOP = r"""<?php
define('_PS_VERSION_', '8.1.7');
define('_PS_ROOT_DIR_', $argv[1]);
class Module {
    public $name; public $displayName; public $description;
    public function __construct() {}
    public function uninstall() { return true; }
    public function displayConfirmation($text) { return '<div class="alert alert-success">' . $text . '</div>'; }
    public function displayError($text) { return '<div class="alert alert-danger">' . $text . '</div>'; }
}
class Tools {
    public static function isSubmit($key) { return isset($_POST[$key]); }
    public static function getAdminTokenLite($tab) { return 'token'; }
}
class AdminController { public static $currentIndex = 'index.php?controller=AdminModules'; }
class Shop { public function getBaseURL($ssl) { return $GLOBALS['argv'][2] . '/'; } }
class Context {
    public $shop;
    public static function getContext() { $context = new Context(); $context->shop = new Shop(); return $context; }
}
require $argv[3];
$module = new AcmeConnector();
$page = $module->getContent();
$_POST['connect'] = '1';
$connected = $module->getContent();
$uninstalled = $module->uninstall();
echo json_encode(array('name' => $module->name, 'page' => $page, 'connected' => $connected,
    'uninstalled' => $uninstalled));
"""


def php(tmp_path, script: str, *args: str) -> str:
    path = tmp_path / "glue.php"
    path.write_text(script)
    done = subprocess.run(["php", str(path), *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_wordpress_plugin_page_connect_and_uninstall(tmp_path, receiver, vendor_keys):
    (package,) = build_packages("woocommerce", tmp_path / "out", receiver.url, vendor_keys[1])
    plugin = unpack(package, tmp_path / "plugins") / "acme_connector"
    root = tmp_path / "wordpress"
    root.mkdir()
    out = json.loads(php(tmp_path, WORDPRESS, str(root), "http://shop.test",
                         str(plugin / "acme_connector.php")))
    assert '<button type="submit" class="button button-primary" name="connect" value="1">' \
           'Connect</button>' in out["page"]
    assert 'action="http://shop.test/wp-admin/admin-post.php"' in out["page"]
    assert out["checked"] == "acme_connector_connect"  # the nonce is checked before anything
    assert out["result"] == ["Connected."]
    assert out["redirect"] == "http://shop.test/wp-admin/admin.php?page=acme_connector"
    (callback,) = receiver.callbacks
    assert (callback.cart_id, callback.fields.store_url, callback.fields.store_root) == (
        "Woocommerce", "http://shop.test", str(root))
    assert (root / "bridge2cart/bridge.php").read_text() == (
        plugin / "bridge/bridge.php").read_text()
    assert php(tmp_path, WORDPRESS_UNINSTALL, str(root), "http://shop.test",
               str(plugin / "uninstall.php")) == "done"
    assert receiver.callbacks[1].fields.event == "disconnect"
    assert receiver.callbacks[1].fields.store_key == callback.fields.store_key
    assert not (root / "bridge2cart").exists()


def test_prestashop_module_configure_connect_and_uninstall(tmp_path, receiver, vendor_keys):
    (package,) = build_packages("prestashop", tmp_path / "out", receiver.url, vendor_keys[1])
    module = unpack(package, tmp_path / "modules") / "acme_connector"
    root = tmp_path / "prestashop"
    root.mkdir()
    out = json.loads(php(tmp_path, PRESTASHOP, str(root), "http://shop.test",
                         str(module / "acme_connector.php")))
    assert out["name"] == "acme_connector" and out["uninstalled"] is True
    assert 'name="connect" value="1" class="btn btn-primary">Connect</button>' in out["page"]
    assert 'action="index.php?controller=AdminModules&amp;configure=acme_connector' \
           '&amp;token=token"' in out["page"]
    assert out["connected"].startswith('<div class="alert alert-success">Connected.</div>')
    connect, disconnect = receiver.callbacks
    assert (connect.cart_id, connect.fields.store_url, connect.fields.store_root) == (
        "Prestashop", "http://shop.test", str(root))
    assert (disconnect.fields.event, disconnect.fields.store_key) == (
        "disconnect", connect.fields.store_key)
    assert not (root / "bridge2cart").exists()
