"""API keys and what each may do: per resource the methods it may use, the scopes (shops,
store views, channels) it may reach, and whether it is active.

Platforms grant keys this way: PrestaShop's webservice keys (a permission per resource and
method, limited to some shops), Magento's integrations and admin tokens (ACL resources such
as ``Magento_Catalog::products``, all of them or some), WooCommerce's read / write keys,
BigCommerce's token scopes. A :class:`Keyring` holds a tenant's keys; a :class:`Grant`
answers the checks in the order a platform makes them, and the platform words each refusal.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass
class Grant:
    """What one key may do. ``resources`` maps each resource it may use to the methods it
    may use there (``None``: every resource, every method); ``scopes`` are those it may
    reach (``None``: all)."""

    resources: Mapping[str, Collection[str]] | None = None
    scopes: Collection[Hashable] | None = None
    active: bool = True

    def may(self, resource: str) -> bool:
        return self.resources is None or resource in self.resources

    def may_use(self, resource: str, method: str) -> bool:
        return self.resources is None or method in self.resources.get(resource, ())

    def reaches(self, scopes: Iterable[Hashable]) -> bool:
        """Whether any of ``scopes`` (those a request asks for) is the key's."""
        return self.scopes is None or bool(set(scopes) & set(self.scopes))

    def usable(self) -> dict[str, Collection[str]] | None:
        """The resources with at least one method (``None``: every one)."""
        if self.resources is None:
            return None
        return {name: methods for name, methods in self.resources.items() if methods}


class Keyring:
    """A tenant's keys: given ones (seeded, configured) and ones it issues (a login's
    token)."""

    def __init__(self) -> None:
        self._keys: dict[str, Grant] = {}

    def add(self, key: str, grant: Grant | None = None) -> Grant:
        """Accept ``key`` with ``grant`` (default: everything); a known key is re-granted."""
        self._keys[key] = grant if grant is not None else Grant()
        return self._keys[key]

    def issue(self, grant: Grant | None = None, size: int = 16) -> str:
        """A new random key (``size`` bytes, as hex) accepted from now on."""
        key = secrets.token_hex(size)
        self.add(key, grant)
        return key

    def get(self, key: str | None) -> Grant | None:
        """The grant of an active ``key``, else None."""
        found = self._keys.get(key) if key is not None else None
        return found if found is not None and found.active else None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None
