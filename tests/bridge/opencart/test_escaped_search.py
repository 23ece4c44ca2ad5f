"""Text OpenCart stores HTML-escaped is searched and read as stored: customer.list/count's
``find_value`` on names and phone, and the phone read back (customer.add writes them
escaped, as the cart's forms do)."""

from __future__ import annotations

from .test_driver import call


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
