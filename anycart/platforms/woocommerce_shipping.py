"""WooCommerce's side of live shipping rates, read alike by its two ways in: the REST API
(:mod:`anycart.platforms.woocommerce_api.shipping`) and the bridge
(:mod:`anycart.platforms.woocommerce.shipping_services`). One store model, written down once.

WooCommerce core has no carrier-service API: the rates come from a shipping method on the
store that asks AnyCart, ``anycart_live_rates`` (the connector plugin's
``class-anycart-live-rates.php``). Each service is one instance of that method in a
shipping zone (``wp_woocommerce_shipping_zone_methods``, its settings in the option
``woocommerce_anycart_live_rates_<instance>_settings``): ``title`` (the service's name),
``rates_url`` (AnyCart's ``/shipping/<id>/rates``) and ``signing_key``. At checkout
``calculate_shipping($package)`` POSTs the package to ``rates_url``, signed
``X-AnyCart-Rates-Signature`` with ``signing_key`` (:mod:`anycart.shipping.store_requests`),
and adds the rates answered.

The request (:class:`WooRateRequest`) carries WooCommerce's own package (``contents``:
product ids, quantities and line totals; ``destination`` {country, state, postcode, city,
address, address_2}; ``cart_subtotal``), the store's address (``origin``), its currency and
units. It is unified into the FAQ's ``packages``, and the answer is written back as
WooCommerce rates (``id``, ``label``, ``cost``, ``taxes``, ``meta_data``), one entry per
package; ``taxes`` as the FAQ's WooCommerce answer says: ``tax_value`` passed, ``false``
for ``taxable: false`` (no tax), ``""`` for the store's own tax rates.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, field_validator

from anycart.shipping.models import Address, Item, Package, RateRequest, RatesAnswer
from anycart.shipping.native import NativeRates
from anycart.shipping.places import address
from anycart.shipping.service_methods import not_found
from anycart.shipping.store_requests import SIGNATURE, body_signature, checker, signing_key

#: The shipping method the connector plugin registers (``WC_Shipping_Method::$id``).
METHOD_ID = "anycart_live_rates"


class WooAddress(BaseModel):
    """``WC_Cart::get_shipping_packages()``'s ``destination`` (and the store's address)."""

    country: str | None = None
    state: str | None = None
    postcode: str | None = None
    city: str | None = None
    address: str | None = None
    address_1: str | None = None
    address_2: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    phone: str | None = None


#: WooCommerce keeps weights and sizes as text, '' for none; other text is a 400, not a guess.
Measure = Annotated[float | None, BeforeValidator(lambda v: None if v == "" else v)]


class WooLine(BaseModel):
    """One of the package's ``contents`` (the cart item), with what the method read of its
    ``data`` product (name, sku, weight, dimensions)."""

    product_id: int | str
    variation_id: int | str | None = 0
    quantity: float = 1
    line_total: float = 0
    line_tax: float = 0
    line_subtotal: float | None = None
    line_subtotal_tax: float | None = None
    name: str | None = None
    sku: str | None = None
    weight: Measure = None
    length: Measure = None
    width: Measure = None
    height: Measure = None


class WooPackage(BaseModel):
    contents: list[WooLine]
    destination: WooAddress
    contents_cost: float | None = None
    cart_subtotal: float | str | None = None
    applied_coupons: list[str] = Field(default_factory=list)

    @field_validator("contents", mode="before")
    @classmethod
    def _keyed(cls, value: Any) -> Any:
        """PHP's package keys its contents by cart item key: a JSON object."""
        return list(value.values()) if isinstance(value, dict) else value


class WooRateRequest(BaseModel):
    currency: str
    origin: WooAddress = Field(default_factory=WooAddress)
    packages: list[WooPackage]
    weight_unit: str = "kg"
    dimension_unit: str = "cm"


def _address(a: WooAddress) -> Address:
    return address(a.country, a.state, first_name=a.first_name, last_name=a.last_name,
                   postcode=a.postcode or None, address1=a.address or a.address_1 or "",
                   address2=a.address_2 or "", phone=a.phone or "", city=a.city or None,
                   company=a.company)


