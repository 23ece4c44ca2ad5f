"""order.shipment.add/update's v2 body: the keys written as text, empty ones left out."""

import pytest

from anycart.errors import ApiError
from anycart.platforms.bigcommerce_api import mapping as M


def test_given_keys_as_text_in_order_empty_left_out() -> None:
    body = M.shipment_body({"tracking_numbers": [{"tracking_number": "1Z"}],
                            "shipment_provider": "UPS", "shipping_method": "",
                            "admin_comment": 5, "tracking_link": None})
    assert body == {"tracking_number": "1Z", "tracking_carrier": "UPS",
                    "shipping_provider": "UPS", "comments": "5"}
    assert list(body) == ["tracking_number", "tracking_carrier", "shipping_provider", "comments"]
    assert M.shipment_body({}) == {}


def test_one_tracking_number_only() -> None:
    with pytest.raises(ApiError):
        M.shipment_body({"tracking_numbers": [{"tracking_number": "a"}, {"tracking_number": "b"}]})
