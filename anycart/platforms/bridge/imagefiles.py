"""An image kept as rows and a file, declared: ``ImageFiles(path, rows)`` says where the file
of an image row goes (``path(image_id, params)``: PrestaShop's ``img/p/1/2/12.jpg``) and which
cascade removes its rows (:class:`~.cascade.Cascade` bound to ``id``).

:meth:`ImageFiles.add` writes the rows first (the file is named after the new id), then the
file; when the file cannot be written the rows go again: no image row without its file.
:meth:`ImageFiles.remove` deletes rows in one write, then their files. The bytes are checked
before (:meth:`~.connector.BridgeConnector.image_data`), so a bad image writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call

from .cascade import Cascade
from .sqlkit import Statement

#: product.image.add's ``type`` values; every one but ``additional`` is the product's main
#: image (PrestaShop's cover, WordPress's featured image, OpenCart's ``product.image``).
KINDS = ("small", "base", "additional", "thumbnail")


def image_kind(call: Call) -> str:
    """product.image.add's ``type`` (101 when not given, 109 naming it for a value not in
    :data:`KINDS`), with an image given as ``content`` or ``url`` (else 101 naming ``url``)."""
    kind = str(call.require("type")).lower()
    if kind not in KINDS:
        raise ApiError.invalid("type", ", ".join(KINDS[:-1]) + " or " + KINDS[-1])
    if not call.params.get("content") and not call.params.get("url"):
        raise ApiError.required("url")
    return kind


@dataclass(frozen=True)
class ImageFiles:
    path: Callable[[int, Mapping[str, Any]], str]
    rows: Cascade

    async def add(self, conn: Any, statements: Sequence[Statement], at: int,
                  params: Mapping[str, Any], data: bytes) -> tuple[int, str]:
        """The new image's id (the insert id of statement ``at``) and file path."""
        ident = int((await conn.db.write(list(statements)))[at].insert_id)
        path = self.path(ident, params)
        try:
            await conn.files.save(path, data)
        except Exception:
            await conn.db.write(self.rows.statements({"id": ident}))
            raise
        return ident, path

    async def remove(self, conn: Any, ids: Iterable[int], statements: Sequence[Statement] | None = None,
                     params: Mapping[str, Any] | None = None) -> None:
        """``statements`` (by default each image's row cascade) in one write, then the files
        of ``ids``."""
        ids = list(ids)
        if statements is None:
            statements = [s for i in ids for s in self.rows.statements({"id": i})]
        if statements:
            await conn.db.write(list(statements))
        for ident in ids:
            await conn.files.delete(self.path(ident, params or {}))
