"""The unified model against the contract: every property of the contract's entity schemas is a
field of the model, with the contract's type, nested objects checked against their own schemas.

The model is walked beside the schema from the entities AnyCart answers (``Product``, ``Order``
...), following each ``$ref`` into the model class that field holds, so a nested object the model
types with the wrong class (an ``Order_Total`` where ``Order_Totals`` belongs) fails too.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from anycart import model as m
from anycart.contract.catalogue import load_catalogue

SCHEMAS: dict[str, Any] = load_catalogue().response_schemas

#: The entity classes and the contract schema each one answers as.
ROOTS: list[tuple[type[BaseModel], str]] = [
    (m.Product, "Product"), (m.Child, "Child"), (m.Category, "Category"),
    (m.Customer, "Customer"), (m.Order, "Order"), (m.Shipment, "Shipment"),
    (m.Return, "Return"), (m.Cart, "Cart"), (m.ProductOption, "Product_Option"),
    (m.Address, "Customer_Address"),
]

_SCALARS: dict[type, str] = {str: "string", float: "number", int: "integer", bool: "boolean"}

#: Fields the model answers as null while the contract does not allow null, from before the
#: model was completed (``SpecialPrice``'s are dropped by ``Product.to_wire``). The list may only
#: shrink: a new field must be left out while unset (``model.unset``), not answered null.
LEGACY_NULLS = {
    "BaseCustomer.email", "BaseCustomer.id", "Category.avail", "Category.created_at",
    "Category.modified_at", "Category.name", "Child.created_time", "Child.modified_time",
    "Child.parent_id", "Currency.id", "Currency.iso3", "Customer.created_time", "Customer.email",
    "Customer.modified_time", "Customer_Address.address1", "Customer_Address.city",
    "Customer_Address.country", "Customer_Address.default", "Customer_Address.id",
    "Customer_Address.postcode", "Customer_Address.state", "Customer_Address.type",
    "Customer_Group.id", "Image.http_path", "Image.type", "Order.billing_address",
    "Order.create_at", "Order.currency", "Order.customer", "Order.modified_at", "Order.order_id",
    "Order.payment_method", "Order.shipping_address", "Order.shipping_method", "Order.status",
    "Order.totals", "Order_Item.name", "Order_Item.price", "Order_PaymentMethod.name",
    "Order_ShippingMethod.name", "Order_Status.id", "Order_Status.name", "Order_Totals.shipping",
    "Order_Totals.subtotal", "Order_Totals.total", "Product.create_at", "Product.modified_at",
    "Product_ChildItem_Combination.option_id", "Product_ChildItem_Combination.option_value_id",
    "Product_Option.id", "Product_Option.name", "Product_Option.type", "Product_Option_Item.id",
    "Product_Option_Item.name", "Return.status", "Return_OrderProduct.order_product_id",
    "Return_OrderProduct.quantity", "Return_OrderProduct.reason", "Shipment.created_at",
    "Shipment.modified_time", "Shipment.order_id", "SpecialPrice.avail",
    "SpecialPrice.created_at", "SpecialPrice.expired_at", "SpecialPrice.modified_at",
    "SpecialPrice.value",
}


def _ref(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _strip_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        assert len(args) == 1, annotation
        return args[0]
    return annotation


def _mismatch(annotation: Any, prop: dict[str, Any], pairs: list[tuple[type[BaseModel], str]]) -> str | None:
    """Why ``annotation`` does not type ``prop`` (None: it does); nested models are queued."""
    annotation = _strip_none(annotation)
    ref = _ref(prop)
    if ref is not None:
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return f"{annotation} is no model of {ref}"
        pairs.append((annotation, ref))
        return None
    kind = prop.get("type")
    if kind == "array":
        if typing.get_origin(annotation) is not list:
            return f"{annotation} is no list"
        return _mismatch(typing.get_args(annotation)[0], prop["items"], pairs)
    if kind == "object":
        return None if typing.get_origin(annotation) is dict else f"{annotation} is no dict"
    if _SCALARS.get(annotation) != kind:
        return f"{annotation} is not the contract's {kind}"
    return None


def _walk() -> tuple[list[str], list[str], list[str]]:
    """(missing properties, type mismatches, nulls the contract forbids) over every reachable pair."""
    missing: list[str] = []
    mismatched: list[str] = []
    nulls: list[str] = []
    pairs = list(ROOTS)
    seen: set[tuple[type[BaseModel], str]] = set()
    while pairs:
        cls, name = pairs.pop()
        if (cls, name) in seen:
            continue
        seen.add((cls, name))
        by_wire = {(f.alias or n): (n, f) for n, f in cls.model_fields.items()}
        fields_dump = _default_dump(cls)
        for prop_name, prop in SCHEMAS[name].get("properties", {}).items():
            if prop_name not in by_wire:
                missing.append(f"{name}.{prop_name} ({cls.__name__})")
                continue
            why = _mismatch(by_wire[prop_name][1].annotation, prop, pairs)
            if why:
                mismatched.append(f"{name}.{prop_name} ({cls.__name__}): {why}")
            if (fields_dump is not None and prop_name in fields_dump
                    and fields_dump[prop_name] is None and not prop.get("nullable")):
                nulls.append(f"{name}.{prop_name}")
    return missing, mismatched, nulls


def _default_dump(cls: type[BaseModel]) -> dict[str, Any] | None:
    """The wire form of ``cls`` with only its required fields set (None: it cannot be built)."""
    required = {n: "1" for n, f in cls.model_fields.items() if f.is_required()}
    try:
        obj = cls(**required)
    except Exception:  # pragma: no cover - every model has string ids only
        return None
    wire = getattr(obj, "to_wire", None)
    return typing.cast(dict[str, Any], wire() if wire else obj.model_dump(by_alias=True))


def test_every_contract_property_is_in_the_model() -> None:
    missing, _, _ = _walk()
    assert missing == []


def test_every_model_field_has_the_contract_type() -> None:
    _, mismatched, _ = _walk()
    assert mismatched == []


def test_no_new_null_where_the_contract_forbids_one() -> None:
    _, _, nulls = _walk()
    assert sorted(set(nulls) - LEGACY_NULLS) == []
    # the list only shrinks: a field fixed since is taken off it
    assert sorted(LEGACY_NULLS - set(nulls)) == []


def test_the_walk_reaches_the_nested_schemas() -> None:
    """The check really descends: the order's totals, refunds and the product's prices."""
    pairs = list(ROOTS)
    reached: set[str] = set()
    while pairs:
        cls, name = pairs.pop()
        if name in reached:
            continue
        reached.add(name)
        for prop_name, prop in SCHEMAS[name].get("properties", {}).items():
            field = cls.model_fields.get(prop_name)
            if field is not None:
                _mismatch(field.annotation, prop, pairs)
    assert {"Order_Total", "Order_Totals", "Order_Refund", "Order_Status_Refund_Item",
            "Product_TierPrice", "Product_GroupPrice", "Product_AdvancedPrice", "Discount",
            "Customer_Consent", "Cart_StoreInfo", "Info", "A2CDateTime"} <= reached


@pytest.mark.parametrize("cls", [m.Product, m.Order, m.Customer, m.Category, m.Child])
def test_unset_new_fields_are_left_out(cls: type[m.Entity]) -> None:
    """A property no mapping filled is absent from the answer, not null; once filled it is there."""
    wire = cls(id="1").to_wire()
    new = {(f.alias or n) for n, f in cls.model_fields.items() if f.exclude_if is not None}
    assert new and not new & set(wire)
    filled = {m.Product: {"u_ean": "4006381333931"}, m.Order: {"gift_message": "Happy birthday"},
              m.Customer: {"fax": "+49 30 1234"}, m.Category: {"path": "1/2"},
              m.Child: {"dimensions_unit": "cm"}}[cls]
    key, value = next(iter(filled.items()))
    assert key not in wire
    assert cls(id="1", **filled).to_wire()[key] == value


def test_an_unknown_model_field_would_fail() -> None:
    """The check itself: a schema with a property the model lacks is reported."""
    SCHEMAS["Order_Totals"]["properties"]["x_probe"] = {"type": "string"}
    try:
        missing, _, _ = _walk()
    finally:
        del SCHEMAS["Order_Totals"]["properties"]["x_probe"]
    assert missing == ["Order_Totals.x_probe (OrderTotals)"]


def test_a_wrong_type_would_fail() -> None:
    SCHEMAS["Order_Totals"]["properties"]["total"]["type"] = "string"
    try:
        _, mismatched, _ = _walk()
    finally:
        SCHEMAS["Order_Totals"]["properties"]["total"]["type"] = "number"
    assert mismatched == ["Order_Totals.total (OrderTotals): <class 'float'> is not the contract's string"]
