"""sandbox.graphql: a query's requested and actual cost from its selections and connection
sizes, the depth of nested connections, the bucket of points costs are paid from, Relay
pages with opaque cursors, views falling back to their records, and mutations answering
their userErrors."""

from __future__ import annotations

from typing import Any

from graphql import (
    OperationDefinitionNode,
    build_schema,
    get_operation_ast,
    graphql_sync,
    parse,
)

from anycart.sandbox.errors import SimError
from anycart.sandbox.graphql import (
    Coster,
    CostRules,
    Points,
    UserErrors,
    camel,
    decode_cursor,
    encode_cursor,
    fragments_of,
    mutation_resolver,
    prepare,
    rails_user_errors,
    record_resolver,
    relay_page,
    request_payload,
    user_error,
)

SCHEMA = build_schema("""
type Query { shop: Shop, items(first: Int, last: Int): ItemConnection!, thing: Thing }
type Mutation { a: Int, b: Int }
type Shop { name: String, owner: Owner }
type Owner { name: String }
type Item { id: ID!, parts(first: Int): PartConnection! }
type Part { id: ID! }
type ItemConnection { nodes: [Item!]!, edges: [ItemEdge!]! }
type ItemEdge { node: Item! }
type PartConnection { nodes: [Part!]! }
union Thing = Shop | Item
""")


def _cost(query: str, data: Any = None, rules: CostRules | None = None,
          **variables: Any) -> int:
    document = parse(query)
    op = get_operation_ast(document)
    assert isinstance(op, OperationDefinitionNode)
    coster = Coster(SCHEMA, fragments_of(document), variables, rules or CostRules())
    return coster.operation(op) if data is None else coster.operation(op, data)


def test_leaves_cost_nothing_objects_one_each() -> None:
    assert _cost("{ shop { name } }") == 1
    assert _cost("{ shop { name owner { name } } }") == 2


def test_a_connection_costs_its_base_plus_page_size_times_a_node() -> None:
    assert _cost("{ items(first: 5) { nodes { id } } }") == 2 + 5 * 1
    assert _cost("{ items(last: 3) { edges { node { id } } } }") == 2 + 3 * 1
    nested = "query ($n: Int) { items(first: $n) { nodes { parts(first: 4) { nodes { id } } } } }"
    assert _cost(nested, n=10) == 2 + 10 * (1 + 2 + 4 * 1)  # a variable gives the size


def test_the_actual_cost_counts_the_nodes_answered() -> None:
    query = "{ items(first: 50) { nodes { id } } }"
    answered = {"items": {"nodes": [{"id": "1"}, {"id": "2"}]}}
    assert _cost(query) == 52 and _cost(query, answered) == 2 + 2


def test_union_members_are_alternatives_and_fragments_expand() -> None:
    query = """{ thing { ... on Shop { name owner { name } }
                         ... on Item { parts(first: 9) { nodes { id } } } } }"""
    assert _cost(query) == 1 + max(1, 2 + 9)
    spread = "fragment F on Shop { owner { name } } { shop { ...F } }"
    assert _cost(spread) == 2


def test_mutations_cost_a_flat_price_per_root_field() -> None:
    assert _cost("mutation { a b }") == 20
    assert _cost("mutation { a }", rules=CostRules(mutation=7)) == 7


def test_other_prices_are_declared() -> None:
    rules = CostRules(object=2, connection=0, page_args=("first",))
    assert _cost("{ items(first: 5) { nodes { id } } }", rules=rules) == 5 * 2
    assert _cost("{ items(last: 5) { nodes { id } } }", rules=rules) == 2  # last: not a size


def test_connection_depth() -> None:
    document = parse("{ items(first: 2) { nodes { parts(first: 2) { nodes { id } } } } shop "
                     "{ name } }")
    op = get_operation_ast(document)
    assert op is not None and SCHEMA.query_type is not None
    assert Coster(SCHEMA, {}, {}).connections(op.selection_set, SCHEMA.query_type) == [1, 2]


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


def test_points_are_spent_given_back_and_restored_up_to_the_maximum() -> None:
    clock = Clock()
    bucket = Points(clock, maximum=100, restore_per_s=10)
    assert bucket.level() == 100
    assert bucket.take(80) and not bucket.take(30)  # refused: nothing spent
    assert bucket.level() == 20
    bucket.give(5)
    assert bucket.level() == 25
    clock.t += 2
    assert bucket.level() == 45
    clock.t += 60
    assert bucket.level() == 100


# -- connections ------------------------------------------------------------------------------
def _page(**args: Any) -> dict[str, Any]:
    rows = [{"id": i, "name": f"n{i:02d}"} for i in range(1, 11)]
    reverse = bool(args.get("reverse"))
    ordered = sorted(rows, key=lambda r: r["id"], reverse=reverse)
    size = args.get("first") or args.get("last")
    keys = [(r["name"], r["id"]) for r in ordered]
    return relay_page(ordered, keys, lambda r: {"id": r["id"]}, size, bad_cursor=ValueError,
                      **args)


