"""A Shift4Shop (3dcart) REST API simulator, built on the simulator kit (``anycart.sandbox``).

    sim = Shift4ShopSimulator()
    store = sim.stores.add_store("https://demo.3dcartstores.com", "app-private", "token", size=1000)
    app = sim.app            # or: app = create_simulator(); sim = app.state.simulator

Behaviour follows the public documentation: ``SecureURL``/``PrivateKey``/``Token`` headers
(401 otherwise), ``/3dCartWebAPI/v1|v2/{service}`` (paths case-insensitive), the response
array on writes (201/200/206), empty bodies on 404/400/500, 415 for bodies that are neither
JSON nor XML, batch sizes (orders 300, products 200, others 500) and a 50-drop bucket leaking
2/s (429). The services are declared in ``sim_resources``; each becomes kit routes here.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

import httpx
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount

from anycart import sandbox
from anycart.sandbox import Embedded, Endpoint, FieldSpec
from anycart.transport.ratelimit import Clock, LeakyBucket

from .sim_oauth import App, Apps
from .sim_resources import RESOURCES, Resource
from .sim_store import Collection, SimulatedStore, SimulatedStores, body_date, parse_date

__all__ = ["Shift4ShopSimulator", "SimulatedStore", "SimulatedStores", "create_simulator"]

_JSON = "application/json; charset=utf-8"
_VERSIONS = ("v1", "v2")
_MESSAGES = {201: "Created successfully", 200: "Updated successfully", 404: "Not Found",
             400: "Bad Request"}
#: ``offset`` is 1-based (0 counts as 1), 10 a page by default, at most the service's batch.
_PAGING = sandbox.OffsetLimit(default=10, base=1)
#: Dates the service sets on a record it creates.
_CREATED = ("LastUpdate", "DateCreated", "OrderDate", "RMADateCreated")


def _json(text: str, status: int = 200) -> Response:
    return Response(text, status_code=status, media_type=_JSON)


def _entry(key: str, value: Any, status: int, message: str | None = None) -> dict[str, str]:
    return {"Key": key, "Value": "" if value is None else str(value), "Status": str(status),
            "Message": message or _MESSAGES.get(status, "")}


def _answer(entries: list[dict[str, str]], ok: int) -> Response:
    """The response array; 206 when some entries did not succeed."""
    status = ok if all(e["Status"] == str(ok) for e in entries) else 206
    return _json(json.dumps(entries), status)


def _unauthorized(request: Request) -> Response:
    # unconfirmed body shape: the docs give none for 401; we reuse the response array.
    return _json(json.dumps([_entry("Error", "", 401, "Authorization has been denied for "
                                                      "this request.")]), 401)


def _bind(item: Any, spec: FieldSpec) -> dict[str, Any]:
    """Json.NET model binding of one object (ISO or ``MM/dd/yyyy`` dates)."""
    return sandbox.coerce(item, spec, date=body_date)


def _odata(records: list[Any], q: dict[str, str]) -> Response:
    """``$orderby`` then ``$select``, on the page already chosen (as the docs say)."""
    return _json(json.dumps(sandbox.odata(records, q), separators=(",", ":")))


def _paged(items: Sequence[Any], q: dict[str, str], batch: int,
           render: Callable[[list[Any]], Response]) -> Response:
    """``countonly`` or one page; no results (paging past the end too) is an empty 404."""
    if q.get("countonly", "").strip().lower() in ("1", "true"):
        return _json(json.dumps({"TotalCount": len(items)}))  # unconfirmed shape
    page = _PAGING.window(q, batch).of(items)
    if not page:
        raise sandbox.SimError(404)
    return render(page)


def _records(coll: Collection, ids: list[int], q: dict[str, str], part: str | None) -> Response:
    if part is not None:
        return _odata([coll.peek(rid)[part] for rid in ids], q)
    if not q.get("$select") and not q.get("$orderby"):
        return _json("[" + ",".join(coll.json(rid) for rid in ids) + "]")
    return _odata([coll.peek(rid) for rid in ids], q)


class _Call:
    """One request to a service: the store, its table, the lower-cased query."""

    def __init__(self, request: Request, res: Resource) -> None:
        self.request, self.res = request, res
        self.store: SimulatedStore = sandbox.tenant_of(request)
        self.coll: Collection = getattr(self.store.data, res.table)
        self.q = sandbox.lower_params(request.query_params)

    def rid(self) -> int:
        """The record of the path; 404 when there is none."""
        rid: int = self.request.path_params["id"]
        if rid not in self.coll:
            raise sandbox.SimError(404)
        return rid

    async def items(self) -> list[dict[str, Any]]:
        return await sandbox.read_items(self.request, self.res.batch)

    async def one(self) -> dict[str, Any]:
        """The body of a write to one record: one object (or an array of one)."""
        return (await sandbox.read_items(self.request, 1))[0]


class Shift4ShopSimulator:
    """Stores, apps and the ASGI app serving them."""

    def __init__(self, stores: SimulatedStores | None = None, clock: Clock | None = None, *,
                 now: Callable[[], datetime] | None = None,
                 callback_client: httpx.AsyncClient | None = None,
                 retry_after: bool = False) -> None:
        self.stores = stores or SimulatedStores(clock=clock, now=now)
        self.apps = Apps(callback_client, stores=self.stores)
        #: The docs do not say the API sends Retry-After on 429, so by default it is omitted;
        #: turn it on to model a friendlier server (value in platform seconds).
        self.retry_after = retry_after
        service = sandbox.api(self._routes(), middleware=[
            Middleware(sandbox.AuthMiddleware, deny=_unauthorized, check=sandbox.HeaderToken(
                "PrivateKey", "Token", accepts=SimulatedStore.accepts,
                tenant=lambda r: self.stores.get(r.headers.get("secureurl")))),
            Middleware(sandbox.RateLimitMiddleware, limiter=lambda s: s.bucket,
                       deny=self._throttled),
            Middleware(sandbox.FailureMiddleware,
                       render=lambda status: Response(status_code=status)),
        ])
        routes: list[BaseRoute] = [Mount(f"/3dCartWebAPI/{v}", app=service) for v in _VERSIONS]
        routes += [sandbox.route("/oauth/authorize", {"GET": self.apps.authorize}),
                   sandbox.route("/oauth/token", {"POST": self.apps.token})]
        self.app = sandbox.simulator_app(sandbox.ignore_case(routes), state={"simulator": self},
                                         middleware=[Middleware(sandbox.NormalizePath)])

    # -- public helpers --------------------------------------------------------------------
    def add_app(self, public_key: str, private_key: str, callback_url: str | None = None) -> App:
        return self.apps.add(public_key, private_key, callback_url)

    def inject_failure(self, store: SimulatedStore | str, status: int = 500,
                       times: int = 1) -> None:
        """The next ``times`` authenticated requests to ``store`` answer ``status``, no body."""
        self._store(store).inject_failure(status, times)

    async def authorize_store(self, store: SimulatedStore | str, public_key: str) -> str | None:
        """The merchant subscribes to an app (Modules -> REST API): the token, or None if the
        app's CallBackURL did not answer 200 (the subscription then does not complete)."""
        return await self.apps.subscribe(self.apps.apps[public_key], self._store(store))

    async def remove_authorization(self, store: SimulatedStore | str, public_key: str) -> bool:
        """The merchant unsubscribes: tokens of the app stop working; REMOVE is posted."""
        return await self.apps.unsubscribe(self.apps.apps[public_key], self._store(store))

    def _store(self, store: SimulatedStore | str) -> SimulatedStore:
        found = store if isinstance(store, SimulatedStore) else self.stores.get(store)
        if found is None:
            raise KeyError(store)
        return found

    def _throttled(self, bucket: LeakyBucket) -> Response:
        headers = {}
        if self.retry_after:
            headers["Retry-After"] = str(max(1, round(bucket.retry_after() + 0.5)))
        return Response(status_code=429, headers=headers)

    # -- routes ----------------------------------------------------------------------------
    def _routes(self) -> list[BaseRoute]:
        out: list[BaseRoute] = []
        for res in RESOURCES.values():
            out += self._service(res).routes()
        return out

    def _service(self, res: Resource) -> sandbox.Resource:
        """The kit routes of one service: the collection, one record, its nested lists and
        related listings; Products add SKUInfo, Orders the ``Orders/Status`` alias."""
        children = [self._sub(res, name, sub) for name, sub in res.subs.items()]
        children += [sandbox.Resource(f"/{name}",
                                      {"GET": partial(self._related, res, target, param)})
                     for name, (target, param) in res.related.items()]
        extra: list[tuple[str, dict[str, Endpoint]]] = []
        if res.key_in == "SKUInfo":  # the SKUInfo part of products, listed and written alone
            sku = "SKUInfo"
            extra.append((f"/{sku}", {"GET": partial(self._list, res, sku),
                                      "PUT": partial(self._put_many, res, sku)}))
            children.append(sandbox.Resource(f"/{sku}", {"GET": partial(self._get, res, sku),
                                                         "PUT": partial(self._put, res, sku)}))
        if res.table == "orders":
            status = RESOURCES["orderstatus"]
            extra += [("/Status", {"GET": partial(self._list, status, None)}),
                      ("/Status/{id:int}", {"GET": partial(self._get, status, None)})]
        return sandbox.Resource(
            f"/{res.name}",
            {"GET": partial(self._list, res, None), "POST": partial(self._post, res),
             "PUT": partial(self._put_many, res, None)},
            item={"GET": partial(self._get, res, None), "PUT": partial(self._put, res, None),
                  "DELETE": partial(self._delete, res)},
            children=tuple(children), extra=tuple(extra), allow=res.methods)

    def _sub(self, res: Resource, name: str, sub: Embedded) -> sandbox.Resource:
        return sandbox.Resource(
            f"/{name}", {"GET": partial(self._sub_list, res, sub),
                         "POST": partial(self._sub_post, res, sub),
                         "PUT": partial(self._sub_put_many, res, sub)},
            item={"GET": partial(self._sub_get, res, sub), "PUT": partial(self._sub_put, res, sub)},
            id="{sub_id}", allow=sub.methods)

    # -- services: ``part`` names the part of each record served alone (SKUInfo) ---------
    def _list(self, res: Resource, part: str | None, request: Request,
              extra: dict[str, str] | None = None) -> Response:
        c = _Call(request, res)
        q = {**c.q, **(extra or {})}
        ids = sandbox.matching(c.coll, res.filters, q, parse_date)
        return _paged(ids, q, res.batch, lambda page: _records(c.coll, page, q, part))

    def _related(self, res: Resource, target: str, param: str, request: Request) -> Response:
        """``/Categories/{id}/Products``: the target service filtered by this record."""
        rid = _Call(request, res).rid()
        return self._list(RESOURCES[target], None, request, {param: str(rid)})

    def _get(self, res: Resource, part: str | None, request: Request) -> Response:
        c = _Call(request, res)
        return _records(c.coll, [c.rid()], c.q, part)

    async def _post(self, res: Resource, request: Request) -> Response:
        c = _Call(request, res)
        docs = [_bind(item, res.spec) for item in await c.items()]
        for doc in docs:
            sandbox.required(doc, res.required)
        entries = []
        for doc in docs:
            record = sandbox.blank(res.spec)
            sandbox.merge(record, {k: v for k, v in doc.items() if k not in res.read_only})
            if res.on_write is not None:
                res.on_write(c.store, record, doc)
            rid = c.coll.next_id
            res.holder(record)[res.key] = rid
            for name in _CREATED:
                if name in res.spec and not record.get(name):
                    record[name] = c.store.timestamp()
            if res.on_create is not None:
                res.on_create(c.store, record, doc)
            _number_subs(c.store, res, record)
            c.coll[rid] = record
            c.store.data.change_seq += 1
            entries.append(_entry(res.key, rid, 201))
        return _json(json.dumps(entries), 201)

    async def _put(self, res: Resource, part: str | None, request: Request) -> Response:
        c = _Call(request, res)
        rid = c.rid()
        changes = _bind(await c.one(), res.spec[part] if part else res.spec)
        self._update(c, rid, {part: changes} if part else changes)
        return _json(json.dumps([_entry(res.key, rid, 200)]))

    async def _put_many(self, res: Resource, part: str | None, request: Request) -> Response:
        c = _Call(request, res)
        entries = []
        for item in await c.items():
            try:
                changes = _bind(item, res.spec[part] if part else res.spec)
            except sandbox.Invalid:
                entries.append(_entry(res.key, _raw_key(res, part, item), 400))
                continue
            rid = (changes if part else res.holder(changes)).get(res.key)
            status = self._update_if_known(c, rid, {part: changes} if part else changes)
            entries.append(_entry(res.key, rid, status))
        return _answer(entries, 200)

    def _delete(self, res: Resource, request: Request) -> Response:
        c = _Call(request, res)
        rid = c.rid()
        del c.coll[rid]
        c.store.data.change_seq += 1
        return _json(json.dumps([_entry(res.key, rid, 200, "Deleted successfully")]))

    def _update_if_known(self, c: _Call, rid: Any, changes: dict[str, Any]) -> int:
        """One entry of a batch PUT: 400 without a key, 404 for an unknown one, else 200."""
        if rid is None:
            return 400
        if rid not in c.coll:
            return 404
        self._update(c, rid, changes)
        return 200

    def _update(self, c: _Call, rid: int, changes: dict[str, Any]) -> None:
        res = c.res
        res.holder(changes).pop(res.key, None)
        record = c.coll[rid]
        # merged into a copy first: a write the hook refuses (400) leaves the record as it was
        staged = copy.deepcopy(record)
        sandbox.merge(staged, {k: v for k, v in changes.items() if k not in res.read_only})
        if res.on_write is not None:
            res.on_write(c.store, staged, changes)
        record.clear()
        record.update(staged)
        _number_subs(c.store, res, record)
        self._stamp(c, record)

    @staticmethod
    def _stamp(c: _Call, record: dict[str, Any]) -> None:
        if "LastUpdate" in record:
            record["LastUpdate"] = c.store.timestamp()
        c.store.data.change_seq += 1
        c.coll.changed()

    # -- nested lists ----------------------------------------------------------------------
    def _sub_list(self, res: Resource, sub: Embedded, request: Request) -> Response:
        c = _Call(request, res)
        return _paged(sub.rows(c.coll.peek(c.rid())), c.q, res.batch,
                      lambda page: _odata(page, c.q))

    def _sub_get(self, res: Resource, sub: Embedded, request: Request) -> Response:
        c = _Call(request, res)
        return _odata(_named_rows(c, sub), c.q)

    async def _sub_post(self, res: Resource, sub: Embedded, request: Request) -> Response:
        c = _Call(request, res)
        rid = c.rid()
        docs = [_bind(item, sub.spec) for item in await c.items()]
        record = c.coll[rid]
        # The service dates a row it adds (TransactionDateTime is a non-nullable DateTime in
        # the client models; a null would not deserialise) and numbers its nested rows.
        rows = [sub.add(record, doc, c.store.data.next_sub_id, c.store.timestamp())
                for doc in docs]
        self._stamp(c, record)
        return _json(json.dumps([_entry(sub.key, row[sub.key], 201) for row in rows]), 201)

    async def _sub_put_many(self, res: Resource, sub: Embedded, request: Request) -> Response:
        c = _Call(request, res)
        rid = c.rid()
        docs = [_bind(item, sub.spec) for item in await c.items()]
        known = {str(row.get(sub.key)) for row in sub.rows(c.coll.peek(rid))}
        entries, updates = [], {}
        for doc in docs:
            given = doc.get(sub.key)
            status = 400 if given is None else 404 if str(given) not in known else 200
            if status == 200:
                updates[str(given)] = doc
            entries.append(_entry(sub.key, given, status))
        if updates:
            self._sub_update(c, rid, sub, updates)
        return _answer(entries, 200)

    async def _sub_put(self, res: Resource, sub: Embedded, request: Request) -> Response:
        c = _Call(request, res)
        _named_rows(c, sub)
        sub_id = request.path_params["sub_id"]
        self._sub_update(c, c.rid(), sub, {sub_id: _bind(await c.one(), sub.spec)})
        return _json(json.dumps([_entry(sub.key, sub_id, 200)]))

    def _sub_update(self, c: _Call, rid: int, sub: Embedded,
                    updates: dict[str, dict[str, Any]]) -> None:
        record = c.coll[rid]
        sub.update(record, updates, c.store.data.next_sub_id)
        self._stamp(c, record)


