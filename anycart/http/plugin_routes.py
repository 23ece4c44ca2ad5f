"""The plugin builder over HTTP (AnyCart's own routes, not contract methods), for an
account's ``x-api-key``:

- ``POST /plugins/build``: JSON options -> the package (``application/zip``);
- ``POST /plugins/accept``: a callback the vendor decrypted (``anycart.sdk`` does it where
  the private key lives) -> the store added, or marked disconnected. Its timestamp is
  checked again here.
"""

from __future__ import annotations

import base64
import binascii
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError

from anycart.concurrency import in_thread
from anycart.connect.callback import DEFAULT_WINDOW_S, Callback
from anycart.connect.errors import PluginError
from anycart.connect.keys import check_public_pem
from anycart.errors import ReturnCode
from anycart.methods.gateway import envelope
from anycart.plugins.accept import accept
from anycart.plugins.build import BuildOptions, logo_of, packages
from anycart.services import Services


class BuildRequest(BaseModel):
    cart: str
    name: str
    company: str
    description: str
    callback_url: str
    public_key: str | None = None
    no_encryption: bool = False
    #: OpenCart only: which major version's package (3: .ocmod.zip with install.xml).
    opencart_version: int = 4
    #: The logo the cart's admin shows, base64 (PNG, JPEG or GIF).
    logo: str | None = None


def _base64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise PluginError("logo must be base64") from None


def _error(code: ReturnCode, message: str, status: int = 400) -> JSONResponse:
    return JSONResponse(envelope(code=code, message=message), status_code=status)


def register(app: FastAPI, services: Services) -> None:
    async def account_id(request: Request) -> int | None:
        key = request.headers.get("x-api-key") or request.query_params.get("api_key") or ""
        account = await in_thread(services.repo.authenticate, key) if key else None
        return account.id if account else None

    async def parsed(request: Request, model: type[BaseModel]) -> Any:
        from .app import BodyTooLarge, read_body  # app.py registers these routes

        limit = services.settings.max_body_bytes
        try:
            return model.model_validate_json(await read_body(request, limit))
        except BodyTooLarge:
            raise PluginError(f"Incorrect API request: the body is larger than {limit} bytes",
                              ReturnCode.INCORRECT_REQUEST) from None
        except ValidationError as exc:
            raise PluginError(f"Incorrect API request: {exc.errors(include_url=False)}",
                              ReturnCode.INCORRECT_REQUEST) from None

    @app.post("/plugins/build", include_in_schema=False)
    async def build_route(request: Request) -> Response:
        if await account_id(request) is None:
            return _error(ReturnCode.INCORRECT_API_KEY, "Incorrect API Key", 401)
        try:
            options: BuildRequest = await parsed(request, BuildRequest)
            if (options.public_key is None) == (not options.no_encryption):
                raise PluginError("give exactly one of public_key (PEM) and no_encryption")
            pem = check_public_pem(options.public_key.encode()) if options.public_key else None
            logo = logo_of(_base64(options.logo)) if options.logo else None
            built = packages(BuildOptions(options.cart, options.name, options.company,
                                          options.description, options.callback_url, pem,
                                          logo_data=logo))
        except PluginError as exc:
            return _error(exc.code, str(exc))
        name = next((n for n in built if f"opencart{options.opencart_version}/" in n),
                    next(iter(built)))
        return Response(built[name], media_type="application/zip", headers={
            "content-disposition": f'attachment; filename="{name.rsplit("/", 1)[-1]}"'})

    @app.post("/plugins/accept", include_in_schema=False)
    async def accept_route(request: Request) -> Response:
        account = await account_id(request)
        if account is None:
            return _error(ReturnCode.INCORRECT_API_KEY, "Incorrect API Key", 401)
        try:
            callback: Callback = await parsed(request, Callback)
            if abs(time.time() - callback.fields.timestamp) > DEFAULT_WINDOW_S:
                raise PluginError("the callback is stale: its timestamp is outside "
                                  f"{DEFAULT_WINDOW_S} s")
            done = await accept(services, account, callback)
        except PluginError as exc:
            return _error(exc.code, str(exc))
        return JSONResponse(envelope({"event": done.event, "store_key": done.store_key,
                                      "store_url": done.store_url}))
