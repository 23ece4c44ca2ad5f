"""Adaptive poll intervals (issue 24): a store whose polls see nothing is polled less often,
up to ``poll_idle_backoff`` times the interval; a change brings it back to the full pace; a
store whose platform pushes every watched change is polled only to reconcile."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from anycart.platforms.woocommerce_api.platform import CAPABILITIES as WOO
from anycart.storage.models import PollState, utcnow
from anycart.worker.loop import _reconciled_only, poll_interval
from tests.webhooks.test_webhooks import change_price

BASE = 100.0


def test_interval_grows_by_half_an_interval_per_idle_poll_up_to_the_backoff():
    assert [poll_interval(BASE, 4, n, False) for n in (0, 1, 2, 4, 6, 50)] == [
        100, 150, 200, 300, 400, 400]
    assert poll_interval(BASE, 1, 9, False) == BASE  # backoff 1: always the full pace
    assert poll_interval(BASE, 4, 0, True) == 400  # pushed: only reconciled


def test_only_stores_watching_pushed_events_are_reconciled_only():
    assert _reconciled_only(WOO, {"product": {"update", "add"}, "order": {"add"}})
    # WooCommerce has no category topic: a category hook is found by polling alone
    assert not _reconciled_only(WOO, {"product": {"update"}, "category": {"add"}})


def _schedule(hooks) -> tuple[float, int]:
    """Seconds from now to the store's next poll, and its idle polls."""
    with hooks.services.db.session() as s:
        state = s.scalars(select(PollState)).one()
        ahead = (state.next_poll_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None))
        return ahead / timedelta(seconds=1), state.idle_polls


def _due_now(hooks) -> None:
    with hooks.services.db.session() as s:
        s.execute(update(PollState).values(next_poll_at=utcnow()))


@pytest.fixture
async def quiet_hooks(hooks):
    """``hooks``, leaving nothing behind: on PostgreSQL the database outlives the test, and
    later tests count the poll rows and events they find (the account's delete cascades)."""
    yield hooks
    account = hooks.services.repo.authenticate(hooks.api_key)
    hooks.services.repo.delete_account(account.id)


async def test_idle_store_backs_off_and_a_change_restores_the_pace(quiet_hooks):
    hooks = quiet_hooks
    await hooks.subscribe("product", "update")
    hooks.worker.settings.poll_interval_s = BASE
    await hooks.worker.drain()  # the baseline poll: nothing to emit, one idle poll
    ahead, idle = _schedule(hooks)
    assert idle == 1 and 150 * 0.89 < ahead < 150 * 1.11
    _due_now(hooks)
    await hooks.worker.drain()
    ahead, idle = _schedule(hooks)
    assert idle == 2 and 200 * 0.89 < ahead < 200 * 1.11

    await change_price(hooks, 3, 77.5)
    _due_now(hooks)
    await hooks.worker.drain()
    assert [d.json["entity_id"] for d in hooks.receiver.delivered()] == ["3"]
    ahead, idle = _schedule(hooks)
    assert idle == 0 and BASE * 0.89 < ahead < BASE * 1.11