def _named_rows(c: _Call, sub: Embedded) -> list[dict[str, Any]]:
    """The nested rows named by the path's ``sub_id`` (404 when none)."""
    rows = sub.find(c.coll.peek(c.rid()), c.request.path_params["sub_id"])
    if not rows:
        raise sandbox.SimError(404)
    return rows


def _number_subs(store: SimulatedStore, res: Resource, record: dict[str, Any]) -> None:
    """Nested rows written with their record are whole rows too (Json.NET binds each to its
    model, so the service returns every field; dates it stamps are now), and rows without
    their key get the next one the service assigns."""
    for sub in res.subs.values():
        rows = sub.rows(record)
        for i, row in enumerate(rows):
            rows[i] = sandbox.filled(sub.spec, row)
            rows[i].update({f: [sandbox.filled(sub.spec[f][0], n) for n in row.get(f) or ()]
                            for f, _ in sub.nested})
            rows[i].update({name: store.timestamp() for name, kind in sub.spec.items()
                            if kind == "date" and not rows[i].get(name)})
        sub.number(record, store.data.next_sub_id)


def _raw_key(res: Resource, part: str | None, item: dict[str, Any]) -> Any:
    """The key a client sent in an object that did not bind (for its 400 entry)."""
    lower = {k.lower(): v for k, v in item.items() if isinstance(k, str)}
    if res.key_in and not part:
        inner = lower.get(res.key_in.lower())
        lower = {k.lower(): v for k, v in inner.items()} if isinstance(inner, dict) else {}
    return lower.get(res.key.lower())


def create_simulator(stores: SimulatedStores | None = None, clock: Clock | None = None,
                     **options: Any) -> Any:
    """The ASGI app of a new :class:`Shift4ShopSimulator` (reachable as ``app.state.simulator``);
    ``options`` as the simulator takes them."""
    return Shift4ShopSimulator(stores, clock, **options).app
