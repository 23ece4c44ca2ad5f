"""WordPress's own tables, as every WordPress-based cart's driver meets them (WooCommerce
today; WP eCommerce or Easy Digital Downloads would share it): options, the key/value meta
tables (``postmeta``, ``usermeta``, ``termmeta``, ``commentmeta``, WooCommerce's order meta),
term links with their counts, and ``wp_delete_post``.

Dates: WordPress keeps a local column beside each UTC one (``post_date``/``post_date_gmt``);
writers compute the UTC text and derive the local one with :func:`local`.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.model import Image

from . import slugs
from .phpserial import dumps, loads
from .sqlkit import InsertId, SqlExecutor, Statement, insert, scalar, set_clause
from .values import db_time, from_gmt_time, now_gmt
from .writes import Part

#: The id column of meta tables not named ``meta_id`` (rows are read in insertion order).
_META_ID = {"usermeta": "umeta_id", "wc_orders_meta": "id"}


def marks(values: Any) -> str:
    """``?, ?, ?`` for an ``IN (...)`` of ``values``."""
    return ", ".join("?" * len(values))


def update(table: str, columns: dict[str, Any], where: str, *params: Any) -> Statement:
    """``UPDATE {p}<table> SET ... WHERE <where>``."""
    assignments, values = set_clause(columns)
    return Statement(f"UPDATE `{{p}}{table}` SET {assignments} WHERE {where}", [*values, *params])


def local(gmt: str | None) -> str | None:
    """A UTC DATETIME text as the store's local one."""
    moment = from_gmt_time(gmt)
    return None if moment is None else db_time(moment)


def slugify(value: str) -> str:
    """``sanitize_title``'s slug: lower-case letters (of any script) and digits joined by
    single dashes (:func:`.slugs.slugify`), "" for none."""
    return slugs.slugify(value, 190, ascii_only=False, default="")


async def unique_slug(db: SqlExecutor, wanted: str, *, post_type: str | None = None,
                      taxonomy: str | None = None, not_id: int = 0) -> str:
    """``wp_unique_post_slug``/``wp_unique_term_slug``: the slug of ``wanted``, ``-2``, ``-3``...
    until no other post of ``post_type`` (or term of ``taxonomy``) than ``not_id`` has it."""
    base = slugify(wanted) or "item"
    like = base.replace("_", "\\_") + "%"
    if post_type is not None:
        rows = await db.select("SELECT post_name AS slug FROM {p}posts WHERE post_type = ? AND ID <> ? AND "
                               "post_name LIKE ?", [post_type, not_id, like])
    else:
        rows = await db.select("SELECT t.slug FROM {p}terms t JOIN {p}term_taxonomy tt ON tt.term_id = t.term_id "
                               "WHERE tt.taxonomy = ? AND t.term_id <> ? AND t.slug LIKE ?", [taxonomy, not_id, like])
    taken = {r["slug"] for r in rows}
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# -- options -----------------------------------------------------------------------------------


