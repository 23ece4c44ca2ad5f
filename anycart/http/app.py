"""The ASGI application: ``/v1.1/{method}.json``, the OpenAPI document and the docs page."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from anycart import redact
from anycart.concurrency import in_thread
from anycart.dashboard import register as register_dashboard
from anycart.errors import ReturnCode
from anycart.events import PushRejected
from anycart.http.docs import render_docs
from anycart.http.openapi import build_openapi
from anycart.http.plugin_routes import register as register_plugin_routes
from anycart.http.shipping_routes import register as register_shipping_routes
from anycart.http.support import support_matrix
from anycart.methods.context import FileAnswer
from anycart.methods.gateway import envelope
from anycart.services import Services, build_services
from anycart.webhooks import outbox, reconcile

log = logging.getLogger("anycart.http")


class BodyTooLarge(Exception):
    """The request body is longer than ``Settings.max_body_bytes``."""


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it is known to pass ``limit``: from Content-Length before
    reading anything, else while streaming (chunked bodies), never reading past the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdecimal() and int(declared) > limit:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(envelope(code=ReturnCode.INCORRECT_REQUEST, message=(
        f"Incorrect API request: the body is larger than {limit} bytes "
        "(the server's ANYCART_MAX_BODY_BYTES).")), status_code=413)


def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """404/405 and other routing errors in the contract envelope, not ``{"detail": ...}``.
    An unknown path is API2Cart's unknown method (3); a verb the path does not take is an
    incorrect request (100). The HTTP status stays, so proxies and tools see it too."""
    path = request.url.path
    if exc.status_code == 404:
        code = ReturnCode.UNKNOWN_METHOD
        name = path.removeprefix("/v1.1/")
        message = (f"Method '{name}' not found. Methods are served at /v1.1/<method>.json."
                   if path.startswith("/v1.1/") and "/" not in name else
                   f"Unknown path '{path}': methods are served at /v1.1/<method>.json.")
    elif exc.status_code == 405:
        allowed = {k.lower(): v for k, v in (exc.headers or {}).items()}.get("allow")
        code = ReturnCode.INCORRECT_REQUEST
        message = (f"Incorrect API request: HTTP method {request.method} is not allowed for "
                   f"{path}" + (f" (allowed: {allowed})." if allowed else "."))
    else:
        code = ReturnCode.INCORRECT_REQUEST
        message = f"Incorrect API request: {exc.detail}"
    return JSONResponse(envelope(code=code, message=message), status_code=exc.status_code,
                        headers=dict(exc.headers or {}))


def create_app(services: Services | None = None) -> FastAPI:
    services = services or build_services()
    redact.install()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        stop = asyncio.Event()
        worker_task = None
        if services.settings.embedded_worker:
            from anycart.worker.loop import Worker

            worker_task = asyncio.create_task(Worker(services).run(stop))
        yield
        stop.set()
        if worker_task is not None:
            await worker_task
        await services.http.aclose()

    app = FastAPI(title="AnyCart", openapi_url=None, docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.services = services
    # No 307 to the path without its trailing slash: its Location repeated the query string
    # (keys included) and had no envelope; an odd path is a 404 in the envelope instead.
    app.router.redirect_slashes = False
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    max_body = services.settings.max_body_bytes
    openapi_doc = build_openapi(services.catalogue)
    docs_html = render_docs(services.catalogue, support_matrix(
        services.catalogue, services.gateway.registry, services.gateway.methods))

    async def call(request: Request, method: str) -> Response:
        body = None
        if request.method in ("POST", "PUT", "DELETE"):
            try:
                body = await read_body(request, max_body)
            except BodyTooLarge:
                return _too_large(max_body)
        query: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            query.setdefault(key, []).append(value)
        try:
            answer = await services.gateway.handle(method, query, request.headers, body)
        except Exception:  # a bug, not user input: say so, and never leak internals
            log.exception("unhandled error in %s", method)
            return JSONResponse(envelope(code=ReturnCode.INTERNAL_ERROR,
                                         message="Internal service error"), status_code=500)
        if isinstance(answer, FileAnswer):
            return Response(answer.content, media_type=answer.media_type, headers={
                "content-disposition": f'attachment; filename="{answer.filename}"'})
        return JSONResponse(answer)

    @app.api_route("/v1.1/{method}.json", methods=["GET", "POST", "PUT", "DELETE"])
    async def contract_method(request: Request, method: str) -> Response:
        return await call(request, method)

    @app.api_route("/v1.1/{method}.file", methods=["GET"])
    async def contract_file(request: Request, method: str) -> Response:
        return await call(request, method)

    @app.post("/ingress/{ingress_id}", include_in_schema=False)
    async def ingress(request: Request, ingress_id: str) -> Response:
        """Native webhook pushes from platforms; recorded in the outbox before answering 200."""
        store = await in_thread(services.repo.store_by_ingress, ingress_id)
        platform = services.gateway.registry.get(store.cart_id) if store else None
        if store is None or platform is None or not platform.capabilities.native_webhooks:
            return JSONResponse({"error": "unknown ingress"}, status_code=404)
        try:
            body = await read_body(request, max_body)
        except BodyTooLarge:
            return _too_large(max_body)
        try:
            events = platform.read_push(store, request.headers, body)
        except PushRejected as exc:
            log.warning("push to store %s rejected: %s", store.id, exc)
            return JSONResponse({"error": str(exc)}, status_code=401)
        events = await platform.complete_push(platform.connect(
            store, services.gateway.http, services.gateway.platform_settings), events)

        def record() -> int:
            with services.db.session() as s:
                outbox.record_events(s, store.id, events)
                reconcile.remember(s, store.id, events)  # a poll after it emits them not again
            return len(events)

        return JSONResponse({"received": await in_thread(record)})

    register_plugin_routes(app, services)  # POST /plugins/build, /plugins/accept
    register_dashboard(app, services)  # /dashboard: the operator pages
    register_shipping_routes(app, services)  # POST /shipping/<id>/rates: stores ask for rates

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> JSONResponse:
        return JSONResponse(openapi_doc)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_html)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/", include_in_schema=False)
    async def root() -> dict[str, str]:
        return {"name": "AnyCart", "contract": "API2Cart v1.1", "docs": "/docs",
                "openapi": "/openapi.json"}

    return app
