"""A real OpenCart store made the way OpenCart's own INSTALL.md makes one: the release tarball
from ``../shared/vendor/opencart/`` unpacked, an empty MariaDB database, OpenCart's CLI
installer (``upload/install/cli_install.php install ...``), the ``install/`` folder removed,
``upload/`` served by ``php -S``.

Nothing here writes a cart table: the schema and the sample catalogue (19 products, 38
categories) are OpenCart's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.bridge.mariadb import MariaDb
from tests.bridge.site import PhpServer
from tests.conftest import SHARED, free_port

VENDOR = SHARED / "vendor" / "opencart"
VERSIONS = ("4.0.2.3", "3.0.4.1")
#: What OpenCart's installer checks for, and what its admin and storefront load.
EXTENSIONS = ("mysqli", "gd", "curl", "zip", "mbstring", "xml", "openssl", "zlib")
ADMIN_USER, ADMIN_PASSWORD, ADMIN_EMAIL = "admin", "anycart-admin1", "admin@example.com"
PREFIX = "oc_"


@dataclass
class Store:
    version: str
    root: Path          # the web root: the release's upload/ folder
    site: PhpServer
    mariadb: MariaDb
    database: str

    @property
    def major(self) -> int:
        return int(self.version.split(".", 1)[0])

    @property
    def url(self) -> str:
        return self.site.url + "/"


def missing(reason: str) -> None:
    """Under CI a missing component fails the suite; elsewhere it skips it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} under CI: the real OpenCart suite must run")
    pytest.skip(reason)


def require_php() -> None:
    if not shutil.which("php"):
        missing("PHP is not installed (apt install php-cli php-mysql)")
    loaded = subprocess.run(["php", "-m"], capture_output=True, text=True, check=True).stdout
    modules = {line.strip().lower() for line in loaded.splitlines()}
    absent = [name for name in EXTENSIONS if name not in modules]
    if absent:
        missing(f"PHP extensions {', '.join(absent)} are missing "
                "(apt install php-gd php-curl php-zip php-mbstring php-xml php-mysql)")


def unpack(version: str, into: Path) -> Path:
    """The release's ``upload/`` folder, unpacked under ``into``."""
    tarball = VENDOR / f"opencart-{version}.tar.xz"
    if not tarball.is_file():
        missing(f"{tarball} is not there (see ../shared/vendor/README.md)")
    with tarfile.open(tarball) as archive:
        archive.extractall(into, filter="tar")
    (upload,) = into.glob("*/upload")
    return upload


def install(version: str, workdir: Path, mariadb: MariaDb) -> Store:
    """Unpack, run OpenCart's CLI installer on a new database, serve the store."""
    require_php()
    root = unpack(version, workdir)
    # Both installers want config.php and admin/config.php present and writable.
    shutil.copy(root / "config-dist.php", root / "config.php")
    shutil.copy(root / "admin" / "config-dist.php", root / "admin" / "config.php")
    database = mariadb.create_database("oc" + version.replace(".", ""))
    port = free_port()  # the store's URL goes into its config files, so it is known first
    done = subprocess.run(
        ["php", str(root / "install" / "cli_install.php"), "install",
         "--db_driver", "mysqli", "--db_hostname", mariadb.host,
         "--db_username", mariadb.user, "--db_password", mariadb.password,
         "--db_database", database, "--db_port", str(mariadb.port), "--db_prefix", PREFIX,
         "--username", ADMIN_USER, "--password", ADMIN_PASSWORD, "--email", ADMIN_EMAIL,
         "--http_server", f"http://127.0.0.1:{port}/"],
        check=False, capture_output=True, text=True, cwd=root / "install", timeout=120)
    assert done.returncode == 0 and "SUCCESS" in done.stdout, done.stdout + done.stderr
    # INSTALL.md: "After successful install, delete the /install/ directory".
    shutil.rmtree(root / "install")
    # OpenCart's default URLs are index.php?route=..., so plain -t needs no router.
    site = PhpServer(root, workers=4, port=port)
    return Store(version, root, site, mariadb, database)


def uninstall(store: Store) -> None:
    store.site.stop()
    store.mariadb.drop_database(store.database)
    shutil.rmtree(store.root.parent, ignore_errors=True)  # 60-90 MB unpacked per release
