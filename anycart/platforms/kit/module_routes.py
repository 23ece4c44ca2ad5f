"""Routes a module of the store serves, which a store without that module lacks.

A hosted platform's REST API grows with the modules a store installs: Adobe Commerce's RMA
module adds Magento's ``/V1/returns``, the AnyCart module a live-rates carrier's routes,
WooCommerce's AnyCart plugin its shipping method. A store without the module answers 404 on
such a route (Magento: ``Request does not match any route.``), which is no missing record:
the contract's answer is a code of its own saying what the store lacks. A
:class:`ModuleRoute` declares that answer once (the code, the message naming the module and
how to install it, what the platform's 404 of a route it lacks says), and gives it where
the route is asked: a request (:meth:`ModuleRoute.request`), an error-map rule
(:meth:`ModuleRoute.rule`) and a read of records that are none without the module
(:meth:`ModuleRoute.absent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from anycart.errors import ApiError, ReturnCode

from .errors import Rule


@dataclass(frozen=True)
class ModuleRoute:
    """``code`` and ``message`` answer a request to a route of a module the store lacks;
    ``marker``: what the platform's 404 for a route it lacks says (empty: every 404 of the
    route is the module missing, as where the route names no record)."""

    code: ReturnCode
    message: str
    marker: str = ""

    def lacking(self, response: httpx.Response) -> bool:
        """The answer of a store without the module."""
        return response.status_code == 404 and self.marker in response.text

    def error(self) -> ApiError:
        return ApiError(self.code, self.message)

    def absent(self, err: ApiError) -> bool:
        """``err`` is this answer (the store lacks the module: its records are none)."""
        return err.code == self.code and self.message in err.message

    async def request(self, client: Any, method: str, path: str, **kw: Any) -> httpx.Response:
        """``client``'s answer to the request, a 404 included (a record the module's
        route does not hold), or :meth:`error` when the store lacks the module."""
        response: httpx.Response = await client.request(method, path, allow={404}, **kw)
        if self.lacking(response):
            raise self.error()
        return response

    def rule(self) -> Rule:
        """The error map's rule for the kit's own reads of the route (lists, pages): the
        platform's text, then :attr:`message`."""
        return Rule(404, self.code, "{text} " + self.message, contains=self.marker or None)
