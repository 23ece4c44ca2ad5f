"""Field types of the Shift4Shop (3dcart) REST resources, used to validate request bodies.

Names follow the official 3dcart C# REST client models (github.com/3dcart/REST-API-Client:
``Product.cs``, ``Order.cs``, ``Customer.cs``, ``Category.cs``, ``CustomerGroup.cs``,
``Distributor.cs``, ``Manufacturer.cs``, ``ResponseInfo.cs``). Fields marked *unconfirmed*
are not in those models and follow 3dcart's naming style.

The service deserialises bodies with Json.NET into typed models, so: property names match
case-insensitively, unknown properties are ignored, numbers may arrive as numeric strings,
and a value that cannot be converted (``"Price": "abc"``) makes the whole object invalid (400).
"""

from __future__ import annotations

from typing import Any

# kinds: int, float, bool, str, date, or a nested spec (dict) / a list of a nested spec ([dict])
FieldSpec = dict[str, Any]

SKU_INFO: FieldSpec = {
    "CatalogID": "int", "SKU": "str", "Name": "str", "Cost": "float", "Price": "float",
    "RetailPrice": "float", "SalePrice": "float", "OnSale": "bool", "Stock": "float",
}
PRODUCT_CATEGORY: FieldSpec = {"CategoryID": "int", "CategoryName": "str"}
PRODUCT_DISTRIBUTOR: FieldSpec = {
    "DistributorID": "int", "DistributorName": "str", "DistributorItemCost": "float",
    "DistributorItemID": "str", "DistributorStockID": "str",
}
OPTION: FieldSpec = {
    "OptionID": "int", "OptionName": "str", "OptionSelected": "bool", "OptionHide": "bool",
    "OptionValue": "float", "OptionPartNumber": "str", "OptionSorting": "int",
    "OptionImagePath": "str", "OptionBundleCatalogId": "int", "OptionBundleQuantity": "int",
}
OPTION_SET: FieldSpec = {
    "OptionSetID": "int", "OptionSetName": "str", "OptionSorting": "int", "OptionRequired": "bool",
    "OptionType": "str", "OptionURL": "str", "OptionAdditionalInformation": "str",
    "OptionSizeLimit": "int", "OptionList": [OPTION],
}
ADVANCED_OPTION: FieldSpec = {
    "AdvancedOptionCode": "str", "AdvancedOptionSufix": "str", "AdvancedOptionName": "str",
    "AdvancedOptionCost": "float", "AdvancedOptionStock": "int", "AdvancedOptionWeight": "float",
    "AdvancedOptionPrice": "float", "AdvancedOptionGTIN": "str",
}
IMAGE: FieldSpec = {
    "ImageGalleryID": "int", "ImageGalleryFile": "str", "ImageGalleryCaption": "str",
    "ImageGallerySorting": "int",
}
RELATED: FieldSpec = {"RelatedIndexID": "int", "RelatedProductID": "int", "RelatedProductSorting": "int"}
UPSELLING: FieldSpec = {"UpSellingIndexID": "int", "UpSellingItemID": "int", "UpSellingItemSorting": "int"}
DISCOUNT: FieldSpec = {
    "DiscountID": "int", "DiscountPriceLevel": "int", "DiscountLowbound": "int",
    "DiscountUpbound": "int", "DiscountPrice": "float", "DiscountPercentage": "bool",
}
SERIAL: FieldSpec = {"SerialID": "int", "SerialUses": "int", "SerialCode": "str"}
EPRODUCT: FieldSpec = {"FileNumber": "int", "FilePath": "str"}
FEATURE: FieldSpec = {"FeatureID": "int", "FeatureTitle": "str", "FeatureDescription": "str"}

