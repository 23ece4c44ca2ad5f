"""The one country helper every platform mapping uses (issue 12 item 18)."""

from __future__ import annotations

import pytest

from anycart.model import Address
from anycart.platforms.countries import country


@pytest.mark.parametrize("given", [("US",), ("us",), ("USA",), ("United States",),
                                   (None, "US"), ("US", "USA", "Estados Unidos")])
def test_codes_and_names_become_both_codes_and_the_full_name(given):
    found = country(*given)
    assert found is not None
    assert (found.code2, found.code3, found.name) == ("US", "USA", "United States")


def test_common_names_and_unknown_countries():
    assert country("KR").name == "South Korea"  # the common name, not "Korea, Republic of"
    assert country("GB").name == "United Kingdom"
    kosovo = country("XK", "Kosovo")  # not in ISO 3166-1: what the platform gave is kept
    assert (kosovo.code2, kosovo.code3, kosovo.name) == ("XK", None, "Kosovo")
    assert country(None, "  ") is None


def test_unknown_members_are_left_out_not_null():
    # the contract types Country/State members as strings, not nullable
    wire = Address(id="1", country=country("XK")).to_wire()
    assert wire["country"] == {"code2": "XK"}


def test_unknown_codes_keep_the_most_trusted_of_each_length():
    # Neither "XQ"/"ZQ" nor "XQZ"/"ZQX" is an ISO 3166 code: the first given of each wins.
    found = country("XQ", "XQZ", "ZQ", "ZQX")
    assert found is not None and (found.code2, found.code3) == ("XQ", "XQZ")
