"""Which contract methods each registered platform serves: the platform x method matrix.

The same rule ``cart.methods`` answers with: a method AnyCart answers itself (``account.*``,
``webhook.*``... in the method table) or one the platform's connector implements. Anything else
is refused with 120 on that platform. ``/docs`` shows the matrix and ``tools/support_matrix.py``
writes it into ``docs/platforms.md``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from anycart.contract.catalogue import Catalogue
from anycart.methods.shipping import AROUND_CONNECTOR
from anycart.platforms.registry import PlatformRegistry


@dataclass(frozen=True)
class SupportMatrix:
    #: (cart_id, display name) of every registered platform, in registry order
    platforms: tuple[tuple[str, str], ...]
    #: methods AnyCart answers itself, the same on every platform
    common: tuple[str, ...]
    #: the other contract methods: method -> the cart_ids whose connector serves it
    served: dict[str, frozenset[str]]

    def serves(self, cart_id: str, method: str) -> bool:
        return method in self.common or cart_id in self.served.get(method, frozenset())


def support_matrix(catalogue: Catalogue, registry: PlatformRegistry,
                   own_methods: Collection[str]) -> SupportMatrix:
    platforms = tuple(registry)
    names = [op.name for op in catalogue]
    wrapped = AROUND_CONNECTOR  # AnyCart's, but only where the connector serves it too
    return SupportMatrix(
        platforms=tuple((p.cart_id, p.name) for p in platforms),
        common=tuple(n for n in names if n in own_methods and n not in wrapped),
        served={n: frozenset(p.cart_id for p in platforms if p.connector.serves(n))
                for n in names if n not in own_methods or n in wrapped})


def _column(cart_id: str, name: str) -> str:
    return f"{name} (`{cart_id}`)"


def markdown(matrix: SupportMatrix) -> str:
    """The matrix as Markdown: the common methods, a table of the connector-served ones (✓),
    and the methods no platform serves yet."""
    served = {m: carts for m, carts in matrix.served.items() if carts}
    unserved = [m for m, carts in matrix.served.items() if not carts]
    head = "| method | " + " | ".join(_column(*p) for p in matrix.platforms) + " |"
    rule = "|---|" + ":---:|" * len(matrix.platforms)
    rows = [f"| `{method}` | " + " | ".join("✓" if cart_id in carts else " "
                                            for cart_id, _ in matrix.platforms) + " |"
            for method, carts in served.items()]
    return "\n".join([
        f"Answered by AnyCart itself on every platform ({len(matrix.common)}): "
        + ", ".join(f"`{m}`" for m in matrix.common) + ".",
        "",
        f"Served by the platform's connector ({len(served)}; a blank cell is answered with "
        "return code 120, not supported by the platform):",
        "", head, rule, *rows, "",
        f"Not served on any platform yet, answered with 120 ({len(unserved)}): "
        + ", ".join(f"`{m}`" for m in unserved) + "."])