PRODUCT: FieldSpec = {
    "SKUInfo": SKU_INFO, "MFGID": "str", "ShortDescription": "str", "ManufacturerID": "int",
    "ManufacturerName": "str",  # not in Product.cs: returned, derived from ManufacturerID
    "DistributorList": [PRODUCT_DISTRIBUTOR], "LastUpdate": "date", "UserID": "str", "GTIN": "str",
    "CategoryList": [PRODUCT_CATEGORY], "NonTaxable": "bool", "NotForSale": "bool", "Hide": "bool",
    "GiftCertificate": "bool", "HomeSpecial": "bool", "CategorySpecial": "bool",
    "NonSearchable": "bool", "GiftWrapItem": "bool", "ShipCost": "float", "Weight": "float",
    "Height": "float", "Width": "float", "Depth": "float", "SelfShip": "bool",
    "FreeShipping": "bool", "RewardPoints": "int", "RedeemPoints": "int", "DisableRewards": "bool",
    "StockAlert": "int", "ReorderQuantity": "int", "InStockMessage": "str",
    "OutOfStockMessage": "str", "BackOrderMessage": "str", "WarehouseLocation": "str",
    "WarehouseBin": "str", "WarehouseAisle": "str", "WarehouseCustom": "str", "Description": "str",
    "Keywords": "str", **{f"ExtraField{i}": "str" for i in range(1, 14)},
    "FeatureList": [FEATURE], "MainImageFile": "str", "MainImageCaption": "str",
    "ThumbnailFile": "str", "ImageGalleryList": [IMAGE], "OptionSetList": [OPTION_SET],
    "AdvancedOptionList": [ADVANCED_OPTION], "RelatedProductList": [RELATED],
    "UpSellingItemList": [UPSELLING], "DiscountList": [DISCOUNT], "DateCreated": "date",
    "TaxCode": "str", "MinimumQuantity": "float", "MaximumQuantity": "float", "Title": "str",
    "CustomFileName": "str", "ProductLink": "str", "MetaTags": "str", "SerialList": [SERIAL],
    "EProductList": [EPRODUCT],
}

CATEGORY: FieldSpec = {
    "CategoryID": "int", "CategoryName": "str", "Link": "str", "CategoryDescription": "str",
    "CategoryIcon": "str", "CategoryMain": "bool", "CategoryParent": "int", "Sorting": "int",
    "Hide": "bool", "UserID": "str", "LastUpdate": "date", "CategoryMenuGroup": "int",
    "HomeSpecialCategory": "bool", "FilterCategory": "bool", "OptionSetList": [OPTION_SET],
    "Title": "str", "CustomFileName": "str", "MetaTags": "str", "CategoryHeader": "str",
    "CategoryFooter": "str", "AdditionalKeywords": "str",
}

CUSTOMER: FieldSpec = {
    "CustomerID": "int", "Email": "str", "Password": "str", "BillingCompany": "str",
    "BillingFirstName": "str", "BillingLastName": "str", "BillingAddress1": "str",
    "BillingAddress2": "str", "BillingCity": "str", "BillingState": "str",
    "BillingZipCode": "str", "BillingCountry": "str", "BillingPhoneNumber": "str",
    # unconfirmed below: not in Customer.cs; 3dcart naming style
    "ShippingCompany": "str", "ShippingFirstName": "str", "ShippingLastName": "str",
    "ShippingAddress1": "str", "ShippingAddress2": "str", "ShippingCity": "str",
    "ShippingState": "str", "ShippingZipCode": "str", "ShippingCountry": "str",
    "ShippingPhoneNumber": "str", "CustomerGroupID": "int", "Enabled": "bool",
    "MailList": "bool", "NonTaxable": "bool", "Comments": "str", "LastUpdate": "date",
    "DateCreated": "date",
}

CUSTOMER_GROUP: FieldSpec = {
    "CustomerGroupID": "int", "Name": "str", "Description": "str", "MinimumOrder": "float",
    "NonTaxable": "bool", "AllowRegistration": "bool", "DisableRewardPoints": "bool",
    "AutoApprove": "bool", "RegistrationMessage": "str", "PriceLevel": "int",
}

DISTRIBUTOR: FieldSpec = {
    "DistributorID": "int", "CompanyName": "str", "ContactName": "str", "Address": "str",
    "Address2": "str", "City": "str", "State": "str", "Zip": "str", "Country": "str",
    "Phone": "str", "Fax": "str", "EMail": "str", "Comments": "str",
}

MANUFACTURER: FieldSpec = {
    "ManufacturerID": "int", "ManufacturerName": "str", "Logo": "str", "Sorting": "int",
    "Header": "str", "Website": "str", "UserID": "str", "LastUpdate": "date",
    "PageTitle": "str", "MetaTags": "str", "RedirectURL": "str",
}

