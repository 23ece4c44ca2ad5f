"""A GraphQL API over the kit's :class:`~.rest.RestClient`: documents POSTed to one endpoint.

Everything of the transport stays the REST client's (auth, the store's limiter, retries, the
SSRF guard, the HTTP error map); this adds what GraphQL answers differently: errors arrive
with status 200 in ``errors`` (their ``extensions.code`` mapped to contract codes by
:data:`CODES`), a mutation's refusals in its payload's ``userErrors``, and lists are
connections walked by :class:`~.pagination.Connection`.

Throttling is the limiter's: a cost limiter (Shopify's
:class:`~anycart.transport.ratelimit.CostBucket`) plans each request from the last answer's
``extensions.cost`` and the transport sends a ``THROTTLED`` answer again once the bucket
allows it, so such an answer only reaches :meth:`GraphQL.run` when the resends ran out.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    Node,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    parse,
    print_ast,
    visit,
)

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import platform_error

from .errors import render
from .pagination import Connection, dig
from .rest import MAX_PAGES, RestClient

__all__ = ["CODES", "GraphQL", "documents", "root_field", "user_errors"]

Record = dict[str, Any]

#: ``errors[].extensions.code`` -> the contract's code (any other is 107 with its message).
CODES: Mapping[str, ReturnCode] = {
    "THROTTLED": ReturnCode.STORE_REQUEST_LIMIT,
    "ACCESS_DENIED": ReturnCode.STORE_ACCESS_DENIED,
    "UNAUTHORIZED": ReturnCode.STORE_ACCESS_DENIED,
    "MAX_COST_EXCEEDED": ReturnCode.PLATFORM_ERROR,
}

#: ``userErrors[].code`` -> the contract's code. Any other is 107 with the platform's message,
#: as a REST platform's refusal of a write (Shopify's 422) is: the same answer either way in.
USER_CODES: Mapping[str, ReturnCode] = {
    "TAKEN": ReturnCode.ALREADY_EXISTS,
    "NOT_FOUND": ReturnCode.NOT_FOUND,
    "DOES_NOT_EXIST": ReturnCode.NOT_FOUND,
}


def user_errors(platform: str, errors: Sequence[Mapping[str, Any]] | None) -> ApiError | None:
    """The contract error for a mutation's ``userErrors`` (None when there are none): the
    first error's code decides, every message is kept (``field.path: message``)."""
    if not errors:
        return None
    text = "; ".join(
        f"{'.'.join(map(str, e.get('field') or []))}: {e.get('message')}" if e.get("field")
        else str(e.get("message")) for e in errors)
    code = USER_CODES.get(str(errors[0].get("code") or ""), ReturnCode.PLATFORM_ERROR)
    return ApiError(code, f"{platform} error message: {text}")


class _Spreads(Visitor):
    """The names of the fragments a node spreads."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
        self.names.append(node.name.value)


@lru_cache(maxsize=256)
def declared(document: str) -> frozenset[str]:
    """The variables a document declares: only those are sent (a platform may refuse any
    other), so one set of variables can serve an entity's every document."""
    return frozenset(v.variable.name.value for d in parse(document).definitions
                     if isinstance(d, OperationDefinitionNode)
                     for v in d.variable_definitions or ())


@lru_cache(maxsize=256)
def is_mutation(document: str) -> bool:
    return any(isinstance(d, OperationDefinitionNode) and d.operation == OperationType.MUTATION
               for d in parse(document).definitions)


@lru_cache(maxsize=256)
def root_field(document: str) -> str:
    """The first field a document's operation selects, by its alias if it has one: a
    mutation's payload root (``productCreate``), so a call need not name it again."""
    op = next(d for d in parse(document).definitions if isinstance(d, OperationDefinitionNode))
    field = op.selection_set.selections[0]
    assert isinstance(field, FieldNode)
    return (field.alias or field.name).value


