""""Ledger": a platform whose writes take arrays and answer one outcome per item, for the
kit's ``RestBackend``, ``outcomes`` and ``catalog`` (shaped unlike Shift4Shop on purpose).

Records sit under ``/v2/<kind>`` (and ``/v2/<kind>/<id>/<sub>``); a list pages by ``first``
(1-based) and ``max`` and answers 404 when it holds nothing; ``?tally=1`` answers
``{"Total": n}`` instead. ``GET <kind>/<id>`` answers a list of one record. A POST takes
an array and answers ``{"results": [{"ref", "id", "code", "error"}]}``, an item with
``"bad": true`` failing (code ``"422"``); PUT and DELETE answer the same shape for their one
record, a PUT of an array to a collection one outcome per item. Under a good
(``goods/<id>/``) sit ``sets``, ``variants`` (keyed by a code such as ``1,2``) and
``pictures``. Served by ``httpx.MockTransport``; every request is kept for the assertions.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from anycart.platforms.kit import RestClient
from anycart.platforms.kit.errors import ErrorMap
from anycart.platforms.kit.outcomes import ItemStatus
from anycart.transport.http import HttpLayer

HOST = "ledger.example"
Record = dict[str, Any]
OUTCOMES = ItemStatus("Ledger", items="results", status="code", key="ref", value="id",
                      message="error", partial=None)


class Ledger:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Record]] = {
            "goods": {str(i): {"id": i, "sku": f"G-{i}", "price": 10.0 * i} for i in range(1, 6)},
            "goods/1/variants": {"1,2": {"code": "1,2", "stock": 3}},
        }
        self.seen: list[httpx.Request] = []
        self.next_id = 100

    def _outcome(self, ident: Any, code: str = "200", error: str | None = None) -> Record:
        return {"ref": "id", "id": ident, "code": code, "error": error}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        parts = request.url.path.split("/")[2:]  # after /v2
        kind, ident = "/".join(parts), None
        if len(parts) % 2 == 0:  # <kind>/<id>, <kind>/<id>/<sub>/<id>
            kind, ident = "/".join(parts[:-1]), parts[-1]
        if len(parts) > 2 and parts[1] not in self.rows.setdefault(parts[0], {}):
            return httpx.Response(404)  # under an unknown parent
        rows = self.rows.setdefault(kind, {})
        q = request.url.params
        if request.method == "GET" and ident is None:
            found = [r for r in rows.values() if all(str(r.get(k)) == v for k, v in q.items()
                                                     if k not in ("first", "max", "tally"))]
            if q.get("tally"):
                return httpx.Response(200, json={"Total": len(found)})
            first = int(q.get("first", "1")) - 1
            page = found[first:first + int(q.get("max", "100"))]
            return httpx.Response(200, json=page) if page else httpx.Response(404)
        if request.method == "POST":
            results = []
            for item in json.loads(request.content):
                if item.get("bad"):
                    results.append(self._outcome(None, "422", "bad item"))
                    continue
                self.next_id += 1
                rows[str(self.next_id)] = {**item, "id": self.next_id}
                results.append(self._outcome(self.next_id, "201"))
            return httpx.Response(200, json={"results": results})
        if request.method == "PUT" and ident is None:  # a collection takes changes as an array
            return httpx.Response(200, json={"results": [
                self._outcome(item.get("line")) for item in json.loads(request.content)]})
        if ident not in rows:
            return httpx.Response(404)
        if request.method == "GET":
            return httpx.Response(200, json=[rows[ident]])
        if request.method == "DELETE":
            del rows[ident]
        else:
            body = json.loads(request.content)
            if body.get("bad"):
                return httpx.Response(200, json={"results": [self._outcome(ident, "400", "no")]})
            rows[ident].update(body)
        return httpx.Response(200, json={"results": [self._outcome(ident)]})


async def ledger() -> AsyncIterator[tuple[RestClient, Ledger]]:
    server = Ledger()
    http = HttpLayer()
    http.mounts[HOST] = httpx.MockTransport(server)
    yield RestClient(http, f"https://{HOST}/v2", platform="Ledger", outcomes=OUTCOMES,
                     error_map=ErrorMap("Ledger", empty=frozenset({404}))), server
    await http.aclose()
