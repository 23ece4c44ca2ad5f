"""URL keywords (slugs) made from a name, as carts make them, and the first one still free.

OpenCart's ``seo_url`` keyword, WordPress's ``post_name`` and term slug (``sanitize_title``,
``wp_unique_post_slug``), PrestaShop's ``link_rewrite`` and module names: the name in lower
case, its letters and digits in runs joined by one separator, cut to the column's size. When
another page already has it, ``-2``, ``-3``... is appended, the base cut so the whole still
fits the column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable


def slugify(name: str, size: int, *, ascii_only: bool = True, sep: str = "-",
            default: str = "item") -> str:
    """``Café Crème & Co.`` -> ``cafe-creme-co``. ``ascii_only`` transliterates accented
    letters and drops what has no ASCII form (OpenCart, PrestaShop's ``str2url``); without
    it other scripts' letters stay (WordPress keeps them, percent-encoded in the URL)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() if ascii_only else name
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return sep.join(words)[:size].rstrip(sep) or default


def numbered(base: str, n: int, size: int) -> str:
    """The ``n``-th candidate for ``base``: ``base`` itself, then ``base-2``, ``base-3``..."""
    if n == 1:
        return base
    return f"{base[:size - len(str(n)) - 1].rstrip('-')}-{n}"


async def first_free(base: str, taken: Callable[[str], Awaitable[bool]], size: int,
                     tries: int = 1000) -> str | None:
    """The first of ``base``, ``base-2``, ... that ``taken`` says no other page has (None
    after ``tries`` candidates, for the caller's own refusal)."""
    for n in range(1, tries + 1):
        word = numbered(base, n, size)
        if not await taken(word):
            return word
    return None
