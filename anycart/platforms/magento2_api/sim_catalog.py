"""Catalog endpoints: products (simple and configurable) with custom attributes, stock and
media entries, configurable children and options, stock items and MSI source items, the
category tree and list. Products are addressed by SKU and seen through the path's store view
(:meth:`~.sim_store.MagentoStore.scoped`)."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.rules import Rules
from anycart.sandbox.sublists import At, Op, Sublist, endpoints
from anycart.sandbox.values import slug

from . import sim_rest
from .sim_rest import RECORDS, SERVED, TEXT, MagentoError, Repo, answer, plain, read_json, reply
from .sim_store import ALL, SCOPED, MagentoStore, StoreData, store_code, store_of

#: the plain fields of a product body (``ProductInterface``) and of stock, by type
_FIELDS = Rules({}).parse_all({
    "price": "float", "weight": "float", "status": "int", "visibility": "int",
    "attribute_set_id": "int", "sku": "string", "name": "string", "type_id": "string",
    "qty": "float", "quantity": "float"})
_PRODUCT = ("price", "weight", "status", "visibility", "attribute_set_id", "sku", "name",
            "type_id")


def _no_product() -> MagentoError:
    return MagentoError(404, TEXT["no_product"])


def _sku(request: Request) -> str:
    return str(request.path_params["sku"])


def _key(store: MagentoStore, sku: str) -> int:
    key = store.product_id(sku)
    if key is None:
        raise _no_product()
    return key


def _product(store: MagentoStore, sku: str) -> dict[str, Any]:
    """The stored product ``sku`` (to change in place), or Magento's 404."""
    return store.data.products[_key(store, sku)]


# -- products -------------------------------------------------------------------------------
def new_product(store: MagentoStore, body: dict[str, Any], when: datetime | None = None
                ) -> dict[str, Any]:
    """A product made as ``POST /V1/products`` makes it, with its stock item and (for the
    default source) its MSI source item."""
    data = store.data
    key = data.products.next_id
    now = store.stamp(when)
    record = RECORDS["product"].make(id=key, created_at=now, updated_at=now)
    record["extension_attributes"]["stock_item"] = RECORDS["stock_item"].make(
        item_id=key, product_id=key)
    _apply(store, record, body)
    if not plain(record, "url_key"):  # Magento derives it from the name
        record["custom_attributes"].append({"attribute_code": "url_key",
                                            "value": slug(record["name"] or record["sku"])})
    data.products[key] = record
    _sync_source(data, record)
    return record


def _unique_url_key(store: MagentoStore, body: dict[str, Any], key: int | None) -> None:
    """Two products cannot share a URL key; a new product without one takes its name's."""
    given = plain(body, "url_key") or (slug(str(body["name"])) if key is None and body.get(
        "name") else None)
    table = store.data.products
    if given and any(k != key and plain(table.peek(k), "url_key") == given
                     for k in table.sorted_keys()):
        raise MagentoError(400, TEXT["url_key_taken"])


def _apply(store: MagentoStore, record: dict[str, Any], body: dict[str, Any]) -> None:
    """Write the fields of a product body onto ``record`` (global values)."""
    for name in _PRODUCT:
        if name in body:
            record[name] = _value(name, body[name])
    if "media_gallery_entries" in body:
        record["media_gallery_entries"] = [_media(store, e) for e in
                                           body["media_gallery_entries"] or ()]
    _attributes(record, body)
    ext_in = body.get("extension_attributes") or {}
    ext = record["extension_attributes"]
    for name in ("website_ids", "category_links", "configurable_product_options",
                 "configurable_product_links"):
        if name in ext_in:
            ext[name] = copy.deepcopy(ext_in[name])
    if isinstance(ext_in.get("stock_item"), dict):
        _stock(ext["stock_item"], ext_in["stock_item"])


def _value(name: str, value: Any) -> Any:
    """A body field as its declared type. Magento's input processor answers a value it
    cannot convert with the rendered text of its ``SerializationException`` (no parameters)."""
    rule = _FIELDS[name]
    try:
        return rule.native(value)
    except ValueError:
        raise sim_rest.invalid(name, value, rule.type) from None


def _stock(item: dict[str, Any], body: dict[str, Any]) -> None:
    if "qty" in body:
        item["qty"] = _value("qty", body["qty"])
    if "is_in_stock" in body:
        item["is_in_stock"] = bool(body["is_in_stock"])


