"""SEO keywords (``seo_url`` rows) as OpenCart's admin writes them, on
:class:`~anycart.platforms.bridge.aliases.Aliases`: one per store and language (4.0.x refuses
to save a page missing one), the call's ``seo_url`` or a slug of the name, unique in the store.
3.x: ``query`` = ``product_id=N``. 4.0.x: ``key``/``value``; a category's value is its path
(``1_5``) and its keyword has the parent's in front (``desktops/mac``): moving or renaming it
rewrites the rows under it (editCategory), and a keyword is checked as its last part.
"""

from __future__ import annotations

from typing import Any

from anycart.platforms.bridge.aliases import Aliases, Name
from anycart.platforms.bridge.sqlkit import InsertId, Statement, like_escaped

from .writes import CATEGORY_PATHS


class SeoUrls(Aliases):
    """3.x: ``query`` names the page (``product_id=5``)."""

    table, v4 = "seo_url", False
    insert = ("query", "CONCAT(?, '=', ?)")
    one, many, keyed = "query = CONCAT(?, '=', ?)", "query IN ({})", False
    ident, pair = "query", "query AS k, '' AS v"

    async def idents(self, key: str, ids: list[int]) -> tuple[str, dict[str, int]]:
        return key, {f"{key}={i}": i for i in ids}

    def own(self, key: str, ident: Any) -> tuple[str, str]:
        return f"{key}={ident}", ""


class SeoUrls4(Aliases):
    """4.0.x: ``key`` and ``value``; a category's value is its path (``1_5``)."""

    table, v4 = "seo_url", True
    insert = ("`key`, value, sort_order", "?, ?, 0")
    one, many = "`key` = ? AND value = ?", "`key` = ? AND value IN ({})"
    ident, pair = "value", "`key` AS k, value AS v"

    async def paths(self, ids: list[int]) -> dict[int, str]:
        """A category's path value (``25_28``), its ``category_path`` ancestors joined."""
        chains = await CATEGORY_PATHS.paths(self.db, ids)
        return {cid: "_".join(map(str, chain)) for cid, chain in chains.items()}

    async def idents(self, key: str, ids: list[int]) -> tuple[str, dict[str, int]]:
        if key == "category_id":
            return "path", {v: k for k, v in (await self.paths(ids)).items()}
        return await super().idents(key, ids)

    def same(self, word: str) -> tuple[str, list[Any]]:
        # also the last part of a category's path keyword (``desktops/mac``)
        return "(keyword = ? OR keyword LIKE ?)", [word, "%/" + like_escaped(word)]

    def leaf(self, keyword: str) -> str:
        # A category reads as its own keyword (what the admin shows and takes), without the
        # parent keywords the cart puts in front.
        return keyword.rsplit("/", 1)[-1]

    # -- categories ---------------------------------------------------------------------------
    async def category_add(self, parent_path: list[int], given: Any, name: Name) -> list[Statement]:
        """Rows ``path`` = parent path + new id, keyword = the parent's keyword + ``/`` + own."""
        targets = await self.targets()
        word = await self.free(given, name, sorted({s for s, _ in targets}), None)
        prefix = "_".join(map(str, parent_path))
        parents = await self._full_keywords(prefix) if prefix else {}
        return [Statement("INSERT INTO {p}seo_url (store_id, language_id, `key`, value, keyword, "
                          "sort_order) VALUES (?, ?, 'path', CONCAT(?, ?), ?, 0)",
                          [s, lg, f"{prefix}_" if prefix else "", InsertId(0),
                           _join(parents.get((s, lg)), word)]) for s, lg in targets]

    async def _full_keywords(self, path: str) -> dict[tuple[int, int], str]:
        rows = await self.db.select("SELECT store_id, language_id, keyword FROM {p}seo_url WHERE "
                                    "`key` = 'path' AND value = ?", [path])
        return {(int(r["store_id"]), int(r["language_id"])): str(r["keyword"]) for r in rows}

    async def category_edit(self, cid: int, old_path: str, new_parent: list[int], given: Any,
                            name: Name, lang: int) -> list[Statement]:
        """As editCategory: the category's row under its new path and keyword, its
        subcategories' rows moved with it."""
        targets = await self.targets()
        prefix = "_".join(map(str, new_parent))
        new_path = f"{prefix}_{cid}" if prefix else str(cid)
        old = await self._full_keywords(old_path)
        if new_path == old_path and given in (None, "") and all(t in old for t in targets):
            return []
        parents = await self._full_keywords(prefix) if prefix else {}
        stores = sorted({s for s, _ in targets})
        fresh = await self.free(given, name, stores, ("path", old_path)) if (
            given not in (None, "") or any(t not in old for t in targets)) else None
        out = [Statement("DELETE FROM {p}seo_url WHERE `key` = 'path' AND value = ?", [old_path])]
        for s, lg in targets:
            before = old.get((s, lg))
            leaf = fresh if fresh and (before is None or (given not in (None, "") and lg == lang)) \
                else str(before).rsplit("/", 1)[-1]
            word = _join(parents.get((s, lg)), leaf)
            out.append(self.row(s, lg, "path", new_path, word))
            if before is not None:
                out.append(Statement(
                    "UPDATE {p}seo_url SET value = CONCAT(?, SUBSTRING(value, ?)), keyword = "
                    "CONCAT(?, SUBSTRING(keyword, ?)) WHERE store_id = ? AND language_id = ? AND "
                    "`key` = 'path' AND value LIKE ?",
                    [f"{new_path}_", len(old_path) + 2, word, len(before) + 1, s, lg,
                     like_escaped(f"{old_path}_") + "%"]))
        return out


def _join(parent: str | None, word: str) -> str:
    return f"{parent}/{word}" if parent else word
