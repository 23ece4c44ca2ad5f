"""A Shift4Shop (3dcart) REST API simulator, as a Starlette ASGI app.

    sim = Shift4ShopSimulator()
    store = sim.stores.add_store("https://demo.3dcartstores.com", "app-private", "token", size=1000)
    app = sim.app            # or: app = create_simulator(); sim = app.state.simulator

Behaviour follows the public documentation: ``SecureURL``/``PrivateKey``/``Token`` headers
(401 otherwise), ``/3dCartWebAPI/v1|v2/{service}``, the response array on writes
(201/200/206), empty bodies on 404/400/500, 415 for bodies that are neither JSON nor XML,
batch sizes (orders 300, products 200, others 500) and a 50-drop bucket leaking 2/s (429).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from anycart.transport.ratelimit import Clock

from .sim_body import Invalid, coerce, merge
from .sim_fields import FieldSpec
from .sim_oauth import App, Apps, CallbackOutcome
from .sim_query import build_predicates, lower_params, orderby, paging, select
from .sim_resources import RESOURCES, Resource, Sub
from .sim_store import Collection, SimulatedStore, SimulatedStores

__all__ = ["Shift4ShopSimulator", "SimulatedStore", "SimulatedStores", "create_simulator"]

_JSON = "application/json; charset=utf-8"
_VERSIONS = ("v1", "v2")
_MEDIA = ("application/json", "text/json", "application/xml", "text/xml")
_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
_MESSAGES = {201: "Created successfully", 200: "Updated successfully", 404: "Not Found",
             400: "Bad Request"}


class _Abort(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


def _empty(status: int) -> Response:
    return Response(status_code=status)


def _json(text: str, status: int = 200) -> Response:
    return Response(text, status_code=status, media_type=_JSON)


def _error(status: int, message: str) -> Response:
    # unconfirmed body shape: the docs give none for 401/429; we reuse the response array.
    body = [{"Key": "Error", "Value": "", "Status": str(status), "Message": message}]
    return _json(json.dumps(body), status)


def _entry(key: str, value: Any, status: int, message: str | None = None) -> dict[str, str]:
    return {"Key": key, "Value": "" if value is None else str(value), "Status": str(status),
            "Message": message or _MESSAGES.get(status, "")}


def _answer(entries: list[dict[str, str]], ok: int) -> Response:
    status = ok if all(e["Status"] == str(ok) for e in entries) else 206
    return _json(json.dumps(entries), status)


def _blank(spec: FieldSpec) -> dict[str, Any]:
    """A new record with every field present, as the service returns them."""
    out: dict[str, Any] = {}
    for name, kind in spec.items():
        if isinstance(kind, dict):
            out[name] = _blank(kind)
        elif isinstance(kind, list):
            out[name] = []
        else:
            out[name] = {"str": "", "int": 0, "float": 0.0, "bool": False, "date": None}[kind]
    return out


def _xml_to_obj(elem: ET.Element) -> Any:
    children = list(elem)
    if not children:
        return elem.text or ""
    tags = {c.tag for c in children}
    if elem.tag.startswith("ArrayOf") or elem.tag.endswith("List") or (
            len(children) > 1 and len(tags) == 1):
        return [_xml_to_obj(c) for c in children]
    return {c.tag: _xml_to_obj(c) for c in children}


class Shift4ShopSimulator:
    """Stores, apps and the ASGI app serving them."""

    def __init__(
        self,
        stores: SimulatedStores | None = None,
        clock: Clock | None = None,
        *,
        now: Callable[[], datetime] | None = None,
        callback_client: httpx.AsyncClient | None = None,
        retry_after: bool = False,
    ) -> None:
        self.stores = stores or SimulatedStores(clock=clock, now=now)
        self.apps = Apps(callback_client)
        #: The docs do not say the API sends Retry-After on 429, so by default it is omitted;
        #: turn it on to model a friendlier server (value in platform seconds).
        self.retry_after = retry_after
        self.app = Starlette(routes=[Route("/{path:path}", self._dispatch, methods=_METHODS)])
        self.app.state.simulator = self

    # -- public helpers --------------------------------------------------------------------
    @property
    def callbacks(self) -> list[CallbackOutcome]:
        return self.apps.callbacks

    def add_app(self, public_key: str, private_key: str, callback_url: str | None = None) -> App:
        return self.apps.add(public_key, private_key, callback_url)

    def inject_failure(self, store: SimulatedStore | str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` authenticated requests to ``store`` answer ``status``, no body."""
        self._store(store).inject_failure(status, times)

    async def authorize_store(self, store: SimulatedStore | str, public_key: str) -> str | None:
        """The merchant subscribes to an app (Modules -> REST API): the token, or None if the
        app's CallBackURL did not answer 200 (the subscription then does not complete)."""
        return await self._authorize(self.apps.apps[public_key], self._store(store))

    async def remove_authorization(self, store: SimulatedStore | str, public_key: str) -> bool:
        """The merchant unsubscribes: tokens of the app stop working; REMOVE is posted."""
        app, st = self.apps.apps[public_key], self._store(store)
        tokens = [t for t, key in st.tokens.items() if key == app.private_key]
        for t in tokens:
            del st.tokens[t]
        return await self.apps.notify(app, st, tokens[0] if tokens else "", "REMOVE")

    def _store(self, store: SimulatedStore | str) -> SimulatedStore:
        if isinstance(store, SimulatedStore):
            return store
        found = self.stores.get(store)
        if found is None:
            raise KeyError(store)
        return found

    async def _authorize(self, app: App, store: SimulatedStore) -> str | None:
        import secrets

        token = secrets.token_hex(16)
        if not await self.apps.notify(app, store, token, "AUTHORIZE"):
            return None
        store.authorize(app.private_key, token)
        return token

    # -- ASGI entry ------------------------------------------------------------------------
    async def _dispatch(self, request: Request) -> Response:
        parts = [p for p in request.url.path.split("/") if p]
        head = parts[0].lower() if parts else ""
        if head == "oauth" and len(parts) == 2:
            return await self._oauth(request, parts[1].lower())
        if head != "3dcartwebapi" or len(parts) < 3 or parts[1].lower() not in _VERSIONS:
            return _empty(404)
        h = request.headers
        store = self.stores.get(h.get("secureurl"))
        if store is None or not store.accepts(h.get("privatekey"), h.get("token")):
            return _error(401, "Authorization has been denied for this request.")
        if not store.bucket.try_acquire():
            headers = {}
            if self.retry_after:
                headers["Retry-After"] = str(max(1, round(store.bucket.retry_after() + 0.5)))
            return Response(status_code=429, headers=headers)
        failure = store.take_failure()
        if failure is not None:
            return _empty(failure)
        try:
            return await self._route(request, store, parts[2:])
        except _Abort as a:
            return _empty(a.status)
        except Invalid:
            return _empty(400)

    async def _oauth(self, request: Request, step: str) -> Response:
        if step == "authorize" and request.method == "GET":
            q = request.query_params
            app = self.apps.apps.get(q.get("client_id", ""))
            redirect_uri = q.get("redirect_uri")
            if app is None or not redirect_uri or q.get("response_type") != "code":
                return Response("invalid_request", status_code=400, media_type="text/plain")
            if not q.get("store_url"):
                # The real service shows a page asking for the store URL.
                return Response("<form><input name='store_url'></form>", media_type="text/html")
            store = self.stores.get(q["store_url"])
            if store is None:
                return Response("unknown store", status_code=400, media_type="text/plain")
            code = self.apps.grant(app, store, redirect_uri)
            sep = "&" if "?" in redirect_uri else "?"
            params = {"code": code, "state": q.get("state", "")}
            return RedirectResponse(redirect_uri + sep + urlencode(params), status_code=302)
        if step == "token" and request.method == "POST":
            if not request.headers.get("content-type", "").startswith(
                    "application/x-www-form-urlencoded"):
                return _empty(415)
            # parsed here rather than request.form(): no python-multipart dependency
            pairs = parse_qsl((await request.body()).decode("utf-8", "replace"))
            form = {k.lower(): v for k, v in pairs}
            grant = self.apps.grants.get(form.get("code", ""))
            if (form.get("grant_type") != "authorization_code" or grant is None
                    or grant.app.public_key != form.get("client_id")
                    or grant.app.private_key != form.get("client_secret")):
                return _json(json.dumps({"error": "invalid_grant"}), 400)
            del self.apps.grants[form["code"]]  # codes are single use
            token = await self._authorize(grant.app, grant.store)
            if token is None:
                return _json(json.dumps({"error": "Server not Responding"}), 400)
            return _json(json.dumps({"access_token": token, "token_type": "bearer",
                                     "user_id": 0}))
        return _empty(404 if step not in ("authorize", "token") else 405)

    # -- routing ---------------------------------------------------------------------------
    async def _route(self, request: Request, store: SimulatedStore, segs: list[str]) -> Response:
        method = request.method
        name = segs[0].lower()
        low = [s.lower() for s in segs]
        if name == "orders" and len(segs) >= 2 and low[1] == "status":
            name, segs, low = "orderstatus", ["OrderStatus", *segs[2:]], ["orderstatus", *low[2:]]
        res = RESOURCES.get(name)
        if res is None:
            return _empty(404)
        coll: Collection = getattr(store.data, res.table)
        params = lower_params(request.query_params)
        if res.table == "products" and len(segs) >= 2 and low[1] == "skuinfo":
            return await self._skuinfo_list(request, store, res, coll, params, segs)
        if method not in res.methods:
            return _empty(405)
        if len(segs) == 1:
            if method == "GET":
                return self._list(res, coll, params)
            if method == "POST":
                return self._post(store, res, coll, await self._items(request, res.batch))
            if method == "PUT":
                return self._put_batch(store, res, coll, await self._items(request, res.batch))
            return _empty(405)
        rid = _int(segs[1])
        if len(segs) == 2:
            if method == "GET":
                if rid not in coll:
                    return _empty(404)
                return self._page(coll, [rid], params)
            if method == "PUT":
                if rid not in coll:
                    return _empty(404)
                items = await self._items(request, res.batch)
                if len(items) != 1:
                    raise Invalid("one object expected")
                return self._put_one(store, res, coll, rid, items[0])
            if method == "DELETE":
                if not coll.delete(rid):
                    return _empty(404)
                store.data.change_seq += 1
                return _json(json.dumps([_entry(res.key, rid, 200, "Deleted successfully")]))
            return _empty(405)
        if rid not in coll:
            return _empty(404)
        sub_name = low[2]
        if sub_name == "skuinfo" and res.table == "products" and len(segs) == 3:
            return await self._skuinfo_one(request, store, coll, rid, params)
        if sub_name in res.related and len(segs) == 3 and method == "GET":
            target_name, param = res.related[sub_name]
            target = RESOURCES[target_name]
            return self._list(target, getattr(store.data, target.table), {**params, param: str(rid)})
        sub = res.subs.get(sub_name)
        if sub is None or len(segs) > 4:
            return _empty(404)
        if method not in sub.methods:
            return _empty(405)
        return await self._sub(request, store, coll, rid, sub, segs[3] if len(segs) == 4 else None,
                               params, res.batch)

    async def _items(self, request: Request, batch: int) -> list[Any]:
        body = await request.body()
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in _MEDIA and not media.endswith(("+json", "+xml")):
            raise _Abort(415)
        if not body.strip():
            raise Invalid("empty body")
        if "xml" in media:
            try:
                data: Any = _xml_to_obj(ET.fromstring(body))
            except ET.ParseError as exc:
                raise Invalid("bad xml") from exc
        else:
            try:
                data = json.loads(body)
            except ValueError as exc:
                raise Invalid("bad json") from exc
        items = data if isinstance(data, list) else [data]
        if not items or len(items) > batch or not all(isinstance(i, dict) for i in items):
            raise Invalid("bad batch")
        return items

    # -- GET -------------------------------------------------------------------------------
    def _ids(self, res: Resource, coll: Collection, params: Mapping[str, str]) -> list[int]:
        preds, key = build_predicates(res.filters, params)
        if not preds:
            return coll.ids()
        cached = coll.filter_cache.get(key)
        if cached is None:
            view = coll.view
            cached = [rid for rid in coll.ids() if all(p(view(rid)) for p in preds)]
            if len(coll.filter_cache) > 64:
                coll.filter_cache.clear()
            coll.filter_cache[key] = cached
        return cached

    def _list(self, res: Resource, coll: Collection, params: Mapping[str, str]) -> Response:
        ids = self._ids(res, coll, params)
        if params.get("countonly", "").strip().lower() in ("1", "true"):
            return _json(json.dumps({"TotalCount": len(ids)}))  # unconfirmed shape
        start, limit = paging(params, res.batch)
        page = ids[start:start + limit]
        if not page:
            return _empty(404)  # no results, including paging past the end
        return self._page(coll, page, params)

    def _page(self, coll: Collection, ids: list[int], params: Mapping[str, str]) -> Response:
        sel, order = params.get("$select"), params.get("$orderby")
        if not sel and not order:
            return _json("[" + ",".join(coll.json(rid) for rid in ids) + "]")
        records = [coll.get(rid) for rid in ids]
        return self._odata([r for r in records if r is not None], params)

    def _odata(self, records: list[Any], params: Mapping[str, str]) -> Response:
        if params.get("$orderby"):
            records = orderby(records, params["$orderby"])
        if params.get("$select"):
            records = select(records, params["$select"])
        return _json(json.dumps(records, separators=(",", ":")))

    # -- writes ----------------------------------------------------------------------------
    def _stamp(self, store: SimulatedStore, doc: dict[str, Any], spec: FieldSpec) -> None:
        if "LastUpdate" in spec:
            doc["LastUpdate"] = store.timestamp()
        store.data.change_seq += 1

    def _assign_sub_ids(self, store: SimulatedStore, res: Resource, doc: dict[str, Any]) -> None:
        for sub in res.subs.values():
            for item in doc.get(sub.field, ()):
                if not item.get(sub.key):
                    item[sub.key] = self._new_sub_key(store, sub)
                for field, key in sub.nested:
                    for nested in item.get(field) or ():
                        if not nested.get(key):
                            nested[key] = store.data.next_sub_id(key)

    def _new_sub_key(self, store: SimulatedStore, sub: Sub) -> Any:
        value = store.data.next_sub_id(sub.key)
        return str(value) if sub.spec[sub.key] == "str" else value

    def _post(self, store: SimulatedStore, res: Resource, coll: Collection,
              items: list[Any]) -> Response:
        docs = [coerce(item, res.spec) for item in items]
        for doc in docs:
            for path in res.required:
                value: Any = doc
                for part in path.split("."):
                    value = value.get(part) if isinstance(value, dict) else None
                if value in (None, ""):
                    raise Invalid(f"{path} is required")
        entries = []
        for doc in docs:
            record = _blank(res.spec)
            merge(record, _writable(res, doc))
            _derive(store, res, record, doc)
            rid = coll.next_id
            self._init_record(store, res, record, rid)
            self._assign_sub_ids(store, res, record)
            coll.insert(record)
            entries.append(_entry(res.key, rid, 201))
        return _json(json.dumps(entries), 201)

    def _init_record(self, store: SimulatedStore, res: Resource, rec: dict[str, Any],
                     rid: int) -> None:
        now = store.timestamp()
        if res.table == "products":
            rec["SKUInfo"]["CatalogID"] = rid
        else:
            rec[res.key] = rid
        for field in ("LastUpdate", "DateCreated", "OrderDate", "RMADateCreated"):
            if field in res.spec and not rec.get(field):
                rec[field] = now
        if res.table == "orders":
            rec["OrderStatusID"] = rec.get("OrderStatusID") or 1
            if not rec.get("InvoiceNumber"):
                rec["InvoiceNumber"] = store.data.next_sub_id("InvoiceNumber", 1000 + rid)
        store.data.change_seq += 1

    def _key_of(self, res: Resource, doc: dict[str, Any]) -> Any:
        if res.table == "products":
            return (doc.get("SKUInfo") or {}).get("CatalogID")
        return doc.get(res.key)

    def _update(self, store: SimulatedStore, res: Resource, coll: Collection, rid: int,
                changes: dict[str, Any]) -> None:
        if res.table == "products":
            changes.get("SKUInfo", {}).pop("CatalogID", None)
        changes.pop(res.key, None)
        record = coll.materialize(rid)
        merge(record, _writable(res, changes))
        _derive(store, res, record, changes)
        self._assign_sub_ids(store, res, record)
        self._stamp(store, record, res.spec)
        coll.touched()

    def _put_one(self, store: SimulatedStore, res: Resource, coll: Collection, rid: int,
                 item: Any) -> Response:
        self._update(store, res, coll, rid, coerce(item, res.spec))
        return _json(json.dumps([_entry(res.key, rid, 200)]))

    def _put_batch(self, store: SimulatedStore, res: Resource, coll: Collection,
                   items: list[Any]) -> Response:
        entries = []
        for item in items:
            try:
                changes = coerce(item, res.spec)
            except Invalid:
                entries.append(_entry(res.key, _raw_key(res, item), 400))
                continue
            rid = self._key_of(res, changes)
            if rid is None:
                entries.append(_entry(res.key, None, 400))
            elif rid not in coll:
                entries.append(_entry(res.key, rid, 404))
            else:
                self._update(store, res, coll, rid, changes)
                entries.append(_entry(res.key, rid, 200))
        return _answer(entries, 200)

    # -- SKUInfo ---------------------------------------------------------------------------
    async def _skuinfo_list(self, request: Request, store: SimulatedStore, res: Resource,
                            coll: Collection, params: Mapping[str, str],
                            segs: list[str]) -> Response:
        if len(segs) != 2:
            return _empty(404)
        if request.method == "GET":
            ids = self._ids(res, coll, params)
            if params.get("countonly", "").strip().lower() in ("1", "true"):
                return _json(json.dumps({"TotalCount": len(ids)}))
            start, limit = paging(params, res.batch)
            page = ids[start:start + limit]
            if not page:
                return _empty(404)
            return self._odata([coll.get(rid)["SKUInfo"] for rid in page], params)  # type: ignore[index]
        if request.method == "PUT":
            entries = []
            for item in await self._items(request, res.batch):
                try:
                    changes = coerce(item, res.spec["SKUInfo"])
                except Invalid:
                    entries.append(_entry("CatalogID", item.get("CatalogID"), 400))
                    continue
                rid = changes.get("CatalogID")
                if rid is None or rid not in coll:
                    entries.append(_entry("CatalogID", rid, 404 if rid is not None else 400))
                    continue
                self._update(store, res, coll, rid, {"SKUInfo": changes})
                entries.append(_entry("CatalogID", rid, 200))
            return _answer(entries, 200)
        return _empty(405)

    async def _skuinfo_one(self, request: Request, store: SimulatedStore, coll: Collection,
                           rid: int, params: Mapping[str, str]) -> Response:
        res = RESOURCES["products"]
        if request.method == "GET":
            return self._odata([coll.get(rid)["SKUInfo"]], params)  # type: ignore[index]
        if request.method == "PUT":
            items = await self._items(request, res.batch)
            if len(items) != 1:
                raise Invalid("one object expected")
            changes = coerce(items[0], res.spec["SKUInfo"])
            self._update(store, res, coll, rid, {"SKUInfo": changes})
            return _json(json.dumps([_entry("CatalogID", rid, 200)]))
        return _empty(405)

    # -- nested lists ----------------------------------------------------------------------
    async def _sub(self, request: Request, store: SimulatedStore, coll: Collection, rid: int,
                   sub: Sub, sub_id: str | None, params: Mapping[str, str],
                   batch: int) -> Response:
        method = request.method
        current = (coll.get(rid) or {}).get(sub.field) or []
        if sub_id is not None:
            match = [i for i in current if str(i.get(sub.key)) == sub_id]
            if not match:
                return _empty(404)
            if method == "GET":
                return self._odata(match, params)
            if method == "PUT":
                items = await self._items(request, batch)
                if len(items) != 1:
                    raise Invalid("one object expected")
                changes = coerce(items[0], sub.spec)
                self._sub_update(store, coll, rid, sub, {sub_id: changes})
                return _json(json.dumps([_entry(sub.key, sub_id, 200)]))
            return _empty(405)
        if method == "GET":
            if params.get("countonly", "").strip().lower() in ("1", "true"):
                return _json(json.dumps({"TotalCount": len(current)}))
            start, limit = paging(params, batch)
            page = current[start:start + limit]
            if not page:
                return _empty(404)
            return self._odata(json.loads(json.dumps(page)), params)
        items = await self._items(request, batch)
        docs = [coerce(item, sub.spec) for item in items]
        if method == "POST":
            record = coll.materialize(rid)
            entries = []
            for doc in docs:
                new = _blank(sub.spec)
                for field, _ in sub.nested:
                    doc[field] = [_filled(sub.spec[field][0], n) for n in doc.get(field) or ()]
                merge(new, doc)
                # The service dates a row it adds (TransactionDateTime is a non-nullable
                # DateTime in the client models; a null would not deserialise).
                for name, kind in sub.spec.items():
                    if kind == "date" and not new.get(name):
                        new[name] = store.timestamp()
                given = None if sub.assigned else doc.get(sub.key)
                new[sub.key] = given or self._new_sub_key(store, sub)
                for field, key in sub.nested:  # new rows: the service numbers them
                    for nested in new[field]:
                        nested[key] = store.data.next_sub_id(key)
                record.setdefault(sub.field, []).append(new)
                entries.append(_entry(sub.key, new[sub.key], 201))
            self._stamp(store, record, {"LastUpdate": "date"} if "LastUpdate" in record else {})
            coll.touched()
            return _json(json.dumps(entries), 201)
        if method == "PUT":
            known = {str(i.get(sub.key)) for i in current}
            entries, updates = [], {}
            for doc in docs:
                given = doc.get(sub.key)
                if given is None:
                    entries.append(_entry(sub.key, None, 400))
                elif str(given) not in known:
                    entries.append(_entry(sub.key, given, 404))
                else:
                    updates[str(given)] = doc
                    entries.append(_entry(sub.key, given, 200))
            if updates:
                self._sub_update(store, coll, rid, sub, updates)
            return _answer(entries, 200)
        return _empty(405)

    def _sub_update(self, store: SimulatedStore, coll: Collection, rid: int, sub: Sub,
                    updates: dict[str, dict[str, Any]]) -> None:
        record = coll.materialize(rid)
        for item in record.get(sub.field, []):
            changes = updates.get(str(item.get(sub.key)))
            if changes:
                changes.pop(sub.key, None)
                for field, key in sub.nested:
                    if field in changes:
                        _merge_keyed(store, item.setdefault(field, []), changes.pop(field), key,
                                     sub.spec[field][0])
                merge(item, changes)
        self._stamp(store, record, {"LastUpdate": "date"} if "LastUpdate" in record else {})
        coll.touched()


