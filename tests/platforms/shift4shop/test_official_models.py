"""The Shift4Shop simulator and connector against Shift4Shop's own REST client models.

Outside truth: ``../shared/reference/platforms/shift4shop/official-client-models.json``, the
field names and C# types of the models in 3dcart/REST-API-Client. The simulator, its seed and
the connector were written from our reading of the REST docs; these tests check that

(a) every field the simulator serves is named exactly (case included) as in the model,
(b) every value's JSON type fits the C# type (``int?`` -> number or null, ``bool?`` -> bool,
    ``string`` -> string or null, ``DateTime?`` -> a date string, ``List<X>`` -> array of X),
(c) every Shift4Shop field name the connector and mapping read or write is in a model,
(d) every field of a model is in each record the simulator serves of it (nested ones too):
    the live service answers whole models, so a missing field is a gap of the simulator.

The client models are older than the live API and leave some fields out (Customer.cs has
billing fields only). A served field outside the models must be listed in ``NOT_IN_MODELS``
with the reason we keep it; a name differing from a model field only by case is never allowed.
"""

from __future__ import annotations

import ast
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from anycart.platforms.shift4shop import sim_fields as F
from anycart.platforms.shift4shop.sim_resources import RESOURCES
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from tests.conftest import SHARED
from tests.platforms.shift4shop.test_connector import (
    API_HOST,
    PRIVATE_KEY,
    STORE_URL,
    TOKEN,
    close_env,
    open_env,
)

ROOT = Path(__file__).resolve().parents[3]
MODELS_FILE = SHARED / "reference/platforms/shift4shop/official-client-models.json"
PKG = ROOT / "anycart/platforms/shift4shop"


def _load() -> dict[str, dict[str, str]]:
    raw = json.loads(MODELS_FILE.read_text())["models"]
    models = {name: {f["name"]: f["type"] for f in fields} for name, fields in raw.items()}
    # Product.cs declares SKUInfo as a public *field* (``public ProductSKU SKUInfo = new
    # ProductSKU();``), not a property, so the extracted list misses it; Json.NET serialises it.
    models["Product"] = {"SKUInfo": "ProductSKU", **models["Product"]}
    return models


MODELS = _load()
ALL_NAMES = {n for fields in MODELS.values() for n in fields}
BY_LOWER = {n.lower(): n for n in ALL_NAMES}

#: Served fields that are not in the client models, per model, and why we keep them.
NOT_IN_MODELS: dict[str, dict[str, str]] = {
    "Product": {"ManufacturerName": "returned by the live API beside ManufacturerID"},
    "Customer": {
        **{f"Shipping{f}": "the shipping address: Customer.cs has the billing half only"
           for f in ("Company", "FirstName", "LastName", "Address1", "Address2", "City",
                     "State", "ZipCode", "Country", "PhoneNumber")},
        "CustomerGroupID": "the service lists customers by group (/CustomerGroups/{id}/Customers)",
        "Enabled": "customer status", "MailList": "newsletter flag",
        "NonTaxable": "as CustomerGroup.NonTaxable", "Comments": "as Distributor.Comments",
        "LastUpdate": "the lastupdatestart/end filters", "DateCreated": "the datecreated filters",
    },
    "Question": {"QuestionAnswerIndexID": "the key named by /Orders/{id}/Questions/{index}"},
}
#: Of those, the ones the service only returns: a write naming them would be ignored (Json.NET
#: drops properties the model lacks), so the connector must not rely on sending them.
READ_ONLY = {"Product": {"ManufacturerName"}, "Question": {"QuestionAnswerIndexID"}}

#: Services served by the simulator and the model of one record each.
SERVICE_MODELS = {
    "Products": "Product", "Categories": "Category", "Customers": "Customer",
    "CustomerGroups": "CustomerGroup", "Distributors": "Distributor",
    "Manufacturers": "Manufacturer", "Orders": "Order",
}
#: Services with no client model (checked only for case against same-named model fields).
NO_MODEL = {"OrderStatus", "RMA", "GiftRegistries"}

