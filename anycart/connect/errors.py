"""The one error the plugin builder raises: its message is what the user is shown, its code
the contract return code the HTTP routes answer with."""

from __future__ import annotations

from anycart.errors import ReturnCode


class PluginError(Exception):
    """A refused build option, or a connect callback that is not accepted (nothing added)."""

    def __init__(self, message: str, code: ReturnCode = ReturnCode.INCORRECT_VALUE) -> None:
        super().__init__(message)
        self.code = code
