"""A row and its companion rows, declared: one per store (PrestaShop's ``product_shop``,
OpenCart's ``product_to_store``) and one per language (``product_lang``,
``product_description``), per store too where the cart keys them so (PrestaShop's products
and categories). :meth:`Companions.inserts` writes all of them in one write, keyed by the new
row's insert id; :meth:`Companions.updates` sets the columns given on each, in one store and
language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .batch import update
from .sqlkit import InsertId, Statement, insert


@dataclass(frozen=True)
class Companions:
    table: str
    key: str
    store_table: str
    lang_table: str
    store_col: str = "store_id"
    lang_col: str = "language_id"
    #: The language rows carry the store column too.
    lang_per_store: bool = False

    def inserts(self, base: Mapping[str, Any], store: int, store_cols: Mapping[str, Any],
                lang_cols: Mapping[str, Any], langs: Iterable[int], at: int = 0) -> list[Statement]:
        """The row (statement ``at`` of the write), its store row and one language row per
        language of ``langs``."""
        key = {self.key: InsertId(at)}
        scope = {self.store_col: store} if self.lang_per_store else {}
        return [insert(self.table, dict(base)),
                insert(self.store_table, {**key, self.store_col: store, **store_cols}),
                *(insert(self.lang_table, {**key, **scope, self.lang_col: lang, **lang_cols})
                  for lang in langs)]

    def updates(self, ident: Any, store: int, lang: int, base: Mapping[str, Any],
                store_cols: Mapping[str, Any], lang_cols: Mapping[str, Any]) -> list[Statement]:
        """UPDATEs of the row, its store row and its row in ``lang`` (of ``store`` when the
        language rows are per store), each only when it has columns to set."""
        where = f"{self.key} = ?"
        out = [update(self.table, dict(base), where, ident)] if base else []
        if store_cols:
            out.append(update(self.store_table, dict(store_cols), f"{where} AND {self.store_col} = ?",
                              ident, store))
        if lang_cols:
            scope, values = ((f" AND {self.store_col} = ?", [store]) if self.lang_per_store else ("", []))
            out.append(update(self.lang_table, dict(lang_cols), f"{where}{scope} AND {self.lang_col} = ?",
                              ident, *values, lang))
        return out
