"""The operator dashboard at ``/dashboard``: server-rendered pages over the same method
handlers the HTTP API calls (through the gateway), so every check and every message is the
API's own. :func:`register` adds its routes to the application."""

from __future__ import annotations

from anycart.dashboard.routes import register

__all__ = ["register"]
