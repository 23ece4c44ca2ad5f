"""The one error the plugin builder raises: its message is what the user is shown."""

from __future__ import annotations


class PluginError(Exception):
    """A refused build option, or a connect callback that is not accepted (nothing added)."""
