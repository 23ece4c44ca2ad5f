"""sandbox.grants: keys, what each may use, the scopes it reaches, issued keys."""

from __future__ import annotations

from anycart.sandbox.grants import Grant, Keyring


def test_a_grant_answers_resource_method_and_scope_checks() -> None:
    grant = Grant({"products": {"GET", "PUT"}, "orders": set()}, scopes={1})
    assert grant.may("products") and grant.may("orders") and not grant.may("customers")
    assert grant.may_use("products", "PUT") and not grant.may_use("products", "DELETE")
    assert not grant.may_use("orders", "GET") and not grant.may_use("customers", "GET")
    assert grant.reaches([1, 2]) and not grant.reaches([2])
    assert grant.usable() == {"products": {"GET", "PUT"}}
    everything = Grant()
    assert everything.may("x") and everything.may_use("x", "DELETE")
    assert everything.reaches([9]) and everything.usable() is None


def test_a_keyring_accepts_active_keys_and_issues_new_ones() -> None:
    ring = Keyring()
    ring.add("k1")
    off = ring.add("k2", Grant(active=False))
    assert "k1" in ring and "k2" not in ring and "k3" not in ring and None not in ring
    assert ring.get("k2") is None and ring.get(None) is None
    off.active = True
    assert ring.get("k2") is off
    issued = ring.issue(Grant({"products": {"GET"}}))
    assert len(issued) == 32 and ring.get(issued) is not None
    assert ring.issue() != issued
