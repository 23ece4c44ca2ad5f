"""A return's status read from a cart row: the store's own status (id and name) with the
unified state its name reads as (:func:`~anycart.platforms.kit.returns.guess`), as
``return.list``/``return.info`` answer it beside ``return.status.list``."""

from __future__ import annotations

from typing import Any

from anycart.model import ReturnStatus
from anycart.platforms.kit.returns import guess


def named_status(ident: Any, name: str | None) -> ReturnStatus:
    """``ident`` and ``name`` with ``additional_fields.unified_status`` when the name reads
    as a unified state (none otherwise)."""
    state = guess(name)
    return ReturnStatus(id=str(ident), name=name,
                        additional_fields={"unified_status": state.value} if state else {})
