"""The countries and states WooCommerce 9.x knows (``i18n/countries.php``, ``states.php``), as
the codes an address may hold. A country with a state list (``states.json``, in states.php's
order) takes only those codes; one without takes any state text.
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
    code = value.strip().upper()
    return code if code in COUNTRIES else None


def state_code(country: str, value: str) -> str | None:
    """The state as stored for ``country`` (None: not in its list; no list: the text)."""
    states = STATES.get(country)
    if states is None:
        return value.strip()
    return states.get(value.strip().upper())
