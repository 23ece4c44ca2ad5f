"""webhooks.reconcile.remember: what a push recorded, told to the store's poll cursors (the
pushed record's hash under its id, a deleted id forgotten); cursors without a baseline, and
stores not polled, are left alone."""

from __future__ import annotations

from anycart.config import Settings
from anycart.events import ChangeEvent
from anycart.services import build_services
from anycart.storage.models import PollState
from anycart.webhooks import reconcile
from anycart.webhooks.polling import digest


def test_pushes_update_the_known_hashes_only_where_a_baseline_is(tmp_path):
    services = build_services(Settings(data_dir=tmp_path))
    account, _ = services.repo.create_account("t")
    store = services.repo.add_store(account.id, "WoocommerceApi", "https://s.example", "s", {})
    other = services.repo.add_store(account.id, "WoocommerceApi", "https://o.example", "o", {})
    pushed = {"id": "7", "name": "New"}
    with services.db.session() as s:
        s.add(PollState(store_id=store.id, cursors={
            "product": {"known": {"7": "old", "8": "kept", "9": "gone"}, "since": None},
            "customer": {"since": None}}, failures=0))
    with services.db.session() as s:
        reconcile.remember(s, store.id, [
            ChangeEvent("product", "update", "7", pushed), ChangeEvent("product", "delete", "9", {"id": "9"}),
            ChangeEvent("customer", "add", "3", {"id": "3"}), ChangeEvent("order", "add", "1", {"id": "1"})])
        reconcile.remember(s, other.id, [ChangeEvent("product", "add", "1", {"id": "1"})])  # not polled
    with services.db.session() as s:
        cursors = s.get(PollState, store.id).cursors
        assert cursors["product"]["known"] == {"7": digest(pushed), "8": "kept"}
        assert cursors["customer"] == {"since": None}  # no baseline yet: the poll takes it
        assert "order" not in cursors
        assert s.get(PollState, other.id) is None
    services.db.dispose()
