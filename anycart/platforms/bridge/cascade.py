"""Deletes declared as data: what a cart's own delete removes, as the tables it walks.

A :class:`Cascade` is a list of :class:`Step` objects (tables emptied where a condition holds)
and of other cascades (a product's delete runs the cart rules' integrity check, a customer's
the cart rules' own delete), plus ``collect`` queries that read child ids before anything goes
(a product's images, so their rows and files can follow). ``await cascade.plan(db, id=7)``
answers the DELETE statements of one write and the values they were bound to (the collected
ids included)::

    PRODUCT = Cascade(
        Step(("image_lang",), "id_image IN (??)", "images"),
        Step(("product_lang", "product_shop", "product"), "id_product = ?"),
        collect={"images": "SELECT id_image FROM {p}image WHERE id_product = :id"})

A step's ``where`` is bound as :func:`~.sqlentity.bind` binds it: ``?`` and ``??`` to the value
named ``of`` (``id`` by default; None: no value), ``:name`` to any value. A step whose value is
an empty list is left out (no children, nothing to delete).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .sqlentity import bind
from .sqlkit import SqlExecutor, Statement


@dataclass(frozen=True)
class Step:
    """``DELETE FROM {p}<table> WHERE <where>`` for each of ``tables``, in order."""

    tables: tuple[str, ...]
    where: str
    of: str | None = "id"


class Cascade:
    def __init__(self, *parts: Step | Cascade, collect: Mapping[str, str] | None = None) -> None:
        self.steps: tuple[Step, ...] = tuple(
            s for part in parts for s in (part.steps if isinstance(part, Cascade) else (part,)))
        merged: dict[str, str] = {}
        for part in parts:
            if isinstance(part, Cascade):
                merged.update(part.collect)
        self.collect: dict[str, str] = {**merged, **(collect or {})}

    def tables(self) -> list[str]:
        """Every table the cascade deletes from, once, in the order it first does."""
        return list(dict.fromkeys(t for s in self.steps for t in s.tables))

    async def values(self, db: SqlExecutor, **given: Any) -> dict[str, Any]:
        """``given`` with the ``collect`` queries' ids (their first column) added."""
        out = dict(given)
        for name, sql in self.collect.items():
            if name not in out:
                found = await db.select(*bind(sql, out))
                out[name] = [next(iter(r.values())) for r in found]
        return out

    def statements(self, values: Mapping[str, Any]) -> list[Statement]:
        out: list[Statement] = []
        for s in self.steps:
            value = None if s.of is None else values[s.of]
            if isinstance(value, list | tuple) and not value:
                continue
            sql, params = bind(s.where, values, list(value) if isinstance(value, tuple) else value)
            out += [Statement(f"DELETE FROM {{p}}{t} WHERE {sql}", params) for t in s.tables]
        return out

    async def plan(self, db: SqlExecutor, **given: Any) -> tuple[list[Statement], dict[str, Any]]:
        """The statements of the delete, and the values they were bound to."""
        values = await self.values(db, **given)
        return self.statements(values), values
