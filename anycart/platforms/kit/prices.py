"""A product's sale price and the window it applies in, declared: :class:`SalePrice` says
where a platform keeps the price and its two dates, and reads them as the contract's
``special_price`` (none without a price): WooCommerce's ``sale_price`` with
``date_on_sale_from_gmt``/``date_on_sale_to_gmt``, Magento's ``special_price`` with
``special_from_date``/``special_to_date`` (custom attributes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anycart.model import SpecialPrice

from . import fields as F
from .dates import ISO, Dates


@dataclass(frozen=True)
class SalePrice:
    """``value``/``starts``/``ends``: the record paths of the price and of its window, the
    dates read by ``dates``; ``avail``: the path saying whether it applies (None: a price
    given always does)."""

    value: str
    starts: str
    ends: str
    dates: Dates = ISO
    avail: str | None = None

    def read(self, record: Mapping[str, Any]) -> SpecialPrice | None:
        value = F.number(F.get(record, self.value))
        if value is None:
            return None
        avail = True if self.avail is None else bool(F.get(record, self.avail))
        return SpecialPrice(value=value, avail=avail,
                            created_at=self.dates.a2c(F.get(record, self.starts)),
                            expired_at=self.dates.a2c(F.get(record, self.ends)))
