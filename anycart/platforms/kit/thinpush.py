"""Native webhooks that name a record instead of carrying it, checked by a secret header.

Some platforms push only ``{topic, id}`` (BigCommerce v3 hooks: ``{"scope":
"store/product/updated", "data": {"type": "product", "id": 7}, ...}``; Wix, Ecwid and
Squarespace do the same) and sign nothing; instead they send back, with every push, headers
AnyCart chose when it subscribed. :class:`ThinPush` declares such pushes: the store's
``secret`` credential (a random one AnyCart generated when the store was added:
:func:`new_secret`) is that header's value, compared in constant time, so a forged push is
refused before anything is recorded; the topic and the id are read from the body. The
record itself is then fetched (:func:`fetched`, through the connector's runner of the
entity, as ``<entity>.info`` reads it; a platform whose signed pushes are re-read calls it
too), so the webhook AnyCart delivers carries the entity like every other platform's.
:class:`Fetching` is a platform reading its pushes so.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from anycart.errors import ApiError
from anycart.events import ChangeEvent, PushRejected
from anycart.platforms.base import Call, Connector, Platform
from anycart.storage.repository import StoreRecord
from anycart.transport.layers import PlatformUnavailable

from .fields import get

log = logging.getLogger(__name__)


def new_secret() -> str:
    """A secret for a store's push header: 256 random bits."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class ThinPush:
    secret: str  # the store credential holding the header's value
    header: str  # the header the platform sends back with every push
    topics: Mapping[str, tuple[str, str]]  # platform topic -> (entity, action)
    topic_path: str = "scope"
    id_path: str = "data.id"

    def check(self, credentials: Mapping[str, Any], headers: Mapping[str, str]) -> None:
        secret = str(credentials.get(self.secret) or "")
        if not secret:
            raise PushRejected(f"the store has no {self.secret} to check pushes with")
        given = headers.get(self.header.lower()) or ""
        if not hmac.compare_digest(secret.encode(), given.encode()):
            raise PushRejected(f"{self.header} does not match the store's secret")

    def read(self, store: StoreRecord, headers: Mapping[str, str], body: bytes) -> list[ChangeEvent]:
        """The event a push names, its data only the id until :meth:`fetched`."""
        self.check(store.credentials, headers)
        try:
            payload = json.loads(body)
        except ValueError:
            raise PushRejected("the body is not JSON") from None
        if not isinstance(payload, dict):
            raise PushRejected("the body is not an object")
        topic, ident = get(payload, self.topic_path), get(payload, self.id_path)
        if topic not in self.topics:
            return []  # a topic nobody subscribed through AnyCart: acknowledged, ignored
        if ident in (None, ""):
            raise PushRejected("the body names no record")
        entity, action = self.topics[str(topic)]
        return [ChangeEvent(entity, action, str(ident), {"id": str(ident)})]

    async def fetched(self, connector: Connector, events: list[ChangeEvent]) -> list[ChangeEvent]:
        """Each event with the record it names as ``<entity>.info`` reads it (:func:`fetched`)."""
        return await fetched(connector, events)


async def fetched(connector: Connector, events: list[ChangeEvent],
                  infos: Mapping[str, str] | None = None) -> list[ChangeEvent]:
    """Each event with the record it names as its info method reads it, called with the
    event's data as parameters (the record's id, and a child's parent id beside it):
    ``<entity>.info``, or what ``infos`` names for the entity (``order.shipment.info``). With
    ``infos``, an entity it does not name keeps the data it was pushed with. A deletion, or a
    record gone (or unreachable) by now, keeps only what the push named."""
    out = []
    for event in events:
        method = f"{event.entity}.info" if infos is None else infos.get(event.entity)
        if event.action != "delete" and method is not None:
            try:
                info = getattr(connector, method.replace(".", "_"))
                data = await info(Call(method, {"id": event.entity_id, **event.data}))
                event = replace(event, data=data)
            except (ApiError, PlatformUnavailable) as exc:
                log.warning("pushed %s %s not fetched: %s", event.entity, event.entity_id, exc)
        out.append(event)
    return out


class Fetching(Platform):
    """A platform whose native webhooks are its ``push``: checked and read at the ingress,
    then each named record fetched (:meth:`Platform.complete_push`)."""

    push: ClassVar[ThinPush]

    @classmethod
    def read_push(cls, store: StoreRecord, headers: Mapping[str, str],
                  body: bytes) -> list[ChangeEvent]:
        return cls.push.read(store, headers, body)

    @classmethod
    async def complete_push(cls, connector: Connector, events: list[ChangeEvent]) -> list[ChangeEvent]:
        return await cls.push.fetched(connector, events)

    @classmethod
    def new_store_credentials(cls, credentials: dict[str, Any]) -> dict[str, Any]:
        """A new store gets its push secret (never one the caller gave)."""
        return {**credentials, cls.push.secret: new_secret()}
