"""The PrestaShop webservice's resources as data: each ObjectModel's ``$definition`` merged
with its ``$webserviceParameters`` (``sim_resources.json``), and the value rules the
ObjectModel applies when it saves (types, ``Validate::is*`` checks, sizes, required fields).

Values are kept as PrestaShop's database returns them: strings (``"1"``, ``"19.000000"``,
``"2024-05-01 10:00:00"``); a multilingual field is ``{language id: text}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anycart.sandbox.declared import declared
from anycart.sandbox.rules import Refused, Rule, Rules

_HERE = Path(__file__).parent
FACTS: dict[str, Any] = json.loads((_HERE / "sim_facts.json").read_text(encoding="utf-8"))
#: ``'<type> [validate] [size] [flags] [xlink=<resource>]'`` per field; ``ro``: ``'setter' =>
#: false`` (writing it is refused, 93), ``nosetter``: ``'setter' => null`` (written as is, yet
#: readOnly in a synopsis), ``virtual``: a getter (no column, not filterable)
RULES = Rules(FACTS["validate"], flags={"nosetter", "hidden"}, scoped="lang", readonly="ro",
              virtual="virtual")
Field = Rule


class WsError(Exception):
    """One of WebserviceRequest's errors: ``(status, code, message)`` from ``FACTS``."""

    def __init__(self, which: str, **values: Any) -> None:
        status, code, text = FACTS["errors"][which]
        super().__init__(text.format(**values))
        self.status, self.code, self.message = int(status), int(code), text.format(**values)


def synopsis(f: Field) -> dict[str, str]:
    """The attributes ``getSynopsisDetails`` gives a field in ``schema=synopsis``."""
    found = {"required": "true" if f.required else "", "maxSize": str(f.size or ""),
             "format": f.validate or "", "readOnly": "true" if f.flags & {"ro", "nosetter"} else ""}
    return {k: v for k, v in found.items() if v}


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
        return [f for f in self.fields.values() if "hidden" not in f.flags]

    def filterable(self, dated: bool) -> tuple[list[str], list[str]]:
        """(plain, i18n) filter names as ``manageFilters`` builds them: no hidden fields,
        ``date_add``/``date_upd`` only with ``date=1``."""
        plain = ["id"] + [f.name for f in self.visible() if "lang" not in f.flags]
        if dated:
            plain += [d for d in ("date_add", "date_upd") if d not in plain]
        else:
            plain = [n for n in plain if n not in ("date_add", "date_upd")]
        return plain, [f.name for f in self.visible() if "lang" in f.flags]


def _associations(specs: dict[str, Any]) -> dict[str, Association]:
    return {name: declared(Association, {"name": name, **spec}, fields=RULES.parse_all)
            for name, spec in specs.items()}


RESOURCES: dict[str, Resource] = {
    name: declared(Resource, {"name": name, **spec}, fields=RULES.parse_all,
                   associations=_associations, forbidden=frozenset)
    for name, spec in json.loads((_HERE / "sim_resources.json").read_text(encoding="utf-8")).items()
    if not name.startswith("_")}


def refusal(refused: Refused) -> WsError:
    """A refused save in the webservice's words (``validateField``'s human errors)."""
    f = refused.rule
    if refused.reason in ("readonly", "required"):
        return WsError("not_writable" if refused.reason == "readonly" else "required", field=f.name)
    error = str(FACTS["human"][refused.reason]).format(field=f.name, size=f.size)
    return WsError("validation_lang" if refused.scoped else "validation", error=error)
