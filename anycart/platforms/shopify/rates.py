"""Shopify's CarrierService rate request (``{"rate": {origin, destination, items, currency}}``,
prices in cents, weights in grams) to the FAQ's one package, and the answer back to Shopify's
``{"rates": [{service_name, service_code, total_price (cents, a string), currency, ...}]}``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel, Field

from anycart.shipping.models import Address, Item, Package, RateRequest, RatesAnswer
from anycart.shipping.native import NativeRates
from anycart.shipping.places import address

from .entities import PUSH


class ShopifyAddress(BaseModel):
    country: str | None = None
    postal_code: str | None = None
    province: str | None = None
    city: str | None = None
    name: str | None = None
    address1: str | None = None
    address2: str | None = None
    phone: str | None = None
    company_name: str | None = None


class ShopifyItem(BaseModel):
    name: str | None = None
    sku: str | None = None
    quantity: int = 1
    grams: int = 0
    price: int = 0
    product_id: int | None = None
    variant_id: int | None = None
    requires_shipping: bool = True


class ShopifyRate(BaseModel):
    origin: ShopifyAddress
    destination: ShopifyAddress
    items: list[ShopifyItem] = Field(default_factory=list)
    currency: str
    locale: str | None = None


class ShopifyRateRequest(BaseModel):
    rate: ShopifyRate


def _address(a: ShopifyAddress) -> Address:
    first, _, last = (a.name or "").partition(" ")
    return address(a.country, a.province, first_name=first or None, last_name=last or None,
                   postcode=a.postal_code, address1=a.address1, address2=a.address2 or "",
                   phone=a.phone or "", city=a.city, company=a.company_name)


def _cents(value: int) -> float:
    return float(Decimal(value) / 100)


def unified(payload: ShopifyRateRequest) -> RateRequest:
    """One package: Shopify asks once per checkout, for every item that ships."""
    rate = payload.rate
    items = [Item(product_id=str(i.product_id) if i.product_id else None, model=i.sku or None,
                  name=i.name, price=_cents(i.price), quantity=i.quantity,
                  total_price=_cents(i.price * i.quantity),
                  variant_id=str(i.variant_id) if i.variant_id else None,
                  weight_unit="kg", weight=i.grams / 1000)
             for i in rate.items if i.requires_shipping]
    return RateRequest(packages=[Package(id="1", currency_code=rate.currency,
                                         origin=_address(rate.origin),
                                         destination=_address(rate.destination), items=items)])


def _date(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S %z")


def shopify_rates(answer: RatesAnswer, currency: str) -> dict[str, Any]:
    """Every package's rates as Shopify's ``rates`` (empty rates allowed)."""
    rates = []
    for package in answer.packages_rates:
        for r in package.rates:
            cents = (r.total_cost * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            rate: dict[str, Any] = {"service_name": r.name, "service_code": r.code,
                                    "total_price": str(cents), "currency": r.currency or currency,
                                    "description": r.description or ""}
            if r.min_delivery_timestamp is not None:
                rate["min_delivery_date"] = _date(r.min_delivery_timestamp)
            if r.max_delivery_timestamp is not None:
                rate["max_delivery_date"] = _date(r.max_delivery_timestamp)
            rates.append(rate)
    return {"rates": rates}


def _read(body: bytes) -> tuple[RateRequest, str]:
    native = ShopifyRateRequest.model_validate_json(body)
    return unified(native), native.rate.currency


#: Carrier rate requests are signed as Shopify's webhooks are (X-Shopify-Hmac-Sha256 with the
#: app's shared secret: the FAQ's shopify_shared_secret "needed for Live Shipping Rates").
NATIVE = NativeRates(credential=PUSH.secret, check=PUSH.check, unified=_read, answered=shopify_rates)
