"""Native webhook subscriptions of a platform that pushes changes itself, declared:
:class:`Subscriptions` is a connector's ``subscribe_native``.

It subscribes an address to each platform topic of one (entity, action) once: an existing
subscription of that topic and address is left as it is. The pushes are checked with a store
credential (:class:`~.push.SignedPush`, whose topics it reads), so a store without that
credential is refused before anything is subscribed: its pushes could never be trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from anycart.errors import ApiError, ReturnCode

from .fields import put
from .push import SignedPush
from .resource import Resource
from .thinpush import ThinPush


@dataclass(frozen=True)
class Subscriptions:
    """``resource``: the platform's subscriptions; ``push``: how pushes are checked (its
    ``secret`` credential, its topics); ``topic``/``address``: the keys of a subscription
    naming them (also the filters finding one); ``extra``: more keys every new one has
    (``{"format": "json"}``)."""

    resource: Resource
    push: SignedPush | ThinPush
    cart: str
    topic: str = "topic"
    address: str = "address"
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: The platform's list takes no topic/address filters (WooCommerce's ``/webhooks``):
    #: the subscriptions are read (with ``list_query``) and matched here.
    match_here: bool = False
    list_query: Mapping[str, Any] = field(default_factory=dict)
    #: The key a new subscription carries the push secret under, where the platform signs
    #: with the secret it is given (WooCommerce's ``secret``) or sends it back as a header
    #: (BigCommerce's ``headers.<name>``: a dotted path).
    secret_key: str | None = None
    #: (key, value) of an active subscription: one found otherwise (paused by the platform
    #: after failed deliveries) is turned back on.
    active: tuple[str, Any] | None = None
    #: The connector attribute holding the client (:meth:`KitConnector.subscribe_native`).
    client: str = "rest"

    def pushes(self, entity: str, action: str) -> bool:
        """Whether the platform pushes (entity, action) at all (else it is polled only)."""
        return (entity, action) in self.push.topics.values()

    def topic_of(self, entity: str, action: str) -> str:
        """The platform topic of (entity, action); KeyError for one it does not push (the
        platform's capabilities list the events it pushes, so the gateway asks for no other)."""
        return {event: t for t, event in self.push.topics.items()}[(entity, action)]

    def topics_of(self, entity: str, action: str) -> list[str]:
        """Every platform topic of (entity, action), for a platform that pushes one change
        under several topics (Shopify's ``returns/approve``, ``returns/close``...)."""
        return [t for t, event in self.push.topics.items() if event == (entity, action)]

    def require_secret(self, credentials: Mapping[str, Any]) -> None:
        """A store without the credential its pushes are checked with is refused (114)."""
        secret = self.push.secret
        if not credentials.get(secret):
            raise ApiError(ReturnCode.REQUIRED_PARAM_MISSING, f"Parameter '{secret}' is "
                           f"required: {self.cart} signs webhooks with it; add it to the store "
                           "(account.cart.add) before webhook.create.")

    async def subscribe(self, client: Any, credentials: Mapping[str, Any], entity: str,
                        action: str, address: str) -> None:
        """Each topic of (entity, action) (:meth:`topics_of`: Shopify pushes a return's
        changes under several) subscribed once."""
        self.require_secret(credentials)
        for topic in self.topics_of(entity, action):
            await self._subscribe(client, credentials, {self.topic: topic, self.address: address})

    async def _subscribe(self, client: Any, credentials: Mapping[str, Any],
                         wanted: dict[str, Any]) -> None:
        if self.match_here:
            found = [s for s in await self.resource.all(client, query=self.list_query)
                     if all(s.get(k) == v for k, v in wanted.items())]
        else:
            found = await self.resource.all(client, query=wanted)
        if not found:
            body = {**wanted, **self.extra}
            if self.secret_key:  # a dotted path: BigCommerce's ``headers.<name>``
                put(body, self.secret_key, credentials[self.push.secret])
            await self.resource.add(client, body)
        elif self.active is not None and found[0].get(self.active[0]) != self.active[1]:
            await self.resource.change(client, found[0][self.resource.id_field],
                                       {self.active[0]: self.active[1]})
