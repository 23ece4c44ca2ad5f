"""Runtime settings, read from ``ANYCART_*`` environment variables (or a ``.env`` file)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ANYCART_", env_file=".env", extra="ignore")

    #: Where the embedded database and the encryption key live.
    data_dir: Path = Path(".anycart")
    #: SQLAlchemy URL; SQLite file in ``data_dir`` unless set (``postgresql+psycopg://...``).
    database_url: str | None = None
    #: Fernet key file for credentials at rest; never inside the database.
    secret_key_file: Path | None = None
    #: Let store and callback URLs resolve to loopback/private/link-local addresses.
    allow_private_networks: bool = False
    #: Platform request timeout, seconds.
    http_timeout_s: float = 30.0
    #: Retries of a platform request that failed with a transport error, 429 or 5xx.
    http_retries: int = 4

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'anycart.db').resolve()}"

    @cached_property
    def resolved_secret_key_file(self) -> Path:
        return self.secret_key_file or self.data_dir / "secret.key"
