"""Field types of the Shift4Shop (3dcart) REST resources, used to validate request bodies.

The shapes are data, ``sim_fields.json``: one object per model, each field's kind (``int``,
``float``, ``bool``, ``str``, ``date``), another model's name for a nested object, or
``[model]`` for a list of them. Names, order and types follow the official 3dcart C# REST
client models (github.com/3dcart/REST-API-Client: ``Product.cs``, ``Order.cs``,
``Customer.cs``, ``Category.cs``...), every field of each. Not in those models, in 3dcart's
naming style (*unconfirmed*): a product's ``ManufacturerName`` (returned, derived from
``ManufacturerID``), the customer's shipping half and status fields (Customer.cs has the
billing fields only), ``QuestionAnswerIndexID`` (named by the URL template), and the whole of
``OrderStatus``, ``RMA``/``RMAItem`` and ``GiftRegistry``/``GiftRegistryItem``, which have no
client model.

The service deserialises bodies with Json.NET into typed models, so: property names match
case-insensitively, unknown properties are ignored, numbers may arrive as numeric strings,
and a value that cannot be converted (``"Price": "abc"``) makes the whole object invalid (400).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# kinds: int, float, bool, str, date, or a nested spec (dict) / a list of a nested spec ([dict])
FieldSpec = dict[str, Any]
_KINDS = frozenset({"int", "float", "bool", "str", "date"})


def _resolve(raw: dict[str, dict[str, Any]]) -> dict[str, FieldSpec]:
    """Model name -> spec, with nested model names replaced by their (shared) specs."""
    specs: dict[str, FieldSpec] = {}

    def spec(name: str) -> FieldSpec:
        if name not in specs:
            specs[name] = {field: kind(k) for field, k in raw[name].items()}
        return specs[name]

    def kind(k: Any) -> Any:
        if isinstance(k, list):
            return [spec(k[0])]
        return k if k in _KINDS else spec(k)

    for name in raw:
        spec(name)
    return specs


MODELS = _resolve(json.loads(Path(__file__).with_name("sim_fields.json").read_text("utf-8")))

SKU_INFO: FieldSpec = MODELS["ProductSKU"]
PRODUCT_CATEGORY: FieldSpec = MODELS["ProductCategory"]
PRODUCT_DISTRIBUTOR: FieldSpec = MODELS["ProductDistributor"]
OPTION: FieldSpec = MODELS["Options"]
OPTION_SET: FieldSpec = MODELS["OptionSet"]
ADVANCED_OPTION: FieldSpec = MODELS["AdvancedOption"]
IMAGE: FieldSpec = MODELS["ImageGallery"]
RELATED: FieldSpec = MODELS["RelatedProduct"]
UPSELLING: FieldSpec = MODELS["UpSellingItem"]
DISCOUNT: FieldSpec = MODELS["Discount"]
SERIAL: FieldSpec = MODELS["Serial"]
EPRODUCT: FieldSpec = MODELS["EProduct"]
FEATURE: FieldSpec = MODELS["Feature"]
PRODUCT: FieldSpec = MODELS["Product"]
CATEGORY: FieldSpec = MODELS["Category"]
CUSTOMER: FieldSpec = MODELS["Customer"]
CUSTOMER_GROUP: FieldSpec = MODELS["CustomerGroup"]
DISTRIBUTOR: FieldSpec = MODELS["Distributor"]
MANUFACTURER: FieldSpec = MODELS["Manufacturer"]
ORDER_ITEM: FieldSpec = MODELS["OrderItem"]
TRANSACTION: FieldSpec = MODELS["Transaction"]
QUESTION: FieldSpec = MODELS["Question"]
SHIPMENT: FieldSpec = MODELS["Shipment"]
ORDER: FieldSpec = MODELS["Order"]
ORDER_STATUS: FieldSpec = MODELS["OrderStatus"]
RMA_ITEM: FieldSpec = MODELS["RMAItem"]
RMA: FieldSpec = MODELS["RMA"]
GIFT_REGISTRY_ITEM: FieldSpec = MODELS["GiftRegistryItem"]
GIFT_REGISTRY: FieldSpec = MODELS["GiftRegistry"]
