"""What the browser tests need: headless Chromium from Debian's package, driven by Playwright
for Python (no ``playwright install``). Under CI a missing piece fails the run; elsewhere the
module is skipped with the reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ANYCART_CHROMIUM", "/usr/bin/chromium")


def require_browser() -> None:
    """Call at a browser test module's top."""
    try:
        import playwright.sync_api  # noqa: F401
        found = True
    except ImportError:  # pragma: no cover - depends on the machine
        found = False
    if found and Path(CHROMIUM).exists():
        return
    missing = f"chromium at {CHROMIUM}" if found else "playwright (pip)"
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"browser tests need {missing}: .ci/run installs both")
    pytest.skip(f"browser tests need {missing}", allow_module_level=True)
