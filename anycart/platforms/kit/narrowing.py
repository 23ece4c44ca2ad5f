"""A contract filter a platform has no query for, answered as the ids it names.

Some filters are found out by another read (the products of a category from the category's
own list, the orders of an e-mail from its customers, the orders whose latest return is in
a state from the returns): the connector reads those, then lists by ids, a filter every
platform has. :func:`narrowed` writes that call: the filters it answered dropped, the ids
they name under the id filter (only those also given there, when some are), ``0`` (an id
no record has) when none is left, so that an empty answer is not read as no filter.
"""

from __future__ import annotations

from collections.abc import Iterable

from anycart.platforms.base import Call
from anycart.platforms.overlap import split_all

#: The id no record has: the filter of a call whose answered filters name no record.
NONE = "0"


def narrowed(call: Call, drop: Iterable[str], key: str, ids: Iterable[str]) -> Call:
    """``call`` with the filters ``drop`` as the ``ids`` they name under ``key`` (and those
    given there, when any are: both filters apply)."""
    given = set(split_all(call.params, key))
    kept = [i for i in dict.fromkeys(ids) if not given or i in given] or [NONE]
    dropped = set(drop)
    params = {k: v for k, v in call.params.items() if k not in dropped}
    return Call(call.method, {**params, key: ",".join(kept)}, call.start, call.count, call.extra)