def _media(store: MagentoStore, entry: dict[str, Any]) -> dict[str, Any]:
    values = {k: entry[k] for k in ("id", "media_type", "label", "position", "disabled",
                                    "types", "file") if entry.get(k) is not None}
    values.setdefault("id", store.next_id("media"))
    values.setdefault("file", f"/m/e/media_{values['id']}.jpg")
    return RECORDS["media"].make(values)


def _sync_source(data: StoreData, record: dict[str, Any]) -> None:
    stock = record["extension_attributes"]["stock_item"]
    data.sources[(record["sku"], "default")] = RECORDS["source_item"].make(
        sku=record["sku"], quantity=stock["qty"], status=int(stock["is_in_stock"]))


def list_products(request: Request) -> Response:
    store, code = store_of(request), store_code(request)
    table, overrides = store.data.products, store.data.overrides

    def field(key: int, name: str) -> Any:
        """As the view sees it; ``category_id`` is the set of the product's category links,
        matched as ``ProductCategoryFilter``/``addCategoriesFilter`` match any of them."""
        own = overrides.of(key, code)
        if name in own:
            return own[name]
        record = table.peek(key)
        if name == "category_id":
            return frozenset(str(link["category_id"]) for link in
                             record["extension_attributes"].get("category_links") or [])
        return plain(record, name)
    return answer(request, table.sorted_keys(), field, lambda key: store.scoped(key, code))


def get_product(request: Request) -> Response:
    store = store_of(request)
    record = store.product(_sku(request), store_code(request))
    if record is None:
        raise _no_product()
    return reply(record)


async def post_product(request: Request) -> Response:
    store, code = store_of(request), store_code(request)
    body = (await read_json(request, "product"))["product"]
    sku = str(body.get("sku") or "")
    if not sku:
        raise MagentoError(400, TEXT["attr_empty"], ["sku"])
    if store.product_id(sku) is not None:  # a save of an existing SKU updates it
        return _update(store, code, store.product_id(sku) or 0, body)
    for name in ("name", "price"):
        if body.get(name) in (None, "") and body.get("type_id") != "configurable":
            raise MagentoError(400, TEXT["attr_empty"], [name])
    _unique_url_key(store, body, None)
    record = new_product(store, body)
    return reply(store.scoped(record["id"], code))


async def put_product(request: Request) -> Response:
    store, code = store_of(request), store_code(request)
    body = (await read_json(request, "product"))["product"]
    sku = _sku(request)
    key = store.product_id(sku)
    _unique_url_key(store, body, key)
    if key is None:  # PUT of an unknown SKU creates it, as the repository's save does
        return reply(store.scoped(new_product(store, {**body, "sku": sku})["id"], code))
    return _update(store, code, key, body)


def _update(store: MagentoStore, code: str, key: int, body: dict[str, Any]) -> Response:
    record = store.data.products[key]
    scoped = {k: body.pop(k) for k in list(body) if k in SCOPED}
    body.pop("sku", None)  # the SKU in the path wins
    _apply(store, record, body)
    if code != ALL:
        scoped = {name: _value(name, v) for name, v in scoped.items()}
    else:
        _apply(store, record, scoped)
        scoped = {}
    store.save_scoped(key, code, scoped)
    store.touch(store.data.products, record)
    _sync_source(store.data, record)
    return reply(store.scoped(key, code))


def delete_product(request: Request) -> Response:
    store = store_of(request)
    key = _key(store, _sku(request))
    sku = store.data.products[key]["sku"]
    del store.data.products[key]
    store.data.overrides.drop(key)
    for k in [k for k in store.data.sources if k[0] == sku]:
        del store.data.sources[k]
    return reply(True)


# -- configurable products --------------------------------------------------------------------
def _configurable(store: MagentoStore, sku: str, refusal: str = "only_configurable"
                  ) -> dict[str, Any]:
    """The configurable product ``sku`` (stored), or Magento's refusal for another type."""
    record = _product(store, sku)
    if record["type_id"] != "configurable":
        raise MagentoError(400, TEXT[refusal], [sku])
    return record


def options(request: Request) -> Response:
    parent = _configurable(store_of(request), _sku(request))
    return reply(parent["extension_attributes"].get("configurable_product_options") or [])


# -- stock ------------------------------------------------------------------------------------
def stock_item(request: Request) -> Response:
    store = store_of(request)
    key = _key(store, str(request.path_params["sku"]))
    return reply(store.data.products.peek(key)["extension_attributes"]["stock_item"])


