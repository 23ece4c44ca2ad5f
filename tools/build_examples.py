"""Record the request/answer examples ``/docs`` shows, from the ``anycart demo`` sandboxes.

    python tools/build_examples.py

Runs the catalogue's reads (list/count/info methods needing at most an id: products,
categories, customers and orders always, the other entities where a sandbox serves them) through
the gateway against the in-process sandbox stores the demo wires (Shift4Shop, Shopify and
WooCommerce REST simulators), on the first sandbox whose connector serves the method, and writes
``anycart/http/examples.json`` (package data). Writes are not recorded: each would need its own
fixtures (bodies, states). ``tests/test_docs.py`` re-runs a few and compares their shapes.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from anycart.config import Settings  # noqa: E402
from anycart.contract.catalogue import load_catalogue  # noqa: E402
from anycart.demo import DemoSetup, prepare_demo  # noqa: E402
from anycart.http.docs import EXAMPLES_FILE  # noqa: E402

ENTITIES = ("product", "category", "customer", "order")
#: Lists show two items: enough to see the shape.
LIST_COUNT = 2


def methods() -> list[str]:
    """The calls every example file has: cart.info, cart.methods and the list/count/info
    methods of products, categories, customers and orders."""
    names = ["cart.info", "cart.methods"]
    for entity in ENTITIES:
        names += [f"{entity}.list", f"{entity}.count", f"{entity}.info"]
    return names


def read_methods() -> list[str]:
    """:func:`methods` and the catalogue's other reads that need nothing but an id (which the
    matching ``.list`` gives), recorded where a sandbox serves them. Account and batch methods
    are left out: their answers are about the demo account (its store keys), not a store."""
    extra = [op.name for op in load_catalogue()
             if op.http_method == "GET" and op.name.rsplit(".", 1)[-1] in ("list", "count", "info")
             and op.entity not in ("account", "batch")
             and not any(p.required and p.name != "id" for p in op.params)]
    core = methods()
    return core + [n for n in [*extra, "webhook.events", "account.supported_platforms"]
                   if n not in core]


async def _call(setup: DemoSetup, store_key: str, method: str,
                params: dict[str, Any]) -> dict[str, Any]:
    headers = {"x-api-key": setup.api_key, "x-store-key": store_key}
    answer = await setup.services.gateway.handle(
        method, {k: [str(v)] for k, v in params.items()}, headers, None)
    if not isinstance(answer, dict):  # a file answer: none of these methods gives one
        raise TypeError(f"{method} answered a file")
    return answer


async def _record(setup: DemoSetup, names: list[str]) -> dict[str, dict[str, Any]]:
    registry = setup.services.gateway.registry
    own = setup.services.gateway.methods
    first_ids: dict[tuple[str, str], str] = {}
    examples: dict[str, dict[str, Any]] = {}
    account = setup.services.repo.authenticate(setup.api_key)
    assert account is not None
    # The demo's sandbox stores, tried in the demo's order (anycart.demo.SANDBOXES).
    sandboxes = []
    for key in setup.store_keys.values():
        store = setup.services.repo.get_store(account.id, key)
        assert store is not None
        sandboxes.append((store.cart_id, key))
    for method in names:
        entity, action = method.rsplit(".", 1)
        for cart_id, store_key in sandboxes:
            platform = registry.get(cart_id)
            if platform is None or not (method in own or platform.connector.serves(method)):
                continue
            params: dict[str, Any] = {}
            if action == "list":
                params["count"] = LIST_COUNT
            elif action == "info" and method != "cart.info":
                if (cart_id, entity) not in first_ids:
                    continue
                params["id"] = first_ids[(cart_id, entity)]
            answer = await _call(setup, store_key, method, params)
            if answer.get("return_code") != 0:
                continue
            if action == "list":
                op = setup.services.catalogue.get(method)
                items = (answer.get("result") or {}).get(op.items_key or "", []) if op else []
                # orders name their id order_id in the default fields
                found = items[0].get("id", items[0].get(f"{entity}_id")) if items else None
                if found is not None:
                    first_ids[(cart_id, entity)] = str(found)
            examples[method] = {"platform": platform.name, "cart_id": cart_id,
                                "request": request_of(method, params), "response": answer}
            break
    return examples


def request_of(method: str, params: dict[str, Any]) -> dict[str, Any]:
    """The call as a client sends it, with placeholders for the keys."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return {"http_method": "GET", "url": f"/v1.1/{method}.json" + (f"?{query}" if query else ""),
            "headers": {"x-api-key": "<your api_key>", "x-store-key": "<the store's store_key>"}}


def build(names: list[str] | None = None, products: int = 5) -> dict[str, dict[str, Any]]:
    """The examples of ``names`` (default: :func:`read_methods`), from a fresh demo."""
    with tempfile.TemporaryDirectory() as tmp:
        setup = prepare_demo(Settings(data_dir=Path(tmp), embedded_worker=False),
                             products=products)
        try:
            return asyncio.run(_record(setup, names or read_methods()))
        finally:
            setup.services.db.dispose()


def main() -> None:
    examples = build()
    EXAMPLES_FILE.write_text(json.dumps(examples, indent=1, ensure_ascii=False, sort_keys=True)
                             + "\n")
    missing = sorted(set(read_methods()) - examples.keys())
    print(f"{len(examples)} examples -> {EXAMPLES_FILE}"
          + (f" (no sandbox answered: {', '.join(missing)})" if missing else ""))


if __name__ == "__main__":
    main()
