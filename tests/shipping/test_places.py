"""The shared origin/destination of a store's rate request (WooCommerce, Magento 2)."""

from anycart.shipping.places import address


def test_codes_are_completed_with_iso_names_and_fields_kept() -> None:
    a = address("US", "CA", city="Los Angeles", postcode="90001", address1="1 Main St")
    assert (a.country.code2, a.country.code3, a.country.name) == ("US", "USA", "United States")
    assert (a.state.code, a.state.name) == ("CA", "California")
    assert (a.city, a.postcode, a.address1) == ("Los Angeles", "90001", "1 Main St")


def test_the_common_name_is_preferred_as_anycart_platforms_countries_does() -> None:
    from anycart.platforms.countries import country
    found = country("TW")
    assert found is not None and address("TW", None).country.name == "Taiwan" == found.name


def test_unknown_codes_are_kept_without_names_and_empty_ones_are_none() -> None:
    a = address("ZZ", "Q")
    assert (a.country.code2, a.country.code3, a.country.name) == ("ZZ", None, None)
    assert (a.state.code, a.state.name) == ("Q", None)
    b = address("", "")
    assert b.country.code2 is None and b.state.code is None and b.country.name is None


def test_a_state_needs_its_country() -> None:
    assert address(None, "CA").state.name is None
    assert address("CA", "ON").state.name == "Ontario"
