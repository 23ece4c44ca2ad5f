"""sandbox.collation: SQL-like comparison keys and LIKE patterns."""

from __future__ import annotations

from anycart.sandbox.collation import like, sql_key


def test_numbers_as_numbers_and_text_case_aside() -> None:
    assert sorted(["10", "9", "b", "A", 2.5], key=sql_key) == [2.5, "9", "10", "A", "b"]
    assert sql_key("19.000000") == sql_key(19) and sql_key("Shirt") == sql_key("shirt")
    assert sql_key(None) == sql_key("")


def test_like_patterns() -> None:
    assert like("%shirt%").match("Blue SHIRT xl")
    assert not like("shirt%").match("a shirt")
    assert like("sh_rt").match("short") and not like("sh_rt", one=None).match("short")
    assert like("a.b%").match("a.bc") and not like("a.b%").match("axbc")  # others literal
    assert like("100%", many="*").match("100%") is not None
