"""``anycart export``: every record of one entity of one store, streamed to a file.

Records come through AnyCart's own method layer (``<entity>.list`` with ``params=force_all``
and ``page_cursor`` paging, the total from ``<entity>.count``), so an export sees exactly what
an API client sees. Written as they arrive (memory stays flat in the catalog size), with a
small state file beside the output for ``--resume`` and a per-store, per-entity sync mark in
AnyCart's storage for ``--since last``. See docs/export.md.
"""

from anycart.export.runner import ENTITIES, FORMATS, ExportError, ExportResult, export

__all__ = ["ENTITIES", "FORMATS", "ExportError", "ExportResult", "export"]
