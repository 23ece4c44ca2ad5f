"""WordPress's users and taxonomy terms as a cart's customers and categories, declared once
for every WordPress-based cart (WooCommerce; WP eCommerce's ``wpsc_product_category`` or Easy
Digital Downloads' ``download_category`` would declare their taxonomy the same way).

:class:`Users` lists the users of one role (``group_id``, by default :attr:`Users.role`);
:class:`Terms` the terms of one :attr:`Terms.taxonomy`, and writes them as ``wp_insert_term``,
``wp_update_term``, ``wp_delete_term`` and ``wp_set_object_terms`` do. Both read the
install's settings from ``conn.wp`` (a :class:`~.wordpress.Site`) and hydrate each row's meta
into ``row["_meta"]``; the cart declares the mapper (:mod:`.mapper`) and what else it keeps.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from anycart.contract.validation import parse_moment
from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call, Page
from anycart.platforms.overlap import one_of

from .columns import written
from .connector import BridgeConnector
from .phpserial import dumps
from .sqlentity import Col, Ctx, Filter, Row, SqlEntity, after, eq, given, isin
from .sqlkit import InsertId, Statement
from .values import boolean, email, gmt_time, one_id
from .wordpress import (
    UPLOADS,
    Site,
    attachment_images,
    delete_term,
    insert_attachment,
    link,
    link_many,
    meta_delete,
    meta_replace,
    password_hash,
    read_meta,
    term_taxonomy_ids,
    touch_post,
    unique_slug,
    unlink,
    with_meta,
)
from .writes import Writes

# -- users ---------------------------------------------------------------------------------------

#: A user has the role bound to ``?`` (``%"customer"%``) in its capabilities (``:cap``).
ROLE = ("EXISTS (SELECT 1 FROM {p}usermeta c WHERE c.user_id = u.ID AND c.meta_key = :cap "
        "AND c.meta_value LIKE ?)")


def _registered(name: str) -> Callable[[Any], str]:
    """``user_registered`` is UTC, though it lacks WordPress's ``_gmt`` in its name."""
    return lambda value: gmt_time(parse_moment(name, value))


async def _role_like(conn: Any, value: Any, ctx: Ctx) -> str:
    return f'%"{await conn.wp.role(value)}"%'


def user_meta(key: str) -> Col:
    """A user meta value as a searchable column."""
    return Col("(SELECT n.meta_value FROM {p}usermeta n WHERE n.user_id = u.ID AND "
               f"n.meta_key = '{key}' LIMIT 1)")


