"""A shipping service's callback on a real loopback server: answers as ``mode`` says and
records every request it got (headers as received, body)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

GOOD = {"packages_rates": [{"package_id": "1", "rates": [
    {"name": "Some name", "description": "Tax included an duties", "code": "some_name",
     "currency": "USD", "total_cost": 10.56},
    {"name": "Some name 2", "description": "Tax included an duties", "code": "some_name2",
     "currency": "USD", "total_cost": 20.59, "min_delivery_timestamp": 1558177278,
     "max_delivery_timestamp": 1559177278}]}]}
BAD_TYPE = {"packages_rates": [{"package_id": "1", "rates": [
    {"name": "Some name", "code": "some_name", "currency": "USD", "total_cost": "10.56"}]}]}


@dataclass
class Vendor:
    #: answers in turn (the last one repeats): a dict (200 JSON), "empty", "404", "slow"
    modes: list[Any] = field(default_factory=lambda: [GOOD])
    got: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    slow_s: float = 2.0

    def app(self) -> Starlette:
        async def rates(request: Request) -> Response:
            self.got.append((dict(request.headers), await request.body()))
            mode = self.modes[min(len(self.got), len(self.modes)) - 1]
            if mode == "empty":
                return Response(b"", 200)
            if mode == "404":
                return Response(b"not here", 404)
            if mode == "slow":
                await asyncio.sleep(self.slow_s)
                mode = GOOD
            return Response(json.dumps(mode), 200, media_type="application/json")

        return Starlette(routes=[Route("/rates.php", rates, methods=["POST"])])