async def put_stock_item(request: Request) -> Response:
    store = store_of(request)
    record = _product(store, _sku(request))
    body = (await read_json(request, "stockItem"))["stockItem"]
    _stock(record["extension_attributes"]["stock_item"], body)
    store.touch(store.data.products, record)
    _sync_source(store.data, record)
    return reply(record["extension_attributes"]["stock_item"]["item_id"])


def source_items(request: Request) -> Response:
    data = store_of(request).data
    return answer(request, [dict(v) for _, v in sorted(data.sources.items())])


async def post_source_items(request: Request) -> Response:
    """``POST /V1/inventory/source-items``: save each item; the default source follows
    into the legacy stock item, as MSI keeps them in step."""
    store = store_of(request)
    body = await read_json(request)
    items = body.get("sourceItems")
    if not isinstance(items, list):
        raise sim_rest.required("sourceItems")
    for item in items:
        key = _key(store, str(item.get("sku") or ""))
        source = str(item.get("source_code") or "default")
        saved = RECORDS["source_item"].make(
            sku=store.data.products.peek(key)["sku"], source_code=source,
            quantity=_value("quantity", item.get("quantity", 0)),
            status=_value("status", item.get("status", 1)))
        store.data.sources[(saved["sku"], source)] = saved
        if source == "default":
            record = store.data.products[key]
            _stock(record["extension_attributes"]["stock_item"],
                   {"qty": saved["quantity"], "is_in_stock": bool(saved["status"])})
            store.touch(store.data.products, record)
    return reply([])


# -- categories -------------------------------------------------------------------------------
def _attributes(record: dict[str, Any], body: dict[str, Any]) -> None:
    """The custom attributes given (``description``, ``url_key``...) kept by code over the
    stored ones, as ``AttributeInterface`` binds them (a code and a value)."""
    given = {str(a["attribute_code"]): {"attribute_code": str(a["attribute_code"]),
                                        "value": a.get("value")}
             for a in body.get("custom_attributes") or []
             if isinstance(a, dict) and a.get("attribute_code")}
    if given:
        kept = {a["attribute_code"]: a for a in record.get("custom_attributes") or []}
        record["custom_attributes"] = list({**kept, **given}.values())


def new_category(store: MagentoStore, body: dict[str, Any], when: datetime | None = None
                 ) -> dict[str, Any]:
    return SERVED.save(store, REPOS["category"], body, None, when=when)


def _placed(store: MagentoStore, record: dict[str, Any], body: dict[str, Any],
            created: bool) -> None:
    """A new category is named and placed under its parent (the default category 2 by
    default): its level and path follow the parent's, the parent lists it among its
    ``children``."""
    _attributes(record, body)
    if not created:
        return
    if not body.get("name"):
        raise MagentoError(400, TEXT["attr_empty"], ["name"])
    if "parent_id" in body:
        _category(store, body["parent_id"])
    key, record["parent_id"] = record["id"], int(body.get("parent_id") or 2)
    parent = store.data.categories.get(record["parent_id"])
    record["level"] = (parent["level"] + 1) if parent else 1
    record["path"] = f"{parent['path']}/{key}" if parent else f"1/{key}"
    if parent is not None:
        parent["children"] = ",".join(filter(None, [parent["children"], str(key)]))


REPOS = {"category": Repo("categories", "category", "category", "id", "id", writable=(
    "name", "is_active", "position", "include_in_menu"), rules=_placed)}
repo = SERVED.endpoints(REPOS)


def _category(store: MagentoStore, raw: Any) -> dict[str, Any]:
    return SERVED.find(store, REPOS["category"], raw)


def _counts(data: StoreData) -> dict[int, int]:
    counts: dict[int, int] = {}
    for key in data.products.sorted_keys():
        for link in data.products.peek(key)["extension_attributes"].get("category_links") or ():
            cid = int(link["category_id"])
            counts[cid] = counts.get(cid, 0) + 1
    return counts


def category_tree(request: Request) -> Response:
    store = store_of(request)
    root = _category(store, request.query_params.get("rootCategoryId") or 2)
    depth = request.query_params.get("depth")
    counts = _counts(store.data)

    def node(cat: dict[str, Any], level: int) -> dict[str, Any]:
        kids = [store.data.categories[int(k)] for k in cat["children"].split(",") if k]
        below = [] if depth is not None and level >= int(depth) else kids
        return {"id": cat["id"], "parent_id": cat["parent_id"], "name": cat["name"],
                "is_active": cat["is_active"], "position": cat["position"],
                "level": cat["level"], "product_count": counts.get(cat["id"], 0),
                "children_data": [node(k, level + 1) for k in below]}
    return reply(node(root, 0))


