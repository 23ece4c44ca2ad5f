"""The countries and states WooCommerce knows (its ``i18n/countries.php`` and ``i18n/states.php``,
WooCommerce 9.x), as codes only: what an address may hold in ``_billing_country`` /
``_billing_state``. A country with a state list takes only those codes; a country without one
takes any state text (WooCommerce shows a free text field there).

The state lists are data: ``states.json`` (country code -> its state codes as WooCommerce
stores them, in states.php's order).
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

#: i18n/countries.php is ISO 3166-1 (pycountry's list) and Kosovo's user-assigned XK.
COUNTRIES = frozenset({c.alpha_2 for c in pycountry.countries} | {"XK"})

#: country code -> {upper-cased state code: the code as WooCommerce stores it}
STATES: dict[str, dict[str, str]] = {
    country: {code.upper(): code for code in codes}
    for country, codes in json.loads((Path(__file__).parent / "states.json").read_text()).items()}


def country_code(value: str) -> str | None:
    """A country as WooCommerce stores it (``US``), or None when WooCommerce has no such country."""
    code = value.strip().upper()
    return code if code in COUNTRIES else None


def state_code(country: str, value: str) -> str | None:
    """The state as WooCommerce stores it for ``country``; None when the country has a state
    list without it. Countries without a list take the text as given."""
    states = STATES.get(country)
    if states is None:
        return value.strip()
    return states.get(value.strip().upper())
