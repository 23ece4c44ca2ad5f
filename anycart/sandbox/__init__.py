"""The simulator kit: what every platform simulator is built from.

- :mod:`.table`: the table store (compact seeded rows, auto ids, indexes, caches);
- :mod:`.schema`: typed records (field specs, binding client bodies, blanks);
- :mod:`.query`: filters declared as data, projection, ordering;
- :mod:`.paging`: the paging styles (offset/limit, page/per_page, page/limit with
  ``meta.pagination``, Link cursor, since_id, body cursor, searchCriteria), request side;
- :mod:`.params`: request values (integers in a range, choices, id lists, JSON bodies) read by
  one set of rules and refused in the platform's words; :mod:`.filtering`: filter families
  (``id:in``, ``id:min``, ``date_modified:max``...) and the sorted list they select;
- :mod:`.resources`: declarative resources -> Starlette routes (404/405 from the router);
- :mod:`.tenants`, :mod:`.auth`, :mod:`.limits`, :mod:`.failures`: the tenant registry and
  middleware finding the store, checking credentials, rate limiting, injecting failures;
- :mod:`.embedded`: rows kept inside a parent record; :mod:`.oauth`: the app-store code
  flow; :mod:`.bodies`: JSON/XML bodies and batches (:class:`~.bodies.Batch`);
  :mod:`.jsontypes`: a body's members against a template's JSON types, lenient or strict;
  :mod:`.app`: assembling the app (errors in the platform's shape, path normalization);
- :mod:`.seeding`: deterministic seeding helpers; :mod:`.webhooks`: the webhook emitter;
  :mod:`.rates`: a checkout asking a live-rates callback; :mod:`.graphql`: a GraphQL
  query's cost (objects, connections by page size, mutations) and the points bucket paying it;
- :mod:`.served`: the engine for declared collections (the save steps: check, draft,
  parent, write, timestamps, rules, uniqueness, store, webhook; a record found under its
  parent with the platform's 404; a delete with its parts; routes per resource), a platform
  overriding the steps that differ;
- :mod:`.crud`: the Rails-style CRUD pattern (root-keyed bodies, Link-paged lists, counts,
  lists below a parent, Rails error bodies); :mod:`.values`: field rules collecting 422
  errors; :mod:`.ids`: id ranges growing with time; :mod:`.observe`: status counting and
  added headers;
- declared as data: :mod:`.templates` (record shapes in a JSON file: every field, its
  default, ``{field}`` references), :mod:`.forms` (a write: template, rules, required and
  unique fields, slug, hooks, one 422), :mod:`.listing` (a list's parameters: dates,
  filters, choices);
- the commerce layer, declared per platform: :mod:`.catalog` (option axes keying variants,
  list merges, positions, media links, weights), :mod:`.children` (records in a list inside
  a parent, Rails-style), :mod:`.sublists` (the same in a platform's dialect: its bodies,
  answers and 404 wording), :mod:`.links` (many-to-many link tables), :mod:`.stock` (stock per item and
  location), :mod:`.orders` (totals, what shipments and refunds leave open, tracking),
  :mod:`.counted` (documents taken against an order's lines: invoices, shipments, credit
  memos counted on each line, what is left, the platform's refusal), :mod:`.search`
  (``field:value`` query syntax), :mod:`.subscriptions` (webhook subscriptions: checks, who
  a topic goes to);
- the object-model layer of PHP carts (PrestaShop, Magento), usable by any: :mod:`.rules`
  (per-field save rules from one line: type, validator, size, flags; an object model's
  save), :mod:`.scoped` (a value per store view / shop / language falling back to the
  default), :mod:`.grants` (keys: methods per resource, scopes, issued tokens),
  :mod:`.collation` (SQL-like comparisons and ``LIKE``).
"""

from .app import ErrorMiddleware, NormalizePath, api, empty, simulator_app
from .auth import AuthMiddleware, Basic, HeaderToken, basic_credentials
from .bodies import read_body, read_items
from .embedded import Embedded
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
from .query import Filter, lower_params, matching, odata, order_by, project, select
from .resources import Endpoint, Resource, ignore_case, route, routes
from .schema import FieldSpec, blank, coerce, filled, merge, parse_datetime, required
from .table import Index, Table
from .tenants import Registry, TenantMiddleware, tenant_of

__all__ = [
    "AuthMiddleware", "Basic", "BodyCursor", "Embedded", "Endpoint", "ErrorMiddleware",
    "Failure", "FailureInjection", "FailureMiddleware", "FieldSpec", "Filter", "FixedWindow",
    "HeaderToken", "Index", "Invalid", "LinkCursor", "NormalizePath", "OffsetLimit",
    "PagePerPage", "RateLimitMiddleware", "Registry", "Resource", "SearchCriteria", "SimError",
    "SinceId", "Table", "TenantMiddleware", "Window", "api", "basic_credentials", "blank",
    "coerce", "empty", "filled", "ignore_case", "lower_params", "matching", "merge", "odata",
    "order_by", "parse_datetime", "project", "read_body", "read_items", "required", "route",
    "routes", "seek", "select", "simulator_app", "tenant_of",
]