def _item(line: WooLine, request: WooRateRequest) -> Item:
    quantity = line.quantity or 1
    sizes = {k: getattr(line, k) for k in ("height", "width", "length")}
    extra = ({"dimensions_unit": request.dimension_unit, **sizes}
             if any(v is not None for v in sizes.values()) else None)
    tax = line.line_tax or 0
    return Item(product_id=str(line.product_id), model=line.sku or None, name=line.name,
                price=round(line.line_total / quantity, 4), quantity=quantity,
                discount_amount=(round(line.line_subtotal - line.line_total, 4)
                                 if line.line_subtotal is not None else None),
                total_price=line.line_total,
                tax_percent=round(tax / line.line_total * 100, 4) if line.line_total else None,
                tax_value=tax, variant_id=str(line.variation_id) if line.variation_id else None,
                weight_unit=request.weight_unit, weight=line.weight,
                additional_fields=extra)


def unified(native: WooRateRequest) -> RateRequest:
    """Every WooCommerce package as one of the FAQ's, ids ``1``, ``2``... in order."""
    origin = _address(native.origin)
    return RateRequest(packages=[Package(
        id=str(n), currency_code=native.currency, origin=origin,
        destination=_address(p.destination), items=[_item(line, native) for line in p.contents],
        additional_fields={"cart_subtotal": p.cart_subtotal, "contents_cost": p.contents_cost,
                           "applied_coupons": p.applied_coupons})
        for n, p in enumerate(native.packages, 1)])


def _taxes(taxable: bool | None, tax_value: Any) -> Any:
    """``add_rate``'s ``taxes``: the vendor's tax, none (``false``), or ``''`` (WooCommerce
    taxes the rate at the store's rates, as for a method whose tax status is taxable)."""
    if taxable is False:
        return False
    if tax_value is not None:
        return [float(tax_value)]
    return ""


def woo_rates(answer: RatesAnswer, currency: str) -> dict[str, Any]:
    """``{"packages": [{"package_id", "rates": [add_rate() arguments]}]}``."""
    return {"packages": [{"package_id": p.package_id, "rates": [{
        "id": f"{METHOD_ID}:{r.code}", "label": r.name, "cost": float(r.total_cost),
        "taxes": _taxes(r.taxable, r.tax_value), "calc_tax": "per_order",
        "meta_data": {k: v for k, v in {
            "code": r.code, "description": r.description, "currency": r.currency or currency,
            "min_delivery_timestamp": r.min_delivery_timestamp,
            "max_delivery_timestamp": r.max_delivery_timestamp}.items() if v is not None}}
        for r in p.rates]} for p in answer.packages_rates]}


def services(instances: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The instances (``zone_id``, ``instance_id``, ``enabled``, ``settings``: the values)
    grouped into services by their ``rates_url``, in the order given."""
    found: dict[str, list[dict[str, Any]]] = {}
    for m in instances:
        found.setdefault(str(m["settings"].get("rates_url")), []).append(m)
    return list(found.values())


def service(instances: list[dict[str, Any]]) -> dict[str, Any]:
    """One service as ``basket.live_shipping_service.list`` gives it: the first instance's id
    and title, enabled on the store when every zone's instance is."""
    first = instances[0]
    return {"id": str(first["instance_id"]), "name": first["settings"].get("title"),
            "callback": first["settings"].get("rates_url"),
            "enabled_on_store": all(m["enabled"] for m in instances),
            "additional_fields": {"method_id": METHOD_ID, "zones": [
                {"zone_id": str(m["zone_id"]), "instance_id": str(m["instance_id"])}
                for m in instances]}}


def named(instances: list[dict[str, Any]], ident: str) -> list[dict[str, Any]]:
    """The instances of the service whose id (any of its instances' ids) is ``ident``;
    112 for none."""
    for group in services(instances):
        if any(str(m["instance_id"]) == ident for m in group):
            return group
    raise not_found(ident)


def native(credential: str) -> NativeRates:
    """How a WooCommerce store asks, signed with a key derived from the store's ``credential``
    (:mod:`anycart.shipping.store_requests`)."""

    def read(body: bytes) -> tuple[RateRequest, str]:
        request = WooRateRequest.model_validate_json(body)
        return unified(request), request.currency

    return NativeRates(credential=credential, check=checker(credential), unified=read,
                       answered=woo_rates)


__all__ = ["METHOD_ID", "SIGNATURE", "WooRateRequest", "body_signature", "named", "native",
           "service", "services", "signing_key", "unified", "woo_rates"]
