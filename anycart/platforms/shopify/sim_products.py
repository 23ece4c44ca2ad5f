"""Products with their variants, options and images: the rules productSet and the media
mutations run.

Rules kept from Shopify: a title is required; ``status`` is active, draft or archived; at
most 3 options and 2048 variants (the GraphQL product model), no two variants with the same option values; a product
created without variants gets one "Default Title" variant; handles are unique (a new product
gets "-1", "-2"... appended, an update to a taken handle is refused); tags are normalized; a
``PUT`` with ``variants`` replaces the variant list (listed ids are updated, entries without
id are created, the others deleted) and likewise for ``images``. Stock is not writable through
variants: ``inventory_quantity`` in a variant write is a 400 (Shopify's "use the Inventory
Levels API"); a new product may still carry an initial quantity, stored as an inventory level
at the primary location. A change below a product (variant, image) is made on a copy, kept
only when valid, and bumps the product's ``updated_at`` and fires ``products/update``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.sandbox import catalog
from anycart.sandbox import values as v_
from anycart.sandbox.children import Children
from anycart.sandbox.errors import SimError
from anycart.sandbox.forms import Form, Slug
from anycart.sandbox.table import Record
from anycart.sandbox.values import Errors, add, check, integer, rejected, text

from .sim_api import UNLISTED, Crud, Ctx, stamp
from .sim_inventory import levels_of
from .sim_store import RECORDS, RESOURCE_TOPICS, fmt_ts, parse_ts

STATUSES = ("active", "draft", "archived")
WEIGHT = catalog.Measure()  # weight in g, kg, oz or lb, and grams
#: the GraphQL product model: still 3 options, up to 2048 variants
OPTIONS = catalog.Options(slots=("option1", "option2", "option3"), max_variants=2048)
MEDIA = catalog.Media("https://cdn.shopify.com/s/files/1/0000/0001/files")
#: Variants refuse stock writes since API 2019-10 (400, and ``error``, singular).
INVENTORY_WRITE = ("Write requests to inventory_quantity and inventory_quantity_adjustment are "
                   "no longer supported. Please use the Inventory Levels API.")
_UPDATE = RESOURCE_TOPICS["products"][1]
_PUBLISHED_AT = v_.timestamp(parse_ts, fmt_ts)
_VARIANT_RULES: v_.Rules = {
    "price": v_.price(), "compare_at_price": v_.price(nullable=True), "sku": v_.stripped,
    "barcode": v_.keep_none, "option1": v_.stripped_or_none, "option2": v_.stripped_or_none,
    "option3": v_.stripped_or_none, "taxable": v_.flag, "requires_shipping": v_.flag,
    "inventory_policy": v_.one_of("deny", "continue"),
    "inventory_management": lambda e, n, value, cur: value or None,
    "fulfillment_service": lambda e, n, value, cur: text(value) or "manual",
    "image_id": lambda e, n, value, cur: None if value is None else integer(e, n, value),
}
_PRODUCT_RULES: v_.Rules = {
    "title": v_.stripped, "body_html": v_.raw, "template_suffix": v_.raw, "published_scope": v_.raw,
    "vendor": v_.stripped, "product_type": v_.stripped, "status": v_.one_of(*STATUSES),
    "tags": v_.tag_list,
}


def refuse_stock_writes(variants: Any) -> None:
    for v in variants if isinstance(variants, list) else [variants]:
        if isinstance(v, dict) and any(k in v for k in ("inventory_quantity",
                                                        "inventory_quantity_adjustment")):
            raise SimError(400, {"error": INVENTORY_WRITE})


# -- variants -----------------------------------------------------------------------------
def blank_variant(ctx: Ctx, pid: int, now: str) -> Record:
    return RECORDS["variant"].make(id=ctx.data.ids.next("variant"), product_id=pid,
                                   created_at=now, updated_at=now,
                                   inventory_item_id=ctx.data.ids.next("inventory_item"))


def apply_variant(v: Record, src: Mapping[str, Any], errors: Errors) -> None:
    """Copy the writable fields present in ``src`` onto ``v``, validating them; ``weight``
    and ``grams`` follow each other in the variant's unit."""
    v_.assign(v, src, _VARIANT_RULES, errors)
    WEIGHT.apply(v, src, errors)


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
                                 updated_at=now, width=int(src.get("width") or 1024),
                                 height=int(src.get("height") or 1024), src=url)


def link_images(product: Record, wanted: dict[int, Any], errors: Errors) -> None:
    catalog.link_media(product["images"], product["variants"], wanted, errors)


def refresh(product: Record) -> None:
    product["images"].sort(key=lambda i: i["position"])
    catalog.renumber(product["images"])
    product["image"] = product["images"][0] if product["images"] else None


