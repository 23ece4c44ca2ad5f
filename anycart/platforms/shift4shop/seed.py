"""Deterministic sample data for a simulated Shift4Shop store.

``seed_store(data, size=..., seed=...)`` fills a store with ``size`` products, ``size // 2``
customers and orders (1-4 items each, shipments for shipped orders), RMAs for some orders,
20-200 categories, manufacturers, distributors, customer groups and the standard order
statuses. One product in five has option sets (Size; every second one also Color) and one
advanced option (variant) per combination. Large tables are kept as compact rows rendered
through a JSON template, so 100 000 products seed in about a second and take tens of megabytes.
"""

from __future__ import annotations

import random
from datetime import datetime
from json.encoder import encode_basestring as _js  # C-accelerated string quoting
from typing import Any

from anycart.sandbox.seeding import FIRST_NAMES, LAST_NAMES, before, template

from . import sim_fields as F
from .sim_store import StoreData

_ADJ = ["Organic", "Classic", "Premium", "Vintage", "Ultra", "Eco", "Deluxe", "Everyday",
        "Slim", "Rugged", "Soft", "Handmade", "Compact", "Pro", "Lightweight", "Heritage"]
_MATERIAL = ["Cotton", "Leather", "Bamboo", "Wool", "Steel", "Ceramic", "Linen", "Oak",
             "Silicone", "Canvas", "Glass", "Copper", "Denim", "Merino"]
_NOUN = ["T-Shirt", "Wallet", "Mug", "Backpack", "Water Bottle", "Scarf", "Desk Lamp",
         "Notebook", "Sneakers", "Cutting Board", "Headphones", "Watch", "Hoodie", "Tote Bag",
         "Phone Case", "Candle", "Blanket", "Sunglasses", "Belt", "Planter"]
_COLOR = ["Blue", "Black", "White", "Red", "Green", "Grey", "Navy", "Olive", "Sand", "Pink",
          "Charcoal", "Teal"]
_CATEGORY = ["Apparel", "Accessories", "Home", "Kitchen", "Outdoor", "Electronics", "Office",
             "Footwear", "Bags", "Gifts", "Decor", "Fitness", "Travel", "Kids", "Beauty",
             "Garden", "Pets", "Toys", "Jewelry", "Books"]
_FIRST, _LAST = FIRST_NAMES, LAST_NAMES
_CITY = [("Miami", "FL", "33101"), ("Austin", "TX", "73301"), ("Denver", "CO", "80201"),
         ("Seattle", "WA", "98101"), ("Boston", "MA", "02101"), ("Chicago", "IL", "60601"),
         ("Portland", "OR", "97201"), ("Atlanta", "GA", "30301"), ("Phoenix", "AZ", "85001"),
         ("Toronto", "ON", "M5H 2N2")]
_STREET = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Park Blvd", "Elm St", "Pine Rd"]
_SHIP_METHODS = ["UPS Ground", "FedEx 2Day", "USPS Priority", "Free Shipping"]
_COMPANY = ["Acme Supply", "Northwind Traders", "Globex", "Initech Wholesale", "Umbrella Goods",
            "Stark Distribution", "Wayne Imports", "Hooli Logistics"]
_MANUFACTURER = ["Patagonia Works", "Lodge Cast", "Moleskine", "Yeti", "Hydro Flask",
                 "Fjallraven", "Le Creuset", "Bose", "Timex", "Nike", "Herschel", "Anker"]

#: Category.cs display settings: 0 and "" are the store's defaults.
_CATEGORY_DISPLAY: dict[str, Any] = {
    **{name: 0 for name in (
        "TemplateCategoryPage", "DefaultProductsSorting", "SubcategoryColumnsCategorySpecials",
        "ProductColumnsCategorySpecials", "ProductColumnsCategoryGeneralItems",
        "ItemsPerPageCategorySpecialItems", "ItemsPerPageCategoryGeneralItems",
        "DisplayTypeCategorySpecialItems", "DisplayTypeCategoryGeneralProducts",
        "SmartCategories", "TemplateProductPage", "ProductColumnsRelatedProducts",
        "ProductColumnsUpsellProducts", "DisplayTypeRelatedItems", "DisplayTypeUpsellItems")},
    "AllowAccess": "", "OnFailRedirectTo": "", "HideLeftBar": False, "HideRightBar": False,
    "HideTopMenu": False, "SmartCategoriesSearchKeyword": "", "SmartCategoriesLinkTarget": "",
}

