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

:meth:`Rules.write` and :meth:`Rules.check` are an object model's save: the given values
written over a record (all of them, or on a partial write only those given; a value per
scope where the field is per-scope, see :func:`~anycart.sandbox.scoped.spread`), a read-only
field refused, a missing required one refused, then every value checked; each refusal a
:class:`Refused` the platform words. Three flags mean something to the save, named by the
platform: per-scope (PrestaShop's ``lang``), read-only (``ro``) and virtual (no column: a
getter's value).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .scoped import spread

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


class Refused(Exception):
    """A save refused: ``rule`` broke ``reason`` (``"readonly"``: it was given, or one of
    the faults); ``scoped``: on a per-scope value."""

    def __init__(self, rule: Rule, reason: str, scoped: bool = False) -> None:
        super().__init__(f"{rule.name}: {reason}")
        self.rule, self.reason, self.scoped = rule, reason, scoped


class Rules:
    """A platform's vocabulary of rules: its validators by name, its flags, and which of
    them mark a per-scope, a read-only and a virtual field."""

    def __init__(self, checks: Mapping[str, str], flags: Iterable[str] = (), *,
                 scoped: str = "scoped", readonly: str = "readonly",
                 virtual: str = "virtual") -> None:
        self.checks = {name: re.compile(rx) for name, rx in checks.items()}
        self.scoped, self.readonly, self.virtual = scoped, readonly, virtual
        self.flags = frozenset(flags) | {"required", scoped, readonly, virtual}

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

    def blank(self, rules: Iterable[Rule], scopes: Sequence[str]) -> dict[str, Any]:
        """A new record: every column blank (a per-scope one blank in every scope)."""
        return {r.name: spread(None, None, scopes) if self.scoped in r.flags else r.blank()
                for r in rules if self.virtual not in r.flags}

    def write(self, rules: Iterable[Rule], record: dict[str, Any], given: Mapping[str, Any],
              scopes: Sequence[str], *, partial: bool = False, stamped: Collection[str] = ()
              ) -> None:
        """``given`` written over ``record``: a per-scope field takes what is given (a
        mapping by scope, or a plain value for every scope; nothing: blank); another one
        given is stored as text (refused if read-only); one not given is refused if
        required, else blanked (but ``stamped``, the fields the save sets itself). A
        ``partial`` write touches only the fields given."""
        for rule in rules:
            if partial and rule.name not in given:
                continue
            column = self.virtual not in rule.flags
            if self.scoped in rule.flags:
                if column:
                    record[rule.name] = spread(given.get(rule.name), record.get(rule.name),
                                               scopes)
            elif rule.name in given:
                if self.readonly in rule.flags:
                    raise Refused(rule, "readonly")
                if column:
                    record[rule.name] = rule.text(given[rule.name])
            elif rule.required:
                raise Refused(rule, "required")
            elif column and rule.name not in stamped:
                record[rule.name] = rule.blank()

    def check(self, rules: Iterable[Rule], record: Mapping[str, Any]) -> None:
        """Refuse the first value that breaks its rule: the per-scope values first (each
        scope's), then the others."""
        columns = [r for r in rules if self.virtual not in r.flags]
        for scoped in (True, False):
            for rule in columns:
                if (self.scoped in rule.flags) != scoped:
                    continue
                value = record[rule.name]
                for text in (value.values() if scoped else [value]):
                    fault = self.fault(rule, str(text))
                    if fault is not None:
                        raise Refused(rule, fault, scoped)
