"""One REST client for every hosted platform: a connector declares, this sends.

A platform's client is a :class:`RestClient` built from kit objects: the base URL, an
authenticator (:mod:`.auth`), the store's limiter (:mod:`anycart.transport.ratelimit`), an
:class:`~.errors.ErrorMap` and static headers. Everything arrives through the constructor, so
two stores (or a test and a sandbox) never share settings through a module global. Sending
goes through ``HttpLayer.send``: retries, rate limit, auth per attempt, the SSRF guard and the
process-wide pools.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from anycart.transport.http import HttpLayer
from anycart.transport.ratelimit import Limiter

from .errors import ErrorMap
from .fields import get
from .outcomes import ItemStatus
from .pagination import PAGINATORS, Paginator

__all__ = ["RestClient", "store_host"]

#: Pages one walk reads at most when the caller gives no ``count``: a guard against a
#: platform whose cursor never ends, not a limit anyone should meet.
MAX_PAGES = 10_000


def store_host(store_url: str) -> str:
    """The host a store URL names, without scheme, port or path (``https://Demo.example.com/``
    -> ``demo.example.com``): where a shop's API answers (Shopify), or how a request names
    the store (Shift4Shop's ``SecureURL``)."""
    text = store_url.strip()
    return urlsplit(text if "://" in text else "https://" + text).hostname or ""


def site_url(store_url: str, path: str) -> str:
    """The API at ``path`` under a store's own URL (``https://`` unless it names a scheme; a
    site in a folder keeps it): ``shop.example/blog/`` + ``/wp-json/wc/v3/`` ->
    ``https://shop.example/blog/wp-json/wc/v3/`` (a self-hosted cart's REST API)."""
    text = store_url.strip()
    return (text if "://" in text else "https://" + text).rstrip("/") + path


class RestClient:
    def __init__(self, http: HttpLayer, base_url: str, *, platform: str,
                 auth: httpx.Auth | None = None, limiter: Limiter | None = None,
                 error_map: ErrorMap | None = None, headers: Mapping[str, str] | None = None,
                 timeout: float | None = None,
                 booleans: tuple[str, str] = ("true", "false"),
                 outcomes: ItemStatus | None = None,
                 query: Mapping[str, Any] | None = None) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/") + "/"
        self.platform = platform
        self.auth = auth
        self.limiter = limiter
        self.error_map = error_map or ErrorMap(platform)
        self.headers = dict(headers or {})
        self.timeout = timeout
        #: How a boolean parameter is written in the query (Shift4Shop reads ``1``/``0``).
        self.booleans = booleans
        #: How a write answer says, item by item, what was done (:mod:`.outcomes`): every
        #: write is checked with it, and a create's id is read from it.
        self.outcomes = outcomes
        #: Sent with every request (PrestaShop's ``output_format=JSON`` and ``id_shop``);
        #: a request's own parameters win.
        self.query = dict(query or {})

    def url(self, path: str) -> str:
        """``path`` under the base URL; an absolute URL (a ``Link`` header's) as it is."""
        return path if "://" in path else self.base_url + path.lstrip("/")

    async def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                      json: Any = None, idempotent: bool | None = None,
                      entity: str | None = None, ident: Any = None, field: str = "id",
                      allow: frozenset[int] | set[int] = frozenset(),
                      content: bytes | None = None,
                      content_type: str | None = None) -> httpx.Response:
        """Send; an error answer raises its contract error (:class:`~.errors.ErrorMap`),
        except the statuses in ``allow``, which are returned. ``entity``/``ident`` name the
        record a 404 is about (112 "<entity> with <field> <ident> not found"). ``content``: a
        body that is not JSON (an XML document), of ``content_type``."""
        headers = {**self.headers, **({"Content-Type": content_type} if content_type else {})}
        request = self.http.client.build_request(
            method, self.url(path), headers=headers, json=json, content=content,
            params={k: self._query(v) for k, v in {**self.query, **(params or {})}.items()
                    if v is not None},
            timeout=self.timeout if self.timeout is not None else httpx.USE_CLIENT_DEFAULT)
        response = await self.http.send(request, self.limiter, idempotent=idempotent,
                                        auth=self.auth)
        if response.status_code in allow:
            return response
        self.error_map.check(response, entity=entity, ident=ident, field=field)
        if self.outcomes is not None and method not in ("GET", "HEAD"):
            self.outcomes.check(response)
        return response

    def created(self, response: httpx.Response, id_path: str) -> str | None:
        """The id of the record a create answered: by :attr:`outcomes` when declared, else
        at ``id_path`` in the body."""
        if self.outcomes is not None:
            return self.outcomes.created(response)
        data = response.json() if response.content else None
        ident = get(data, id_path) if isinstance(data, dict) else None
        return None if ident in (None, "") else str(ident)

    async def get_json(self, path: str, *, params: Mapping[str, Any] | None = None,
                       entity: str | None = None, ident: Any = None) -> Any:
        """The JSON body of a GET (None when it is empty)."""
        response = await self.request("GET", path, params=params, entity=entity, ident=ident)
        return response.json() if response.content else None

    async def pages(self, path: str, paginator: Paginator | str,
                    params: Mapping[str, Any] | None = None, start: int = 0,
                    count: int | None = None, *, query: str | None = None
                    ) -> AsyncIterator[list[dict[str, Any]]]:
        """The records ``start .. start+count`` of a list, one list per platform page (all
        of them when ``count`` is None). ``paginator``: a declared one (copied for this
        walk) or a name from :data:`~.pagination.PAGINATORS` with its defaults. ``query``: a
        GraphQL document; each page is then a POST of ``{"query", "variables"}`` with the
        paginator's parameters as the variables. A status in the error map's ``empty`` is
        the end of the list."""
        walk = (PAGINATORS[paginator]() if isinstance(paginator, str) else paginator).fresh()
        wanted = count if count is not None else walk.page_size * MAX_PAGES
        if wanted <= 0:
            return
        step: dict[str, Any] | None = walk.first(params or {}, start, wanted)
        while step is not None:
            if query is None:
                response = await self.request("GET", path, params=step,
                                              allow=self.error_map.empty)
            else:
                response = await self.request("POST", path, json={"query": query, "variables": step},
                                              idempotent=True, allow=self.error_map.empty)
            if response.status_code in self.error_map.empty:
                return
            records = walk.take(response)
            if records:
                yield records
            step = walk.next_params()

    def _query(self, value: Any) -> Any:
        if isinstance(value, bool):
            return self.booleans[0] if value else self.booleans[1]
        return value
