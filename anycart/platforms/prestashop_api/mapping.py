"""PrestaShop webservice records <-> the unified model: what a field map cannot say.

Records arrive with their multilingual values already in the call's language
(:class:`~.webservice.Scope`). Related records (an order's customer, addresses, currency,
status and carrier; a product's stock; a customer's addresses) are read once per page into
the context by :meth:`~.connector.PrestashopApiConnector.context`, keyed by id.
PrestaShop answers every value as text (``"1"``/``"0"`` flags, ``"19.990000"`` prices).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from anycart import model as U
from anycart.platforms.bridge.slugs import slugify
from anycart.platforms.countries import country
from anycart.platforms.kit.dates import Dates
from anycart.platforms.kit.fields import number, text
from anycart.platforms.prestashop_values import (
    GENDERS,
    VISIBLE,
    child_cost,
    child_name,
    for_sale,
    image_path,
    order_totals,
    product_type,
    viewable,
    with_impact,
)

from .webservice import Localized

Record = dict[str, Any]
Ctx = Mapping[str, Any]

#: PrestaShop's dates: ``2024-05-02 10:11:12`` in the shop's zone, ``0000-00-00`` for none.
DATES = Dates(formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"), query_format="%Y-%m-%d %H:%M:%S",
              none=("0000-00-00",))

PRODUCT_READ = frozenset({"associations", "active", "available_for_order", "visibility",
                          "id_manufacturer", "product_type", "type", "id_default_image",
                          "id_category_default", "quantity"})
CATEGORY_READ = frozenset({"associations"})
CUSTOMER_READ = frozenset({"associations", "active", "passwd", "secure_key", "id_gender",
                           "id_default_group", "reset_password_token"})
ORDER_READ = frozenset({"associations", "id_customer", "id_address_delivery", "id_address_invoice",
                        "id_currency", "current_state", "id_carrier", "payment", "total_paid",
                        "total_paid_tax_incl", "total_paid_tax_excl", "total_products",
                        "total_shipping", "total_shipping_tax_incl", "total_discounts",
                        "total_discounts_tax_incl", "note"})


def flag(v: Any) -> bool | None:
    """PrestaShop's ``"1"``/``"0"`` (None when not given)."""
    return None if v in (None, "") else str(v).strip().lower() in ("1", "true")


def assoc(record: Mapping[str, Any], name: str) -> list[Record]:
    """An association list (``associations.categories``): JSON's list of ``{"id"...}``."""
    found = (record.get("associations") or {}).get(name) or []
    return [a for a in found if isinstance(a, dict)] if isinstance(found, list) else []


def as_nodes(ids: Any) -> dict[str, list[Record]]:
    """``categories_ids`` as the XML association (``<category><id>2</id></category>``...)."""
    values = ids if isinstance(ids, list) else str(ids).split(",")
    return {"category": [{"id": str(int(v))} for v in values if str(v).strip()]}


def link_rewrite(v: Any) -> Localized:
    """A page's URL keyword as PrestaShop's ``Tools::str2url`` makes one (``isLinkRewrite``)."""
    return Localized(slugify(str(v), 128))


def default_category(p: Mapping[str, Any], out: Record) -> None:
    """A product put in categories without a default one gets the first as its default."""
    nodes = (out.get("associations") or {}).get("categories") or {}
    if nodes.get("category") and "id_category_default" not in out:
        out["id_category_default"] = nodes["category"][0]["id"]


def enabled(v: Any) -> str:
    return "1" if str(v).lower() in ("enabled", "1", "true", "active") else "0"


# -- products ---------------------------------------------------------------------------------
def _images(base: str, p: Ctx, holder: Ctx) -> list[U.Image]:
    """The images ``holder`` names (product ``p`` or one of its combinations); ``p``'s cover
    is the base one."""
    return [U.Image(id=(ident := str(image.get("id"))), http_path=base + image_path(ident),
                    file_name=f"{ident}.jpg", sort_order=i,
                    type="base" if ident == str(p.get("id_default_image")) else "additional",
                    additional_fields={"api_path": f"images/products/{p.get('id')}/{ident}"})
            for i, image in enumerate(assoc(holder, "images"))]