_LIST = re.compile(r"List<(\w+)>")
_INT = {"int", "long", "short"}
_FLOAT = {"double", "decimal", "float"}
_DATE_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y")


def _is_date(v: str) -> bool:
    try:
        datetime.fromisoformat(v)
        return True
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            datetime.strptime(v, fmt)
            return True
        except ValueError:
            continue
    return False


def check(value: Any, model: str, path: str, out: list[str], writing: bool = False,
          whole: bool = False) -> None:
    """Append to ``out`` every name/type mismatch of ``value`` against ``model``; with
    ``whole`` (a served record, not a written body) also every model field it lacks."""
    if not isinstance(value, dict):
        out.append(f"{path}: {type(value).__name__} where a {model} object is expected")
        return
    fields = MODELS[model]
    if whole:
        out.extend(f"{path}.{name}: missing ({fields[name]} in {model})"
                   for name in fields if name not in value)
    extra = set(NOT_IN_MODELS.get(model, {})) - (READ_ONLY.get(model, set()) if writing else set())
    for name, v in value.items():
        where = f"{path}.{name}"
        ctype = fields.get(name)
        if ctype is None:
            if name in extra:
                continue
            near = [f for f in fields if f.lower() == name.lower()]
            out.append(f"{where}: not in {model}" + (f" (model spells it {near[0]})" if near else ""))
            continue
        check_type(v, ctype, where, out, writing, whole)


def check_type(v: Any, ctype: str, where: str, out: list[str], writing: bool = False,
               whole: bool = False) -> None:
    nullable = ctype.endswith("?")
    base = ctype.rstrip("?")
    if (m := _LIST.fullmatch(base)) is not None:
        if v is None:
            return
        if not isinstance(v, list):
            out.append(f"{where}: {type(v).__name__} for {ctype}")
            return
        for i, item in enumerate(v):
            check(item, m.group(1), f"{where}[{i}]", out, writing, whole)
        return
    if base in MODELS:
        if v is not None:
            check(v, base, where, out, writing, whole)
        return
    if base in ("Object", "ActionStatus"):
        return
    if v is None:
        if not nullable and base != "string":
            out.append(f"{where}: null for non-nullable {ctype}")
        return
    ok = {
        "string": isinstance(v, str),
        "bool": isinstance(v, bool),
        "DateTime": isinstance(v, str) and _is_date(v),
    }.get(base)
    if ok is None:
        number = isinstance(v, (int, float)) and not isinstance(v, bool)
        ok = number and (isinstance(v, int) if base in _INT else base in _FLOAT)
    if not ok:
        out.append(f"{where}: {json.dumps(v)} for {ctype}")


