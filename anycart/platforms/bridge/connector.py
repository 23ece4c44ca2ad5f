"""The base of every bridge cart's connector: a schema driver over :class:`SqlExecutor`.

A cart's driver subclasses :class:`BridgeConnector` and implements the contract methods
(``product_list`` ...) as SQL on ``self.db``. Statements travel through the store's
``bridge.php`` (:mod:`.transport`); tests and benchmarks may hand a driver a
the tests' ``DirectExecutor`` (``tests/bridge/direct.py``) instead.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, ClassVar

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call, Connector
from anycart.platforms.kit.serve import Declared, attach

from .clock import using_zone, zone_named
from .files import FileStore, check_image, decode_content, safe_file_name

if TYPE_CHECKING:  # imported when first used: the transport pulls in the crypto stack
    from .transport import BridgeClient
from .sqlentity import SqlEntity
from .sqlkit import SqlExecutor

#: Where the store's time zone setting is kept inside the cached bridge config.
_ZONE_KEY = "anycart_store_zone"


def _in_store_zone(handler: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """A contract method run on the store's clock (see :mod:`.clock`)."""

    @functools.wraps(handler)
    async def run(self: BridgeConnector, *args: Any, **kwargs: Any) -> Any:
        with using_zone(await self.store_zone()):
            return await handler(self, *args, **kwargs)

    return run


@functools.cache
def _handler_names() -> frozenset[str]:
    from anycart.contract.catalogue import load_catalogue

    return frozenset(Connector.handler_name(name) for name in load_catalogue().operations)


