"""The PrestaShop webservice's resources as data: each ObjectModel's ``$definition`` merged
with its ``$webserviceParameters`` (``sim_resources.json``), and the value rules the
ObjectModel applies when it saves (types, ``Validate::is*`` checks, sizes, required fields).

Values are kept as PrestaShop's database returns them: strings (``"1"``, ``"19.000000"``,
``"2024-05-01 10:00:00"``); a multilingual field is ``{language id: text}``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_HERE = Path(__file__).parent
FACTS: dict[str, Any] = json.loads((_HERE / "sim_facts.json").read_text(encoding="utf-8"))
_CHECKS = {name: re.compile(rx) for name, rx in FACTS["validate"].items()}
_FLAGS = {"required", "lang", "ro", "nosetter", "virtual", "hidden"}


class WsError(Exception):
    """One of WebserviceRequest's errors: ``(status, code, message)`` from ``FACTS``."""

    def __init__(self, which: str, **values: Any) -> None:
        status, code, text = FACTS["errors"][which]
        super().__init__(text.format(**values))
        self.status, self.code, self.message = int(status), int(code), text.format(**values)


@dataclass(frozen=True)
class Field:
    """One field of a resource, parsed from ``'<type> [validate] [size] [flags]'``."""

    name: str
    type: str = "string"
    validate: str | None = None
    size: int | None = None
    required: bool = False
    lang: bool = False
    readonly: bool = False  # ``'setter' => false``: writing it is refused (93)
    nosetter: bool = False  # ``'setter' => null``: written as is, yet readOnly in a synopsis
    virtual: bool = False  # a getter: no column, not filterable
    hidden: bool = False
    xlink: str | None = None

    @classmethod
    def parse(cls, name: str, spec: str) -> Field:
        kind, validate, size, flags, xlink = "string", None, None, set(), None
        for word in spec.split():
            if word in _FLAGS:
                flags.add(word)
            elif word.startswith("xlink="):
                xlink = word.removeprefix("xlink=")
            elif word.isdecimal():
                size = int(word)
            elif word in ("int", "bool", "float", "string", "html", "date"):
                kind = word
            else:
                validate = word
        return cls(name, kind, validate, size, "required" in flags, "lang" in flags,
                   "ro" in flags, "nosetter" in flags, "virtual" in flags, "hidden" in flags,
                   xlink)

    def synopsis(self) -> dict[str, str]:
        """The attributes ``getSynopsisDetails`` gives the field in ``schema=synopsis``."""
        out: dict[str, str] = {}
        if self.required:
            out["required"] = "true"
        if self.size:
            out["maxSize"] = str(self.size)
        if self.validate:
            out["format"] = self.validate
        if self.readonly or self.nosetter:
            out["readOnly"] = "true"
        return out


@dataclass(frozen=True)
class Association:
    name: str
    node: str
    fields: dict[str, Field]
    readonly: bool = False
    virtual: bool = False
    api: str | None = None
    source: tuple[str, ...] = ()  # (table, column naming the record[, its shop column])


@dataclass(frozen=True)
class Resource:
    """One webservice resource (``products``) and the class behind it."""

    name: str
    node: str
    cls: str
    table: str
    description: str
    fields: dict[str, Field]
    associations: dict[str, Association] = field(default_factory=dict)
    forbidden: frozenset[str] = frozenset()
    multishop: bool = False  # rows belong to shops through a ``<table>_shop`` table
    fk_shop: bool = False  # rows carry their ``id_shop`` (0: shared by the shop group)

    def visible(self) -> list[Field]:
        return [f for f in self.fields.values() if not f.hidden]

    def filterable(self, dated: bool) -> tuple[list[str], list[str]]:
        """(plain, i18n) filter names as ``manageFilters`` builds them: no hidden fields,
        ``date_add``/``date_upd`` only with ``date=1``."""
        plain = ["id"] + [f.name for f in self.visible() if not f.lang]
        if dated:
            plain += [d for d in ("date_add", "date_upd") if d not in plain]
        else:
            plain = [n for n in plain if n not in ("date_add", "date_upd")]
        return plain, [f.name for f in self.visible() if f.lang]


def _association(name: str, spec: dict[str, Any]) -> Association:
    fields = {k: Field.parse(k, v) for k, v in spec["fields"].items()}
    return Association(name, spec["node"], fields, spec.get("ro", False),
                       spec.get("virtual", False), spec.get("api"), tuple(spec.get("from", ())))


def load() -> dict[str, Resource]:
    specs = json.loads((_HERE / "sim_resources.json").read_text(encoding="utf-8"))
    out: dict[str, Resource] = {}
    for name, spec in specs.items():
        if name.startswith("_"):
            continue
        out[name] = Resource(
            name, spec["node"], spec["class"], spec["table"], spec["description"],
            {k: Field.parse(k, v) for k, v in spec["fields"].items()},
            {k: _association(k, v) for k, v in spec.get("associations", {}).items()},
            frozenset(spec.get("forbidden", ())), spec.get("multishop", False),
            spec.get("fk_shop", False))
    return out


RESOURCES = load()


# -- values ---------------------------------------------------------------------------------
def stored(f: Field, value: Any) -> str:
    """A written value as the database gives it back (floats with six decimals, booleans
    as 0/1, ints as digits); what does not convert is kept for validation to refuse."""
    text = "" if value is None else str(value).strip()
    try:
        if f.type == "float" and text != "":
            return f"{float(text):.6f}"
        if f.type == "int" and text != "":
            return str(int(text))
        if f.type == "bool":
            return {"true": "1", "false": "0", "": "0"}.get(text.lower(), text)
    except ValueError:
        pass
    return text


def check(f: Field, value: str) -> str | None:
    """``ObjectModel::validateField`` with human errors: None when the value is valid.
    An empty value (PHP's ``empty()``: "", "0") is only checked for being required."""
    human = FACTS["human"]
    if value in ("", "0") and f.required and f.type not in ("bool", "int", "float"):
        return str(human["required"]).format(field=f.name)
    if f.size and len(value) > f.size:
        return str(human["size"]).format(field=f.name, size=f.size)
    rule = _CHECKS.get(f.validate or "")
    if value not in ("", "0") and rule is not None and not rule.match(value):
        return str(human["invalid"]).format(field=f.name)
    return None
