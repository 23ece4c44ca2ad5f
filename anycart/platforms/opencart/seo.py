"""SEO keywords (``seo_url`` rows) as OpenCart's admin writes them.

OpenCart 4.0.x refuses to save a product or category whose keyword is missing for any store
and language ("SEO URL must be between 1 and 64 characters!"), so AnyCart writes one for
every store (0 and each ``store`` row) and language: the call's ``seo_url`` when given, else a
slug of the name, made unique in the store as the admin checks it.

- 3.x: ``query`` = ``product_id=N`` / ``category_id=N``, ``keyword`` (admin/model/catalog/*.php).
- 4.0.x: ``key``/``value``; products ``product_id``/N; categories ``path``/``1_5`` (the
  category's path ids) with the parent's keyword in front (``desktops/mac``), and moving or
  renaming a category rewrites the rows under it (admin/model/catalog/category.php
  editCategory). The admin checks a keyword (the part after the last ``/``) against
  ``keyword = k OR keyword LIKE '%/k'`` in the same store.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.bridge.slugs import first_free, slugify
from anycart.platforms.bridge.sqlkit import InsertId, SqlExecutor, Statement, like_escaped

from .writes import CATEGORY_PATHS

#: What the 4.0.x admin accepts in a keyword (it also allows ``/``, which joins a category
#: path, so a keyword given here may not hold one); 3.x accepts the same.
_KEYWORD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_MAX = 64


def checked(value: Any) -> str:
    text = str(value).strip()
    if not _KEYWORD.match(text):
        raise ApiError.invalid("seo_url", "1 to 64 characters: letters, digits, - and _")
    return text


#: A name, or how to read it when a keyword has to be made (most updates need none).
Name = str | Callable[[], Awaitable[str]]


async def _named(name: Name) -> str:
    return name if isinstance(name, str) else await name()


@dataclass(frozen=True)
class _Dialect:
    """How a version's ``seo_url`` rows name their entity: 3.x's ``query`` (``product_id=5``),
    4.x's ``key`` and ``value``; each binds the key, then the id (or 4.x's ids)."""

    insert: tuple[str, str]  # columns after ``keyword``, and their values
    one: str  # one entity's rows
    many: str  # several, by their idents (:meth:`SeoUrls._idents`)
    pair: str  # the columns read as an entity's (key, value)


_DIALECTS = {
    False: _Dialect(("query", "CONCAT(?, '=', ?)"), "query = CONCAT(?, '=', ?)", "query IN ({})",
                    "query AS k, '' AS v"),
    True: _Dialect(("`key`, value, sort_order", "?, ?, 0"), "`key` = ? AND value = ?",
                   "`key` = ? AND value IN ({})", "`key` AS k, value AS v"),
}


class SeoUrls:
    """The SEO rows of one store's database (``v4``: the 4.0.x columns)."""

    def __init__(self, db: SqlExecutor, v4: bool) -> None:
        self.db = db
        self.v4 = v4
        self.sql = _DIALECTS[v4]

    async def targets(self) -> list[tuple[int, int]]:
        """Every (store, language) the admin form asks a keyword for."""
        stores = [0] + [int(r["store_id"]) for r in await self.db.select(
            "SELECT store_id FROM {p}store ORDER BY store_id")]
        langs = [int(r["language_id"]) for r in await self.db.select(
            "SELECT language_id FROM {p}language ORDER BY language_id")]
        return [(s, lang) for s in stores for lang in langs]

    # -- reading ------------------------------------------------------------------------------
    async def paths(self, ids: list[int]) -> dict[int, str]:
        """4.x: a category's path value (``25_28``), its ``category_path`` ancestors joined."""
        chains = await CATEGORY_PATHS.paths(self.db, ids)
        return {cid: "_".join(map(str, chain)) for cid, chain in chains.items()}

    async def _idents(self, key: str, ids: list[int]) -> tuple[str, dict[str, int]]:
        """The seo key and each id's value (3.x: the whole ``query``)."""
        if self.v4 and key == "category_id":
            return "path", {v: k for k, v in (await self.paths(ids)).items()}
        if self.v4:
            return key, {str(i): i for i in ids}
        return key, {f"{key}={i}": i for i in ids}

    def _many(self, key: str, idents: Any) -> tuple[str, list[Any]]:
        return self.sql.many.format(", ".join("?" * len(idents))), [*([key] if self.v4 else []), *idents]

    async def keywords(self, key: str, ids: list[int], lang: int) -> dict[int, str]:
        if not ids:
            return {}
        seo_key, idents = await self._idents(key, ids)
        if not idents:
            return {}
        where, args = self._many(seo_key, idents)
        ident = "value" if self.v4 else "query"
        rows = await self.db.select(f"SELECT {ident} AS ident, keyword FROM {{p}}seo_url WHERE store_id = 0"
                                    f" AND language_id = ? AND {where}", [lang, *args])
        # A 4.x category reads as its own keyword (what the admin shows and takes), without
        # the parent keywords the cart puts in front.
        return {idents[str(r["ident"])]: str(r["keyword"]).rsplit("/", 1)[-1]
                for r in rows if str(r["ident"]) in idents}

    # -- uniqueness ---------------------------------------------------------------------------
    async def _taken(self, word: str, stores: list[int], own: tuple[str, str] | None) -> bool:
        # 4.x also checks the last part of a category's path keyword (``desktops/mac``)
        same, args = ("(keyword = ? OR keyword LIKE ?)", [word, "%/" + like_escaped(word)]) if self.v4 \
            else ("keyword = ?", [word])
        rows = await self.db.select(f"SELECT {self.sql.pair} FROM {{p}}seo_url WHERE store_id IN "
                                    f"({', '.join('?' * len(stores))}) AND {same}", [*stores, *args])
        return any(own is None or (str(r["k"]), str(r["v"])) != own for r in rows)

    async def free(self, given: Any, name: Name, stores: list[int],
                   own: tuple[str, str] | None) -> str:
        """The call's keyword (109 naming ``seo_url`` when another entity has it), else the
        first free slug of ``name`` (``name``, ``name-2``, ...)."""
        if given not in (None, ""):
            word = checked(given)
            if await self._taken(word, stores, own):
                raise ApiError.invalid("seo_url", "a keyword no other page of the store uses")
            return word
        made = await first_free(slugify(await _named(name), _MAX),
                                lambda w: self._taken(w, stores, own), _MAX)
        if made is not None:
            return made
        raise ApiError.invalid("seo_url", "a keyword no other page of the store uses")

    # -- products (and 3.x categories) ----------------------------------------------------------
    def _own(self, key: str, ident: Any) -> tuple[str, str] | None:
        if isinstance(ident, InsertId):
            return None
        return (key, str(ident)) if self.v4 else (f"{key}={ident}", "")

    def _insert(self, store: int, lang: int, key: str, ident: Any, word: str) -> Statement:
        columns, values = self.sql.insert
        return Statement(f"INSERT INTO {{p}}seo_url (store_id, language_id, keyword, {columns}) "
                         f"VALUES (?, ?, ?, {values})", [store, lang, word, key, ident])

    async def write(self, key: str, ident: Any, given: Any, name: Name, lang: int) -> list[Statement]:
        """Rows for every store and language that has none, and the call's keyword (when
        given) in place of the call language's rows."""
        targets = await self.targets()
        stores = sorted({s for s, _ in targets})
        have: set[tuple[int, int]] = set()
        if not isinstance(ident, InsertId):
            rows = await self.db.select(f"SELECT store_id, language_id FROM {{p}}seo_url WHERE "
                                        f"{self.sql.one}", [key, str(ident)])
            have = {(int(r["store_id"]), int(r["language_id"])) for r in rows}
        given_here = given not in (None, "")
        wanted = [t for t in targets if t not in have or (given_here and t[1] == lang)]
        if not wanted:
            return []
        word = await self.free(given, name, stores, self._own(key, ident))
        out = []
        if given_here and not isinstance(ident, InsertId):
            out.append(Statement(f"DELETE FROM {{p}}seo_url WHERE {self.sql.one} AND language_id = ?",
                                 [key, str(ident), lang]))
        return out + [self._insert(s, lg, key, ident, word) for s, lg in wanted]

    async def delete(self, key: str, ids: list[int]) -> list[Statement]:
        seo_key, idents = await self._idents(key, ids)
        if not idents:
            return []
        where, args = self._many(seo_key, idents)
        return [Statement(f"DELETE FROM {{p}}seo_url WHERE {where}", args)]

    # -- 4.x categories -------------------------------------------------------------------------
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
        """As editCategory: the category's row under its new path and keyword, and the rows
        of its subcategories moved with it (their path and keyword prefixes)."""
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
            out.append(self._insert(s, lg, "path", new_path, word))
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
