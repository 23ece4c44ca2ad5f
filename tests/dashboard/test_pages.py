"""The dashboard without a browser (in-process, real SQLite): sessions, CSRF, the API's own
messages, store health from all API traffic, exports with progress, redelivery of one
delivery only, the SVG chart."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import httpx
import pytest
from markupsafe import escape

from anycart.dashboard import queries
from anycart.dashboard.chart import outcomes_svg
from anycart.dashboard.session import COOKIE, Sessions
from anycart.export import runs
from anycart.export.cli import export_in_process
from anycart.http.app import create_app
from tests.conftest import Env
from tests.export.conftest import make_env as make_export_env


async def _login(client: httpx.AsyncClient, api_key: str) -> httpx.Response:
    """The sign-in form fetched (its CSRF token and cookie), then posted."""
    form = await client.get("/dashboard/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None and "HttpOnly" in form.headers["set-cookie"]
    return await client.post("/dashboard/login", data={"api_key": api_key,
                                                       "csrf": token.group(1)})


async def _signed_in(env: Env | SimpleNamespace) -> tuple[httpx.AsyncClient, str]:
    client = env.client
    answer = await _login(client, env.api_key)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard/stores"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/dashboard" in cookie
    client.cookies.set(COOKIE, answer.cookies[COOKIE])
    page = (await client.get("/dashboard/stores")).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf is not None
    return client, csrf.group(1)


async def test_sign_in_refuses_an_unknown_key_and_a_forged_cookie(sqlite_env: Env) -> None:
    client = sqlite_env.client
    refused = await _login(client, "nope")
    assert refused.status_code == 401 and "Incorrect api_key" in refused.text
    # a sign-in posted from elsewhere (no form token, or another form's) signs nobody in
    client.cookies.clear()
    cross_site = await client.post("/dashboard/login", data={"api_key": sqlite_env.api_key})
    assert cross_site.status_code == 403 and COOKIE not in cross_site.cookies
    await client.get("/dashboard/login")
    wrong = await client.post("/dashboard/login", data={"api_key": sqlite_env.api_key,
                                                        "csrf": "guessed"})
    assert wrong.status_code == 403 and COOKIE not in wrong.cookies
    assert (await client.get("/dashboard/stores")).headers["location"] == "/dashboard/login"
    # a cookie from another server's signer (or edited) is nobody's session
    forged, _ = Sessions().start(sqlite_env.api_key, 1, "test")
    client.cookies.set(COOKIE, forged)
    assert (await client.get("/dashboard/stores")).status_code == 303


async def test_a_post_without_the_csrf_token_changes_nothing(sqlite_env: Env) -> None:
    client, csrf = await _signed_in(sqlite_env)
    removed = await client.post(f"/dashboard/stores/{sqlite_env.store_key}/remove",
                                data={"csrf": csrf + "x"})
    assert removed.headers["location"] == "/dashboard/login"
    listed = await sqlite_env.call("account.cart.list")
    assert [c["store_key"] for c in listed["result"]["carts"]] == [sqlite_env.store_key]
    removed = await client.post(f"/dashboard/stores/{sqlite_env.store_key}/remove",
                                data={"csrf": csrf})
    assert removed.status_code == 303 and "notice=" in removed.headers["location"]
    assert (await sqlite_env.call("account.cart.list"))["result"]["carts"] == []


async def test_pages_show_the_apis_own_messages(sqlite_env: Env) -> None:
    client, csrf = await _signed_in(sqlite_env)
    counts = await client.get("/dashboard/stores/not-a-store/counts")
    expected = await sqlite_env.client.get("/v1.1/product.count.json", params={
        "api_key": sqlite_env.api_key, "store_key": "not-a-store"})
    assert counts.status_code == 200
    assert str(escape(expected.json()["return_message"])) in counts.text and "Status: error" in counts.text
    added = await client.post("/dashboard/stores/add", data={"csrf": csrf, "cart_id": "Nope"})
    refused = await sqlite_env.call("account.cart.add", body={"cart_id": "Nope"})
    assert refused["return_code"] and added.status_code == 422
    assert str(escape(refused["return_message"])) in added.text
    hook = await client.post("/dashboard/webhooks/create", data={
        "csrf": csrf, "store_key": sqlite_env.store_key, "topic": "galaxy.explode",
        "callback": "https://example.com/h"})
    assert "galaxy" in httpx.URL(hook.headers["location"]).params["error"]
    ran = await client.post("/dashboard/explorer", data={
        "csrf": csrf, "method": "product.count", "store_key": sqlite_env.store_key,
        "p_created_from": "not a date"})
    assert ran.status_code == 200 and "&#34;return_code&#34;: 109" in ran.text


async def test_store_health_counts_every_api_call_not_only_the_dashboards(sqlite_env: Env) -> None:
    """Calls made by any client through the HTTP API show on the stores page: the last
    successful call and the error rate; a bad parameter (the caller's mistake) does not count."""
    client, _ = await _signed_in(sqlite_env)
    for _ in range(3):
        assert (await sqlite_env.call("product.list", {"count": 2}))["return_code"] == 0
    missing = await sqlite_env.call("product.info", {"id": "999999"})
    assert missing["return_code"] == 112
    assert (await sqlite_env.call("product.list", {"count": "x"}))["return_code"] == 109
    health = sqlite_env.services.gateway.health.get(sqlite_env.store_key)
    assert health is not None and list(health.outcomes) == [True, True, True, False]
    assert health.last_ok is not None and missing["return_message"] in health.last_error
    # the counts fragment adds its own count calls: product and order succeed, customer.count
    # is not served by this platform (120, not the store's fault): 1 error in 6
    counts = await client.get(f"/dashboard/stores/{sqlite_env.store_key}/counts")
    assert re.search(r'data-health="error_rate">17 % of 6<', counts.text), counts.text
    last_ok = re.search(r'data-health="last_ok">([^<]+)<', counts.text)
    assert last_ok is not None and last_ok.group(1).endswith("UTC")
    # an unknown store_key adds no entry (nothing grows with what clients make up)
    await sqlite_env.client.get("/v1.1/product.list.json", params={
        "api_key": sqlite_env.api_key, "store_key": "made-up"})
    assert sqlite_env.services.gateway.health.get("made-up") is None


async def test_exports_page_shows_an_export_run_in_its_own_process_with_progress(
        tmp_path, monkeypatch) -> None:
    """``anycart export`` (in-process on the same storage) records its run; the dashboard
    shows entity, store, format and records written of the total while it runs, when it was
    interrupted, and when its resume finished (the same run, not a second one)."""
    monkeypatch.setattr(runs, "EVERY_S", 0.0)  # every page's progress written, for the check
    env = await make_export_env(tmp_path / "data", 1000)
    account = env.services.repo.authenticate(env.api_key)
    assert account is not None
    out = tmp_path / "p.csv"
    seen: list[queries.ExportRow] = []

    def after_page(pages: int) -> None:
        if pages == 2:  # what the dashboard reads while the export runs
            seen.extend(queries.export_runs(env.services.db, account.id))
        if pages == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await export_in_process(env.services, "product", env.store_key, env.api_key, "csv", out,
                                None, False, None, after_page=after_page)
    (running,) = seen
    assert (running.status, running.written, running.total) == ("running", 500, 1000)
    assert (running.entity, running.format, running.store_key) == ("product", "csv", env.store_key)

    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(env.services)),
                               base_url="http://anycart.test")
    dash, _ = await _signed_in(SimpleNamespace(client=client, api_key=env.api_key))
    page = (await dash.get("/dashboard/exports")).text
    assert 'aria-current="page"' in page and f'data-export="{running.id}"' in page
    assert 'data-status="failed"' in page and "interrupted" in page
    assert '<progress max="1000" value="750"' in page
    assert re.search(rf'data-progress="{running.id}">750/1000<', page)

    await export_in_process(env.services, "product", env.store_key, env.api_key, "csv", out,
                            None, True, None)
    page = (await dash.get("/dashboard/exports")).text
    assert page.count("data-export=") == 1 and 'data-status="done"' in page
    assert re.search(rf'data-progress="{running.id}">1000/1000<', page)
    (done,) = queries.export_runs(env.services.db, account.id)
    assert done.finished_at is not None and done.error is None
    # another account's dashboard does not see this store's exports
    _, other_key = env.services.repo.create_account("other")
    client.cookies.clear()
    other, _ = await _signed_in(SimpleNamespace(client=client, api_key=other_key))
    assert "No export yet." in (await other.get("/dashboard/exports")).text


