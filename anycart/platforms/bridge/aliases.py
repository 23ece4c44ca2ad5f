"""URL aliases kept in a table of their own, declared: one keyword per store and language for
each page of an entity, as a cart's admin writes them (OpenCart's ``seo_url``; Magento's
``url_rewrite`` and CS-Cart's ``seo_names`` have the same shape).

A subclass of :class:`Aliases` declares how the table's rows name their page: the columns an
INSERT sets after the keyword (:attr:`~Aliases.insert`), the WHERE of one page's rows
(:attr:`~Aliases.one`) and of several (:attr:`~Aliases.many`), the SELECT items answering a
row's ident and its (key, value) pair; :meth:`~Aliases.idents` says what an entity id is
there. The rest is the same for every such table:

- :meth:`~Aliases.keywords`: the keywords of a page of entities, in one language, one query;
- :meth:`~Aliases.write`: a row for every (store, language) :meth:`~Aliases.targets` lists that
  has none, and the call's keyword in place of the call language's rows. A keyword not given
  is a slug of the name (:mod:`.slugs`), the first free one;
- :meth:`~Aliases.free`: a keyword given is checked against :attr:`~Aliases.rule` (109 naming
  :attr:`~Aliases.param`) and against every other page of the same stores
  (:meth:`~Aliases.same` says what counts as the same keyword);
- :meth:`~Aliases.delete`: the rows of some entities.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from anycart.errors import ApiError

from .slugs import first_free, slugify
from .sqlkit import InsertId, SqlExecutor, Statement

#: A name, or how to read it when a keyword has to be made (most updates need none).
Name = str | Callable[[], Awaitable[str]]


async def named(name: Name) -> str:
    return name if isinstance(name, str) else await name()


class Aliases:
    """The alias rows of one store's database."""

    table: ClassVar[str]
    #: Columns an INSERT sets after store, language and keyword, and their values' SQL
    #: (binding the key, then the ident).
    insert: ClassVar[tuple[str, str]]
    #: WHERE of one page's rows (binding the key, then the ident).
    one: ClassVar[str]
    #: WHERE of several pages' rows: ``{}`` is their idents' marks, after the key when ``keyed``.
    many: ClassVar[str]
    keyed: ClassVar[bool] = True
    #: The SELECT item answering a row's ident, and items ``k``, ``v`` naming its page.
    ident: ClassVar[str]
    pair: ClassVar[str]
    store: ClassVar[str] = "store_id"
    language: ClassVar[str] = "language_id"
    keyword: ClassVar[str] = "keyword"
    #: The stores beside the store table's (the default store, which has no row there), and
    #: the queries listing stores and languages.
    default_stores: ClassVar[tuple[int, ...]] = (0,)
    stores_sql: ClassVar[str] = "SELECT store_id FROM {p}store ORDER BY store_id"
    languages_sql: ClassVar[str] = "SELECT language_id FROM {p}language ORDER BY language_id"
    #: What a keyword given may be, said in the refusal; the column's size.
    rule: ClassVar[re.Pattern[str]] = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
    rule_text: ClassVar[str] = "1 to 64 characters: letters, digits, - and _"
    size: ClassVar[int] = 64
    param: ClassVar[str] = "seo_url"

    def __init__(self, db: SqlExecutor) -> None:
        self.db = db

    # -- what a subclass declares -------------------------------------------------------------
    async def idents(self, key: str, ids: list[int]) -> tuple[str, dict[str, int]]:
        """The key the rows of ``key`` ids use and each ident's id (by default the id)."""
        return key, {str(i): i for i in ids}

    def own(self, key: str, ident: Any) -> tuple[str, str]:
        """The (k, v) pair of :attr:`pair` naming the page ``ident`` (not taken by itself)."""
        return key, str(ident)

    def same(self, word: str) -> tuple[str, list[Any]]:
        """The condition of a row holding ``word`` (the uniqueness check)."""
        return f"{self.keyword} = ?", [word]

    def leaf(self, keyword: str) -> str:
        """A stored keyword as the page's own keyword (what a read answers)."""
        return keyword

    # -- the rows --------------------------------------------------------------------------------
    async def targets(self) -> list[tuple[int, int]]:
        """Every (store, language) a page needs a keyword for."""
        rows = await self.db.select(self.stores_sql)
        stores = [*self.default_stores, *(int(r[self.store]) for r in rows)]
        langs = [int(r[self.language]) for r in await self.db.select(self.languages_sql)]
        return [(s, lang) for s in stores for lang in langs]

    def _many(self, key: str, idents: Any) -> tuple[str, list[Any]]:
        marks = ", ".join("?" * len(idents))
        return self.many.format(marks), [*([key] if self.keyed else []), *idents]

    async def keywords(self, key: str, ids: list[int], lang: int, store: int = 0) -> dict[int, str]:
        if not ids:
            return {}
        alias_key, idents = await self.idents(key, ids)
        if not idents:
            return {}
        where, args = self._many(alias_key, idents)
        rows = await self.db.select(
            f"SELECT {self.ident} AS ident, {self.keyword} AS word FROM {{p}}{self.table} WHERE "
            f"{self.store} = ? AND {self.language} = ? AND {where}", [store, lang, *args])
        return {idents[str(r["ident"])]: self.leaf(str(r["word"]))
                for r in rows if str(r["ident"]) in idents}

    async def taken(self, word: str, stores: list[int], own: tuple[str, str] | None) -> bool:
        same, args = self.same(word)
        marks = ", ".join("?" * len(stores))
        rows = await self.db.select(f"SELECT {self.pair} FROM {{p}}{self.table} WHERE "
                                    f"{self.store} IN ({marks}) AND {same}", [*stores, *args])
        return any(own is None or (str(r["k"]), str(r["v"])) != own for r in rows)

    async def free(self, given: Any, name: Name, stores: list[int],
                   own: tuple[str, str] | None) -> str:
        """The call's keyword (109 when another page has it), else the first free slug of
        ``name`` (``name``, ``name-2``, ...)."""
        refusal = ApiError.invalid(self.param, "a keyword no other page of the store uses")
        if given not in (None, ""):
            word = str(given).strip()
            if not self.rule.match(word):
                raise ApiError.invalid(self.param, self.rule_text)
            if await self.taken(word, stores, own):
                raise refusal
            return word
        made = await first_free(slugify(await named(name), self.size),
                                lambda w: self.taken(w, stores, own), self.size)
        if made is None:
            raise refusal
        return made

    def row(self, store: int, lang: int, key: str, ident: Any, word: str) -> Statement:
        columns, values = self.insert
        return Statement(f"INSERT INTO {{p}}{self.table} ({self.store}, {self.language}, "
                         f"{self.keyword}, {columns}) VALUES (?, ?, ?, {values})",
                         [store, lang, word, key, ident])

    async def write(self, key: str, ident: Any, given: Any, name: Name,
                    lang: int) -> list[Statement]:
        """Rows for every store and language that has none, and the call's keyword (when
        given) in place of the call language's rows; ``ident`` may be a new row's InsertId."""
        targets = await self.targets()
        stores = sorted({s for s, _ in targets})
        have: set[tuple[int, int]] = set()
        new = isinstance(ident, InsertId)
        if not new:
            rows = await self.db.select(f"SELECT {self.store} AS s, {self.language} AS l FROM "
                                        f"{{p}}{self.table} WHERE {self.one}", [key, str(ident)])
            have = {(int(r["s"]), int(r["l"])) for r in rows}
        given_here = given not in (None, "")
        wanted = [t for t in targets if t not in have or (given_here and t[1] == lang)]
        if not wanted:
            return []
        word = await self.free(given, name, stores, None if new else self.own(key, ident))
        out = []
        if given_here and not new:
            out.append(Statement(f"DELETE FROM {{p}}{self.table} WHERE {self.one} AND "
                                 f"{self.language} = ?", [key, str(ident), lang]))
        return out + [self.row(s, lg, key, ident, word) for s, lg in wanted]

    async def delete(self, key: str, ids: list[int]) -> list[Statement]:
        alias_key, idents = await self.idents(key, ids)
        if not idents:
            return []
        where, args = self._many(alias_key, idents)
        return [Statement(f"DELETE FROM {{p}}{self.table} WHERE {where}", args)]
