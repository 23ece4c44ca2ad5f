"""How one platform asks for rates, declared by the platform (Shopify:
:data:`anycart.platforms.shopify.rates.NATIVE`): the check of its signature, its request read
into the FAQ's ``packages`` (and the currency answers default to), the answer written back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .models import RateRequest, RatesAnswer


@dataclass(frozen=True)
class NativeRates:
    #: The store credential the platform's requests are checked with (refused on create
    #: when the store was connected without it)
    credential: str
    #: (store credentials, request headers lower-cased, body): raises
    #: ``anycart.events.PushRejected`` unless the platform signed it
    check: Callable[[Mapping[str, Any], Mapping[str, str], bytes], None]
    #: body -> (the unified request, its currency); pydantic's ValidationError if malformed
    unified: Callable[[bytes], tuple[RateRequest, str]]
    #: (the callback's answer, the request's currency) -> the platform's answer
    answered: Callable[[RatesAnswer, str], dict[str, Any]]
