"""Magento 2's side of live shipping rates. Magento has no carrier-service API: the rates come
from the AnyCart module's carrier ``anycart`` (``anycart plugin build magento2``; an
``AbstractCarrier`` like the flat rate), whose ``collectRates`` POSTs the RateRequest to every
enabled service's ``rates_url`` signed ``X-AnyCart-Rates-Signature`` (base64 HMAC-SHA256 of the
body, keyed by a key derived from the integration's access token, which is never written to
the store) and shows the rates answered as its methods.

The services are the module's config row ``carriers/anycart/services`` (a JSON list), written
through the module's own route, as core REST writes no config (:mod:`.shipping_services`).
One RateRequest (origin, ``dest_*``, ``all_items``, ``package_*``) is one of the FAQ's
packages; Magento taxes shipping by its own tax class, so a rate's tax goes in ``tax_value``
for the module to show, not into the price.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from anycart.shipping.models import Address, Item, Package, RateRequest, RatesAnswer
from anycart.shipping.native import NativeRates
from anycart.shipping.places import address
from anycart.shipping.store_requests import SIGNATURE, body_signature, checker, signing_key

#: The module's carrier code (``carriers/anycart/*``; ``anycart_<method>`` at checkout).
CARRIER = "anycart"
#: The credential the signing key is derived from.
CREDENTIAL = "magento_access_token"
#: Magento's method codes become ``<carrier>_<method>`` in ``shipping_method``: a word.
_NOT_WORD = re.compile(r"[^A-Za-z0-9_]+")


class MagentoPlace(BaseModel):
    """An address as the RateRequest holds it (``street`` lines joined by a newline)."""

    country_id: str | None = None
    region_code: str | None = None
    region_id: int | str | None = None
    postcode: str | None = None
    city: str | None = None
    street: str | None = None


class MagentoLine(BaseModel):
    """One of ``all_items`` (a quote item; a configurable's child is sent as its parent)."""

    product_id: int | str
    sku: str | None = None
    name: str | None = None
    qty: float = 1
    price: float | None = None
    row_total: float = 0
    discount_amount: float = 0
    tax_amount: float = 0
    tax_percent: float | None = None
    weight: float | None = None


class MagentoRateRequest(BaseModel):
    currency: str
    weight_unit: str = "lbs"
    store_id: int | str | None = None
    origin: MagentoPlace = Field(default_factory=MagentoPlace)
    destination: MagentoPlace
    items: list[MagentoLine]
    package_weight: float | None = None
    package_value: float | None = None
    package_value_with_discount: float | None = None
    package_qty: float | None = None


def _address(p: MagentoPlace) -> Address:
    first, _, rest = (p.street or "").partition("\n")
    return address(p.country_id, p.region_code, postcode=p.postcode or None, address1=first,
                   address2=rest.replace("\n", ", "), phone="", city=p.city or None)


def _item(line: MagentoLine, unit: str) -> Item:
    qty = line.qty or 1
    return Item(product_id=str(line.product_id), model=line.sku or None, name=line.name,
                price=line.price if line.price is not None else round(line.row_total / qty, 4),
                quantity=qty, discount_amount=line.discount_amount, total_price=line.row_total,
                tax_percent=line.tax_percent, tax_value=line.tax_amount,
                weight_unit="lb" if unit.startswith("lb") else "kg", weight=line.weight)


def unified(native: MagentoRateRequest) -> RateRequest:
    """The RateRequest as the FAQ's one package, id ``1``."""
    return RateRequest(packages=[Package(
        id="1", currency_code=native.currency, origin=_address(native.origin),
        destination=_address(native.destination),
        items=[_item(line, native.weight_unit) for line in native.items],
        additional_fields={k: getattr(native, k) for k in (
            "package_weight", "package_value", "package_value_with_discount", "package_qty",
            "store_id")})])


def method_code(code: str) -> str:
    return _NOT_WORD.sub("_", code).strip("_") or "rate"


def magento_rates(answer: RatesAnswer, currency: str) -> dict[str, Any]:
    """``{"methods": [...]}``: what ``Rate\\Result\\Method`` is set from, every package's."""
    return {"methods": [{k: v for k, v in {
        "carrier": CARRIER, "method": method_code(r.code), "method_title": r.name,
        "method_description": r.description, "price": float(r.total_cost),
        "cost": float(r.total_cost), "currency": r.currency or currency,
        "tax_value": (float(r.tax_value) if r.taxable is not False and r.tax_value is not None
                      else None),
        "min_delivery_timestamp": r.min_delivery_timestamp,
        "max_delivery_timestamp": r.max_delivery_timestamp}.items() if v is not None}
        for p in answer.packages_rates for r in p.rates]}


def _read(body: bytes) -> tuple[RateRequest, str]:
    request = MagentoRateRequest.model_validate_json(body)
    return unified(request), request.currency


#: Signed as WooCommerce's method signs (one check: :mod:`anycart.shipping.store_requests`),
#: read as Magento's.
NATIVE = NativeRates(credential=CREDENTIAL, check=checker(CREDENTIAL), unified=_read,
                     answered=magento_rates)

__all__ = ["CARRIER", "CREDENTIAL", "NATIVE", "SIGNATURE", "MagentoRateRequest", "body_signature",
           "magento_rates", "method_code", "signing_key", "unified"]
