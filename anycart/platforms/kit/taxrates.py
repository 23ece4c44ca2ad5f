"""The contract's tax rate (``TaxClass_Rate``) from the places a platform's rate covers.

Carts keep a rate by place: a country (or every one), its states, postcodes and cities
(WooCommerce's ``/taxes``, Magento's tax rates, PrestaShop's tax rules, OpenCart's geo
zones). The contract nests them: ``countries[].states[].zip_codes[]``, with the rate's cities
and postcodes also at its top; names come from ISO 3166 (pycountry), as
:mod:`anycart.platforms.countries` names countries everywhere. A postcode range
(``90210...90215``) is ``is_range`` with its bounds in ``fields``; a single code or a
wildcard (``902*``) is kept as the cart wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pycountry

from anycart.platforms.countries import country

from .fields import get, number, text

Record = dict[str, Any]

#: ``tax_type`` of a rate that is a percentage of the price (the contract numbers its tax
#: types without naming them; a fixed amount would be 1).
PERCENT = 0


def zip_codes(codes: Iterable[str], range_mark: str = "...") -> list[Record]:
    """Postcodes as the contract's ``TaxClass_ZipCodes``."""
    out = []
    for code in codes:
        low, mark, high = code.partition(range_mark)
        out.append({"is_range": bool(mark), "range": [low, high] if mark else [code],
                    "fields": [{"from": low, "to": high}] if mark else []})
    return out


def _state_name(country_code: str, state: str) -> str | None:
    found = pycountry.subdivisions.get(code=f"{country_code}-{state}")  # type: ignore[no-untyped-call]
    return str(found.name) if found is not None else None


def tax_rate(ident: Any, name: str | None, tax: float | None, *, country_code: str | None = None,
             states: Iterable[str] = (), postcodes: Iterable[str] = (),
             cities: Iterable[str] = (), tax_type: int = PERCENT, based_on: str | None = None,
             extra: Mapping[str, Any] | None = None) -> Record:
    """One ``TaxClass_Rate``: ``country_code`` None or blank for a rate of every country (no
    ``countries`` then); each of ``states`` nested in it with the postcodes."""
    zips = zip_codes(postcodes)
    places = []
    if country_code:
        known = country(country_code)
        places.append({"id": None, "code": country_code, "tax": tax, "tax_type": tax_type,
                       "name": known.name if known is not None else None,
                       "states": [{"id": None, "code": s, "name": _state_name(country_code, s),
                                   "tax": tax, "tax_type": tax_type, "zip_codes": zips}
                                  for s in states]})
    return {"id": str(ident), "name": name, "tax": tax, "tax_type": tax_type,
            "tax_based_on": based_on, "countries": places, "cities": list(cities),
            "address": [], "zip_codes": zips, "additional_fields": dict(extra or {}),
            "custom_fields": {}}


@dataclass(frozen=True)
class RateMap:
    """Where a platform's rate record keeps each part (dotted paths): its id, name, rate
    (a number or its text) and country; ``state`` one state or ``states`` a list of them;
    ``postcodes``/``cities`` lists; ``extra`` the keys kept in ``additional_fields``."""

    id: str
    name: str
    rate: str
    country: str
    state: str | None = None
    states: str | None = None
    postcodes: str | None = None
    cities: str | None = None
    extra: tuple[str, ...] = ()

    def read(self, r: Mapping[str, Any]) -> Record:
        states = [get(r, self.state)] if self.state else get(r, self.states) if self.states else []
        return tax_rate(get(r, self.id), text(get(r, self.name)), number(get(r, self.rate)),
                        country_code=text(get(r, self.country)), states=[s for s in states or () if s],
                        postcodes=get(r, self.postcodes) or () if self.postcodes else (),
                        cities=get(r, self.cities) or () if self.cities else (),
                        extra={k: get(r, k) for k in self.extra})


@dataclass(frozen=True)
class TaxClassMap:
    """A tax class (``TaxClass``; ``tax.class.info`` adds ``tax_rates``): its id and name
    paths and, when the record was read with them, its rates at ``rates`` (each through
    ``rate``)."""

    id: str
    name: str
    rate: RateMap
    rates: str = "_rates"

    def read(self, c: Mapping[str, Any]) -> Record:
        out: Record = {"id": text(get(c, self.id)), "name": text(get(c, self.name)), "avail": True,
               "additional_fields": {}, "custom_fields": {}}
        if self.rates in c:
            out["tax_rates"] = [self.rate.read(r) for r in c[self.rates] or ()]
        return out
