"""The Shift4Shop connector: the declared entities (``entities.py``) on the kit runner, and
the methods no declaration can say, written out below.

Options and variants. A product's option sets (``Products/{id}/Options``) are its options;
its advanced options (``Products/{id}/AdvancedOptions``, one per combination of option
values) are its child items / variants, with id ``"<CatalogID>-<AdvancedOptionCode>"``.
Not served, because the REST API cannot do them (the gateway answers 120):
``product.variant.add``/``.delete`` (AdvancedOptions allows GET and PUT only);
``product.option.delete``/``.value.delete`` (Options has no DELETE, and a PUT of the sets
never removes a value); ``product.option.value.assign`` (a value exists only inside its
option set). Lists across all products (``product.option.list`` and
``product.child_item.list`` without a product filter) read the products page by page; their
total is exact only once that read reached the last product.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call, Page
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity, explicit
from anycart.platforms.kit.fields import stock_change
from anycart.platforms.kit.local import inside, keep, scan, scan_page
from anycart.platforms.overlap import one_of, split_all

from . import entities as E
from . import mapping as M
from .capabilities import batch_limit
from .client import PLATFORM, Records, Shift4ShopClient, created_id
from .credentials import secure_url
from .params import HANDWRITTEN, NESTED, SAME_AS_DEFAULT

#: Most exact-SKU queries one variant SKU lookup sends (one per candidate product SKU).
_MAX_SKU_PREFIXES = 8



def _num(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


class Shift4ShopConnector(KitConnector):
    cart = PLATFORM
    entities = E.ENTITIES
    handwritten = HANDWRITTEN
    same_as_default = SAME_AS_DEFAULT
    nested = NESTED
    _client: Shift4ShopClient | None = None

    @property
    def client(self) -> Shift4ShopClient:
        if self._client is None:
            self._client = Shift4ShopClient(self.http, self.platform.cart_id,
                                            self.store.store_url, self.store.credentials,
                                            self.settings)
        return self._client

    def backend(self, entity: Entity) -> Records:
        return Records(self.client, entity)

    async def context(self, entity: Entity, records: list[dict[str, Any]]) -> dict[str, Any]:
        if entity is E.ORDER:
            return {"statuses": await self._statuses()}
        wanted = {str(r["CustomerGroupID"]) for r in records if r.get("CustomerGroupID")}
        if entity is E.CUSTOMER and wanted:
            groups = await self._groups()
            if not wanted <= set(groups):  # a group added since the list was read
                self.forget("groups")
                groups = await self._groups()
            return {"groups": groups}
        return {}

    async def prepare(self, entity: Entity, call: Call) -> Call:
        """Order statuses may be given by name: the query takes their ids."""
        names = split_all(call.params, "order_status_ids", "order_status")
        if entity is not E.ORDER or not names:
            return call
        ids = [await self._status_id(s) for s in names]
        params = {**call.params, "order_status_ids": ",".join(ids), "order_status": None}
        return Call(call.method, params, call.start, call.count, call.extra)

    # -- store -----------------------------------------------------------------------------
    async def _update(self, path: str, body: dict[str, Any], entity: str, ident: str) -> None:
        """PUT one record; an update that changes nothing is refused before any request."""
        if not body:
            raise ApiError.nothing_to_update()
        await self.client.write("PUT", path, body, entity, ident)

    async def check_connection(self) -> None:
        if not self.store.store_url:
            raise ApiError.required("store_url")
        await self.client.count("Products", {"limit": 1})

    async def cart_info(self, call: Call) -> dict[str, Any]:
        statuses = await self._statuses()
        host = secure_url(self.store.store_url)
        return {"name": host, "url": "https://" + host, "version": "REST API v1",
                "bridge_version": None, "db_prefix": None,
                "stores_info": [{"store_id": "1", "name": host, "default": True,
                                 "store_owner_info": {}, "root_category_id": "0"}],
                "warehouses": [], "shipping_zones": [],
                "additional_fields": {"platform": PLATFORM, "order_statuses": statuses},
                "custom_fields": {}}

    # -- products --------------------------------------------------------------------------
    async def product_add(self, call: Call) -> dict[str, Any]:
        params = dict(call.params)
        if params.get("visible") not in (None, "everywhere") and params.get("available_for_view") is True:
            params.pop("available_for_view")  # the contract default: the given visibility wins
        body = E.PRODUCT.body(params)
        if params.get("sku") is None and params.get("model") is not None:
            body.setdefault("SKUInfo", {})["SKU"] = params["model"]  # a product needs one
        sku = (body.get("SKUInfo") or {}).get("SKU")
        if not sku:
            raise ApiError.required("sku")
        if await self.client.count("Products", {"sku": sku}):
            raise ApiError(ReturnCode.ALREADY_EXISTS, f"Product with sku {sku} already exists")
        entries = await self.client.write("POST", "Products", [await self._maker_id(body)])
        return {"product_id": created_id(entries)}

    async def product_update(self, call: Call) -> dict[str, Any]:
        pid = call.require("id")
        body = E.PRODUCT.body(explicit(call))
        if delta := stock_change(call.params):
            current = await self.client.get_one(f"Products/{pid}", "Product", pid)
            stock = float((current.get("SKUInfo") or {}).get("Stock") or 0)
            body.setdefault("SKUInfo", {})["Stock"] = stock + delta
        await self._update(f"Products/{pid}", await self._maker_id(body), "Product", pid)
        return {"updated_items": 1}

    async def product_image_add(self, call: Call) -> dict[str, Any]:
        pid = call.require("product_id")
        url = call.params.get("url") or call.require("image_name")
        kind = (call.params.get("type") or "additional").lower()
        if kind in ("base", "small", "thumbnail"):
            field = {"base": "MainImageFile", "small": "ThumbnailFile",
                     "thumbnail": "ThumbnailFile"}[kind]
            body: dict[str, Any] = {field: url}
            if call.params.get("position"):  # the main image and thumbnail have no position
                raise ApiError.invalid("position", f"0 for a {kind} image (it has no position)")
            if call.params.get("label") and kind != "base":
                raise ApiError.invalid("label", "empty for a thumbnail (it has no caption)")
            if call.params.get("label"):
                body["MainImageCaption"] = call.params["label"]
            await self.client.write("PUT", f"Products/{pid}", body, "Product", pid)
            return {"id": kind, "image_path": url}
        image = {"ImageGalleryFile": url, "ImageGalleryCaption": call.params.get("label") or "",
                 "ImageGallerySorting": call.params.get("position") or 0}
        entries = await self.client.write("POST", f"Products/{pid}/Images", [image], "Product", pid)
        return {"id": created_id(entries), "image_path": url}

    async def product_image_update(self, call: Call) -> dict[str, Any]:
        """PUT Products/{id}/Images/{image id}: the gallery image's file, caption, position.
        (The REST API has no DELETE for images, so product.image.delete is not served.)"""
        pid, image_id = call.require("product_id"), call.require("id")
        if not str(image_id).isdecimal():
            raise ApiError.invalid("id")
        inside(await self._product(pid), "ImageGalleryList", "ImageGalleryID", image_id, "Image")
        body: dict[str, Any] = {}
        for src, dst in (("image_name", "ImageGalleryFile"), ("label", "ImageGalleryCaption"),
                         ("position", "ImageGallerySorting")):
            if call.params.get(src) not in (None, ""):
                body[dst] = call.params[src]
        await self._update(f"Products/{pid}/Images/{image_id}", body, "Image", image_id)
        return {"updated": "true"}

    async def product_manufacturer_add(self, call: Call) -> dict[str, Any]:
        name = call.require("manufacturer")
        body = {"ManufacturerName": name}
        for src, dst in (("meta_title", "PageTitle"), ("meta_description", "MetaTags"),
                         ("image_url", "Logo"), ("description", "Header")):
            if call.params.get(src):
                body[dst] = call.params[src]
        entries = await self.client.write("POST", "Manufacturers", [body])
        mid = created_id(entries)
        pid = call.params.get("product_id")
        if pid:
            await self.client.write("PUT", f"Products/{pid}", {"ManufacturerID": int(mid)},
                                    "Product", pid)
        return {"manufacturer_id": mid}

    async def _maker_id(self, body: dict[str, Any]) -> dict[str, Any]:
        """``body`` with its ManufacturerName replaced by the ManufacturerID of that name.

        Product.cs (Shift4Shop's client model) has ManufacturerID and no ManufacturerName: the
        service drops a name it is sent, so the product is linked by id, to the manufacturer
        of that name (case-insensitive), created when there is none."""
        name = body.pop("ManufacturerName", None)
        if not name or body.get("ManufacturerID") is not None:
            return body
        want = str(name).casefold()
        found = [m for m in await self.client.all("Manufacturers", {"manufacturer": name})
                 if str(m.get("ManufacturerName") or "").casefold() == want]
        if found:
            body["ManufacturerID"] = int(found[0]["ManufacturerID"])
        else:
            entries = await self.client.write("POST", "Manufacturers", [{"ManufacturerName": name}])
            body["ManufacturerID"] = int(created_id(entries))
        return body

    # -- options and variants --------------------------------------------------------------
    async def _product(self, pid: Any) -> dict[str, Any]:
        return await self.client.get_one(f"Products/{pid}", "Product", pid)

    async def _scan(self, query: dict[str, Any], extract: Callable[[dict[str, Any]], list[Any]],
                    need: int) -> tuple[list[Any], bool]:
        """What ``extract`` finds in the products matching ``query`` (see ``kit.local.scan``)."""
        return await scan(self.client.walk("Products", query), batch_limit("Products"), extract,
                          need)

    async def _scan_page(self, query: dict[str, Any],
                         extract: Callable[[dict[str, Any]], list[Any]], call: Call) -> Page:
        return await scan_page(self.client.walk("Products", query), batch_limit("Products"),
                               extract, call)

    async def _products_by_variant_sku(self, sku: str) -> list[dict[str, Any]]:
        """Products whose SKU is a prefix of ``sku`` ending at a separator (or ``sku``
        itself): a variant SKU is the product SKU followed by its suffix. One exact-SKU
        query per candidate, the longest _MAX_SKU_PREFIXES."""
        cuts = [i for i in range(1, len(sku)) if not sku[i].isalnum()]
        candidates = list(dict.fromkeys([sku, *(sku[:i] for i in reversed(cuts))]))
        lists = await self.gather(self.client.get_list("Products", {"sku": c})
                                for c in candidates[:_MAX_SKU_PREFIXES])
        seen: dict[Any, dict[str, Any]] = {}
        for p in (p for lst in lists for p in lst):
            seen.setdefault((p.get("SKUInfo") or {}).get("CatalogID"), p)
        return [seen[k] for k in sorted(seen, key=lambda k: int(k or 0))]

    def _child_filter(self, p: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
        """The child item filters of product.child_item.list, on mapped children."""
        return keep(p, find=("name", "sku"), flags={"avail_sale": "avail_for_sale"},
                    dates={"created": "created_time", "modified": "modified_time"},
                    parse=M.parse_date)

    async def product_child_item_list(self, call: Call) -> Page:
        """Advanced options of the products given (``product_id``/``product_ids``), of the
        products a variant ``sku`` can belong to, or else of every product (read page by
        page; ``total_count`` is then exact once the scan reached the last product).
        ``find_value`` matches part of the ``find_where`` field: ``name`` (default) or ``sku``."""
        p = call.params
        keep = self._child_filter(p)
        ids = split_all(p, "product_ids", "product_id")
        if ids or p.get("sku"):
            if ids:
                records = self.backend(E.PRODUCT)
                products = [r for r in await self.gather(records.get(i) for i in dict.fromkeys(ids))
                            if r]
            else:
                products = await self._products_by_variant_sku(str(p["sku"]))
            found = [c for prod in products for c in M.children(prod) if keep(c)]
            return Page(found[call.start:call.start + call.count], len(found))
        query: dict[str, Any] = {}
        for f in E.CHILD_FILTERS:
            f.apply(p, query, PLATFORM)
        return await self._scan_page(
            query, lambda prod: [c for c in M.children(prod) if keep(c)], call)

    async def product_child_item_info(self, call: Call) -> dict[str, Any]:
        pid, code = M.parse_child_id(call.require("id"), call.require("product_id"))
        product = await self._product(pid)
        return M.child(product, inside(product, "AdvancedOptionList", "AdvancedOptionCode", code,
                                       "Child item", call.params["id"]))

    async def product_child_item_find(self, call: Call) -> dict[str, Any]:
        """``find_where``: ``sku`` (default) or ``id``; ``find_params=whole_words`` (default)
        matches the whole SKU, anything else a SKU containing the value."""
        value = str(call.require("find_value"))
        where = (call.params.get("find_where") or "sku").lower()
        if where == "id":
            pid, code = M.parse_child_id(value, name="find_value")
            found = [c for prod in await self.client.get_list(f"Products/{pid}")
                     for c in M.children(prod) if c["id"] == M.child_id(pid, code)]
        elif where in ("sku", "u_sku"):
            whole = (call.params.get("find_params") or "whole_words").lower() == "whole_words"
            low = value.lower()
            found = [c for prod in await self._products_by_variant_sku(value)
                     for c in M.children(prod)
                     if (str(c.get("sku") or "").lower() == low if whole
                         else low in str(c.get("sku") or "").lower())]
        else:
            raise ApiError.invalid("find_where")
        if not found:
            raise ApiError.nothing_found()
        return {"children": found}

    async def product_variant_update(self, call: Call) -> dict[str, Any]:
        """PUT ``Products/{id}/AdvancedOptions/{code}``: price, cost_price, quantity (or
        increase_/reduce_quantity), weight, name, gtin, and sku (product SKU + new suffix)."""
        p = explicit(call)
        vid = call.require("id")
        pid, code = M.parse_child_id(vid, p.get("product_id"))
        delta = stock_change(p)
        parent = await self._product(pid) if p.get("sku") is not None or delta else None
        body = M.variant_body(p, (parent or {}).get("SKUInfo", {}).get("SKU"))
        if parent is not None:
            current = inside(parent, "AdvancedOptionList", "AdvancedOptionCode", code, "Variant", vid)
            if delta:
                stock = _num(body.get("AdvancedOptionStock", current.get("AdvancedOptionStock")))
                body["AdvancedOptionStock"] = int(stock + delta)
        if not body:
            raise ApiError.nothing_to_update()
        path = f"Products/{pid}/AdvancedOptions/{quote(code, safe=',')}"
        try:
            await self.client.write("PUT", path, body, "Product", pid)
        except ApiError as err:  # 404: an unknown product, or an unknown code of a known one
            if err.code != ReturnCode.NOT_FOUND:
                raise
            if not await self.client.get_list(f"Products/{pid}"):
                raise
            raise ApiError.not_found("Variant", vid) from None
        return {"updated_items": 1}

    def _option_set(self, product: dict[str, Any], option_id: Any) -> dict[str, Any]:
        return inside(product, "OptionSetList", "OptionSetID", option_id, "Option")

    async def product_option_list(self, call: Call) -> Page:
        """The option sets of ``product_id``, or of every product (read page by page)."""
        pid = call.params.get("product_id")
        if pid:
            product = await self._product(pid)
            options = [M.product_option(o, product) for o in product.get("OptionSetList") or []]
            return Page(options[call.start:call.start + call.count], len(options))
        return await self._scan_page(
            {}, lambda prod: [M.product_option(o, prod) for o in prod.get("OptionSetList") or []],
            call)

    async def product_option_add(self, call: Call) -> dict[str, Any]:
        """POST ``Products/{product_id}/Options``: a new option set with its values
        (``values`` and/or the comma-separated ``option_values``). Shift4Shop keeps option
        sets on products (or categories), so ``product_id`` is needed; ``avail`` and
        ``display_value`` have no Shift4Shop field and are ignored."""
        call.require("name")
        call.require("type")
        body = M.option_set_body(call.params)
        pid = call.require("product_id")
        entries = await self.client.write("POST", f"Products/{pid}/Options", [body], "Product", pid)
        set_id = created_id(entries)
        created = await self.client.get_list(f"Products/{pid}/Options/{set_id}")
        values = [str(v.get("OptionID")) for o in created for v in o.get("OptionList") or []]
        return {"option_id": set_id, "product_option_id": set_id,
                "product_value_ids": ",".join(values)}

    async def product_option_assign(self, call: Call) -> dict[str, Any]:
        """Copies option set ``option_id`` (found on whichever product holds it) onto
        ``product_id`` as a new set: all its values, or those ``option_values`` names
        (comma-separated OptionIDs or value names)."""
        pid, oid = call.require("product_id"), call.require("option_id")
        target = await self._product(pid)
        if any(str(o.get("OptionSetID")) == str(oid) for o in target.get("OptionSetList") or []):
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"Option with id {oid} is already assigned to product {pid}")
        if not str(oid).strip().isdecimal():
            raise ApiError.not_found("Option", oid)
        sets, _ = await self._scan(
            {}, lambda prod: [o for o in prod.get("OptionSetList") or []
                              if str(o.get("OptionSetID")) == str(oid).strip()], 1)
        if not sets:
            raise ApiError.not_found("Option", oid)
        source = sets[0]
        values = source.get("OptionList") or []
        wanted = split_all(call.params, "option_values")
        if wanted:
            chosen = []
            for w in wanted:
                match = next((v for v in values if w in (str(v.get("OptionID")),
                                                         str(v.get("OptionName")))), None)
                if match is None:
                    raise ApiError.not_found("Option value", w)
                chosen.append(match)
            values = chosen
        body = {k: v for k, v in source.items() if k not in ("OptionSetID", "OptionList")}
        body.update(OptionRequired=bool(call.params.get("required")),
                    OptionSorting=call.params.get("sort_order") or source.get("OptionSorting") or 0,
                    OptionList=[{k: v for k, v in value.items() if k != "OptionID"}
                                for value in values])
        entries = await self.client.write("POST", f"Products/{pid}/Options", [body], "Product", pid)
        return {"product_option_id": created_id(entries)}

    async def product_option_value_add(self, call: Call) -> dict[str, Any]:
        """Appends a value to option set ``option_id`` of ``product_id`` (PUT of the set with
        its values, the new one without an OptionID)."""
        pid, oid = call.require("product_id"), call.require("option_id")
        name = one_of(call.params, "option_value", "display_value")
        if not name:
            raise ApiError.required("option_value")
        option_set = self._option_set(await self._product(pid), oid)
        values = option_set.get("OptionList") or []
        if any(str(v.get("OptionName") or "").lower() == name.lower() for v in values):
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"Option value '{name}' already exists in option {oid}")
        default = bool(call.params.get("is_default"))
        position = call.params.get("sort_order") or 1 + max(
            [int(_num(v.get("OptionSorting"))) for v in values] or [0])
        option_list = [{**v, "OptionSelected": False} if default else v for v in values]
        option_list.append({"OptionName": name, "OptionSorting": position,
                            "OptionSelected": default})
        await self.client.write("PUT", f"Products/{pid}/Options/{oid}",
                                {"OptionList": option_list}, "Product", pid)
        updated = await self.client.get_list(f"Products/{pid}/Options/{oid}")
        new_ids = [str(v.get("OptionID")) for o in updated for v in o.get("OptionList") or []
                   if str(v.get("OptionName")) == name]
        if not new_ids:
            raise ApiError(ReturnCode.PLATFORM_ERROR,
                           f"{PLATFORM} error message: the new option value was not saved.")
        return {"option_value_id": new_ids[-1]}

    async def product_option_value_update(self, call: Call) -> dict[str, Any]:
        """Renames a value (``option_value``) or sets its price difference (``price``).
        ``quantity`` is refused: Shift4Shop keeps stock per variant (product.variant.update)."""
        pid, oid = call.require("product_id"), call.require("option_id")
        vid = str(call.require("option_value_id"))
        if call.params.get("quantity") is not None:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           "Parameter 'quantity' is not valid: Shift4Shop keeps stock per "
                           "variant; use product.variant.update.")
        option_set = self._option_set(await self._product(pid), oid)
        values = option_set.get("OptionList") or []
        target = inside(option_set, "OptionList", "OptionID", vid, "Option value")
        changes: dict[str, Any] = {}
        name = one_of(call.params, "option_value", "display_value")
        if name:
            if any(str(v.get("OptionName") or "").lower() == name.lower()
                   and str(v.get("OptionID")) != vid for v in values):
                raise ApiError(ReturnCode.ALREADY_EXISTS,
                               f"Option value '{name}' already exists in option {oid}")
            changes["OptionName"] = name
        if call.params.get("price") is not None:
            changes["OptionValue"] = call.params["price"]
        if not changes:
            raise ApiError.nothing_to_update()
        option_list = [{**v, **changes} if v is target else v for v in values]
        await self.client.write("PUT", f"Products/{pid}/Options/{oid}",
                                {"OptionList": option_list}, "Product", pid)
        return {"updated_items": 1}

    # -- categories ------------------------------------------------------------------------
    # -- customers -------------------------------------------------------------------------
    async def _groups(self) -> dict[str, str | None]:  # None: a group without a name
        async def load() -> dict[str, str | None]:
            return {str(g.get("CustomerGroupID")): g.get("Name")
                    for g in await self.client.all("CustomerGroups")}
        return await self.cached("groups", load)

    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        cid = call.require("customer_id")
        body = M.customer_address_body(call.params)
        await self.client.write("PUT", f"Customers/{cid}", body, "Customer", cid)
        kinds = [k[: -len("Address1")].lower() for k in body if k.endswith("Address1")]
        return {"id": kinds[0] if kinds else "billing"}

    # -- orders ----------------------------------------------------------------------------
    async def _statuses(self) -> dict[str, str | None]:  # None: a status without a name
        async def load() -> dict[str, str | None]:
            return {str(s.get("OrderStatusID")): s.get("StatusDefinition") or s.get("StatusText")
                    for s in await self.client.all("OrderStatus")}
        return await self.cached("statuses", load)

    async def _status_id(self, value: Any, name: str = "order_status") -> str:
        text = str(value).strip()
        statuses = await self._statuses()
        if text in statuses:
            return text
        for sid, sname in statuses.items():
            if str(sname or "").lower() == text.lower():
                return sid
        raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{name}' is not valid: unknown "
                       f"order status '{text}'. Known: "
                       f"{', '.join(sname or sid for sid, sname in statuses.items())}.")

    async def _order(self, oid: Any) -> dict[str, Any]:
        """An order by OrderID, or by its invoice number (``AB-1005`` or ``1005``)."""
        text = str(oid).strip()
        if text.isdecimal():
            found = await self.client.get_list(f"Orders/{text}")
            if found:
                return found[0]
        digits = text[len(text.rstrip("0123456789")):]
        if digits and int(digits) > 0:
            q: dict[str, Any] = {"invoicenumber": digits}
            prefix = text[: len(text) - len(digits)]
            if prefix:
                q["invoiceprefix"] = prefix
            found = await self.client.page("Orders", q, 0, 1)
            if found:
                return found[0]
        raise ApiError.not_found("Order", oid)

    async def order_info(self, call: Call) -> dict[str, Any]:
        oid = one_of(call.params, "order_id", "id")
        if not oid:
            raise ApiError.required("order_id")
        return M.order(await self._order(oid), await self._statuses())

    async def order_status_list(self, call: Call) -> dict[str, Any]:
        statuses = await self._statuses()
        return {"cart_order_statuses": [{"id": sid, "name": name} for sid, name in statuses.items()],
                "additional_fields": {}, "custom_fields": {}}

    async def order_add(self, call: Call) -> dict[str, Any]:
        status = await self._status_id(call.require("order_status"))
        body = M.order_body(call.params, int(status))
        if not body.get("CustomerID") and call.params.get("customer_email") \
                and not call.params.get("is_guest"):  # a guest's order stays unlinked
            found = await self.client.page("Customers", {"email": call.params["customer_email"]}, 0, 1)
            if found:
                body["CustomerID"] = found[0].get("CustomerID")
        entries = await self.client.write("POST", "Orders", [body])
        oid = created_id(entries)
        result = {"order_id": oid, "id": oid}
        if body.get("CustomerID"):
            result["customer_id"] = str(body["CustomerID"])
        return result

    async def order_update(self, call: Call) -> dict[str, Any]:
        oid = call.require("order_id")
        if not str(oid).isdecimal():
            oid = (await self._order(oid)).get("OrderID")
        p = call.params
        body: dict[str, Any] = {}
        if p.get("order_status"):
            body["OrderStatusID"] = int(await self._status_id(p["order_status"]))
        for src, dst in (("comment", "CustomerComments"), ("admin_comment", "ExternalComments"),
                         ("admin_private_comment", "InternalComments"),
                         ("order_payment_method", "BillingPaymentMethod")):
            if p.get(src) is not None:
                body[dst] = p[src]
        await self._update(f"Orders/{oid}", body, "Order", oid)
        return {"updated_items": 1}

    async def order_transaction_list(self, call: Call) -> dict[str, Any]:
        call.require("order_ids")
        ids = split_all(call.params, "order_ids")
        lists = await self.gather(self.client.get_list(f"Orders/{i}/Transactions")
                                for i in ids if i.isdecimal())
        items = [M.transaction(t) for lst in lists for t in lst][: call.count or None]
        return {"transactions_count": len(items), "transactions": items}

    # -- shipments -------------------------------------------------------------------------
    async def order_shipment_list(self, call: Call) -> Page:
        o = await self._order(call.require("order_id"))
        ships = [M.shipment(o, s) for s in o.get("ShipmentList") or []]
        return Page(ships[call.start:call.start + call.count], len(ships))

    async def order_shipment_info(self, call: Call) -> dict[str, Any]:
        sid = call.require("id")
        o = await self._order(call.require("order_id"))
        return M.shipment(o, inside(o, "ShipmentList", "ShipmentID", sid, "Shipment"))

    def _today(self) -> str:
        return datetime.now(UTC).strftime("%m/%d/%Y")

    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        o = await self._order(call.require("order_id"))
        oid = o.get("OrderID")
        body = M.shipment_body({**call.params, "is_shipped": call.params.get("is_shipped", True)},
                               self._today())
        ships = o.get("ShipmentList") or []
        open_ = [s for s in ships
                 if not s.get("ShipmentTrackingCode") and not s.get("ShipmentShippedDate")]
        items = call.params.get("items") or []
        known = {str(i.get("ItemIndexID")): i.get("ItemQuantity") for i in o.get("OrderItemList") or []}
        for n, item in enumerate(items):
            if str(item.get("order_product_id")) not in known:
                raise ApiError.not_found("Order product", item.get("order_product_id"))
            # a shipment takes whole order lines (ItemShipmentID): only their full quantity
            whole = _num(known[str(item.get("order_product_id"))])
            if item.get("quantity") not in (None, "") and _num(item["quantity"]) != whole:
                raise ApiError.invalid(f"items[{n}][quantity]", f"{whole:g}, the whole order line "
                                       "(a Shift4Shop shipment takes whole lines)")
        if open_ and not items:
            sid = str(open_[0].get("ShipmentID"))
            await self.client.write("PUT", f"Orders/{oid}/Shipments/{sid}", body, "Shipment", sid)
            return {"shipment_id": sid}
        template = ships[0] if ships else {}
        new = {k: v for k, v in template.items()
               if k.startswith(("ShipmentFirst", "ShipmentLast", "ShipmentAddress", "ShipmentCity",
                                "ShipmentState", "ShipmentZip", "ShipmentCountry",
                                "ShipmentCompany", "ShipmentPhone", "ShipmentEmail"))}
        new.update(body)
        new["ShipmentOrderStatus"] = o.get("OrderStatusID") or 1
        entries = await self.client.write("POST", f"Orders/{oid}/Shipments", [new], "Order", oid)
        sid = created_id(entries)
        moved = [{"ItemIndexID": int(i["order_product_id"]), "ItemShipmentID": int(sid)}
                 for i in items if str(i.get("order_product_id") or "").isdecimal()]
        if moved:
            await self.client.write("PUT", f"Orders/{oid}/Items", moved, "Order", oid)
        return {"shipment_id": sid}

    async def _shipment(self, oid: Any, sid: Any) -> tuple[Any, dict[str, Any]]:
        """(OrderID, the shipment) of an order given by id or invoice number."""
        o = await self._order(oid)
        return o.get("OrderID"), inside(o, "ShipmentList", "ShipmentID", sid, "Shipment")

    async def order_shipment_update(self, call: Call) -> dict[str, Any]:
        sid = call.require("shipment_id")
        oid = call.require("order_id")
        oid, current = await self._shipment(oid, sid)
        body = M.shipment_body(explicit(call), self._today())
        if current.get("ShipmentShippedDate") and not call.params.get("ship_date"):
            body.pop("ShipmentShippedDate", None)
        if call.params.get("tracking_numbers") and not call.params.get("replace", True):
            old = [c for c in str(current.get("ShipmentTrackingCode") or "").split(",") if c]
            new = [c for c in body.get("ShipmentTrackingCode", "").split(",") if c not in old]
            body["ShipmentTrackingCode"] = ",".join(old + new)
        if call.params.get("is_shipped") is False:
            body["ShipmentShippedDate"] = ""
        await self._update(f"Orders/{oid}/Shipments/{sid}", body, "Shipment", sid)
        return {"updated_items": 1}

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        sid = call.require("shipment_id")
        oid = call.require("order_id")
        number = call.require("tracking_number")
        oid, current = await self._shipment(oid, sid)
        codes = [c for c in str(current.get("ShipmentTrackingCode") or "").split(",") if c]
        if number not in codes:
            codes.append(number)
        body: dict[str, Any] = {"ShipmentTrackingCode": ",".join(codes)}
        if not current.get("ShipmentShippedDate"):
            body["ShipmentShippedDate"] = self._today()
        if call.params.get("tracking_provider"):
            body["ShipmentMethodName"] = call.params["tracking_provider"]
        await self.client.write("PUT", f"Orders/{oid}/Shipments/{sid}", body, "Shipment", sid)
        return {"shipment_tracking_id": str(codes.index(number) + 1)}

    # -- returns (RMA) ---------------------------------------------------------------------
    async def return_status_list(self, call: Call) -> dict[str, Any]:
        rmas = await self.client.page("RMA", {}, 0, 500)
        seen: dict[str, str] = {}
        for r in rmas:
            if r.get("RMAStatusID") is not None:
                seen.setdefault(str(r["RMAStatusID"]), r.get("RMAStatus") or "")
        return {"return_statuses": [{"id": k, "name": v} for k, v in sorted(seen.items())],
                "additional_fields": {}, "custom_fields": {}}


declare(Shift4ShopConnector)
