"""The FAQ's unified rate request (``packages``) and the answer a callback gives
(``packages_rates``), as pydantic models; :func:`bad_response` words a validation failure as
the FAQ does (``Bad Response. Field "rates->0->total_cost" has wrong type. It must be
decimal``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError


class Country(BaseModel):
    code2: str | None = None
    code3: str | None = None
    name: str | None = None


class State(BaseModel):
    code: str | None = None
    name: str | None = None


class Address(BaseModel):
    first_name: str | None = None
    last_name: str | None = None
    postcode: str | None = None
    address1: str | None = None
    address2: str | None = None
    phone: str | None = None
    city: str | None = None
    country: Country = Field(default_factory=Country)
    state: State = Field(default_factory=State)
    company: str | None = None


class Item(BaseModel):
    product_id: str | None = None
    model: str | None = None
    name: str | None = None
    price: float | None = None
    quantity: float = 1
    discount_amount: float | None = None
    total_price: float | None = None
    tax_percent: float | None = None
    tax_value: float | None = None
    variant_id: str | None = None
    weight_unit: str | None = None
    weight: float | None = None
    additional_fields: dict[str, Any] | None = None


class Package(BaseModel):
    id: str
    currency_code: str
    origin: Address
    destination: Address
    items: list[Item]
    additional_fields: dict[str, Any] | None = None


class RateRequest(BaseModel):
    packages: list[Package]

    def body(self) -> bytes:
        """The JSON sent, and signed, byte for byte."""
        return self.model_dump_json().encode()


def _decimal(value: Any) -> Decimal:
    """A JSON number, never a string (the FAQ: a string in ``total_cost`` is an error)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("decimal_type", "must be decimal")
    return Decimal(str(value))


DecimalNumber = Annotated[Decimal, BeforeValidator(_decimal)]


class Rate(BaseModel):
    model_config = ConfigDict(strict=True)

    name: str
    code: str
    total_cost: DecimalNumber
    description: str | None = None
    currency: str | None = None
    min_delivery_timestamp: int | None = None
    max_delivery_timestamp: int | None = None
    #: WooCommerce: taxed at the store's rates (True), not taxed (False), or ``tax_value``.
    taxable: bool | None = None
    tax_value: DecimalNumber | None = None


class PackageRates(BaseModel):
    model_config = ConfigDict(strict=True)

    package_id: Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and
                                               not isinstance(v, bool) else v)]
    rates: list[Rate]


class RatesAnswer(BaseModel):
    model_config = ConfigDict(strict=True)

    packages_rates: list[PackageRates]


#: pydantic error type -> the FAQ's type word.
_TYPES = {"decimal_type": "decimal", "string_type": "string", "int_type": "integer",
          "int_from_float": "integer", "bool_type": "boolean", "list_type": "array",
          "model_type": "object", "dict_type": "object", "model_attributes_type": "object"}


def bad_response(exc: ValidationError) -> str:
    """The FAQ's message for the first failure; the path is inside the package
    (``rates->0->total_cost``), the package's own index dropped as the FAQ shows it."""
    error = exc.errors(include_url=False)[0]
    loc = [str(part) for part in error["loc"]]
    if loc[:1] == ["packages_rates"] and len(loc) > 2:
        loc = loc[2:]
    path = "->".join(loc) or "packages_rates"
    if error["type"] == "missing":
        return f'Bad Response. Field "{path}" is required'
    kind = _TYPES.get(error["type"])
    if kind is None:
        return f'Bad Response. Field "{path}": {error["msg"]}'
    return f'Bad Response. Field "{path}" has wrong type. It must be {kind}'


__all__ = ["Address", "Country", "Item", "Package", "PackageRates", "Rate", "RateRequest",
           "RatesAnswer", "State", "bad_response"]
