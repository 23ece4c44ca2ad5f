"""tools/platform_cost.py: what it counts, and the figures it ends with."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import platform_cost  # noqa: E402


def test_a_line_is_code_or_docstring_not_blank_or_comment(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""Doc."""\n\n# a comment\n    # indented comment\nx = 1  # trailing\n\n')
    assert platform_cost.lines(module) == 2


def test_every_platform_is_costed_and_the_maxima_come_last() -> None:
    done = subprocess.run([sys.executable, "tools/platform_cost.py"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    rows = done.stdout.splitlines()
    kinds = {r.split()[0]: r.split()[1] for r in rows[1:-2]}
    assert kinds == {"opencart": "bridge", "prestashop": "bridge", "woocommerce": "bridge",
                     "shift4shop": "hosted", "shopify": "hosted", "woocommerce_api": "hosted",
                     "bigcommerce_api": "hosted", "magento2_api": "hosted", "prestashop_api": "hosted"}
    last = dict(pair.split("=") for pair in rows[-1].split())
    assert set(last) == {"max_hosted_connector_lines", "max_simulator_lines",
                         "max_bridge_driver_lines"}
    by_name = {r.split()[0]: [int(v) for v in r.split()[2:]] for r in rows[1:-2]}
    assert int(last["max_bridge_driver_lines"]) == max(
        v[0] for k, v in by_name.items() if kinds[k] == "bridge")
    assert int(last["max_simulator_lines"]) == max(
        v[1] for k, v in by_name.items() if kinds[k] == "hosted")


def test_json_declarations_are_counted_as_data_not_hidden(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "platform.py").write_text("class Acme(Platform):\n    pass\n")
    (folder / "sim_records.json").write_text('{\n "product": {\n  "id": null\n }\n}\n\n')
    (folder / "seed.py").write_text("ROWS = []\n")
    found = platform_cost.cost(folder)
    assert (found.kind, found.connector, found.seed, found.data) == ("hosted", 2, 1, 5)