# -- products -----------------------------------------------------------------------------
def _variants_in(body: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    vins = body.get("variants")
    if vins is not None and (not isinstance(vins, list)
                             or not all(isinstance(v, dict) for v in vins)):
        raise rejected({"variants": ["is invalid"]})
    return vins


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
    replacement list; then the option axes."""
    vins = _variants_in(body)
    now = draft["updated_at"]
    if FORM.creating(ctx, draft):
        for vin in vins or [{}]:
            v = blank_variant(ctx, draft["id"], now)
            apply_variant(v, vin, errors)
            if vin.get("inventory_quantity") is not None:
                qty = integer(errors, "inventory_quantity", vin["inventory_quantity"]) or 0
                v["inventory_quantity"] = v["old_inventory_quantity"] = qty
            draft["variants"].append(v)
    elif vins is not None:
        refuse_stock_writes(vins)
        _replace_variants(ctx, draft, vins, now, errors)
    if FORM.creating(ctx, draft) or vins is not None or "options" in body:
        draft["options"] = resolve_options(ctx, draft["id"], draft["options"],
                                           body.get("options"), draft["variants"], errors)


def _images(ctx: Ctx, draft: Record, body: Mapping[str, Any], errors: Errors) -> None:
    now = draft["updated_at"]
    if FORM.creating(ctx, draft):
        given = body.get("images") or ([body["image"]] if body.get("image") else [])
        images = [new_image(ctx, draft["id"], src, pos, now, errors)
                  for pos, src in enumerate(given if isinstance(given, list) else [], 1)]
        draft["images"] = [i for i in images if i]
        return
    wanted = _replace_images(ctx, draft, body["images"], now, errors) if "images" in body else {}
    link_images(draft, wanted, errors)


def _publishing(ctx: Ctx, draft: Record, body: Mapping[str, Any], errors: Errors) -> None:
    now = draft["updated_at"]
    if FORM.creating(ctx, draft):
        draft["published_at"] = _PUBLISHED_AT(errors, "published_at", body.get("published_at"), None)
        if draft["published_at"] is None and draft["status"] == "active" \
                and v_.boolean(body.get("published"), True):
            draft["published_at"] = now
        return
    if "published" in body:
        draft["published_at"] = (draft["published_at"] or now) \
            if v_.boolean(body["published"], True) else None
    if "published_at" in body:
        draft["published_at"] = _PUBLISHED_AT(errors, "published_at", body["published_at"], None)


def _kept(ctx: Ctx, stored: Record | None, product: Record, body: Mapping[str, Any]) -> None:
    refresh(product)
    commit_children(ctx, product["id"], stored, product, product["updated_at"])


def _replace_variants(ctx: Ctx, draft: Record, vins: list[dict[str, Any]], now: str,
                      errors: Errors) -> None:
    def apply(v: Record, vin: Any) -> Record:
        apply_variant(v, vin, errors)
        return v

    def existing(v: Record, vin: Any, pos: int) -> Record:
        v["updated_at"] = now
        return apply(v, vin)

    def new(vin: Any, pos: int) -> Record:
        return apply(blank_variant(ctx, draft["id"], now), vin)

    def unknown(vin: Any, pos: int) -> None:
        add(errors, "variants", f"Variant {vin['id']} does not exist")

    draft["variants"] = catalog.merge(draft["variants"], vins, existing=existing, new=new,
                                      unknown=unknown)


def _replace_images(ctx: Ctx, draft: Record, images_in: Any, now: str,
                    errors: Errors) -> dict[int, Any]:
    wanted = {}

    def existing(image: Record, src: Any, pos: int) -> Record:
        image.update({k: src[k] for k in ("alt", "src") if k in src})
        image["position"], image["updated_at"] = pos, now
        return linked(image, src)

    def new(src: Any, pos: int) -> Record | None:
        image = new_image(ctx, draft["id"], src, pos, now, errors)
        return linked(image, src) if image is not None else None

    def linked(image: Record, src: Any) -> Record:
        if isinstance(src, dict) and "variant_ids" in src:
            wanted[image["id"]] = src["variant_ids"]
        return image

    draft["images"] = catalog.merge(draft["images"], images_in
                                    if isinstance(images_in, list) else [],
                                    existing=existing, new=new)
    return wanted


def delete_product(ctx: Ctx, product: Record) -> None:
    data = ctx.data
    levels_of(data).drop([v["inventory_item_id"] for v in product["variants"]])
    data.links.drop("product_id", product["id"])


#: a blank vendor, description or scope takes the default on create (the shop's name...)
FORM = Form("products", RECORDS["product"], rules=_PRODUCT_RULES, create_rules={
    **{k: v_.blank_keeps(_PRODUCT_RULES[k]) for k in ("body_html", "vendor", "published_scope")},
    "status": v_.one_of(*STATUSES, default="active")}, required=("title",), slug=Slug(),
    hooks=(_variants, _images, _publishing), kept=_kept, stamp=stamp, start=lambda ctx: {
        "id": ctx.data.ids.next("product"), "vendor": ctx.shop.info.get("name", "")})
PRODUCTS = Crud("products", "product", UNLISTED, FORM.create, FORM.update, delete_product,
                RESOURCE_TOPICS["products"])


# -- a product's images (productCreateMedia, productUpdateMedia, productDeleteMedia) ------
def _keep(ctx: Ctx, product: Record, draft: Record, now: str) -> None:
    commit_children(ctx, product["id"], product, draft, now)
    refresh(draft)


def _read_image(ctx: Ctx) -> tuple[dict[str, Any], int | None]:
    body = ctx.payload("image") if ctx.method in ("POST", "PUT") else {}
    errors: Errors = {}
    position = integer(errors, "position", body["position"]) if "position" in body else None
    check(errors)
    return body, position


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


def _settle_images(ctx: Ctx, product: Record, draft: Record, image: Record, given: Any,
                   now: str, errors: Errors) -> None:
    body = given[0]
    catalog.renumber(draft["images"])
    link_images(draft, {image["id"]: body["variant_ids"]} if "variant_ids" in body else {},
                errors)


IMAGES = Children("products", "images", "images", "image", _new_image, _edit_image, stamp,
                  read=_read_image, settle=_settle_images, keep=_keep, topic=_UPDATE)
