"""RecordFields: a view names only what differs from its stored record; the rest is read by
the snake_case of the field name and converted by the field's GraphQL type."""

from __future__ import annotations

from graphql import build_schema, graphql_sync

from anycart.sandbox.graphql_records import RecordFields, enum_word, snake

SCHEMA = build_schema("""
scalar DateTime
enum Status { ACTIVE DRAFT }
enum Topic { ORDERS_CREATE PRODUCTS_UPDATE }
type Query { item: Item }
type Item { id: ID!  legacyResourceId: Int!  title: String!  vendor: String!  note: String
            status: Status!  topic: Topic  createdAt: DateTime!  updatedAt: DateTime!
            displayName(suffix: String): String! }
""")
FIELDS = RecordFields("_rest", scalars={"DateTime": lambda s: s.replace(" ", "T") + "Z"},
                      renamed={"legacyResourceId": "id", "updatedAt": ("updated_at",
                                                                       "created_at")},
                      node_id=lambda kind, rid: f"gid://test/{kind}/{rid}")
QUERY = ("{ item { id legacyResourceId title vendor note status topic createdAt updatedAt "
         'displayName(suffix: "!") } }')


def _answer(view: dict[str, object]) -> object:
    answer = graphql_sync(SCHEMA, QUERY, root_value={"item": view},
                          field_resolver=FIELDS.resolver())
    assert answer.errors is None, answer.errors
    return answer.data["item"]  # type: ignore[index]


def test_unnamed_fields_are_read_from_the_record_and_converted_by_type() -> None:
    record = {"id": 7, "title": "Mug", "vendor": None, "note": None, "status": "active",
              "topic": "orders/create", "created_at": "2025-06-01 10:00:00", "updated_at": None}
    view = {"_rest": record, "displayName": lambda info, suffix: record["title"] + suffix}
    assert _answer(view) == {
        "id": "gid://test/Item/7", "legacyResourceId": 7, "title": "Mug",
        # a non-null String stored as null is "", a nullable one stays null
        "vendor": "", "note": None, "status": "ACTIVE", "topic": "ORDERS_CREATE",
        "createdAt": "2025-06-01T10:00:00Z",
        # the first non-null of the renamed keys
        "updatedAt": "2025-06-01T10:00:00Z", "displayName": "Mug!"}


def test_a_named_value_wins_and_is_answered_as_it_is() -> None:
    record = {"id": 7, "title": "Mug", "vendor": "Acme", "status": "active",
              "created_at": "2025-06-01 10:00:00", "updated_at": "2025-06-02 10:00:00"}
    view = {"_rest": record, "id": "custom", "status": "DRAFT", "title": "Cup",
            "displayName": "x"}
    got = _answer(view)
    assert isinstance(got, dict)
    assert (got["id"], got["status"], got["title"], got["vendor"], got["updatedAt"]) == (
        "custom", "DRAFT", "Cup", "Acme", "2025-06-02T10:00:00Z")


def test_names_and_enum_words() -> None:
    assert snake("productType") == "product_type"
    assert snake("countryCodeV2") == "country_code_v2"
    assert enum_word("partially_paid") == "PARTIALLY_PAID"
    assert enum_word("alpha-asc") == "ALPHA_ASC"
    assert enum_word("orders/create") == "ORDERS_CREATE"


def test_a_rename_for_one_type_and_blanks_of_other_types() -> None:
    schema = build_schema("""
    scalar HTML
    type Query { image: Image  link: Link }
    type Image { url: String!  body: HTML! }
    type Link { url: String }
    """)
    fields = RecordFields("_rest", renamed={"Image.url": "src"},
                          blank={"String": "", "HTML": ""})
    answer = graphql_sync(schema, "{ image { url body } link { url } }", root_value={
        "image": {"_rest": {"src": "a.png", "body": None}},
        "link": {"_rest": {"url": "b", "src": "not this"}}}, field_resolver=fields.resolver())
    assert answer.errors is None, answer.errors
    # only Image's url is read from src; a non-null HTML stored as null is its blank
    assert answer.data == {"image": {"url": "a.png", "body": ""}, "link": {"url": "b"}}


def test_an_object_type_read_from_another_shape_with_what_the_view_holds() -> None:
    schema = build_schema("""
    type Query { line: Line }
    type Money { amount: String!  currency: String! }
    type Line { priceSet: Money!  totalSet: Money!  title: String }
    """)

    def money(view: dict[str, object], key: str) -> dict[str, object]:
        record = view["_rest"]
        assert isinstance(record, dict)
        return {"amount": record.get(key) or record[key.removesuffix("_set")],
                "currency": view["_currency"]}

    fields = RecordFields("_rest", renamed={"Line.totalSet": "sum_set"},
                          objects={"Money": money})
    answer = graphql_sync(
        schema, "{ line { priceSet { amount currency } totalSet { amount } title } }",
        root_value={"line": {"_rest": {"price": "2.50", "sum_set": "5.00", "title": "Mug"},
                             "_currency": "EUR"}}, field_resolver=fields.resolver())
    assert answer.errors is None, answer.errors
    # read under the snake_case or renamed key, with the view's currency; other types as before
    assert answer.data == {"line": {"priceSet": {"amount": "2.50", "currency": "EUR"},
                                    "totalSet": {"amount": "5.00"}, "title": "Mug"}}