def stock(rows: Iterable[Record], product: Any, combination: Any = "0") -> float | None:
    """A product's (combination ``"0"``) or a combination's quantity among ``stock_availables``."""
    return next((number(r.get("quantity")) for r in rows if str(r.get("id_product")) == str(product)
                 and str(r.get("id_product_attribute")) == str(combination)), None)


def group(g: Record, _: Ctx) -> Record:
    return U.CustomerGroup(id=str(g["id"]), name=text(g.get("name")), additional_fields={
        k: v for k, v in g.items() if k not in ("id", "name")}).model_dump()


def product(p: Record, ctx: Ctx) -> Record:
    active, visibility = p.get("active"), str(p.get("visibility") or "both")
    combinations = assoc(p, "combinations")
    quantity = stock((ctx.get("stock") or {}).values(), p.get("id"))
    return {
        "type": product_type(bool(combinations), p.get("is_virtual")),
        "categories_ids": [str(c["id"]) for c in assoc(p, "categories")],
        "avail_view": viewable(active, visibility),
        "avail_sale": for_sale(active, p.get("available_for_order")),
        "u_brand_id": text(p.get("id_manufacturer")) if str(p.get("id_manufacturer")) != "0" else None,
        "quantity": quantity, "in_stock": None if quantity is None else quantity > 0,
        "images": _images(ctx.get("base", ""), p, p),
        "product_options": options([v for a in assoc(p, "product_option_values")
                                    if (v := (ctx.get("values") or {}).get(str(a.get("id"))))],
                                   ctx.get("groups") or {}, True),
        "additional_fields": {"visible": VISIBLE.get(visibility, visibility),
                              "id_category_default": p.get("id_category_default"),
                              "associations": p.get("associations") or {}},
    }


def options(values: Iterable[Record], groups: Mapping[str, Record], used: bool) -> list[U.ProductOption]:
    """Attribute groups (``product_options``) as options, with the ``values`` given of each
    (``product_option_values``) as their items, in the shop's order of groups."""
    by_group: dict[str, list[Record]] = {}
    for v in values:
        by_group.setdefault(str(v.get("id_attribute_group")), []).append(v)
    found = [(groups.get(g) or {"id": g}, vs) for g, vs in by_group.items()]
    return [U.ProductOption(
        id=str(g["id"]), product_option_id=str(g["id"]), name=text(g.get("name")),
        description=text(g.get("public_name")), type=text(g.get("group_type")), required=True,
        sort_order=int(number(g.get("position")) or 0), available=True, used_in_combination=used,
        option_items=[U.ProductOptionValue(
            id=str(v["id"]), product_option_item_id=str(v["id"]), name=text(v.get("name")),
            sort_order=int(number(v.get("position")) or 0), type_price="fixed",
            additional_fields={"color": text(v.get("color"))})
            for v in sorted(vs, key=lambda v: (number(v.get("position")) or 0, int(v["id"])))],
        additional_fields={"is_color_group": flag(g.get("is_color_group"))})
        for g, vs in sorted(found, key=lambda gv: (number(gv[0].get("position")) or 0, int(gv[0]["id"])))]


#: What a combination takes from its product (PrestaShop keeps it there, in the product's page).
FROM_PARENT = {"seo_url": "link_rewrite", "meta_title": "meta_title", "meta_description": "meta_description",
               "meta_keywords": "meta_keywords", "short_description": "description_short",
               "full_description": "description", "width": "width", "height": "height", "length": "depth"}
CHILD_READ = frozenset({"associations", "price", "weight", "wholesale_price", "reference"})


