"""A payment or shipping method named in a call, matched to one the store has installed.

``order_payment_method`` and ``order_shipping_method`` are free text ("Cash On Delivery",
"cod", "Flat Shipping Rate"), while a cart's checkout stores the installed method's own code
(OpenCart's extension code, WooCommerce's gateway id, PrestaShop's module name).
:func:`match` finds that code; when none matches, the cart stores a code made of the text
(:func:`made_code`), as a method the store does not know.
"""

from __future__ import annotations

from collections.abc import Iterable

from .slugs import slugify


def made_code(text: str, size: int = 64, default: str = "") -> str:
    """A code of the text: ``Bank Transfer`` -> ``bank_transfer`` (what module and extension
    names allow: lower-case letters, digits and ``_``)."""
    return slugify(text, size, sep="_", default=default)


def match(text: str, installed: Iterable[tuple[str, str | None]]) -> str | None:
    """The code of the installed ``(code, title)`` the text names, trying in turn: the code
    or title the text is (case-insensitive; the code also as :func:`made_code` of it), a
    code that is one of the text's words ("Flat Shipping Rate": ``flat``), a code its words'
    initials spell ("Cash On Delivery": ``cod``). Methods' own titles name them so."""
    wanted = text.strip().lower()
    if not wanted:
        return None
    made = made_code(wanted)
    words = made.split("_")
    tests = (lambda code, title: code in (wanted, made) or title == wanted,
             lambda code, title: code in words,
             lambda code, title: code == "".join(w[0] for w in words if w))
    known = [(code, code.lower(), (title or "").strip().lower()) for code, title in installed]
    return next((code for test in tests for code, low, title in known if test(low, title)), None)
