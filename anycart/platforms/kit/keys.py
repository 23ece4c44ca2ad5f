"""Records named by something else than their id: an invoice number, a name.

:func:`split_number` reads an id the caller wrote as a prefix and a number (an invoice
number ``INV-1005``), for platforms that store the two apart, and :func:`by_number` finds
the record so named; :func:`linked` is the id of
the record a name means (a manufacturer, a brand), created when there is none, for
platforms that link records by id only; :class:`Ref` declares such a link of a write, and
:class:`AddsLinked` an add that links the record it makes to another one by id (a new brand
made a product's).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.overlap import one_of

from . import fields as F
from .entities import Entity
from .fields import get
from .serve import Methods

Record = dict[str, Any]


def split_number(text: str) -> tuple[str, str]:
    """(prefix, number) of ``text`` ending in a positive number (``"INV-1005"`` ->
    ``("INV-", "1005")``); ``("", "")`` when it ends in none."""
    text = str(text).strip()
    digits = text[len(text.rstrip("0123456789")):]
    if not digits or int(digits) == 0:
        return "", ""
    return text[:len(text) - len(digits)], digits


class Lookup(Protocol):
    """Where :func:`by_number` looks: one record by id (None when unknown), the first
    record of a query (:class:`~.backend.RestBackend`)."""

    async def get(self, ident: str) -> Record | None: ...
    async def first(self, query: dict[str, Any]) -> Record | None: ...


async def by_number(records: Lookup, ident: Any, label: str, number: str,
                    prefix: str | None = None) -> Record:
    """The record ``ident`` names: by id when it is one, else by the number it ends in
    (filter ``number``), its prefix too when the platform keeps one (filter ``prefix``):
    an order by its invoice number, ``AB-1005`` or ``1005``. 112 naming ``ident`` for none."""
    text = str(ident).strip()
    if text.isdecimal() and (found := await records.get(text)):
        return found
    head, digits = split_number(text)
    query = {number: digits, **({prefix: head} if prefix and head else {})}
    if digits and (found := await records.first(query)):
        return found
    raise ApiError.not_found(label, ident)


@dataclass(frozen=True)
class LinkBy:
    """How a write links a record by name (``ref``): found among the records of ``entity``
    its filter ``search`` matches, else created (``create``: a record of that name at the
    ref's ``name_path``) or left unlinked; ``unless``: a parameter that, true, leaves the
    write unlinked (a guest's order). Declared on the connector (``links``), run by its
    default ``complete``."""

    ref: Ref
    entity: str
    search: str
    create: bool = False
    unless: str | None = None


async def linked(name: str, found: Callable[[str], Awaitable[Iterable[Record]]],
                 create: Callable[[str], Awaitable[str]] | None, *, name_path: str,
                 id_path: str) -> str | None:
    """The id of the record named ``name`` (case aside) among what ``found(name)`` answers
    (a platform search may match parts), or of the one ``create(name)`` adds (None without
    ``create``: the write stays unlinked)."""
    want = name.casefold()
    for record in await found(name):
        if str(get(record, name_path) or "").casefold() == want:
            return str(get(record, id_path))
    return await create(name) if create is not None else None


Found = Callable[[str], Awaitable[Iterable[Record]]]
Create = Callable[[str], Awaitable[str]]


@dataclass(frozen=True)
class Ref:
    """A record a write links by id (``ids``: the parameter giving it, which its field
    writes) or by name (``names``: synonyms): the name's record is found or created
    (:func:`linked`; ``name_path``/``id_path`` in a found record) and its id, by
    ``convert``, written at ``path``."""

    ids: str
    names: tuple[str, ...]
    path: str
    name_path: str
    id_path: str
    convert: F.Convert = int

    def name(self, params: Mapping[str, Any]) -> Any:
        """The name given (synonyms agreeing); 109 beside an id, which would drop it. Call
        it when the body is built, to refuse before any request."""
        name = one_of(params, *self.names)
        if name is not None and params.get(self.ids) is not None:
            given = next(n for n in self.names if params.get(n) not in F.EMPTY)
            raise ApiError.invalid(given, f"absent when {self.ids} is given")
        return name

    async def link(self, body: dict[str, Any], params: Mapping[str, Any], found: Found,
                   create: Create | None = None) -> dict[str, Any]:
        """``body`` with the id of the record ``params`` name, when they name one (and one
        is found, without ``create``: an order's buyer by email)."""
        if (name := self.name(params)) is not None:
            ident = await linked(str(name), found, create, name_path=self.name_path,
                                 id_path=self.id_path)
            if ident is not None:
                F.put(body, self.path, self.convert(ident))
        return body


@dataclass(frozen=True)
class AddsLinked:
    """``method`` adds a record of ``entity`` from its field map (``required`` first) and,
    given ``param``, links the record that names to it: the new id, by ``convert``, at
    ``key`` of an update of ``owner`` (``product.manufacturer.add`` with a ``product_id``:
    the new brand made that product's). Answers ``{answer: the new id}``. For
    :func:`~.serve.attach`."""

    method: str
    entity: Entity
    owner: str
    key: str
    answer: str
    param: str = "product_id"
    required: tuple[str, ...] = ()
    convert: F.Convert = int

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        for name in self.required:
            call.require(name)
        ident = await connector.backend(self.entity).create(self.entity.body(call.params))
        if (owner := call.params.get(self.param)) not in F.EMPTY:
            await connector.backend(connector.entity(self.owner)).update(
                str(owner), {self.key: self.convert(ident)})
        return {self.answer: ident}

    def methods(self) -> Methods:
        applied = {self.param, *self.required, *F.writable(self.entity.fields)}
        return {self.method: (self.run, frozenset(applied))}
