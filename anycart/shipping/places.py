"""The FAQ's ``origin``/``destination`` from a store's rate request: the country and state
codes completed with their ISO names (pycountry), the rest as the platform gave it.

Every store that asks for rates (WooCommerce, Magento 2, Shopify) sends an ISO 3166-1 alpha-2
country and an ISO 3166-2 subdivision suffix (``US`` + ``CA``), so the codes are looked up
exactly; the lenient reading of stored countries (names, alpha-3) is
``anycart.platforms.countries``, a layer above this one. The country's name follows its
convention: the common name where ISO has one (``Taiwan``), else the name (``United States``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pycountry

from .models import Address, Country, State


@lru_cache(maxsize=512)
def _country(code: str) -> Any:
    countries: Any = pycountry.countries  # untyped library
    return countries.get(alpha_2=code.upper())


@lru_cache(maxsize=2048)
def _state(country: str, state: str) -> Any:
    subdivisions: Any = pycountry.subdivisions  # untyped library
    return subdivisions.get(code=f"{country.upper()}-{state.upper()}")


def address(country: str | None, state: str | None, **fields: str | None) -> Address:
    """An :class:`~.models.Address` in ``country`` (alpha-2) and ``state`` (its subdivision
    code), with ``fields`` (``postcode``, ``city``, ``address1``...) as given; codes ISO does
    not know are kept, without a name."""
    found = _country(country) if country else None
    region = _state(country, state) if country and state else None
    return Address(**fields,
                   country=Country(code2=country or None,
                                   code3=found.alpha_3 if found else None,
                                   name=(getattr(found, "common_name", None) or found.name)
                                   if found else None),
                   state=State(code=state or None, name=getattr(region, "name", None)))
