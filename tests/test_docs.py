"""The documented return codes are the ones the code uses."""

from pathlib import Path

from anycart.errors import ReturnCode

ROOT = Path(__file__).resolve().parents[1]


def test_return_code_table_matches_the_code():
    text = (ROOT / "docs" / "return-codes.md").read_text()
    documented = {int(line.split("|")[1]) for line in text.splitlines()
                  if line.startswith("| ") and line.split("|")[1].strip().isdigit()}
    assert documented == {int(c) for c in ReturnCode}


# --- /docs: AnyCart's own API reference -------------------------------------------------------

import re  # noqa: E402

from anycart.contract.catalogue import load_catalogue  # noqa: E402
from anycart.http.support import support_matrix  # noqa: E402
from anycart.methods.shipping import AROUND_CONNECTOR  # noqa: E402
from anycart.methods.table import METHOD_TABLE  # noqa: E402
from anycart.platforms.registry import default_registry  # noqa: E402


async def _docs(env) -> str:
    answer = await env.client.get("/docs")
    assert answer.status_code == 200
    return answer.text


async def test_docs_speak_of_anycart_and_keep_whole_descriptions(sqlite_env):
    html = await _docs(sqlite_env)
    assert "API2Cart account" not in html and "your AnyCart account" in html
    # API2Cart is named only as the wire contract (and the third-party Api2Cart.Connector plugin)
    assert re.findall(r"API2Cart(?! v1\.1| clients)(?!\.Connector)", html) == []
    assert "…" not in html and "...<" not in html
    catalogue = load_catalogue()
    for op in catalogue:
        assert not (op.description or "").endswith(("...", "…")), op.name
        for param in op.params:
            assert not (param.description or "").endswith(("...", "…")), (op.name, param.name)
    assert max(len(p.description or "") for op in catalogue for p in op.params) > 240
    longest = max(catalogue, key=lambda op: len(op.description or ""))
    assert len(longest.description or "") > 240  # was cut at 240 characters
    assert (longest.description or "")[-60:].split("<")[0] in html


async def test_docs_have_a_search_box_and_work_without_script(sqlite_env):
    html = await _docs(sqlite_env)
    assert '<input type="search" id="q"' in html
    # self-contained: one inline script, no stylesheet or script fetched from elsewhere
    assert html.count("<script>") == 1 and "<script src" not in html and "<link" not in html
    # every method is in the page itself: filtering only hides rows
    assert html.count("<tr class='m' id=") == 171


async def test_docs_matrix_matches_the_connectors(sqlite_env):
    """The page's matrix is the served registry's (here the test MemoryPlatform) and follows
    the rule cart.methods answers with, for every platform installed."""
    html = await _docs(sqlite_env)
    registry = sqlite_env.services.gateway.registry
    matrix = support_matrix(load_catalogue(), registry, METHOD_TABLE)
    assert any(matrix.served.values())
    table = html[html.index("<table id='matrix'>"):]
    table = table[:table.index("</table>")]
    everywhere = support_matrix(load_catalogue(), default_registry(), METHOD_TABLE)
    for platform in default_registry():
        for op in load_catalogue():
            expected = ((op.name in METHOD_TABLE and op.name not in AROUND_CONNECTOR)
                        or platform.connector.serves(op.name))
            assert everywhere.serves(platform.cart_id, op.name) == expected
    for method, carts in matrix.served.items():
        if carts:
            row = table[table.index(f"<tr><td><a href='#{method}'>"):]
            row = row[:row.index("</tr>")]
            cells = row.split("<td")[2:]
            assert [c.startswith(">✓") for c in cells] == [
                cart_id in carts for cart_id, _ in matrix.platforms], method
        else:
            assert f"<a href='#{method}'>" not in table


def test_platforms_md_matrix_is_current():
    """docs/platforms.md carries the generated matrix; run tools/support_matrix.py if this fails."""
    from tools.support_matrix import BEGIN, DOC, END, rendered

    text = DOC.read_text()
    assert BEGIN in text and END in text
    assert rendered(text) == text
    for platform in default_registry():
        assert f"{platform.name} (`{platform.cart_id}`)" in text


# --- sandbox examples ---------------------------------------------------------------------------

import json  # noqa: E402
from typing import Any  # noqa: E402

import jsonschema  # noqa: E402

from anycart.http.docs import EXAMPLES_FILE, load_examples  # noqa: E402


def _shape(value: Any) -> Any:
    """Keys and types, not values: ids, dates and signed cursors differ between runs."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def _schema_errors(answer: dict[str, Any], schema_name: str) -> list[str]:
    """Where the answer breaks the contract's response schema. The contract (OpenAPI 3.0)
    marks few fields nullable while API2Cart itself answers null for absent values, so a null
    where a type is expected is accepted; every other mismatch counts."""
    components = json.loads((ROOT / "anycart" / "contract" / "catalogue.json").read_text())
    schema = {"$ref": f"#/components/schemas/{schema_name}",
              "components": {"schemas": components["response_schemas"]}}
    return [f"{list(e.path)}: {e.message}"
            for e in jsonschema.Draft4Validator(schema).iter_errors(answer)
            if not (e.validator == "type" and e.instance is None)]


def test_every_example_answers_the_contract_envelope():
    from tools.build_examples import methods, read_methods

    examples = load_examples()
    assert EXAMPLES_FILE.exists() and set(methods()) <= set(examples) <= set(read_methods())
    catalogue = load_catalogue()
    for method, example in examples.items():
        op = catalogue.get(method)
        assert op is not None and op.response
        answer = example["response"]
        assert answer["return_code"] == 0 and "result" in answer, method
        assert _schema_errors(answer, op.response) == [], method
        assert example["request"]["url"].startswith(f"/v1.1/{method}.json")
        if op.items_key and method in methods():
            assert answer["result"][op.items_key], f"{method}: an empty list shows nothing"


def test_schema_check_catches_a_wrong_envelope():
    example = load_examples()["product.count"]["response"]
    assert _schema_errors({**example, "result": {"products_count": "five"}},
                          "Model_Response_Product_Count")


def test_examples_file_is_current():
    """Re-recorded from a fresh sandbox, a few methods answer the same shapes as the shipped
    file; run tools/build_examples.py if this fails."""
    from tools.build_examples import build

    names = ["product.list", "product.info", "order.list", "order.info", "customer.count"]
    fresh = build(names)
    shipped = load_examples()
    for name in names:
        assert fresh[name]["request"] == shipped[name]["request"], name
        assert _shape(fresh[name]["response"]) == _shape(shipped[name]["response"]), name


async def test_docs_show_the_examples(sqlite_env):
    html = await _docs(sqlite_env)
    examples = load_examples()
    assert html.count("<details class='ex'>") == len(examples) > 0
    row = html[html.index("<tr class='m' id='product.list'>"):]
    row = row[:row.index("<tr class='m'", 1)]
    assert "/v1.1/product.list.json?count=2" in row and "products_count" in row
