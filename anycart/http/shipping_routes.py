"""``POST /shipping/<service id>/rates``: where a store's carrier service asks for rates
(Shopify's CarrierService ``callback_url``); see :func:`anycart.methods.shipping_rates.answer`."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from anycart.errors import ApiError, ReturnCode
from anycart.methods.gateway import envelope
from anycart.methods.shipping_rates import Refused, answer
from anycart.services import Services


def register(app: FastAPI, services: Services) -> None:
    @app.post("/shipping/{service_id}/rates", include_in_schema=False)
    async def rates(request: Request, service_id: int) -> Response:
        from .app import BodyTooLarge, read_body  # app.py registers these routes

        limit = services.settings.max_body_bytes
        try:
            body = await read_body(request, limit)
            return JSONResponse(await answer(services, service_id, dict(request.headers), body))
        except BodyTooLarge:
            return JSONResponse(envelope(code=ReturnCode.INCORRECT_REQUEST, message=(
                f"Incorrect API request: the body is larger than {limit} bytes")), 413)
        except Refused as exc:
            return JSONResponse(envelope(code=ReturnCode.INCORRECT_REQUEST, message=str(exc)),
                                exc.status)
        except ApiError as err:  # the callback failed (502: the store shows its own rates),
            status = 400 if err.code == ReturnCode.INCORRECT_REQUEST else 502  # or the store
            return JSONResponse(envelope(code=err.code, message=err.message), status)
