"""The package type-checks (mypy --strict) and the tree lints (ruff) clean, with the settings in
pyproject.toml (.ci/run also runs both before the tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_mypy_clean():
    # The incremental cache under .mypy_cache keeps reruns to a few seconds.
    done = _run("mypy", "anycart", "--cache-dir", str(ROOT / ".mypy_cache"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_clean():
    done = _run("ruff", "check", ".")  # the whole tree: package, tests, benchmarks, tools
    assert done.returncode == 0, done.stdout + done.stderr
