"""What the gateway has seen of each store's calls, over all API traffic: the last
successful call and the error rate of the latest calls. In memory, per server process (no
write per request); it starts empty after a restart."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from anycart.errors import ReturnCode

#: Outcomes kept per store for its error rate.
WINDOW = 50
#: Answers that are the caller's mistake (a bad or missing parameter, a method the platform
#: does not serve), not the store's.
CALLER_MISTAKES = frozenset({ReturnCode.INCORRECT_VALUE, ReturnCode.REQUIRED_PARAM_MISSING,
                             ReturnCode.INCORRECT_REQUEST, ReturnCode.UNKNOWN_METHOD,
                             ReturnCode.METHOD_NOT_SUPPORTED})


@dataclass
class Health:
    last_ok: float | None = None
    last_call: float | None = None
    last_error: str = ""
    #: seconds the latest call took
    last_duration_s: float = 0.0
    calls: int = 0
    outcomes: deque[bool] = field(default_factory=lambda: deque(maxlen=WINDOW))

    @property
    def error_rate(self) -> float | None:
        return (self.outcomes.count(False) / len(self.outcomes)) if self.outcomes else None


class StoreHealth:
    """Per store_key: only stores the gateway found are recorded, so an unknown key sent
    by a client adds nothing."""

    def __init__(self) -> None:
        self.stores: dict[str, Health] = {}

    def get(self, store_key: str) -> Health | None:
        return self.stores.get(store_key)

    def record(self, store_key: str, code: int, started: float, message: str = "") -> None:
        if code in CALLER_MISTAKES:
            return
        now = time.time()
        health = self.stores.get(store_key)
        if health is None:
            health = self.stores[store_key] = Health()
        ok = code == ReturnCode.OK
        health.outcomes.append(ok)
        health.calls += 1
        health.last_call = now
        health.last_duration_s = time.monotonic() - started
        if ok:
            health.last_ok = now
        else:
            health.last_error = message

    def forget(self, store_key: str) -> None:
        self.stores.pop(store_key, None)
