"""Where Shopify's entities are read over the GraphQL Admin API: the documents of
``queries/*.graphql``, the entity queries as Shopify search strings (the filters keep the
names :mod:`.entities` gives them, the search syntax's fields), the backends declared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.kit.connections import Documents
from anycart.platforms.kit.entities import Query
from anycart.platforms.kit.graphql import GraphQL, documents, root_field, user_errors
from anycart.platforms.kit.pagination import Connection

from . import mapping as M
from . import mapping_gql as G

Record = dict[str, Any]

#: Every operation of ``queries/``, by name (each with only the fragments it spreads).
DOCS = documents(*(p.read_text() for p in sorted((Path(__file__).parent / "queries")
                                                 .glob("*.graphql"))))


async def mutate(gql: GraphQL, name: str, variables: Mapping[str, Any], *,
                 idempotent: bool = False, record: tuple[str, Any] | None = None,
                 missing: Mapping[str, tuple[str, Any]] | None = None) -> Record:
    """Mutation ``name`` of :data:`DOCS`, Shopify's messages read (its UserErrors have no
    ``code``): a taken value (``Email has already been taken``) is 113; ``<Kind> does not
    exist`` is 112 for ``record`` (its label and id), in API2Cart's words; a media mutation's
    ``mediaUserErrors`` have codes, 112 for the record (label, id) ``missing`` maps one to."""
    try:
        payload = await gql.payload(DOCS[name], root_field(DOCS[name]), variables,
                                    idempotent=idempotent)
        errors = payload.get("mediaUserErrors") or payload.get("userErrors")
        for e in errors or []:
            if (named := (missing or {}).get(str(e.get("code")))) is not None:
                raise ApiError.not_found(*named)
        if (error := user_errors(gql.rest.platform, errors)) is not None:
            raise error
    except ApiError as e:
        if e.code == ReturnCode.PLATFORM_ERROR and "already been taken" in e.message:
            raise ApiError(ReturnCode.ALREADY_EXISTS, e.message) from e
        if record is not None and "does not exist" in e.message:
            raise ApiError.not_found(*record) from e
        raise
    return payload


def _quoted(value: Any) -> str:
    text = str(value)
    if text.replace("-", "").replace("_", "").isalnum():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


#: Search fields Shopify reads as a list (``product_ids:1,2``).
LISTED = frozenset({"product_ids"})


def _term(key: str, value: Any) -> str | None:
    if key == "ids":
        return "(" + " OR ".join(f"id:{i.strip()}" for i in str(value).split(",")) + ")"
    if key == "since_id":
        return f"id:>{value}"
    if key in LISTED:  # a field whose search takes the comma-separated list itself
        return f"{key}:{value}"
    if key.endswith(("_min", "_max")):
        return f"{key[:-4]}:{'>=' if key.endswith('_min') else '<='}{_quoted(value)}"
    values = [v for v in str(value).split(",") if v and v != "any"]
    if not values:
        return None
    terms = [f"{key}:{_quoted(v)}" for v in values]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def search(query: Query) -> dict[str, Any]:
    """The ``query`` variable of an entity query (None: every record)."""
    terms = [t for k, v in query.items() if v not in (None, "") and k not in ("limit", "fields")
             for t in [_term(k, v)] if t]
    return {"query": " ".join(terms) or None}


#: Variants one request reads: about 5 points each (the variant, its inventory item, weight),
#: so a page stays well under Shopify's 1 000-point ceiling for one query.
VARIANT_PAGE = 100


#: An order's lines a request: about 15 points each.
LINE_PAGE = 10


async def rest_of(gql: GraphQL, node: dict[str, Any], key: str, document: str, root: str,
                  size: int) -> dict[str, Any]:
    """``node`` with every node of its connection ``key``, read on from where it stopped."""
    page = node.get(key) or {}
    nodes, info = list(page.get("nodes") or []), page.get("pageInfo") or {}
    if info.get("hasNextPage"):
        walk = Connection(root, page_size=size, resume=info.get("endCursor"))
        nodes += [n async for chunk in gql.pages(document, root, {"id": node["id"]}, walk=walk)
                  for n in chunk]
    return {**node, key: {"nodes": nodes}}


#: A product read alone with every variant (Shopify allows 2 048); an order with every line
#: (listed or read alone: a total needs them all).
ALL_VARIANTS = partial(rest_of, key="variants", document=DOCS["ProductVariants"],
                       root="product.variants", size=VARIANT_PAGE)
ALL_LINES = partial(rest_of, key="lineItems", document=DOCS["OrderLines"],
                    root="order.lineItems", size=LINE_PAGE)


def ident(kind: str) -> Callable[[Any], str | None]:
    """A contract id as the gid of a ``kind`` (None: a text that names no record)."""
    return lambda i: M.gid(kind, i) if str(i).strip().isdecimal() else None


def _declared(one: str, shape: Any, page_size: int, **more: Any) -> dict[str, Any]:
    """The settings of the entity whose GraphQL type is ``one`` capitalized (its documents
    ``Products``, ``ProductIds``, ``Product``, ``ProductsCount``, ``ProductsByIds``)."""
    kind, root = one.capitalize(), one + "s"
    return {"docs": Documents(root=root, list=DOCS[kind + "s"], ids=DOCS[kind + "Ids"],
                              one=DOCS[kind], one_root=one, count=DOCS[kind + "sCount"],
                              count_root=root + "Count", nodes=DOCS[kind + "sByIds"]),
            "ident": ident(kind),
            "shape": shape, "page_size": page_size, "variables": search, **more}


#: ConnectionBackend settings by entity. A product in a list brings its first variant (its
#: price, SKU and weight; stock is ``totalInventory``) and 10 images: 25 of them cost about
#: Shopify's 1 000-point ceiling for one query; one read alone brings every variant.
BACKENDS: dict[str, dict[str, Any]] = {
    "product": _declared("product", M.shaped, 25, complete=ALL_VARIANTS,
                         list_vars={"variants": 1, "media": 10},
                         one_vars={"variants": VARIANT_PAGE, "media": 50}),
    "category": _declared("collection", M.node, 50),
    "customer": _declared("customer", M.node, 50),
    "order": _declared("order", G.order, 4, complete=ALL_LINES, complete_listed=True,
                       list_vars={"lines": LINE_PAGE}, one_vars={"lines": LINE_PAGE}),
}
