"""The PrestaShop 1.7.8 / 8.x schema driver: contract methods -> SQL on the cart's tables.

Multilingual and multistore: names live in ``*_lang`` rows (per language, and per shop for
products and categories) and shop-level values in ``*_shop`` rows; the driver reads the shop
``store_id`` names (else ``PS_SHOP_DEFAULT``) in the language ``lang_id`` names (else
``PS_LANG_DEFAULT``), and writes base, ``_shop`` and ``_lang`` rows together in one
``db.write`` (one transaction). Stock is ``stock_available`` (the shop's own row; shops
sharing stock through their group are not handled). Combinations are child items, attribute
groups options. Categories form a nested set (``nleft``/``nright``/``level_depth``): every
write that changes the tree renumbers it the way ``Category::regenerateEntireNtree`` does, in
the same transaction. Shipments are ``order_carrier`` rows (one tracking number each);
returns are ``order_return`` rows.

Not served: customer passwords (PrestaShop hashes them with bcrypt, which this side does not
compute; ``password`` is refused with 109 rather than silently dropped).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import guard
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge.batch import Batch, delete, update, written_id
from anycart.platforms.bridge.columns import amount, bounded, columns
from anycart.platforms.bridge.connector import BridgeConnector
from anycart.platforms.bridge.nested import NestedSet
from anycart.platforms.bridge.sqlentity import Row, SqlEntity, bind
from anycart.platforms.bridge.sqlkit import (
    InsertId,
    Statement,
    explicit,
    insert,
    scalar,
)
from anycart.platforms.bridge.values import (
    db_moment,
    given_db_time,
    id_list,
    now_db,
    number,
    one_id,
)

from . import mapping as M
from .entities import CUSTOMERS, ENTITIES, OPTIONS, ORDERS, SHIPMENTS, SHOP_WIDE
from .params import APPLIED, NESTED, SAME_AS_DEFAULT

_CONFIG_KEYS = ("PS_LANG_DEFAULT", "PS_SHOP_DEFAULT", "PS_CURRENCY_DEFAULT", "PS_SHOP_NAME",
                "PS_SHOP_EMAIL", "PS_HOME_CATEGORY", "PS_CUSTOMER_GROUP", "PS_TIMEZONE",
                "PS_SSL_ENABLED", "PS_REWRITING_SETTINGS", "PS_ROUTE_product_rule",
                "PS_GUEST_GROUP")
_CART = "PrestaShop"
_NO_DATE = "0000-00-00 00:00:00"


def _touch(table: str, ident: Any) -> Statement:
    """``date_upd`` of the record now (the cart's own "modified" stamp)."""
    key = "id_order" if table == "orders" else f"id_{table}"
    return update(table, {"date_upd": now_db()}, f"{key} = ?", ident)


def _localised_updates(table: str, ident: int, shop: int, lang: int, base: dict[str, Any],
                       shop_cols: dict[str, Any], lang_cols: dict[str, Any]) -> list[Statement]:
    """UPDATEs of ``<table>`` and of its ``_shop`` and ``_lang`` rows (of ``shop``, in
    ``lang``), each only when it has columns to set."""
    key = f"id_{table}"
    out = [update(table, base, f"{key} = ?", ident)] if base else []
    if shop_cols:
        out.append(update(f"{table}_shop", shop_cols, f"{key} = ? AND id_shop = ?", ident, shop))
    if lang_cols:
        out.append(update(f"{table}_lang", lang_cols, f"{key} = ? AND id_shop = ? AND id_lang = ?",
                           ident, shop, lang))
    return out


def _no_password() -> str:
    """A bcrypt-shaped ``passwd`` no password matches: the customer resets it."""
    return "$2y$10$" + secrets.token_hex(27)[:53]


def _secure_key() -> str:
    return hashlib.md5(secrets.token_bytes(16)).hexdigest()


@dataclass(frozen=True)
class _NewOrder:
    email: str
    first_name: str
    last_name: str
    shop: int
    lang: int
    shop_group: int
    state: int
    logable: bool
    lines: list[dict[str, Any]]
    invoice: dict[str, Any]
    delivery: dict[str, Any] | None
    currency: int
    conversion: float
    carrier: int
    payment: str
    totals: dict[str, float]
    paid: float
    stamp: str
    reference: str
    guest_group: int


class PrestaShopConnector(BridgeConnector):
    cart_marker = "prestashop"
    entities = ENTITIES
    _config: dict[str, str] | None = None
    _front: M.Storefront | None = None

    # -- store settings ----------------------------------------------------------------------
    async def _settings(self) -> dict[str, str]:
        """The cart's configuration values the driver needs (the default shop's own value
        wins over the global one)."""
        if self._config is None:
            rows = await self.db.select(
                *bind("SELECT name, value, id_shop FROM {p}configuration WHERE name IN (??)"
                      " ORDER BY id_shop IS NOT NULL, id_configuration", {}, _CONFIG_KEYS))
            self._config = {r["name"]: r["value"] for r in rows if r["value"] is not None}
        return self._config

    async def _setting_int(self, name: str, fallback: int) -> int:
        value = (await self._settings()).get(name)
        return int(value) if value and str(value).isdecimal() else fallback

    async def _shop(self, params: dict[str, Any]) -> int:
        if params.get("store_id") not in (None, ""):
            text = str(params["store_id"])
            if not text.isdecimal():
                raise ApiError.invalid("store_id", "numeric shop id")
            if int(text):  # 0 is the one store cart.info lists: the default shop
                return int(text)
        return await self._setting_int("PS_SHOP_DEFAULT", 1)

    async def _lang(self, params: dict[str, Any]) -> int:
        if params.get("lang_id") not in (None, ""):
            text = str(params["lang_id"])
            if not text.isdecimal():
                raise ApiError.invalid("lang_id", "numeric language id")
            return int(text)
        return await self._setting_int("PS_LANG_DEFAULT", 1)

    async def sql_context(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"shop": await self._shop(params), "lang": await self._lang(params)}

    async def _row(self, entity: SqlEntity, raw: Any, params: dict[str, Any]) -> Row:
        """The raw row of one ``entity`` (as its info reads it, 112 when there is none)."""
        ctx = {**await self.sql_context(params), "method": "info"}
        w = await entity.where(self, params, ctx, entity.info_filters)
        rows = await entity.select(self, w.add(f"{entity.key} = ?", one_id(raw, entity.label)), ctx)
        if not rows:
            raise ApiError.not_found(entity.label, raw)
        return rows[0]

    async def _shop_langs(self, shop: int) -> list[int]:
        rows = await self.db.select("SELECT id_lang FROM {p}lang_shop WHERE id_shop = ?"
                                    " ORDER BY id_lang", [shop])
        return [int(r["id_lang"]) for r in rows] or [await self._lang({})]

    async def _localised_rows(self, table: str, base: dict[str, Any], shop: int,
                              shop_cols: dict[str, Any], lang_cols: dict[str, Any], *,
                              at: int = 0, lang_shop: bool = True) -> list[Statement]:
        """``<table>``'s row, its ``_shop`` row and one ``_lang`` row per language of the
        shop, keyed by the insert id of statement ``at`` of the write (``_lang`` rows of
        products and categories are per shop too)."""
        key = {f"id_{table}": InsertId(at)}
        where = {"id_shop": shop} if lang_shop else {}
        return [insert(table, base), insert(f"{table}_shop", {**key, "id_shop": shop, **shop_cols}),
                *(insert(f"{table}_lang", {**key, **where, "id_lang": lang, **lang_cols})
                  for lang in await self._shop_langs(shop))]

    async def read_zone(self) -> str | None:
        # PrestaShop writes date_add/date_upd with PHP's date() in this zone.
        return (await self._settings()).get("PS_TIMEZONE")

    async def store_info(self, config: dict[str, Any]) -> dict[str, Any]:
        settings = await self._settings()
        currency_id = await self._setting_int("PS_CURRENCY_DEFAULT", 1)
        iso = await scalar(self.db, "SELECT iso_code FROM {p}currency WHERE id_currency = ?",
                           [currency_id])
        return {"name": settings.get("PS_SHOP_NAME"), "email": settings.get("PS_SHOP_EMAIL"),
                "currency": {"id": str(currency_id), "iso3": iso}}

    # -- products ----------------------------------------------------------------------------
    async def storefront(self, shop: int) -> M.Storefront:
        """The shop's link settings (read once per connector)."""
        if self._front is None:
            settings = await self._settings()
            ssl = settings.get("PS_SSL_ENABLED") == "1"
            url = await self.db.select(
                "SELECT domain, domain_ssl, physical_uri, virtual_uri FROM {p}shop_url WHERE"
                " id_shop = ? AND active = 1 ORDER BY main DESC, id_shop_url LIMIT 1", [shop])
            if url:
                host = url[0]["domain_ssl"] if ssl else url[0]["domain"]
                path = f"{url[0]['physical_uri'] or '/'}{url[0]['virtual_uri'] or ''}"
                base = f"{'https' if ssl else 'http'}://{host}/{path.strip('/')}"
            else:  # no shop_url row: the address the merchant connected
                base = str(self.store.store_url or "")
            base = base.rstrip("/") + "/" if base else ""
            rewriting = settings.get("PS_REWRITING_SETTINGS") == "1"
            langs = await self.db.select(
                "SELECT l.id_lang, l.iso_code FROM {p}lang l JOIN {p}lang_shop ls ON"
                " ls.id_lang = l.id_lang AND ls.id_shop = ? WHERE l.active = 1", [shop])
            prefix = {int(r["id_lang"]): f"{r['iso_code']}/" for r in langs} if len(langs) > 1 else {}
            self._front = M.Storefront(base, rewriting, prefix,
                                       settings.get("PS_ROUTE_product_rule") or M.PRODUCT_ROUTE)
        return self._front




    async def _require(self, table: str, ids: Iterable[int], label: str, *, key: str = "",
                       where: str = "", **ctx: Any) -> None:
        """404 naming the first of ``ids`` that ``table`` lacks (``where`` may narrow it,
        binding ``ctx``)."""
        want, key = sorted(set(ids)), key or f"id_{table}"
        if want:
            found = {int(r["id"]) for r in await self.db.select(*bind(
                f"SELECT {key} AS id FROM `{{p}}{table}` WHERE {key} IN (??){where}", ctx, want))}
            missing = [i for i in want if i not in found]
            if missing:
                raise ApiError.not_found(label, missing[0])

    async def _product_exists(self, pid: int, shop: int) -> None:
        await self._require("product_shop", [pid], "Product", key="id_product",
                            where=" AND id_shop = :shop", shop=shop)

    # -- products: writing -------------------------------------------------------------------
    async def _category_positions(self, ids: list[int]) -> dict[int, int]:
        """The next free product position in each category."""
        if not ids:
            return {}
        rows = await self.db.select(*bind(
            "SELECT id_category, MAX(position) AS top FROM {p}category_product"
            " WHERE id_category IN (??) GROUP BY id_category", {}, ids))
        top = {int(r["id_category"]): int(r["top"]) for r in rows}
        return {c: top.get(c, -1) + 1 for c in ids}

    async def _manufacturer(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("manufacturer_id") in (None, ""):
            return {}
        mid = one_id(p["manufacturer_id"], "Manufacturer")
        await self._require("manufacturer", [mid] if mid else [], "Manufacturer")
        return {"id_manufacturer": mid}

    async def _special_statements(self, pid: Any, shop: int, p: dict[str, Any],
                                  adding: bool) -> list[Statement]:
        """``special_price`` (0 removes it) with ``sprice_create``/``sprice_expire`` as the
        shop-wide specific price; the dates alone move the window of the one there is."""
        # `to` before `from` in every column list: bridge.php reads a bare `from` followed by a
        # comma as a comma join.
        window = {col: db_moment(p, src) for src, col in (("sprice_expire", "to"),
                                                          ("sprice_create", "from"))
                  if p.get(src) not in (None, "")}
        if p.get("special_price") in (None, ""):
            if not window:
                return []
            if adding or not await self.db.select(
                    f"SELECT 1 FROM {{p}}specific_price WHERE id_product = ? AND id_shop IN (0, ?)"
                    f" AND {SHOP_WIDE}", [pid, shop]):
                name = "sprice_create" if "from" in window else "sprice_expire"
                raise ApiError.invalid(name, "a date together with special_price (the product"
                                       " has no special price)")
            return [Statement(f"UPDATE {{p}}specific_price SET {', '.join(f'`{c}` = ?' for c in window)}"
                              f" WHERE id_product = ? AND id_shop IN (0, ?) AND {SHOP_WIDE}",
                              [*window.values(), pid, shop])]
        value = amount("special_price", p["special_price"])
        out = [] if adding else [Statement(
            f"DELETE FROM {{p}}specific_price WHERE id_product = ? AND id_shop IN (0, ?) AND {SHOP_WIDE}",
            [pid, shop])]
        if value:
            out.append(insert("specific_price", {
                "id_specific_price_rule": 0, "id_cart": 0, "id_product": pid, "id_shop": shop,
                "id_shop_group": 0, "id_currency": 0, "id_country": 0, "id_group": 0,
                "id_customer": 0, "id_product_attribute": 0, "price": value, "from_quantity": 1,
                "reduction": 0, "reduction_tax": 1, "reduction_type": "amount",
                "to": window.get("to", _NO_DATE), "from": window.get("from", _NO_DATE)}))
        return out

    async def product_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        if str(p.get("type") or "simple") not in ("simple", "virtual"):
            raise ApiError.invalid("type", "simple or virtual (combinations are added as"
                                   " child items)")
        name = call.require("name")
        call.require("price")
        shop = await self._shop(p)
        M.one_value(p)
        cols = columns(p, M.PRODUCT_COLUMNS)
        if not cols["product"].get("reference"):
            raise ApiError.required("model")
        cats = id_list(p, "categories_ids") or id_list(p, "category_id") or []
        await self._require("category", cats, "Category")
        default_cat = cats[0] if cats else await self._setting_int("PS_HOME_CATEGORY", 2)
        stamp = given_db_time(p, "created_at") or now_db()
        quantity = int(p.get("quantity") or 0)
        shared = {"id_category_default": default_cat, "id_tax_rules_group": 0, "active": 1,
                  "available_for_order": 1, "visibility": "both", "date_add": stamp,
                  "date_upd": stamp}
        virtual = bool(p.get("is_virtual")) or p.get("type") == "virtual"
        cols["product"]["is_virtual"] = 1 if virtual else 0
        base = {**shared, "id_shop_default": shop, "quantity": quantity,
                "product_type": "virtual" if virtual else "standard",
                **await self._manufacturer(p), **cols["product"]}
        cols["product_lang"].setdefault("link_rewrite", M.link_rewrite(str(name)))
        statements = await self._localised_rows("product", base, shop,
                                                {**shared, **cols["product_shop"]},
                                                cols["product_lang"])
        statements.append(insert("stock_available", {
            "id_product": InsertId(0), "id_product_attribute": 0, "id_shop": shop,
            "id_shop_group": 0, "quantity": quantity, "physical_quantity": quantity}))
        positions = await self._category_positions(cats or [default_cat])
        statements += [insert("category_product", {"id_category": c, "id_product": InsertId(0),
                                                    "position": pos})
                       for c, pos in positions.items()]
        statements += await self._special_statements(InsertId(0), shop, p, adding=True)
        written = await self.db.write(statements)
        return {"product_id": str(written[0].insert_id)}

    async def product_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        pid = one_id(call.require("id"), "Product")
        shop, lang = await self._shop(p), await self._lang(p)
        await self._product_exists(pid, shop)
        M.one_value(p)
        cols = columns(p, M.PRODUCT_COLUMNS)
        cols["product"].update(await self._manufacturer(p))
        statements = await self._stock_statements(pid, 0, shop, p)
        statements += await self._category_statements(pid, shop, p)
        statements += await self._special_statements(pid, shop, p, adding=False)
        if not statements and not any(cols.values()):
            raise ApiError.nothing_to_update()
        stamp = now_db()
        if "quantity" in p:
            cols["product"]["quantity"] = int(p["quantity"])
        await self.db.write([*_localised_updates(
            "product", pid, shop, lang, {**cols["product"], "date_upd": stamp},
            {**cols["product_shop"], "date_upd": stamp}, cols["product_lang"]), *statements])
        return {"updated_items": 1}

    async def _stock_statements(self, pid: int, pa: int, shop: int,
                                p: dict[str, Any]) -> list[Statement]:
        delta = float(p.get("increase_quantity") or 0) - float(p.get("reduce_quantity") or 0)
        if p.get("quantity") is None and not delta:
            return []
        rows = await self.db.select(
            "SELECT id_stock_available, quantity FROM {p}stock_available WHERE id_product = ?"
            " AND id_product_attribute = ? AND id_shop = ?", [pid, pa, shop])
        current = int(rows[0]["quantity"]) if rows else 0
        quantity = int(p["quantity"]) if p.get("quantity") is not None else current
        quantity += int(delta)
        if rows:
            return [update("stock_available", {"quantity": quantity, "physical_quantity": quantity},
                            "id_stock_available = ?", rows[0]["id_stock_available"])]
        return [insert("stock_available", {"id_product": pid, "id_product_attribute": pa,
                                            "id_shop": shop, "id_shop_group": 0,
                                            "quantity": quantity, "physical_quantity": quantity})]

    async def _category_statements(self, pid: int, shop: int, p: dict[str, Any]) -> list[Statement]:
        """``categories_ids`` replaces the product's categories (and its default category
        when that one is dropped)."""
        cats = id_list(p, "categories_ids")
        if cats is None:
            return []
        if not cats:
            raise ApiError.invalid("categories_ids", "at least one category id")
        await self._require("category", cats, "Category")
        current = {int(r["id_category"]) for r in await self.db.select(
            "SELECT id_category FROM {p}category_product WHERE id_product = ?", [pid])}
        ctx = {"pid": pid, "shop": shop, "first": cats[0]}
        out = [Statement(*bind("DELETE FROM {p}category_product WHERE id_product = :pid AND"
                               " id_category NOT IN (??)", ctx, cats))]
        positions = await self._category_positions([c for c in cats if c not in current])
        out += [insert("category_product", {"id_category": c, "id_product": pid, "position": pos})
                for c, pos in positions.items()]
        for table, scope in (("product", ""), ("product_shop", " AND id_shop = :shop")):
            out.append(Statement(*bind(
                f"UPDATE {{p}}{table} SET id_category_default = :first WHERE id_product = :pid"
                f"{scope} AND (id_category_default IS NULL OR id_category_default NOT IN (??))",
                ctx, cats)))
        return out

    async def product_delete(self, call: Call) -> dict[str, Any]:
        """What Product::delete removes (PrestaShop 8.1 classes/Product.php), in one write:
        the product's shop and language rows, stock, combinations (Combination::delete),
        images (Image::delete) and their files, category links, features and their custom
        values, tags (and tags no product uses any more), cart lines, attachments links,
        customization fields, specific prices, packs, sales, search index, accessories both
        ways, carrier restrictions, supplier links, the download, group reduction cache and
        the product rules of cart rules."""
        pid = one_id(call.require("id"), "Product")
        await self._require("product", [pid], "Product")
        images = [int(r["id_image"]) for r in await self.db.select(
            "SELECT id_image FROM {p}image WHERE id_product = ?", [pid])]
        combos = [int(r["id_product_attribute"]) for r in await self.db.select(
            "SELECT id_product_attribute FROM {p}product_attribute WHERE id_product = ?", [pid])]
        statements = [
            *delete(("image_lang", "product_attribute_image"), "id_image IN (??)", images),
            *delete(("product_attribute_combination", "product_attribute_lang",
                     "product_attribute_image"), "id_product_attribute IN (??)", combos),
            # custom feature values belong to this product alone (Product::deleteFeatures)
            Statement("DELETE FROM {p}feature_value_lang WHERE id_feature_value IN (SELECT"
                      " fp.id_feature_value FROM {p}feature_product fp JOIN {p}feature_value fv"
                      " ON fv.id_feature_value = fp.id_feature_value WHERE fp.id_product = ?"
                      " AND fv.custom = 1)", [pid]),
            Statement("DELETE FROM {p}feature_value WHERE custom = 1 AND id_feature_value IN"
                      " (SELECT fp.id_feature_value FROM {p}feature_product fp WHERE"
                      " fp.id_product = ?)", [pid]),
            Statement("DELETE FROM {p}customization_field_lang WHERE id_customization_field IN"
                      " (SELECT cf.id_customization_field FROM {p}customization_field cf WHERE"
                      " cf.id_product = ?)", [pid]),
            *delete(("category_product", "stock_available", "product_lang", "product_shop",
                     "image_shop", "image", "product_attribute_shop", "product_attribute",
                     "product_group_reduction_cache", "feature_product", "product_tag",
                     "cart_product", "product_attachment", "customization_field", "specific_price",
                     "product_sale", "search_index", "product_carrier", "product_supplier",
                     "product_download"), "id_product = ?", pid),
            # Tag::deleteTagsForProduct drops the tags no product carries any more
            *delete(("tag",), "NOT EXISTS (SELECT 1 FROM {p}product_tag pt WHERE pt.id_tag ="
                    " {p}tag.id_tag)"),
            *delete(("pack",), "id_product_pack = ? OR id_product_item = ?", pid),
            *delete(("accessory",), "id_product_1 = ? OR id_product_2 = ?", pid),
            *self._cart_rule_integrity("products", [pid]),
            *delete(("product",), "id_product = ?", pid)]
        await self.db.write(statements)
        for image_id in images:
            await self.files.delete(M.image_path(image_id))
        return {"delete_items": 1}

    @staticmethod
    def _cart_rule_integrity(kind: str, ids: list[int]) -> list[Statement]:
        """CartRule::cleanProductRuleIntegrity: a deleted product or category leaves the
        product rules of cart rules, and rules and groups left empty go."""
        return [
            Statement(*bind("DELETE FROM {p}cart_rule_product_rule_value WHERE id_item IN (??)"
                            " AND id_product_rule IN (SELECT r.id_product_rule FROM"
                            " {p}cart_rule_product_rule r WHERE r.type = :kind)", {"kind": kind}, ids)),
            Statement("DELETE FROM {p}cart_rule_product_rule WHERE NOT EXISTS (SELECT 1 FROM"
                      " {p}cart_rule_product_rule_value v WHERE v.id_product_rule ="
                      " {p}cart_rule_product_rule.id_product_rule)"),
            Statement("DELETE FROM {p}cart_rule_product_rule_group WHERE NOT EXISTS (SELECT 1 FROM"
                      " {p}cart_rule_product_rule r WHERE r.id_product_rule_group ="
                      " {p}cart_rule_product_rule_group.id_product_rule_group)")]

    # -- product images ----------------------------------------------------------------------
    async def product_image_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        pid = one_id(call.require("product_id"), "Product")
        kind = str(call.require("type")).lower()
        if kind not in ("small", "base", "additional", "thumbnail"):
            raise ApiError.invalid("type", "small, base, additional or thumbnail")
        if not p.get("content") and not p.get("url"):
            raise ApiError.required("url")
        shop = await self._shop(p)
        await self._product_exists(pid, shop)
        data = await self.image_data(p)  # a bad image is refused before any row changes
        current = await self.db.select("SELECT id_image, position, cover FROM {p}image"
                                       " WHERE id_product = ?", [pid])
        cover = kind in ("base", "small", "thumbnail") or not any(r["cover"] for r in current)
        position = int(p.get("position") or 0) or 1 + max([int(r["position"]) for r in current] or [0])
        statements: list[Statement] = []
        if cover:
            statements += [Statement(f"UPDATE {{p}}{t} SET cover = NULL WHERE id_product = ?", [pid])
                           for t in ("image", "image_shop")]
        index, flag = len(statements), 1 if cover else None
        statements += await self._localised_rows(
            "image", {"id_product": pid, "position": position, "cover": flag}, shop,
            {"id_product": pid, "cover": flag},
            {"legend": bounded("label", p.get("label") or "", 128) or None},
            at=index, lang_shop=False)
        statements.append(_touch("product", pid))
        image_id = (await self.db.write(statements))[index].insert_id
        path = M.image_path(image_id)
        try:
            await self.save_image(path.rsplit("/", 1)[0], {**p, "image_name": path.rsplit("/", 1)[1]}, data)
        except Exception:
            # No file, no image: the rows go, and a cover taken away is not given back.
            await self.db.write(delete(("image_lang", "image_shop", "image"), "id_image = ?",
                                       image_id))
            raise
        return {"id": str(image_id), "image_path": path}

    async def product_image_delete(self, call: Call) -> dict[str, Any]:
        pid = one_id(call.require("product_id"), "Product")
        image_id = one_id(call.require("id"), "Image")
        rows = await self.db.select("SELECT cover FROM {p}image WHERE id_image = ? AND id_product = ?",
                                    [image_id, pid])
        if not rows:
            raise ApiError.not_found("Image", image_id)
        statements = delete(("image_lang", "image_shop", "product_attribute_image", "image"),
                            "id_image = ?", image_id)
        if rows[0]["cover"]:
            following = await self.db.select(
                "SELECT id_image FROM {p}image WHERE id_product = ? AND id_image <> ?"
                " ORDER BY position, id_image LIMIT 1", [pid, image_id])
            if following:
                statements += [Statement(f"UPDATE {{p}}{t} SET cover = 1 WHERE id_image = ?",
                                         [following[0]["id_image"]]) for t in ("image", "image_shop")]
        statements.append(_touch("product", pid))
        await self.db.write(statements)
        await self.files.delete(M.image_path(image_id))
        return {"deleted": "true"}

    # -- combinations and options ------------------------------------------------------------




    async def product_option_list(self, call: Call) -> Page:
        """The attribute groups a product's combinations use, or every attribute group of
        the shop (with all its attributes) when no ``product_id`` is given."""
        shop, lang = await self._shop(call.params), await self._lang(call.params)
        if call.params.get("product_id") not in (None, ""):
            pid = one_id(call.params["product_id"], "Product")
            await self._product_exists(pid, shop)
            rows = await self.db.select(*bind(f"{OPTIONS} WHERE pa.id_product = :pid",
                                              {"lang": lang, "pid": pid}))
        else:
            rows = await self.db.select(
                "SELECT a.id_attribute, a.id_attribute_group, a.color,"
                " a.position AS attribute_position, al.name AS attribute_name, ag.group_type,"
                " ag.is_color_group, ag.position AS group_position, agl.name AS group_name,"
                " agl.public_name FROM {p}attribute_group ag"
                " JOIN {p}attribute_group_shop ags ON ags.id_attribute_group = ag.id_attribute_group"
                " AND ags.id_shop = ?"
                " JOIN {p}attribute a ON a.id_attribute_group = ag.id_attribute_group"
                " LEFT JOIN {p}attribute_lang al ON al.id_attribute = a.id_attribute AND al.id_lang = ?"
                " LEFT JOIN {p}attribute_group_lang agl ON agl.id_attribute_group = ag.id_attribute_group"
                " AND agl.id_lang = ?", [shop, lang, lang])
        options = M.product_options(rows)
        for o in options:
            o["used_in_combination"] = bool(call.params.get("product_id"))
        return Page(options[call.start:call.start + call.count], len(options))

    # -- categories ----------------------------------------------------------------------------






    async def category_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        name = call.require("name")
        shop = await self._shop(p)
        parent = one_id(p["parent_id"], "Category") if p.get("parent_id") not in (None, "") \
            else await self._setting_int("PS_HOME_CATEGORY", 2)
        tree = await NestedSet.read(self.db)
        siblings = [int(r["position"]) for r in tree.rows.values() if int(r["id_parent"]) == parent]
        position = int(p["sort_order"]) if p.get("sort_order") else 1 + max(siblings or [-1])
        renumber, (left, right, depth) = tree.add(parent, position)
        stamp = given_db_time(p, "created_time") or now_db()
        changed = given_db_time(p, "modified_time") or stamp
        lang_cols = columns(p, M.CATEGORY_LANG)["category_lang"]
        lang_cols.setdefault("link_rewrite", M.link_rewrite(str(name)))
        statements = await self._localised_rows("category", {
            "id_parent": parent, "id_shop_default": shop, "level_depth": depth, "nleft": left,
            "nright": right, "active": 0 if p.get("avail") is False else 1, "date_add": stamp,
            "date_upd": changed, "position": position, "is_root_category": 0}, shop,
            {"position": position}, lang_cols)
        groups = await self.db.select("SELECT id_group FROM {p}category_group WHERE id_category = ?",
                                      [parent])
        statements += [insert("category_group", {"id_category": InsertId(0),
                                                  "id_group": g["id_group"]}) for g in groups]
        written = await self.db.write(statements + renumber)
        return {"category_id": str(written[0].insert_id)}

    async def category_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        cid = one_id(call.require("id"), "Category")
        shop, lang = await self._shop(p), await self._lang(p)
        tree = await NestedSet.read(self.db)
        tree.need(cid)
        base: dict[str, Any] = {}
        statements: list[Statement] = []
        if p.get("avail") is not None:
            base["active"] = 1 if p["avail"] else 0
        if p.get("sort_order") is not None:
            base["position"] = int(p["sort_order"])
        if p.get("parent_id") not in (None, ""):
            base["id_parent"] = one_id(p["parent_id"], "Category")
            statements += tree.move(cid, base["id_parent"], base.get("position"))
        lang_cols = columns(p, M.CATEGORY_LANG)["category_lang"]
        if not base and not statements and not lang_cols:
            raise ApiError.nothing_to_update()
        base["date_upd"] = given_db_time(p, "modified_time") or now_db()
        shop_cols = {"position": base["position"]} if "position" in base else {}
        await self.db.write([*_localised_updates("category", cid, shop, lang, base, shop_cols,
                                                 lang_cols), *statements])
        return {"updated_items": 1}

    async def category_delete(self, call: Call) -> dict[str, Any]:
        """Deletes the category and its subcategories with what Category::delete removes
        (language, shop, group, product links, group reductions, the category rules of cart
        rules) and renumbers the tree; their products stay, moved to the parent."""
        cid = one_id(call.require("id"), "Category")
        tree = await NestedSet.read(self.db, extra=", is_root_category")
        row = tree.need(cid)
        if int(row["id_parent"]) == 0 or int(row["is_root_category"]):
            raise ApiError.invalid("id", "a category below the shop's root category")
        doomed = tree.subtree(cid)
        ids = sorted(doomed)
        parent = int(row["id_parent"])
        # Products left in no category are linked to the parent (the back office's default
        # "link" mode); their default category moves to the parent.
        orphans = [int(r["id_product"]) for r in await self.db.select(*bind(
            "SELECT DISTINCT cp.id_product FROM {p}category_product cp WHERE cp.id_category IN"
            " (??) AND NOT EXISTS (SELECT 1 FROM {p}category_product o WHERE"
            " o.id_product = cp.id_product AND o.id_category NOT IN (??))", {}, ids))]
        start = (await self._category_positions([parent]))[parent]
        statements = delete(("category_lang", "category_shop", "category_group",
                             "category_product", "group_reduction", "category"),
                            "id_category IN (??)", ids)
        statements += self._cart_rule_integrity("categories", ids)
        statements += [insert("category_product", {"id_category": parent, "id_product": pid,
                                                    "position": start + n})
                       for n, pid in enumerate(orphans)]
        statements += [Statement(*bind(f"UPDATE {{p}}{t} SET id_category_default = :parent WHERE"
                                       " id_category_default IN (??)", {"parent": parent}, ids))
                       for t in ("product", "product_shop")]
        statements += tree.without(doomed)
        await self.db.write(statements)
        return {"delete_items": True}

    async def _assignment(self, call: Call) -> tuple[int, int]:
        cid = one_id(call.require("category_id"), "Category")
        pid = one_id(call.require("product_id"), "Product")
        await self._require("category", [cid], "Category")
        await self._require("product", [pid], "Product")
        return cid, pid

    async def category_assign(self, call: Call) -> dict[str, Any]:
        cid, pid = await self._assignment(call)
        if not await self.db.select("SELECT 1 FROM {p}category_product WHERE id_category = ?"
                                    " AND id_product = ?", [cid, pid]):
            position = (await self._category_positions([cid]))[cid]
            await self.db.write([
                insert("category_product", {"id_category": cid, "id_product": pid,
                                             "position": position}),
                _touch("product", pid)])
        return {}

    async def category_unassign(self, call: Call) -> dict[str, Any]:
        cid, pid = await self._assignment(call)
        done = await self.db.write([
            Statement("DELETE FROM {p}category_product WHERE id_category = ? AND id_product = ?",
                      [cid, pid]),
            _touch("product", pid)])
        if not done[0].affected:
            raise ApiError.not_found("Product category", f"{pid}/{cid}")
        return {}

    # -- customers -----------------------------------------------------------------------------





    async def _groups_of(self, p: dict[str, Any]) -> list[int] | None:
        ids = id_list(p, "group_ids") or id_list(p, "group_id")
        if ids is None and p.get("group") not in (None, ""):
            found = await self.db.select("SELECT id_group FROM {p}group_lang WHERE name = ? LIMIT 1",
                                         [str(p["group"])])
            if not found:
                raise ApiError.not_found("Customer group", p["group"], "name")
            ids = [int(found[0]["id_group"])]
        await self._require("group", ids or [], "Customer group")
        return ids

    @staticmethod
    def _customer_columns(p: dict[str, Any]) -> dict[str, Any]:
        if p.get("password") not in (None, ""):
            raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'password' is not supported:"
                           " PrestaShop keeps bcrypt hashes the bridge driver does not compute."
                           " The customer can set a password with 'Forgot your password?'.")
        cols = columns(p, M.CUSTOMER_COLUMNS)["customer"]
        if "email" in cols and "@" not in cols["email"]:
            raise ApiError.invalid("email", "e-mail address")
        return cols

    async def _country(self, value: Any, name: str) -> int:
        text = str(value or "").strip()
        if not text:
            raise ApiError.required(name)
        rows = await self.db.select(
            "SELECT co.id_country FROM {p}country co LEFT JOIN {p}country_lang cl"
            " ON cl.id_country = co.id_country WHERE co.iso_code = ? OR cl.name = ? LIMIT 1",
            [text.upper(), text])
        if not rows:
            raise ApiError.invalid(name, "a country of the shop (ISO 3166-1 alpha-2 code or name)")
        return int(rows[0]["id_country"])

    async def _state(self, country: int, value: Any, name: str) -> int | None:
        text = str(value or "").strip()
        if not text:
            return None
        rows = await self.db.select("SELECT id_state FROM {p}state WHERE id_country = ? AND"
                                    " (iso_code = ? OR name = ?) LIMIT 1", [country, text.upper(), text])
        if not rows:
            raise ApiError.invalid(name, "a state of the country (code or name)")
        return int(rows[0]["id_state"])

    async def _address_columns(self, a: dict[str, Any], prefix: str, names: dict[str, Any]) -> dict[str, Any]:
        """An address from contract fields named ``<prefix>address1`` ... (prefix ``""`` for
        customer.address.add, ``address_book_`` in customer.add, ``bill_`` in order.add)."""
        def get(key: str) -> Any:
            return a.get(prefix + key)
        address1 = get("address1") if get("address1") is not None else get("address_1")
        if not address1:
            raise ApiError.required(prefix + "address1")
        if not get("city"):
            raise ApiError.required(prefix + "city")
        country = await self._country(get("country"), prefix + "country")
        stamp = now_db()
        return {"id_country": country, "id_state": await self._state(country, get("state"), prefix + "state"),
                "alias": bounded(prefix + "alias", get("alias") or "My address", 32),
                "company": get("company"),
                "lastname": bounded(prefix + "last_name", get("last_name") or names.get("lastname") or "", 255),
                "firstname": bounded(prefix + "first_name", get("first_name") or names.get("firstname") or "", 255),
                "address1": bounded(prefix + "address1", address1, 128),
                "address2": get("address2") if get("address2") is not None else get("address_2"),
                "postcode": bounded(prefix + "postcode", get("postcode") or "", 12) or None,
                "city": bounded(prefix + "city", get("city"), 64), "phone": get("phone"),
                "phone_mobile": get("phone_mobile"), "vat_number": get("tax_id"),
                "dni": get("identification_number"), "date_add": stamp, "date_upd": stamp}

    async def customer_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        email = str(call.require("email"))
        cols = self._customer_columns(p)
        if await self.db.select("SELECT 1 FROM {p}customer WHERE email = ? AND deleted = 0"
                                " AND is_guest = 0", [email]):
            raise ApiError(ReturnCode.ALREADY_EXISTS, f"Customer with email {email} already exists")
        shop = await self._shop(p)
        groups = await self._groups_of(p) or [await self._setting_int("PS_CUSTOMER_GROUP", 3)]
        stamp = given_db_time(p, "created_time") or now_db()
        cols.setdefault("firstname", "")
        cols.setdefault("lastname", "")
        cols.setdefault("active", 1)
        row = {"id_shop_group": 1, "id_shop": shop, "id_gender": 0, "id_default_group": groups[0],
               "id_lang": await self._lang(p),
               "passwd": _no_password(), "secure_key": _secure_key(),
               "date_add": stamp, "date_upd": stamp, **cols}
        if modified := given_db_time(p, "modified_time"):
            row["date_upd"] = modified
        statements = [insert("customer", row)]
        statements += [insert("customer_group", {"id_customer": InsertId(0), "id_group": g})
                       for g in groups]
        for entry in p.get("address") or []:
            address = await self._address_columns(entry, "address_book_", row)
            statements.append(insert("address", {**address, "id_customer": InsertId(0)}))
        written = await self.db.write(statements)
        return {"customer_id": str(written[0].insert_id)}

    async def customer_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        cid = one_id(call.require("id"), "Customer")
        await self._row(CUSTOMERS, cid, {})
        cols = self._customer_columns(p)
        if "email" in cols and await self.db.select(
                "SELECT 1 FROM {p}customer WHERE email = ? AND deleted = 0 AND is_guest = 0"
                " AND id_customer <> ?", [cols["email"], cid]):
            raise ApiError(ReturnCode.ALREADY_EXISTS, f"Customer with email {cols['email']} already exists")
        groups = await self._groups_of(p)
        statements: list[Statement] = []
        if groups:
            cols["id_default_group"] = groups[0]
            statements.append(Statement("DELETE FROM {p}customer_group WHERE id_customer = ?", [cid]))
            statements += [insert("customer_group", {"id_customer": cid, "id_group": g}) for g in groups]
        if not cols:
            raise ApiError.nothing_to_update()
        cols["date_upd"] = now_db()
        await self.db.write([update("customer", cols, "id_customer = ?", cid), *statements])
        return {"updated_items": 1}

    async def customer_delete(self, call: Call) -> dict[str, Any]:
        """A customer with orders is kept as ``deleted = 1`` (the orders point at it and its
        addresses), the back office's "do not allow registration" mode; one without goes
        as Customer::delete removes it: addresses, groups, messages, specific prices, carts
        and their lines, customer service threads and messages, and the cart rules made
        for the customer (CartRule::delete)."""
        cid = one_id(call.require("id"), "Customer")
        await self._row(CUSTOMERS, cid, {})
        if await self.db.select("SELECT 1 FROM {p}orders WHERE id_customer = ? LIMIT 1", [cid]):
            stamp = now_db()
            statements = [
                Statement("UPDATE {p}customer SET deleted = 1, active = 0, date_upd = ? WHERE"
                          " id_customer = ?", [stamp, cid]),
                Statement("UPDATE {p}address SET deleted = 1, date_upd = ? WHERE id_customer = ?",
                          [stamp, cid])]
        else:
            rules = [int(r["id_cart_rule"]) for r in await self.db.select(
                "SELECT id_cart_rule FROM {p}cart_rule WHERE id_customer = ?", [cid])]
            statements = [
                Statement("DELETE FROM {p}cart_product WHERE id_cart IN (SELECT c.id_cart FROM"
                          " {p}cart c WHERE c.id_customer = ?)", [cid]),
                Statement("DELETE FROM {p}cart_cart_rule WHERE id_cart IN (SELECT c.id_cart FROM"
                          " {p}cart c WHERE c.id_customer = ?)", [cid]),
                Statement("DELETE FROM {p}customer_message WHERE id_customer_thread IN (SELECT"
                          " t.id_customer_thread FROM {p}customer_thread t WHERE t.id_customer = ?)",
                          [cid])]
            statements += delete(("cart", "customer_thread", "customer_group", "message",
                                  "specific_price", "address"), "id_customer = ?", cid)
            statements += self._cart_rule_delete(rules)
            statements.append(Statement("DELETE FROM {p}customer WHERE id_customer = ?", [cid]))
        await self.db.write(statements)
        return {"delete_items": 1}

    @staticmethod
    def _cart_rule_delete(ids: list[int]) -> list[Statement]:
        """CartRule::delete for each rule: its language, shop, restriction, combination,
        product rule and cart rows."""
        return [
            *delete(("cart_rule_product_rule_value",), "id_product_rule IN (SELECT"
                    " r.id_product_rule FROM {p}cart_rule_product_rule r JOIN"
                    " {p}cart_rule_product_rule_group g ON g.id_product_rule_group ="
                    " r.id_product_rule_group WHERE g.id_cart_rule IN (??))", ids),
            *delete(("cart_rule_product_rule",), "id_product_rule_group IN (SELECT"
                    " g.id_product_rule_group FROM {p}cart_rule_product_rule_group g"
                    " WHERE g.id_cart_rule IN (??))", ids),
            *delete(("cart_rule_combination",), "id_cart_rule_1 IN (??) OR id_cart_rule_2 IN (??)",
                    ids),
            *delete(("cart_rule_product_rule_group", "cart_rule_lang", "cart_rule_shop",
                     "cart_rule_group", "cart_rule_country", "cart_rule_carrier", "cart_cart_rule",
                     "cart_rule"), "id_cart_rule IN (??)", ids)]

    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        cid = one_id(call.require("customer_id"), "Customer")
        customer = await self._row(CUSTOMERS, cid, {})
        columns = await self._address_columns(call.params, "", customer)
        written = await self.db.write([
            insert("address", {**columns, "id_customer": cid}),
            _touch("customer", cid)])
        return {"id": str(written[0].insert_id)}


    # -- orders --------------------------------------------------------------------------------
    async def _states(self, table: str, lang: int) -> dict[int, str]:
        """Order (``order_state``) or return (``order_return_state``) statuses by id."""
        deleted = " WHERE s.deleted = 0" if table == "order_state" else ""
        rows = await self.db.select(
            f"SELECT s.id_{table} AS id, sl.name FROM {{p}}{table} s LEFT JOIN {{p}}{table}_lang sl"
            f" ON sl.id_{table} = s.id_{table} AND sl.id_lang = ?{deleted} ORDER BY s.id_{table}",
            [lang])
        return {int(r["id"]): r["name"] for r in rows}

    async def state_ids(self, table: str, values: list[Any], lang: int, name: str) -> list[int]:
        """Status ids or names as ids; 109 naming ``name`` for one the shop lacks."""
        statuses = await self._states(table, lang)
        by_name = {str(n).lower(): i for i, n in statuses.items()}
        out = []
        for value in values:
            text = str(value).strip()
            sid = int(text) if text.isdecimal() and int(text) in statuses else by_name.get(text.lower())
            if sid is None:
                kind = "an order" if table == "order_state" else "a return"
                method = "order" if table == "order_state" else "return"
                raise ApiError.invalid(name, f"{kind} status id or name of {method}.status.list")
            out.append(sid)
        return out

    async def order_status_list(self, call: Call) -> dict[str, Any]:
        statuses = await self._states("order_state", await self._lang(call.params))
        return {"cart_order_statuses": [{"id": str(i), "name": n} for i, n in statuses.items()],
                "additional_fields": {}, "custom_fields": {}}

    async def order_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        order = await self._row(ORDERS, call.require("order_id"), p)
        lang = await self._lang(p)
        oid = int(order["id_order"])
        stamp = given_db_time(p, "date_modified") or now_db()
        cols: dict[str, Any] = {}
        statements: list[Statement] = []
        if p.get("order_status") not in (None, ""):
            state = (await self.state_ids("order_state", [p["order_status"]], lang, "order_status"))[0]
            logable = await scalar(self.db, "SELECT logable FROM {p}order_state WHERE id_order_state = ?",
                                   [state])
            cols.update(current_state=state, valid=1 if logable else 0)
            statements.append(insert("order_history", {"id_employee": 0, "id_order": oid,
                                                        "id_order_state": state, "date_add": stamp}))
        if p.get("order_payment_method") not in (None, ""):
            cols["payment"] = bounded("order_payment_method", p["order_payment_method"], 255)
        if p.get("admin_private_comment") is not None:
            cols["note"] = str(p["admin_private_comment"])
        for src, private in (("comment", 0), ("admin_comment", 1)):
            if p.get(src) not in (None, ""):
                statements.append(insert("message", {
                    "id_customer": order["id_customer"], "id_order": oid, "id_employee": 0,
                    "message": str(p[src]), "private": private, "date_add": stamp}))
        if not cols and not statements:
            raise ApiError.nothing_to_update()
        cols["date_upd"] = stamp
        await self.db.write([update("orders", cols, "id_order = ?", oid), *statements])
        return {"updated_items": 1}

    async def _order_lines(self, items: list[dict[str, Any]], lang: int) -> list[dict[str, Any]]:
        if not items:
            raise ApiError.required("order_item")
        ids = [one_id(i.get("order_item_id"), "Product") for i in items]
        known = {int(r["id_product"]): r for r in await self.db.select(*bind(
            "SELECT p.id_product, p.reference, p.weight, pl.name FROM {p}product p LEFT JOIN"
            " {p}product_lang pl ON pl.id_product = p.id_product AND pl.id_lang = :lang"
            " WHERE p.id_product IN (??)", {"lang": lang}, ids))}
        lines = []
        for pid, item in zip(ids, items, strict=False):
            if pid not in known:
                raise ApiError.not_found("Product", pid)
            qty = int(item.get("order_item_quantity") or 1)
            price = float(item.get("order_item_price") or 0)
            tax = float(item.get("order_item_tax") or 0)
            lines.append({"product_id": pid, "product_attribute_id": int(item.get("order_item_variant_id") or 0),
                          "product_name": str(item.get("order_item_name") or known[pid]["name"] or ""),
                          "product_reference": item.get("order_item_model") or known[pid]["reference"],
                          "product_quantity": qty, "product_price": price,
                          "unit_price_tax_excl": price, "unit_price_tax_incl": round(price * (1 + tax / 100), 6),
                          "total_price_tax_excl": round(price * qty, 6),
                          "total_price_tax_incl": round(price * qty * (1 + tax / 100), 6),
                          "original_product_price": price, "tax_rate": tax, "tax_name": "",
                          "product_weight": float(item.get("order_item_weight") or known[pid]["weight"] or 0)})
        return lines

    async def _order_carrier(self, p: dict[str, Any]) -> int:
        """``carrier_id``, else the carrier named ``order_shipping_method``, else the shop's
        first active carrier: ``orders.id_carrier`` is how PrestaShop names the shipping."""
        if p.get("carrier_id") not in (None, ""):
            cid = one_id(p["carrier_id"], "Carrier")
            await self._require("carrier", [cid], "Carrier", where=" AND deleted = 0")
            return cid
        if p.get("order_shipping_method") not in (None, ""):
            found = await scalar(self.db, "SELECT id_carrier FROM {p}carrier WHERE name = ? AND"
                                          " deleted = 0 ORDER BY active DESC, id_carrier LIMIT 1",
                                 [str(p["order_shipping_method"])])
            if found is None:
                raise ApiError.invalid("order_shipping_method", "the name of one of the shop's carriers")
            return int(found)
        return int(await scalar(self.db, "SELECT id_carrier FROM {p}carrier WHERE deleted = 0 AND"
                                         " active = 1 ORDER BY position, id_carrier LIMIT 1") or 0)

    async def _payment_module(self, payment: str) -> str:
        """``orders.module``: the technical name of the installed payment module the method
        names (PaymentModule::validateOrder writes its own name), else the method as a module
        name (``[a-z0-9_-]``, what Validate::isModuleName accepts)."""
        found = await scalar(
            self.db, "SELECT m.name FROM {p}module m JOIN {p}hook_module hm ON hm.id_module = m.id_module"
                     " JOIN {p}hook h ON h.id_hook = hm.id_hook AND h.name = 'paymentOptions'"
                     " WHERE m.name = ? LIMIT 1", [payment.strip().lower()])
        if found:
            return str(found)
        slug = "".join(c if c.isalnum() else "_" for c in payment.strip().lower())
        return "_".join(part for part in slug.split("_") if part)[:64] or "anycart"

    async def order_add(self, call: Call) -> dict[str, Any]:
        """One write, as PaymentModule::validateOrder makes it: a guest customer when the
        e-mail is unknown, the invoice (and delivery) address, the order, its lines, its
        first status, its shipment row and, when paid, its payment. Stock is not touched
        (``inventory_behaviour=bypass``, the contract's default)."""
        p = call.params
        if str(p.get("inventory_behaviour") or "bypass") != "bypass":
            raise ApiError.invalid("inventory_behaviour", "bypass (the PrestaShop driver does"
                                   " not move stock on order.add)")
        o = await self._new_order(call)
        batch = Batch()
        customer = await self._order_customer(batch, o)
        invoice = batch.insert("address", {**o.invoice, "id_customer": customer})
        delivery = batch.insert("address", {**o.delivery, "id_customer": customer}) \
            if o.delivery else invoice
        order = batch.insert("orders", {
            **o.totals, "reference": o.reference, "id_shop_group": o.shop_group,
            "id_shop": o.shop, "id_carrier": o.carrier, "id_lang": o.lang,
            "conversion_rate": o.conversion, "id_customer": customer, "id_cart": 0,
            "id_currency": o.currency, "id_address_delivery": delivery,
            "id_address_invoice": invoice, "current_state": o.state,
            "secure_key": hashlib.md5(o.reference.encode()).hexdigest(),
            "payment": bounded("order_payment_method", o.payment, 255),
            "module": await self._payment_module(o.payment), "invoice_date": o.stamp,
            "delivery_date": o.stamp, "date_add": o.stamp, "date_upd": o.stamp,
            "note": p.get("admin_private_comment")})
        self._order_records(batch, o, order, customer, p)
        written = await batch.run(self.db)
        oid = str(written_id(written, order))
        return {"order_id": oid, "id": oid, "customer_id": str(written_id(written, customer))}

    async def _new_order(self, call: Call) -> _NewOrder:
        """What order.add names, resolved against the shop (109/404 before anything is
        written): status, lines, addresses, currency, carrier and the totals."""
        p = call.params
        shop, lang = await self._shop(p), await self._lang(p)
        state = (await self.state_ids("order_state", [call.require("order_status")], lang, "order_status"))[0]
        email = str(call.require("customer_email"))
        lines = await self._order_lines(list(call.require("order_item")), lang)
        names = {"firstname": p.get("bill_first_name"), "lastname": p.get("bill_last_name")}
        invoice = await self._address_columns(p, "bill_", names)
        delivery = await self._address_columns(p, "shipp_", names) if p.get("shipp_address_1") else None
        currency = await scalar(self.db, "SELECT id_currency FROM {p}currency WHERE iso_code = ?",
                                [str(p.get("currency") or "").upper()]) if p.get("currency") else None
        currency = currency or await self._setting_int("PS_CURRENCY_DEFAULT", 1)
        carrier = await self._order_carrier(p)
        flags = (await self.db.select("SELECT paid, logable FROM {p}order_state WHERE id_order_state = ?",
                                      [state]))[0]
        shop_group = int(await scalar(self.db, "SELECT id_shop_group FROM {p}shop WHERE id_shop = ?",
                                      [shop]) or 1)
        conversion = float(await scalar(self.db, "SELECT conversion_rate FROM {p}currency WHERE"
                                                 " id_currency = ?", [currency]) or 1)
        subtotal = float(p.get("subtotal_price") or sum(ln["total_price_tax_excl"] for ln in lines))
        shipping, tax = float(p.get("shipping_price") or 0), float(p.get("tax_price") or 0)
        discount = float(p.get("discount") or 0)
        total = float(p.get("total_price") or subtotal + shipping + tax - discount)
        # validateOrder records the payment (order_payment, total_paid_real) when the first
        # status is a paid one.
        paid = float(p["total_paid"]) if p.get("total_paid") not in (None, "") else (
            total if flags["paid"] else 0.0)
        if not paid and p.get("transaction_id"):
            raise ApiError.invalid("transaction_id", "a paid order_status or total_paid (PrestaShop"
                                   " keeps it on the order's payment)")
        totals = {"total_discounts": discount, "total_discounts_tax_incl": discount,
                  "total_discounts_tax_excl": discount, "total_paid": total,
                  "total_paid_tax_incl": total, "total_paid_tax_excl": total - tax,
                  "total_paid_real": paid, "total_products": subtotal,
                  "total_products_wt": subtotal + tax, "total_shipping": shipping,
                  "total_shipping_tax_incl": shipping, "total_shipping_tax_excl": shipping}
        return _NewOrder(
            email=email, first_name=p.get("customer_first_name") or invoice["firstname"],
            last_name=p.get("customer_last_name") or invoice["lastname"], shop=shop, lang=lang,
            shop_group=shop_group, state=state,
            logable=bool(flags["logable"]), lines=lines, invoice=invoice, delivery=delivery,
            currency=int(currency), conversion=conversion, carrier=carrier,
            payment=str(p.get("order_payment_method") or "AnyCart"), totals=totals, paid=paid,
            stamp=given_db_time(p, "date") or now_db(),
            reference="".join(secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(9)),
            guest_group=await self._setting_int("PS_GUEST_GROUP", 2))

    async def _order_customer(self, batch: Batch, o: _NewOrder) -> int | InsertId:
        """The customer the e-mail names (a registered one first), else a new guest."""
        found = await self.db.select("SELECT id_customer FROM {p}customer WHERE email = ? AND"
                                     " deleted = 0 ORDER BY is_guest, id_customer LIMIT 1", [o.email])
        if found:
            return int(found[0]["id_customer"])
        customer = batch.insert("customer", {
            "id_shop_group": o.shop_group, "id_shop": o.shop, "id_gender": 0,
            "id_default_group": o.guest_group, "id_lang": o.lang, "firstname": o.first_name,
            "lastname": o.last_name, "email": o.email,
            "passwd": _no_password(), "is_guest": 1, "active": 1, "secure_key": _secure_key(),
            "date_add": o.stamp, "date_upd": o.stamp})
        batch.insert("customer_group", {"id_customer": customer, "id_group": o.guest_group})
        return customer

    @staticmethod
    def _order_records(batch: Batch, o: _NewOrder, order: InsertId, customer: int | InsertId,
                       p: dict[str, Any]) -> None:
        """The rows that hang off a new order: lines, the sale counted
        (ProductSale::addProductSale, for a logable status), history, carrier, payment,
        the customer's comment."""
        for ln in o.lines:
            batch.insert("order_detail", {**ln, "id_order": order, "id_shop": o.shop})
        if o.logable:
            batch.add(*(Statement(
                "INSERT INTO {p}product_sale (id_product, quantity, sale_nbr, date_upd) VALUES (?, ?, 1, ?)"
                " ON DUPLICATE KEY UPDATE quantity = quantity + VALUES(quantity), sale_nbr = sale_nbr + 1,"
                " date_upd = VALUES(date_upd)", [ln["product_id"], ln["product_quantity"], o.stamp[:10]])
                for ln in o.lines))
        batch.insert("order_history", {"id_employee": 0, "id_order": order,
                                       "id_order_state": o.state, "date_add": o.stamp})
        shipping = o.totals["total_shipping"]
        batch.insert("order_carrier", {"id_order": order, "id_carrier": o.carrier,
                                       "shipping_cost_tax_excl": shipping,
                                       "shipping_cost_tax_incl": shipping, "date_add": o.stamp})
        if o.paid:
            batch.insert("order_payment", {
                "order_reference": o.reference, "id_currency": o.currency, "amount": o.paid,
                "payment_method": o.payment[:255], "conversion_rate": 1,
                "transaction_id": bounded("transaction_id", p.get("transaction_id") or "", 254),
                "date_add": o.stamp})
        if p.get("comment"):
            batch.insert("message", {"id_customer": customer, "id_order": order,
                                     "message": str(p["comment"]), "private": 0,
                                     "date_add": o.stamp})

    # -- shipments -----------------------------------------------------------------------------


    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        """Fills the order's shipment that has no tracking number yet, else adds one (an
        ``order_carrier`` row; PrestaShop ships an order whole, so ``items`` only check that
        each line exists and is shipped whole)."""
        p = call.params
        order = await self._row(ORDERS, call.require("order_id"), p)
        oid = int(order["id_order"])
        known = {str(r["id_order_detail"]): float(r["product_quantity"]) for r in await self.db.select(
            "SELECT id_order_detail, product_quantity FROM {p}order_detail WHERE id_order = ?", [oid])}
        for n, item in enumerate(p.get("items") or []):
            line = str(item.get("order_product_id"))
            if line not in known:
                raise ApiError.not_found("Order product", item.get("order_product_id"))
            # order_carrier has no lines: only a whole line can be shipped, never part of one.
            if item.get("quantity") not in (None, "") and number(item["quantity"]) != known[line]:
                raise ApiError.invalid(f"items[{n}][quantity]", f"the ordered quantity {known[line]:g}"
                                       " (PrestaShop ships whole order lines)")
        numbers = [t for t in p.get("tracking_numbers") or [] if t.get("tracking_number")]
        if len(numbers) > 1:
            raise ApiError.invalid("tracking_numbers", "one tracking number (PrestaShop keeps one"
                                   " per shipment; add shipments for more)")
        carrier = int(order["id_carrier"])
        if numbers and str(numbers[0].get("carrier_id") or "").isdecimal():
            carrier = int(numbers[0]["carrier_id"])
            await self._require("carrier", [carrier], "Carrier")
        tracking = bounded("tracking_number", numbers[0]["tracking_number"], 64) if numbers else None
        cols: dict[str, Any] = {"id_carrier": carrier, "tracking_number": tracking}
        if p.get("weight") is not None:
            cols["weight"] = float(p["weight"])
        touch = _touch("orders", oid)
        open_ = await self.db.select(
            "SELECT id_order_carrier FROM {p}order_carrier WHERE id_order = ? AND"
            " (tracking_number IS NULL OR tracking_number = '') ORDER BY id_order_carrier LIMIT 1", [oid])
        if open_:
            sid = int(open_[0]["id_order_carrier"])
            await self.db.write([update("order_carrier", cols, "id_order_carrier = ?", sid), touch])
            return {"shipment_id": str(sid)}
        written = await self.db.write([insert("order_carrier", {
            **cols, "id_order": oid, "shipping_cost_tax_excl": 0, "shipping_cost_tax_incl": 0,
            "date_add": now_db()}), touch])
        return {"shipment_id": str(written[0].insert_id)}

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        row = await self._row(SHIPMENTS, call.require("shipment_id"), call.params)
        tracking = bounded("tracking_number", call.require("tracking_number"), 64)
        current = row.get("tracking_number") or ""
        if current and current != tracking:
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"Shipment {row['id_order_carrier']} already has tracking number {current}:"
                           " PrestaShop keeps one per shipment (add a shipment for another).")
        await self.db.write([
            Statement("UPDATE {p}order_carrier SET tracking_number = ? WHERE id_order_carrier = ?",
                      [tracking, row["id_order_carrier"]]),
            _touch("orders", row["id_order"])])
        return {"shipment_tracking_id": str(row["id_order_carrier"])}

    # -- returns -------------------------------------------------------------------------------
    async def return_status_list(self, call: Call) -> dict[str, Any]:
        statuses = await self._states("order_return_state", await self._lang(call.params))
        return {"return_statuses": [{"id": str(i), "name": n} for i, n in statuses.items()],
                "additional_fields": {}, "custom_fields": {}}


guard(PrestaShopConnector, APPLIED, _CART, SAME_AS_DEFAULT, NESTED)
