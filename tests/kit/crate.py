""""Crate": a second, differently-shaped platform for the option and variant kit tests.

Unlike Shift4Shop (option sets with their own paths, a PUT of one set), Crate keeps a
product's options as ``attributes`` holding ``terms`` and its variants as ``variations``,
and takes them only whole: every write is ``PUT /products/<id>`` with the entire list, the
new parts answered with their ids. It pages by ``page``/``per_page`` and filters by ``sku``
and ``after``. Served by ``httpx.MockTransport``; every request is kept for the assertions.
"""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from anycart.errors import ApiError
from anycart.platforms.kit.fields import Field, number
from anycart.platforms.kit.local import inside
from anycart.platforms.kit.options import OptionSets
from anycart.platforms.kit.variants import Variants

Record = dict[str, Any]


def _product(pid: int, sku: str, colours: list[str], sizes: list[str]) -> Record:
    colour_terms = [{"term_id": pid * 100 + n, "label": c, "order": n, "preset": n == 1,
                     "delta": "1.5" if c == "Red" else "0", "swatch": c.lower()}
                    for n, c in enumerate(colours, 1)]
    size_terms = [{"term_id": pid * 100 + 50 + n, "label": s, "order": n, "preset": False,
                   "delta": "0"} for n, s in enumerate(sizes, 1)]
    attributes = [a for a in (
        {"attr_id": pid * 10 + 1, "title": "Colour", "widget": "pick", "rank": 1, "must": True,
         "help": "Pick a colour", "terms": colour_terms, "visible": "yes"},
        {"attr_id": pid * 10 + 2, "title": "Size", "widget": "tick", "rank": 2, "must": False,
         "terms": size_terms}) if a["terms"]]
    variations = [{"key": f"{c['term_id']}|{s['term_id']}", "tail": f"/{c['label']}/{s['label']}",
                   "on_hand": 3, "cost": "2.5", "barcode": f"B{c['term_id']}{s['term_id']}",
                   "when": f"2024-01-0{pid}"}
                  for c in colour_terms for s in size_terms]
    return {"id": pid, "sku": sku, "title": f"Product {pid}", "price": "10",
            "created": f"2024-01-0{pid}", "attributes": attributes, "variations": variations}


class Server:
    def __init__(self) -> None:
        self.products: dict[int, Record] = {
            1: _product(1, "TEE", ["Red", "Blue"], ["S", "M"]),
            2: _product(2, "TEE-LONG", ["Green"], ["L"]),
            3: _product(3, "MUG", [], []),
            4: _product(4, "CAP", ["Black"], []),
            5: _product(5, "SOCK", [], []),
        }
        self.next_id = 9000
        self.seen: list[tuple[str, str, dict[str, str], Any]] = []

    def _ids(self, product: Record) -> None:
        """Give new attributes and terms their ids, as the platform does on a write."""
        for a in product.get("attributes") or []:
            if "attr_id" not in a:
                self.next_id += 1
                a["attr_id"] = self.next_id
            for t in a.get("terms") or []:
                if "term_id" not in t:
                    self.next_id += 1
                    t["term_id"] = self.next_id

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        q = dict(request.url.params)
        self.seen.append((request.method, request.url.path, q, body))
        parts = request.url.path.strip("/").split("/")
        if parts == ["products"]:
            rows = [p for _, p in sorted(self.products.items())
                    if ("sku" not in q or p["sku"] == q["sku"])
                    and ("after" not in q or p["created"] >= q["after"])]
            page, per = int(q.get("page", 1)), int(q.get("per_page", 2))
            return httpx.Response(200, json=rows[(page - 1) * per:page * per])
        product = self.products.get(int(parts[1])) if parts[1].isdecimal() else None
        if product is None:
            return httpx.Response(404, json={"error": "no such product"})
        if request.method == "PUT":
            product.update(copy.deepcopy(body))
            self._ids(product)
        return httpx.Response(200, json=product)


OPTIONS = OptionSets(
    sets="attributes", set_id="attr_id", set_name="title", set_type="widget", set_sort="rank",
    set_required="must", values="terms", value_id="term_id", value_name="label",
    value_sort="order", value_default="preset", value_price="delta", product_id="id",
    types={"option_type_select": "pick", "option_type_checkbox": "tick"},
    option=(Field("description", "help", param="description"),), type_price="percent",
    ids=lambda v: v.isdecimal() and len(v) < 6)


def _whole(v: Any) -> int:
    if float(v) != int(float(v)):
        raise ValueError(v)
    return int(float(v))


VARIANTS = Variants(
    items="variations", code="key", product_id="id", product_sku="sku", suffix="tail",
    combination=lambda code: [c for c in str(code or "").split("|") if c], separator=":",
    options=OPTIONS,
    fields=(Field("inventory_level", "on_hand", number, param="quantity", write=_whole),
            Field("cost_price", "cost", number, param="cost_price", write=str),
            Field("gtin", "barcode", param="gtin")),
    mapped=lambda p, v: {"name": f"{p['title']} {v['tail']}",
                         "created_time": {"value": v["when"] + "T00:00:00"}},
    consumed=frozenset({"when"}))


class Store:
    """Crate's requests for the kit: it takes options and variants only whole, so each write
    reads the product, changes its list and PUTs the list back."""

    page_size = 2

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def get(self, product_id: str) -> Record | None:
        r = await self.client.get(f"/products/{product_id}")
        return r.json() if r.status_code == 200 else None

    async def product(self, product_id: str) -> Record:
        found = await self.get(product_id)
        if found is None:
            raise ApiError.not_found("Product", product_id)
        return found

    async def products(self, query: Record) -> AsyncIterator[list[Record]]:
        page = 1
        while True:
            chunk = (await self.client.get("/products", params={**query, "page": page,
                                                                 "per_page": self.page_size})).json()
            yield chunk
            if len(chunk) < self.page_size:
                return
            page += 1

    async def by_sku(self, sku: str) -> list[Record]:
        return (await self.client.get("/products", params={"sku": sku})).json()

    async def _put(self, product_id: str, body: Record) -> Record:
        return (await self.client.put(f"/products/{product_id}", json=body)).json()

    async def add_set(self, product_id: str, body: Record) -> str:
        sets = OPTIONS.of(await self.product(product_id))
        answer = await self._put(product_id, {"attributes": [*sets, body]})
        return str(answer["attributes"][-1]["attr_id"])

    async def put_values(self, product_id: str, option_id: str, values: list[Record]) -> None:
        sets = copy.deepcopy(OPTIONS.of(await self.product(product_id)))
        inside({"a": sets}, "a", "attr_id", option_id, "Option")["terms"] = values
        await self._put(product_id, {"attributes": sets})

    async def read_set(self, product_id: str, option_id: str) -> Record | None:
        sets = OPTIONS.of(await self.product(product_id))
        return next((s for s in sets if str(s["attr_id"]) == option_id), None)

    async def put(self, product_id: str, code: str, body: Record) -> None:
        rows = VARIANTS.of(await self.product(product_id))
        await self._put(product_id, {"variations": [{**r, **body} if r["key"] == code else r
                                                    for r in rows]})


