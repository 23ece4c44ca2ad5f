"""Python SDK: ``anycart.Client(base_url, api_key, store_key)``.

Typed methods for the main entities, a generic :meth:`Client.call` for every other contract
method, and :meth:`Client.iterate` that follows ``pagination.next`` until the last page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Self

import httpx

from anycart.connect.callback import DEFAULT_WINDOW_S, Callback, read_callback
from anycart.connect.keys import private_key_from_pem
from anycart.errors import ApiError, ReturnCode
from anycart.model import Category, Customer, Order, Product
from anycart.shipping.verify import InvalidShippingRequest, verify_shipping_request

__all__ = ["Client", "InvalidShippingRequest", "read_plugin_callback", "verify_shipping_request"]


def read_plugin_callback(body: bytes, headers: Mapping[str, str], private_key_pem: bytes | None,
                         window_s: int = DEFAULT_WINDOW_S) -> Callback:
    """Decrypt and check a connector plugin's connect callback (``anycart plugin build``):
    raises ``anycart.connect.errors.PluginError`` for a wrong key, a tampered body or a stale
    timestamp. ``private_key_pem`` None: a plugin built with ``--no-encryption``."""
    key = private_key_from_pem(private_key_pem) if private_key_pem is not None else None
    return read_callback(body, headers, key, window_s=window_s)


class Client:
    def __init__(self, base_url: str, api_key: str, store_key: str | None = None, *,
                 timeout: float = 60.0, transport: httpx.BaseTransport | None = None) -> None:
        self.api_key = api_key
        self.store_key = store_key
        self._http = httpx.Client(base_url=base_url.rstrip("/") + "/v1.1/", timeout=timeout,
                                  transport=transport)
        #: method -> (HTTP verb, whether its parameters travel as a JSON body)
        self._verbs: dict[str, tuple[str, bool]] | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _verb(self, method: str) -> tuple[str, bool]:
        if self._verbs is None:
            from anycart.contract.catalogue import load_catalogue

            self._verbs = {op.name: (op.http_method, op.body is not None)
                           for op in load_catalogue()}
        return self._verbs.get(method, ("GET", False))

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Call any contract method; returns ``result``, raises :class:`ApiError` on a non-zero code."""
        result: dict[str, Any] = self.call_raw(method, **params)["result"]
        return result

    def call_raw(self, method: str, **params: Any) -> dict[str, Any]:
        """The whole answer (``result``, ``pagination``); raises :class:`ApiError` on a
        non-zero code."""
        body = self.envelope(method, **params)
        code = body.get("return_code")
        if code:
            raise ApiError(ReturnCode(code) if code in ReturnCode._value2member_map_ else code,
                           body.get("return_message", ""))
        return body

    def envelope(self, method: str, **params: Any) -> dict[str, Any]:
        """The answer as the server sent it, whatever its ``return_code``. A list value of a
        GET method is sent as repeated parameters. Raises ``httpx.TransportError`` when no
        server answers and ``httpx.HTTPStatusError`` for an answer that is not an envelope."""
        headers = {"x-api-key": self.api_key}
        if self.store_key:
            headers["x-store-key"] = self.store_key
        # Many POST/PUT methods (category.add, account.config.update) take a query string.
        verb, in_body = self._verb(method)
        clean = {k: v for k, v in params.items() if v is not None}
        if in_body:
            response = self._http.request(verb, f"{method}.json", json=clean, headers=headers)
        else:
            query = {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in clean.items()}
            response = self._http.request(verb, f"{method}.json", params=query, headers=headers)
        try:
            body = response.json()
        except ValueError:
            body = None
        # Errors come in the envelope, HTTP 500 (code 9) included: read the code, not the status.
        if isinstance(body, dict) and "return_code" in body:
            return body
        response.raise_for_status()
        raise httpx.HTTPStatusError(f"{response.request.url} did not answer an AnyCart envelope",
                                    request=response.request, response=response)

    def iterate(self, method: str, items_key: str, count: int = 250, **params: Any) -> Iterator[dict[str, Any]]:
        """Every item of a list method, page after page."""
        body = self.call_raw(method, count=count, **params)
        while True:
            yield from body["result"].get(items_key, [])
            cursor = (body.get("pagination") or {}).get("next")
            if not cursor:
                return
            body = self.call_raw(method, page_cursor=cursor,
                                 **{k: v for k, v in params.items() if k in ("params", "exclude", "response_fields")})

    # --- typed helpers for the main entities ----------------------------------------------

    def products(self, **filters: Any) -> Iterator[Product]:
        filters.setdefault("params", "force_all")
        for item in self.iterate("product.list", "product", **filters):
            yield Product.model_validate(item)

    def product(self, product_id: str) -> Product:
        return Product.model_validate(self.call("product.info", id=product_id, params="force_all"))

    def product_count(self, **filters: Any) -> int:
        return int(self.call("product.count", **filters)["products_count"])

    def add_product(self, **fields: Any) -> str:
        return str(self.call("product.add", **fields)["product_id"])

    def categories(self, **filters: Any) -> Iterator[Category]:
        filters.setdefault("params", "force_all")
        for item in self.iterate("category.list", "category", **filters):
            yield Category.model_validate(item)

    def customers(self, **filters: Any) -> Iterator[Customer]:
        filters.setdefault("params", "force_all")
        for item in self.iterate("customer.list", "customer", **filters):
            yield Customer.model_validate(item)

    def orders(self, **filters: Any) -> Iterator[Order]:
        filters.setdefault("params", "force_all")
        for item in self.iterate("order.list", "order", **filters):
            yield Order.model_validate(item)

    def order(self, order_id: str) -> Order:
        return Order.model_validate(self.call("order.info", order_id=order_id, params="force_all"))

    # --- connector plugins ------------------------------------------------------------------

    def accept_plugin_callback(self, body: bytes, headers: Mapping[str, str],
                               private_key_pem: bytes | None) -> dict[str, Any]:
        """Decrypt a plugin's callback here, where the private key is, then have AnyCart add
        its store to the account (or mark it disconnected): ``{event, store_key, store_url}``.
        A callback that does not decrypt or check out is never sent."""
        callback = read_plugin_callback(body, headers, private_key_pem)
        response = self._http.post(self._http.base_url.join("/plugins/accept"),
                                   content=callback.model_dump_json(),
                                   headers={"x-api-key": self.api_key,
                                            "content-type": "application/json"})
        answer: dict[str, Any] = response.json()
        if answer.get("return_code"):
            code = answer["return_code"]
            raise ApiError(ReturnCode(code) if code in ReturnCode._value2member_map_ else code,
                           answer.get("return_message", ""))
        result: dict[str, Any] = answer["result"]
        return result