def case_only(value: Any, path: str, out: list[str]) -> None:
    """For services without a model: no name may differ from a model name only by case."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            case_only(item, f"{path}[{i}]", out)
    elif isinstance(value, dict):
        for name, v in value.items():
            known = BY_LOWER.get(name.lower())
            if known is not None and known != name:
                out.append(f"{path}.{name}: the models spell it {known}")
            case_only(v, f"{path}.{name}", out)


# -- the field specs --------------------------------------------------------------------
_KIND_FITS = {"int": _INT, "float": _FLOAT, "bool": {"bool"}, "str": {"string"},
              "date": {"DateTime"}}
SPEC_MODELS = {"Product": F.PRODUCT, "Category": F.CATEGORY, "Customer": F.CUSTOMER,
               "CustomerGroup": F.CUSTOMER_GROUP, "Distributor": F.DISTRIBUTOR,
               "Manufacturer": F.MANUFACTURER, "Order": F.ORDER}


def spec_violations(spec: F.FieldSpec, model: str, path: str, out: list[str]) -> None:
    fields, extra = MODELS[model], NOT_IN_MODELS.get(model, {})
    out.extend(f"{path}.{name}: missing ({fields[name]} in {model})"
               for name in fields if name not in spec)
    for name, kind in spec.items():
        ctype = fields.get(name)
        if ctype is None:
            if name not in extra:
                out.append(f"{path}.{name}: not in {model}")
            continue
        base = ctype.rstrip("?")
        if isinstance(kind, list):
            m = _LIST.fullmatch(base)
            if m is None:
                out.append(f"{path}.{name}: a list where the model has {ctype}")
            else:
                spec_violations(kind[0], m.group(1), f"{path}.{name}", out)
        elif isinstance(kind, dict):
            if base not in MODELS:
                out.append(f"{path}.{name}: an object where the model has {ctype}")
            else:
                spec_violations(kind, base, f"{path}.{name}", out)
        elif base not in _KIND_FITS[kind]:
            out.append(f"{path}.{name}: kind {kind} where the model has {ctype}")


def test_field_specs_follow_the_client_models():
    out: list[str] = []
    for model, spec in SPEC_MODELS.items():
        spec_violations(spec, model, model, out)
    assert out == [], "\n".join(out)


def test_every_resource_with_a_model_is_checked():
    served = {r.name for r in RESOURCES.values()}
    assert served == set(SERVICE_MODELS) | NO_MODEL, served


# -- what the simulator serves ----------------------------------------------------------
@pytest.fixture
async def sim():
    s = Shift4ShopSimulator()
    s.stores.add_store(STORE_URL, PRIVATE_KEY, TOKEN, size=60, seed=3)
    headers = {"SecureUrl": STORE_URL, "PrivateKey": PRIVATE_KEY, "Token": TOKEN,
               "Accept": "application/json", "Content-Type": "application/json"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=s.app), headers=headers,
                                 base_url=f"https://{API_HOST}/3dCartWebAPI/v1/") as c:
        yield c


async def _get(c: httpx.AsyncClient, path: str) -> Any:
    r = await c.get(path)
    assert r.status_code == 200, (path, r.status_code, r.text)
    return r.json()


async def _served(c: httpx.AsyncClient) -> list[tuple[str, str | None, Any]]:
    """(path, model or None, answer) of every GET the simulator serves, on seeded records."""
    got: list[tuple[str, str | None, Any]] = []
    for service, model in SERVICE_MODELS.items():
        for item in await _get(c, f"{service}?limit=50"):
            got.append((service, model, item))
    for service in sorted(NO_MODEL):
        got.append((service, None, await _get(c, f"{service}?limit=50")))
    got.append(("Products/skuinfo", None, None))
    for item in await _get(c, "Products/skuinfo?limit=50"):
        got.append(("Products/skuinfo", "ProductSKU", item))
    # product 10 has option sets and advanced options (seed.OPTION_SHARE)
    for name, sub in RESOURCES["products"].subs.items():
        model = _LIST.fullmatch(MODELS["Product"][sub.field]).group(1)  # type: ignore[union-attr]
        for item in await _get(c, f"Products/10/{name}") if await _has(c, f"Products/10/{name}") \
                else []:
            got.append((f"Products/10/{name}", model, item))
    for name, sub in RESOURCES["orders"].subs.items():
        model = _LIST.fullmatch(MODELS["Order"][sub.field]).group(1)  # type: ignore[union-attr]
        for item in await _get(c, f"Orders/1/{name}") if await _has(c, f"Orders/1/{name}") else []:
            got.append((f"Orders/1/{name}", model, item))
    return [g for g in got if g[2] is not None]


async def _has(c: httpx.AsyncClient, path: str) -> bool:
    return (await c.get(path)).status_code == 200


def _violations(got: list[tuple[str, str | None, Any]]) -> list[str]:
    out: list[str] = []
    for path, model, item in got:
        if model is None:
            case_only(item, path, out)
        else:
            check(item, model, path, out, whole=True)
    return sorted(set(out))


async def test_seeded_records_follow_the_client_models(sim):
    got = await _served(sim)
    assert {p.split("/")[0].split("?")[0] for p, _, _ in got} >= set(SERVICE_MODELS) | NO_MODEL
    out = _violations(got)
    assert out == [], "\n".join(out)


#: One minimal valid record per service; POSTed, then read back blank-filled.
_NEW = {
    "Products": {"SKUInfo": {"SKU": "OFF-1", "Name": "Official"}},
    "Categories": {"CategoryName": "Official"},
    "Customers": {"Email": "official@example.com"},
    "CustomerGroups": {"Name": "Official"},
    "Distributors": {"CompanyName": "Official"},
    "Manufacturers": {"ManufacturerName": "Official"},
    "Orders": {"BillingEmail": "official@example.com",
               "OrderItemList": [{"CatalogID": 1, "ItemQuantity": 1}],
               "ShipmentList": [{"ShipmentFirstName": "Ann"}],
               "TransactionList": [{"TransactionAmount": 1.5}],
               "QuestionList": [{"QuestionTitle": "Gift?", "QuestionAnswer": "no"}]},
}
_NEW_SUBS = {
    "Products": {"images": {"ImageGalleryFile": "a.jpg"}, "features": {"FeatureTitle": "x"},
                 "related": {"RelatedProductID": 2}, "upselling": {"UpSellingItemID": 3},
                 "discount": {"DiscountPrice": 1.0}, "serials": {"SerialCode": "S-1"},
                 "eproducts": {"FilePath": "f.zip"},
                 "options": {"OptionSetName": "Size", "OptionList": [{"OptionName": "S"}]}},
    "Categories": {"options": {"OptionSetName": "Colour", "OptionList": [{"OptionName": "Red"}]}},
    "Orders": {"items": {"CatalogID": 2, "ItemQuantity": 2},
               "shipments": {"ShipmentLastName": "Bee"},
               "transactions": {"TransactionAmount": 2.0},
               "questions": {"QuestionTitle": "Note", "QuestionAnswer": "none"}},
}


async def test_created_records_follow_the_client_models(sim):
    got: list[tuple[str, str | None, Any]] = []
    for service, body in _NEW.items():
        r = await sim.post(service, json=[body])
        assert r.status_code == 201, (service, r.text)
        rid = r.json()[0]["Value"]
        res = RESOURCES[service.lower()]
        for name, item in _NEW_SUBS.get(service, {}).items():
            sr = await sim.post(f"{service}/{rid}/{name}", json=[item])
            assert sr.status_code in (200, 201), (service, name, sr.text)
        for record in await _get(sim, f"{service}/{rid}"):
            got.append((f"{service}/{rid}", SERVICE_MODELS[service], record))
        assert res.subs == {} or _NEW_SUBS.get(service), service
    out = _violations(got)
    assert out == [], "\n".join(out)


# -- what the connector reads and writes ------------------------------------------------
#: PascalCase strings in mapping.py/connector.py that are not field names.
NOT_FIELDS = {
    # services and sub-services in request paths
    "Products", "Categories", "Customers", "CustomerGroups", "Manufacturers", "Orders",
    "OrderStatus", "RMA",
    # HTTP methods, option-type values, error-message nouns, address-name building blocks
    "POST", "PUT", "DELETE", "Checkbox", "Dropdown", "File", "Radio", "Text", "TextArea",
    "Product", "Category", "Customer", "Order", "Option", "Image", "Shipment", "Return",
    "Variant", "Manufacturer", "Billing", "Shipping", "Company", "FirstName", "LastName", "Address1",
    "PhoneNumber", "ZipCode",
    "AdditionalImageFile", "AdditionalImageCaption",
    # the fields of services without a client model (RMA, order statuses)
    "RMAID", "RMAItemID", "RMAItemList", "RMAStatus", "RMAStatusID", "RMAReason",
    "RMAReasonID", "RMAComments", "RMADateCreated", "StatusDefinition", "StatusText",
    "RMAMethodID", "RMAMethod",
    # a new store's RMA status names (returns.py), a refund's transaction type
    "Pending", "Approved", "Closed", "Received", "Declined", "Refunded", "Refund",
    "Shift4Shop", "Transaction",
}
_PASCAL = re.compile(r"[A-Z][A-Za-z0-9]+")


def _connector_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for module in ("mapping.py", "connector.py", "entities.py", "returns.py"):
        tree = ast.parse((PKG / module).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for part in node.value.split("."):
                    if _PASCAL.fullmatch(part):
                        names.setdefault(part, set()).add(module)
    return names


def test_connector_field_names_are_in_the_client_models():
    extra = {n for fields in NOT_IN_MODELS.values() for n in fields}
    out = [f"{name} ({', '.join(sorted(mods))})"
           + (f": the models spell it {BY_LOWER[name.lower()]}" if name.lower() in BY_LOWER else "")
           for name, mods in sorted(_connector_names().items())
           if name not in ALL_NAMES and name not in extra and name not in NOT_FIELDS]
    assert out == [], "\n".join(out)


def test_customer_fields_the_mapping_composes_are_known():
    from anycart.platforms.shift4shop import mapping
    from anycart.platforms.shift4shop.entities import CUSTOMER

    known = set(MODELS["Customer"]) | set(NOT_IN_MODELS["Customer"])
    composed = {f.path.split(".")[0] for f in CUSTOMER.fields} | CUSTOMER.consumed
    assert composed - known == set()
    order_keys = {f.path.split(".")[0] for f in mapping.ORDER_READ} | mapping.ORDER_USED
    assert order_keys - set(MODELS["Order"]) == set()


class _Recorder:
    """ASGI middleware keeping every JSON body the connector sends to the simulator."""

    def __init__(self, app: Any) -> None:
        self.app, self.sent = app, []

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            msg = await receive()
            chunks.append(msg.get("body", b""))
            more = msg.get("more_body", False)
        body = b"".join(chunks)
        if body[:1] in (b"[", b"{"):
            self.sent.append((scope["method"], scope["path"], json.loads(body)))
        replay = [{"type": "http.request", "body": body, "more_body": False}]

        async def again() -> dict:
            return replay.pop() if replay else await receive()

        await self.app(scope, again, send)


_WRITE_MODELS = {"products": "Product", "categories": "Category", "customers": "Customer",
                 "manufacturers": "Manufacturer", "distributors": "Distributor",
                 "customergroups": "CustomerGroup", "orders": "Order"}


def _body_model(path: str) -> str | None:
    segs = [s.lower() for s in path.split("/3dCartWebAPI/")[-1].split("/")[1:]]
    model = _WRITE_MODELS.get(segs[0]) if segs else None
    if model is None:
        return None
    if len(segs) >= 3 and segs[2] == "skuinfo":
        return "ProductSKU"
    if len(segs) >= 3:
        sub = RESOURCES[segs[0]].subs.get(segs[2])
        if sub is None:
            return None
        return _LIST.fullmatch(MODELS[model][sub.field]).group(1)  # type: ignore[union-attr]
    return model


async def test_connector_writes_follow_the_client_models(tmp_path):
    from anycart.config import Settings

    e = await open_env(Settings(data_dir=tmp_path), size=60)
    try:
        rec = _Recorder(e.sim.app)
        e.services.http.mount(API_HOST, rec)
        assert (await e.connect())["return_code"] == 0
        calls = [
            ("product.add", {"name": "Official", "model": "OFF-1", "sku": "OFF-1", "price": 9.5,
                             "quantity": 3, "description": "d", "weight": 1.2,
                             "manufacturer": "Yeti", "meta_title": "t", "url": "off-1"}),
            ("product.update", {"id": "2", "price": 8.25, "quantity": 4, "name": "Renamed"}),
            ("category.add", {"name": "Official cat", "description": "d"}),
            ("customer.add", {"email": "off@example.com", "first_name": "Ann",
                              "last_name": "Bee", "phone": "555",
                              "address": [{"address_book_type": "both",
                                           "address_book_first_name": "Ann",
                                           "address_book_address1": "1 Main St",
                                           "address_book_city": "Miami",
                                           "address_book_postcode": "33101",
                                           "address_book_country": "US"}]}),
            ("customer.update", {"id": "1", "first_name": "Zed"}),
            ("order.add", {"customer_email": "off@example.com", "bill_first_name": "Ann",
                           "bill_last_name": "Bee", "bill_address_1": "1 Main St",
                           "bill_city": "Miami", "bill_postcode": "33101", "bill_state": "FL",
                           "bill_country": "US", "shipp_first_name": "Ann",
                           "shipp_city": "Miami", "total_price": 10, "order_status": "1",
                           "order_item": [{"order_item_id": "2", "order_item_name": "x",
                                           "order_item_model": "m",
                                           "order_item_price": 5, "order_item_quantity": 2}]}),
            ("order.update", {"order_id": "1", "order_status": "2", "comment": "c"}),
            ("order.shipment.add", {"order_id": "2", "tracking_numbers": [
                {"carrier_id": "ups", "tracking_number": "1Z9"}]}),
            ("product.manufacturer.add", {"manufacturer": "Brand New", "product_id": "4"}),
            ("product.update", {"id": "5", "manufacturer": "Brand New"}),
            ("product.variant.update", {"id": "10-6,9", "price": 19.5, "quantity": 2}),
            ("product.option.add", {"product_id": "6", "name": "Fit",
                                    "type": "option_type_select",
                                    "values": [{"value": "Slim"}, {"value": "Regular"}]}),
            ("product.option.value.add", {"product_id": "10", "option_id": "3",
                                          "option_value": "XL"}),
            ("product.image.add", {"product_id": "3", "image_name": "a.jpg",
                                   "url": "https://example.com/a.jpg", "type": "additional"}),
        ]
        done = []
        for method, body in calls:
            flat = all(not isinstance(v, (list, dict)) for v in body.values())
            answer = await (e.call(method, body) if flat else e.call(method, body=body))
            if answer["return_code"] == 0:
                done.append(method)


        assert len(done) == len(calls), done
    finally:
        await close_env(e)
    out: list[str] = []
    checked = 0
    for verb, path, body in rec.sent:
        model = _body_model(path)
        if model is None:
            continue
        for i, item in enumerate(body if isinstance(body, list) else [body]):
            checked += 1
            check(item, model, f"{verb} {path}[{i}]", out, writing=True)
    assert checked >= 6, rec.sent
    assert sorted(set(out)) == [], "\n".join(sorted(set(out)))


async def test_product_manufacturer_name_is_written_as_its_id(s4s):
    """Product.cs has no ManufacturerName: the service ignores one sent, so product.add and
    product.update link the product by ManufacturerID (an existing maker, or a new one)."""
    env = s4s
    makers = env.store.data.manufacturers
    yeti = next(m for m in (makers.get(i) for i in range(1, len(makers) + 1))
                if m and m["ManufacturerName"] == "Yeti")
    added = await env.call("product.add", body={"name": "Cooler", "model": "COOL-1",
                                                "sku": "COOL-1", "price": 5, "description": "d",
                                                "manufacturer": "yeti"})
    assert added["return_code"] == 0, added
    raw = env.store.data.products.get(int(added["result"]["product_id"]))
    assert (raw["ManufacturerID"], raw["ManufacturerName"]) == (yeti["ManufacturerID"], "Yeti")
    before = len(makers)
    upd = await env.call("product.update", {"id": "2", "manufacturer": "Fresh Maker"})
    assert upd["return_code"] == 0, upd
    info = await env.call("product.info", {"id": "2", "params": "u_brand,u_brand_id"})
    assert info["result"]["u_brand"] == "Fresh Maker" and len(makers) == before + 1
    assert info["result"]["u_brand_id"] == str(env.store.data.products.get(2)["ManufacturerID"])


def test_the_checker_flags_names_case_and_types():
    out: list[str] = []
    check({"CatalogId": 1, "Weight": "1.5", "Hide": 0, "LastUpdate": "yesterday",
           "CategoryList": [{"CategoryID": None}], "ManufacturerName": "x", "SKUInfo": {"SKU": 3}},
          "Product", "P", out)
    check({"ManufacturerName": "x"}, "Product", "W", out, writing=True)
    assert sorted(out) == [
        "P.CatalogId: not in Product", 'P.CategoryList[0].CategoryID: null for non-nullable int',
        'P.Hide: 0 for bool?', 'P.LastUpdate: "yesterday" for DateTime?', "P.SKUInfo.SKU: 3 for string",
        'P.Weight: "1.5" for double?', "W.ManufacturerName: not in Product"]
    case_only({"Rma": [{"Catalogid": 1}]}, "R", out := [])
    assert out == ["R.Rma[0].Catalogid: the models spell it CatalogID"]
    # a served record must hold every field of its model, nested models included
    check({"CategoryID": 1, "Extra": 2}, "ProductCategory", "S", out := [], whole=True)
    assert sorted(out) == ["S.CategoryName: missing (string in ProductCategory)",
                           "S.Extra: not in ProductCategory"]
    check({"OrderItemList": [{"CatalogID": 1}]}, "Order", "O", out := [], whole=True)
    assert "O.CardVerification: missing (string in Order)" in out
    assert "O.OrderItemList[0].ItemID: missing (string in OrderItem)" in out
    check({"CategoryID": 1}, "ProductCategory", "W", out := [], writing=True)
    assert out == []  # a written body may be partial


class _Reads(dict):
    """A served record that notes every field name the mapping asks it for, per model."""

    def __init__(self, data: dict, model: str, seen: set[tuple[str, str]]) -> None:
        fields = MODELS[model]
        super().__init__({k: _wrap(v, fields.get(k), seen) for k, v in data.items()})
        self.model, self.seen = model, seen

    def get(self, key: Any, default: Any = None) -> Any:
        self.seen.add((self.model, key))
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.seen.add((self.model, key))
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.seen.add((self.model, str(key)))
        return super().__contains__(key)


def _wrap(v: Any, ctype: str | None, seen: set[tuple[str, str]]) -> Any:
    base = (ctype or "").rstrip("?")
    m = _LIST.fullmatch(base)
    if m is not None and isinstance(v, list):
        return [_Reads(i, m.group(1), seen) if isinstance(i, dict) else i for i in v]
    if base in MODELS and isinstance(v, dict):
        return _Reads(v, base, seen)
    return v


async def test_fields_the_mapping_reads_are_in_the_client_models(sim):
    """Every field name mapping.py looks up in a served record (composed names included,
    e.g. ``"Shipping" + "ZipCode"``) is a model field or a listed extension."""
    from anycart.platforms.kit import fields
    from anycart.platforms.shift4shop import entities as E
    from anycart.platforms.shift4shop import mapping as M

    seen: set[tuple[str, str]] = set()
    for p in await _get(sim, "Products?limit=20"):
        rp = _Reads(p, "Product", seen)
        E.PRODUCT.to_unified(rp)
        E.VARIANTS.children(rp)
        for o in rp["OptionSetList"]:
            E.OPTIONS.to_unified(o, rp)
    for c in await _get(sim, "Categories?limit=20"):
        E.CATEGORY.to_unified(_Reads(c, "Category", seen))
    # a sparse customer too, so that fallbacks taken only for empty fields run
    r = await sim.post("Customers", json=[{"Email": "sparse@example.com",
                                           "ShippingFirstName": "Sam"}])
    assert r.status_code == 201, r.text
    for c in await _get(sim, "Customers?limit=500"):
        E.CUSTOMER.to_unified(_Reads(c, "Customer", seen), {"groups": {"1": "Retail"}})
    for g in await _get(sim, "CustomerGroups"):
        E.GROUP.to_unified(_Reads(g, "CustomerGroup", seen))
    for o in await _get(sim, "Orders?limit=20"):
        ro = _Reads(o, "Order", seen)
        E.ORDER.to_unified(ro, {"statuses": {"1": "New"}})
        for s in ro["ShipmentList"]:
            E.SHIPMENTS.to_unified(ro, s)
        for t in ro["TransactionList"]:
            fields.unified(M.TRANSACTION, t)
    models_read = {m for m, _ in seen}
    assert models_read >= {"Product", "ProductSKU", "OptionSet", "Options", "AdvancedOption",
                           "Category", "Customer", "CustomerGroup", "Order", "OrderItem",
                           "Shipment", "Transaction"}, models_read
    out = sorted(f"{m}.{k}" for m, k in seen
                 if k not in MODELS[m] and k not in NOT_IN_MODELS.get(m, {}))
    assert out == [], "\n".join(out)
