"""What each platform costs, in lines: connector + mapping, simulator, seed data, tests.

    python tools/platform_cost.py

A line is a non-blank line that is not only a comment (docstrings count: they are code a
newcomer reads). For a hosted platform, "connector" is every module of its folder except the
simulator (``simulator*.py``, ``sim_*.py``, a ``sim/`` package) and seed data (``seed*.py``);
for a bridge cart it is its driver: every module except seed data. Shared code (the kit, the
simulator kit, the bridge family) is listed apart: it is paid once, not per platform. Data
files a platform declares in JSON (record templates, state codes) are shown in their own
column, so nothing moved out of Python goes uncounted; the maxima are of Python lines.
The last line gives the maxima the platform kit is held to (issue 13: hosted connector
<= 600, simulator <= 800, bridge driver <= 900).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORMS = ROOT / "anycart" / "platforms"
SHARED = {"kit": PLATFORMS / "kit", "bridge": PLATFORMS / "bridge",
          "sandbox": ROOT / "anycart" / "sandbox"}


def lines(path: Path) -> int:
    files = [path] if path.is_file() else sorted(path.rglob("*.py"))
    return sum(1 for f in files for line in f.read_text().splitlines()
               if line.strip() and not line.lstrip().startswith("#"))


def _is_simulator(path: Path, folder: Path) -> bool:
    rel = path.relative_to(folder)
    return rel.parts[0] == "sim" or path.name.startswith(("simulator", "sim_"))


@dataclass
class Cost:
    name: str
    kind: str  # "hosted" or "bridge"
    connector: int
    simulator: int
    seed: int
    tests: int
    data: int = 0


def _is_bridge_cart(folder: Path) -> bool:
    """Its platform class derives from ``BridgePlatform`` (read from the source, so a cart
    in the middle of a change is still costed)."""
    tree = ast.parse((folder / "platform.py").read_text())
    return any(isinstance(node, ast.ClassDef) and any(
        isinstance(base, ast.Name) and base.id == "BridgePlatform" for base in node.bases)
        for node in ast.walk(tree))


def cost(folder: Path) -> Cost:
    name = folder.name
    modules = sorted(folder.rglob("*.py"))
    seed = [m for m in modules if m.name.startswith("seed")]
    sim = [m for m in modules if _is_simulator(m, folder) and m not in seed]
    rest = [m for m in modules if m not in seed and m not in sim]
    kind = "bridge" if _is_bridge_cart(folder) else "hosted"
    test_dir = ROOT / "tests" / ("bridge" if kind == "bridge" else "platforms") / name
    data = sum(1 for f in sorted(folder.rglob("*.json"))
               for line in f.read_text().splitlines() if line.strip())
    return Cost(name, kind, sum(map(lines, rest)), sum(map(lines, sim)), sum(map(lines, seed)),
                lines(test_dir) if test_dir.is_dir() else 0, data)


def main() -> int:
    folders = [p for p in sorted(PLATFORMS.iterdir())
               if (p / "platform.py").is_file() and p.name not in SHARED]
    costs = [cost(p) for p in folders]
    print(f"{'platform':<16} {'kind':<7} {'connector':>9} {'simulator':>9} {'seed':>6} "
          f"{'tests':>6} {'data':>6}")
    for c in costs:
        print(f"{c.name:<16} {c.kind:<7} {c.connector:>9} {c.simulator:>9} {c.seed:>6} "
              f"{c.tests:>6} {c.data:>6}")
    print("shared: " + ", ".join(f"{k} {lines(p) if p.exists() else 0}" for k, p in SHARED.items()))
    hosted = [c for c in costs if c.kind == "hosted"]
    bridge = [c for c in costs if c.kind == "bridge"]
    print(f"max_hosted_connector_lines={max((c.connector for c in hosted), default=0)} "
          f"max_simulator_lines={max((c.simulator for c in hosted), default=0)} "
          f"max_bridge_driver_lines={max((c.connector for c in bridge), default=0)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
