"""Category trees (v3 ``/catalog/trees``): filled in below."""

from __future__ import annotations

from starlette.routing import BaseRoute

TREE_ROUTES: list[BaseRoute] = []
