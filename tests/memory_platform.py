"""An in-process test platform: lets the gateway be tested without any real platform.

It borrows the contract's ``PrestashopApi`` cart_id and credential name because
``account.cart.add`` validates ``cart_id`` against the contract's enum; it is registered only
by the tests, never by the product. Data lives in :data:`SHOPS`, keyed by store URL.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.model import (
    A2CDateTime,
    BaseCustomer,
    Category,
    Customer,
    Order,
    OrderItem,
    OrderStatus,
    OrderTotals,
    Product,
)
from anycart.platforms.base import Call, Capabilities, Connector, CredentialSpec, Page, Platform

TEST_HOST = "shop.memory.test"
TEST_URL = f"https://{TEST_HOST}"
TEST_KEY = "memory-secret-webservice-key-0001"


@dataclass
class Shop:
    products: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    ids: itertools.count = field(default_factory=lambda: itertools.count(1000))


SHOPS: dict[str, Shop] = {}
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def seed_shop(url: str = TEST_URL, products: int = 30) -> Shop:
    shop = SHOPS[url] = Shop()
    for i in range(1, 6):
        shop.categories[str(i)] = Category(id=str(i), name=f"Category {i}", parent_id="0",
                                           avail=True).to_wire()
    for i in range(1, products + 1):
        shop.products[str(i)] = Product(
            id=str(i), name=f"Product {i}", u_sku=f"SKU-{i:04d}", u_model=f"M{i}",
            description=f"Description of product {i}", price=round(5 + i * 1.5, 2),
            quantity=i % 7, categories_ids=[str(1 + i % 5)],
            create_at=A2CDateTime.of(_EPOCH + timedelta(days=i)),
            modified_at=A2CDateTime.of(_EPOCH + timedelta(days=i, hours=1)),
            additional_fields={"memory_flag": i % 2 == 0}).to_wire()
    for i in range(1, 11):
        shop.customers[str(i)] = Customer(id=str(i), email=f"customer{i}@example.com",
                                          first_name=f"First{i}", last_name=f"Last{i}").to_wire()
    for i in range(1, 11):
        shop.orders[str(i)] = Order(
            id=str(i), order_id=str(i),
            customer=BaseCustomer(id=str(i), email=f"customer{i}@example.com"),
            status=OrderStatus(id="1", name="New"), totals=OrderTotals(total=10.0 * i, subtotal=10.0 * i, shipping=0.0),
            order_products=[OrderItem(order_product_id=f"{i}-1", product_id="1", name="Product 1",
                                      price=6.5, quantity=1)],
            create_at=A2CDateTime.of(_EPOCH + timedelta(days=i))).to_wire()
    return shop


class MemoryConnector(Connector):
    @property
    def shop(self) -> Shop:
        shop = SHOPS.get(self.store.store_url)
        if shop is None:
            raise ApiError(ReturnCode.STORE_UNREACHABLE, f"Store {self.store.store_url} is unreachable")
        return shop

    async def check_connection(self) -> None:
        self.shop  # noqa: B018 - raises when the store does not exist
        if self.store.credentials.get("prestashop_webservice_key") != TEST_KEY:
            raise ApiError(ReturnCode.PLATFORM_ERROR, "PrestaShop error message: Invalid webservice key")

    async def cart_info(self, call: Call) -> dict[str, Any]:
        return {"name": "Memory shop", "url": self.store.store_url, "version": "1.0",
                "db_prefix": "ps_", "stores_info": [], "warehouses": [], "shipping_zones": [],
                "additional_fields": {}, "custom_fields": {}}

    # products ---------------------------------------------------------------------------
    def _products(self, call: Call) -> list[dict[str, Any]]:
        items = list(self.shop.products.values())
        if call.params.get("product_ids"):
            wanted = set(call.params["product_ids"].split(","))
            items = [p for p in items if p["id"] in wanted]
        if call.params.get("sku"):
            items = [p for p in items if p["u_sku"] == call.params["sku"]]
        if call.params.get("categories_ids"):
            for cid in call.params["categories_ids"].split(","):
                if cid not in self.shop.categories:
                    raise ApiError.not_found("Category", cid, "categories_ids")
            wanted_categories = set(call.params["categories_ids"].split(","))
            items = [p for p in items if wanted_categories & set(p["categories_ids"])]
        if call.params.get("category_id"):
            if call.params["category_id"] not in self.shop.categories:
                raise ApiError.not_found("Category", call.params["category_id"])
            items = [p for p in items if call.params["category_id"] in p["categories_ids"]]
        return items

    async def product_list(self, call: Call) -> Page:
        items = self._products(call)
        return Page(items[call.start:call.start + call.count], total=len(items))

    async def product_count(self, call: Call) -> dict[str, Any]:
        return {"products_count": len(self._products(call))}

    async def product_info(self, call: Call) -> dict[str, Any]:
        pid = call.require("id")
        product = self.shop.products.get(pid)
        if product is None:
            raise ApiError.not_found("Product", pid)
        return product

    async def product_find(self, call: Call) -> dict[str, Any]:
        value, where = call.require("find_value"), call.params.get("find_where", "name")
        found = [p for p in self.shop.products.values() if str(p.get(where)) == value]
        if not found:
            raise ApiError(ReturnCode.NOT_FOUND, "Entity not found")
        return {"product": found}

    async def product_add(self, call: Call) -> dict[str, Any]:
        sku = call.params.get("sku")
        if sku and any(p["u_sku"] == sku for p in self.shop.products.values()):
            raise ApiError(ReturnCode.ALREADY_EXISTS, "Entity already exists")
        pid = str(next(self.shop.ids))
        self.shop.products[pid] = Product(
            id=pid, name=call.params["name"], description=call.params.get("description"),
            price=call.params.get("price"), u_sku=sku, u_model=call.params.get("model"),
            quantity=call.params.get("quantity")).to_wire()
        return {"product_id": pid}

    async def product_update(self, call: Call) -> dict[str, Any]:
        pid = call.require("id")
        product = self.shop.products.get(pid)
        if product is None:
            raise ApiError.not_found("Product", pid)
        written = False
        for key, field_name in (("name", "name"), ("price", "price"), ("quantity", "quantity"),
                                ("description", "description")):
            if call.params.get(key) is not None:
                product[field_name] = call.params[key]
                written = True
        if not written:  # as the kit's drivers: nothing this store keeps was given
            raise ApiError.nothing_to_update()
        return {"updated_items": 1}

    async def product_delete(self, call: Call) -> dict[str, Any]:
        pid = call.require("id")
        if self.shop.products.pop(pid, None) is None:
            raise ApiError.not_found("Product", pid)
        return {"deleted_items": 1}

    # categories, customers, orders ---------------------------------------------------------
    async def category_list(self, call: Call) -> Page:
        items = list(self.shop.categories.values())
        return Page(items[call.start:call.start + call.count], total=len(items))

    async def category_info(self, call: Call) -> dict[str, Any]:
        cid = call.require("id")
        if cid not in self.shop.categories:
            raise ApiError(ReturnCode.NOT_FOUND, f"Category with id '{cid}' not found")
        return self.shop.categories[cid]

    async def category_find(self, call: Call) -> dict[str, Any]:
        value = call.require("find_value")
        found = [c for c in self.shop.categories.values() if c["name"] == value]
        if not found:
            raise ApiError(ReturnCode.NOT_FOUND, "Entity not found")
        return {"category": found}

    async def customer_list(self, call: Call) -> Page:
        items = list(self.shop.customers.values())
        return Page(items[call.start:call.start + call.count], total=len(items))

    async def customer_info(self, call: Call) -> dict[str, Any]:
        cid = call.require("id")
        if cid not in self.shop.customers:
            raise ApiError.not_found("Customer", cid)
        return self.shop.customers[cid]

    async def order_list(self, call: Call) -> Page:
        if call.params.get("modified_from") and not call.params.get("modified_to"):
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           "Parameter 'modified_from' must be used with parameter 'modified_to'")
        items = list(self.shop.orders.values())
        return Page(items[call.start:call.start + call.count], total=len(items))

    async def order_info(self, call: Call) -> dict[str, Any]:
        oid = call.params.get("order_id") or call.params.get("id")
        if not oid:
            if call.params.get("order_id") == "" or call.params.get("id") == "":
                raise ApiError.empty("order_id")
            raise ApiError.required("order_id")
        if oid not in self.shop.orders:
            raise ApiError.not_found("Order", oid)
        return self.shop.orders[oid]

    async def order_shipment_list(self, call: Call) -> Page:
        oid = call.require("order_id")
        if oid not in self.shop.orders:
            raise ApiError.not_found("Order", oid)
        return Page([], total=0)

    async def order_shipment_info(self, call: Call) -> dict[str, Any]:
        call.require("order_id")
        raise ApiError.not_found("Shipment", call.require("id"))

    async def return_info(self, call: Call) -> dict[str, Any]:
        raise ApiError.not_found("Return", call.require("id"))

    async def return_list(self, call: Call) -> Page:
        status = call.params.get("status")
        if status and status not in ("pending", "approved", "closed"):
            raise ApiError(ReturnCode.NOT_FOUND, f"Return status '{status}' not found")
        return Page([], total=0)

    async def order_count(self, call: Call) -> dict[str, Any]:
        return {"orders_count": len(self.shop.orders)}

    async def category_count(self, call: Call) -> dict[str, Any]:
        return {"categories_count": len(self.shop.categories)}


class MemoryPlatform(Platform):
    cart_id = "PrestashopApi"
    name = "Memory test platform"
    credentials = CredentialSpec(required=(("store_url", "prestashop_webservice_key"),))
    capabilities = Capabilities(page_limit=100, connects_to_store_url=True,
                                webhook_events=(("product", "add"), ("product", "update")))
    connector = MemoryConnector
