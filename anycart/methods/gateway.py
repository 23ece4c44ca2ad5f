"""The gateway: one contract call in, one envelope out. Nothing platform-specific here.

Order of work for every call: find the operation, authenticate the account (and the store
when the operation needs one), validate the parameters against the contract, run the
built-in handler or the store's connector, then page, select fields and wrap the envelope.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from anycart.concurrency import in_thread
from anycart.config import Settings
from anycart.contract.catalogue import Catalogue, Operation
from anycart.contract.projection import project_envelope, select_fields
from anycart.contract.validation import (
    check_numeric_ids,
    decode_json,
    is_id,
    is_id_list,
    revalidate,
    split_ids,
    validate_body,
    validate_query,
)
from anycart.errors import ApiError, ReturnCode
from anycart.methods.context import Context, FileAnswer, Handler
from anycart.methods.health import StoreHealth
from anycart.methods.paging import cursor_key, decode_cursor, encode_cursor
from anycart.platforms.applied import (
    CALL_SAME_AS_DEFAULT,
    NEUTRAL,
    SENT,
    given_names,
    meant,
    refused,
)
from anycart.platforms.base import Call, Page, PlatformSettings
from anycart.platforms.registry import PlatformRegistry
from anycart.storage.repository import AccountRecord, Repository, StoreRecord
from anycart.transport.http import HttpLayer, PlatformUnavailable

log = logging.getLogger("anycart.gateway")

# Parameters that steer the gateway itself rather than filter the platform's data.
_CONTROL = {"start", "count", "page_cursor", "params", "exclude", "response_fields",
            "api_key", "store_key"}


def envelope(result: Any = None, pagination: dict[str, Any] | None = None,
             code: int = 0, message: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {"return_code": int(code), "return_message": message}
    if pagination is not None:
        body["pagination"] = pagination
    body["result"] = result if result is not None else {}
    return body


class Gateway:
    def __init__(self, settings: Settings, repo: Repository, registry: PlatformRegistry,
                 http: HttpLayer, catalogue: Catalogue, methods: Mapping[str, Handler],
                 platform_settings: PlatformSettings | None = None) -> None:
        self.settings = settings
        self.repo = repo
        self.registry = registry
        self.http = http
        self.catalogue = catalogue
        #: The methods AnyCart serves itself (:data:`anycart.methods.table.METHOD_TABLE`).
        self.methods = methods
        #: What every connector is built with (API URL overrides, rate-limit clock, extras).
        self.platform_settings = platform_settings or PlatformSettings()
        self._cursor_key = cursor_key(repo.db.vault.key)  # the key file, read once by the DB
        #: Every store call's outcome, for the dashboard's store health (in memory).
        self.health = StoreHealth()

    async def handle(self, method: str, query: Mapping[str, list[str]],
                     headers: Mapping[str, str], body: bytes | None) -> dict[str, Any] | FileAnswer:
        try:
            return await self._handle(method, query, headers, body)
        except ApiError as err:
            return envelope(code=err.code, message=err.message)
        except PlatformUnavailable as err:
            return envelope(code=ReturnCode.STORE_UNREACHABLE, message=str(err))

    async def _handle(self, method: str, query: Mapping[str, list[str]],
                      headers: Mapping[str, str], body: bytes | None) -> dict[str, Any] | FileAnswer:
        op = self.catalogue.get(method)
        if op is None:
            raise ApiError(ReturnCode.UNKNOWN_METHOD, f"Method '{method}' not found.")
        account = await self._account(query, headers)
        store = await self._store(account, query, headers) if op.needs_store else None
        params, sent, missing = self._validate(op, query, body)
        if missing:
            # API2Cart's order: a parameter the platform cannot apply is a value error (109),
            # answered before anything missing (114).
            if store is not None:
                self.refuse_unapplied(store, op.name, params)
            raise ApiError.required(missing[0])
        if store is None:
            return await self._serve(op, account, store, params, sent)
        started = time.monotonic()
        try:
            answer = await self._serve(op, account, store, params, sent)
        except ApiError as err:
            self.health.record(store.store_key, err.code, started, err.message)
            raise
        except PlatformUnavailable as err:
            self.health.record(store.store_key, ReturnCode.STORE_UNREACHABLE, started, str(err))
            raise
        except Exception:
            self.health.record(store.store_key, ReturnCode.INTERNAL_ERROR, started,
                               "Internal service error")
            raise
        self.health.record(store.store_key, ReturnCode.OK, started)
        return answer

    async def _serve(self, op: Operation, account: AccountRecord, store: StoreRecord | None,
                     params: dict[str, Any], sent: frozenset[str]) -> dict[str, Any] | FileAnswer:
        builtin_handler = self.methods.get(op.name)
        if builtin_handler is not None:
            if op.is_list or (op.param("page_cursor") and op.param("count")):
                async def listed(call: Call) -> Page:
                    page: Page = await builtin_handler(Context(self, op, account, store, call.params, call))
                    return page
                return await self._list(op, params, listed)
            result = await builtin_handler(Context(self, op, account, store, params))
            if isinstance(result, FileAnswer):
                return result
            return self._finish(op, params, result, None)
        if store is None:
            raise ApiError.unsupported(op.name, "AnyCart")
        handler = self._looked_up(store, op, self.handler(store, op.name))
        if op.is_list:
            return await self._list(op, params, handler)
        try:
            result = await handler(Call(op.name, params, extra={SENT: sent}))
        except ApiError as err:
            label = _CHILD_INFO.get(op.name)
            if label is None or err.code != ReturnCode.NOT_FOUND:
                raise
            raise ApiError.not_found(label, params.get("id")) from None
        return self._finish(op, params, result, None)

    def handler(self, store: StoreRecord, method: str) -> Callable[[Call], Awaitable[Any]]:
        """The store's connector method for a contract method, or 120 if it has none."""
        platform = self.registry.get(store.cart_id)
        if platform is None or not platform.connector.serves(method):
            raise ApiError.unsupported(method, platform.name if platform else store.cart_id)
        connector = platform.connect(store, self.http, self.platform_settings)
        serve = getattr(connector, platform.connector.handler_name(method))
        caps = platform.capabilities

        async def checked(call: Call) -> Any:
            # The one place a platform's numeric ids are checked (batch items pass here too).
            check_numeric_ids(call.params, caps.numeric_ids, caps.id_max,
                              call.method.split(".", 1)[0].capitalize())
            try:
                return await serve(call)
            except ApiError as err:
                unset = _unset(call, err)
                if unset is not None:
                    raise refused(unset, platform.name) from None
                missing = (await _unscoped_miss(serve, call, err)
                           or await self._parent_miss(store, call, err))
                if missing is None:
                    raise
                raise missing from None

        return checked

    def refuse_unapplied(self, store: StoreRecord, method: str, params: Mapping[str, Any]) -> None:
        """The driver's 109 for a parameter of ``params`` it does not apply, without calling
        it (:func:`anycart.platforms.applied.guard` keeps the check on each handler)."""
        platform = self.registry.get(store.cart_id)
        if platform is None or not platform.connector.serves(method):
            return
        served = getattr(platform.connector, platform.connector.handler_name(method), None)
        check = getattr(served, "refuse_unapplied", None)
        if check is not None:
            check(params)

    def _looked_up(self, store: StoreRecord, op: Operation,
                   handler: Callable[[Call], Awaitable[Any]]) -> Callable[[Call], Awaitable[Any]]:
        """``handler`` of a list or count, looking up the categories it is filtered by when it
        finds nothing: an unknown one is 112, as API2Cart answers ("Category with
        categories_ids 999999 not found"), not an empty page. Only an empty answer costs the
        lookups (one ``category.info`` each), and only where the store serves that method."""
        names = [n for n in _FILTERED_BY if op.param(n)]
        if not names or not (op.is_list or op.name.endswith(".count")):
            return handler

        async def checked(call: Call) -> Any:
            answer = await handler(call)
            if _found_something(answer):
                return answer
            for name in names:
                for ident in split_ids(name, call.params.get(name)):
                    await self._look_up(store, name, ident)
            return answer

        return checked

    async def _parent_miss(self, store: StoreRecord, call: Call, err: ApiError) -> ApiError | None:
        """For a driver's refusal of a parameter of a call under a parent record
        (``order.shipment.add`` naming ``order_id``): the parent's 112 when the store does not
        have it. A write to a record that is not there fails whatever it asks, so API2Cart's
        112 is the true answer; a parent the store has keeps the refusal. Costs one
        ``<parent>.info`` read, only on a refusal."""
        parent, _, rest = call.method.partition(".")
        ident = call.params.get(f"{parent}_id")
        info = self.catalogue.get(f"{parent}.info")
        platform = self.registry.get(store.cart_id)
        if ("." not in rest or ident in (None, "") or not _REFUSAL.match(err.message)
                or info is None or platform is None or not platform.connector.serves(info.name)):
            return None
        try:
            await self.handler(store, info.name)(Call(info.name, validate_query(
                info, {"id": [str(ident)], "params": ["id"]})))
        except ApiError as miss:
            if miss.code == ReturnCode.NOT_FOUND:
                return miss
        return None

    async def _look_up(self, store: StoreRecord, name: str, ident: str) -> None:
        info = self.catalogue.get(_FILTERED_BY[name])
        platform = self.registry.get(store.cart_id)
        if info is None or platform is None or not platform.connector.serves(info.name):
            return
        try:
            await self.handler(store, info.name)(Call(info.name, validate_query(
                info, {"id": [ident], "params": ["id"]})))
        except ApiError as err:
            if err.code == ReturnCode.NOT_FOUND:
                raise ApiError(ReturnCode.NOT_FOUND, f"Category with {name} {ident} not found") from None
            raise

    # --- steps ----------------------------------------------------------------------------

    async def _account(self, query: Mapping[str, list[str]], headers: Mapping[str, str]) -> AccountRecord:
        api_key = _credential(query, headers, "api_key", "x-api-key")
        if not api_key:
            raise ApiError(ReturnCode.INCORRECT_API_KEY, "Incorrect API Key")
        hit, account = self.repo.cached_account(api_key)
        if not hit:
            account = await in_thread(self.repo.authenticate, api_key)
        if account is None:
            raise ApiError(ReturnCode.INCORRECT_API_KEY, "Incorrect API Key")
        return account

    async def _store(self, account: AccountRecord, query: Mapping[str, list[str]],
                     headers: Mapping[str, str]) -> StoreRecord:
        store_key = _credential(query, headers, "store_key", "x-store-key")
        if not store_key:
            raise ApiError.required("store_key")
        hit, store = self.repo.cached_store(account.id, store_key)
        if not hit:
            store = await in_thread(self.repo.get_store, account.id, store_key)
        if store is None:
            # Same answer whether the key is unknown or another account's: nothing leaks.
            raise ApiError(ReturnCode.STORE_NOT_FOUND, "Store with the specified store_key not found")
        return store

    def _validate(self, op: Operation, query: Mapping[str, list[str]],
                  body: bytes | None) -> tuple[dict[str, Any], frozenset[str], list[str]]:
        """The typed parameters (defaults filled in), the names the client sent (a write
        applies a sent value even when it equals the default: ``applied.meant``) and the
        required names it did not send."""
        # API2Cart's order: every value (query and body) is checked before anything missing.
        missing: list[str] = []
        params = validate_query(op, query, missing)
        sent = set(query)
        if op.body is not None:
            decoded: Any = None
            if body:
                decoded = decode_json(body)
            elif query:
                # A body method called with a query string: treat the query as the body.
                decoded = {k: v[-1] for k, v in query.items() if k not in ("api_key", "store_key")}
            params.update(validate_body(op, decoded, missing))
            sent.update(decoded if isinstance(decoded, dict) else ())
        return params, frozenset(sent), missing

    async def _list(self, op: Operation, params: dict[str, Any],
                    handler: Callable[[Call], Awaitable[Page]]) -> dict[str, Any]:
        cursor = params.get("page_cursor")
        if cursor is not None:
            page_req = decode_cursor(op.name, cursor, self._cursor_key)
            start, count = page_req.start, page_req.count
            filters = _cursor_filters(op, page_req.filters)
            params = {**params, **filters}
        else:
            start = params.get("start", 0)
            count = params.get("count") or 10  # count=0 means the default page size
            filters = {k: v for k, v in params.items()
                       if k not in _CONTROL and v != _default(op, k)}
        page: Page = await handler(Call(op.name, params, start=start, count=count))
        items = page.items
        more = (start + len(items) < page.total) if page.total is not None else len(items) >= count
        plain = {k: v for k, v in filters.items() if not k.startswith("_")}  # no resume hints
        key = self._cursor_key
        pagination = {
            "previous": (encode_cursor(op.name, max(0, start - count), count, plain, key)
                         if start > 0 else None),
            "next": (encode_cursor(op.name, start + len(items), count, {**plain, **page.resume},
                                   key) if more and items else None),
        }
        result: dict[str, Any] = {}
        if op.count_key:
            result[op.count_key] = page.total if page.total is not None else len(items)
        result[op.items_key or "items"] = items
        result.update(page.extra)
        return self._finish(op, params, result, pagination)

    def _finish(self, op: Operation, params: dict[str, Any], result: Any,
                pagination: dict[str, Any] | None) -> dict[str, Any]:
        # In webhook.create/update the body's response_fields configures the webhook; only a
        # query parameter of that name selects fields of this answer.
        response_fields = params.get("response_fields") if op.param("response_fields") else None
        if not response_fields and "params" in params and isinstance(result, dict):
            result = _select(op, result, params.get("params"), params.get("exclude"))
        body = envelope(result, pagination)
        if response_fields:
            body = project_envelope(body, response_fields)
        return body


