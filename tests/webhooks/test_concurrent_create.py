"""Item 14 of issue 12: a store's first subscriptions created at once, on every backend.

``webhook.create`` used to read ``poll_state`` and insert the row when missing; two requests in
between both inserted and one died with a duplicate key (HTTP 500) on PostgreSQL.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from anycart.storage.models import PollState, Webhook

CONCURRENT = 40


async def test_concurrent_first_subscriptions_all_succeed(hooks):
    answers = await asyncio.gather(*(
        hooks.call("webhook.create", body={"entity": "product", "action": "update",
                                           "callback": f"{hooks.receiver_url}/hook/{i}"})
        for i in range(CONCURRENT)))
    assert [a["return_code"] for a in answers] == [0] * CONCURRENT, \
        [a for a in answers if a["return_code"]][:3]
    with hooks.services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Webhook)) == CONCURRENT
        assert s.scalar(select(func.count()).select_from(PollState)) == 1
