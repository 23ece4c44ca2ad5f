"""A real MariaDB for the bridge tests.

``ANYCART_TEST_MARIADB_URL`` (``mysql://user:password@host:port``, set by ``.ci/run``) names a
running server with a user that may create databases. Without it a private server is started
from Debian's ``mariadbd`` in a temporary directory. Under CI a missing MariaDB is an error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import free_port


@dataclass(frozen=True)
class MariaDb:
    host: str
    port: int
    user: str
    password: str

    def connect(self, database: str | None = None):
        import pymysql

        return pymysql.connect(host=self.host, port=self.port, user=self.user,
                               password=self.password, database=database, charset="utf8mb4",
                               autocommit=True, client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS)

    def create_database(self, stem: str) -> str:
        name = f"{stem}_{uuid.uuid4().hex[:8]}"
        with self.connect() as conn, conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci")
        return name

    def drop_database(self, name: str) -> None:
        with self.connect() as conn, conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")

    def run_script(self, database: str, sql: str) -> None:
        """Run a DDL/data script (statements separated by ``;`` at line ends)."""
        with self.connect(database) as conn, conn.cursor() as cur:
            cur.execute(sql)
            while cur.nextset():
                pass


@dataclass
class PrivateServer:
    """A MariaDB this process started in a temporary directory."""

    db: MariaDb
    process: subprocess.Popen
    workdir: str

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.workdir, ignore_errors=True)


def start_private_server() -> PrivateServer:
    workdir = tempfile.mkdtemp(prefix="anycart-mariadb-")
    datadir = Path(workdir) / "data"
    subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={datadir}", "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db"],
                   check=True, capture_output=True)
    port = free_port()
    sock = f"{workdir}/mysqld.sock"
    server = subprocess.Popen(
        ["mariadbd", "--no-defaults", f"--datadir={datadir}", "--user=root", f"--port={port}",
         "--bind-address=127.0.0.1", f"--socket={sock}", "--skip-log-bin",
         "--innodb-buffer-pool-size=128M", "--innodb-flush-log-at-trx-commit=2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = subprocess.run(["mariadb", f"--socket={sock}", "-uroot", "-e",
                               "CREATE USER IF NOT EXISTS 'anycart'@'127.0.0.1' "
                               "IDENTIFIED BY 'anycart-test'; "
                               "GRANT ALL ON *.* TO 'anycart'@'127.0.0.1';"],
                              capture_output=True)
        if done.returncode == 0:
            return PrivateServer(MariaDb("127.0.0.1", port, "anycart", "anycart-test"), server,
                                 workdir)
        time.sleep(0.3)
    server.kill()
    raise RuntimeError("MariaDB did not start")


def configured() -> MariaDb | None:
    """The server ``ANYCART_TEST_MARIADB_URL`` names, if it is set."""
    url = os.environ.get("ANYCART_TEST_MARIADB_URL")
    if not url:
        return None
    parts = urlsplit(url)
    return MariaDb(parts.hostname or "127.0.0.1", parts.port or 3306, parts.username or "root",
                   parts.password or "")


@pytest.fixture(scope="session")
def mariadb():
    given = configured()
    if given is not None:
        yield given
        return
    if not shutil.which("mariadbd") or not shutil.which("mariadb-install-db"):
        if os.environ.get("CI"):
            pytest.fail("MariaDB is not installed under CI: the bridge tests must run")
        pytest.skip("MariaDB not installed (apt install mariadb-server) and "
                    "ANYCART_TEST_MARIADB_URL not set")
    server = start_private_server()
    yield server.db
    server.stop()
