"""What every platform package implements.

A platform is mostly declarative: its ``cart_id``, the credentials it needs, its
capabilities, and a :class:`Connector` class whose coroutine methods are named after the
contract methods they serve (``product.list`` -> ``product_list``). The gateway does
validation, paging, field selection and the envelope; a connector only talks to its
platform and maps to the unified model.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from anycart.errors import ApiError, ReturnCode
from anycart.events import ChangeEvent, PushRejected
from anycart.platforms.hooks import StoreBridge
from anycart.storage.repository import StoreRecord
from anycart.transport.http import HttpLayer
from anycart.transport.ratelimit import BucketBudget, Clock


@dataclass(frozen=True)
class CredentialSpec:
    """``required``: alternative sets, any one of which is enough; ``additional``: optional."""

    required: tuple[tuple[str, ...], ...]
    additional: tuple[str, ...] = ()
    #: Credentials that are not secret and may be shown back (everything else is sealed).
    public: tuple[str, ...] = ("store_url",)

    @property
    def names(self) -> set[str]:
        return {n for group in self.required for n in group} | set(self.additional)

    def pick(self, given: dict[str, Any]) -> dict[str, Any]:
        """The credentials from ``given``; raises 114 naming the first one missing."""
        for group in self.required:
            if all(given.get(name) not in (None, "") for name in group):
                break
        else:
            first_group = self.required[0] if self.required else ()
            for name in first_group:
                if given.get(name) in (None, ""):
                    raise ApiError.required(name)
        return {n: given[n] for n in self.names if given.get(n) not in (None, "")}


#: Parameters naming another record by id, which every platform built here keys by number
#: (lookup ids such as ``id``/``order_id`` stay out: child ids and invoice numbers are text,
#: and an unknown one is 112). The gateway refuses anything else with 109 before a connector
#: sees it, so no mapping has to ``int()`` user input.
NUMERIC_ID_PARAMS = frozenset({
    "parent_id", "category_id", "categories_ids", "product_id", "product_ids", "customer_id",
    "manufacturer_id", "image_id", "option_id", "option_value_id", "product_option_id",
    "variant_ids", "group_id", "group_ids", "since_id", "related_products_ids",
    "up_sell_products_ids", "cross_sell_products_ids", "product_images_ids",
})


@dataclass(frozen=True)
class Capabilities:
    #: Most records one platform request can return (the platform's own page limit).
    page_limit: int
    #: The platform can push change events itself (else AnyCart polls it).
    native_webhooks: bool = False
    #: It pushes, and is polled as well: the poll brings what a push never did (a paused
    #: webhook), and skips what one did (``webhooks.reconcile``).
    polls_too: bool = False
    #: entity/action pairs AnyCart can deliver as webhooks for this platform.
    webhook_events: tuple[tuple[str, str], ...] = ()
    #: Of those, the ones a pushing platform never pushes (no topic): polling alone finds
    #: them, so a store watching one is polled at the full pace, not only to reconcile.
    polled_events: tuple[tuple[str, str], ...] = ()
    #: The platform's request budget, for the client-side limiter.
    rate_budget: BucketBudget | None = None
    #: ``store_url`` is an address AnyCart itself connects to (checked against SSRF).
    connects_to_store_url: bool = False
    #: Parameters this platform only takes as numeric ids (checked by the gateway, 109).
    numeric_ids: frozenset[str] = NUMERIC_ID_PARAMS
    #: Largest id the platform's storage can hold (a signed 64-bit column by default).
    id_max: int = 2**63 - 1


@dataclass
class Page:
    """One page of a list method: the unified entities and, when known, the total."""

    items: list[dict[str, Any]]
    total: int | None = None
    #: More result keys next to the items (e.g. ``all_failed_webhook``).
    extra: dict[str, Any] = field(default_factory=dict)
    #: Where the next page starts, for platforms paged by cursor or id: carried inside the
    #: next ``page_cursor`` and handed back in ``Call.params`` (keys start with ``_``).
    resume: dict[str, Any] = field(default_factory=dict)


#: ``Call.extra`` key: the caller reads the items only (polling pages until a short page),
#: so a connector may leave out the total and the request that counts it.
UNCOUNTED = "uncounted"


@dataclass
class Call:
    """A validated contract call as a connector receives it."""

    method: str
    params: dict[str, Any]
    start: int = 0
    count: int = 10
    extra: dict[str, Any] = field(default_factory=dict)

    def require(self, name: str) -> Any:
        value = self.params.get(name)
        if value is None:
            raise ApiError.required(name)
        if value == "":
            raise ApiError.empty(name)
        return value


@dataclass(frozen=True)
class PlatformSettings:
    """What the server tells every platform, through the constructor (no module globals).

    ``api_urls``: API base URL overrides by ``cart_id`` (a sandbox host instead of the real
    one); ``clock``: the rate-limit clock of the client-side buckets (a simulator's sped-up
    clock, so both sides of a leaky bucket keep one pace); ``options``: per-platform extras by
    ``cart_id`` (Shopify's ``api_version``...). The gateway carries one instance."""

    api_urls: Mapping[str, str] = field(default_factory=dict)
    clock: Clock | None = None
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def api_url(self, *cart_ids: str, default: str) -> str:
        """The override of the first of ``cart_ids`` that has one, else ``default``."""
        url = next((self.api_urls[c] for c in cart_ids if self.api_urls.get(c)), default)
        return url.rstrip("/")

    def option(self, cart_id: str, name: str, default: Any = None) -> Any:
        return (self.options.get(cart_id) or {}).get(name, default)

    def merged(self, *, api_urls: Mapping[str, str] | None = None, clock: Clock | None = None,
               options: Mapping[str, Mapping[str, Any]] | None = None) -> PlatformSettings:
        """A copy with these entries added (several platforms set theirs on one instance)."""
        opts = {k: dict(v) for k, v in self.options.items()}
        for cart_id, extra in (options or {}).items():
            opts[cart_id] = {**opts.get(cart_id, {}), **extra}
        return PlatformSettings(api_urls={**self.api_urls, **(api_urls or {})},
                                clock=clock if clock is not None else self.clock, options=opts)


class Connector:
    """Base class: one instance per store per request."""

    def __init__(self, store: StoreRecord, http: HttpLayer, platform: type[Platform],
                 settings: PlatformSettings | None = None) -> None:
        self.store = store
        self.http = http
        self.platform = platform
        self.settings = settings or PlatformSettings()

    @classmethod
    def handler_name(cls, method: str) -> str:
        return method.replace(".", "_")

    @classmethod
    def serves(cls, method: str) -> bool:
        fn = getattr(cls, cls.handler_name(method), None)
        return fn is not None and inspect.iscoroutinefunction(fn)

    async def check_connection(self) -> None:
        """Raise :class:`ApiError` when the credentials or the store do not work."""
        raise NotImplementedError

    async def subscribe_native(self, entity: str, action: str, address: str) -> None:
        """Native-webhook platforms: have the platform push ``entity``/``action`` changes to
        ``address`` (AnyCart's ingress for this store). Idempotent."""
        raise NotImplementedError


class Platform:
    cart_id: ClassVar[str]
    name: ClassVar[str]
    credentials: ClassVar[CredentialSpec]
    capabilities: ClassVar[Capabilities]
    connector: ClassVar[type[Connector]]
    #: Carts reached through a file on the store's server: how the core manages that file.
    bridge: ClassVar[StoreBridge | None] = None

    @classmethod
    def installed_bridge(cls, credentials: dict[str, Any]) -> StoreBridge | None:
        """The bridge hook, when this platform has one and the store holds its bridge keys."""
        bridge = cls.bridge
        return bridge if bridge is not None and bridge.installed_for(credentials) else None

    @classmethod
    def connect(cls, store: StoreRecord, http: HttpLayer,
                settings: PlatformSettings | None = None) -> Connector:
        return cls.connector(store, http, cls, settings)

    @classmethod
    def default_store_url(cls, credentials: dict[str, Any]) -> str:
        """The store's URL when ``account.cart.add`` gives none: a platform reached by an API
        path rather than the store's URL names the store from its credentials, so two of its
        stores in one account are two stores, not one "already exists"."""
        return ""

    @classmethod
    def new_store_credentials(cls, credentials: dict[str, Any]) -> dict[str, Any]:
        """The credentials a new store is saved with (bridge carts add their keys here)."""
        return credentials

    @classmethod
    def read_push(cls, store: StoreRecord, headers: Mapping[str, str],
                  body: bytes) -> list[ChangeEvent]:
        """Native-webhook platforms: check a push's signature with the store's credentials
        and turn it into events; raise :class:`PushRejected` if it does not check out."""
        raise PushRejected(f"platform {cls.cart_id} does not push webhooks")

    @classmethod
    async def complete_push(cls, connector: Connector, events: list[ChangeEvent]) -> list[ChangeEvent]:
        """The events of a push that was read, completed with what needs the platform (a
        push naming only a record's id gets the record: ``kit.thinpush``)."""
        return events


def platform_error(platform: str, message: str) -> ApiError:
    """A platform refused the request: API2Cart reports this as 107 with the platform's text."""
    return ApiError(ReturnCode.PLATFORM_ERROR, f"{platform} error message: {message}")
