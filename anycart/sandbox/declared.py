"""Declarations kept as data: frozen dataclasses built from a JSON file.

A simulator's collections, topics or error texts are facts about the platform; kept in JSON
beside it they read as the documentation they come from, and Python keeps only the behaviour::

    RESOURCES = declared_all(Res, Path(__file__).with_name("sim_collections.json"),
                             filters=lambda v: tuple(Filter(*f) for f in v),
                             before_save=HOOKS.__getitem__)

JSON has no tuples, so lists become tuples (all the way down: frozen dataclasses hold
hashable values); a field named in ``convert`` is passed through its converter instead (a
hook named by its key in a table of functions, a row turned into a small dataclass). A key
the dataclass does not have is a ``TypeError``, as a typo in Python would be.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def tupled(value: Any) -> Any:
    """JSON lists as tuples, recursively (objects keep their values, tupled)."""
    if isinstance(value, list):
        return tuple(tupled(v) for v in value)
    if isinstance(value, dict):
        return {k: tupled(v) for k, v in value.items()}
    return value


def declared(cls: Callable[..., T], spec: Mapping[str, Any], **convert: Callable[[Any], Any]
             ) -> T:
    """``cls(**spec)``, each value through ``convert[name]`` or :func:`tupled`."""
    return cls(**{k: convert[k](v) if k in convert else tupled(v) for k, v in spec.items()})


def declared_all(cls: Callable[..., T], path: Path, **convert: Callable[[Any], Any]
                 ) -> tuple[T, ...]:
    """Every object of the JSON list in ``path`` as a ``cls`` (in file order)."""
    specs = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
        raise ValueError(f"{path}: expected a list of objects")
    return tuple(declared(cls, spec, **convert) for spec in specs)
