"""The Shopify connector: contract methods -> Admin REST calls -> the unified model.

Categories are custom collections (assigned through collects); shipments are fulfillments;
returns are refunds (the REST API has no return object). Lists follow Shopify's ``Link``
cursors; the next ``page_info`` and the total travel in AnyCart's ``page_cursor`` so each
further page costs one request (see :mod:`.client`).

Not served (the gateway answers 120): smart collections as categories, ``sku`` filters (the
REST API cannot filter by SKU), order creation (the REST API wants a full checkout; not built).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import given_names, guard
from anycart.platforms.base import Call, Connector, Page
from anycart.platforms.overlap import at_most_one, carrier, one_of, split_all

from . import mapping as M
from . import nested
from .capabilities import TOPIC_OF
from .client import ShopifyClient
from .params import APPLIED, NESTED, SAME_AS_DEFAULT

_CART = "Shopify"


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return [str(v).strip() for v in items if str(v).strip()]


def _dates(p: dict[str, Any]) -> dict[str, str]:
    out = {}
    for src, dst in (("created_from", "created_at_min"), ("created_to", "created_at_max"),
                     ("modified_from", "updated_at_min"), ("modified_to", "updated_at_max")):
        if p.get(src):
            out[dst] = M.query_date(p[src], src)
    return out


def _ids(p: dict[str, Any], *names: str) -> str | None:
    """The ids of all of ``names`` together (``order_ids`` and ``ids``: both apply)."""
    out: list[str] = []
    for name in names:
        ids = _split(p.get(name))
        if not all(i.isdecimal() for i in ids):
            raise ApiError.invalid(name)
        out += ids
    return ",".join(dict.fromkeys(out)) or None


#: List filters that Shopify's ``count.json`` endpoints do not take (they count every record).
_NOT_COUNTABLE = ("ids", "since_id")


class ShopifyConnector(Connector):
    _client: ShopifyClient | None = None

    @property
    def client(self) -> ShopifyClient:
        if self._client is None:
            self._client = ShopifyClient(self.http, self.store.store_url, self.store.credentials)
        return self._client

    async def _listed(self, call: Call, path: str, key: str, query: dict[str, Any],
                      count_path: str | None) -> tuple[list[dict[str, Any]], int | None, dict]:
        """A window of records in id order, the total, and where the next page resumes."""
        page_info, after = call.params.get("_page_info"), call.params.get("_after_id")
        total = call.params.get("_total")
        next_info = None
        if page_info or (call.start == 0 and after is None):
            items_task = self.client.page(path, key, query, call.count, page_info)
        else:
            items_task = self._window(path, key, query, call, after)
        if total is None:
            (items, next_info), total = await asyncio.gather(items_task, self._count(
                path, key, count_path, {k: v for k, v in query.items() if k != "since_id"}))
        else:
            items, next_info = await items_task
        resume: dict[str, Any] = {"_total": total} if total is not None else {}
        if next_info:
            resume["_page_info"] = next_info
        elif items:
            resume["_after_id"] = items[-1]["id"]
        return items, total, resume

    async def _count(self, path: str, key: str, count_path: str | None,
                     query: dict[str, Any]) -> int:
        """By ``count_path``, else (no count endpoint, or filters it ignores) by listing ids."""
        if count_path is None or any(query.get(name) for name in _NOT_COUNTABLE):
            return await self.client.count_listed(path, key, query)
        return await self.client.count(count_path, query)

    async def _window(self, path: str, key: str, query: dict[str, Any], call: Call,
                      after: Any) -> tuple[list[dict[str, Any]], None]:
        items = await self.client.window(path, key, query, call.start, call.count,
                                         int(after) if after is not None else None)
        return items, None

    async def _every(self, path: str, key: str, query: dict[str, Any]) -> list[dict[str, Any]]:
        """Every match of a ``*.find`` (the contract pages none), page by page."""
        return [item async for chunk in self.client.walk(path, key, query, "a longer find_value")
                for item in chunk]

    async def _put(self, resource: str, key: str, rid: Any, body: dict[str, Any],
                   entity: str) -> None:
        """Update one record: ``PUT <resource>/<id>.json`` with ``{key: {"id": id, ...}}``."""
        if not str(rid).isdecimal():
            raise ApiError.not_found(entity, rid)
        await self.client.write("PUT", f"{resource}/{rid}.json", key,
                                {key: {"id": int(rid), **body}}, entity=entity, ident=rid)

    # -- store -----------------------------------------------------------------------------
    async def check_connection(self) -> None:
        await self.client.get("shop.json", "shop")

    async def cart_info(self, call: Call) -> dict[str, Any]:
        shop = await self.client.get("shop.json", "shop") or {}
        return {"name": shop.get("name"), "url": "https://" + (shop.get("domain") or self.client.host),
                "version": f"Admin REST {self.client.base.rstrip('/').rsplit('/', 1)[-1]}",
                "bridge_version": None, "db_prefix": None,
                "stores_info": [{"store_id": "1", "name": shop.get("name"), "default": True,
                                 "currency": {"id": shop.get("currency"),
                                              "iso3": shop.get("currency")},
                                 "timezone": shop.get("iana_timezone"),
                                 "store_owner_info": {"email": shop.get("email")},
                                 "root_category_id": "0"}],
                "warehouses": [], "shipping_zones": [],
                "additional_fields": {"platform": "Shopify", "myshopify_domain":
                                      shop.get("myshopify_domain"), "plan": shop.get("plan_name")},
                "custom_fields": {}}

    # -- products --------------------------------------------------------------------------
    def _product_query(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("sku"):
            raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'sku' is not supported by "
                           "Shopify: its REST API cannot filter products by SKU.")
        q: dict[str, Any] = {"ids": _ids(p, "product_ids"), "since_id": p.get("since_id"),
                             "vendor": p.get("brand_name"), "product_type": p.get("product_type"),
                             **_dates(p)}
        # a collection_id query names one collection
        category = at_most_one(split_all(p, "category_id", "categories_ids"), "categories_ids", _CART)
        if category:
            q["collection_id"] = category
        if p.get("avail_view") is not None:
            q["status"] = "active" if p["avail_view"] else "draft,archived"
        if p.get("find_value"):
            if (p.get("find_where") or "name").lower() != "name":
                raise ApiError.invalid("find_where")
            q["title"] = p["find_value"]
        return q

    async def product_list(self, call: Call) -> Page:
        items, total, resume = await self._listed(call, "products.json", "products",
                                                  self._product_query(call.params),
                                                  "products/count.json")
        return Page([M.product(p) for p in items], total, resume=resume)

    async def product_count(self, call: Call) -> dict[str, Any]:
        return {"products_count": await self._count("products.json", "products",
                                                     "products/count.json",
                                                     self._product_query(call.params))}

    async def _product(self, pid: Any) -> dict[str, Any]:
        return await self.client.get(f"products/{pid}.json", "product", entity="Product", ident=pid)

    async def product_info(self, call: Call) -> dict[str, Any]:
        return M.product(await self._product(call.require("id")))

    async def product_find(self, call: Call) -> dict[str, Any]:
        q = self._product_query({"find_value": call.require("find_value"),
                                 "find_where": call.params.get("find_where")})
        items = await self._every("products.json", "products", q)
        if not items:
            raise ApiError.nothing_found()
        return {"products_count": len(items), "product": [M.product(p) for p in items]}

    async def product_add(self, call: Call) -> dict[str, Any]:
        body = M.product_body(call.params, adding=True)
        if not body.get("title"):
            raise ApiError.required("name")
        created = await self.client.write("POST", "products.json", "product", {"product": body})
        return {"product_id": str(created["id"])}

    async def product_update(self, call: Call) -> dict[str, Any]:
        pid = call.require("id")
        body = M.product_body({k: v for k, v in call.params.items()
                               if k not in ("avail", "on_sale")}, adding=False)
        variant = body.pop("_variant", None)
        if not body and not variant:
            raise ApiError.nothing_to_update()
        if body:
            await self._put("products", "product", pid, body, "Product")
        if variant:
            first = ((await self._product(pid)).get("variants") or [{}])[0]
            if not first.get("id"):
                raise ApiError.not_found("Variant of product", pid)
            await self._update_variant(first, variant)
        return {"updated_items": 1}

    async def _update_variant(self, variant: dict[str, Any], changes: dict[str, Any]) -> None:
        """Variant fields by PUT; stock through the Inventory Levels API, since Shopify
        refuses ``inventory_quantity`` on variants (API 2019-10 on)."""
        changes = dict(changes)
        quantity = changes.pop("inventory_quantity", None)
        if changes:
            await self._put("variants", "variant", variant["id"], changes, "Variant")
        if quantity is not None:
            locations = await self.client.get("locations.json", "locations") or []
            active = [loc for loc in locations if loc.get("active", True)]
            if not active:
                raise ApiError(ReturnCode.PLATFORM_ERROR,
                               "Shopify error message: the shop has no active location to "
                               "hold stock.")
            # sets an absolute level: sending it twice leaves the same stock, so it is retried
            await self.client.write("POST", "inventory_levels/set.json", "inventory_level", {
                "location_id": active[0]["id"], "inventory_item_id": variant["inventory_item_id"],
                "available": int(quantity)}, idempotent=True)

    async def product_delete(self, call: Call) -> dict[str, Any]:
        pid = call.require("id")
        await self.client.write("DELETE", f"products/{pid}.json", None, entity="Product", ident=pid)
        return {"delete_items": 1}

    async def product_image_add(self, call: Call) -> dict[str, Any]:
        pid = call.require("product_id")
        src = call.params.get("url") or call.require("image_name")
        image = {"src": src, "alt": call.params.get("label")}
        kind = (call.params.get("type") or "additional").lower()
        if kind not in ("base", "additional"):  # a product's first image serves every size
            raise ApiError.invalid("type", "base or additional (Shopify keeps no thumbnails)")
        if kind == "base":
            if call.params.get("position"):
                raise ApiError.invalid("position", "0 for the base image (it is the first)")
            image["position"] = 1
        elif call.params.get("position") is not None:
            image["position"] = call.params["position"]
        created = await self.client.write("POST", f"products/{pid}/images.json", "image",
                                          {"image": image}, entity="Product", ident=pid)
        return {"id": str(created.get("id")), "image_path": created.get("src") or src}

    async def product_image_delete(self, call: Call) -> dict[str, Any]:
        pid, image_id = call.require("product_id"), call.require("id")
        await self._product(pid)
        await self.client.write("DELETE", f"products/{pid}/images/{image_id}.json", None,
                                entity="Image", ident=image_id)
        return {"deleted": "true"}

    # -- variants (child items) ------------------------------------------------------------
    async def product_child_item_list(self, call: Call) -> Page:
        pids = split_all(call.params, "product_ids", "product_id")
        if pids:
            products = [await self._product(p) for p in pids]
            children = [M.child(p, v) for p in products for v in p.get("variants") or []]
            return Page(children[call.start:call.start + call.count], len(children))
        # every product's variants: Shopify lists variants only per product
        pairs, total, resume = await nested.window(self.client, nested.VARIANTS, {},
                                                   call.start, call.count, call.params)
        return Page([M.child(p, v) for p, v in pairs], total, resume=resume)

    async def product_child_item_info(self, call: Call) -> dict[str, Any]:
        pid, vid = call.require("product_id"), call.require("id")
        p = await self._product(pid)
        for v in p.get("variants") or []:
            if str(v.get("id")) == str(vid):
                return M.child(p, v)
        raise ApiError.not_found("Child item", vid)

    async def product_variant_update(self, call: Call) -> dict[str, Any]:
        vid = call.require("id")
        # only what was given: the contract's body default weight=0 would zero every weight
        given = {k: call.params[k] for k in given_names(call.method, call.params, SAME_AS_DEFAULT)}
        body = M.variant_body(given)
        if given.get("quantity") is not None:
            body["inventory_quantity"] = int(given["quantity"])
        if not body:
            raise ApiError.nothing_to_update()
        variant = await self.client.get(f"variants/{vid}.json", "variant", entity="Variant",
                                        ident=vid)
        pid = call.params.get("product_id")
        if pid not in (None, "") and str(variant.get("product_id")) != str(pid):
            raise ApiError.not_found("Variant", vid)  # not a variant of that product
        await self._update_variant(variant, body)
        return {"updated_items": 1}

    # -- categories (custom collections) ---------------------------------------------------
    def _category_query(self, p: dict[str, Any]) -> dict[str, Any]:
        q: dict[str, Any] = dict(_dates({k: v for k, v in p.items() if k.startswith("modified")}))
        if p.get("find_value"):
            if (p.get("find_where") or "name").lower() != "name":
                raise ApiError.invalid("find_where", "name (Shopify finds collections by title)")
            q["title"] = p["find_value"]
        elif p.get("find_where"):
            raise ApiError.invalid("find_where", "absent without find_value")
        if p.get("avail") is not None:
            q["published_status"] = "published" if p["avail"] else "unpublished"
        return q

    async def category_list(self, call: Call) -> Page:
        items, total, resume = await self._listed(call, "custom_collections.json",
                                                  "custom_collections",
                                                  self._category_query(call.params),
                                                  "custom_collections/count.json")
        return Page([M.category(c) for c in items], total, resume=resume)

    async def category_count(self, call: Call) -> dict[str, Any]:
        return {"categories_count": await self.client.count(
            "custom_collections/count.json", self._category_query(call.params))}

    async def category_info(self, call: Call) -> dict[str, Any]:
        cid = call.require("id")
        return M.category(await self.client.get(f"custom_collections/{cid}.json",
                                                "custom_collection", entity="Category", ident=cid))

    async def category_find(self, call: Call) -> dict[str, Any]:
        value = call.require("find_value")
        items = await self._every("custom_collections.json", "custom_collections",
                                  {"title": value})
        if not items:
            raise ApiError.nothing_found()
        return {"categories_count": len(items), "category": [M.category(c) for c in items]}

    async def category_add(self, call: Call) -> dict[str, Any]:
        call.require("name")
        created = await self.client.write("POST", "custom_collections.json", "custom_collection",
                                          {"custom_collection": M.category_body(call.params)})
        return {"category_id": str(created["id"])}

    async def category_update(self, call: Call) -> dict[str, Any]:
        cid = call.require("id")
        body = M.category_body(call.params)
        if not body:
            raise ApiError.nothing_to_update()
        await self._put("custom_collections", "custom_collection", cid, body, "Category")
        return {"updated_items": 1}

    async def category_delete(self, call: Call) -> dict[str, Any]:
        cid = call.require("id")
        await self.client.write("DELETE", f"custom_collections/{cid}.json", None,
                                entity="Category", ident=cid)
        return {"delete_items": True}

    async def category_assign(self, call: Call) -> dict[str, Any]:
        cid, pid = call.require("category_id"), call.require("product_id")
        await self.client.write("POST", "collects.json", "collect",
                                {"collect": {"collection_id": int(cid), "product_id": int(pid)}})
        return {}

    async def category_unassign(self, call: Call) -> dict[str, Any]:
        cid, pid = call.require("category_id"), call.require("product_id")
        collects = await self.client.get("collects.json", "collects",
                                         {"collection_id": cid, "product_id": pid}) or []
        if not collects:
            raise ApiError.not_found("Assignment of product", pid)
        for c in collects:
            await self.client.write("DELETE", f"collects/{c['id']}.json", None)
        return {}

    # -- customers -------------------------------------------------------------------------
    def _customer_query(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ids": _ids(p, "ids"), "since_id": p.get("since_id"), **_dates(p)}

    async def customer_list(self, call: Call) -> Page:
        items, total, resume = await self._listed(call, "customers.json", "customers",
                                                  self._customer_query(call.params),
                                                  "customers/count.json")
        return Page([M.customer(c) for c in items], total, resume=resume)

    async def customer_count(self, call: Call) -> dict[str, Any]:
        return {"customers_count": await self._count("customers.json", "customers",
                                                      "customers/count.json",
                                                      self._customer_query(call.params))}

    async def customer_info(self, call: Call) -> dict[str, Any]:
        cid = call.require("id")
        return M.customer(await self.client.get(f"customers/{cid}.json", "customer",
                                                entity="Customer", ident=cid))

    async def customer_find(self, call: Call) -> dict[str, Any]:
        value = call.require("find_value")
        where = (call.params.get("find_where") or "email").lower()
        if where not in ("email", "first_name", "last_name", "phone"):
            raise ApiError.invalid("find_where")
        items = await self._every("customers/search.json", "customers",
                                  {"query": f"{where}:{value}"})
        if not items:
            raise ApiError.nothing_found()
        return {"customers_count": len(items), "customer": [M.customer(c) for c in items]}

    async def customer_add(self, call: Call) -> dict[str, Any]:
        call.require("email")
        created = await self.client.write("POST", "customers.json", "customer",
                                          {"customer": M.customer_body(call.params)})
        return {"customer_id": str(created["id"])}

    async def customer_update(self, call: Call) -> dict[str, Any]:
        cid = call.require("id")
        body = M.customer_body(call.params)
        if not body:
            raise ApiError.nothing_to_update()
        await self._put("customers", "customer", cid, body, "Customer")
        return {"updated_items": 1}

    async def customer_delete(self, call: Call) -> dict[str, Any]:
        cid = call.require("id")
        await self.client.write("DELETE", f"customers/{cid}.json", None, entity="Customer", ident=cid)
        return {"delete_items": 1}

    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        cid = call.require("customer_id")
        created = await self.client.write("POST", f"customers/{cid}/addresses.json",
                                          "customer_address",
                                          {"address": M.address_body(call.params)},
                                          entity="Customer", ident=cid)
        return {"id": str(created.get("id"))}

    # -- orders ----------------------------------------------------------------------------
    def _order_query(self, p: dict[str, Any]) -> dict[str, Any]:
        q: dict[str, Any] = {"ids": _ids(p, "order_ids", "ids"), "since_id": p.get("since_id"),
                             "status": "any", "financial_status": p.get("financial_status"),
                             "fulfillment_status": p.get("fulfillment_status"), **_dates(p)}
        status = (p.get("order_status") or "").lower()
        if status:
            if status not in ("open", "closed", "cancelled", "any"):
                raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'order_status' is not "
                               "valid: Shopify order statuses are open, closed, cancelled.")
            q["status"] = status
        if p.get("customer_id"):
            q["customer_id"] = p["customer_id"]
        return q

    @staticmethod
    def _order_source(q: dict[str, Any]) -> tuple[str, str | None]:
        """Where ``q``'s orders are listed and counted (its ``customer_id`` taken out):
        orders/count.json takes no customer, so a customer's orders are counted by listing."""
        cid = q.pop("customer_id", None)
        if cid is None:
            return "orders.json", "orders/count.json"
        return f"customers/{cid}/orders.json", None

    async def order_list(self, call: Call) -> Page:
        q = self._order_query(call.params)
        path, count_path = self._order_source(q)
        items, total, resume = await self._listed(call, path, "orders", q, count_path)
        return Page([M.order(o) for o in items], total, resume=resume)

    async def order_count(self, call: Call) -> dict[str, Any]:
        q = self._order_query(call.params)
        path, count_path = self._order_source(q)
        return {"orders_count": await self._count(path, "orders", count_path, q)}

    async def _order(self, oid: Any) -> dict[str, Any]:
        """By id, or by order number / name (``1001``, ``#1001``)."""
        text = str(oid).strip().lstrip("#")
        if text.isdecimal() and len(text) >= 6:
            return await self.client.get(f"orders/{text}.json", "order", entity="Order", ident=oid)
        found = await self.client.get("orders.json", "orders",
                                      {"name": f"#{text}", "status": "any", "limit": 1}) or []
        if not found and text.isdecimal():
            return await self.client.get(f"orders/{text}.json", "order", entity="Order", ident=oid)
        if not found:
            raise ApiError.not_found("Order", oid)
        return found[0]

    async def order_info(self, call: Call) -> dict[str, Any]:
        oid = one_of(call.params, "order_id", "id")
        if not oid:
            raise ApiError.required("order_id")
        return M.order(await self._order(oid))

    async def order_update(self, call: Call) -> dict[str, Any]:
        o = await self._order(call.require("order_id"))
        body: dict[str, Any] = {}
        if call.params.get("comment") is not None:
            body["note"] = call.params["comment"]
        if call.params.get("tags") is not None:
            body["tags"] = call.params["tags"]
        if not body:
            raise ApiError.nothing_to_update()
        await self._put("orders", "order", o["id"], body, "Order")
        return {"updated_items": 1}

    async def order_status_list(self, call: Call) -> dict[str, Any]:
        return {"cart_order_statuses": [{"id": s, "name": s.capitalize()}
                                        for s in ("open", "closed", "cancelled")],
                "additional_fields": {}, "custom_fields": {}}

    # -- shipments (fulfillments) ----------------------------------------------------------
    async def order_shipment_list(self, call: Call) -> Page:
        o = await self._order(call.require("order_id"))
        ships = [M.shipment(o["id"], f) for f in o.get("fulfillments") or []]
        return Page(ships[call.start:call.start + call.count], len(ships))

    async def order_shipment_info(self, call: Call) -> dict[str, Any]:
        o = await self._order(call.require("order_id"))
        sid = call.require("id")
        for f in o.get("fulfillments") or []:
            if str(f.get("id")) == str(sid):
                return M.shipment(o["id"], f)
        raise ApiError.not_found("Shipment", sid)

    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        o = await self._order(call.require("order_id"))
        known = {str(li["id"]) for li in o.get("line_items") or []}
        items = call.params.get("items") or []
        for item in items:
            if str(item.get("order_product_id")) not in known:
                raise ApiError.not_found("Order product", item.get("order_product_id"))
        numbers = [t.get("tracking_number") for t in call.params.get("tracking_numbers") or []
                   if t.get("tracking_number")]
        body: dict[str, Any] = {"notify_customer": bool(call.params.get("send_notifications")),
                                "tracking_numbers": numbers,
                                "tracking_company": carrier(call.params, "shipment_provider",
                                                            "tracking_provider")}
        if call.params.get("tracking_link"):
            body["tracking_urls"] = [call.params["tracking_link"]]
        if items:
            body["line_items"] = [{"id": int(i["order_product_id"]), "quantity": int(i.get("quantity") or 1)}
                                  for i in items]
        created = await self.client.write("POST", f"orders/{o['id']}/fulfillments.json",
                                          "fulfillment", {"fulfillment": body},
                                          entity="Order", ident=o["id"])
        return {"shipment_id": str(created["id"])}

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        o = await self._order(call.require("order_id"))
        sid, number = call.require("shipment_id"), call.require("tracking_number")
        current = next((f for f in o.get("fulfillments") or [] if str(f.get("id")) == str(sid)), None)
        if current is None:
            raise ApiError.not_found("Shipment", sid)
        numbers = list(current.get("tracking_numbers") or [])
        if number not in numbers:
            numbers.append(number)
        body: dict[str, Any] = {"tracking_numbers": numbers}
        company = one_of(call.params, "tracking_provider", "carrier_id")
        if company:
            body["tracking_company"] = company
        await self._put(f"orders/{o['id']}/fulfillments", "fulfillment", sid, body, "Shipment")
        return {"shipment_tracking_id": str(numbers.index(number) + 1)}

    # -- returns (refunds) -----------------------------------------------------------------
    async def _refunds(self, p: dict[str, Any]) -> list[nested.Pair] | None:
        """The refunds of the orders given by id, or None when no order is named."""
        order_ids = split_all(p, "order_ids", "order_id")
        if not order_ids:
            return None
        orders = [await self._order(o) for o in order_ids]
        pairs = [(o, r) for o in orders for r in o.get("refunds") or []]
        if p.get("customer_id"):
            pairs = [(o, r) for o, r in pairs
                     if str((o.get("customer") or {}).get("id")) == str(p["customer_id"])]
        return pairs

    @staticmethod
    def _refunding_orders(p: dict[str, Any]) -> nested.Nest:
        """Every order (Shopify lists refunds only per order), or one customer's."""
        cid = p.get("customer_id")
        if cid in (None, ""):
            return nested.REFUNDS
        if not str(cid).isdecimal():
            raise ApiError.invalid("customer_id", "a Shopify customer id")
        return replace(nested.REFUNDS, path=f"customers/{cid}/orders.json")

    async def return_list(self, call: Call) -> Page:
        pairs = await self._refunds(call.params)
        if pairs is not None:
            items = [M.return_(o, r) for o, r in pairs]
            return Page(items[call.start:call.start + call.count], len(items))
        pairs, total, resume = await nested.window(
            self.client, self._refunding_orders(call.params), {"status": "any"}, call.start,
            call.count, call.params)
        return Page([M.return_(o, r) for o, r in pairs], total, resume=resume)

    async def return_count(self, call: Call) -> dict[str, Any]:
        pairs = await self._refunds(call.params)
        if pairs is not None:
            return {"returns_count": len(pairs)}
        return {"returns_count": await nested.count(
            self.client, self._refunding_orders(call.params), {"status": "any"})}

    async def return_info(self, call: Call) -> dict[str, Any]:
        rid = call.require("id")
        order_id = call.params.get("order_id")
        if order_id:
            found = next(((o, r) for o, r in await self._refunds({"order_id": order_id}) or []
                          if str(r.get("id")) == str(rid)), None)
        else:  # no refund lookup by id without its order: read the orders until it shows up
            found = await nested.find(self.client, nested.REFUNDS, {"status": "any"},
                                      lambda r: str(r.get("id")) == str(rid))
        if found is None:
            raise ApiError.not_found("Return", rid)
        return M.return_(*found)

    # -- live shipping (CarrierService) ----------------------------------------------------
    async def basket_live_shipping_service_create(self, call: Call) -> dict[str, Any]:
        name, callback = call.require("name"), call.require("callback")
        created = await self.client.write("POST", "carrier_services.json", "carrier_service", {
            "carrier_service": {"name": name, "callback_url": callback,
                                "service_discovery": True}})
        return {"id": created["id"]}

    async def basket_live_shipping_service_list(self, call: Call) -> Page:
        services = await self.client.get("carrier_services.json", "carrier_services") or []
        items = [{"id": str(s["id"]), "name": s.get("name"), "callback": s.get("callback_url"),
                  "additional_fields": {"active": s.get("active")}} for s in services]
        return Page(items[call.start:call.start + call.count], len(items))

    async def basket_live_shipping_service_delete(self, call: Call) -> dict[str, Any]:
        sid = call.require("id")
        await self.client.write("DELETE", f"carrier_services/{sid}.json", None,
                                entity="Live shipping service", ident=sid)
        return {"deleted": "true"}

    # -- native webhooks -------------------------------------------------------------------
    async def subscribe_native(self, entity: str, action: str, address: str) -> None:
        if not self.store.credentials.get("shopify_shared_secret"):
            raise ApiError(ReturnCode.REQUIRED_PARAM_MISSING, "Parameter 'shopify_shared_secret' "
                           "is required: Shopify signs webhooks with the app's shared secret; "
                           "add it to the store (account.cart.add) before webhook.create.")
        topic = TOPIC_OF[(entity, action)]
        existing = await self.client.get("webhooks.json", "webhooks",
                                         {"topic": topic, "address": address}) or []
        if not existing:
            await self.client.write("POST", "webhooks.json", "webhook", {
                "webhook": {"topic": topic, "address": address, "format": "json"}})


guard(ShopifyConnector, APPLIED, _CART, SAME_AS_DEFAULT, NESTED)
