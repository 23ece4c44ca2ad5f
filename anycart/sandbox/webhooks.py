"""The simulators' webhook emitter: signed deliveries, queued, POSTed until answered 2xx.

    emitter = Emitter(hmac_signer("X-Shopify-Hmac-Sha256", lambda: shop.secret), source=domain)
    emitter.emit("https://app.example/hooks", "products/create", record, headers={...})
    await emitter.flush(client)        # one attempt per queued delivery

A platform pushes a change once and retries while the receiver fails, with the same delivery
id each time; here each :meth:`Emitter.flush` is one round of attempts, so a test decides when
"later" is. The body is compact JSON signed with the platform's own scheme (a
:data:`Signer`). Everything is deterministic: delivery ids come from the emitter's ``source``
and a counter, timestamps from the injected ``now``.
"""

from __future__ import annotations

import base64
import hmac
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import httpx

#: Raw body -> the signature header(s) to send with it.
Signer = Callable[[bytes], dict[str, str]]
#: ``(address, topic, status)`` of one attempt; status None when the POST itself failed.
Outcome = tuple[str, str, int | None]


def hmac_signature(secret: str, body: bytes, *, digest: str = "sha256",
                   encoding: Literal["base64", "hex"] = "base64") -> str:
    """HMAC of the raw body with the shared secret (Shopify: SHA-256, base64)."""
    mac = hmac.new(secret.encode(), body, digest)
    return base64.b64encode(mac.digest()).decode() if encoding == "base64" else mac.hexdigest()


def hmac_signer(header: str, secret: Callable[[], str], *, digest: str = "sha256",
                encoding: Literal["base64", "hex"] = "base64") -> Signer:
    """A signer putting the body's HMAC in ``header``; ``secret`` is read at signing time
    (an app's shared secret may be rotated while deliveries are being made)."""
    return lambda body: {header: hmac_signature(secret(), body, digest=digest,
                                                encoding=encoding)}


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Delivery:
    """One queued notification and what became of its attempts."""

    subscription: int
    address: str
    topic: str
    body: bytes
    headers: dict[str, str]
    id: str
    attempts: int = 0
    statuses: list[int | None] = field(default_factory=list)

    @property
    def webhook_id(self) -> int:  # the subscription's id, under the name the tests know
        return self.subscription

    def payload(self) -> Any:
        return json.loads(self.body)


class Emitter:
    """The delivery queue of one simulated store."""

    def __init__(self, signer: Signer, *, source: str,
                 now: Callable[[], datetime] = _utc_now,
                 max_attempts: int | None = None,
                 attempted: Callable[[Delivery, int | None], None] | None = None) -> None:
        self.signer = signer
        self.now = now
        #: told of each attempt's status (a platform counting failures per subscription)
        self.attempted = attempted
        #: After this many failed attempts a delivery is given up (moved to ``failed``);
        #: None keeps retrying on every flush.
        self.max_attempts = max_attempts
        self.queue: list[Delivery] = []
        self.failed: list[Delivery] = []
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, source)
        self._seq = 0

    def next_id(self) -> str:
        """A delivery or event id: a UUID unique within this emitter, the same every run."""
        self._seq += 1
        return str(uuid.uuid5(self._namespace, str(self._seq)))

    def timestamp(self) -> str:
        """Now, in UTC with a ``Z``, as webhook headers carry it."""
        return self.now().astimezone(UTC).isoformat().replace("+00:00", "Z")

    def emit(self, address: str, topic: str, payload: Any, *, subscription: int = 0,
             headers: dict[str, str] | None = None, delivery_id: str | None = None,
             signer: Signer | None = None, raw: bytes | None = None) -> Delivery:
        """Queue ``payload`` (a snapshot taken now) for ``address``, signed by ``signer``
        when given (each subscription its own secret, as WooCommerce's webhooks have);
        ``raw`` is a body sent as it is instead (a form-encoded ping)."""
        body = raw if raw is not None else json.dumps(payload, separators=(",", ":")).encode()
        signed = {"Content-Type": "application/json", **(headers or {}),
                  **(signer or self.signer)(body)}
        item = Delivery(subscription, address, topic, body, signed,
                        delivery_id or self.next_id())
        self.queue.append(item)
        return item

    async def flush(self, client: httpx.AsyncClient | None = None, *,
                    timeout: float = 10.0) -> list[Outcome]:
        """POST every queued delivery once; those answered 2xx leave the queue, the others
        stay for the next flush (or are given up after ``max_attempts``)."""
        if not self.queue:
            return []
        http = client or httpx.AsyncClient(timeout=timeout)
        outcomes: list[Outcome] = []
        try:
            for item in list(self.queue):
                status = await _post(http, item)
                item.attempts += 1
                item.statuses.append(status)
                outcomes.append((item.address, item.topic, status))
                if self.attempted is not None:
                    self.attempted(item, status)
                if status is not None and 200 <= status < 300:
                    self.queue.remove(item)
                elif self.max_attempts is not None and item.attempts >= self.max_attempts:
                    self.queue.remove(item)
                    self.failed.append(item)
        finally:
            if client is None:
                await http.aclose()
        return outcomes


async def flush_all(emitters: Iterable[Emitter], client: httpx.AsyncClient | None = None
                    ) -> list[Outcome]:
    """Flush every tenant's emitter, in turn (:meth:`Emitter.flush`)."""
    outcomes: list[Outcome] = []
    for emitter in emitters:
        outcomes += await emitter.flush(client)
    return outcomes


async def _post(http: httpx.AsyncClient, item: Delivery) -> int | None:
    try:
        response = await http.post(item.address, content=item.body, headers=item.headers)
    except httpx.HTTPError:
        return None
    return response.status_code
