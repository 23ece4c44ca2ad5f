"""Record shapes declared as data: every field of a record kind, in the platform's order, with
the value a new record starts from.

REST platforms answer records of fifty fields of which a handful depend on the request; the
rest are documented constants (``"fulfillment_service": "manual"``, ``"duties": []``). A
simulator keeps them in a JSON file beside it and builds records from it::

    RECORDS = Templates.load(Path(__file__).with_name("sim_records.json"))
    variant = RECORDS["variant"].make(id=vid, product_id=pid, created_at=now)

A string default with ``{field}`` in it is filled from the finished record (values given to
:meth:`Template.make` included), so ``"gid://shopify/ProductVariant/{id}"`` follows the id;
``{{`` is a literal brace. Mutable defaults are copied per record. Values given for names
the template does not list are added after its fields (a platform's extras), so the template
stays the documented shape.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .table import Record


def _formatted(value: Any) -> bool:
    """A string with a reference or an escaped brace is a format string."""
    return isinstance(value, str) and ("{" in value or "}" in value)


class Template:
    """One record kind: its fields and their defaults."""

    def __init__(self, name: str, fields: Mapping[str, Any]) -> None:
        self.name = name
        self.fields = dict(fields)
        self._mutable = tuple(k for k, v in self.fields.items() if isinstance(v, (list, dict)))
        self._formats = tuple(k for k, v in self.fields.items() if _formatted(v))

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def make(self, values: Mapping[str, Any] | None = None, /, **more: Any) -> Record:
        """A new record: the defaults, then ``values`` and ``more``, then the references of
        the defaults that were not given."""
        record = dict(self.fields)
        for key in self._mutable:
            record[key] = copy.deepcopy(record[key])
        given = {**(values or {}), **more}
        record.update(given)
        for key in self._formats:
            if key not in given:
                record[key] = self.fields[key].format_map(record)
        return record

    def pick(self, source: Mapping[str, Any]) -> Record:
        """The template's fields read from ``source`` (the default where it has none): a
        record embedded in another in a shorter shape (an address copied into an order)."""
        return self.make({k: source[k] for k in self.fields if k in source})


class Templates(Mapping[str, Template]):
    """The record kinds of one platform, by name."""

    def __init__(self, shapes: Mapping[str, Mapping[str, Any]]) -> None:
        self._templates = {name: Template(name, fields) for name, fields in shapes.items()}

    @classmethod
    def load(cls, path: Path) -> Templates:
        """From a JSON object of ``{kind: {field: default}}`` (key order is kept)."""
        shapes = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(shapes, dict) or not all(isinstance(v, dict) for v in shapes.values()):
            raise ValueError(f"{path}: expected an object of record shapes")
        return cls(shapes)

    def __getitem__(self, name: str) -> Template:
        return self._templates[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._templates)

    def __len__(self) -> int:
        return len(self._templates)