def test_relay_pages_forward_and_back_by_opaque_cursors() -> None:
    one = _page(first=4)
    assert [n["id"] for n in one["nodes"]] == [1, 2, 3, 4]
    assert one["pageInfo"]["hasNextPage"] and not one["pageInfo"]["hasPreviousPage"]
    assert [e["node"] for e in one["edges"]] == one["nodes"]
    assert decode_cursor(one["pageInfo"]["endCursor"]) == ("n04", 4)
    two = _page(first=4, after=one["pageInfo"]["endCursor"])
    assert [n["id"] for n in two["nodes"]] == [5, 6, 7, 8]
    assert two["pageInfo"]["hasPreviousPage"]
    back = _page(last=3, before=two["pageInfo"]["startCursor"])
    assert [n["id"] for n in back["nodes"]] == [2, 3, 4]
    tail = _page(first=5, after=encode_cursor(("n08", 8)))
    assert [n["id"] for n in tail["nodes"]] == [9, 10] and not tail["pageInfo"]["hasNextPage"]
    down = _page(first=3, reverse=True)
    assert [n["id"] for n in down["nodes"]] == [10, 9, 8]
    assert [n["id"] for n in _page(first=2, reverse=True, after=down["pageInfo"]["endCursor"])[
        "nodes"]] == [7, 6]
    empty = _page(first=3, after=encode_cursor(("n10", 10)))
    assert empty["nodes"] == [] and empty["pageInfo"]["endCursor"] is None


def test_a_cursor_that_does_not_decode_is_the_platforms_error() -> None:
    assert decode_cursor("not-a-cursor") is None
    try:
        _page(first=2, after="not-a-cursor")
    except ValueError as err:
        assert str(err) == "not-a-cursor"
    else:
        raise AssertionError("a bad cursor was accepted")


def test_a_view_names_only_what_differs_from_its_record() -> None:
    schema = build_schema("type Query { me: Person } type Person { firstName: String, "
                          "lastName: String, greeting(to: String): String }")
    view = {"_rest": {"first_name": "Ada", "last_name": "Lovelace"}, "lastName": "L.",
            "greeting": lambda info, to: f"hello {to}"}
    answer = graphql_sync(schema, '{ me { firstName lastName greeting(to: "you") } }',
                          root_value={"me": view}, field_resolver=record_resolver("_rest"))
    assert answer.errors is None
    assert answer.data == {"me": {"firstName": "Ada", "lastName": "L.", "greeting": "hello you"}}


# -- mutations ------------------------------------------------------------------------------
MUTATING = build_schema("""
type Query { ok: Boolean }
type UserError { field: [String!], message: String!, code: String }
type Made { id: ID }
type Payload { made: Made, userErrors: [UserError!]! }
type Mutation { make(title: String): Payload }
""")


def _run(make: Any, title: str | None) -> Any:
    MUTATING.mutation_type.fields["make"].resolve = mutation_resolver(  # type: ignore[union-attr]
        make, "product", names={"body_html": "descriptionHtml"})
    answer = graphql_sync(MUTATING, "mutation ($t: String) { make(title: $t) { made { id } "
                          "userErrors { field message code } } }", variable_values={"t": title},
                          context_value={"shop": "one"})
    assert answer.errors is None, answer.errors
    return answer.data["make"]  # type: ignore[index]


def test_a_mutation_answers_its_payload_or_its_user_errors() -> None:
    def make(context: Any, title: str | None = None) -> dict[str, Any]:
        assert context == {"shop": "one"}
        if title is None:
            raise SimError(422, {"errors": {"title": ["can't be blank"],
                                            "body_html": ["is too long"], "base": ["Nope"]}})
        if title == "x":
            raise UserErrors(user_error(["title"], "Title is taken", "TAKEN"))
        return {"made": {"id": "1"}}
    assert _run(make, "ok") == {"made": {"id": "1"}, "userErrors": []}
    assert _run(make, "x") == {"made": None, "userErrors": [
        {"field": ["title"], "message": "Title is taken", "code": "TAKEN"}]}
    assert _run(make, None)["userErrors"] == [
        {"field": ["product", "title"], "message": "Title can't be blank", "code": "INVALID"},
        {"field": ["product", "descriptionHtml"], "message": "Body html is too long",
         "code": "INVALID"},
        {"field": None, "message": "Nope", "code": "INVALID"}]
    assert rails_user_errors(SimError(404, {"errors": "Not Found"}), "product") == [
        user_error(None, "Not Found")]
    assert camel("inventory_item_id") == "inventoryItemId"


# -- requests -------------------------------------------------------------------------------
def test_a_request_is_json_or_a_raw_graphql_query() -> None:
    assert request_payload(b'{"query": "{ ok }", "variables": {"a": 1}}',
                           "application/json") == {"query": "{ ok }", "variables": {"a": 1}}
    assert request_payload(b"{ ok }", "application/graphql; charset=utf-8") == {"query": "{ ok }"}
    for bad in (b"{bad", b'{"variables": {}}', b'{"query": "{ ok }", "variables": [1]}', b"[]"):
        assert request_payload(bad, "application/json") is None


def test_prepare_answers_the_operation_or_the_errors() -> None:
    prepared = prepare(MUTATING, "query A { ok } mutation B { make { made { id } } }", "A")
    assert not isinstance(prepared, list) and prepared[1].name is not None
    assert prepared[1].name.value == "A"
    broken = prepare(MUTATING, "{ ok", None)
    assert isinstance(broken, list) and str(broken[0]["message"]).startswith("Syntax Error")
    unknown = prepare(MUTATING, "{ nothing }", None)
    assert isinstance(unknown, list) and "nothing" in str(unknown[0]["message"])
    assert prepare(MUTATING, "query A { ok } query B { ok }", None) == [
        {"message": "An operation name is required"}]
