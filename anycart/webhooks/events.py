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


class PushRejected(Exception):
    """A native webhook push whose signature (or shape) does not check out."""