class Users(SqlEntity):
    """Users of a role; ``ctx["roles"]`` (role -> label) and ``ctx["cap"]`` (the capabilities
    meta key) are there for the mapper."""

    method, label, plural = "customer", "Customer", "customers"
    #: The role lists and counts hold when ``group_id`` is not given.
    role: ClassVar[str] = "customer"
    table, key = "{p}users u", "u.ID"
    sort: ClassVar[Mapping[str, str]] = {"created_time": "u.user_registered", "id": "u.ID",
                                         "email": "u.user_email"}
    default_sort = "created_time"
    filters: ClassVar[Mapping[str, Filter]] = {
        "ids": isin("u.ID"), "since_id": after("u.ID"),
        "group_id": Filter(ROLE, resolve=_role_like),
        "created_from": Filter("u.user_registered >= ?", _registered("created_from")),
        "created_to": Filter("u.user_registered <= ?", _registered("created_to")),
        "avail": Filter("1 = ?", boolean),
    }
    list_find_where: ClassVar[Mapping[str, str | Col]] = {
        "email": "u.user_email", "first_name": user_meta("first_name"),
        "last_name": user_meta("last_name")}
    find_where: ClassVar[Mapping[str, str | Col]] = {
        "email": "u.user_email", "id": Col("u.ID", exact=True), "login": "u.user_login"}
    find_default = "email"

    async def context(self, conn: Any, params: Mapping[str, Any]) -> Ctx:
        return {"cap": f"{await conn.wp.prefix()}capabilities", "role": f'%"{self.role}"%'}

    def scope_for(self, params: Mapping[str, Any], ctx: Ctx) -> Iterable[str]:
        if ctx["method"] in ("list", "count") and not given(params.get("group_id")):
            return [ROLE.replace("?", ":role")]
        return ()

    def applied(self) -> dict[str, frozenset[str]]:
        find = f"{self.method}.find"  # always whole words: find_params is not applied
        return {**super().applied(), find: frozenset({"find_value", "find_where"})}

    async def unique(self, conn: Any, email: str, login: str | None = None, uid: int = 0) -> None:
        """113 when a user other than ``uid`` has ``email`` (or ``login``)."""
        either = " OR user_login = ?" if login else ""
        if await conn.db.select(
                f"SELECT ID FROM {{p}}users WHERE (user_email = ?{either}) AND ID <> ?",
                [email, *([login] if login else []), uid]):
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"{self.label} with email {email} already exists")

    async def given_role(self, conn: Any, params: Mapping[str, Any]) -> str | None:
        """The role ``group_id`` (or ``group``) names, checked; None when neither is given."""
        role = one_of(dict(params), "group_id", "group")
        return None if role in (None, "") else str(await conn.wp.role(role))

    async def changes(self, conn: Any, params: Mapping[str, Any],
                      uid: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """``wp_update_user``'s user columns and meta a call changes: the e-mail (checked,
        unique), the password (hashed) and the role (the capabilities meta)."""
        user: dict[str, Any] = {}
        meta: dict[str, Any] = {}
        if params.get("email") not in (None, ""):
            user["user_email"] = email(params["email"], "email")
            await self.unique(conn, user["user_email"], uid=uid)
        if params.get("password") not in (None, ""):
            user["user_pass"] = password_hash(str(params["password"]))
        role = await self.given_role(conn, params)
        if role:
            meta[f"{await conn.wp.prefix()}capabilities"] = dumps({role: True})
        return user, meta

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        await with_meta(conn.db, rows, "usermeta", "user_id", "ID")
        ctx["roles"] = await conn.wp.roles()


async def role_list(conn: Any, call: Call) -> Page:
    """``customer.group.list``: the install's roles (``group_ids`` keeps some)."""
    roles = await conn.wp.roles()
    wanted = call.params.get("group_ids")
    if wanted not in (None, ""):
        keep = {g.strip() for g in str(wanted).split(",")}
        roles = {k: v for k, v in roles.items() if k in keep}
    items = [{"id": k, "name": v, "additional_fields": {}, "custom_fields": {}}
             for k, v in roles.items()]
    return Page(items[call.start:call.start + call.count], len(items))


# -- taxonomy terms ------------------------------------------------------------------------------

class Terms(SqlEntity):
    """The terms of :attr:`taxonomy` as categories of :attr:`post_type` posts; :attr:`writes`
    declares the rows an add or update writes (the term, its taxonomy row, its meta: parts
    named ``terms`` and ``term_taxonomy``, the taxonomy bound from the context's
    ``taxonomy``)."""

    method, label, plural = "category", "Category", "categories"
    taxonomy: ClassVar[str]
    post_type: ClassVar[str]
    #: The option naming the default term, which posts left in no term of the taxonomy get.
    default_option: ClassVar[str | None] = None
    writes: ClassVar[Writes]
    table, key = "{p}terms t", "t.term_id"
    joins = ("JOIN {p}term_taxonomy tt ON tt.term_id = t.term_id",)
    list_find_where: ClassVar[Mapping[str, str | Col]] = {"name": "t.name"}
    find_where: ClassVar[Mapping[str, str | Col]] = {"name": "t.name",
                                                     "id": Col("t.term_id", exact=True)}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not hasattr(cls, "taxonomy"):  # a base of other declarations
            return
        cls.scope = (f"tt.taxonomy = '{cls.taxonomy}'",)
        cls.filters = {"parent_id": eq("tt.parent", lambda v: one_id(v, cls.label)),
                       "avail": Filter("1 = ?", boolean), **cls.filters}

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        await with_meta(conn.db, rows, "termmeta", "term_id", "term_id")

    def written(self) -> dict[str, frozenset[str]]:
        """What the writes below apply, per contract method (for the driver's ``APPLIED``)."""
        fields = written(self.writes.spec) | {"parent_id", "seo_url"}
        linked = frozenset({f"{self.method}_id", "product_id"})
        return {f"{self.method}.add": frozenset(fields),
                f"{self.method}.update": frozenset(fields | {"id"}),
                f"{self.method}.delete": frozenset({"id"}), f"{self.method}.assign": linked,
                f"{self.method}.unassign": linked}

    def write_handlers(self) -> dict[str, Any]:
        """``category_add`` ... as connector methods."""
        async def add(conn: Any, call: Call) -> dict[str, Any]:
            return await self.add(conn, call)

        async def update(conn: Any, call: Call) -> dict[str, Any]:
            return await self.update(conn, call)

        async def delete(conn: Any, call: Call) -> dict[str, Any]:
            return await self.delete(conn, call)

        async def assign(conn: Any, call: Call) -> dict[str, Any]:
            return await self.assign(conn, call, linked=True)

        async def unassign(conn: Any, call: Call) -> dict[str, Any]:
            return await self.assign(conn, call, linked=False)

        verbs = {"add": add, "update": update, "delete": delete, "assign": assign,
                 "unassign": unassign}
        return {f"{self.method}_{verb}": fn for verb, fn in verbs.items()}

    async def ttids(self, conn: Any, ids: list[int]) -> dict[int, int]:
        """term_id -> term_taxonomy_id; 112 for one that is not a term of the taxonomy."""
        return await term_taxonomy_ids(conn.db, self.taxonomy, ids, self.label)

    async def _parent(self, conn: Any, value: Any, cid: int = 0) -> int:
        parent = one_id(value, self.label)
        if cid and parent == cid:
            raise ApiError.invalid("parent_id", f"a {self.label.lower()} other than itself")
        if parent:
            await self.ttids(conn, [parent])
        return parent

    async def add(self, conn: Any, call: Call) -> dict[str, Any]:
        p = call.params
        name = str(call.require("name"))
        given_parent = p.get("parent_id") not in (None, "")
        parent = await self._parent(conn, p["parent_id"]) if given_parent else 0
        slug = await unique_slug(conn.db, str(p.get("seo_url") or name), taxonomy=self.taxonomy)
        done = await conn.db.write(self.writes.add(p, {"taxonomy": self.taxonomy}, {
            "terms": {"name": name, "slug": slug}, "term_taxonomy": {"parent": parent}}))
        return {f"{self.method}_id": str(done[0].insert_id)}

    async def update(self, conn: Any, call: Call) -> dict[str, Any]:
        p = call.params
        cid = one_id(call.require("id"), self.label)
        await self.ttids(conn, [cid])
        terms: dict[str, Any] = {}
        tax: dict[str, Any] = {}
        if p.get("seo_url") not in (None, ""):
            terms["slug"] = await unique_slug(conn.db, str(p["seo_url"]), taxonomy=self.taxonomy,
                                              not_id=cid)
        if p.get("parent_id") not in (None, ""):
            tax["parent"] = await self._parent(conn, p["parent_id"], cid)
        await conn.db.write(self.writes.must_update(cid, p, {"taxonomy": self.taxonomy},
                                                    {"terms": terms, "term_taxonomy": tax}))
        return {"updated_items": 1}

    async def delete(self, conn: Any, call: Call) -> dict[str, Any]:
        """``wp_delete_term``; the default term is refused, and the posts left in no term
        of the taxonomy get it (as WooCommerce's ``force_default_term`` does)."""
        cid = one_id(call.require("id"), self.label)
        ttid = (await self.ttids(conn, [cid]))[cid]
        default = await conn.wp.one(self.default_option) if self.default_option else None
        if str(default) == str(cid):
            name = self.label.lower()
            raise ApiError.invalid("id", f"a {name} other than the store's default {name}")
        orphans = [int(r["object_id"]) for r in await conn.db.select(
            "SELECT tr.object_id FROM {p}term_relationships tr WHERE tr.term_taxonomy_id = ?"
            " AND NOT EXISTS (SELECT 1 FROM {p}term_relationships o JOIN {p}term_taxonomy ot"
            " ON ot.term_taxonomy_id = o.term_taxonomy_id WHERE o.object_id = tr.object_id"
            " AND ot.taxonomy = ? AND o.term_taxonomy_id <> tr.term_taxonomy_id)",
            [ttid, self.taxonomy])]
        relink: list[Statement] = []
        if orphans and default and default.isdecimal():
            relink = link_many(orphans, (await self.ttids(conn, [int(default)]))[int(default)])
        await conn.db.write([*relink, *await delete_term(conn.db, cid, ttid, self.taxonomy)])
        return {"delete_items": True}

    async def assign(self, conn: Any, call: Call, linked: bool) -> dict[str, Any]:
        """``category.assign`` (``linked``) or ``category.unassign`` of a post: a no-op when it
        already is (or is not) in the term; else the link, its count and the post's save."""
        cid = one_id(call.require(f"{self.method}_id"), self.label)
        ttid = (await self.ttids(conn, [cid]))[cid]
        pid = await post_id(conn, call.require("product_id"), self.post_type, "Product")
        found = bool(await conn.db.select(
            "SELECT object_id FROM {p}term_relationships WHERE object_id = ? AND"
            " term_taxonomy_id = ?", [pid, ttid]))
        if found != linked:
            await conn.db.write([*(link if linked else unlink)(pid, [ttid]), touch_post(pid)])
        return {}


async def post_id(conn: Any, ident: Any, post_type: str, label: str) -> int:
    """The id of post ``ident`` of ``post_type``; 112 naming ``label`` when there is none."""
    pid = one_id(ident, label)
    if not await conn.db.select("SELECT ID FROM {p}posts WHERE ID = ? AND post_type = ?",
                                [pid, post_type]):
        raise ApiError.not_found(label, pid)
    return pid


# -- posts ---------------------------------------------------------------------------------------

class Posts(SqlEntity):
    """Posts (a cart's products, their variations, downloads) with each row's meta and
    :attr:`images` hydrated into ``row["_meta"]`` and ``row["_images"]`` (the featured image,
    then the gallery). Dates are the UTC ``*_gmt`` columns; the cart declares the post type
    and statuses in :attr:`scope`."""

    table, key = "{p}posts p", "p.ID"
    created, modified = "p.post_date_gmt", "p.post_modified_gmt"
    images: ClassVar[PostImages]
    #: The type an id a write names must be of (112 for a post of another).
    post_type: ClassVar[str]

    async def existing(self, conn: Any, raw: Any) -> int:
        return await post_id(conn, raw, self.post_type, self.label)

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        ids = [int(r["ID"]) for r in rows]
        meta = await conn.post_meta(ids)
        images = await attachment_images(conn.db, await conn.wp.url(),
                                         {i: self.images.ids(meta[i]) for i in ids})
        for r, i in zip(rows, ids, strict=True):
            r["_meta"], r["_images"] = meta[i], images[i]


# -- a post's images -----------------------------------------------------------------------------

@dataclass(frozen=True)
class PostImages:
    """A post's images: the featured one (``_thumbnail_id``, WordPress's own) and, when the
    cart keeps one, a gallery (the ``gallery`` meta key: attachment ids, comma-separated).
    ``product.image.add`` uploads the file as an ``attachment`` post under this month's
    uploads folder; ``product.image.delete`` removes it, its meta and its file."""

    post_type: str
    gallery: str | None = None
    label: str = "Product"
    #: product.image.add's ``type`` values: ``additional`` joins the gallery, the others
    #: become the featured image.
    kinds: tuple[str, ...] = ("small", "base", "additional", "thumbnail")

    def gallery_ids(self, meta: Mapping[str, Any]) -> list[int]:
        raw = str(meta.get(self.gallery) or "") if self.gallery else ""
        return [int(x) for x in raw.split(",") if x.strip().isdecimal()]

    def ids(self, meta: Mapping[str, Any]) -> list[tuple[int, str]]:
        """``(attachment id, image type)``: the featured image first, then the gallery."""
        thumb = str(meta.get("_thumbnail_id") or "")
        featured = [(int(thumb), "base")] if thumb.isdecimal() and thumb != "0" else []
        return featured + [(i, "additional") for i in self.gallery_ids(meta)]

    def written(self, method: str = "product.image") -> dict[str, frozenset[str]]:
        return {f"{method}.add": frozenset({"product_id", "type", "url", "content", "image_name",
                                            "label", "mime"}),
                f"{method}.delete": frozenset({"id", "product_id"})}

    async def add(self, conn: Any, call: Call) -> dict[str, Any]:
        p = call.params
        pid = await post_id(conn, call.require("product_id"), self.post_type, self.label)
        kind = str(call.require("type"))
        if kind not in self.kinds:
            raise ApiError.invalid("type", ", ".join(self.kinds[:-1]) + " or " + self.kinds[-1])
        path = await conn.save_image(f"{UPLOADS}/{datetime.now(UTC):%Y/%m}", p)
        site = (await conn.wp.url()).rstrip("/")
        current = (await conn.post_meta([pid]))[pid]
        statements = insert_attachment(pid, path, site, str(p.get("mime") or "image/jpeg"),
                                       str(p.get("label") or ""))
        att = InsertId(0)
        if kind == "additional" and self.gallery:
            gallery = "".join(f"{g}," for g in self.gallery_ids(current))
            # the gallery's ids, then the new attachment's (its id known once it is inserted)
            statements += [meta_delete("postmeta", "post_id", pid, self.gallery),
                           Statement("INSERT INTO {p}postmeta (post_id, meta_key, meta_value) "
                                     "VALUES (?, ?, CONCAT(?, ?))",
                                     [pid, self.gallery, gallery, att])]
        else:
            statements += meta_replace("postmeta", "post_id", pid, {"_thumbnail_id": att})
        statements.append(touch_post(pid))
        try:
            done = await conn.db.write(statements)
        except Exception:
            await conn.files.delete(path)
            raise
        return {"id": str(done[0].insert_id), "image_path": f"{site}/{path}"}

    async def delete(self, conn: Any, call: Call) -> dict[str, Any]:
        pid = one_id(call.require("product_id"), self.label)
        att = one_id(call.require("id"), "Image")
        meta = await conn.post_meta([pid, att])
        if att not in [a for a, _ in self.ids(meta[pid])]:
            raise ApiError.not_found("Image", att)
        statements = [Statement("DELETE FROM {p}postmeta WHERE post_id = ?", [att]),
                      Statement("DELETE FROM {p}posts WHERE ID = ? AND post_type = ?",
                                [att, "attachment"])]
        if str(meta[pid].get("_thumbnail_id")) == str(att):
            statements.append(meta_delete("postmeta", "post_id", pid, "_thumbnail_id"))
        if self.gallery:
            gallery = ",".join(str(i) for i in self.gallery_ids(meta[pid]) if i != att)
            statements += meta_replace("postmeta", "post_id", pid, {self.gallery: gallery})
        statements.append(touch_post(pid))
        await conn.db.write(statements)
        file = meta[att].get("_wp_attached_file")
        if file:
            await conn.files.delete(f"{UPLOADS}/{file}")
        return {"deleted": "true"}


# -- the connector -------------------------------------------------------------------------------

class WordPressConnector(BridgeConnector):
    """What every WordPress-based cart's driver has: the install's settings (:attr:`wp`),
    post meta, the store's zone and name, its roles as customer groups and, when
    :attr:`categories` declares the taxonomy, ``category.add``/``update``/``delete``/
    ``assign``/``unassign`` (a handler the driver writes itself stays)."""

    categories: ClassVar[Terms | None] = None
    #: When declared, ``product.image.add``/``delete`` on it.
    images: ClassVar[PostImages | None] = None
    _site: Site | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        terms, images = vars(cls).get("categories"), vars(cls).get("images")
        handlers = terms.write_handlers() if terms is not None else {}
        if images is not None:
            handlers |= {"product_image_add": _call(images.add),
                         "product_image_delete": _call(images.delete)}
        for name, fn in handlers.items():
            if name not in vars(cls):
                setattr(cls, name, fn)
        super().__init_subclass__(**kwargs)  # after: the handlers run on the store's clock too

    @property
    def wp(self) -> Site:
        """The WordPress install's settings (read once per connector)."""
        if self._site is None:
            prefix = str(self.store.credentials.get("db_tables_prefix") or "wp_")
            self._site = Site(self.db, prefix=prefix, url=self.store.store_url)
        return self._site

    async def post_meta(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        return await read_meta(self.db, "postmeta", "post_id", ids)

    async def read_zone(self) -> str | None:
        return await self.wp.zone()

    async def customer_group_list(self, call: Call) -> Page:
        return await role_list(self, call)


Handler = Callable[[Any, Call], Awaitable[dict[str, Any]]]


def _call(run: Handler) -> Handler:
    """A declaration's ``run(conn, call)`` as a connector method."""
    async def handler(conn: Any, call: Call) -> dict[str, Any]:
        return await run(conn, call)
    return handler