#: Fields the service returns but its models do not have (Product.cs has no
#: ManufacturerName): Json.NET drops them from a request body, so a write cannot set them.
_READ_ONLY = {"products": ("ManufacturerName",)}


def _writable(res: Resource, doc: dict[str, Any]) -> dict[str, Any]:
    drop = _READ_ONLY.get(res.table, ())
    return {k: v for k, v in doc.items() if k not in drop}


def _derive(store: SimulatedStore, res: Resource, record: dict[str, Any],
            written: dict[str, Any]) -> None:
    """A product's ManufacturerName follows its ManufacturerID (the name is derived)."""
    if res.table != "products" or "ManufacturerID" not in written:
        return
    mid = record.get("ManufacturerID")
    maker = store.data.manufacturers.get(mid) if isinstance(mid, int) and mid else None
    record["ManufacturerName"] = (maker or {}).get("ManufacturerName") or ""


def _filled(spec: FieldSpec, item: dict[str, Any]) -> dict[str, Any]:
    """A nested row with every field present, as the service returns it."""
    row = _blank(spec)
    merge(row, item)
    return row


def _merge_keyed(store: SimulatedStore, current: list[dict[str, Any]],
                 incoming: list[dict[str, Any]], key: str, spec: FieldSpec) -> None:
    """Update the rows of ``current`` named by ``key``; add the others with new ids."""
    by_key = {str(row.get(key)): row for row in current}
    for change in incoming:
        row = by_key.get(str(change.get(key))) if change.get(key) else None
        if row is None:
            row = _filled(spec, {k: v for k, v in change.items() if k != key})
            row[key] = store.data.next_sub_id(key)
            current.append(row)
        else:
            merge(row, {k: v for k, v in change.items() if k != key})


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise _Abort(404) from None


def _raw_key(res: Resource, item: Any) -> Any:
    if not isinstance(item, dict):
        return None
    lower = {k.lower(): v for k, v in item.items() if isinstance(k, str)}
    if res.table == "products":
        sku = lower.get("skuinfo")
        if isinstance(sku, dict):
            return {k.lower(): v for k, v in sku.items()}.get("catalogid")
        return None
    return lower.get(res.key.lower())


def create_simulator(
    stores: SimulatedStores | None = None,
    clock: Clock | None = None,
    *,
    now: Callable[[], datetime] | None = None,
    callback_client: httpx.AsyncClient | None = None,
    retry_after: bool = False,
) -> Starlette:
    """The ASGI app of a new :class:`Shift4ShopSimulator` (reachable as ``app.state.simulator``)."""
    return Shift4ShopSimulator(stores, clock, now=now, callback_client=callback_client,
                               retry_after=retry_after).app