ORDER_ITEM: FieldSpec = {
    "CatalogID": "int", "ItemIndexID": "int", "ItemID": "str", "ItemShipmentID": "int",
    "ItemQuantity": "float", "ItemWarehouseID": "int", "ItemDescription": "str",
    "ItemUnitPrice": "float", "ItemWeight": "float", "ItemOptionPrice": "float",
    "ItemAdditionalField1": "str", "ItemAdditionalField2": "str", "ItemAdditionalField3": "str",
    "ItemPageAdded": "str", "ItemDateAdded": "date", "ItemUnitCost": "float",
    "ItemUnitStock": "int", "ItemOptions": "str", "ItemCatalogIDOptions": "str",
}
TRANSACTION: FieldSpec = {
    "TransactionIndexID": "int", "OrderID": "int", "TransactionID": "str",
    "TransactionDateTime": "date", "TransactionType": "str", "TransactionMethod": "str",
    "TransactionAmount": "float", "TransactionApproval": "str", "TransactionReference": "str",
    "TransactionGatewayID": "int", "TransactionCVV2": "str", "TransactionAVS": "str",
    "TransactionResponseText": "str", "TransactionResponseCode": "str",
    "TransactionCaptured": "int",
}
QUESTION: FieldSpec = {
    "OrderID": "int", "QuestionAnswerIndexID": "int",  # index id: named by the URL template
    "QuestionID": "int", "QuestionTitle": "str", "QuestionAnswer": "str", "QuestionType": "str",
    "QuestionCheckoutStep": "int", "QuestionSorting": "int", "QuestionDiscountGroup": "int",
}
SHIPMENT: FieldSpec = {
    "ShipmentID": "int", "ShipmentLastUpdate": "date", "ShipmentBoxes": "int",
    "ShipmentInternalComment": "str", "ShipmentOrderStatus": "int", "ShipmentAddress": "str",
    "ShipmentAddress2": "str", "ShipmentAlias": "str", "ShipmentCity": "str",
    "ShipmentCompany": "str", "ShipmentCost": "float", "ShipmentCountry": "str",
    "ShipmentEmail": "str", "ShipmentFirstName": "str", "ShipmentLastName": "str",
    "ShipmentMethodID": "int", "ShipmentMethodName": "str", "ShipmentShippedDate": "str",
    "ShipmentPhone": "str", "ShipmentState": "str", "ShipmentZipCode": "str",
    "ShipmentTax": "float", "ShipmentWeight": "float", "ShipmentTrackingCode": "str",
    "ShipmentUserID": "str", "ShipmentNumber": "int", "ShipmentAddressTypeID": "int",
}
ORDER: FieldSpec = {
    "InvoiceNumberPrefix": "str", "InvoiceNumber": "int", "OrderID": "int", "CustomerID": "int",
    "OrderDate": "date", "OrderStatusID": "int", "LastUpdate": "date", "UserID": "str",
    "SalesPerson": "str", "ContinueURL": "str", "BillingFirstName": "str",
    "BillingLastName": "str", "BillingCompany": "str", "BillingAddress": "str",
    "BillingAddress2": "str", "BillingCity": "str", "BillingState": "str",
    "BillingZipCode": "str", "BillingCountry": "str", "BillingPhoneNumber": "str",
    "BillingEmail": "str", "BillingPaymentMethod": "str", "BillingOnLinePayment": "bool",
    "BillingPaymentMethodID": "str", "ShipmentList": [SHIPMENT], "OrderItemList": [ORDER_ITEM],
    "OrderDiscount": "float", "SalesTax": "float", "SalesTax2": "float", "SalesTax3": "float",
    "OrderAmount": "float", "AffiliateCommission": "float", "TransactionList": [TRANSACTION],
    "CardType": "str", "CardNumber": "str", "CardName": "str", "CardExpirationMonth": "str",
    "CardExpirationYear": "str", "RewardPoints": "str", "QuestionList": [QUESTION],
    "Referer": "str", "IP": "str", "CustomerComments": "str", "InternalComments": "str",
    "ExternalComments": "str",
}

# unconfirmed: order statuses, RMAs and gift registries are not in the C# client models.
ORDER_STATUS: FieldSpec = {
    "OrderStatusID": "int", "StatusDefinition": "str", "StatusText": "str", "Visible": "bool",
    "Sorting": "int",
}
RMA_ITEM: FieldSpec = {
    "RMAItemID": "int", "CatalogID": "int", "ItemID": "str", "ItemDescription": "str",
    "ItemQuantity": "float", "ItemUnitPrice": "float",
}
RMA: FieldSpec = {
    "RMAID": "int", "OrderID": "int", "InvoiceNumber": "int", "CustomerID": "int",
    "RMADateCreated": "date", "RMAStatusID": "int", "RMAStatus": "str", "RMAReasonID": "int",
    "RMAReason": "str", "RMAMethodID": "int", "RMAMethod": "str", "RMAComments": "str",
    "LastUpdate": "date", "RMAItemList": [RMA_ITEM],
}
GIFT_REGISTRY_ITEM: FieldSpec = {
    "GiftRegistryItemID": "int", "CatalogID": "int", "ItemID": "str", "ItemDescription": "str",
    "Quantity": "float", "QuantityReceived": "float",
}
GIFT_REGISTRY: FieldSpec = {
    "GiftRegistryID": "int", "CustomerID": "int", "RegistryName": "str", "EventDate": "date",
    "ExpirationDate": "date", "DateCreated": "date", "LastUpdate": "date",
    "GiftRegistryItemList": [GIFT_REGISTRY_ITEM],
}
