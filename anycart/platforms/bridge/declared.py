"""What declared methods (:class:`~anycart.platforms.kit.serve.Declared`: writers, returns,
listings...) apply, read without attaching them: for a driver's ``APPLIED`` table."""

from __future__ import annotations

from anycart.platforms.kit.serve import Declared


def applied_of(*declared: Declared) -> dict[str, frozenset[str]]:
    """``{method: applied}`` of every method the declarations serve."""
    return {m: names for d in declared for m, (_, names) in d.methods().items()}