class Site:
    """One WordPress install's settings, each read once per connector: options, the table
    prefix its meta and option keys carry, its URL, roles, time zone and optional tables."""

    def __init__(self, db: SqlExecutor, *, prefix: str = "wp_", url: str = "") -> None:
        self.db, self._prefix, self._url = db, prefix, url
        self._seen: dict[str, str | None] = {}
        self._memo: dict[str, Any] = {}

    async def get(self, *names: str) -> dict[str, str | None]:
        """Options ``names`` (None for one the install lacks)."""
        missing = [n for n in names if n not in self._seen]
        if missing:
            rows = await self.db.select("SELECT option_name, option_value FROM {p}options WHERE "
                                        f"option_name IN ({marks(missing)})", missing)
            self._seen.update(dict.fromkeys(missing))
            self._seen.update({r["option_name"]: r["option_value"] for r in rows})
        return {n: self._seen[n] for n in names}

    async def one(self, name: str) -> str | None:
        return (await self.get(name))[name]

    async def prefix(self) -> str:
        """The table prefix (``wp_capabilities``), read from the ``<prefix>user_roles`` option
        every install has; the connection's own setting when there is none."""
        if "prefix" not in self._memo:
            rows = await self.db.select("SELECT option_name FROM {p}options WHERE option_name LIKE ? "
                                        "ORDER BY option_id LIMIT 1", ["%user\\_roles"])
            self._memo["prefix"] = rows[0]["option_name"][:-len("user_roles")] if rows else self._prefix
        return str(self._memo["prefix"])

    async def url(self) -> str:
        return await self.one("siteurl") or self._url

    async def roles(self) -> dict[str, str]:
        """Role name -> its label (``wp_user_roles``)."""
        raw = loads(await self.one(f"{await self.prefix()}user_roles")) or {}
        items = raw.items() if isinstance(raw, dict) else []
        return {k: str(v.get("name", k)) for k, v in items if isinstance(v, dict)}

    async def role(self, value: Any, name: str = "group_id") -> str:
        """``value`` as one of the install's roles; 109 naming ``name`` for another."""
        if str(value) not in await self.roles():
            raise ApiError.invalid(name, "a WordPress role (customer.group.list)")
        return str(value)

    async def zone(self) -> str | None:
        """wp_timezone(): ``timezone_string`` when set, else ``gmt_offset`` in hours."""
        o = await self.get("timezone_string", "gmt_offset")
        return o["timezone_string"] or o["gmt_offset"]

    async def rows(self, sql: str) -> list[dict[str, Any]]:
        """The rows of a query on the install's settings tables (a plugin's attribute
        taxonomies), read once per connector."""
        found = self._memo.setdefault("rows", {})
        if sql not in found:
            found[sql] = await self.db.select(sql)
        rows: list[dict[str, Any]] = found[sql]
        return rows

    async def has_table(self, name: str) -> bool:
        """Whether the install has an optional table (a plugin's, such as analytics lookups)."""
        tables = self._memo.setdefault("tables", {})
        if name not in tables:
            try:
                await self.db.select(f"SELECT 1 FROM {{p}}{name} LIMIT 1")
                tables[name] = True
            except Exception as exc:  # the bridge's sql_error (105), or the executor's own error
                if "doesn't exist" not in str(exc):
                    raise
                tables[name] = False
        return bool(tables[name])


# -- meta tables -------------------------------------------------------------------------------