def documents(*sources: str) -> dict[str, str]:
    """Each operation of ``sources`` (GraphQL text: operations and shared fragments, as in a
    platform's ``.graphql`` files) by name, as a document of its own with only the fragments
    it spreads: a document sending an unused fragment is invalid GraphQL."""
    parsed = [parse(s) for s in sources]
    fragments = {d.name.value: d for doc in parsed for d in doc.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    out: dict[str, str] = {}
    for op in (d for doc in parsed for d in doc.definitions):
        if not isinstance(op, OperationDefinitionNode) or op.name is None:
            continue
        used: dict[str, FragmentDefinitionNode] = {}
        todo: list[Node] = [op]
        while todo:
            found = _Spreads()
            visit(todo.pop(), found)
            for name in found.names:
                if name not in used:
                    used[name] = fragments[name]
                    todo.append(fragments[name])
        out[op.name.value] = "\n\n".join(print_ast(d) for d in (op, *used.values()))
    return out


@dataclass(frozen=True)
class GraphQL:
    """One store's GraphQL endpoint (``path`` under the REST client's base URL)."""

    rest: RestClient
    path: str = "graphql.json"
    #: The most records one connection page asks for (Shopify: 250).
    page_size: int = 250

    async def _post(self, document: str, variables: Mapping[str, Any] | None,
                    idempotent: bool = False) -> httpx.Response:
        """One document sent; its ``errors`` raised as the contract's error. A query may be
        sent again after a lost answer (it changes nothing), a mutation only when the caller
        says it is ``idempotent`` (an absolute set): a create is never sent twice."""
        wanted = declared(document)
        response = await self.rest.request("POST", self.path, json={
            "query": document,
            "variables": {k: v for k, v in (variables or {}).items() if k in wanted}},
            idempotent=idempotent or not is_mutation(document))
        body = response.json() if response.content else {}
        errors = body.get("errors") if isinstance(body, dict) else None
        if errors:
            raise self._error(errors)
        return response

    async def run(self, document: str, variables: Mapping[str, Any] | None = None, *,
                  idempotent: bool = False) -> Record:
        """``data`` of one document."""
        body = (await self._post(document, variables, idempotent)).json()
        return (body.get("data") if isinstance(body, dict) else None) or {}

    def _error(self, errors: Any) -> ApiError:
        first = errors[0] if isinstance(errors, list) and errors else {}
        code = CODES.get(str(dig(first, "extensions.code") or ""), ReturnCode.PLATFORM_ERROR)
        text = render([e.get("message") for e in errors if isinstance(e, dict)]
                      if isinstance(errors, list) else errors)
        if code == ReturnCode.STORE_REQUEST_LIMIT:
            return ApiError(code, f"{self.rest.platform} request limit exceeded.")
        if code == ReturnCode.PLATFORM_ERROR:
            return platform_error(self.rest.platform, text)
        return ApiError(code, f"{self.rest.platform} error message: {text}")

    async def payload(self, document: str, root: str,
                      variables: Mapping[str, Any] | None = None, *,
                      idempotent: bool = False) -> Record:
        """The payload of mutation ``root``, its errors unread. A null payload without
        ``errors`` is refused (107): nothing says the write was done."""
        payload = (await self.run(document, variables, idempotent=idempotent)).get(root)
        if not isinstance(payload, Mapping):
            raise platform_error(self.rest.platform, f"no {root} payload in the answer: the "
                                 "write may not have been done.")
        return dict(payload)

    async def mutate(self, document: str, root: str, variables: Mapping[str, Any] | None = None,
                     *, idempotent: bool = False) -> Record:
        """:meth:`payload`, its ``userErrors`` raised (see :func:`user_errors`)."""
        payload = await self.payload(document, root, variables, idempotent=idempotent)
        error = user_errors(self.rest.platform, payload.get("userErrors"))
        if error is not None:
            raise error
        return payload

    async def one(self, document: str, root: str, variables: Mapping[str, Any]) -> Record | None:
        """The record at ``root`` (None: no such record, as GraphQL answers an unknown id)."""
        found = dig(await self.run(document, variables), root)
        return dict(found) if isinstance(found, Mapping) else None

    async def pages(self, document: str, root: str, variables: Mapping[str, Any] | None = None,
                    start: int = 0, count: int | None = None, *,
                    walk: Connection | None = None) -> AsyncIterator[list[Record]]:
        """The nodes ``start .. start+count`` of connection ``root`` (all of them when
        ``count`` is None), one list per request. ``walk``: the caller's own
        :class:`Connection` (to resume from a cursor, and to read where the walk stopped)."""
        connection = walk or Connection(root, page_size=self.page_size)
        wanted = count if count is not None else connection.page_size * MAX_PAGES
        step = connection.first(variables or {}, start, wanted) if wanted > 0 else None
        while step is not None:
            records = connection.take(await self._post(document, step))
            if records:
                yield records
            step = connection.next_params()
