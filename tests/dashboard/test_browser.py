"""The dashboard in a real browser: headless Chromium (Debian's package) driven by Playwright
against ``anycart demo`` (``anycart serve`` with the sandbox stores) in its own process.

The steps run in order on one signed-in page: sign in, counts, remove and add a store through
the form (a bad credential first), a webhook whose callback fails, its redelivery, the API
explorer. Each page is saved as a screenshot under ``$ANYCART_TEST_ARTIFACTS`` (default: a
temporary directory), and the stores page at phone width too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from anycart.config import Settings
from anycart.export import runs
from anycart.storage.db import Database
from anycart.storage.repository import Repository
from tests.browser import CHROMIUM, require_browser
from tests.test_demo import DemoProcess

require_browser()
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

PRODUCTS = 20


class FlakyReceiver:
    """A webhook callback on loopback: answers 500 while ``failing``, then 200."""

    def __init__(self) -> None:
        self.failing = True
        self.received: list[bytes] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                owner.received.append(self.rfile.read(int(self.headers.get("content-length") or 0)))
                self.send_response(500 if owner.failing else 200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Session:
    demo: DemoProcess
    state: dict[str, Any]
    page: Page
    browser: Browser
    shots: Path
    receiver: FlakyReceiver
    #: the demo's data dir (its storage, which ``anycart export`` in-process writes to)
    data: Path

    @property
    def url(self) -> str:
        return f"{self.demo.base}/dashboard"

    def shot(self, name: str) -> None:
        """The page's screenshot, once its markup passes the basic accessibility checks."""
        assert_accessible(self.page)
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)

    def api(self, method: str, store_key: str | None = None, **params: Any) -> dict[str, Any]:
        query = {"api_key": self.state["api_key"], **params}
        if store_key:
            query["store_key"] = store_key
        answer: dict[str, Any] = httpx.get(f"{self.demo.base}/v1.1/{method}.json", params=query,
                                           timeout=30).json()
        return answer


def assert_accessible(page: Page) -> None:
    """One h1, a main landmark, and an accessible name on every control."""
    assert page.locator("h1").count() == 1
    assert page.get_by_role("main").count() == 1
    unnamed = page.evaluate("""() => [...document.querySelectorAll(
        'input:not([type=hidden]), select, textarea, button')].filter(el =>
        !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
        && !(el.tagName === 'BUTTON' && el.textContent.trim())).map(el => el.outerHTML)""")
    assert unnamed == [], unnamed


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    shots = Path(os.environ.get("ANYCART_TEST_ARTIFACTS")
                 or tempfile.mkdtemp(prefix="anycart-dashboard-")) / "dashboard"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    print(f"\ndashboard screenshots: {shots}")
    data = tmp_path_factory.mktemp("demo")
    receiver = FlakyReceiver()
    with pytest.MonkeyPatch.context() as mp:
        # One attempt per delivery (a failure is final at once) and a fast poll, so the
        # failed delivery appears in seconds.
        mp.setenv("ANYCART_WEBHOOK_MAX_ATTEMPTS", "1")
        mp.setenv("ANYCART_POLL_INTERVAL_S", "1")
        mp.setenv("ANYCART_WORKER_TICK_S", "0.2")
        demo = DemoProcess(data, "--products", str(PRODUCTS))
    with demo, sync_playwright() as pw:
        saved = json.loads((data / "demo.json").read_text())
        # the account's key, and the Shift4Shop sandbox's store key and credentials
        state = {"api_key": saved["api_key"], "store_key": saved["stores"]["shift4shop"],
                 **saved["credentials"]["shift4shop"]}
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        try:
            yield Session(demo, state, page, browser, shots, receiver, data)
        finally:
            browser.close()
            receiver.close()