async def read_meta(db: SqlExecutor, table: str, owner: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    """owner id -> {meta_key: meta_value} (the first row of a repeated key, as get_*_meta)."""
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    if ids:
        rows = await db.select(f"SELECT {owner} AS owner, meta_key, meta_value FROM {{p}}{table} WHERE "
                               f"{owner} IN ({marks(ids)}) ORDER BY {_META_ID.get(table, 'meta_id')}", ids)
        for r in rows:
            out[int(r["owner"])].setdefault(r["meta_key"], r["meta_value"])
    return out


async def with_meta(db: SqlExecutor, rows: list[dict[str, Any]], table: str, owner: str,
                    key: str) -> list[dict[str, Any]]:
    """``rows`` (posts, users, terms, order items...) each given its ``_meta`` (as
    :func:`read_meta` reads it) by its ``key`` column, in one query; the rows themselves."""
    meta = await read_meta(db, table, owner, [int(r[key]) for r in rows])
    for r in rows:
        r["_meta"] = meta[int(r[key])]
    return rows


def meta_inserts(table: str, owner: str, owner_id: Any, values: dict[str, Any]) -> list[Statement]:
    """One INSERT of ``values`` as meta rows of ``owner_id`` (None is stored as ``""``)."""
    if not values:
        return []
    params: list[Any] = []
    for key, value in values.items():
        params += [owner_id, key, value if isinstance(value, InsertId) else "" if value is None else str(value)]
    rows = ", ".join(["(?, ?, ?)"] * len(values))
    return [Statement(f"INSERT INTO {{p}}{table} ({owner}, meta_key, meta_value) VALUES {rows}", params)]


def meta_update(table: str, owner: str, owner_id: Any, key: str, value: Any, *, exists: bool) -> Statement:
    """``update_*_meta`` of one key: its row changed in place when it ``exists``, else added."""
    if exists:
        return Statement(f"UPDATE {{p}}{table} SET meta_value = ? WHERE {owner} = ? AND meta_key = ?",
                         [value, owner_id, key])
    return meta_inserts(table, owner, owner_id, {key: value})[0]


def meta_replace(table: str, owner: str, owner_id: Any, values: dict[str, Any]) -> list[Statement]:
    """Set meta keys that WordPress keeps one row of (``update_*_meta``)."""
    if not values:
        return []
    return [meta_delete(table, owner, owner_id, *values), *meta_inserts(table, owner, owner_id, values)]


def meta_delete(table: str, owner: str, owner_id: Any, *keys: str) -> Statement:
    """``delete_*_meta`` of ``keys`` (every row of each)."""
    return Statement(f"DELETE FROM {{p}}{table} WHERE {owner} = ? AND meta_key IN ({marks(keys)})",
                     [owner_id, *keys])


@dataclass(frozen=True)
class Meta(Part):
    """A meta table as a part of :class:`~.writes.Writes`: the spec's columns of ``table``
    are meta keys of the entity (``key`` is the owner column), one row per key; ``defaults``
    are the keys an add writes when the call does not give them (``scope`` and ``fallback``
    do not apply)."""

    def rows(self, ident: Any, ctx: Mapping[str, Any], values: Mapping[str, Any]) -> list[Statement]:
        return meta_inserts(self.table, self.key, ident, {**self.defaults, **values})

    def changes(self, ident: Any, ctx: Mapping[str, Any], values: Mapping[str, Any]) -> list[Statement]:
        return meta_replace(self.table, self.key, ident, dict(values))


# -- terms -------------------------------------------------------------------------------------

def has_term(taxonomy: str, condition: str, owner: str = "p.ID") -> str:
    """SQL: the object ``owner`` has a term of ``taxonomy`` meeting ``condition`` (on ``tt``,
    the term taxonomy row, and ``t``, the term: ``t.slug = ?``)."""
    return ("EXISTS (SELECT 1 FROM {p}term_relationships tr JOIN {p}term_taxonomy tt ON tt.term_taxonomy_id = "
            "tr.term_taxonomy_id JOIN {p}terms t ON t.term_id = tt.term_id WHERE tr.object_id = "
            f"{owner} AND tt.taxonomy = '{taxonomy}' AND {condition})")


async def object_terms(db: SqlExecutor, ids: list[int]) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """object id -> taxonomy -> its terms (``term_id``, ``name``, ``slug``), by term id."""
    out: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    if ids:
        for r in await db.select(
                "SELECT tr.object_id, tt.taxonomy, t.term_id, t.name, t.slug FROM {p}term_relationships tr "
                "JOIN {p}term_taxonomy tt ON tt.term_taxonomy_id = tr.term_taxonomy_id JOIN {p}terms t ON "
                f"t.term_id = tt.term_id WHERE tr.object_id IN ({marks(ids)}) ORDER BY tr.object_id, t.term_id",
                ids):
            out[int(r["object_id"])][r["taxonomy"]].append(r)
    return out



async def term_taxonomy_id(db: SqlExecutor, taxonomy: str, slug: str) -> int | None:
    found = await scalar(db, "SELECT tt.term_taxonomy_id FROM {p}term_taxonomy tt JOIN {p}terms t "
                         "ON t.term_id = tt.term_id WHERE tt.taxonomy = ? AND t.slug = ?", [taxonomy, slug])
    return None if found is None else int(found)


async def term_taxonomy_ids(db: SqlExecutor, taxonomy: str, ids: list[int], label: str) -> dict[int, int]:
    """term_id -> term_taxonomy_id of terms ``ids`` of ``taxonomy``; 112 naming ``label`` for
    one that is not there."""
    rows = await db.select(f"SELECT term_id, term_taxonomy_id FROM {{p}}term_taxonomy WHERE taxonomy = ? AND "
                           f"term_id IN ({marks(ids)})", [taxonomy, *ids]) if ids else []
    found = {int(r["term_id"]): int(r["term_taxonomy_id"]) for r in rows}
    missing = next((i for i in ids if i not in found), None)
    if missing is not None:
        raise ApiError.not_found(label, missing)
    return found


async def taxonomy_terms(db: SqlExecutor, taxonomies: Collection[str]) -> dict[str, list[dict[str, Any]]]:
    """taxonomy -> its terms (``term_id``, ``name``, ``slug``) by term id, in one query (none
    for a taxonomy without terms)."""
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in taxonomies}
    if taxonomies:
        for r in await db.select("SELECT tt.taxonomy, t.term_id, t.name, t.slug FROM {p}terms t JOIN {p}term_taxonomy"
                                 f" tt ON tt.term_id = t.term_id WHERE tt.taxonomy IN ({marks(taxonomies)}) ORDER BY"
                                 " t.term_id", list(taxonomies)):
            out[r["taxonomy"]].append(r)
    return out