def _unset(call: Call, err: ApiError) -> str | None:
    """For a driver's "Nothing to update" (110) to a call that did give something to set:
    the first such parameter, which the driver could not set (API2Cart: 109 naming it)."""
    if err.code != ReturnCode.UPDATE_PARAMS_MISSING:
        return None
    names = [*given_names(call.method, call.params, CALL_SAME_AS_DEFAULT), *sorted(meant(call))]
    given = [n for n in names if n not in NEUTRAL and not is_id(n) and not is_id_list(n)]
    return given[0] if given else None


#: Infos of a record under a parent, by the record's name: API2Cart's 112 names the record
#: asked for ("Shipment with id 572590963682934173 not found") whether the record or its
#: parent order is missing, so a driver that looks the order up first answers the same.
#: (``product.child_item.info``'s wording is not recorded: its drivers' words stay.)
_CHILD_INFO = {"order.shipment.info": "Shipment"}

#: applied.refused's words (a driver names itself as it likes: "Magento" for "Magento 2").
_REFUSAL = re.compile(r"^Parameter '([^']+)' is not supported by .*: the driver cannot apply it")

#: Parameters narrowing a read to one of the store's stores or languages.
_SCOPES = ("store_id", "lang_id")


async def _unscoped_miss(serve: Callable[[Call], Awaitable[Any]], call: Call,
                         err: ApiError) -> ApiError | None:
    """For a driver's refusal of a scope it cannot apply (``store_id`` on a single-store cart)
    in an ``*.info``: the 112 of the same read without the scope. A record the whole store does
    not have is in none of its stores, so API2Cart's 112 ("Order with id 997888 not found")
    is the true answer; a record the store has keeps the refusal."""
    if not call.method.endswith(".info"):
        return None
    refusal = _REFUSAL.match(err.message)
    scopes = {refusal[1]} & set(_SCOPES) & set(call.params) if refusal else set()
    if not scopes:
        return None
    sent = call.extra.get(SENT)
    extra = {**call.extra, SENT: sent - scopes} if isinstance(sent, frozenset) else call.extra
    try:
        await serve(Call(call.method, {k: v for k, v in call.params.items() if k not in scopes},
                         call.start, call.count, extra))
    except ApiError as miss:
        if miss.code == ReturnCode.NOT_FOUND:
            return miss
    return None


