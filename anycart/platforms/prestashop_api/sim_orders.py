"""Orders placed through the webservice: ``POST /api/orders`` runs ``Order::addWs``, which
hands the cart to the payment module's ``validateOrder``. The order is made from the cart
(its rows become ``order_detail`` lines at the catalog's prices, combination impacts
included), not from the body's lines; a cart that does not exist or already made an order
is refused; an amount paid that differs from the cart's total sets the order in payment
error (``PS_OS_ERROR``) instead of ``PS_OS_WS_PAYMENT``; the stock sold is taken from
``stock_available``, and the order gets its carrier row and first history row.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from anycart.sandbox.table import Record

from .sim_model import FACTS, WsError

if TYPE_CHECKING:
    from .sim_store import PrestashopShop

_STATES: dict[str, str] = FACTS["order_states"]
_SHIPPING = 7.0  # what the simulated carriers charge, unless free


def cart_of(store: PrestashopShop, order: Record) -> Record:
    """The order's cart, if it may still be ordered (else the exception validateOrder
    throws)."""
    carts = store.tables["carts"]
    cid = order.get("id_cart", "")
    taken = any(o.get("id_cart") == cid for o in map(store.tables["orders"].peek,
                                                    store.tables["orders"]))
    if not cid.isdecimal() or int(cid) not in carts or taken:
        raise WsError("cart")
    cart = carts.peek(int(cid))
    if not cart.get("associations", {}).get("cart_rows"):
        raise WsError("cart")
    return cart


def _line(store: PrestashopShop, order: Record, row: dict[str, str]) -> Record | None:
    products, combos = store.tables["products"], store.tables["combinations"]
    pid, attr = int(row.get("id_product") or 0), int(row.get("id_product_attribute") or 0)
    if pid not in products:
        return None
    product, lang = products.peek(pid), order["id_lang"]
    price, name, reference = float(product["price"]), product["name"].get(lang, ""), \
        product["reference"]
    if attr in combos:
        combo = combos.peek(attr)
        price += float(combo["price"])
        reference = combo["reference"] or reference
        for value in combo.get("associations", {}).get("product_option_values", []):
            opt = store.tables["product_option_values"].peek(int(value["id"]))
            group = store.tables["product_options"].peek(int(opt["id_attribute_group"]))
            name += f" - {group['public_name'].get(lang, '')} : {opt['name'].get(lang, '')}"
    qty = int(row.get("quantity") or 0)
    money = {k: f"{price:.6f}" for k in ("product_price", "unit_price_tax_incl",
                                         "unit_price_tax_excl", "original_product_price")}
    return {"product_id": str(pid), "product_attribute_id": str(attr), "product_name": name,
            "product_quantity": str(qty), "product_quantity_in_stock": str(qty),
            "product_reference": reference, "product_ean13": product["ean13"],
            "product_weight": product["weight"], "total_price_tax_incl": f"{price * qty:.6f}",
            "total_price_tax_excl": f"{price * qty:.6f}", **money}


def place(store: PrestashopShop, order: Record, cart: Record) -> None:
    """Fill the saved order from its cart and write what validateOrder writes beside it."""
    lines = [x for r in cart["associations"]["cart_rows"] if (x := _line(store, order, r))]
    products = sum(float(x["total_price_tax_incl"]) for x in lines)
    carrier = store.tables["carriers"].get(int(cart["id_carrier"] or 0))
    shipping = 0.0 if carrier is None or carrier["is_free"] == "1" else _SHIPPING
    total, paid = products + shipping, float(order["total_paid"] or 0)
    state = _STATES["paid"] if abs(total - paid) < 0.01 else _STATES["error"]
    customer = store.tables["customers"].get(int(order["id_customer"] or 0)) or {}
    order.update({k: f"{products:.6f}" for k in ("total_products", "total_products_wt")})
    order.update({k: f"{shipping:.6f}" for k in ("total_shipping", "total_shipping_tax_incl",
                                                  "total_shipping_tax_excl")})
    order.update({k: f"{total:.6f}" for k in ("total_paid", "total_paid_tax_incl",
                                               "total_paid_tax_excl")})
    order.update(total_paid_real=f"{paid:.6f}", current_state=state, id_shop=cart["id_shop"],
                 valid=str(int(state == _STATES["paid"])), id_carrier=cart["id_carrier"],
                 secure_key=customer.get("secure_key", ""),
                 reference=hashlib.sha1(f"{store.host}{order['id']}".encode()).hexdigest()[
                     :9].upper().translate(str.maketrans("0123456789", "GHIJKLMNOP")))
    store.tables["orders"].changed()
    for line in lines:
        store.insert("order_details", {"id_order": str(order["id"]), "id_warehouse": "0",
                                       "id_shop": order["id_shop"], **line})
        for attr in {line["product_attribute_id"], "0"}:
            stock = store.stock(int(line["product_id"]), int(attr), int(order["id_shop"]))
            if stock is not None:
                stock["quantity"] = str(int(stock["quantity"]) - int(line["product_quantity"]))
    store.tables["stock_availables"].changed()
    store.insert("order_carriers", {"id_order": str(order["id"]), "id_carrier":
                                    order["id_carrier"], "date_add": order["date_add"],
                                    "shipping_cost_tax_incl": f"{shipping:.6f}",
                                    "shipping_cost_tax_excl": f"{shipping:.6f}"})
    store.insert("order_histories", {"id_order": str(order["id"]), "id_order_state": state,
                                     "date_add": order["date_add"]})
