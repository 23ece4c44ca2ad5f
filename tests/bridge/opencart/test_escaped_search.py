"""Text OpenCart stores HTML-escaped is searched and read as stored: customer.list/count's
``find_value`` on names and phone, and a customer's and an order's phone read back
(customer.add and order.add write them escaped, as the cart's forms and checkout do)."""

from __future__ import annotations

from .test_driver import call
from .test_order_add import params


def test_customer_list_finds_escaped_names(oc):
    cid = call(oc, "customer.add", {"email": "obrien@example.com", "first_name": "Seán & Co",
                                    "last_name": "O'Brien", "phone": "<+1> 555"})["customer_id"]
    try:
        for where, value in (("first_name", "Seán & Co"), ("last_name", "O'Brien"), ("phone", "<+1>")):
            found = call(oc, "customer.list", {"find_value": value, "find_where": where})
            assert [c["id"] for c in found.items] == [str(cid)], where
            assert call(oc, "customer.count", {"find_value": value, "find_where": where}) == {
                "customers_count": 1}
        info = call(oc, "customer.info", {"id": cid})
        assert (info["first_name"], info["last_name"], info["phone"]) == ("Seán & Co", "O'Brien", "<+1> 555")
    finally:
        call(oc, "customer.delete", {"id": cid})


def test_order_phone_is_read_as_given(oc):
    """order.add stores the phone HTML-escaped (as the checkout does): order.info unescapes it."""
    oid = call(oc, "order.add", params(customer_phone="<+1> 555 & 6", bill_phone="<+1> 777"))["order_id"]
    info = call(oc, "order.info", {"order_id": oid})
    assert info["customer"]["phone"] == "<+1> 555 & 6"
    assert info["billing_address"]["phone"] == info["shipping_address"]["phone"] == "<+1> 555 & 6"

