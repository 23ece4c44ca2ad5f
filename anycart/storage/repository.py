"""Accounts and their stores: the only way the rest of AnyCart reads or writes them.

Every store lookup is scoped by account, so one account can never reach another's store.
Lookups on the request path are cached for a few seconds; writes in this process
invalidate the cache at once.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select

from anycart.storage.db import Database
from anycart.storage.models import Account, Store

_CACHE_TTL_S = 5.0


def hash_api_key(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


@dataclass(frozen=True)
class AccountRecord:
    id: int
    name: str
    config: dict[str, Any]


@dataclass(frozen=True)
class StoreRecord:
    id: int
    account_id: int
    store_key: str
    cart_id: str
    store_url: str
    label: str
    credentials: dict[str, Any]
    created_at: datetime
    #: When the store's connector plugin was uninstalled (its bridge removed); None while connected.
    disconnected_at: datetime | None = None


#: What a :class:`StoreRecord` is made of (read as columns where many stores are listed).
_RECORD_COLUMNS = (Store.id, Store.account_id, Store.store_key, Store.cart_id, Store.store_url,
                   Store.label, Store.credentials, Store.created_at, Store.disconnected_at)


class Repository:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._accounts: dict[str, tuple[float, AccountRecord | None]] = {}
        self._stores: dict[tuple[int, str], tuple[float, StoreRecord | None]] = {}

    # --- accounts -----------------------------------------------------------------------

    def create_account(self, name: str) -> tuple[AccountRecord, str]:
        """A new account and its api_key (shown once; only its hash is stored)."""
        api_key = secrets.token_hex(16)
        with self.db.session() as s:
            account = Account(name=name, api_key_hash=hash_api_key(api_key),
                              api_key_hint=api_key[-4:], config={})
            s.add(account)
            s.flush()
            record = AccountRecord(account.id, account.name, dict(account.config))
        return record, api_key

    def cached_account(self, api_key: str) -> tuple[bool, AccountRecord | None]:
        """(hit, record) from the cache alone: lets the request path skip a thread hop."""
        hit = self._accounts.get(hash_api_key(api_key))
        return (True, hit[1]) if hit and hit[0] > time.monotonic() else (False, None)

    def cached_store(self, account_id: int, store_key: str) -> tuple[bool, StoreRecord | None]:
        hit = self._stores.get((account_id, store_key))
        return (True, hit[1]) if hit and hit[0] > time.monotonic() else (False, None)

    def authenticate(self, api_key: str) -> AccountRecord | None:
        digest = hash_api_key(api_key)
        hit = self._accounts.get(digest)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        with self.db.session() as s:
            row = s.scalar(select(Account).where(Account.api_key_hash == digest))
            record = AccountRecord(row.id, row.name, dict(row.config or {})) if row else None
        self._accounts[digest] = (time.monotonic() + _CACHE_TTL_S, record)
        return record

    def update_account_config(self, account_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        with self.db.session() as s:
            account = s.get_one(Account, account_id)
            config = dict(account.config or {})
            config.update(changes)
            account.config = config
        self._accounts.clear()
        return config

    def delete_account(self, account_id: int) -> bool:
        """The account and all it owns: stores, webhooks, events, jobs (foreign keys cascade)."""
        with self.db.session() as s:
            row = s.get(Account, account_id)
            if row is None:
                return False
            s.delete(row)
        self._accounts.clear()
        self._stores.clear()
        return True

    # --- stores -------------------------------------------------------------------------

    def _record(self, row: Store | Row[*tuple[Any, ...]]) -> StoreRecord:
        return StoreRecord(
            id=row.id, account_id=row.account_id, store_key=row.store_key, cart_id=row.cart_id,
            store_url=row.store_url, label=row.label,
            credentials=self.db.vault.open(row.credentials), created_at=row.created_at,
            disconnected_at=row.disconnected_at,
        )

    def find_store_by_url(self, account_id: int, cart_id: str, store_url: str) -> StoreRecord | None:
        with self.db.session() as s:
            row = s.scalar(select(Store).where(Store.account_id == account_id,
                                               Store.cart_id == cart_id,
                                               Store.store_url == store_url))
            return self._record(row) if row else None

    def add_store(self, account_id: int, cart_id: str, store_url: str, label: str,
                  credentials: dict[str, Any], store_key: str | None = None) -> StoreRecord:
        with self.db.session() as s:
            row = Store(account_id=account_id, store_key=store_key or secrets.token_hex(16),
                        cart_id=cart_id, store_url=store_url, label=label,
                        credentials=self.db.vault.seal(credentials))
            s.add(row)
            s.flush()
            return self._record(row)

    def get_store(self, account_id: int, store_key: str) -> StoreRecord | None:
        key = (account_id, store_key)
        hit = self._stores.get(key)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        with self.db.session() as s:
            row = s.scalar(select(Store).where(Store.account_id == account_id,
                                               Store.store_key == store_key))
            record = self._record(row) if row else None
        self._stores[key] = (time.monotonic() + _CACHE_TTL_S, record)
        return record

    def get_store_by_id(self, store_id: int) -> StoreRecord | None:
        """For background work that already holds a store id from a scoped row."""
        return self.stores_by_id([store_id]).get(store_id)

    def stores_by_id(self, ids: list[int]) -> dict[int, StoreRecord]:
        """Several stores in one query (the worker's claimed polls)."""
        with self.db.session() as s:
            rows = s.execute(select(*_RECORD_COLUMNS).where(Store.id.in_(ids)))
            return {r.id: self._record(r) for r in rows}

    def ingress_id(self, store_id: int) -> str:
        """The store's native-webhook ingress id, made on first use."""
        with self.db.session() as s:
            row = s.get_one(Store, store_id, with_for_update=True)
            if not row.ingress_id:
                row.ingress_id = secrets.token_urlsafe(24)
            return row.ingress_id

    def store_by_ingress(self, ingress_id: str) -> StoreRecord | None:
        with self.db.session() as s:
            row = s.scalar(select(Store).where(Store.ingress_id == ingress_id))
            return self._record(row) if row else None

    def list_stores(self, account_id: int) -> list[StoreRecord]:
        # Columns, not ORM objects: loading an entity (identity map, instance state) costs
        # several times the row, and account.cart.list reads every store of the account.
        with self.db.session() as s:
            rows = s.execute(select(*_RECORD_COLUMNS).where(Store.account_id == account_id)
                             .order_by(Store.id))
            return [self._record(r) for r in rows]

    def update_store(self, account_id: int, store_key: str, *, store_url: str | None = None,
                     label: str | None = None, credentials: dict[str, Any] | None = None,
                     new_store_key: str | None = None) -> StoreRecord | None:
        with self.db.session() as s:
            row = s.scalar(select(Store).where(Store.account_id == account_id,
                                               Store.store_key == store_key))
            if row is None:
                return None
            if store_url is not None:
                row.store_url = store_url
            if label is not None:
                row.label = label
            if credentials is not None:
                row.credentials = self.db.vault.seal(credentials)
            if new_store_key:
                row.store_key = new_store_key
            s.flush()
            record = self._record(row)
        self._stores.clear()
        return record

    def delete_store(self, account_id: int, store_key: str) -> bool:
        with self.db.session() as s:
            row = s.scalar(select(Store).where(Store.account_id == account_id,
                                               Store.store_key == store_key))
            if row is None:
                return False
            s.delete(row)
        self._stores.clear()
        return True