#: Filters of a list or count naming another entity, and the method that reads one.
_FILTERED_BY = {"category_id": "category.info", "categories_ids": "category.info"}


def _found_something(answer: Any) -> bool:
    """A list's page with items, or a count above 0 (``{"products_count": 3}``)."""
    if isinstance(answer, Page):
        return bool(answer.items)
    if isinstance(answer, dict) and len(answer) == 1:
        (value,) = answer.values()
        return not (isinstance(value, int) and value == 0)
    return True


def _cursor_filters(op: Operation, filters: dict[str, Any]) -> dict[str, Any]:
    """A cursor's filters validated again, as the query string they stand for: the HMAC
    proves this server made the cursor, not that the method still takes what it carries
    (a cursor outlives deployments). Connector resume hints (``_`` names) pass as they are."""
    checked: dict[str, Any] = {}
    for name, value in filters.items():
        if name.startswith("_"):
            checked[name] = value
            continue
        if name in _CONTROL:
            raise ApiError.invalid("page_cursor")
        try:
            checked[name] = revalidate(op, name, value)
        except ApiError as err:
            raise ApiError(err.code, f"Parameter 'page_cursor' is not valid: it carries "
                                     f"{name}, and {err.message}") from None
    return checked


def _default(op: Operation, name: str) -> Any:
    param = op.param(name)
    return param.default if param else None


def _select(op: Operation, result: dict[str, Any], params: str | None, exclude: str | None) -> dict[str, Any]:
    if op.items_key and isinstance(result.get(op.items_key), list):
        return {**result, op.items_key: [select_fields(e, params, exclude)
                                         for e in result[op.items_key]]}
    return select_fields(result, params, exclude)


def _credential(query: Mapping[str, list[str]], headers: Mapping[str, str],
                param: str, header: str) -> str | None:
    values = query.get(param)
    if values and values[-1]:
        return values[-1]
    return headers.get(header) or None