def test_sign_in(session: Session) -> None:
    page = session.page
    page.goto(session.url)
    expect(page).to_have_url(re.compile(r"/dashboard/login$"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    session.shot("login")
    page.get_by_label("API key").fill("not-a-key")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Incorrect api_key")
    # an unsigned page stays closed, and a POST without the CSRF token does nothing
    assert httpx.get(f"{session.url}/stores", follow_redirects=False).status_code == 303
    page.get_by_label("API key").fill(session.state["api_key"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Stores", exact=True)).to_be_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "anycart_dashboard")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    forged = httpx.post(f"{session.url}/stores/{session.state['store_key']}/remove",
                        cookies={"anycart_dashboard": cookie["value"]}, data={"csrf": "wrong"},
                        follow_redirects=False)
    assert forged.status_code == 303 and forged.headers["location"].endswith("/login")
    assert session.api("cart.validate", session.state["store_key"])["return_code"] == 0


def test_stores_show_counts(session: Session) -> None:
    page = session.page
    page.goto(f"{session.url}/stores")
    row = page.get_by_role("row").filter(has_text="Shift4Shop sandbox")
    expect(row.locator('[data-count="product"]')).to_have_text(str(PRODUCTS))
    expect(row.get_by_text("Status: connected")).to_be_visible()
    expect(row.locator('[data-count="order"]')).to_have_text(re.compile(r"^\d+$"))
    session.shot("stores")
    phone = session.browser.new_page(viewport={"width": 390, "height": 844},
                                     storage_state=page.context.storage_state())
    phone.goto(f"{session.url}/stores")
    expect(phone.locator('[data-loaded="true"]').first).to_be_visible()
    # nothing wider than the phone but the scrolling table wrapper
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(session.shots / "stores-phone.png"), full_page=True)
    phone.close()


def test_remove_and_add_a_store_through_the_form(session: Session) -> None:
    page, state = session.page, session.state
    page.goto(f"{session.url}/stores")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove Shift4Shop sandbox").click()
    expect(page.get_by_role("status")).to_contain_text("removed")
    expect(page.get_by_text("Shift4Shop sandbox")).to_have_count(0)

    page.get_by_role("link", name="Add a store").click()
    page.get_by_label("Platform").select_option("3DCart")
    expect(page.get_by_label("3dcart_access_token")).to_be_visible()  # its own fields
    expect(page.get_by_label("shopify_access_token")).to_have_count(0)
    bad = {"cart_id": "3DCart", "store_url": "https://sandbox-store.3dcartstores.com",
           "3dcart_private_key": state["private_key"], "3dcart_access_token": "wrong-token"}
    page.get_by_label("store_url").fill(bad["store_url"])
    page.get_by_label("3dcart_private_key").fill(bad["3dcart_private_key"])
    page.get_by_label("3dcart_access_token").fill(bad["3dcart_access_token"])
    page.get_by_label("Label").fill("Shift4Shop again")
    page.get_by_role("button", name="Connect the store").click()
    # the API's own message for the same call
    expected = httpx.post(f"{session.demo.base}/v1.1/account.cart.add.json",
                          headers={"x-api-key": state["api_key"]}, json=bad,
                          timeout=30).json()
    assert expected["return_code"] != 0
    expect(page.get_by_role("alert")).to_have_text(expected["return_message"])
    session.shot("store-add-error")

    page.get_by_label("3dcart_private_key").fill(state["private_key"])
    page.get_by_label("3dcart_access_token").fill(state["token"])
    page.get_by_role("button", name="Connect the store").click()
    expect(page.get_by_role("status")).to_contain_text("added")
    row = page.get_by_role("row").filter(has_text="Shift4Shop again")
    expect(row.locator('[data-count="product"]')).to_have_text(str(PRODUCTS))
    key = re.search(r"Store (\w+) added", page.get_by_role("status").inner_text())
    assert key is not None
    state["new_store_key"] = key.group(1)


def test_webhook_fails_and_is_redelivered(session: Session) -> None:
    page, state = session.page, session.state
    store_key = state["new_store_key"]
    page.goto(f"{session.url}/webhooks")
    # the events offered are the stores' own (webhook.events)
    expect(page.locator('#topics option[value="product.update"]')).to_have_count(1)
    expect(page.locator('#topics option[value="galaxy.explode"]')).to_have_count(0)
    page.get_by_label("Store", exact=True).select_option(store_key)
    page.get_by_label("Event (entity.action)").fill("product.update")
    page.get_by_label("Callback URL").fill(session.receiver.url)
    page.get_by_label("Label", exact=True).fill("erp sync")
    page.get_by_role("button", name="Create webhook").click()
    expect(page.get_by_role("status")).to_contain_text("created")
    expect(page.get_by_role("row").filter(has_text="product.update")).to_contain_text("active")

    product = session.api("product.list", store_key, count=1)["result"]["product"][0]
    deadline = time.monotonic() + 30
    failed = page.get_by_role("row").filter(has=page.get_by_role("button", name="Redeliver"))
    while time.monotonic() < deadline:  # the first poll sets the cursor: change until seen
        session.api("product.update", store_key, id=product["id"],
                    price=f"{10 + time.monotonic() % 50:.2f}")
        time.sleep(1.5)
        page.reload()
        if failed.count():
            break
    expect(failed.first).to_contain_text(product["id"])
    expect(failed.first).to_contain_text("500")
    expect(page.get_by_role("img", name=re.compile("Webhook deliveries"))).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Shift4Shop again").filter(
        has_text=" s")).not_to_have_count(0)  # its polling lag
    session.shot("webhooks-failed")

    session.receiver.failing = False
    seen = len(session.receiver.received)
    failed.first.get_by_role("button", name="Redeliver").click()
    expect(page.get_by_role("status")).to_contain_text("queued again")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and page.locator('tr[data-status="delivered"]').count() == 0:
        time.sleep(0.5)
        page.reload()
    expect(page.locator('tr[data-status="delivered"]').first).to_contain_text(product["id"])
    assert len(session.receiver.received) > seen

    # edit, then pause it
    subscription = page.get_by_role("row").filter(has=page.get_by_role("button", name="Pause"))
    expect(subscription.get_by_role("textbox", name=re.compile("^Label of"))).to_have_value("erp sync")
    subscription.get_by_role("textbox", name=re.compile("^Label of")).fill("erp sync v2")
    subscription.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("updated")
    page.get_by_role("row").filter(has=page.get_by_role("button", name="Pause")).get_by_role(
        "button", name="Pause").click()
    expect(page.get_by_role("row").filter(has=page.get_by_role("button", name="Resume"))
           ).to_contain_text("paused")
    hooks = session.api("webhook.list", store_key, params="force_all")["result"]["webhook"]
    assert [(h["label"], h["active"]) for h in hooks] == [("erp sync v2", False)]
    session.shot("webhooks")


