""""Shelf": a second, differently-shaped platform for the kit's record writes (resource,
links, images, subscriptions), unlike Shopify's.

Paths have no ``.json`` suffix, every answer carries its record or list under ``data``,
written bodies are the record itself (no wrapping key), and keys are camelCase
(``categoryId``, ``imageUrl``, ``sortOrder``). Records sit under ``/api/<path>``; a record
under a parent (``products/<id>/images``) needs that parent, else 404 like any unknown id.
A list filters by its query parameters (equal values). Served by ``httpx.MockTransport``;
every request is kept for the assertions.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from anycart.platforms.kit import RestClient
from anycart.platforms.kit.serve import Declared, attach
from anycart.transport.http import HttpLayer

HOST = "shelf.example"
Record = dict[str, Any]


class Shelf:
    def __init__(self) -> None:
        self.rows: dict[str, dict[int, Record]] = {"products": {1: {"id": 1}, 2: {"id": 2}}}
        self.seen: list[httpx.Request] = []
        self.next_id = 100

    def table(self, path: str) -> dict[int, Record]:
        return self.rows.setdefault(path, {})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        parts = request.url.path.split("/")[2:]  # after /api
        ident = int(parts.pop()) if len(parts) % 2 == 0 else None
        if len(parts) > 1 and int(parts[1]) not in self.table(parts[0]):
            return httpx.Response(404, json={"title": "no such parent"})
        rows = self.table("/".join(parts))
        if ident is None and request.method == "GET":
            q = request.url.params
            return httpx.Response(200, json={"data": [r for r in rows.values() if all(
                str(r.get(k)) == v for k, v in q.items())]})
        if ident is None and request.method == "POST":
            self.next_id += 1
            rows[self.next_id] = {**json.loads(request.content), "id": self.next_id}
            return httpx.Response(200, json={"data": rows[self.next_id]})
        if ident not in rows:
            return httpx.Response(404, json={"title": "no such record"})
        if request.method == "DELETE":
            del rows[ident]
            return httpx.Response(204)
        if request.method == "PUT":
            rows[ident].update(json.loads(request.content))
        return httpx.Response(200, json={"data": rows[ident]})


class Connector:
    """What a kit declaration needs of a connector: the client it names (``rest``)."""

    def __init__(self, rest: RestClient) -> None:
        self.rest = rest


def declared(*declarations: Declared) -> tuple[type[Connector], dict[str, frozenset[str]]]:
    """A connector serving ``declarations`` (``serve.attach``), and what its methods apply."""
    cls = type("Declared", (Connector,), {})
    return cls, attach(cls, *declarations)


async def shelf(cls: type[Connector] = Connector) -> AsyncIterator[tuple[Any, Shelf]]:
    server = Shelf()
    http = HttpLayer()
    http.mounts[HOST] = httpx.MockTransport(server)
    yield cls(RestClient(http, f"https://{HOST}/api", platform="Shelf")), server
    await http.aclose()
