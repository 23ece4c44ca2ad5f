"""The simulator kit: what every platform simulator is built from.

- :mod:`.table`: the table store (compact seeded rows, auto ids, indexes, caches);
- :mod:`.schema`: typed records (field specs, binding client bodies, blanks);
- :mod:`.query`: filters declared as data, projection, ordering;
- :mod:`.paging`: the paging styles (offset/limit, page/per_page, Link cursor, since_id,
  body cursor, searchCriteria), request side;
- :mod:`.resources`: declarative resources -> Starlette routes (404/405 from the router);
- :mod:`.tenants`, :mod:`.auth`, :mod:`.limits`, :mod:`.failures`: middleware finding the
  store, checking credentials, rate limiting, injecting failures;
- :mod:`.bodies`: JSON/XML bodies and batches; :mod:`.app`: assembling the app;
- :mod:`.seeding`: deterministic seeding helpers; :mod:`.webhooks`: the webhook emitter.
"""

from .app import ErrorMiddleware, api, empty, simulator_app
from .auth import AuthMiddleware, Basic, HeaderToken, basic_credentials
from .errors import Invalid, SimError
from .failures import Failure, FailureInjection, FailureMiddleware
from .limits import FixedWindow, RateLimitMiddleware
from .paging import (
    BodyCursor,
    LinkCursor,
    OffsetLimit,
    PagePerPage,
    SearchCriteria,
    SinceId,
    Window,
    seek,
)
from .query import Filter, matching, order_by, project, select
from .resources import Resource, ignore_case, route, routes
from .table import Index, Table
from .tenants import TenantMiddleware, tenant_of

__all__ = [
    "AuthMiddleware", "Basic", "BodyCursor", "ErrorMiddleware", "Failure", "FailureInjection",
    "FailureMiddleware", "Filter", "FixedWindow", "HeaderToken", "Index", "Invalid",
    "LinkCursor", "OffsetLimit", "PagePerPage", "RateLimitMiddleware", "Resource",
    "SearchCriteria", "SimError", "SinceId", "Table", "TenantMiddleware", "Window", "api",
    "basic_credentials", "empty", "ignore_case", "matching", "order_by", "project", "route",
    "routes", "seek", "select", "simulator_app", "tenant_of",
]
