"""Native webhook subscriptions of a platform that pushes changes itself, declared:
:class:`Subscriptions` is a connector's ``subscribe_native``.

It subscribes an address to the platform topic of one (entity, action) once: an existing
subscription of that topic and address is left as it is. The pushes are checked with a store
credential (:class:`~.push.SignedPush`, whose topics it reads), so a store without that
credential is refused before anything is subscribed: its pushes could never be trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from anycart.errors import ApiError, ReturnCode

from .push import SignedPush
from .resource import Resource
from .rest import RestClient


@dataclass(frozen=True)
class Subscriptions:
    """``resource``: the platform's subscriptions; ``push``: how pushes are checked (its
    ``secret`` credential, its topics); ``topic``/``address``: the keys of a subscription
    naming them (also the filters finding one); ``extra``: more keys every new one has
    (``{"format": "json"}``)."""

    resource: Resource
    push: SignedPush
    cart: str
    topic: str = "topic"
    address: str = "address"
    extra: Mapping[str, Any] = field(default_factory=dict)

    def topic_of(self, entity: str, action: str) -> str:
        """The platform topic of (entity, action); KeyError for one it does not push (the
        platform's capabilities list the events it pushes, so the gateway asks for no other)."""
        return {event: t for t, event in self.push.topics.items()}[(entity, action)]

    async def subscribe(self, client: RestClient, credentials: Mapping[str, Any], entity: str,
                        action: str, address: str) -> None:
        secret = self.push.secret
        if not credentials.get(secret):
            raise ApiError(ReturnCode.REQUIRED_PARAM_MISSING, f"Parameter '{secret}' is "
                           f"required: {self.cart} signs webhooks with it; add it to the store "
                           "(account.cart.add) before webhook.create.")
        wanted = {self.topic: self.topic_of(entity, action), self.address: address}
        if not await self.resource.all(client, query=wanted):
            await self.resource.add(client, {**wanted, **self.extra})
