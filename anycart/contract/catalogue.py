"""The method catalogue: every operation of the API2Cart v1.1 contract, typed.

Built once from ``catalogue.json`` (generated from the contract by
``tools/build_catalogue.py``), never hand-written per method.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

ParamType = Literal["string", "integer", "number", "boolean", "array"]

_CATALOGUE_FILE = Path(__file__).with_name("catalogue.json")


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    required: bool = False
    default: Any = None
    enum: tuple[Any, ...] | None = None
    items: str | None = None
    description: str | None = None

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Param:
        return cls(
            name=raw["name"],
            type=raw["type"],
            required=raw.get("required", False),
            default=raw.get("default"),
            enum=tuple(raw["enum"]) if raw.get("enum") else None,
            items=raw.get("items"),
            description=raw.get("description"),
        )


@dataclass(frozen=True)
class Operation:
    """One contract method, e.g. ``product.list`` served at ``GET /v1.1/product.list.json``."""

    name: str
    path: str
    http_method: str
    summary: str
    description: str | None
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    body: dict[str, Any] | None
    response: str | None
    response_format: str
    operation_id: str | None = None
    needs_store: bool = True
    #: For methods answering a list: the result keys of the items and of their count.
    items_key: str | None = None
    count_key: str | None = None
    _by_name: dict[str, Param] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update({p.name: p for p in self.params})

    def param(self, name: str) -> Param | None:
        return self._by_name.get(name)

    @property
    def entity(self) -> str:
        """The leading noun: ``order`` for ``order.shipment.add``."""
        return self.name.split(".", 1)[0]

    @property
    def is_list(self) -> bool:
        return "start" in self._by_name and "count" in self._by_name

    @property
    def default_params(self) -> str | None:
        p = self.param("params")
        return p.default if p else None


@dataclass(frozen=True)
class Catalogue:
    title: str
    version: str
    operations: dict[str, Operation]
    response_schemas: dict[str, Any]

    def get(self, name: str) -> Operation | None:
        return self.operations.get(name)

    def __iter__(self) -> Iterator[Operation]:
        return iter(self.operations.values())

    def __len__(self) -> int:
        return len(self.operations)


@cache
def load_catalogue(path: Path = _CATALOGUE_FILE) -> Catalogue:
    raw = json.loads(path.read_text())
    operations = {}
    for op in raw["operations"]:
        operations[op["name"]] = Operation(
            name=op["name"],
            path=op["path"],
            http_method=op["http_method"],
            summary=op["summary"],
            description=op.get("description"),
            tags=tuple(op.get("tags", ())),
            params=tuple(Param.from_json(p) for p in op["params"]),
            body=op.get("body"),
            response=op.get("response"),
            response_format=op.get("response_format", "json"),
            operation_id=op.get("operation_id"),
            needs_store=op.get("needs_store", True),
            items_key=op.get("items_key"),
            count_key=op.get("count_key"),
        )
    return Catalogue(
        title=raw["contract"]["title"],
        version=raw["contract"]["version"],
        operations=operations,
        response_schemas=raw["response_schemas"],
    )
