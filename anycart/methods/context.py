"""What a method AnyCart serves itself receives (:class:`Context`) and may answer.

Apart from the gateway, so the handler modules and the method table can import it without
importing the gateway that imports them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from anycart.contract.catalogue import Operation
from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call, Platform
from anycart.storage.repository import AccountRecord, Repository, StoreRecord
from anycart.transport.ssrf import UnsafeURLError, check_url, split_http_url

if TYPE_CHECKING:
    from anycart.methods.gateway import Gateway


@dataclass
class Context:
    """What a built-in handler gets."""

    gateway: Gateway
    op: Operation
    account: AccountRecord
    store: StoreRecord | None
    params: dict[str, Any]
    #: For list methods: the page asked for (``start``/``count``, cursor already decoded).
    call: Call | None = None

    @property
    def repo(self) -> Repository:
        return self.gateway.repo

    async def check_reachable_url(self, name: str, url: str) -> None:
        """Refuse a user-given URL AnyCart will connect to (store, callback) that points at a
        private network (SSRF), naming the parameter. In-process sandbox hosts pass, and
        loopback callbacks where the HTTP layer allows them (the demo)."""
        http = self.gateway.http
        try:
            split_http_url(url)  # first: a malformed URL makes every parser below raise
            if http.is_mounted(url):
                return
            await check_url(url, self.gateway.settings.allow_private_networks,
                            name == "callback" and http.allow_loopback_callbacks)
        except UnsafeURLError as exc:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{name}' is not valid: {exc}.") from None

    def platform(self) -> type[Platform]:
        assert self.store is not None
        platform = self.gateway.registry.get(self.store.cart_id)
        if platform is None:
            raise ApiError(ReturnCode.PLATFORM_ERROR,
                           f"Platform '{self.store.cart_id}' is not available on this server.")
        return platform


#: A method AnyCart serves itself, whatever the store's platform.
Handler = Callable[[Context], Awaitable[Any]]


@dataclass(frozen=True)
class FileAnswer:
    """A method that answers a file (``bridge.download.file``) instead of the JSON envelope."""

    content: bytes
    filename: str
    media_type: str
