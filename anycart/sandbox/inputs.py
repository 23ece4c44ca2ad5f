"""A GraphQL input object as the snake_case body a simulator's record rules take, declared
once per input type instead of copied field by field.

    PRODUCT = InputBody(("title", "descriptionHtml", "status", "tags"),
                        renamed={"descriptionHtml": "body_html"},
                        convert={"status": str.lower, "tags": ", ".join})
    PRODUCT.body({"title": "Mug", "status": "ACTIVE"})  # {"title": "Mug", "status": "active"}

A field the input does not carry is left out (an update changes only what it names). A plain
field is passed as given, null included (a client clearing it); a converted one given as
null is left out, so a converter never sees None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

_UPPER = re.compile(r"([A-Z])")


def snake(name: str) -> str:
    """``descriptionHtml`` -> ``description_html``."""
    return _UPPER.sub(r"_\1", name).lower()


def snaked(given: Mapping[str, Any]) -> dict[str, Any]:
    """Every key of ``given`` in snake_case (an address input as a REST address)."""
    return {snake(k): v for k, v in given.items()}


@dataclass(frozen=True)
class InputBody:
    #: the input fields taken, by their GraphQL names
    fields: tuple[str, ...]
    #: input name -> body name, where it is not the snake_case of the input name
    renamed: Mapping[str, str] = field(default_factory=dict)
    #: input name -> how its (non-null) value becomes the body's
    convert: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def body(self, given: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.fields:
            if name not in given or (name in self.convert and given[name] is None):
                continue
            value = given[name]
            out[self.renamed.get(name) or snake(name)] = self.convert[name](value) \
                if name in self.convert else value
        return out
