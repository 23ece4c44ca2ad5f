"""The dashboard's pages. Each page reads and writes through the gateway's method handlers
(:class:`~anycart.dashboard.calls.Caller`), so what it shows, accepts and refuses is what
the API shows, accepts and refuses; only redelivery and the delivery log, which no method
serves, use the webhook outbox directly."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from anycart.concurrency import in_thread
from anycart.dashboard import queries
from anycart.dashboard.calls import Caller
from anycart.dashboard.chart import outcomes_svg
from anycart.dashboard.session import (
    COOKIE,
    LOGIN_COOKIE,
    LOGIN_MAX_AGE_S,
    MAX_AGE_S,
    Sessions,
    SignedIn,
    csrf_ok,
)
from anycart.errors import ReturnCode
from anycart.services import Services
from anycart.webhooks import outbox

PREFIX = "/dashboard"
STATIC = Path(__file__).parent / "static"
#: Entity counts shown per store, and how long one is kept before it is asked again.
COUNTED = ("product", "order", "customer")
COUNTS_TTL_S = 60.0
#: Largest form body read; the dashboard's forms are a few hundred bytes.
FORM_LIMIT = 64 * 1024
_SECRET_HINTS = ("key", "token", "secret", "password", "pass")


@dataclass
class Page:
    """What every page's template gets besides its own values."""

    session: SignedIn
    title: str
    nav: str