def test_a_running_export_without_progress_for_long_shows_as_stalled(tmp_path) -> None:
    from datetime import timedelta

    from anycart.config import Settings
    from anycart.services import build_services
    from anycart.storage.models import ExportRun

    services = build_services(Settings(data_dir=tmp_path, embedded_worker=False))
    account, _ = services.repo.create_account("a")
    store = services.repo.add_store(account.id, "3DCart", "https://s.3dcartstores.com", "", {})
    long_ago = datetime(2026, 1, 1, tzinfo=UTC)
    with services.db.session() as s:
        s.add(ExportRun(store_id=store.id, entity="order", format="jsonl", out="/tmp/o.jsonl",
                        written=10, total=20, started_at=long_ago, updated_at=long_ago))
    (row,) = queries.export_runs(services.db, account.id, now=long_ago + timedelta(minutes=11))
    assert row.status == "stalled"
    (row,) = queries.export_runs(services.db, account.id, now=long_ago + timedelta(minutes=9))
    assert row.status == "running"


async def test_stores_page_marks_a_store_whose_plugin_was_uninstalled(sqlite_env: Env) -> None:
    from anycart.storage.models import Store

    client, _ = await _signed_in(sqlite_env)
    assert 'data-connection="disconnected"' not in (await client.get("/dashboard/stores")).text
    with sqlite_env.services.db.session() as s:
        s.query(Store).filter(Store.store_key == sqlite_env.store_key).one().disconnected_at = (
            datetime(2026, 11, 30, 8, 15, tzinfo=UTC))
    page = (await client.get("/dashboard/stores")).text
    assert 'data-connection="disconnected"' in page and "2026-11-30T08:15:00+0000" in page


