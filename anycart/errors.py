"""API2Cart return codes and the exception that carries one to the envelope.

Errors travel with HTTP 200 and a non-zero ``return_code``: existing clients check the code,
not the status. The table is in ``docs/return-codes.md``.
"""

from __future__ import annotations

from enum import IntEnum


class ReturnCode(IntEnum):
    OK = 0
    SERVICE_UNAVAILABLE = 1
    INCORRECT_API_KEY = 2
    UNKNOWN_METHOD = 3
    STORE_ACCESS_DENIED = 4
    API_ACCESS_DENIED = 5
    API_KEY_DISABLED = 6
    STORE_REQUEST_LIMIT = 7
    STORE_EXISTS = 8
    INTERNAL_ERROR = 9
    OVERALL_REQUEST_LIMIT = 10
    JOB_IN_PROGRESS = 12
    INCORRECT_REQUEST = 100
    STORE_NOT_FOUND = 101
    BRIDGE_NOT_FOUND = 104
    BRIDGE_RESPONSE_ERROR = 105
    STORE_UNREACHABLE = 106
    PLATFORM_ERROR = 107
    SEARCH_PARAMS_MISSING = 108
    INCORRECT_VALUE = 109
    UPDATE_PARAMS_MISSING = 110
    UPDATE_ID_MISSING = 111
    NOT_FOUND = 112
    ALREADY_EXISTS = 113
    REQUIRED_PARAM_MISSING = 114
    DUPLICATED_RECORD = 116
    # AnyCart's own: API2Cart publishes no code for "this platform cannot do that".
    METHOD_NOT_SUPPORTED = 120


class ApiError(Exception):
    """An error answered as ``{"return_code": code, "return_message": message, "result": {}}``."""

    def __init__(self, code: ReturnCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    # Constructors for the messages clients see most, worded as API2Cart words them.
    @classmethod
    def required(cls, name: str) -> ApiError:
        return cls(ReturnCode.REQUIRED_PARAM_MISSING, f"Parameter '{name}' is required.")

    @classmethod
    def empty(cls, name: str) -> ApiError:
        return cls(ReturnCode.INCORRECT_VALUE, f"The value of parameter '{name}' can not be empty.")

    @classmethod
    def invalid(cls, name: str, expected: str | None = None) -> ApiError:
        text = f"Parameter '{name}' is not valid."
        if expected:
            text += f" The required type of parameter is {expected}."
        return cls(ReturnCode.INCORRECT_VALUE, text)

    @classmethod
    def not_allowed(cls, name: str, allowed: object) -> ApiError:
        """A value outside the allowed ones, listing them as API2Cart does."""
        values = ", ".join(str(v) for v in allowed) if isinstance(allowed, (list, tuple)) else allowed
        return cls(ReturnCode.INCORRECT_VALUE, f"Parameter '{name}' is not valid. The required "
                   f"type of parameter is string. The following values are allowed: {values}.")

    @classmethod
    def not_found(cls, entity: str, ident: object, field: str = "id") -> ApiError:
        return cls(ReturnCode.NOT_FOUND, f"{entity} with {field} {ident} not found")

    @classmethod
    def nothing_found(cls) -> ApiError:
        """A ``*.find`` that matched nothing."""
        return cls(ReturnCode.NOT_FOUND, "Entity not found")

    @classmethod
    def nothing_to_update(cls) -> ApiError:
        return cls(ReturnCode.UPDATE_PARAMS_MISSING, "Nothing to update")

    @classmethod
    def unsupported(cls, method: str, platform: str) -> ApiError:
        return cls(ReturnCode.METHOD_NOT_SUPPORTED,
                   f"Method '{method}' is not supported by platform '{platform}'.")


#: What each code means, for the docs page and ``docs/return-codes.md``.
DESCRIPTIONS: dict[ReturnCode, str] = {
    ReturnCode.OK: "Success.",
    ReturnCode.SERVICE_UNAVAILABLE: "Service not available.",
    ReturnCode.INCORRECT_API_KEY: "Incorrect API Key: api_key missing or unknown.",
    ReturnCode.UNKNOWN_METHOD: "Unknown method name.",
    ReturnCode.STORE_ACCESS_DENIED: "Store access denied.",
    ReturnCode.API_ACCESS_DENIED: "API access denied.",
    ReturnCode.API_KEY_DISABLED: "API key disabled.",
    ReturnCode.STORE_REQUEST_LIMIT: "Store request limit exceeded.",
    ReturnCode.STORE_EXISTS: "account.cart.add: the store is already connected to this account.",
    ReturnCode.INTERNAL_ERROR: "Internal service error (answered with HTTP 500).",
    ReturnCode.OVERALL_REQUEST_LIMIT: "Overall request limit exceeded.",
    ReturnCode.JOB_IN_PROGRESS: "Batch job still in progress.",
    ReturnCode.INCORRECT_REQUEST: "Incorrect API request (e.g. a body that is not JSON).",
    ReturnCode.STORE_NOT_FOUND: "Store not found: store_key unknown to this account.",
    ReturnCode.BRIDGE_NOT_FOUND: "Bridge not found.",
    ReturnCode.BRIDGE_RESPONSE_ERROR: "Connection bridge response error.",
    ReturnCode.STORE_UNREACHABLE: "The store or its platform could not be reached after retries.",
    ReturnCode.PLATFORM_ERROR: "The platform refused the request, or cart_id is not supported here.",
    ReturnCode.SEARCH_PARAMS_MISSING: "Search parameters missing.",
    ReturnCode.INCORRECT_VALUE: "Incorrect parameter value: wrong type, bad enum value, empty, out of range.",
    ReturnCode.UPDATE_PARAMS_MISSING: "Nothing to update.",
    ReturnCode.UPDATE_ID_MISSING: "Update item id missing.",
    ReturnCode.NOT_FOUND: "Entity not found.",
    ReturnCode.ALREADY_EXISTS: "Entity already exists.",
    ReturnCode.REQUIRED_PARAM_MISSING: "Required parameter missing: Parameter 'x' is required.",
    ReturnCode.DUPLICATED_RECORD: "Duplicated record.",
    ReturnCode.METHOD_NOT_SUPPORTED: "AnyCart only: the store's platform (or this server) cannot "
                                     "serve this method; the message names method and platform.",
}
