"""A country and state given by ISO code or name, as OpenCart stores them: one reading for
customer addresses and for an order's addresses, so both refuse what the store does not know
(109 naming the parameter) instead of one of them storing zone 0 in silence."""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.bridge.values import html_stored, html_text


async def place(conn: Any, country: str, state: str, names: tuple[str, str]) -> dict[str, Any]:
    """``country``, ``country_id``, ``zone``, ``zone_id`` and 3.x's ``address_format``;
    ``names`` are the parameters the country and the state came in. A state is checked
    against the country's zones; a country with no zones keeps the state's text (``zone``)."""
    fmt = "'' AS address_format" if await conn._v4() else "address_format"
    rows = await conn.db.select(
        f"SELECT country_id, name, {fmt} FROM {{p}}country WHERE iso_code_2 = ? OR "
        "iso_code_3 = ? OR name = ? ORDER BY status DESC, country_id",
        [country, country, html_stored(country)])
    if not country or not rows:
        raise ApiError.invalid(names[0], "an ISO code or name of a country the store knows")
    found = rows[0]
    out = {"country": found["name"], "country_id": int(found["country_id"]), "zone": "",
           "zone_id": 0, "address_format": found["address_format"] or ""}
    if state:
        zones = await conn.db.select("SELECT zone_id, name, code FROM {p}zone WHERE country_id = ? "
                                     "ORDER BY status DESC, zone_id", [out["country_id"]])
        match = [z for z in zones if str(z["code"]).lower() == state.lower()
                 or (html_text(z["name"]) or "").lower() == state.lower()]
        if match:
            out.update(zone=match[0]["name"], zone_id=int(match[0]["zone_id"]))
        elif zones:
            raise ApiError.invalid(names[1], f"a state code or name of {html_text(found['name'])}")
        else:
            out["zone"] = html_stored(state)
    return out
