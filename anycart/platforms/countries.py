"""The contract's ``Country`` from whatever a platform stores, one convention for every platform.

Platforms hold an ISO 3166-1 alpha-2 code (Shift4Shop, Shopify, WooCommerce, PrestaShop), both
codes (OpenCart) or a name; answers always carry both codes and the country's English name
(``United States``, never ``US``), looked up in pycountry's ISO 3166 tables.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pycountry

from anycart.model import Country


@lru_cache(maxsize=1024)
def _lookup(value: str) -> Any:
    try:  # alpha-2, alpha-3, numeric, name, official or common name; any case
        return pycountry.countries.lookup(value)
    except LookupError:
        return None


def country(*given: str | None) -> Country | None:
    """The first of ``given`` (codes or names, in the platform's order of trust) that ISO 3166
    knows, as a full ``Country``; a country it does not know keeps what the platform gave."""
    values = [str(v).strip() for v in given if v is not None and str(v).strip()]
    for value in values:
        found = _lookup(value)
        if found is not None:
            return Country(code2=found.alpha_2, code3=found.alpha_3,
                           name=getattr(found, "common_name", None) or found.name)
    if not values:
        return None
    codes: dict[int, str] = {}
    for v in values:  # the first code of each length: ``given`` is in the order of trust
        if v.isalpha() and len(v) in (2, 3):
            codes.setdefault(len(v), v.upper())
    names = [v for v in values if len(v) > 3]
    return Country(code2=codes.get(2), code3=codes.get(3), name=names[0] if names else None)
