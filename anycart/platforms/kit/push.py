"""Native webhooks a platform pushes, checked and read (:meth:`Platform.read_push`).

The usual shape: a base64 HMAC-SHA256 of the raw body in one header, keyed with a store
credential (Shopify's ``X-Shopify-Hmac-Sha256``, WooCommerce's ``X-WC-Webhook-Signature``),
the topic in another header, the record as the JSON body. A push that does not check out is
refused (:class:`PushRejected`) before anything is recorded; a topic nobody subscribed
through AnyCart is acknowledged and ignored, and so is a platform's unsigned ping checking a
new subscription (``ping``). :class:`Pushing` is a platform reading its pushes so.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from anycart.events import ChangeEvent, PushRejected
from anycart.platforms.base import Platform
from anycart.storage.repository import StoreRecord

from .entities import Entity

#: (entity, platform record) -> the unified entity the event carries.
Unify = Callable[[str, dict[str, Any]], dict[str, Any]]


def declared(entities: Iterable[Entity]) -> Unify:
    """The records of these entity declarations, unified as they read them."""
    by_name = {e.name: e for e in entities}
    return lambda entity, record: by_name[entity].to_unified(record)


def signature(secret: str, body: bytes) -> bytes:
    """base64 HMAC-SHA256 of ``body`` keyed with ``secret``."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest())


@dataclass(frozen=True)
class SignedPush:
    secret: str  # the store credential keying the HMAC
    signature_header: str
    topic_header: str
    topics: Mapping[str, tuple[str, str]]  # platform topic -> (entity, action)
    unified: Unify
    #: How the platform's ping of a new subscription starts (no topic header, unsigned:
    #: WooCommerce's ``webhook_id=<id>``, kept only if answered 2xx): acknowledged.
    ping: bytes | None = None

    def check(self, credentials: Mapping[str, Any], headers: Mapping[str, str],
              body: bytes) -> None:
        """:class:`PushRejected` unless ``body`` is signed with the store's secret (also what
        a platform's other signed calls to AnyCart pass: Shopify's carrier rate requests)."""
        secret = str(credentials.get(self.secret) or "")
        if not secret:
            raise PushRejected(f"the store has no {self.secret} to check requests with")
        given = (headers.get(self.signature_header.lower()) or "").encode()
        if not hmac.compare_digest(signature(secret, body), given):
            raise PushRejected(f"{self.signature_header} does not match the body")

    def read(self, store: StoreRecord, headers: Mapping[str, str],
             body: bytes) -> list[ChangeEvent]:
        if self.ping is not None and self.topic_header.lower() not in headers \
                and body.startswith(self.ping):
            return []
        self.check(store.credentials, headers, body)
        topic = headers.get(self.topic_header.lower()) or ""
        if topic not in self.topics:
            return []
        entity, action = self.topics[topic]
        try:
            record = json.loads(body)
        except ValueError:
            raise PushRejected("the body is not JSON") from None
        if not isinstance(record, dict) or "id" not in record:
            raise PushRejected("the body has no record id")
        ident = str(record["id"])
        data = {"id": ident} if action == "delete" else self.unified(entity, record)
        return [ChangeEvent(entity, action, ident, data)]


class Pushing(Platform):
    """A platform whose native webhooks are its ``push`` (:meth:`Platform.read_push`)."""

    push: ClassVar[SignedPush]

    @classmethod
    def read_push(cls, store: StoreRecord, headers: Mapping[str, str],
                  body: bytes) -> list[ChangeEvent]:
        return cls.push.read(store, headers, body)
