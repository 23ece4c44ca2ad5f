"""bridge.slugs: keywords made from names, and the first one no other page has."""

from __future__ import annotations

from anycart.platforms.bridge.slugs import first_free, numbered, slugify
from anycart.platforms.bridge.sqlkit import like_escaped


def test_slugify_transliterates_and_joins_runs_by_one_separator():
    assert slugify("Café Crème & Co.", 64) == "cafe-creme-co"
    assert slugify("  --Mac__Book--  ", 64) == "mac-book"
    assert slugify("Bank Transfer", 64, sep="_") == "bank_transfer"


def test_slugify_keeps_other_scripts_unless_ascii_only():
    assert slugify("Чай и кофе", 64) == "item"
    assert slugify("Чай и кофе", 64, ascii_only=False) == "чай-и-кофе"
    assert slugify("!!!", 64, default="anycart") == "anycart"


def test_slugify_cuts_to_the_column_without_a_trailing_separator():
    assert slugify("ab cd ef", 6) == "ab-cd"
    assert len(slugify("x" * 100, 64)) == 64


def test_numbered_candidates_fit_the_column():
    assert numbered("mug", 1, 64) == "mug"
    assert numbered("mug", 2, 64) == "mug-2"
    assert numbered("a" * 64, 12, 64) == "a" * 61 + "-12"
    assert numbered("abc-de", 2, 6) == "abc-2"


async def test_first_free_skips_taken_candidates_and_gives_up():
    taken = {"mug", "mug-2"}

    async def is_taken(word: str) -> bool:
        return word in taken

    assert await first_free("mug", is_taken, 64) == "mug-3"
    assert await first_free("cup", is_taken, 64) == "cup"

    async def always(word: str) -> bool:
        return True

    assert await first_free("mug", always, 64, tries=5) is None


def test_like_escaped_matches_literally():
    assert like_escaped("50%_off\\") == "50\\%\\_off\\\\"
