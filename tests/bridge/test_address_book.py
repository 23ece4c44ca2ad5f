"""bridge.address.book: customer.add's address list read as bare address keys."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.address import book


def test_book_keys_are_read_as_the_bare_ones():
    assert book([{"address_book_city": "Austin", "address_book_default": True},
                         {"address_book_city": "Miami", "city": "Tampa"}]) == [
        {"city": "Austin", "default": True}, {"city": "Tampa"}]
    assert book(None) == [] and book("") == [] and book([]) == []


@pytest.mark.parametrize("value", ["Austin", {"address_book_city": "Austin"}, [{"city": "x"}, "y"]])
def test_anything_but_a_list_of_objects_is_109_naming_address(value):
    with pytest.raises(ApiError) as err:
        book(value)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'address'" in err.value.message
