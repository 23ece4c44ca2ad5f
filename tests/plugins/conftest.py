"""A vendor's callback receiver (a real HTTP server on 127.0.0.1 that decrypts what a plugin
sends), the vendor's keys, and the packages built for each cart."""

from __future__ import annotations

import io
import json
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from anycart.config import Settings
from anycart.connect.callback import Callback, read_callback
from anycart.connect.errors import PluginError
from anycart.connect.keys import generate_keys, load_private_key
from anycart.plugins.build import BuildOptions, build
from anycart.services import build_services
from tests.bridge.mariadb import mariadb  # noqa: F401  (session fixture)
from tests.bridge.site import PhpServer, write_cart_files


@dataclass
class Receiver:
    url: str
    private_key_path: Path | None
    callbacks: list[Callback] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    raw: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    key = load_private_key(receiver.private_key_path) if receiver.private_key_path else None

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            headers = {k: v for k, v in self.headers.items()}
            receiver.raw.append((body, headers))
            try:
                receiver.callbacks.append(read_callback(body, headers, key))
                status, text = 200, b"accepted"
            except PluginError as exc:
                receiver.refusals.append(str(exc))
                status, text = 400, str(exc).encode()
            self.send_response(status)
            self.send_header("content-length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(scope="session")
def vendor_keys(tmp_path_factory) -> tuple[Path, Path]:
    return generate_keys(tmp_path_factory.mktemp("vendor-keys"))


def serve(private_key_path: Path | None) -> Iterator[Receiver]:
    receiver = Receiver("", private_key_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/callback"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def receiver(vendor_keys) -> Iterator[Receiver]:
    yield from serve(vendor_keys[0])


def build_packages(cart: str, out: Path, callback: str, public_key: Path | None,
                   logo: Path | None = None) -> list[Path]:
    pem = public_key.read_text() if public_key else None
    return build(BuildOptions(cart, "Acme Connector", "Acme & Co", "Connects your store to Acme.",
                              callback, pem, logo), out)


def unpack(package: Path, into: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(package.read_bytes())) as archive:
        archive.extractall(into)
    return into


#: package -> (cart for the store files, connector.php and bridge.php inside the package)
PACKAGES = {
    "woocommerce": ("woocommerce", 0, "acme_connector/connector.php",
                    "acme_connector/bridge/bridge.php"),
    "opencart3": ("opencart", 0, "upload/system/library/acme_connector/connector.php",
                  "upload/system/library/acme_connector/bridge.php"),
    "opencart4": ("opencart", 1, "system/library/connector.php", "system/library/bridge.php"),
    "prestashop": ("prestashop", 0, "acme_connector/connector.php",
                   "acme_connector/bridge/bridge.php"),
}
RUN = """<?php
require $argv[1];
$answer = $argv[2] === 'connect'
    ? AcmeConnectorConnector::connect($argv[3], $argv[4], $argv[5])
    : AcmeConnectorConnector::uninstall($argv[3], $argv[4]);
echo json_encode($answer);
"""


def run_php(tmp_path: Path, *args: str) -> dict:
    script = tmp_path / "run.php"
    script.write_text(RUN)
    done = subprocess.run(["php", str(script), *args], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def services(tmp_path):
    built = build_services(Settings(data_dir=tmp_path / "anycart", allow_private_networks=True,
                                    embedded_worker=False))
    yield built
    built.db.dispose()


@pytest.fixture
def shop(tmp_path, mariadb):
    """A store root holding a cart's config files, served by ``php -S``."""
    opened = []

    def make(cart: str) -> PhpServer:
        database = mariadb.create_database(f"plugin_{cart}")
        root = tmp_path / "store"
        root.mkdir()
        write_cart_files(root, cart, mariadb, database, "oc_" if cart == "opencart" else "wp_")
        site = PhpServer(root, workers=2)
        opened.append((site, database))
        return site

    yield make
    for site, database in opened:
        site.stop()
        mariadb.drop_database(database)