def child(c: Record, ctx: Ctx) -> Record:
    """A combination as a child item of ``ctx["parent"]``, its option values (read with it,
    in the parent's ``_values``) the combination, its images the product's it names."""
    parent = ctx["parent"]
    values = parent.get("_values") or {}
    chosen = [values.get(str(v.get("id"))) or {"id": v.get("id")} for v in assoc(c, "product_option_values")]
    level = stock(parent.get("_stock") or [], parent.get("id"), c.get("id"))
    return {
        **{k: number(parent.get(v)) if k in ("width", "height", "length") else text(parent.get(v))
           for k, v in FROM_PARENT.items()},
        "parent_id": text(parent.get("id")), "sku": text(c.get("reference")) or text(parent.get("reference")),
        "name": child_name(parent.get("name"), (v.get("name") for v in chosen)),
        "default_price": with_impact(parent.get("price"), c.get("price")),
        "cost_price": child_cost(c.get("wholesale_price"), parent.get("wholesale_price")),
        "weight": with_impact(parent.get("weight"), c.get("weight")),
        "inventory_level": level, "in_stock": None if level is None else level > 0, "manage_stock": True,
        "avail_for_sale": for_sale(parent.get("active"), parent.get("available_for_order")),
        "is_virtual": flag(parent.get("is_virtual")),
        "created_time": DATES.a2c(parent.get("date_add")), "modified_time": DATES.a2c(parent.get("date_upd")),
        "images": _images(parent.get("_base", ""), parent, c),
        "combination": [U.ChildCombination(option_id=text(v.get("id_attribute_group")),
                                           option_value_id=text(v.get("id"))) for v in chosen],
    }


# -- customers and addresses ------------------------------------------------------------------
def address(a: Record, ctx: Ctx, kind: str, default: bool = False) -> U.Address:
    found = (ctx.get("countries") or {}).get(str(a.get("id_country"))) or {}
    region = (ctx.get("regions") or {}).get(str(a.get("id_state"))) or {}
    return U.Address(
        id=text(a.get("id")), type=kind, default=default, first_name=text(a.get("firstname")),
        last_name=text(a.get("lastname")), company=text(a.get("company")),
        address1=text(a.get("address1")), address2=text(a.get("address2")), city=text(a.get("city")),
        postcode=text(a.get("postcode")), phone=text(a.get("phone")) or text(a.get("phone_mobile")),
        phone_mobile=text(a.get("phone_mobile")), alias=text(a.get("alias")),
        tax_id=text(a.get("vat_number")), identification_number=text(a.get("dni")),
        country=country(text(found.get("iso_code")), text(found.get("name"))),
        state=U.State(code=text(region.get("iso_code")), name=text(region.get("name"))) if region else None,
        additional_fields={"id_country": a.get("id_country"), "id_state": a.get("id_state")})


def _by_customer(addresses: Iterable[Record], ident: Any) -> list[Record]:
    return [a for a in addresses if str(a.get("id_customer")) == str(ident)
            and not flag(a.get("deleted"))]


def customer(c: Record, ctx: Ctx) -> Record:
    book = _by_customer((ctx.get("addresses") or {}).values(), c.get("id"))
    groups = {k: text(g.get("name")) for k, g in (ctx.get("groups") or {}).items()}
    ids = [str(g["id"]) for g in assoc(c, "groups")] or [str(c.get("id_default_group") or "")]
    return {
        "status": "enabled" if flag(c.get("active")) else "disabled",
        "phone": next((p for a in book if (p := text(a.get("phone")) or text(a.get("phone_mobile")))), None),
        "group": [U.CustomerGroup(id=g, name=groups.get(g)) for g in ids if g],
        "address_book": [address(a, ctx, "shipping", n == 0) for n, a in enumerate(book)],
        "additional_fields": {"gender": GENDERS.get(str(c.get("id_gender"))),
                              "id_default_group": c.get("id_default_group")},
    }