class Dashboard:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.caller = Caller(services.gateway)
        self.sessions = Sessions()
        self.templates = Environment(loader=PackageLoader("anycart.dashboard", "templates"),
                                     autoescape=select_autoescape(default=True))
        self.templates.globals["prefix"] = PREFIX
        self.templates.filters["ago"] = _ago
        self._counts: dict[str, tuple[float, dict[str, Any]]] = {}

    # --- plumbing ----------------------------------------------------------------------

    def render(self, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(self.templates.get_template(name).render(**values),
                            status_code=status)

    def page(self, name: str, session: SignedIn, title: str, nav: str, status: int = 200,
             **values: Any) -> HTMLResponse:
        return self.render(name, status, page=Page(session, title, nav), **values)

    def signed_in(self, request: Request) -> SignedIn | None:
        return self.sessions.find(request.cookies.get(COOKIE))

    async def form(self, request: Request) -> dict[str, str]:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > FORM_LIMIT:
                return {}
        return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))

    async def call(self, session: SignedIn, method: str, params: dict[str, Any] | None = None,
                   store_key: str | None = None, body: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
        return await self.caller.call(session.api_key, method, params, store_key, body)

    async def stores(self, session: SignedIn) -> list[dict[str, Any]]:
        answer = await self.call(session, "account.cart.list")
        carts: list[dict[str, Any]] = (answer.get("result") or {}).get("carts") or []
        return carts

    async def counts(self, session: SignedIn, store_key: str) -> dict[str, Any]:
        """Product, order and customer counts of one store through the platform's count
        methods, kept :data:`COUNTS_TTL_S` so the stores page stays fast."""
        kept = self._counts.get(store_key)
        if kept and time.monotonic() - kept[0] < COUNTS_TTL_S:
            return kept[1]
        counts: dict[str, Any] = {}
        for entity in COUNTED:
            answer = await self.call(session, f"{entity}.count", store_key=store_key)
            code, result = answer["return_code"], answer.get("result") or {}
            counts[entity] = next(iter(result.values()), None) if code == ReturnCode.OK else None
            # a platform without that count is not a failing store
            failed = code not in (ReturnCode.OK, ReturnCode.METHOD_NOT_SUPPORTED)
            counts[f"{entity}_error"] = answer["return_message"] if failed else ""
        self._counts[store_key] = (time.monotonic(), counts)
        return counts


def _ago(moment: float | datetime | None) -> str:
    if moment is None:
        return "never"
    at = moment if isinstance(moment, datetime) else datetime.fromtimestamp(moment, UTC)
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")


def _json_value(text: str) -> Any:
    """An object or array typed into the explorer; left as text (for the API to refuse,
    naming the parameter) when it is not JSON."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _redirect(path: str, **query: str) -> RedirectResponse:
    return RedirectResponse(PREFIX + path + (f"?{urlencode(query)}" if query else ""),
                            status_code=303)


def _platform_fields(platform: dict[str, Any]) -> list[dict[str, Any]]:
    """The credential inputs of one platform from ``account.supported_platforms``: a name in
    every alternative set is required; the rest are optional."""
    groups: list[list[str]] = platform["params"]["required"]
    names: list[str] = []
    for group in groups:
        names += [n for n in group if n not in names]
    names += [n for n in platform["params"]["additional"] if n not in names]
    return [{"name": n, "required": all(n in g for g in groups),
             "secret": n != "store_url" and any(h in n for h in _SECRET_HINTS)} for n in names]


def register(app: FastAPI, services: Services) -> None:
    """Add ``/dashboard`` and its pages to ``app``."""
    dash = Dashboard(services)
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    def login_redirect() -> RedirectResponse:
        return _redirect("/login")

    @router.get("")
    async def home(request: Request) -> Response:
        return _redirect("/stores") if dash.signed_in(request) else login_redirect()

    @router.get("/static/{name}")
    async def static(name: str) -> Response:
        path = STATIC / name
        if "/" in name or not path.is_file():
            return Response("not found", status_code=404)
        return FileResponse(path, headers={"cache-control": "max-age=3600"})

    # --- sign in / out ----------------------------------------------------------------

    def login_page(request: Request, error: str = "", status: int = 200) -> Response:
        cookie, token = dash.sessions.login_token()
        response = dash.render("login.html", status, error=error, csrf=token)
        response.set_cookie(LOGIN_COOKIE, cookie, max_age=LOGIN_MAX_AGE_S, path=PREFIX,
                            httponly=True, samesite="lax", secure=request.url.scheme == "https")
        return response

    @router.get("/login")
    async def login_form(request: Request) -> Response:
        return login_page(request)

    @router.post("/login")
    async def login(request: Request) -> Response:
        form = await dash.form(request)
        if not dash.sessions.login_token_ok(request.cookies.get(LOGIN_COOKIE), form.get("csrf")):
            return login_page(request, "The sign-in form expired: sign in again.", 403)
        api_key = form.get("api_key", "").strip()
        account = await in_thread(services.repo.authenticate, api_key) if api_key else None
        if account is None:
            return login_page(request, "Incorrect api_key: no account has it." if api_key
                              else "Enter an api_key.", 401)
        cookie, _ = dash.sessions.start(api_key, account.id, account.name)
        response = _redirect("/stores")
        response.set_cookie(COOKIE, cookie, max_age=MAX_AGE_S, path=PREFIX, httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")
        response.delete_cookie(LOGIN_COOKIE, path=PREFIX)
        return response

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        session = dash.signed_in(request)
        if session is not None and csrf_ok(session, (await dash.form(request)).get("csrf")):
            dash.sessions.end(request.cookies.get(COOKIE))
        response = login_redirect()
        response.delete_cookie(COOKIE, path=PREFIX)
        return response

    async def posted(request: Request) -> tuple[SignedIn | None, dict[str, str]]:
        """The session and form of a POST, or no session when the CSRF token is wrong."""
        session = dash.signed_in(request)
        form = await dash.form(request)
        if session is None or not csrf_ok(session, form.get("csrf")):
            return None, form
        return session, form

    # --- stores -----------------------------------------------------------------------

    @router.get("/stores")
    async def stores(request: Request) -> Response:
        session = dash.signed_in(request)
        if session is None:
            return login_redirect()
        carts = await dash.stores(session)
        return dash.page("stores.html", session, "Stores", "stores", carts=carts,
                         health=services.gateway.health.stores, notice=request.query_params.get("notice", ""))

    @router.get("/stores/{store_key}/counts")
    async def store_counts(request: Request, store_key: str) -> Response:
        session = dash.signed_in(request)
        if session is None:
            return Response("signed out", status_code=401)
        counts = await dash.counts(session, store_key)
        return dash.render("counts.html", counts=counts, entities=COUNTED,
                           health=services.gateway.health.get(store_key))

    async def add_form(session: SignedIn, cart_id: str, values: dict[str, str],
                       error: str = "", status: int = 200) -> Response:
        answer = await dash.call(session, "account.supported_platforms")
        platforms = (answer.get("result") or {}).get("supported_platforms") or []
        chosen = next((p for p in platforms if p["cart_id"] == cart_id), None)
        return dash.page("store_add.html", session, "Add a store", "stores", status,
                         platforms=platforms, chosen=chosen,
                         fields=_platform_fields(chosen) if chosen else [],
                         values=values, error=error)

    @router.get("/stores/add")
    async def store_add_form(request: Request) -> Response:
        session = dash.signed_in(request)
        if session is None:
            return login_redirect()
        return await add_form(session, request.query_params.get("cart_id", ""), {})

    @router.post("/stores/add")
    async def store_add(request: Request) -> Response:
        session, form = await posted(request)
        if session is None:
            return login_redirect()
        params = {k: v.strip() for k, v in form.items() if k != "csrf" and v.strip()}
        answer = await dash.call(session, "account.cart.add", params)
        if answer["return_code"]:
            values = {k: v for k, v in params.items() if k in ("store_url", "custom_label")}
            return await add_form(session, params.get("cart_id", ""), values,
                                  answer["return_message"], 422)
        return _redirect("/stores", notice=f"Store {answer['result']['store_key']} added.")

    @router.post("/stores/{store_key}/remove")
    async def store_remove(request: Request, store_key: str) -> Response:
        session, _ = await posted(request)
        if session is None:
            return login_redirect()
        answer = await dash.call(session, "cart.delete", store_key=store_key)
        dash._counts.pop(store_key, None)
        return _redirect("/stores", notice=answer["return_message"] or "Store removed.")

    # --- webhooks ---------------------------------------------------------------------

    @router.get("/webhooks")
    async def webhooks(request: Request) -> Response:
        session = dash.signed_in(request)
        if session is None:
            return login_redirect()
        carts = await dash.stores(session)
        hooks, topics = [], set()
        for cart in carts:
            events = await dash.call(session, "webhook.events", store_key=cart["store_key"])
            topics |= {e["webhook_name"] for e in (events.get("result") or {}).get("events") or []}
            answer = await dash.call(session, "webhook.list", {"count": 100, "params": "force_all"},
                                     store_key=cart["store_key"])
            for hook in (answer.get("result") or {}).get("webhook") or []:
                hooks.append({**hook, "store_key": cart["store_key"],
                              "store": cart["custom_label"] or cart["url"]})
        failed = await dash.call(session, "account.failed_webhooks",
                                {"count": 50, "params": "force_all"})
        db, account = services.repo.db, session.account_id
        deliveries = await in_thread(queries.recent_deliveries, db, account)
        hours = await in_thread(queries.hourly_outcomes, db, account)
        lags = await in_thread(queries.poll_lag, db, account)
        return dash.page("webhooks.html", session, "Webhooks", "webhooks", carts=carts,
                         hooks=hooks, topics=sorted(topics), failed=(failed.get("result") or {}).get("webhook") or [],
                         deliveries=deliveries, chart=outcomes_svg(hours), hours=hours,
                         lags=lags, error=request.query_params.get("error", ""),
                         notice=request.query_params.get("notice", ""))

    @router.post("/webhooks/create")
    async def webhook_create(request: Request) -> Response:
        session, form = await posted(request)
        if session is None:
            return login_redirect()
        topic = form.get("topic", "")
        entity, _, action = topic.partition(".")
        params = {"entity": entity, "action": action, "callback": form.get("callback", ""),
                  "label": form.get("label", "")}
        answer = await dash.call(session, "webhook.create", params, form.get("store_key"))
        if answer["return_code"]:
            return _redirect("/webhooks", error=answer["return_message"])
        return _redirect("/webhooks", notice=f"Webhook {answer['result']['id']} created.")

    @router.post("/webhooks/{hook_id}/update")
    async def webhook_update(request: Request, hook_id: str) -> Response:
        session, form = await posted(request)
        if session is None:
            return login_redirect()
        params = {"id": hook_id, **{k: form[k] for k in ("callback", "label", "active")
                                    if form.get(k)}}
        answer = await dash.call(session, "webhook.update", params, form.get("store_key"))
        if answer["return_code"]:
            return _redirect("/webhooks", error=answer["return_message"])
        return _redirect("/webhooks", notice=f"Webhook {hook_id} updated.")

    @router.post("/webhooks/redeliver")
    async def webhook_redeliver(request: Request) -> Response:
        session, form = await posted(request)
        if session is None:
            return login_redirect()
        webhook_id, event_id = form.get("webhook_id", ""), form.get("event_id", "")
        if not (webhook_id.isdecimal() and event_id):  # one delivery, never all by accident
            return _redirect("/webhooks", error="Choose a failed delivery to send again.")
        count = await in_thread(outbox.redeliver, services.repo.db, session.account_id,
                                int(webhook_id), event_id)
        return _redirect("/webhooks", notice=f"{count} delivery queued again.")

    # --- batch jobs -------------------------------------------------------------------

    @router.get("/jobs")
    async def jobs(request: Request) -> Response:
        session = dash.signed_in(request)
        if session is None:
            return login_redirect()
        rows = []
        for cart in await dash.stores(session):
            answer = await dash.call(session, "batch.job.list", {"count": 50, "params": "force_all"},
                                     store_key=cart["store_key"])
            for job in (answer.get("result") or {}).get("jobs") or []:
                extra = job.get("additional_fields") or {}
                total, done = int(extra.get("items") or 0), int(extra.get("items_processed") or 0)
                rows.append({**job, "store": cart["custom_label"] or cart["url"],
                             "total": total, "done": done})
        return dash.page("jobs.html", session, "Batch jobs", "jobs", jobs=rows)

    # --- exports --------------------------------------------------------------------------

    @router.get("/exports")
    async def exports(request: Request) -> Response:
        session = dash.signed_in(request)
        if session is None:
            return login_redirect()
        runs = await in_thread(queries.export_runs, services.repo.db, session.account_id)
        return dash.page("exports.html", session, "Exports", "exports", runs=runs)

    # --- live shipping ----------------------------------------------------------------------

    @router.get("/shipping")
    async def shipping(request: Request) -> Response:
        session = dash.signed_in(request)
        if session is None:
            return login_redirect()
        rows = await in_thread(queries.shipping_services, services.repo.db, session.account_id)
        return dash.page("shipping.html", session, "Live shipping", "shipping", services=rows)

    # --- API explorer -----------------------------------------------------------------

    def explorer_page(session: SignedIn, carts: list[dict[str, Any]], method: str,
                      values: dict[str, str], answer: dict[str, Any] | None) -> Response:
        op = services.catalogue.get(method)
        params: list[dict[str, Any]] = []
        if op is not None:
            params = [{"name": p.name, "type": p.type, "required": p.required,
                       "description": p.description or ""} for p in op.params]
            for name, spec in ((op.body or {}).get("properties") or {}).items():
                params.append({"name": name, "type": spec.get("type", "string"),
                               "required": name in ((op.body or {}).get("required") or []),
                               "description": spec.get("description", "")})
        return dash.page("explorer.html", session, "API explorer", "explorer",
                         methods=sorted(services.catalogue.operations),
                         op=op, params=params, carts=carts, values=values,
                         envelope=json.dumps(answer, indent=2, default=str) if answer else "",
                         answer=answer)

    @router.get("/explorer")
    async def explorer(request: Request) -> Response:
        session = dash.signed_in(request)
        if session is None:
            return login_redirect()
        return explorer_page(session, await dash.stores(session),
                             request.query_params.get("method", ""),
                             dict(request.query_params), None)

    @router.post("/explorer")
    async def explorer_run(request: Request) -> Response:
        session, form = await posted(request)
        if session is None:
            return login_redirect()
        method, store_key = form.get("method", ""), form.get("store_key", "")
        params = {k.removeprefix("p_"): v for k, v in form.items() if k.startswith("p_") and v}
        op = services.catalogue.get(method)
        if op is not None and op.body is not None:
            # A body method: its values go as a JSON body, objects and arrays parsed.
            kinds = {n: spec.get("type") for n, spec in (op.body.get("properties") or {}).items()}
            body = {k: _json_value(v) if kinds.get(k) in ("object", "array") else v
                    for k, v in params.items()}
            answer = await dash.call(session, method, body=body, store_key=store_key or None)
        else:
            answer = await dash.call(session, method, params, store_key or None)
        return explorer_page(session, await dash.stores(session), method, form, answer)

    app.include_router(router)
