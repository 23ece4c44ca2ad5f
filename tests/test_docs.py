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
            expected = (op.name in METHOD_TABLE or platform.connector.serves(op.name))
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
