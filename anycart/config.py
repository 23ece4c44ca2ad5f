"""Runtime settings, read from ``ANYCART_*`` environment variables (or a ``.env`` file)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ANYCART_", env_file=".env", extra="ignore")

    #: Where the embedded database and the encryption key live.
    data_dir: Path = Path(".anycart")
    #: SQLAlchemy URL; SQLite file in ``data_dir`` unless set (``postgresql+psycopg://...``).
    database_url: str | None = None
    #: Fernet key file for credentials at rest; never inside the database.
    secret_key_file: Path | None = None
    #: Platform API base URLs by ``cart_id`` (JSON), instead of the platform's own: a
    #: sandbox or staging host (``{"3DCart": "https://sandbox.example"}``).
    api_urls: dict[str, str] = Field(default_factory=dict)
    #: Let store and callback URLs resolve to loopback/private/link-local addresses.
    allow_private_networks: bool = False
    #: Platform request timeout, seconds.
    http_timeout_s: float = 30.0
    #: Retries of a platform request that failed with a transport error, 429 or 5xx (a
    #: request not safe to repeat, such as a create, is retried only if it was never sent).
    http_retries: int = Field(default=4, ge=0)

    #: Largest request body read, bytes; longer ones are answered 100 (HTTP 413) unread.
    #: The largest real body is a 250-item ``*.batch``: 250 products with 16 KB HTML
    #: descriptions and images come to about 5 MB, so 8 MiB leaves room and stops 10 MB+.
    max_body_bytes: int = 8 * 1024 * 1024

    #: Base URL platforms reach this AnyCart at, for native webhook pushes
    #: (``<public_url>/ingress/<id>``); needed only for platforms with native webhooks.
    public_url: str | None = None

    # --- worker: polling, webhook delivery, batch jobs -------------------------------------
    #: Run the worker inside ``anycart serve`` (embedded mode). Turn off when ``anycart
    #: worker`` processes do the work (scale-out mode, PostgreSQL).
    embedded_worker: bool = True
    #: Seconds between two polls of one store, for platforms without native webhooks.
    poll_interval_s: float = 10.0
    #: Adaptive intervals: a store whose polls see no change is polled less often, up to this
    #: factor of ``poll_interval_s`` (each idle poll adds half an interval); one whose
    #: platform pushes native webhooks is polled only to reconcile, at this factor. 1: off.
    poll_idle_backoff: float = Field(default=4.0, ge=1.0)
    #: Stores polled at once by one worker process.
    poll_concurrency: int = 100
    #: First retry delay of a failed webhook delivery; each next one is 3x longer (+-20 %).
    webhook_retry_base_s: float = 10.0
    #: Attempts per event and webhook, the first one included.
    webhook_max_attempts: int = 8
    #: Seconds a callback has to answer.
    webhook_timeout_s: float = 10.0
    #: Deliveries in flight at once per worker process.
    delivery_concurrency: int = 100
    #: Seconds a worker owns what it claimed; after a crash others take it over then.
    worker_lease_s: float = 60.0
    #: How often an idle worker looks for due work, seconds.
    worker_tick_s: float = 0.5

    # --- live shipping rates (anycart/shipping): defaults as the API2Cart FAQ ----------------
    #: Seconds a shipping service's callback has to answer before the request fails.
    shipping_timeout_s: float = 15.0
    #: Wait before the one retry of a callback that answered 200 with an empty/invalid body.
    shipping_retry_delay_s: float = 2.0
    #: Failed rate requests in a row after which a shipping service is turned off.
    shipping_error_limit: int = Field(default=20, ge=1)

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'anycart.db').resolve()}"

    @cached_property
    def resolved_secret_key_file(self) -> Path:
        return self.secret_key_file or self.data_dir / "secret.key"
