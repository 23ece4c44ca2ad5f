"""The unified model: what every platform's mapping produces, named as the contract names it.

Field names and shapes follow the contract's response schemas (``Product``, ``Order``,
``Customer_Address``, ``A2CDateTime`` ...), so the JSON AnyCart answers parses in the models
of the SDKs generated from that contract. A platform field with no unified home goes into
``additional_fields``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, overload

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

DATE_FORMAT = "Y-m-d\\TH:i:sO"  # the PHP format string API2Cart reports beside each date


class Entity(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    additional_fields: dict[str, Any] = Field(default_factory=dict)
    custom_fields: dict[str, Any] = Field(default_factory=dict)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True)


class A2CDateTime(BaseModel):
    value: str
    format: str = DATE_FORMAT

    @overload
    @classmethod
    def of(cls, moment: datetime) -> A2CDateTime: ...
    @overload
    @classmethod
    def of(cls, moment: None) -> None: ...
    @overload
    @classmethod
    def of(cls, moment: datetime | None) -> A2CDateTime | None: ...
    @classmethod
    def of(cls, moment: datetime | None) -> A2CDateTime | None:
        if moment is None:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return cls(value=moment.strftime("%Y-%m-%dT%H:%M:%S%z"))


class Image(BaseModel):
    id: str | None = None
    http_path: str | None = None
    file_name: str | None = None
    alt: str | None = None
    sort_order: int | None = None
    type: str | None = None


class _Compact(BaseModel):
    """Answered without its unknown members: the contract types them as strings, not nullable,
    so a member AnyCart cannot fill is left out rather than sent as null."""

    @model_serializer(mode="wrap")
    def _known(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return {k: v for k, v in handler(self).items() if v is not None}


class Country(_Compact):
    """Built by :func:`anycart.platforms.countries.country`: both ISO codes, the full name."""

    code2: str | None = None
    code3: str | None = None
    name: str | None = None


class State(_Compact):
    code: str | None = None
    name: str | None = None


class Address(Entity):
    id: str | None = None
    type: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    postcode: str | None = None
    state: State | None = None
    country: Country | None = None
    phone: str | None = None
    default: bool | None = None


class ProductOptionValue(Entity):
    """``Product_Option_Item``: one value of an option (``S`` of ``Size``)."""

    id: str | None = None
    product_option_item_id: str | None = None
    name: str | None = None
    sort_order: int | None = None
    price: float | None = None
    weight: float | None = None
    quantity: int | None = None
    type_price: str | None = None
    sku: str | None = None
    is_default: bool | None = None


class ProductOption(Entity):
    """``Product_Option``: an option of a product and its values."""

    id: str | None = None
    product_option_id: str | None = None
    name: str | None = None
    description: str | None = None
    sort_order: int | None = None
    type: str | None = None
    required: bool | None = None
    available: bool | None = None
    used_in_combination: bool | None = None
    option_items: list[ProductOptionValue] = Field(default_factory=list)


class ChildCombination(Entity):
    """``Product_ChildItem_Combination``: one option value a child item is made of."""

    option_id: str | None = None
    option_value_id: str | None = None


class Child(Entity):
    """``Child``: a child item (variant) of a product, as ``product.child_item.*`` answer it."""

    id: str
    parent_id: str | None = None
    sku: str | None = None
    upc: str | None = None
    ean: str | None = None
    mpn: str | None = None
    gtin: str | None = None
    isbn: str | None = None
    url: str | None = None
    seo_url: str | None = None
    sort_order: int | None = None
    created_time: A2CDateTime | None = None
    modified_time: A2CDateTime | None = None
    name: str | None = None
    short_description: str | None = None
    full_description: str | None = None
    images: list[Image] = Field(default_factory=list)
    combination: list[ChildCombination] = Field(default_factory=list)
    default_price: float | None = None
    cost_price: float | None = None
    list_price: float | None = None
    avail_for_sale: bool | None = None
    allow_backorders: bool | None = None
    in_stock: bool | None = None
    on_sale: bool | None = None
    manage_stock: bool | None = None
    inventory_level: float | None = None
    weight_unit: str | None = None
    weight: float | None = None
    width: float | None = None
    height: float | None = None
    length: float | None = None
    meta_title: str | None = None
    meta_description: str | None = None
    meta_keywords: str | None = None
    is_virtual: bool | None = None


class SpecialPrice(BaseModel):
    """A product's sale price and the window it applies in (contract ``SpecialPrice``)."""

    value: float | None = None
    avail: bool | None = None
    created_at: A2CDateTime | None = None
    modified_at: A2CDateTime | None = None
    expired_at: A2CDateTime | None = None
    additional_fields: dict[str, Any] = Field(default_factory=dict)
    custom_fields: dict[str, Any] = Field(default_factory=dict)