class BridgeConnector(Connector):
    #: What ``bridge.php`` reports as ``cart`` when it finds this cart's config file.
    cart_marker: ClassVar[str]
    _db: SqlExecutor | None = None
    _bridge: BridgeClient | None = None
    _zone: tzinfo | None = None

    #: The driver's :class:`~.sqlentity.SqlEntity` declarations: their list/count/info/find
    #: handlers are installed where the driver writes none of its own.
    entities: ClassVar[tuple[SqlEntity, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for entity in vars(cls).get("entities", ()):
            for name, fn in entity.handlers().items():
                if name not in vars(cls):
                    setattr(cls, name, fn)
        # Every contract method of a driver reads and writes dates on the store's clock.
        for name, fn in list(vars(cls).items()):
            if name in _handler_names() and callable(fn):
                setattr(cls, name, _in_store_zone(fn))

    @classmethod
    def declare(cls, *declared: Declared) -> dict[str, frozenset[str]]:
        """:func:`~anycart.platforms.kit.serve.attach` of declared methods (writers, returns,
        assignments), run on the store's clock as the driver's own are; what each applies."""
        applied = attach(cls, *declared)
        for name in applied:
            handler = Connector.handler_name(name)
            setattr(cls, handler, _in_store_zone(getattr(cls, handler)))
        return applied

    @property
    def bridge(self) -> BridgeClient:
        """The store's bridge client (signs, encrypts, retries)."""
        if self._bridge is None:
            from .transport import BridgeClient

            self._bridge = BridgeClient.for_store(self.store, self.http)
        return self._bridge

    @property
    def db(self) -> SqlExecutor:
        if self._db is None:
            self._db = self.bridge.executor()
        return self._db

    @db.setter
    def db(self, executor: SqlExecutor) -> None:
        self._db = executor

    _files: FileStore | None = None
    _version: str | None = None

    async def cart_version(self) -> str:
        """The cart's version as the bridge read it from the cart's files (``3.0.3.8``);
        drivers pick schema dialects by it. Tests of a driver may set ``version``."""
        if self._version is None:
            self._version = str((await self.bridge.config()).get("cart_version") or "")
        return self._version

    @property
    def version(self) -> str | None:
        return self._version

    @version.setter
    def version(self, value: str) -> None:
        self._version = value

    async def store_zone(self) -> tzinfo:
        """The store's time zone, read once per store: kept with the bridge config (so for
        :data:`~.transport.CONFIG_TTL_S`, and read afresh with it by ``cart.info``). Tests of
        a driver on a direct executor read it per connector, or set ``zone``."""
        if self._zone is None:
            from .transport import BridgeExecutor

            if self._db is None or isinstance(self._db, BridgeExecutor):
                config = await self.bridge.config()
                if _ZONE_KEY not in config:
                    config[_ZONE_KEY] = await self.read_zone()
                name = config[_ZONE_KEY]
            else:
                name = await self.read_zone()
            self._zone = zone_named(name)
        return self._zone

    @property
    def zone(self) -> tzinfo | None:
        return self._zone

    @zone.setter
    def zone(self, value: tzinfo) -> None:
        self._zone = value

    async def sql_context(self, params: dict[str, Any]) -> dict[str, Any]:
        """What every :class:`~.sqlentity.SqlEntity` of the driver binds as ``:name`` and its
        hooks share for one call (language, schema version...). Drivers override this."""
        return {}

    async def read_zone(self) -> str | None:
        """The cart's time zone setting (an IANA name or an offset, see
        :func:`~.clock.zone_named`). Drivers override this; None is UTC."""
        return None

    @property
    def files(self) -> FileStore:
        """Where image files go: the bridge, unless a test gave a local folder."""
        if self._files is None:
            self._files = _Files(self.bridge)
        return self._files

    @files.setter
    def files(self, store: FileStore) -> None:
        self._files = store

    async def image_data(self, params: dict[str, Any]) -> bytes:
        """The image a call gives (``content`` base64, else ``url`` fetched by AnyCart),
        decoded with Pillow first: 109 naming ``content``/``url`` when it is no good image.
        Drivers that write rows before the file call this first, so a bad image changes
        nothing."""
        data = decode_content(params)
        source = "content"
        if data is None:
            url = params.get("url")
            if not url:
                raise ApiError.required("url")
            data, source = await self.bridge.fetch_image(str(url)), "url"
        await asyncio.to_thread(check_image, data, source)
        return data

    async def save_image(self, folder: str, params: dict[str, Any], data: bytes | None = None) -> str:
        """Write the image a call gives (or ``data`` from :meth:`image_data`) as
        ``<folder>/<image_name>`` under the store root; answers that relative path."""
        if data is None:
            data = await self.image_data(params)  # nothing is written unless it decodes
        name = params.get("image_name") or str(params.get("url") or "").split("?")[0]
        path = f"{folder.strip('/')}/{safe_file_name(str(name or ''))}"
        await self.files.save(path, data)
        return path

    async def check_connection(self) -> None:
        config = await self.bridge.check()
        if config.get("cart") != self.cart_marker:
            found = config.get("cart") or "no supported cart"
            raise ApiError(ReturnCode.BRIDGE_RESPONSE_ERROR,
                           f"The bridge found {found} in the store root, not {self.platform.name}.")

    async def cart_info(self, call: Call) -> dict[str, Any]:
        config = await self.bridge.config(fresh=True)  # reports the bridge as installed now
        info = await self.store_info(config)
        return {"name": info.get("name"), "url": self.store.store_url,
                "version": config.get("cart_version"), "bridge_version": config.get("version"),
                "db_prefix": config.get("db_prefix"),
                "stores_info": [{"store_id": "0", "name": info.get("name"), "default": True,
                                 "currency": info.get("currency"),
                                 "store_owner_info": {"email": info.get("email")},
                                 "root_category_id": "0"}],
                "warehouses": [], "shipping_zones": [],
                "additional_fields": {"platform": self.platform.name,
                                      "php_version": config.get("php_version")},
                "custom_fields": {}}

    async def store_info(self, config: dict[str, Any]) -> dict[str, Any]:
        """The store's name, owner e-mail and default currency ``{"id", "iso3"}``, read from
        the cart's settings tables. Drivers override this."""
        return {}


class _Files:
    """Files written by the store's bridge."""

    def __init__(self, bridge: BridgeClient) -> None:
        self._bridge = bridge

    async def save(self, path: str, data: bytes) -> None:
        await self._bridge.save_file(path, data)

    async def delete(self, path: str) -> None:
        await self._bridge.delete_file(path)