def delete_category(request: Request) -> Response:
    store = store_of(request)
    record = _category(store, request.path_params["id"])
    if record["level"] < 2:
        raise MagentoError(400, TEXT["delete_root"], [record["id"]])  # the root is kept
    table = store.data.categories
    doomed = [record["id"]]
    for key in list(table.sorted_keys()):  # and every category below it
        if key != record["id"] and f"/{record['id']}/" in table.peek(key)["path"] + "/":
            doomed.append(key)
    parent = table[record["parent_id"]]
    parent["children"] = ",".join(k for k in parent["children"].split(",")
                                  if k and int(k) != record["id"])
    for key in doomed:
        del table[key]
    return reply(True)


def category_products(request: Request) -> Response:
    """``GET categories/{id}/products``: the category's product links."""
    store = store_of(request)
    cid = str(_category(store, request.path_params["id"])["id"])
    table = store.data.products
    return reply([{"sku": table.peek(k)["sku"], "position": link.get("position", 0),
                   "category_id": cid} for k in table.sorted_keys()
                  for link in table.peek(k)["extension_attributes"]["category_links"]
                  if str(link["category_id"]) == cid])


async def link_product(request: Request) -> Response:
    """``POST``/``PUT categories/{id}/products``: assign (or move) one product; the link is
    kept on the product, as ``category_links`` shows it."""
    store = store_of(request)
    cid = str(_category(store, request.path_params["id"])["id"])
    link = (await read_json(request, "productLink"))["productLink"]
    return _relink(store, str(link.get("sku") or ""), cid,
                   {"position": int(link.get("position") or 0), "category_id": cid})


def unlink_product(request: Request) -> Response:
    store = store_of(request)
    cid = str(_category(store, request.path_params["id"])["id"])
    return _relink(store, _sku(request), cid, None)


def _relink(store: MagentoStore, sku: str, cid: str, link: dict[str, Any] | None
            ) -> Response:
    """Product ``sku``'s link to category ``cid`` replaced by ``link`` (None: dropped)."""
    record = _product(store, sku)
    links = [x for x in record["extension_attributes"]["category_links"]
             if str(x["category_id"]) != cid]
    record["extension_attributes"]["category_links"] = links + ([link] if link else [])
    store.touch(store.data.products, record)
    return reply(True)


# -- lists inside a product -------------------------------------------------------------------
def _parent(request: Request, store: MagentoStore, op: Op) -> dict[str, Any]:
    return _product(store, _sku(request))


def _configurable_parent(request: Request, store: MagentoStore, op: Op) -> dict[str, Any]:
    """Any product lists its children and is linked one (then refused when it has no
    configurable options); only a configurable one has a child to unlink."""
    if op == "delete":
        return _configurable(store, _sku(request), "not_configurable")
    return _product(store, _sku(request))


def _linked(at: At, given: dict[str, Any]) -> int:
    """``POST configurable-products/{sku}/child`` ``{"childSku"}``: link one more child."""
    child = _key(at.store, str(given.get("childSku") or ""))
    if child in at.rows:
        raise MagentoError(400, TEXT["attached"])
    if not at.parent["extension_attributes"].get("configurable_product_options"):
        raise MagentoError(400, TEXT["no_options"])
    return child


def _entry(at: At, entry: dict[str, Any], given: dict[str, Any]) -> None:
    entry.update(_media(at.store, {**entry, **given, "id": entry["id"]}))


def _touched(at: At) -> None:
    at.store.touch(at.store.data.products, at.parent)


#: a product's media entries (an add answers the new entry's id) and a configurable's
#: children (``LinkManagement``: another type of product has none, ``[]``; linked by SKU,
#: unlinked by the child's SKU in the path), each write stamping the product
MEDIA = Sublist(_parent, "media_gallery_entries", "entry",
                missing=lambda asked: MagentoError(404, TEXT["no_media"], {"entryId": asked}),
                wrap="entry", make=lambda at, given: _media(at.store, given),
                added=lambda at, entry: entry["id"], change=_entry, changed=_touched)
CHILDREN = Sublist(_configurable_parent, "extension_attributes.configurable_product_links",
                   "child", lambda key: key, wanted=lambda at, sku: at.store.product_id(str(sku)),
                   missing=lambda asked: MagentoError(404, TEXT["no_option"]),
                   listed=lambda at, keys: [at.store.scoped(k, store_code(at.request))
                                            for k in keys if k in at.store.data.products],
                   make=_linked, changed=_touched)
lists = endpoints({"media": MEDIA, "children": CHILDREN}, sim_rest.DIALECT)
