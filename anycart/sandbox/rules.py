"""Per-field save rules declared as data: what an object model checks before it saves a
record, one compact line per field.

PHP platforms declare these per class: PrestaShop's ``ObjectModel::$definition``
(``'type' => self::TYPE_FLOAT, 'validate' => 'isPrice', 'size' => 64, 'required' =>
true``), Magento's attribute metadata (``backend_type``, ``is_required``, a frontend
validation class), OpenCart's model checks alike. A :class:`Rule` is parsed from
``'<type> [validator] [size] [flag ...] [key=value ...]'`` by a :class:`Rules` vocabulary,
which knows the platform's validators (regular expressions by name) and flags::

    RULES = Rules({"isPrice": r"^\\d{1,10}(\\.\\d{1,9})?$"}, flags={"lang", "ro"})
    price = RULES.parse("price", "float isPrice required")
    price.text("19.5")        # "19.500000": as a SQL database gives the column back
    price.native("19.5")      # 19.5: as a JSON API answers it (ValueError if it is no number)
    RULES.fault(price, "")    # "required": which rule a value breaks; the platform words it

Types: ``int``, ``float``, ``bool``, ``date``, ``string``, ``html``. The faults are
``"required"``, ``"size"`` and ``"invalid"`` (the validator refused it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

TYPES = frozenset({"int", "float", "bool", "date", "string", "html"})
Fault = Literal["required", "size", "invalid"]
#: the text a column of each type holds when nothing was written
_BLANK = {"int": "0", "bool": "0", "float": "0.000000"}


@dataclass(frozen=True)
class Rule:
    """One field's save rules."""

    name: str
    type: str = "string"
    validate: str | None = None
    size: int | None = None
    required: bool = False
    flags: frozenset[str] = frozenset()
    refs: Mapping[str, str] = field(default_factory=dict)  # ``key=value`` words

    def blank(self) -> str:
        """The column's value when nothing was written (``"0"``, ``"0.000000"``, ``""``)."""
        return _BLANK.get(self.type, "")

    def text(self, value: Any) -> str:
        """A written value as a SQL database gives it back (floats with six decimals,
        booleans as 0/1, ints as digits); what does not convert is kept as given, for the
        validator to refuse."""
        given = "" if value is None else str(value).strip()
        try:
            if self.type == "float" and given != "":
                return f"{float(given):.6f}"
            if self.type == "int" and given != "":
                return str(int(given))
            if self.type == "bool":
                return {"true": "1", "false": "0", "": "0"}.get(given.lower(), given)
        except ValueError:
            pass
        return given

    def native(self, value: Any) -> Any:
        """A written value as a JSON API keeps it: a number for ``int``/``float`` (a
        ``ValueError`` when it is none), a bool for ``bool``, else its text."""
        if self.type == "int":
            try:
                return int(value)
            except TypeError:
                raise ValueError(value) from None
        if self.type == "float":
            try:
                return float(value)
            except TypeError:
                raise ValueError(value) from None
        if self.type == "bool":
            return bool(value)
        return str(value)


class Rules:
    """A platform's vocabulary of rules: its validators by name and its flags."""

    def __init__(self, checks: Mapping[str, str], flags: Iterable[str] = ()) -> None:
        self.checks = {name: re.compile(rx) for name, rx in checks.items()}
        self.flags = frozenset(flags) | {"required"}

    def parse(self, name: str, spec: str) -> Rule:
        """A rule from its words: a type, a number (the size), a flag, ``key=value``, and
        anything else is the validator's name."""
        kind, validate, size = "string", None, None
        flags: set[str] = set()
        refs: dict[str, str] = {}
        for word in spec.split():
            if word in self.flags:
                flags.add(word)
            elif "=" in word:
                key, _, value = word.partition("=")
                refs[key] = value
            elif word.isdecimal():
                size = int(word)
            elif word in TYPES:
                kind = word
            else:
                validate = word
        return Rule(name, kind, validate, size, "required" in flags,
                    frozenset(flags - {"required"}), refs)

    def parse_all(self, specs: Mapping[str, str]) -> dict[str, Rule]:
        return {name: self.parse(name, spec) for name, spec in specs.items()}

    def fault(self, rule: Rule, value: str) -> Fault | None:
        """Which rule ``value`` (as stored text) breaks, checked as PHP models check: an
        empty value (PHP's ``empty()``: ``""``, ``"0"``) is only checked for being required,
        and a number's zero is a value."""
        empty = value in ("", "0")
        if empty and rule.required and rule.type not in ("bool", "int", "float"):
            return "required"
        if rule.size and len(value) > rule.size:
            return "size"
        check = self.checks.get(rule.validate or "")
        if not empty and check is not None and not check.match(value):
            return "invalid"
        return None
