"""kit.taxrates: a rate by place in the contract's nested ``TaxClass_Rate`` shape (ISO names,
postcode ranges), read from a declared record shape; and collection.Among reading a class's
rates from a list filtered by its id, every page, for the one class ``Picked`` answers."""

from __future__ import annotations

import httpx
import pytest

from anycart.errors import ApiError
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.collection import Among, Listed, Picked
from anycart.platforms.kit.pagination import PageNumber
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.taxrates import PERCENT, RateMap, TaxClassMap, tax_rate, zip_codes
from anycart.transport.http import HttpLayer
from tests.kit.calls import call
from tests.kit.shelf import declared

RATE = RateMap("rate_id", "title", "percent", "where.country", states="where.states",
               postcodes="zips", cities="towns", extra=("priority",))
CLASS = TaxClassMap("code", "label", RATE)


def test_zip_codes_single_wildcard_and_range():
    assert zip_codes(["90210", "902*", "10001...10005"]) == [
        {"is_range": False, "range": ["90210"], "fields": []},
        {"is_range": False, "range": ["902*"], "fields": []},
        {"is_range": True, "range": ["10001", "10005"], "fields": [{"from": "10001", "to": "10005"}]}]


def test_rate_nests_states_and_postcodes_in_its_country():
    r = tax_rate(7, "City Tax", 9.5, country_code="US", states=["CA", "ZZ"], postcodes=["90210"],
                 cities=["BEVERLY HILLS"], extra={"priority": 1})
    assert (r["id"], r["tax"], r["tax_type"], r["cities"]) == ("7", 9.5, PERCENT, ["BEVERLY HILLS"])
    [us] = r["countries"]
    assert (us["code"], us["name"], us["tax"]) == ("US", "United States", 9.5)
    assert [(s["code"], s["name"]) for s in us["states"]] == [("CA", "California"), ("ZZ", None)]
    assert us["states"][0]["zip_codes"] == r["zip_codes"] == zip_codes(["90210"])
    assert r["additional_fields"] == {"priority": 1}
    assert tax_rate(8, "Zero", 0.0)["countries"] == []  # every country: none named


def test_declared_shapes_read_a_class_and_its_rates():
    raw = {"code": "reduced", "label": "Reduced", "_rates": [
        {"rate_id": 3, "title": "Low", "percent": "2.5000", "where": {"country": "DE",
                                                                     "states": ["BY"]},
         "zips": ["80331"], "towns": [], "priority": 2}]}
    read = CLASS.read(raw)
    assert (read["id"], read["name"]) == ("reduced", "Reduced")
    [rate] = read["tax_rates"]
    assert (rate["id"], rate["name"], rate["tax"]) == ("3", "Low", 2.5)
    assert rate["countries"][0]["states"][0]["name"] == "Bayern"
    assert rate["additional_fields"] == {"priority": 2}
    assert "tax_rates" not in CLASS.read({"code": "x", "label": "X"})  # rates not read: none said


class Rates:
    """Classes at ``/api/classes``; rates at ``/api/rates``, filtered by ``cls``, paged by
    ``page``/``per_page`` with ``X-WP-Total``."""

    def __init__(self) -> None:
        self.seen: list[httpx.Request] = []
        self.rates = [{"rate_id": n, "title": f"R{n}", "percent": "5", "cls": "std" if n != 3 else "low",
                       "where": {"country": "US", "states": []}} for n in range(1, 7)]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        q = request.url.params
        if request.url.path == "/api/classes":
            return httpx.Response(200, json=[{"code": "std", "label": "Standard"},
                                             {"code": "low", "label": "Low"}])
        found = [r for r in self.rates if r["cls"] == q["cls"]]
        page, size = int(q["page"]), int(q["per_page"])
        return httpx.Response(200, json=found[(page - 1) * size:page * size],
                              headers={"X-WP-Total": str(len(found))})


CLASSES = Resource("classes", "", suffix="", label="Tax class", id_field="code")
AMONG = Among(Resource("rates", "", suffix="", label="Tax rate"), "_rates", by="cls",
              paginator=PageNumber(page_size=2))
Taxed, APPLIED = declared(Picked("tax.class.info", CLASSES, CLASS.read, "tax_class_id", under=AMONG),
                          Listed("tax.class.list", CLASSES, CLASS.read))


@pytest.fixture
async def taxed():
    server, http = Rates(), HttpLayer()
    http.mounts["tax.example"] = httpx.MockTransport(server)
    yield Taxed(RestClient(http, "https://tax.example/api", platform="Taxed")), server
    await http.aclose()


async def test_picked_reads_every_page_of_its_own_rates(taxed):
    c, server = taxed
    std = await c.tax_class_info(call("tax.class.info", tax_class_id="std"))
    assert [r["id"] for r in std["tax_rates"]] == ["1", "2", "4", "5", "6"]
    assert [(r.url.path, r.url.params.get("cls"), r.url.params.get("page")) for r in server.seen] == [
        ("/api/classes", None, None), *(("/api/rates", "std", str(p)) for p in (1, 2, 3))]
    assert [r["id"] for r in (await c.tax_class_info(call("tax.class.info", tax_class_id="low")))[
        "tax_rates"]] == ["3"]
    with pytest.raises(ApiError) as gone:
        await c.tax_class_info(call("tax.class.info", tax_class_id="nope"))
    assert (gone.value.code, gone.value.message) == (112, "Tax class with id nope not found")
    page = await c.tax_class_list(call("tax.class.list"))
    assert [t["id"] for t in page.items] == ["std", "low"] and "tax_rates" not in page.items[0]
    assert APPLIED["tax.class.info"] == {"tax_class_id"}
