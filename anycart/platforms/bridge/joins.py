"""JOIN fragments of :class:`~.sqlentity.SqlEntity` declarations that carts write alike."""

from __future__ import annotations


def in_language(table: str, on: str, column: str = "language_id") -> str:
    """``LEFT JOIN {p}<table> <alias> ON <on> AND <alias>.<column> = :lang``: a row's text
    in the call's language (one row at most, so counts stay counts; none: its text NULL),
    such as ``in_language("product_description pd", "pd.product_id = p.product_id")``."""
    alias = table.split()[-1]
    return f"LEFT JOIN {{p}}{table} ON {on} AND {alias}.{column} = :lang"
