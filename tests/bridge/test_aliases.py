"""URL alias rows declared (``bridge/aliases.py``), on a made-up cart's real MariaDB table:
a keyword for every store and language, slugs made unique, a keyword given checked and put
in place of the call language's row only, reads of many pages at once, deletes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.aliases import Aliases
from anycart.platforms.bridge.sqlkit import InsertId, Statement
from tests.bridge.direct import DirectExecutor, scratch

SCHEMA = """
CREATE TABLE t_store (store_id INT PRIMARY KEY);
CREATE TABLE t_language (language_id INT PRIMARY KEY);
CREATE TABLE t_alias (store_id INT NOT NULL, language_id INT NOT NULL, keyword VARCHAR(64) NOT NULL,
                      page VARCHAR(64) NOT NULL);
CREATE TABLE t_item (item_id INT AUTO_INCREMENT PRIMARY KEY);
INSERT INTO t_store VALUES (3);
INSERT INTO t_language VALUES (1), (2);
"""


class PageAliases(Aliases):
    """Rows name their page as ``item:7``."""

    table = "alias"
    insert = ("page", "CONCAT(?, ':', ?)")
    one, many, keyed = "page = CONCAT(?, ':', ?)", "page IN ({})", False
    ident, pair = "page", "page AS k, '' AS v"

    async def idents(self, key: str, ids: list[int]) -> tuple[str, dict[str, int]]:
        return key, {f"{key}:{i}": i for i in ids}

    def own(self, key: str, ident: Any) -> tuple[str, str]:
        return f"{key}:{ident}", ""


@pytest.fixture
def aliases(mariadb):
    with scratch(mariadb, "aliases", SCHEMA) as direct:
        yield PageAliases(direct)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def rows(db: DirectExecutor) -> list[tuple[int, int, str, str]]:
    found = run(db.select("SELECT * FROM {p}alias ORDER BY page, store_id, language_id"))
    return [(r["store_id"], r["language_id"], r["keyword"], r["page"]) for r in found]


def add(a: PageAliases, given: Any, name: str) -> list[Statement]:
    """An item added with its aliases in one write."""
    statements = [Statement("INSERT INTO {p}item () VALUES ()", [])]
    statements += run(a.write("item", InsertId(0), given, name, 1))
    run(a.db.write(statements))
    return statements


def test_every_store_and_language_gets_a_free_slug(aliases):
    add(aliases, None, "Blue Shoe")
    add(aliases, None, "Blue shoe!")
    assert rows(aliases.db) == [
        (s, lg, "blue-shoe", "item:1") for s in (0, 3) for lg in (1, 2)] + [
        (s, lg, "blue-shoe-2", "item:2") for s in (0, 3) for lg in (1, 2)]
    assert run(aliases.keywords("item", [1, 2, 9], 2)) == {1: "blue-shoe", 2: "blue-shoe-2"}


def test_a_given_keyword_replaces_the_call_language_only(aliases):
    add(aliases, None, "Shoe")
    run(aliases.db.write(run(aliases.write("item", 1, "sandal", "unused", 2))))
    assert run(aliases.keywords("item", [1], 1)) == {1: "shoe"}
    assert run(aliases.keywords("item", [1], 2)) == {1: "sandal"}
    assert run(aliases.keywords("item", [1], 2, store=3)) == {1: "sandal"}
    # nothing given and every row there: nothing to write (the name is not even read)
    assert run(aliases.write("item", 1, None, "unused", 1)) == []


@pytest.mark.parametrize("given", ["has space", "x" * 65, "a/b"])
def test_a_keyword_breaking_the_rule_is_109(aliases, given):
    with pytest.raises(ApiError) as err:
        run(aliases.write("item", InsertId(0), given, "n", 1))
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "seo_url" in err.value.message


def test_a_keyword_another_page_has_is_109_but_its_own_is_fine(aliases):
    add(aliases, "boot", "Boot")
    add(aliases, None, "Other")
    with pytest.raises(ApiError) as err:
        run(aliases.write("item", 2, "boot", "Other", 1))
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "no other page" in err.value.message
    assert run(aliases.write("item", 1, "boot", "Boot", 1))  # its own keyword again


def test_delete_takes_the_pages_rows(aliases):
    add(aliases, None, "One")
    add(aliases, None, "Two")
    run(aliases.db.write(run(aliases.delete("item", [1]))))
    assert {r[3] for r in rows(aliases.db)} == {"item:2"}
    assert run(aliases.delete("item", [])) == []
