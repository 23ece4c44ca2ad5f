"""The object that wires AnyCart together: settings, database, HTTP layer, gateway.

Every entry point (``anycart serve``, ``anycart worker``, ``anycart demo``, the tests and
benchmarks) builds one :class:`Services` and hands it on; nothing below reads a global.
"""

from __future__ import annotations

from dataclasses import dataclass

from anycart import redact
from anycart.config import Settings
from anycart.contract.catalogue import Catalogue, load_catalogue
from anycart.methods.gateway import Gateway
from anycart.methods.table import METHOD_TABLE
from anycart.platforms.base import PlatformSettings
from anycart.platforms.registry import PlatformRegistry, default_registry
from anycart.storage.db import Database
from anycart.storage.repository import Repository
from anycart.transport.http import HttpLayer, RetryPolicy


@dataclass
class Services:
    settings: Settings
    db: Database
    repo: Repository
    http: HttpLayer
    gateway: Gateway
    catalogue: Catalogue


def build_services(settings: Settings | None = None, registry: PlatformRegistry | None = None,
                   http: HttpLayer | None = None, migrate: bool = True,
                   platform_settings: PlatformSettings | None = None) -> Services:
    settings = settings or Settings()
    redact.install()  # every process that serves or works (serve, demo, worker) logs redacted
    db = Database(settings)
    if migrate:
        db.migrate()
    repo = Repository(db)
    http = http or HttpLayer(allow_private=settings.allow_private_networks,
                             timeout_s=settings.http_timeout_s,
                             retry=RetryPolicy(attempts=settings.http_retries + 1))
    catalogue = load_catalogue()
    platform_settings = platform_settings or PlatformSettings(api_urls=dict(settings.api_urls))
    gateway = Gateway(settings, repo, registry or default_registry(), http, catalogue,
                      METHOD_TABLE, platform_settings)
    return Services(settings, db, repo, http, gateway, catalogue)
