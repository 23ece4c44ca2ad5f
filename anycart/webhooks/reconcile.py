"""Pushes and polls of one store, reconciled: a platform that pushes its own webhooks and is
also polled (``Capabilities.polls_too``: WooCommerce, whose webhooks a site pauses after
failed deliveries or never sends when its cron is off) must not have each pushed change
emitted a second time by the next poll, yet a change it failed to push must still come.

:func:`remember` tells the store's poll cursors what a push recorded (the pushed record's
hash under its id, a deleted id forgotten), in the ingress's own transaction. The next poll
then reads that record unchanged and emits nothing for it; a record whose push never came
still differs from what the cursor knows, and the poll emits it. A store not polled (no
cursor yet, or none of that entity: no baseline) is left alone.
"""

from __future__ import annotations

import copy

from sqlalchemy.orm import Session

from anycart.events import ChangeEvent
from anycart.storage.models import PollState

from .polling import digest


def remember(session: Session, store_id: int, events: list[ChangeEvent]) -> None:
    state = session.get(PollState, store_id)
    if state is None or not events or not state.cursors:
        return
    cursors = copy.deepcopy(state.cursors)
    for event in events:
        cursor = cursors.get(event.entity)
        if not cursor or "known" not in cursor:
            continue
        if event.action == "delete":
            cursor["known"].pop(event.entity_id, None)
        else:
            cursor["known"][event.entity_id] = digest(event.data)
    state.cursors = cursors  # a new value: the JSON column is written back