class Product(Entity):
    id: str
    type: str = "simple"
    u_model: str | None = None
    u_sku: str | None = None
    name: str | None = None
    description: str | None = None
    short_description: str | None = None
    price: float | None = None
    cost_price: float | None = None
    special_price: SpecialPrice | None = None
    quantity: float | None = None
    u_brand_id: str | None = None
    u_brand: str | None = None
    categories_ids: list[str] = Field(default_factory=list)
    url: str | None = None
    seo_url: str | None = None
    meta_title: str | None = None
    meta_keywords: str | None = None
    meta_description: str | None = None
    avail_sale: bool | None = None
    avail_view: bool | None = None
    weight: float | None = None
    weight_unit: str | None = None
    sort_order: int | None = None
    in_stock: bool | None = None
    on_sale: bool | None = None
    create_at: A2CDateTime | None = None
    modified_at: A2CDateTime | None = None
    images: list[Image] = Field(default_factory=list)
    product_options: list[ProductOption] = Field(default_factory=list)
    u_upc: str | None = None
    u_mpn: str | None = None
    u_gtin: str | None = None
    width: float | None = None
    height: float | None = None
    length: float | None = None

    def to_wire(self) -> dict[str, Any]:
        out = super().to_wire()
        # The contract's special_price is an object (never null) whose fields are not
        # nullable: absent when there is none, and only the fields known.
        if self.special_price is None:
            out.pop("special_price", None)
        else:
            out["special_price"] = self.special_price.model_dump(exclude_none=True)
        return out


class Category(Entity):
    id: str
    parent_id: str | None = None
    name: str | None = None
    description: str | None = None
    short_description: str | None = None
    avail: bool | None = None
    sort_order: int | None = None
    seo_url: str | None = None
    meta_title: str | None = None
    meta_description: str | None = None
    keywords: str | None = None
    created_at: A2CDateTime | None = None
    modified_at: A2CDateTime | None = None
    images: list[Image] = Field(default_factory=list)


class CustomerGroup(BaseModel):
    id: str | None = None
    name: str | None = None


class Customer(Entity):
    id: str
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    company: str | None = None
    created_time: A2CDateTime | None = None
    modified_time: A2CDateTime | None = None
    group: list[CustomerGroup] = Field(default_factory=list)
    status: str | None = None
    news_letter_subscription: bool | None = None
    address_book: list[Address] = Field(default_factory=list)


class BaseCustomer(BaseModel):
    id: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None


class OrderStatus(BaseModel):
    id: str | None = None
    name: str | None = None


class OrderTotals(BaseModel):
    total: float | None = None
    subtotal: float | None = None
    shipping: float | None = None
    tax: float | None = None
    discount: float | None = None


class OrderItem(Entity):
    order_product_id: str | None = None
    product_id: str | None = None
    variant_id: str | None = None
    model: str | None = None
    name: str | None = None
    price: float | None = None
    quantity: float | None = None
    total_price: float | None = None
    tax_percent: float | None = None
    weight: float | None = None


class NamedMethod(BaseModel):
    name: str | None = None


class Currency(BaseModel):
    id: str | None = None
    iso3: str | None = None


class Order(Entity):
    id: str
    order_id: str | None = None
    customer: BaseCustomer | None = None
    create_at: A2CDateTime | None = None
    modified_at: A2CDateTime | None = None
    currency: Currency | None = None
    billing_address: Address | None = None
    shipping_address: Address | None = None
    payment_method: NamedMethod | None = None
    shipping_method: NamedMethod | None = None
    status: OrderStatus | None = None
    totals: OrderTotals | None = None
    order_products: list[OrderItem] = Field(default_factory=list)
    comment: str | None = None
    store_id: str | None = None


class TrackingNumber(BaseModel):
    carrier_id: str | None = None
    tracking_number: str | None = None


class ShipmentItem(BaseModel):
    order_product_id: str | None = None
    product_id: str | None = None
    name: str | None = None
    quantity: float | None = None


class Shipment(Entity):
    id: str
    order_id: str | None = None
    name: str | None = None
    shipment_provider: str | None = None
    tracking_numbers: list[TrackingNumber] = Field(default_factory=list)
    created_at: A2CDateTime | None = None
    modified_time: A2CDateTime | None = None
    items: list[ShipmentItem] = Field(default_factory=list)
    is_shipped: bool | None = None


class ReturnStatus(BaseModel):
    id: str | None = None
    name: str | None = None


class ReturnReason(BaseModel):
    id: str | None = None
    name: str | None = None


class ReturnOrderProduct(BaseModel):
    product_id: str | None = None
    order_product_id: str | None = None
    sku: str | None = None
    name: str | None = None
    quantity: int | None = None
    reason: ReturnReason | None = None
    customer_comment: str | None = None


class Return(Entity):
    id: str
    order_id: str | None = None
    customer_id: str | None = None
    created_at: str | None = None
    modified_at: str | None = None
    status: ReturnStatus | None = None
    order_products: list[ReturnOrderProduct] = Field(default_factory=list)
    comment: str | None = None
    staff_note: str | None = None
