"""AnyCart: a self-hosted unified e-commerce API on the API2Cart v1.1 wire contract."""

from anycart.errors import ApiError, ReturnCode
from anycart.sdk import Client

__all__ = ["ApiError", "Client", "ReturnCode"]
__version__ = "0.1.0"
