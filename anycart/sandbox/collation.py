"""Values compared as a SQL database behind a REST API compares them: numbers as numbers
(a numeric text too, as MySQL casts it against a number column), text case aside (the
default ``*_ci`` collations), and ``LIKE`` patterns.

PrestaShop's webservice filters (``filter[price]=[10,50]``, ``filter[name]=%[shirt]%``),
Magento's ``searchCriteria`` conditions (``like``, ``gteq``), OpenCart's and WooCommerce's
``LIKE`` searches all end in such a ``WHERE``; a simulator answering them compares with
:func:`sql_key` and :func:`like` so its answers order and match as the database would.
"""

from __future__ import annotations

import re
from typing import Any

SqlKey = tuple[int, float, str]


def sql_key(value: Any) -> SqlKey:
    """A sort and compare key: any number (numeric texts too) before any text, numbers by
    value, texts case-insensitively; ``None`` is the empty text."""
    text = str(value if value is not None else "")
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text.lower())


def like(pattern: str, *, many: str = "%", one: str | None = "_") -> re.Pattern[str]:
    """``LIKE pattern`` as a case-insensitive regular expression over the whole value:
    ``many`` stands for any run of characters, ``one`` (if the platform's SQL leaves it a
    wildcard) for one character."""
    parts = []
    for char in pattern:
        if char == many:
            parts.append(".*")
        elif one is not None and char == one:
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("^" + "".join(parts) + "$", re.IGNORECASE | re.DOTALL)
