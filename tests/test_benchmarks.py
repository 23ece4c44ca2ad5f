"""The benchmarks run, and their last line is the documented ``key=value`` summary.

Figures are timing-dependent, so only invariants are asserted here (no 429 reaches the
simulator's count, every product arrives, the ratio is a fraction); the figures themselves
are read from a real run (``python benchmarks/NAME.py``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, *args: str, timeout: float = 60) -> tuple[str, dict[str, str]]:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    pairs = dict(part.split("=", 1) for part in lines[-1].split())
    return done.stdout, pairs


def test_shift4shop_export_quick():
    # 8 000 products = 32 pages = 96 simulator requests: enough to spend the 50-request burst
    # at this clock scale, so the client-side bucket is exercised, in a few seconds.
    out, last = _run("shift4shop_export.py", "--quick", "--products", "8000", "--scale", "5")
    assert set(last) == {"ceiling_ratio", "http_429"}
    assert last["http_429"] == "0"
    assert 0 < float(last["ceiling_ratio"]) <= 1
    exported = re.search(r"^products exported\s*:\s*(\d+)", out, re.M)
    assert exported and int(exported.group(1)) == 8000, out


def test_overhead_quick():
    _, last = _run("overhead.py", "--quick")
    assert set(last) == {"throughput_ratio", "added_p50_ms"}
    assert float(last["throughput_ratio"]) > 0


def test_webhook_lag_small():
    # 100 stores, 1 s polls, 4 s of changes: the whole pipeline in about 10 s.
    out, last = _run("webhook_lag.py", "--stores", "100", "--interval", "1", "--seconds", "4")
    assert set(last) == {"stores", "p95_lag_s", "lost", "peak_rss_mb", "budget_share"}
    assert last["stores"] == "100" and last["lost"] == "0", out
    p50 = re.search(r"^lag: p50 ([\d.]+) s", out, re.M)
    assert p50 and 0 < float(p50.group(1)) <= float(last["p95_lag_s"]), out
    # a poll is one request (the list needs no count); 1 s polls of 100 stores stay well
    # under the 120 requests a minute a store's bucket refills
    assert 0 < float(last["budget_share"]) < 1, out
    changes = re.search(r"^changes: (\d+)", out, re.M)
    assert changes and int(changes.group(1)) > 0, out


def test_shopify_export_quick():
    # A short export on the GraphQL Admin API (cost-planned requests): every product arrives,
    # no THROTTLED answer reaches the user.
    out, last = _run("shopify_export.py", "--products", "1000", "--scale", "30")
    assert set(last) == {"ceiling_ratio", "throttled"}
    assert last["throttled"] == "0"
    assert 0 < float(last["ceiling_ratio"]) <= 1
    exported = re.search(r"^products exported\s*:\s*(\d+)", out, re.M)
    assert exported and int(exported.group(1)) == 1000, out


def test_bridge_list_small():
    import os
    import shutil

    import pytest

    if not (shutil.which("php") and (shutil.which("mariadbd")
                                     or os.environ.get("ANYCART_TEST_MARIADB_URL"))):
        if os.environ.get("CI"):
            pytest.fail("PHP and MariaDB must be installed under CI")
        pytest.skip("needs PHP and MariaDB")
    # 1 500 OpenCart products through the real bridge.php and straight from MariaDB.
    _out, last = _run("bridge_list.py", "--quick", "--products", "1500", timeout=120)
    assert set(last) == {"products_per_s", "bytes_per_product", "direct_ratio"}
    assert float(last["products_per_s"]) > 0 and 0 < float(last["direct_ratio"]) < 10
    assert 0 < float(last["bytes_per_product"]) < 5000


def test_woocommerce_export_quick():
    # 600 products = 3 contract pages of 250, read as WooCommerce pages of 100 (the total comes
    # with them: no count request)
    out, last = _run("woocommerce_export.py", "--products", "600")
    assert set(last) == {"products_per_s", "requests_per_page"}
    assert float(last["products_per_s"]) > 0
    assert 2 <= float(last["requests_per_page"]) <= 3, out
    exported = re.search(r"^products exported\s*:\s*(\d+)", out, re.M)
    assert exported and int(exported.group(1)) == 600, out


def test_simulators_quick():
    out, last = _run("simulators.py", "--quick")
    platforms = ("shift4shop", "shopify", "woocommerce_api")
    assert set(last) == {f"{p}_{k}" for p in platforms for k in ("seed_s", "page_ms")}
    assert all(float(v) > 0 for v in last.values())
    # every page was full: the page size each platform allows, read from the report lines
    for platform, size in zip(platforms, (200, 250, 100), strict=True):
        assert re.search(rf"^{platform}\s.*\({size} records\)$", out, re.M), out


def test_export_quick():
    # 1 500 vs 6 000 products (4 and 24 pages; the larger one spends the bucket's burst).
    out, last = _run("export.py", "--quick", "--sizes", "1500,6000", "--scale", "5")
    assert set(last) == {"products_per_s", "ceiling_ratio", "peak_rss_mb"}
    assert float(last["products_per_s"]) > 0
    assert 0 < float(last["ceiling_ratio"]) <= 1
    assert 0 <= float(last["peak_rss_mb"]) < 200  # the export's own memory, not the catalog's
    sizes = [int(n) for n in re.findall(r"^products\s+(\d+):", out, re.M)]
    assert sizes == [1500, 6000], out


def test_shipping_rates_quick():
    out, last = _run("shipping_rates.py", "--quick")
    assert set(last) == {"rates_per_s", "added_p50_ms"}
    assert float(last["rates_per_s"]) > 0
    assert re.search(r"^rate requests per side: 200$", out, re.M), out


def test_shipping_rates_quick_woocommerce():
    out, last = _run("shipping_rates.py", "--quick", "--platform", "woocommerce")
    assert float(last["rates_per_s"]) > 0 and "added_p50_ms" in last
    assert re.search(r"^platform: woocommerce$", out, re.M), out


def test_concurrency_small():
    out, last = _run("concurrency.py", "--clients", "40", "--seconds", "2", timeout=120)
    assert set(last) == {"ideal_ratio", "added_p99_ms"}
    assert 0 < float(last["ideal_ratio"]) <= 1
    assert "the gateway" in out and "direct" in out


def test_database_calls_small():
    # PostgreSQL: the suite's (ANYCART_TEST_POSTGRES_URL) under CI, else a throwaway cluster.
    out, last = _run("database_calls.py", "--seconds", "2", timeout=180)
    assert set(last) == {"sqlite_rps", "postgres_rps", "p99_ms"}
    assert float(last["sqlite_rps"]) > 0 and float(last["postgres_rps"]) > 0
    assert "gateway CPU" in out


def test_scaleout_small():
    # PostgreSQL as above; 1, 2 and 4 real `anycart worker` processes against a simulator
    # process, each round only a second long: the invariants, not the figures.
    out, last = _run("scaleout.py", "--stores", "60", "--seconds", "1", timeout=240)
    assert set(last) == {"polls_per_s_1", "speedup_2", "speedup_4"}
    assert float(last["polls_per_s_1"]) > 0, out
    assert float(last["speedup_2"]) > 0 and float(last["speedup_4"]) > 0, out