# -- orders -----------------------------------------------------------------------------------
def _row(r: Record) -> U.OrderItem:
    quantity = number(r.get("product_quantity")) or 0
    price = number(r.get("unit_price_tax_excl"))
    with_tax = number(r.get("unit_price_tax_incl"))
    return U.OrderItem(
        order_product_id=text(r.get("id")), product_id=text(r.get("product_id")),
        variant_id=text(r.get("product_attribute_id")) if str(r.get("product_attribute_id")) != "0" else None,
        model=text(r.get("product_reference")), name=text(r.get("product_name")), quantity=quantity,
        price=price, price_inc_tax=with_tax,
        total_price=round((price or 0) * quantity, 6) if price is not None else None,
        tax_value=round(((with_tax or 0) - (price or 0)) * quantity, 6) if with_tax is not None else None,
        tax_percent=round(100 * ((with_tax or 0) / price - 1), 2) if price else None,
        barcode=text(r.get("product_ean13")),
        additional_fields={"product_price": r.get("product_price"), "product_upc": r.get("product_upc")})


def order(o: Record, ctx: Ctx) -> Record:
    buyer = (ctx.get("customers") or {}).get(str(o.get("id_customer"))) or {}
    addresses = ctx.get("addresses") or {}
    currency = (ctx.get("currencies") or {}).get(str(o.get("id_currency"))) or {}
    state = str(o.get("current_state") or "")
    carrier = ((ctx.get("carriers") or {}).get(str(o.get("id_carrier"))) or {}).get("name")
    billing = addresses.get(str(o.get("id_address_invoice")))
    shipping = addresses.get(str(o.get("id_address_delivery")))
    return {
        "customer": U.BaseCustomer(id=text(o.get("id_customer")), email=text(buyer.get("email")),
                                   first_name=text(buyer.get("firstname")),
                                   last_name=text(buyer.get("lastname")),
                                   phone=text((billing or {}).get("phone"))),
        "currency": U.Currency(id=text(o.get("id_currency")), iso3=text(currency.get("iso_code")),
                               name=text(currency.get("name"))),
        "billing_address": address(billing, ctx, "billing") if billing else None,
        "shipping_address": address(shipping, ctx, "shipping") if shipping else None,
        "payment_method": U.NamedMethod(name=text(o.get("payment"))),
        "shipping_method": U.NamedMethod(name=carrier) if carrier else None,
        "status": U.OrderStatus(id=state, name=text(((ctx.get("states") or {}).get(state) or {}).get("name"))),
        "totals": order_totals(o),
        "order_products": [_row(r) for r in assoc(o, "order_rows")],
        "comment": text(o.get("note")),
        "additional_fields": {"id_carrier": o.get("id_carrier"), "current_state": o.get("current_state")},
    }


def shipment(o: Record, oc: Record) -> Record:
    """An ``order_carrier`` (one carrier, one tracking number) as a shipment of order ``o``
    (its carrier's name read with it, in ``o["_carrier_names"]``)."""
    number_ = text(oc.get("tracking_number"))
    name = (o.get("_carrier_names") or {}).get(str(oc.get("id_carrier")))
    return U.Shipment(
        id=str(oc["id"]), order_id=text(oc.get("id_order")), name=name, shipment_provider=name,
        tracking_numbers=[U.TrackingNumber(carrier_id=text(oc.get("id_carrier")),
                                           tracking_number=number_)] if number_ else [],
        created_at=DATES.a2c(oc.get("date_add")), is_shipped=bool(number_),
        items=[U.ShipmentItem(order_product_id=text(r.get("id")), product_id=text(r.get("product_id")),
                              name=text(r.get("product_name")), quantity=number(r.get("product_quantity")))
               for r in assoc(o, "order_rows")],
        additional_fields={k: oc.get(k) for k in ("weight", "shipping_cost_tax_incl",
                                                  "shipping_cost_tax_excl", "id_order_invoice")},
    ).to_wire()

