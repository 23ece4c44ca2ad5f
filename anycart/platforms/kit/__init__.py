"""The hosted-platform kit: what every REST/GraphQL connector is built from.

``auth`` (httpx authenticators), ``pagination`` (paginators by name), ``errors`` (status and
body -> contract error), ``rest`` (the client that sends through the shared transport stack).
A platform's ``client.py`` composes these; it writes none of them again.
"""

from .auth import Basic, BearerRefresh, HeaderToken, HmacSigned, OAuth1
from .errors import ErrorMap, Rule, limit_rule
from .pagination import PAGINATORS, Paginator
from .rest import RestClient

__all__ = ["PAGINATORS", "Basic", "BearerRefresh", "ErrorMap", "HeaderToken", "HmacSigned",
           "OAuth1", "Paginator", "RestClient", "Rule", "limit_rule"]
