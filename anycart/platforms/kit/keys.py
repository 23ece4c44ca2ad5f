"""Records named by something else than their id: an invoice number, a name.

:func:`split_number` reads an id the caller wrote as a prefix and a number (an invoice
number ``INV-1005``), for platforms that store the two apart; :func:`linked` is the id of
the record a name means (a manufacturer, a brand), created when there is none, for
platforms that link records by id only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from .fields import get

Record = dict[str, Any]


def split_number(text: str) -> tuple[str, str]:
    """(prefix, number) of ``text`` ending in a positive number (``"INV-1005"`` ->
    ``("INV-", "1005")``); ``("", "")`` when it ends in none."""
    text = str(text).strip()
    digits = text[len(text.rstrip("0123456789")):]
    if not digits or int(digits) == 0:
        return "", ""
    return text[:len(text) - len(digits)], digits


async def linked(name: str, found: Callable[[str], Awaitable[Iterable[Record]]],
                 create: Callable[[str], Awaitable[str]], *, name_path: str, id_path: str) -> str:
    """The id of the record named ``name`` (case aside) among what ``found(name)`` answers
    (a platform search may match parts), or of the one ``create(name)`` adds."""
    want = name.casefold()
    for record in await found(name):
        if str(get(record, name_path) or "").casefold() == want:
            return str(get(record, id_path))
    return await create(name)
