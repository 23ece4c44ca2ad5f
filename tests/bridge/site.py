"""A store's web root served by real PHP: the cart's own config files, bridge2cart/ unzipped
from ``bridge.download``, and ``php -S`` in front of it.

The config files are the ones each cart writes at install time, holding the MariaDB database
the test created; bridge.php finds the cart and its credentials in them exactly as on a real
server.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.bridge.mariadb import MariaDb
from tests.conftest import free_port

CART_VERSIONS = {"opencart": "3.0.3.8", "woocommerce": "8.9.3", "prestashop": "8.1.7"}


def _php_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def write_cart_files(root: Path, cart: str, db: MariaDb, database: str, prefix: str,
                     version: str | None = None) -> None:
    version = version or CART_VERSIONS[cart]
    host, q = f"{db.host}", _php_quote
    if cart == "opencart":
        (root / "system").mkdir(parents=True, exist_ok=True)
        (root / "system" / "startup.php").write_text("<?php\n// OpenCart startup\n")
        (root / "index.php").write_text(f"<?php\n// Version\ndefine('VERSION', '{version}');\n")
        (root / "config.php").write_text(
            "<?php\n// HTTP\ndefine('HTTP_SERVER', 'http://shop.example/');\n"
            f"define('DIR_IMAGE', {q(str(root / 'image'))} . '/');\n"
            "// DB\ndefine('DB_DRIVER', 'mysqli');\n"
            f"define('DB_HOSTNAME', {q(host)});\ndefine('DB_USERNAME', {q(db.user)});\n"
            f"define('DB_PASSWORD', {q(db.password)});\ndefine('DB_DATABASE', {q(database)});\n"
            f"define('DB_PORT', '{db.port}');\ndefine('DB_PREFIX', {q(prefix)});\n")
    elif cart == "woocommerce":
        plugin = root / "wp-content" / "plugins" / "woocommerce"
        plugin.mkdir(parents=True, exist_ok=True)
        (plugin / "woocommerce.php").write_text(
            f"<?php\n/**\n * Plugin Name: WooCommerce\n * Version: {version}\n */\n")
        (root / "wp-config.php").write_text(
            "<?php\n/** The name of the database for WordPress */\n"
            f"define( 'DB_NAME', {q(database)} );\ndefine( 'DB_USER', {q(db.user)} );\n"
            f"define( 'DB_PASSWORD', {q(db.password)} );\n"
            f"define( 'DB_HOST', {q(f'{host}:{db.port}')} );\n"
            "define( 'DB_CHARSET', 'utf8mb4' );\n"
            f"$table_prefix = {q(prefix)};\n"
            "require_once ABSPATH . 'wp-settings.php';\n")
    elif cart == "prestashop":
        (root / "app" / "config").mkdir(parents=True, exist_ok=True)
        (root / "app" / "AppKernel.php").write_text(
            f"<?php\nclass AppKernel\n{{\n    const VERSION = '{version}';\n}}\n")
        (root / "app" / "config" / "parameters.php").write_text(
            "<?php return array (\n  'parameters' => \n  array (\n"
            f"    'database_host' => {q(host)},\n    'database_port' => '{db.port}',\n"
            f"    'database_name' => {q(database)},\n    'database_user' => {q(db.user)},\n"
            f"    'database_password' => {q(db.password)},\n    'database_prefix' => {q(prefix)},\n"
            "    'database_engine' => 'InnoDB',\n  ),\n);\n")
    else:
        raise ValueError(cart)


def install_bridge(root: Path, bridge_zip: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(bridge_zip)) as archive:
        archive.extractall(root)


class PhpServer:
    """``php -S`` over a store root (several workers, as a real PHP-FPM pool would have)."""

    def __init__(self, root: Path, workers: int = 4, port: int | None = None) -> None:
        if not shutil.which("php"):
            if os.environ.get("CI"):
                pytest.fail("PHP is not installed under CI: the bridge tests must run")
            pytest.skip("PHP not installed (apt install php-cli php-mysql)")
        self.root = root
        self.port = port or free_port()  # a cart that must know its URL before it runs
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PHP_CLI_SERVER_WORKERS": str(workers)}
        self._process = subprocess.Popen(
            # revalidate_freq=0: a bridge unzipped again over the running server is read at
            # once (opcache would keep the old config.php, and its keys, for 2 s).
            ["php", "-d", "variables_order=EGPCS", "-d", "opcache.revalidate_freq=0",
             "-S", f"127.0.0.1:{self.port}", "-t", str(root)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            start_new_session=True)  # its own process group: the workers stop with it
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("php -S did not start")

    def stop(self) -> None:
        """Stop the server and its forked workers (they share the listening socket)."""
        try:
            os.killpg(self._process.pid, signal.SIGTERM)
            self._process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=10)
