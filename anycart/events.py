"""What an event source produces: polling diffs and native platform pushes alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChangeEvent:
    entity: str
    action: str
    entity_id: str
    data: dict[str, Any]


#: The event AnyCart sends every webhook of a store it can no longer reach (as API2Cart does:
#: empty body, ``X-Webhook-Error-*`` headers).
STORE_ERROR = ("store", "error")


def store_error(store_key: str, code: int, message: str, try_count: int) -> ChangeEvent:
    return ChangeEvent(*STORE_ERROR, store_key, {"code": code, "reason": "store_unreachable",
                                                 "message": message[:300],
                                                 "try_count": try_count})


class PushRejected(Exception):
    """A native webhook push whose signature (or shape) does not check out."""