async def test_shipping_page_shows_the_accounts_services_and_their_error_counts(
        sqlite_env: Env) -> None:
    """Two failed rate requests in a row and one service turned off, as the rate endpoint
    records them; another account's dashboard sees none of them."""
    from anycart.shipping import services as shipping

    db = sqlite_env.services.db
    account = sqlite_env.services.repo.authenticate(sqlite_env.api_key)
    assert account is not None
    store = sqlite_env.services.repo.get_store(account.id, sqlite_env.store_key)
    assert store is not None
    flaky = shipping.add(db, store.id, "Flaky rates", "https://vendor.example/rates")
    dead = shipping.add(db, store.id, "Dead rates", "https://vendor.example/dead")
    for _ in range(2):
        shipping.failed(db, flaky.id, "vendor timed out", limit=5)
    shipping.failed(db, dead.id, "HTTP 502", limit=1)
    client, _ = await _signed_in(sqlite_env)
    page = (await client.get("/dashboard/shipping")).text
    assert 'href="/dashboard/shipping" aria-current="page"' in page
    assert f'data-shipping="{flaky.id}"' in page and "https://vendor.example/rates" in page
    assert re.search(rf'data-errors="{flaky.id}">2<', page) and "vendor timed out" in page
    assert re.search(rf'data-errors="{dead.id}">1<', page)
    rows = {r.id: r for r in queries.shipping_services(db, account.id)}
    assert rows[flaky.id].enabled and not rows[dead.id].enabled
    assert page.count(">enabled<") == 1 and page.count(">disabled<") == 1
    _, other_key = sqlite_env.services.repo.create_account("other")
    client.cookies.clear()
    other, _ = await _signed_in(SimpleNamespace(client=client, api_key=other_key))
    page = (await other.get("/dashboard/shipping")).text
    assert "No live shipping service." in page and "Flaky rates" not in page


async def test_redeliver_needs_one_delivery(sqlite_env: Env) -> None:
    client, csrf = await _signed_in(sqlite_env)
    answer = await client.post("/dashboard/webhooks/redeliver", data={"csrf": csrf})
    assert "error" in httpx.URL(answer.headers["location"]).params


def test_chart_draws_deliveries_and_failures_to_scale() -> None:
    hour = datetime(2026, 1, 1, 10, tzinfo=UTC)
    svg = str(outcomes_svg([(hour, 4, 0), (hour.replace(hour=11), 2, 1)]))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[0] == 2 * heights[2] == 4 * heights[3] and heights[1] == 0
    assert "11:00: 1 failed" in svg
