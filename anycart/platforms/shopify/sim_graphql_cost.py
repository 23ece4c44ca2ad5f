"""Shopify's GraphQL query cost and the per-shop bucket of points it is paid from.

Cost rules, as Shopify documents them (shopify.dev, "API rate limits"): a scalar or enum
field costs 0, an object 1, a connection 2 plus its page size (``first`` or ``last``) times
the cost of one node, a mutation 10. The requested cost is computed from the query before it
runs and must be available in the bucket; a single query above 1000 points is refused
(``MAX_COST_EXCEEDED``). The actual cost counts the nodes the answer really holds, and the
difference is given back. The bucket holds 2000 points and restores 100 a second on the
simulator's clock. The machinery is the kit's (:mod:`anycart.sandbox.graphql`); this module
declares Shopify's numbers and renders ``throttleStatus`` as Shopify does.
"""

from __future__ import annotations

from anycart.sandbox.graphql import Coster, CostRules, Points
from anycart.transport.ratelimit import Clock

__all__ = ["MAX_QUERY_COST", "RULES", "Coster", "Points", "new_points", "throttle_status"]

MAX_QUERY_COST = 1000
MAXIMUM_AVAILABLE = 2000
RESTORE_RATE = 100
#: Shopify's prices (an object 1, a connection 2 + its nodes, a mutation 10)
RULES = CostRules(object=1, connection=2, mutation=10)


def new_points(clock: Clock) -> Points:
    """A shop's bucket: 2000 points, 100 restored a second."""
    return Points(clock, MAXIMUM_AVAILABLE, RESTORE_RATE)


def throttle_status(bucket: Points) -> dict[str, float | int]:
    """As Shopify renders it: ``{"maximumAvailable": 2000.0, "currentlyAvailable": 1990,
    "restoreRate": 100.0}``."""
    return {"maximumAvailable": float(bucket.maximum),
            "currentlyAvailable": int(bucket.level()), "restoreRate": float(bucket.restore_per_s)}
