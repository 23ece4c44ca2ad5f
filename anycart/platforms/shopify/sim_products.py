"""Products with their variants, options and images: the rules productSet and the media
mutations run.

Shopify's rules: a title is required; ``status`` active, draft or archived; at most 3 options
and 2048 variants, no two with the same option values; a product without variants gets one
"Default Title"; handles are unique ("-1", "-2"... on create, a taken one refused on update);
a ``variants`` (or ``images``) list replaces the stored one by id. A change below a product
is made on a copy, kept only when valid, and bumps the product's ``updated_at``
(``products/update``). An active product is created published on the Online Store.

Stock lives in inventory levels (item x location); a variant's ``inventory_quantity`` is
their sum, kept in step whenever a level changes (``inventorySetQuantities``, restocks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.sandbox import catalog
from anycart.sandbox import values as v_
from anycart.sandbox.children import Children
from anycart.sandbox.forms import Form, Slug
from anycart.sandbox.stock import Stock
from anycart.sandbox.table import Record
from anycart.sandbox.values import Errors, add, check

from .sim_store import RECORDS, RESOURCE_TOPICS, UNLISTED, Crud, Ctx, ShopData, parse_ts, stamp

STATUSES = ("active", "draft", "archived")
WEIGHT = catalog.Measure()  # weight in g, kg, oz or lb, and grams
#: the GraphQL product model: still 3 options, up to 2048 variants
OPTIONS = catalog.Options(slots=("option1", "option2", "option3"), max_variants=2048)
MEDIA = catalog.Media("https://cdn.shopify.com/s/files/1/0000/0001/files")
_VARIANT_RULES: v_.Rules = {
    "price": v_.price(), "compare_at_price": v_.price(nullable=True), "sku": v_.stripped,
    "barcode": v_.keep_none, "option1": v_.stripped_or_none, "option2": v_.stripped_or_none,
    "option3": v_.stripped_or_none, "taxable": v_.flag, "requires_shipping": v_.flag,
    "inventory_policy": v_.one_of("deny", "continue"),
    "inventory_management": lambda e, n, value, cur: value or None,
}
_PRODUCT_RULES: v_.Rules = {
    "title": v_.stripped, "body_html": v_.raw, "template_suffix": v_.raw,
    "vendor": v_.stripped, "product_type": v_.stripped, "status": v_.one_of(*STATUSES),
    "tags": v_.tag_list,
}


# -- stock --------------------------------------------------------------------------------
def level_record(item_id: int, location_id: int, available: int | None, updated_at: str) -> Record:
    return RECORDS["inventory_level"].make(inventory_item_id=item_id, location_id=location_id,
                                           available=available, updated_at=updated_at)


def levels_of(data: ShopData, ctx: Ctx | None = None) -> Stock:
    """The shop's stock; with a request, a change mirrors the total into the variant and
    (unless the level was removed) fires ``inventory_levels/update``."""
    def changed(item_id: int, level: Record | None, stamp: str) -> None:
        _sync_variant(data, item_id, stamp)
        if level is not None and ctx is not None:
            ctx.shop.fire("inventory_levels/update", level)
    return Stock(data.inventory_levels, data.locations.sorted_keys, level_record,
                 on_change=changed)


def _sync_variant(data: ShopData, item_id: int, stamp: str) -> None:
    """Mirror the level total into the variant (and touch the product's ``updated_at``)."""
    found = data.find_item(item_id)
    if found is None:
        return
    product = data.products[found[0]]
    for v in product["variants"]:
        if v["inventory_item_id"] == item_id:
            v["old_inventory_quantity"] = v["inventory_quantity"]
            v["inventory_quantity"] = levels_of(data).total(item_id)
            v["updated_at"] = stamp
    product["updated_at"] = stamp
    data.products.changed()


def adjust_level(ctx: Ctx, item_id: int, location_id: int, delta: int) -> Record:
    return levels_of(ctx.data, ctx).adjust(item_id, location_id, delta, ctx.shop.stamp())


# -- variants -----------------------------------------------------------------------------
def blank_variant(ctx: Ctx, pid: int, now: str) -> Record:
    return RECORDS["variant"].make(id=ctx.data.ids.next("variant"), product_id=pid,
                                   created_at=now, updated_at=now,
                                   inventory_item_id=ctx.data.ids.next("inventory_item"))


def apply_variant(v: Record, src: Mapping[str, Any], errors: Errors) -> Record:
    """Copy the writable fields present in ``src`` onto ``v``, validating them; ``weight``
    and ``grams`` follow each other in the variant's unit."""
    v_.assign(v, src, _VARIANT_RULES, errors)
    WEIGHT.apply(v, src, errors)
    return v


def resolve_options(ctx: Ctx, pid: int, current: list[Record], given: Any,
                    variants: list[Record], errors: Errors) -> list[Record]:
    """The product's ``options`` (stored ids kept by position) after putting the variants
    in step with them (:meth:`anycart.sandbox.catalog.Options.resolve`)."""
    axes = OPTIONS.resolve(given, [o["name"] for o in current], variants, errors)
    return [{"id": current[i - 1]["id"] if i <= len(current) else ctx.data.ids.next("option"),
             "product_id": pid, "name": axis.name, "position": i, "values": axis.values}
            for i, axis in enumerate(axes, 1)]


# -- images -------------------------------------------------------------------------------
def new_image(ctx: Ctx, pid: int, src: Any, position: int, now: str,
              errors: Errors) -> Record | None:
    url = MEDIA.url(src, int(parse_ts(now)), errors)
    if url is None:
        return None
    return RECORDS["image"].make(id=ctx.data.ids.next("image"), alt=src.get("alt"),
                                 position=position, product_id=pid, created_at=now,
                                 updated_at=now, width=1024, height=1024, src=url)


def refresh(product: Record, errors: Errors) -> None:
    """Images in position order, and no variant showing an image that is gone."""
    product["images"].sort(key=lambda i: i["position"])
    catalog.renumber(product["images"])
    catalog.link_media(product["images"], product["variants"], {}, errors)
    product["image"] = product["images"][0] if product["images"] else None


# -- products -----------------------------------------------------------------------------
def commit_children(ctx: Ctx, pid: int, before: Record | None, after: Record, now: str) -> None:
    data = ctx.data
    old_items = {v["inventory_item_id"] for v in before["variants"]} if before else set()
    for v in after["variants"]:
        data.ids.own("variant", v["id"], pid)
        data.ids.own("inventory_item", v["inventory_item_id"], pid)
        if v["inventory_item_id"] not in old_items:
            levels_of(data).seed(v["inventory_item_id"], data.primary_location_id,
                                 v["inventory_quantity"], now)
    for image in after["images"]:
        data.ids.own("image", image["id"], pid)
    levels_of(data).drop(sorted(old_items - {v["inventory_item_id"] for v in after["variants"]}))


def _variants(ctx: Ctx, draft: Record, body: Mapping[str, Any], errors: Errors) -> None:
    """A new product's variants (one "Default Title" when none is given), or the update's
    replacement list (listed ids updated, entries without id created, the others deleted);
    then the option axes."""
    vins, now, pid = body.get("variants"), draft["updated_at"], draft["id"]
    if FORM.creating(ctx, draft):
        draft["variants"] = [apply_variant(blank_variant(ctx, pid, now), vin, errors)
                             for vin in vins or [{}]]
    elif vins is not None:
        def unknown(vin: Any, pos: int) -> None:
            add(errors, "variants", f"Variant {vin['id']} does not exist")
        draft["variants"] = catalog.merge(
            draft["variants"], vins, unknown=unknown,
            existing=lambda v, vin, pos: apply_variant({**v, "updated_at": now}, vin, errors),
            new=lambda vin, pos: apply_variant(blank_variant(ctx, pid, now), vin, errors))
    if FORM.creating(ctx, draft) or vins is not None or "options" in body:
        draft["options"] = resolve_options(ctx, pid, draft["options"], body.get("options"),
                                           draft["variants"], errors)


def _images(ctx: Ctx, draft: Record, body: Mapping[str, Any], errors: Errors) -> None:
    """A new product's images, or the update's list (ids kept, the rest new)."""
    now, given = draft["updated_at"], body.get("images")
    images: list[Record | None] | list[Record]
    if FORM.creating(ctx, draft):
        images = [new_image(ctx, draft["id"], src, pos, now, errors)
                  for pos, src in enumerate(given or [], 1)]
    elif given is not None:
        def existing(image: Record, src: Any, pos: int) -> Record:
            image.update({k: src[k] for k in ("alt", "src") if k in src})
            image["position"], image["updated_at"] = pos, now
            return image
        images = catalog.merge(draft["images"], given, existing=existing, new=lambda src, pos:
                               new_image(ctx, draft["id"], src, pos, now, errors))
    else:
        return
    draft["images"] = [i for i in images if i]


def _publishing(ctx: Ctx, draft: Record, body: Mapping[str, Any], errors: Errors) -> None:
    if FORM.creating(ctx, draft) and draft["status"] == "active":
        draft["published_at"] = draft["updated_at"]


def _kept(ctx: Ctx, stored: Record | None, product: Record, body: Mapping[str, Any]) -> None:
    refresh(product, {})
    commit_children(ctx, product["id"], stored, product, product["updated_at"])


def delete_product(ctx: Ctx, product: Record) -> None:
    data = ctx.data
    levels_of(data).drop([v["inventory_item_id"] for v in product["variants"]])
    data.links.drop("product_id", product["id"])


#: a blank vendor or description takes the default on create (the shop's name...)
FORM = Form("products", RECORDS["product"], rules=_PRODUCT_RULES, create_rules={
    **{k: v_.blank_keeps(_PRODUCT_RULES[k]) for k in ("body_html", "vendor")},
    "status": v_.one_of(*STATUSES, default="active")}, required=("title",), slug=Slug(),
    hooks=(_variants, _images, _publishing), kept=_kept, stamp=stamp, start=lambda ctx: {
        "id": ctx.data.ids.next("product"), "vendor": ctx.shop.info.get("name", "")})
PRODUCTS = Crud("products", "product", UNLISTED, FORM.create, FORM.update, delete_product,
                RESOURCE_TOPICS["products"])


# -- a product's images (productCreateMedia, productUpdateMedia, productDeleteMedia) ------
def _read_image(ctx: Ctx) -> tuple[dict[str, Any], int | None]:
    """The image body and its 1-based position (productReorderMedia checked it)."""
    body = ctx.payload("image") if ctx.method in ("POST", "PUT") else {}
    return body, body.get("position")


def _new_image(ctx: Ctx, draft: Record, given: Any, now: str, errors: Errors) -> Record:
    body, position = given
    image = new_image(ctx, draft["id"], body, len(draft["images"]) + 1, now, errors)
    check(errors)
    assert image is not None
    catalog.place(draft["images"], image, position or None)
    return image


def _edit_image(ctx: Ctx, draft: Record, image: Record, given: Any, now: str,
                errors: Errors) -> None:
    body, position = given
    image.update({k: body[k] for k in ("alt", "src") if k in body})
    image["updated_at"] = now
    if position is not None:
        catalog.place(draft["images"], image, position)


def _keep(ctx: Ctx, product: Record, draft: Record, now: str) -> None:
    commit_children(ctx, product["id"], product, draft, now)
    refresh(draft, {})


IMAGES = Children("products", "images", "images", "image", _new_image, _edit_image, stamp,
                  read=_read_image, keep=_keep, topic=RESOURCE_TOPICS["products"][1])