#: The standard 3dcart order statuses (id, definition).
ORDER_STATUSES = [(1, "New"), (2, "Processing"), (3, "Partial"), (4, "Shipped"),
                  (5, "Cancel"), (6, "Hold"), (7, "Not Completed"), (8, "Custom1"),
                  (9, "Custom2"), (10, "Custom3")]
_SHIPPED = 4
_TWO_YEARS = 730 * 86400


def _b(v: bool) -> str:
    return "true" if v else "false"


def _shaped(spec: F.FieldSpec, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` in the model's field order, as the service serialises a record; a field of
    the model without a seed value is a KeyError, so a seeded record is always whole."""
    return {name: values[name] for name in spec}


#: Product.cs settings no seeded product uses (storefront, access and digital-key options).
_PRODUCT_UNUSED: dict[str, Any] = {
    "MediaFile": "", "DoNotUseCategoryOptions": False, "ListingTemplateID": 0,
    "ListingTemplateName": "", "LoginRequiredOptionID": 0, "LoginRequiredOptionName": "",
    "LoginRequiredOptionRedirectTo": "", "AllowAccessCustomerGroupID": 0,
    "AllowAccessCustomerGroupName": "", "DisplayText": "", "AllowOnlyMultiples": False,
    "AllowFractionalQuantity": False, "QuantityOptions": "",
    "GroupOptionsForQuantityPricing": False, "ApplyQuantityDiscountToOptions": False,
    "EnableMakeAnOfferFeature": False, "MinimumAcceptableOffer": "", "BuyButtonLink": "",
    "RedirectLink": "", "SpecialInstructions": "", "AssignKey": False, "ReUseKeys": False,
}
#: Price levels 1-3 belong to the seeded Wholesale, VIP and Employees groups
#: (CustomerGroup.PriceLevel); 0.0 leaves a level unset (the regular price applies).
PRICE_LEVELS = {1: 0.8, 2: 0.9, 3: 0.7}
#: Extra images: product ``rid`` has ``rid % 4`` of AdditionalImageFile2-4.
_EXTRA_IMAGES = 3


# -- products --------------------------------------------------------------------------
_PRODUCT = template(_shaped(F.PRODUCT, {
    "SKUInfo": {"CatalogID": "@id@", "SKU": "@sku@", "Name": "@name@", "Cost": "@cost@",
                "Price": "@price@", "RetailPrice": "@retail@", "SalePrice": "@sale@",
                "OnSale": "@onsale@", "Stock": "@stock@"},
    "MFGID": "@mfgid@", "ShortDescription": "@short@", "ManufacturerID": "@mid@",
    "ManufacturerName": "@mname@",
    "DistributorList": [{"DistributorID": "@did@", "DistributorName": "@dname@",
                         "DistributorItemCost": "@cost@", "DistributorItemID": "@sku@",
                         "DistributorStockID": ""}],
    "LastUpdate": "@lastupdate@", "UserID": "admin", "GTIN": "@gtin@",
    "CategoryList": [{"CategoryID": "@cid@", "CategoryName": "@cname@"}],
    "NonTaxable": False, "NotForSale": False, "Hide": "@hide@", "GiftCertificate": False,
    "HomeSpecial": False, "CategorySpecial": False, "NonSearchable": False,
    "GiftWrapItem": False, "ShipCost": 0.0, "Weight": "@weight@", "Height": 0.0, "Width": 0.0,
    "Depth": 0.0, "SelfShip": False, "FreeShipping": "@free@", "RewardPoints": 0,
    "RedeemPoints": 0, "DisableRewards": False, "StockAlert": 5, "ReorderQuantity": 0,
    "InStockMessage": "In Stock", "OutOfStockMessage": "Out of Stock",
    "BackOrderMessage": "Backorder", "WarehouseLocation": "", "WarehouseBin": "@bin@",
    "WarehouseAisle": "", "WarehouseCustom": "", "Description": "@desc@", "Keywords": "@kw@",
    **{f"ExtraField{i}": "" for i in range(1, 14)},
    "FeatureList": [], "MainImageFile": "@image@", "MainImageCaption": "",
    "ThumbnailFile": "@thumb@", "ImageGalleryList": [], "OptionSetList": "@optionsets@",
    "AdvancedOptionList": "@advanced@", "RelatedProductList": [], "UpSellingItemList": [],
    "DiscountList": [], "DateCreated": "@created@", "TaxCode": "", "MinimumQuantity": 0.0,
    "MaximumQuantity": 0.0, "Title": "@name@", "CustomFileName": "@url@",
    "ProductLink": "@link@", "MetaTags": "", "SerialList": [], "EProductList": [],
    **_PRODUCT_UNUSED, "RMAMaxPeriod": "@rma@",
    **{f"AdditionalImage{part}{n}": f"@image{part.lower()}{n}@"
       for n in range(2, 2 + _EXTRA_IMAGES) for part in ("File", "Caption")},
    **{f"PriceLevel{n}": f"@level{n}@" for n in range(1, 11)},
    **{f"PriceLevel{n}Hide": False for n in range(1, 11)},
}))

# row: (sku, name, cost, price, retail, sale, onsale, stock, hide, lastupdate, created,
#       cid, cname, mid, mname, did, dname, weight, slug)

# -- options and variants --------------------------------------------------------------
#: One product in OPTION_SHARE has option sets: Size (S/M/L); one in 2 * OPTION_SHARE also
#: Color (its own color and one more). Their advanced options (variants) are every
#: combination. Derived from the id alone, so seeding costs nothing extra and the rest of
#: the random stream is unchanged.
OPTION_SHARE = 5
_SIZES = (("S", 0.0), ("M", 0.0), ("L", 2.0))
_SETS_PER_PRODUCT, _OPTIONS_PER_PRODUCT = 2, 5
_OPTION = ('{"OptionID":%d,"OptionName":%s,"OptionSelected":%s,"OptionHide":false,'
           '"OptionValue":%s,"OptionPartNumber":%s,"OptionSorting":%d,"OptionImagePath":"",'
           '"OptionBundleCatalogId":0,"OptionBundleQuantity":0}')
_OPTION_SET = ('{"OptionSetID":%d,"OptionSetName":%s,"OptionSorting":%d,"OptionRequired":true,'
               '"OptionType":"Dropdown","OptionURL":"","OptionAdditionalInformation":"",'
               '"OptionSizeLimit":0,"OptionList":[%s]}')
_ADVANCED = ('{"AdvancedOptionCode":%s,"AdvancedOptionSufix":%s,"AdvancedOptionName":%s,'
             '"AdvancedOptionCost":%s,"AdvancedOptionStock":%d,"AdvancedOptionWeight":%s,'
             '"AdvancedOptionPrice":%s,"AdvancedOptionGTIN":""}')


def _variants(rid: int, r: tuple[Any, ...]) -> tuple[str, str]:
    """(OptionSetList, AdvancedOptionList) JSON of product ``rid``.

    Ids are dense per optioned product k = rid // OPTION_SHARE: option sets 2k-1, 2k and
    options 5k-4 .. 5k. *unconfirmed*: the AdvancedOptionCode format; here it is the
    combination's OptionIDs joined by commas, in option set order.
    """
    if rid % OPTION_SHARE:
        return "[]", "[]"
    k = rid // OPTION_SHARE - 1
    set_id, opt_id = k * _SETS_PER_PRODUCT, k * _OPTIONS_PER_PRODUCT
    axes = [[(opt_id + i + 1, name, diff, name) for i, (name, diff) in enumerate(_SIZES)]]
    sets = [_OPTION_SET % (set_id + 1, '"Size"', 1, ",".join(
        _OPTION % (oid, _js(name), _b(i == 0), diff, _js(part), i + 1)
        for i, (oid, name, diff, part) in enumerate(axes[0])))]
    if rid % (2 * OPTION_SHARE) == 0:
        own = r[1].rsplit(" - ", 1)[-1]
        other = _COLOR[(_COLOR.index(own) + 5) % len(_COLOR) if own in _COLOR else 0]
        axes.append([(opt_id + 4, own, 0.0, own[:3].upper()),
                     (opt_id + 5, other, 1.5, other[:3].upper())])
        sets.append(_OPTION_SET % (set_id + 2, '"Color"', 2, ",".join(
            _OPTION % (oid, _js(name), _b(i == 0), diff, _js(part), i + 1)
            for i, (oid, name, diff, part) in enumerate(axes[1]))))
    combos: list[list[tuple[Any, ...]]] = [[]]
    for axis in axes:
        combos = [[*c, o] for c in combos for o in axis]
    advanced = ",".join(
        _ADVANCED % (_js(",".join(str(o[0]) for o in c)), _js("".join("-" + o[3] for o in c)),
                     _js(", ".join(o[1] for o in c)), r[2], (rid * 7 + n * 11) % 40, r[17],
                     round(r[3] + sum(o[2] for o in c), 2))
        for n, c in enumerate(combos))
    return "[" + ",".join(sets) + "]", "[" + advanced + "]"


def _render_product(rid: int, r: tuple[Any, ...]) -> str:
    name = _js(r[1])
    optionsets, advanced = _variants(rid, r)
    images = {}
    for n in range(2, 2 + _EXTRA_IMAGES):
        extra = n - 2 < rid % 4
        images[f"imagefile{n}"] = _js(f"assets/images/{r[18]}-{n}.jpg" if extra else "")
        images[f"imagecaption{n}"] = _js(f"{r[1]}, view {n}" if extra else "")
    return _PRODUCT % {
        **images, "rma": _js("60" if rid % 5 == 0 else "30"),
        **{f"level{n}": round(r[3] * PRICE_LEVELS[n], 2) if n in PRICE_LEVELS else 0.0
           for n in range(1, 11)},
        "id": rid, "sku": _js(r[0]), "name": name, "cost": r[2], "price": r[3],
        "retail": r[4], "sale": r[5], "onsale": _b(r[6]), "stock": f"{r[7]}.0",
        "mfgid": _js("MFG-" + r[0]), "short": _js(f"{r[1]} by {r[14]}."), "mid": r[13],
        "mname": _js(r[14]), "did": r[15], "dname": _js(r[16]), "lastupdate": _js(r[9]),
        "gtin": _js(f"00{rid + 840000000000:012d}"), "cid": r[11], "cname": _js(r[12]),
        "hide": _b(r[8]), "weight": r[17], "free": _b(r[3] > 100),
        "bin": _js(f"B{rid % 97:02d}"),
        "desc": _js(f"<p>{r[1]}: thoughtfully made, built to last, and backed by our "
                    "30-day return policy.</p>"),
        "kw": _js(r[1].replace(" - ", " ").lower()),
        "image": _js(f"assets/images/{r[18]}.jpg"),
        "thumb": _js(f"assets/images/thumbnails/{r[18]}.jpg"),
        "created": _js(r[10]), "url": _js(f"{r[18]}.html"),
        "link": _js(f"https://store/{r[18]}_p_{rid}.html"),
        "optionsets": optionsets, "advanced": advanced,
    }


def _light_product(rid: int, r: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "SKUInfo": {"CatalogID": rid, "SKU": r[0], "Name": r[1], "Cost": r[2], "Price": r[3],
                    "OnSale": r[6], "Stock": float(r[7])},
        "LastUpdate": r[9], "DateCreated": r[10], "Hide": r[8],
        "CategoryList": [{"CategoryID": r[11]}], "ManufacturerID": r[13],
        "DistributorList": [{"DistributorID": r[15]}], "CustomFileName": f"{r[18]}.html",
        "FreeShipping": r[3] > 100, "NonTaxable": False, "NotForSale": False,
        "GiftCertificate": False, "HomeSpecial": False, "CategorySpecial": False,
        "NonSearchable": False, "SelfShip": False, "DisableRewards": False,
    }


# -- customers -------------------------------------------------------------------------
_CUSTOMER = template({
    "CustomerID": "@id@", "Email": "@email@", "Password": "", "BillingCompany": "@company@",
    "BillingFirstName": "@first@", "BillingLastName": "@last@", "BillingAddress1": "@addr@",
    "BillingAddress2": "", "BillingCity": "@city@", "BillingState": "@state@",
    "BillingZipCode": "@zip@", "BillingCountry": "@country@", "BillingPhoneNumber": "@phone@",
    "ShippingCompany": "@company@", "ShippingFirstName": "@first@", "ShippingLastName": "@last@",
    "ShippingAddress1": "@addr@", "ShippingAddress2": "", "ShippingCity": "@city@",
    "ShippingState": "@state@", "ShippingZipCode": "@zip@", "ShippingCountry": "@country@",
    "ShippingPhoneNumber": "@phone@", "CustomerGroupID": "@group@", "Enabled": "@enabled@",
    "MailList": "@mail@", "NonTaxable": False, "Comments": "", "LastUpdate": "@lastupdate@",
    "DateCreated": "@created@",
})

# row: (first, last, email, company, addr, city, state, zip, country, phone, group, enabled,
#       lastupdate, created)


def _render_customer(rid: int, r: tuple[Any, ...]) -> str:
    return _CUSTOMER % {
        "id": rid, "email": _js(r[2]), "company": _js(r[3]), "first": _js(r[0]),
        "last": _js(r[1]), "addr": _js(r[4]), "city": _js(r[5]), "state": _js(r[6]),
        "zip": _js(r[7]), "country": _js(r[8]), "phone": _js(r[9]), "group": r[10],
        "enabled": _b(r[11]), "mail": _b(rid % 3 == 0), "lastupdate": _js(r[12]),
        "created": _js(r[13]),
    }


def _light_customer(rid: int, r: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "CustomerID": rid, "Email": r[2], "BillingFirstName": r[0], "BillingLastName": r[1],
        "BillingCity": r[5], "BillingState": r[6], "BillingCountry": r[8],
        "BillingPhoneNumber": r[9], "CustomerGroupID": r[10], "Enabled": r[11],
        "LastUpdate": r[12], "DateCreated": r[13],
    }


# -- orders ----------------------------------------------------------------------------
_ORDER = template(_shaped(F.ORDER, {
    "InvoiceNumberPrefix": "AB-", "InvoiceNumber": "@invoice@", "OrderID": "@id@",
    "CustomerID": "@cid@", "OrderDate": "@date@", "OrderStatusID": "@status@",
    "LastUpdate": "@lastupdate@", "UserID": "", "SalesPerson": "", "ContinueURL": "",
    "BillingFirstName": "@first@", "BillingLastName": "@last@", "BillingCompany": "",
    "BillingAddress": "@addr@", "BillingAddress2": "", "BillingCity": "@city@",
    "BillingState": "@state@", "BillingZipCode": "@zip@", "BillingCountry": "@country@",
    "BillingPhoneNumber": "@phone@", "BillingEmail": "@email@",
    "BillingPaymentMethod": "Credit Card", "BillingOnLinePayment": True,
    "BillingPaymentMethodID": "1", "ShipmentList": "@shipments@", "OrderItemList": "@items@",
    "OrderDiscount": 0.0, "SalesTax": "@tax@", "SalesTax2": 0.0, "SalesTax3": 0.0,
    "OrderAmount": "@amount@", "AffiliateCommission": 0.0, "TransactionList": "@transactions@",
    "CardType": "Visa", "CardNumber": "@cardnumber@", "CardName": "@cardname@",
    "CardExpirationMonth": "@cardmonth@", "CardExpirationYear": "@cardyear@",
    # the service never returns a card's verification code or its full number (masked)
    "CardIssueNumber": "", "CardStartMonth": "", "CardStartYear": "", "CardAddress": "@addr@",
    "CardVerification": "", "RewardPoints": "", "QuestionList": [], "Referer": "",
    "IP": "@ip@", "CustomerComments": "", "InternalComments": "", "ExternalComments": "",
}))

# row: (invoice, customer_id, first, last, email, addr, city, state, zip, country, phone,
#       status, date, lastupdate, items ((catalogid, sku, name, qty, price, itemindex), ...),
#       shipping, tracking, shipment_id, transaction_index)


def _render_order(rid: int, r: tuple[Any, ...]) -> str:
    subtotal = sum(i[3] * i[4] for i in r[14])
    tax = round(subtotal * 0.07, 2)
    items = ",".join(
        '{"CatalogID":%d,"ItemIndexID":%d,"ItemID":%s,"ItemShipmentID":%d,"ItemQuantity":%d.0,'
        '"ItemWarehouseID":0,"ItemDescription":%s,"ItemUnitPrice":%s,"ItemWeight":1.0,'
        '"ItemOptionPrice":0.0,"ItemAdditionalField1":"","ItemAdditionalField2":"",'
        '"ItemAdditionalField3":"","ItemPageAdded":"","ItemDateAdded":%s,"ItemUnitCost":%s,'
        '"ItemUnitStock":0,"ItemOptions":"","ItemCatalogIDOptions":""}'
        % (i[0], i[5], _js(i[1]), r[17], i[3], _js(i[2]), i[4], _js(r[12]),
           round(i[4] * 0.45, 2))
        for i in r[14]
    )
    shipped = r[11] == _SHIPPED
    shipment = (
        '{"ShipmentID":%d,"ShipmentLastUpdate":%s,"ShipmentBoxes":1,"ShipmentInternalComment":"",'
        '"ShipmentOrderStatus":%d,"ShipmentAddress":%s,"ShipmentAddress2":"","ShipmentAlias":"",'
        '"ShipmentCity":%s,"ShipmentCompany":"","ShipmentCost":%s,"ShipmentCountry":%s,'
        '"ShipmentEmail":%s,"ShipmentFirstName":%s,"ShipmentLastName":%s,"ShipmentMethodID":%d,'
        '"ShipmentMethodName":%s,"ShipmentShippedDate":%s,"ShipmentPhone":%s,"ShipmentState":%s,'
        '"ShipmentZipCode":%s,"ShipmentTax":0.0,"ShipmentWeight":%d.0,"ShipmentTrackingCode":%s,'
        '"ShipmentUserID":"","ShipmentNumber":1,"ShipmentAddressTypeID":0}'
        % (r[17], _js(r[13]), r[11], _js(r[5]), _js(r[6]), r[15], _js(r[9]), _js(r[4]),
           _js(r[2]), _js(r[3]), rid % 4 + 1, _js(_SHIP_METHODS[rid % 4]),
           _js(r[13][:10].replace("-", "/") if shipped else ""), _js(r[10]), _js(r[7]),
           _js(r[8]), len(r[14]), _js(r[16] if shipped else ""))
    )
    transaction = (
        '{"TransactionIndexID":%d,"OrderID":%d,"TransactionID":%s,"TransactionDateTime":%s,'
        '"TransactionType":"Authorize and Capture","TransactionMethod":"Credit Card",'
        '"TransactionAmount":%s,"TransactionApproval":"APPROVED","TransactionReference":"",'
        '"TransactionGatewayID":1,"TransactionCVV2":"M","TransactionAVS":"Y",'
        '"TransactionResponseText":"Approved","TransactionResponseCode":"1",'
        '"TransactionCaptured":1}'
        % (r[18], rid, _js(f"TX{rid:08d}"), _js(r[12]), round(subtotal + tax + r[15], 2))
    )
    return _ORDER % {
        "invoice": r[0], "id": rid, "cid": r[1], "date": _js(r[12]), "status": r[11],
        "lastupdate": _js(r[13]), "first": _js(r[2]), "last": _js(r[3]), "addr": _js(r[5]),
        "city": _js(r[6]), "state": _js(r[7]), "zip": _js(r[8]), "country": _js(r[9]),
        "phone": _js(r[10]), "email": _js(r[4]), "shipments": f"[{shipment}]",
        "items": f"[{items}]", "tax": tax, "amount": round(subtotal + tax + r[15], 2),
        "transactions": f"[{transaction}]", "cardname": _js(f"{r[2]} {r[3]}"),
        "cardnumber": _js(f"************{4000 + rid * 37 % 6000:04d}"),
        "cardmonth": _js(f"{rid % 12 + 1:02d}"), "cardyear": _js(str(2027 + rid % 4)),
        "ip": _js(f"10.{rid % 250}.{rid // 250 % 250}.{rid % 7 + 1}"),
    }


def _light_order(rid: int, r: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "OrderID": rid, "InvoiceNumberPrefix": "AB-", "InvoiceNumber": r[0], "CustomerID": r[1],
        "BillingEmail": r[4], "BillingCountry": r[9], "OrderStatusID": r[11],
        "OrderDate": r[12], "LastUpdate": r[13],
    }


# -- seeding ---------------------------------------------------------------------------
def seed_store(data: StoreData, *, size: int, seed: int = 0, anchor: datetime) -> None:
    """Fill ``data`` deterministically: same ``seed``, ``size`` and ``anchor``, same store."""
    size = max(0, int(size))
    rng = random.Random(seed)
    rnd, choice, randint = rng.random, rng.choice, rng.randint

    def when(max_age: int = _TWO_YEARS) -> tuple[str, str]:
        age = int(rnd() * max_age)
        return before(anchor, age), before(anchor, int(age * rnd()))

    for sid, name in ORDER_STATUSES:
        data.order_statuses.insert({"OrderStatusID": sid, "StatusDefinition": name,
                                      "StatusText": name, "Visible": sid != 7, "Sorting": sid})
    groups = ["Retail", "Wholesale", "VIP", "Employees"]
    for i, name in enumerate(groups, 1):
        data.customer_groups.insert({
            "CustomerGroupID": i, "Name": name, "Description": f"{name} customers",
            "MinimumOrder": 0.0 if i != 2 else 250.0, "NonTaxable": i == 2,
            "AllowRegistration": i != 4, "DisableRewardPoints": False, "AutoApprove": i == 1,
            "RegistrationMessage": "", "PriceLevel": i - 1})
    manufacturers = []
    for i, name in enumerate(_MANUFACTURER, 1):
        created, updated = when()
        data.manufacturers.insert({
            "ManufacturerID": i, "ManufacturerName": name, "Logo": "", "Sorting": i,
            "Header": "", "Website": f"https://www.{name.lower().replace(' ', '')}.com",
            "UserID": "admin", "LastUpdate": updated, "PageTitle": name, "MetaTags": "",
            "RedirectURL": ""})
        manufacturers.append((i, name))
    distributors = []
    for i, name in enumerate(_COMPANY, 1):
        city, state, zipc = _CITY[i % len(_CITY)]
        data.distributors.insert({
            "DistributorID": i, "CompanyName": name, "ContactName": f"{_FIRST[i]} {_LAST[i]}",
            "Address": f"{100 + i} {_STREET[i % len(_STREET)]}", "Address2": "", "City": city,
            "State": state, "Zip": zipc, "Country": "CA" if state == "ON" else "US",
            "Phone": f"555-01{i:02d}", "Fax": "",
            "EMail": f"orders@{name.lower().replace(' ', '')}.com", "Comments": ""})
        distributors.append((i, name))
    n_categories = min(200, max(20, size // 500))
    categories = []
    for i in range(1, n_categories + 1):
        base = _CATEGORY[(i - 1) % len(_CATEGORY)]
        top = i <= len(_CATEGORY)
        name = base if top else f"{base} {_ADJ[(i // len(_CATEGORY)) % len(_ADJ)]}"
        created, updated = when()
        data.categories.insert(_shaped(F.CATEGORY, {
            **_CATEGORY_DISPLAY, "ItemsPerPageCategoryGeneralItems": 12 if top else 24,
            "ProductColumnsCategoryGeneralItems": 3 if top else 4,
            "CategoryID": i, "CategoryName": name, "Link": "", "CategoryDescription":
            f"Shop our {name.lower()} collection.", "CategoryIcon": "", "CategoryMain": top,
            "CategoryParent": 0 if top else (i - 1) % len(_CATEGORY) + 1, "Sorting": i,
            "Hide": False, "UserID": "admin", "LastUpdate": updated, "CategoryMenuGroup": 0,
            "HomeSpecialCategory": False, "FilterCategory": False, "OptionSetList": [],
            "Title": name, "CustomFileName": name.lower().replace(" ", "-") + ".html",
            "MetaTags": "", "CategoryHeader": "", "CategoryFooter": "", "AdditionalKeywords": ""}))
        categories.append((i, name))

    products, prows = data.products, dict[int, tuple[Any, ...]]()
    nm, nd = len(manufacturers), len(distributors)
    for rid in range(1, size + 1):
        adj, mat, noun, color = choice(_ADJ), choice(_MATERIAL), choice(_NOUN), choice(_COLOR)
        name = f"{adj} {mat} {noun} - {color}"
        price = round(5 + rnd() * 195, 2)
        created, updated = when()
        cid, cname = categories[rid % n_categories]
        mid, mname = manufacturers[rid % nm]
        did, dname = distributors[rid % nd]
        onsale = rnd() < 0.15
        prows[rid] = (
            f"{mat[:3].upper()}-{noun[:3].upper()}-{rid:06d}", name, round(price * 0.45, 2),
            price, round(price * 1.2, 2), round(price * 0.85, 2) if onsale else 0.0, onsale,
            randint(0, 500), rnd() < 0.03, updated, created, cid, cname, mid, mname, did, dname,
            round(0.1 + rnd() * 5, 2), f"{adj}-{mat}-{noun}-{color}".lower().replace(" ", "-"))
    optioned = size // OPTION_SHARE
    data.counters.update({"OptionSetID": optioned * _SETS_PER_PRODUCT,
                          "OptionID": optioned * _OPTIONS_PER_PRODUCT})

    customers, crows = data.customers, dict[int, tuple[Any, ...]]()
    n_customers = size // 2
    for rid in range(1, n_customers + 1):
        first, last = choice(_FIRST), choice(_LAST)
        city, state, zipc = choice(_CITY)
        created, updated = when()
        crows[rid] = (
            first, last, f"{first.lower()}.{last.lower()}{rid}@example.com",
            choice(_COMPANY) if rnd() < 0.2 else "", f"{randint(1, 9999)} {choice(_STREET)}",
            city, state, zipc, "CA" if state == "ON" else "US",
            f"555-{randint(100, 999)}-{randint(1000, 9999)}", randint(1, 4) if rnd() < 0.3 else 0,
            rnd() > 0.02, updated, created)

    orders, orows = data.orders, dict[int, tuple[Any, ...]]()
    item_index = shipment_id = 0
    statuses = [1, 1, 2, 2, 4, 4, 4, 4, 4, 5, 6, 3]
    for rid in range(1, size // 2 + 1):
        cust = randint(1, n_customers) if n_customers else 0
        c = crows.get(cust) or ("Guest", "Buyer", "guest@example.com", "", "1 Main St",
                                "Miami", "FL", "33101", "US", "555-0100")
        date, updated = when()
        items = []
        for _ in range(randint(1, 4)):
            item_index += 1
            pid = randint(1, size)
            p = prows[pid]
            items.append((pid, p[0], p[1], randint(1, 3), p[3], item_index))
        shipment_id += 1
        orows[rid] = (
            1000 + rid, cust, c[0], c[1], c[2], c[4], c[5], c[6], c[7], c[8], c[9],
            choice(statuses), date, updated, tuple(items), choice((0.0, 5.99, 9.99, 14.5)),
            f"1Z{rid:014d}", shipment_id, rid)
    data.counters.update({"ItemIndexID": item_index, "ShipmentID": shipment_id,
                          "TransactionIndexID": size // 2})

    # RMAs for about one shipped order in ten; eager dicts, they are few.
    rma_item = 0
    reasons = sorted(data.rma_reasons.items())
    for oid in range(1, size // 2 + 1, 10):
        row = orows[oid]
        if row[11] != _SHIPPED:
            continue
        rid_reason, reason = reasons[oid % 4]
        rma_item += 1
        item = row[14][0]
        data.rmas.insert({
            "RMAID": len(data.rmas) + 1, "OrderID": oid, "InvoiceNumber": row[0],
            "CustomerID": row[1], "RMADateCreated": row[13], "RMAStatusID": oid % 3 + 1,
            "RMAStatus": data.rma_statuses[oid % 3 + 1], "RMAReasonID": rid_reason,
            "RMAReason": reason, "RMAMethodID": 1, "RMAMethod": data.rma_methods[1], "RMAComments": "",
            "LastUpdate": row[13],
            "RMAItemList": [{"RMAItemID": rma_item, "CatalogID": item[0], "ItemID": item[1],
                             "ItemDescription": item[2], "ItemQuantity": 1.0,
                             "ItemUnitPrice": item[4]}]})
    data.counters["RMAItemID"] = rma_item

    gift_item = 0
    for i in range(1, max(1, size // 100) + 1):
        created, updated = when()
        pid = (i * 7919) % size + 1 if size else 0
        gift_item += 1
        gp = prows.get(pid)
        data.gift_registries.insert({
            "GiftRegistryID": i, "CustomerID": (i * 31) % max(1, n_customers) + 1,
            "RegistryName": f"{choice(_LAST)} {choice(['Wedding', 'Baby Shower', 'Birthday'])}",
            "EventDate": before(anchor, -86400 * (30 + i % 200)), "ExpirationDate":
            before(anchor, -86400 * (90 + i % 200)), "DateCreated": created, "LastUpdate": updated,
            "GiftRegistryItemList": [] if gp is None else [{
                "GiftRegistryItemID": gift_item, "CatalogID": pid, "ItemID": gp[0],
                "ItemDescription": gp[1], "Quantity": 2.0, "QuantityReceived": 0.0}]})
    data.counters["GiftRegistryItemID"] = gift_item

    for table, rows, light, render in ((products, prows, _light_product, _render_product),
                                       (customers, crows, _light_customer, _render_customer),
                                       (orders, orows, _light_order, _render_order)):
        table.seed_rows(rows)
        table.bind(light=light, render=render)
