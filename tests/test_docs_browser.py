"""/docs in headless Chromium (Debian's package, driven by Playwright): the search box filters
the methods as one types; without JavaScript every method is shown and the box is hidden."""

from __future__ import annotations

import pytest

from anycart.contract.catalogue import load_catalogue
from anycart.http.docs import render_docs
from anycart.http.support import support_matrix
from anycart.methods.table import METHOD_TABLE
from anycart.platforms.registry import default_registry
from tests.browser import CHROMIUM, require_browser

require_browser()
from playwright.sync_api import sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def page_html() -> str:
    catalogue = load_catalogue()
    return render_docs(catalogue, support_matrix(catalogue, default_registry(), METHOD_TABLE))


def _visible(page) -> list[str]:
    return page.eval_on_selector_all("#methods tr.m", "rows => rows.filter(r => !r.hidden)"
                                     ".map(r => r.id)")


def test_search_filters_methods_by_name_and_description(page_html):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(page_html)
            assert page.is_visible("#q") and len(_visible(page)) == 171
            page.fill("#q", "order.shipment")
            shown = _visible(page)
            assert shown and all("shipment" in name for name in shown[:3]), shown
            assert "product.list" not in shown
            assert page.text_content("#found") == f"{len(shown)} methods match"
            page.fill("#q", "refund")  # found in descriptions, not only names
            assert "order.refund.add" in _visible(page)
            page.fill("#q", "")
            assert len(_visible(page)) == 171
        finally:
            browser.close()


def test_without_javascript_every_method_is_shown(page_html):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.set_content(page_html)
            assert not page.is_visible("#q")
            rows = page.query_selector_all("#methods tr.m")
            assert len(rows) == 171 and all(r.is_visible() for r in rows[:5])
        finally:
            browser.close()