async def terms_by_slug(db: SqlExecutor, pairs: Collection[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """``(taxonomy, slug)`` -> term_id of the terms named so, in one query (a variation's
    ``attribute_pa_color`` meta names its term by slug); a pair without a term is left out."""
    if not pairs:
        return {}
    rows = await db.select("SELECT tt.taxonomy, t.slug, t.term_id FROM {p}term_taxonomy tt JOIN {p}terms t ON "
                           f"t.term_id = tt.term_id WHERE (tt.taxonomy, t.slug) IN ({marks_of(pairs)})",
                           [x for pair in pairs for x in pair])
    return {(r["taxonomy"], r["slug"]): int(r["term_id"]) for r in rows}


def marks_of(pairs: Collection[tuple[Any, ...]]) -> str:
    """``(?, ?), (?, ?)`` for a row-constructor ``IN (...)`` of ``pairs``."""
    return ", ".join("(" + marks(p) + ")" for p in pairs)


async def switch_terms(db: SqlExecutor, object_id: Any, taxonomy: str, wanted: Collection[str],
                       managed: Collection[str]) -> list[Statement]:
    """Object ``object_id``'s terms of ``taxonomy`` among the ``managed`` slugs become the
    ``wanted`` ones, counts kept right; its other terms of the taxonomy stay (WooCommerce's
    ``product_visibility`` holds ``exclude-from-catalog`` beside ``featured`` and
    ``outofstock``). A slug the install has no term for is skipped; a new object (an
    :class:`~.sqlkit.InsertId`) has no terms yet."""
    known = await db.select(
        "SELECT t.slug, tt.term_taxonomy_id AS ttid, (SELECT COUNT(*) FROM {p}term_relationships tr WHERE "
        "tr.object_id = ? AND tr.term_taxonomy_id = tt.term_taxonomy_id) AS linked FROM {p}term_taxonomy tt "
        f"JOIN {{p}}terms t ON t.term_id = tt.term_id WHERE tt.taxonomy = ? AND t.slug IN ({marks(managed)})",
        [object_id if isinstance(object_id, int) else 0, taxonomy, *managed])
    add = [int(r["ttid"]) for r in known if r["slug"] in wanted and not int(r["linked"])]
    drop = [int(r["ttid"]) for r in known if r["slug"] not in wanted and int(r["linked"])]
    return [*unlink(object_id, drop), *link(object_id, add)]


def link(object_id: Any, ttids: list[int]) -> list[Statement]:
    """Object ``object_id`` put in terms ``ttids``, each term's count raised by one."""
    if not ttids:
        return []
    rows = ", ".join(["(?, ?, 0)"] * len(ttids))
    return [Statement(f"INSERT INTO {{p}}term_relationships (object_id, term_taxonomy_id, term_order) VALUES {rows}",
                      [x for t in ttids for x in (object_id, t)]),
            Statement(f"UPDATE {{p}}term_taxonomy SET count = count + 1 WHERE term_taxonomy_id IN ({marks(ttids)})",
                      ttids)]


async def set_terms(db: SqlExecutor, object_id: Any, taxonomy: str, ttids: list[int]) -> list[Statement]:
    """``wp_set_object_terms`` (replacing): object ``object_id``'s terms of ``taxonomy`` become
    ``ttids``, the old ones' counts lowered and the new ones' raised."""
    old = await db.select("SELECT tr.term_taxonomy_id FROM {p}term_relationships tr JOIN {p}term_taxonomy tt"
                          " ON tt.term_taxonomy_id = tr.term_taxonomy_id WHERE tr.object_id = ? AND"
                          " tt.taxonomy = ?", [object_id, taxonomy])
    return [*unlink(object_id, [int(r["term_taxonomy_id"]) for r in old]), *link(object_id, ttids)]


def link_many(objects: list[int], ttid: int) -> list[Statement]:
    """Objects ``objects`` put in term ``ttid``, its count raised by as many."""
    rows = ", ".join(["(?, ?, 0)"] * len(objects))
    return [Statement(f"INSERT INTO {{p}}term_relationships (object_id, term_taxonomy_id, term_order) VALUES {rows}",
                      [x for o in objects for x in (o, ttid)]),
            Statement("UPDATE {p}term_taxonomy SET count = count + ? WHERE term_taxonomy_id = ?",
                      [len(objects), ttid])]


def unlink(object_id: Any, ttids: list[int]) -> list[Statement]:
    """Object ``object_id`` taken out of terms ``ttids``, each term's count lowered by one."""
    if not ttids:
        return []
    return [Statement(f"DELETE FROM {{p}}term_relationships WHERE object_id = ? AND term_taxonomy_id IN "
                      f"({marks(ttids)})", [object_id, *ttids]),
            Statement(f"UPDATE {{p}}term_taxonomy SET count = count - 1 WHERE term_taxonomy_id IN ({marks(ttids)})",
                      ttids)]


# -- users -------------------------------------------------------------------------------------

def password_hash(password: str, *, salt: str | None = None, log2: int = 13) -> str:
    """WordPress's portable phpass hash (``$P$``), which every WordPress version verifies
    (6.8+ rehashes it to bcrypt at the next login): 2**log2 rounds of MD5 over a random salt."""
    salt = salt or "".join(secrets.choice(_ITOA) for _ in range(8))
    raw = hashlib.md5((salt + password).encode()).digest()
    for _ in range(1 << log2):
        raw = hashlib.md5(raw + password.encode()).digest()
    return "$P$" + _ITOA[log2] + salt + _encode64(raw)


_ITOA = "./" + string.digits + string.ascii_uppercase + string.ascii_lowercase


def _encode64(data: bytes) -> str:
    """phpass's own base64 (little-endian groups of 6 bits over ``_ITOA``)."""
    out = []
    for at in range(0, len(data), 3):
        chunk = data[at:at + 3]
        value = int.from_bytes(chunk, "little")
        out += [_ITOA[(value >> shift) & 0x3F] for shift in range(0, 6 * (len(chunk) + 1), 6)]
    return "".join(out)


def user_rows(login: str, email: str, password: str, registered_gmt: str, *, role: str, prefix: str,
              first: str = "", last: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    """``wp_insert_user``'s user row and its own meta keys (capabilities under the install's
    ``prefix``), the password hashed: for a declared write of the user (a cart's customer)."""
    user = {"user_login": login, "user_pass": password_hash(password), "user_nicename": slugify(login)[:50],
            "user_email": email, "user_url": "", "user_registered": registered_gmt, "user_activation_key": "",
            "user_status": 0, "display_name": f"{first} {last}".strip() or login}
    meta = {"nickname": login, "first_name": first, "last_name": last, "description": "", "rich_editing": "true",
            "locale": "", f"{prefix}capabilities": dumps({role: True}), f"{prefix}user_level": "0"}
    return user, meta


def insert_user(login: str, email: str, password: str, registered_gmt: str, *, role: str, prefix: str,
                first: str = "", last: str = "", meta: dict[str, Any] | None = None) -> list[Statement]:
    """``wp_insert_user``: the user row (its insert id is statement 0's) and its meta, WordPress's
    own keys first (:func:`user_rows`), then ``meta``."""
    user, own = user_rows(login, email, password, registered_gmt, role=role, prefix=prefix, first=first, last=last)
    return [insert("users", user), *meta_inserts("usermeta", "user_id", InsertId(0), {**own, **(meta or {})})]


async def delete_user(db: SqlExecutor, user_id: int, spared: str = "revision") -> list[Statement]:
    """``wp_delete_user`` without reassignment: the posts the user wrote (post types with
    authors), then the user's meta and row."""
    authored = [int(r["ID"]) for r in await db.select(
        "SELECT ID FROM {p}posts WHERE post_author = ? AND post_type IN (?, ?, ?, ?)",
        [user_id, "post", "page", "attachment", "wp_block"])]
    return [*(await delete_posts(db, authored, spared) if authored else []),
            Statement("DELETE FROM {p}usermeta WHERE user_id = ?", [user_id]),
            Statement("DELETE FROM {p}users WHERE ID = ?", [user_id])]


# -- terms, deleted ------------------------------------------------------------------------------

async def delete_term(db: SqlExecutor, term_id: int, ttid: int, taxonomy: str) -> list[Statement]:
    """``wp_delete_term``: the term's children moved up to its parent, then its links, meta,
    taxonomy row and term row."""
    parent = await scalar(db, "SELECT parent FROM {p}term_taxonomy WHERE term_taxonomy_id = ?", [ttid])
    return [Statement("UPDATE {p}term_taxonomy SET parent = ? WHERE parent = ? AND taxonomy = ?",
                      [parent, term_id, taxonomy]),
            Statement("DELETE FROM {p}term_relationships WHERE term_taxonomy_id = ?", [ttid]),
            Statement("DELETE FROM {p}termmeta WHERE term_id = ?", [term_id]),
            Statement("DELETE FROM {p}term_taxonomy WHERE term_taxonomy_id = ?", [ttid]),
            Statement("DELETE FROM {p}terms WHERE term_id = ?", [term_id])]


# -- comments ----------------------------------------------------------------------------------

def insert_comment(post_id: Any, text: str, gmt: str, *, kind: str = "comment", author: str = "",
                   agent: str = "") -> Statement:
    """``wp_insert_comment``: an approved comment of type ``kind`` (``order_note``, ``review``)
    on post ``post_id``, dated ``gmt`` (UTC text; the local column follows), by no user."""
    return insert("comments", {
        "comment_post_ID": post_id, "comment_author": author, "comment_author_email": "",
        "comment_author_url": "", "comment_author_IP": "", "comment_date": local(gmt), "comment_date_gmt": gmt,
        "comment_content": text, "comment_karma": 0, "comment_approved": "1", "comment_agent": agent,
        "comment_type": kind, "comment_parent": 0, "user_id": 0})


# -- posts -------------------------------------------------------------------------------------

#: What wp_insert_post() stores for the columns a caller leaves out.
_POST_DEFAULTS = {"post_author": 1, "post_content": "", "post_title": "", "post_excerpt": "",
                  "post_status": "publish", "comment_status": "closed", "ping_status": "closed",
                  "post_password": "", "post_name": "", "to_ping": "", "pinged": "",
                  "post_content_filtered": "", "post_parent": 0, "guid": "", "menu_order": 0}


def post_row(post_type: str, created_gmt: str, modified_gmt: str | None = None, **columns: Any) -> dict[str, Any]:
    """The columns of a new post of ``post_type`` dated ``created_gmt`` (UTC text; the local
    columns follow), what wp_insert_post() stores for those the caller leaves out."""
    return {**_POST_DEFAULTS, "post_date": local(created_gmt), "post_date_gmt": created_gmt,
            **post_modified(modified_gmt or created_gmt), "post_type": post_type, **columns}


def post_modified(gmt: str | None = None) -> dict[str, Any]:
    """A post's modification columns at ``gmt`` (UTC text; now by default), the local one
    derived: what every save of a post sets."""
    gmt = gmt or now_gmt()
    return {"post_modified": local(gmt), "post_modified_gmt": gmt}


def insert_post(post_type: str, created_gmt: str, modified_gmt: str | None = None, **columns: Any) -> Statement:
    """A new post (:func:`post_row`)."""
    return insert("posts", post_row(post_type, created_gmt, modified_gmt, **columns))


def post_guid(post_id: Any, site: str, post_type: str) -> Statement:
    """A new post's ``guid``, ``<site>/?post_type=<type>&p=<ID>`` as wp_insert_post() writes
    it once the id is known (``post_id``: an :class:`~.sqlkit.InsertId` of the same write)."""
    return Statement("UPDATE {p}posts SET guid = CONCAT(?, ID) WHERE ID = ?",
                     [f"{site.rstrip('/')}/?post_type={post_type}&p=", post_id])


async def posts(db: SqlExecutor, ids: list[int], types: tuple[str, ...],
                statuses: tuple[str, ...]) -> dict[int, dict[str, Any]]:
    """id -> ``ID``, ``post_parent``, ``post_type``, ``post_title`` of the posts ``ids`` of
    ``types`` in ``statuses``."""
    if not ids:
        return {}
    rows = await db.select(f"SELECT ID, post_parent, post_type, post_title FROM {{p}}posts WHERE ID IN "
                           f"({marks(ids)}) AND post_type IN ({marks(types)}) AND post_status IN ({marks(statuses)})",
                           [*ids, *types, *statuses])
    return {int(r["ID"]): r for r in rows}


async def user_by_email(db: SqlExecutor, email: str) -> dict[str, Any] | None:
    """The first user (``ID``, ``user_login``, ``user_registered``) with ``email``."""
    rows = await db.select("SELECT ID, user_login, user_registered FROM {p}users WHERE user_email = ? "
                           "ORDER BY ID LIMIT 1", [email])
    return rows[0] if rows else None


#: Where WordPress keeps uploaded files, under the install's root.
UPLOADS = "wp-content/uploads"


def attachment_image(att_id: Any, meta: Mapping[str, Any], site: str, sort: int, kind: str) -> Image:
    """An ``attachment`` post as an image: its file (``_wp_attached_file``, under
    :data:`UPLOADS`) and alt text (``_wp_attachment_image_alt``) meta."""
    file = meta.get("_wp_attached_file")
    path = f"{site.rstrip('/')}/{UPLOADS}/{file}" if file else None
    return Image(id=str(att_id), http_path=path, file_name=(file or "").rsplit("/", 1)[-1] or None,
                 alt=meta.get("_wp_attachment_image_alt") or None, sort_order=sort, type=kind)


async def attachment_images(db: SqlExecutor, site: str,
                            wanted: Mapping[int, list[tuple[int, str]]]) -> dict[int, list[Image]]:
    """owner -> its images, from ``(attachment id, image type)`` pairs in order (an attachment
    that is gone is left out)."""
    meta = await read_meta(db, "postmeta", "post_id", sorted({a for pairs in wanted.values() for a, _ in pairs}))
    return {owner: [attachment_image(a, meta[a], site, n, kind) for n, (a, kind) in enumerate(pairs) if a in meta]
            for owner, pairs in wanted.items()}


def insert_attachment(parent: Any, path: str, site: str, mime: str, alt: str = "") -> list[Statement]:
    """``wp_insert_attachment`` of the file at ``path`` (under :data:`UPLOADS`) for post
    ``parent``: the attachment post (its insert id is statement 0's) and its file and alt meta."""
    file = path[len(UPLOADS) + 1:]
    title = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return [insert_post("attachment", now_gmt(), post_title=title, post_status="inherit", comment_status="open",
                        post_name=slugify(title), post_parent=parent, guid=f"{site.rstrip('/')}/{path}",
                        post_mime_type=mime),
            *meta_inserts("postmeta", "post_id", InsertId(0), {"_wp_attached_file": file,
                                                                "_wp_attachment_image_alt": alt})]


def touch_post(post_id: Any, columns: dict[str, Any] | None = None) -> Statement:
    """``wp_update_post``: ``columns`` set and ``post_modified`` set to now, as every save of
    a post does."""
    return update("posts", {**(columns or {}), **post_modified()}, "ID = ?", post_id)



async def delete_posts(db: SqlExecutor, ids: list[int], spared: str = "revision") -> list[Statement]:
    """``wp_delete_post(force)`` for posts ``ids``: their revisions, term links (with the
    terms' counts), comments and comment meta, post meta, and their other children moved up
    to the deleted post's parent, except those of the ``spared`` post type (which the caller
    deletes with them); the last statement deletes the posts."""
    revisions = [int(r["ID"]) for r in await db.select(
        f"SELECT ID FROM {{p}}posts WHERE post_parent IN ({marks(ids)}) AND post_type = ?", [*ids, "revision"])]
    every = [*ids, *revisions]
    links = [int(r["term_taxonomy_id"]) for r in await db.select(
        f"SELECT term_taxonomy_id FROM {{p}}term_relationships WHERE object_id IN ({marks(every)})", every)]
    out = [Statement("UPDATE {p}term_taxonomy SET count = GREATEST(count, 1) - 1 WHERE term_taxonomy_id = ?",
                     [ttid]) for ttid in links]
    return [*out,
            Statement(f"UPDATE {{p}}posts p JOIN {{p}}posts d ON d.ID = p.post_parent SET p.post_parent ="
                      f" d.post_parent WHERE p.post_parent IN ({marks(ids)}) AND p.post_type NOT IN (?, ?)",
                      [*ids, "revision", spared]),
            Statement(f"DELETE FROM {{p}}commentmeta WHERE comment_id IN (SELECT c.comment_ID FROM"
                      f" {{p}}comments c WHERE c.comment_post_ID IN ({marks(every)}))", every),
            Statement(f"DELETE FROM {{p}}comments WHERE comment_post_ID IN ({marks(every)})", every),
            Statement(f"DELETE FROM {{p}}term_relationships WHERE object_id IN ({marks(every)})", every),
            Statement(f"DELETE FROM {{p}}postmeta WHERE post_id IN ({marks(every)})", every),
            Statement(f"DELETE FROM {{p}}posts WHERE ID IN ({marks(every)})", every)]