def test_explorer_runs_a_method(session: Session) -> None:
    page = session.page
    page.goto(f"{session.url}/explorer")
    page.get_by_label("Method", exact=True).select_option("product.count")
    expect(page.get_by_role("heading", name=re.compile("product.count"))).to_be_visible()
    page.get_by_label("Store", exact=True).select_option(session.state["new_store_key"])
    page.get_by_role("button", name="Run").click()
    envelope = json.loads(page.locator("pre.envelope").inner_text())
    assert envelope["return_code"] == 0
    assert envelope["result"]["products_count"] == PRODUCTS
    session.shot("explorer")
    # a bad value answered as the API answers it
    page.get_by_label(re.compile(r"^created_from")).fill("not a date")
    page.get_by_role("button", name="Run").click()
    refused = json.loads(page.locator("pre.envelope").inner_text())
    assert refused["return_code"] == 109 and "created_from" in refused["return_message"]


def test_exports_show_progress(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """An export running in another process on the demo's storage (as ``anycart export``
    records it) shows on the Exports page with its progress bar."""
    monkeypatch.setattr(runs, "EVERY_S", 0.0)
    db = Database(Settings(data_dir=session.data))
    try:
        repo = Repository(db)
        account = repo.authenticate(session.state["api_key"])
        assert account is not None
        store = repo.get_store(account.id, session.state["new_store_key"])
        assert store is not None
        run = runs.RunLog(db, store.id, "product", "csv", session.data / "p.csv", None, False)
        run.start(PRODUCTS)
        run.advance(8)
    finally:
        db.dispose()
    page = session.page
    page.goto(f"{session.url}/exports")
    row = page.get_by_role("row").filter(has_text="p.csv")
    expect(row.get_by_role("progressbar")).to_have_attribute("value", "8")
    expect(row).to_contain_text(f"8/{PRODUCTS}")
    expect(row).to_contain_text("running")
    session.shot("exports")


def test_jobs_and_logout(session: Session) -> None:
    page, state = session.page, session.state
    product = session.api("product.list", state["new_store_key"], count=1)["result"]["product"][0]
    job = httpx.post(f"{session.demo.base}/v1.1/product.update.batch.json",
                     headers={"x-api-key": state["api_key"], "x-store-key": state["new_store_key"]},
                     json={"payload": [{"id": product["id"], "price": 12.5}]}, timeout=30).json()
    assert job["return_code"] == 0, job
    page.goto(f"{session.url}/jobs")
    row = page.get_by_role("row").filter(has_text="product.update.batch")
    expect(row).to_be_visible()
    expect(row.get_by_role("progressbar")).to_be_visible()
    session.shot("jobs")
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page).to_have_url(re.compile(r"/dashboard/login$"))
    page.goto(f"{session.url}/stores")
    expect(page).to_have_url(re.compile(r"/dashboard/login$"))
