"""Products with option axes, variants keyed by option values, and media linked to variants.

A platform declares :class:`Options`: which variant fields hold the option values (one slot
per option, so the number of slots is the option limit), the variant limit, the names and
values used when none is given, how a variant's title is made, and the error texts (field,
message) its validation answers with. :meth:`Options.resolve` then does what every platform
with variant options does on a write: names the axes, fills values a variant left out, blanks
slots past the last axis, titles and numbers the variants, lists each axis' values in variant
order and refuses two variants with the same values.

Beside it, the list edits that product writes share: :func:`merge` (a list given in a write
replaces the stored one: entries naming a stored id update it, the others are new),
:func:`place` / :func:`renumber` (1-based positions) and :func:`link_media` (each variant
shows at most one image; an image lists the variants showing it), and :class:`Measure` (a
weight kept in the record's unit and in whole base units, each following the other).
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .table import Record
from .values import Errors, add, integer, number, text

#: (field, message) of one validation error; ``{max}`` and ``{title}`` are filled in
Message = tuple[str, str]


@dataclass(frozen=True)
class Axis:
    name: str
    #: distinct values, in the order the variants use them
    values: list[str]


@dataclass(frozen=True)
class Options:
    #: the variant fields holding option values, one per option (their count is the limit)
    slots: tuple[str, ...]
    max_variants: int
    #: the axis a product without named options has, and the value its variants take
    default_name: str = "Title"
    default_value: str = "Default Title"
    #: the name of an axis a variant uses but no option names (``{}`` is its 1-based number)
    unnamed: str = "Option{}"
    #: keys of an option given in a write: its name and its list of values
    name_key: str = "name"
    values_key: str = "values"
    #: variant fields set from the values (None: not kept)
    title: str | None = "title"
    joiner: str = " / "
    position: str | None = "position"
    too_many: Message = ("options", "are too many (maximum is {max})")
    blank_name: Message = ("options", "name can't be blank")
    duplicate: Message = ("base", "The variant '{title}' already exists.")
    too_many_variants: Message = ("variants",
                                  "Exceeded maximum number of variants allowed ({max})")

    def values(self, variant: Mapping[str, Any]) -> tuple[Any, ...]:
        """The variant's key: its values, slot by slot."""
        return tuple(variant.get(slot) for slot in self.slots)

    def names(self, given: Any, current: Sequence[str], variants: Sequence[Record],
              errors: Errors) -> list[str]:
        """The axes' names: those given in a write (a list of option objects or names), else
        the stored ones (or the default) widened to every slot a variant fills."""
        limit = len(self.slots)
        if isinstance(given, list) and given:
            names = [text(o.get(self.name_key) if isinstance(o, dict) else o) for o in given]
            if len(names) > limit:
                self._error(errors, self.too_many, max=limit)
            if not all(names):
                self._error(errors, self.blank_name)
            return names[:limit]
        names = list(current) if current else [self.default_name]
        used = max((i for v in variants for i, slot in enumerate(self.slots, 1)
                    if v.get(slot) is not None), default=1)
        return names + [self.unnamed.format(i) for i in range(len(names) + 1, used + 1)]

    def resolve(self, given: Any, current: Sequence[str], variants: list[Record],
                errors: Errors) -> list[Axis]:
        """Name the axes and put the variants in step with them (see the module doc)."""
        names = self.names(given, current, variants, errors)
        axes: list[Axis] = []
        for i, (name, slot) in enumerate(zip(names, self.slots, strict=False)):
            spec = given[i] if isinstance(given, list) and i < len(given) else None
            first = spec.get(self.values_key) if isinstance(spec, dict) else None
            for v in variants:
                if v.get(slot) is None:
                    v[slot] = (text(first[0]) if isinstance(first, list) and first else None) \
                        or self.default_value
            axes.append(Axis(name, list(dict.fromkeys(v[slot] for v in variants))))
        seen: set[tuple[Any, ...]] = set()
        for pos, v in enumerate(variants, 1):
            for slot in self.slots[len(names):]:
                v[slot] = None
            title = self.joiner.join(str(x) for x in self.values(v) if x is not None)
            if self.title is not None:
                v[self.title] = title
            if self.position is not None:
                v[self.position] = pos
            if self.values(v) in seen:
                self._error(errors, self.duplicate, title=title)
            seen.add(self.values(v))
        if len(variants) > self.max_variants:
            self._error(errors, self.too_many_variants, max=self.max_variants)
        return axes

    @staticmethod
    def _error(errors: Errors, message: Message, **values: Any) -> None:
        add(errors, message[0], message[1].format(**values))


#: grams per unit of the weight units carts offer
GRAMS_PER = {"g": 1.0, "kg": 1000.0, "oz": 28.349523125, "lb": 453.59237}


@dataclass(frozen=True)
class Measure:
    """A measure kept twice: ``value`` in the record's own ``unit`` and ``base``, a whole
    number of the base unit (a variant's weight in kg and its grams). A write may give
    either; the other follows, and a change of unit alone converts the value."""

    value: str = "weight"
    base: str = "grams"
    unit: str = "weight_unit"
    #: base units per unit
    units: Mapping[str, float] = field(default_factory=lambda: dict(GRAMS_PER))
    digits: int = 3
    bad_unit: str = "is not included in the list"
    bad_number: str = "is not a number"

    def apply(self, record: Record, src: Mapping[str, Any], errors: Errors) -> None:
        unit = src.get(self.unit, record[self.unit])
        if not isinstance(unit, str) or unit not in self.units:
            add(errors, self.unit, self.bad_unit)
            return
        factor = self.units[unit]
        if self.value in src:
            value = number(errors, self.value, src[self.value])
            if value is not None and not math.isfinite(value * factor):
                add(errors, self.value, self.bad_number)  # no base units for 1e308 lb
            elif value is not None:
                record[self.value], record[self.base] = value, round(value * factor)
        elif self.base in src:
            whole = integer(errors, self.base, src[self.base])
            if whole is not None:
                record[self.base], record[self.value] = whole, round(whole / factor, self.digits)
        elif unit != record[self.unit]:
            record[self.value] = round(record[self.base] / factor, self.digits)
        record[self.unit] = unit


def _id(value: Any) -> int | None:
    return integer({}, "id", value)


def merge(current: Sequence[Record], given: Sequence[Any], *,
          existing: Callable[[Record, Any, int], Record | None],
          new: Callable[[Any, int], Record | None],
          unknown: Callable[[Any, int], Record | None] | None = None,
          key: str = "id") -> list[Record]:
    """The list a write gives, in its order (``pos`` from 1): an entry naming a stored id
    goes to ``existing(record, entry, pos)``, one without id to ``new(entry, pos)``, one
    naming an id not stored to ``unknown`` (default: ``new``). None results are left out;
    stored records the write does not name are dropped."""
    by_id = {r[key]: r for r in current}
    out = []
    for pos, src in enumerate(given, 1):
        rid = src.get(key) if isinstance(src, dict) else None
        if rid is None:
            made = new(src, pos)
        elif _id(rid) in by_id:
            made = existing(by_id[_id(rid)], src, pos)
        else:
            made = (unknown or new)(src, pos)
        if made is not None:
            out.append(made)
    return out


def renumber(items: Sequence[Record], field: str = "position") -> None:
    for pos, item in enumerate(items, 1):
        item[field] = pos


def place(items: list[Record], item: Record, position: int | None,
          field: str = "position") -> None:
    """Put ``item`` at 1-based ``position`` (None or past the end: last; below 1: first)
    and renumber."""
    if item in items:
        items.remove(item)
    items.insert(len(items) if position is None else max(0, position - 1), item)
    renumber(items, field)


def one_default(items: Sequence[Record], chosen: Record | None = None,
                flag: str = "default") -> Record | None:
    """Exactly one of ``items`` carries ``flag`` (a default address, a primary image):
    ``chosen``, else the first that carries it already, else the first. The flagged item
    (None when there are no items)."""
    if chosen is None:
        chosen = next((i for i in items if i.get(flag)), items[0] if items else None)
    for item in items:
        item[flag] = item is chosen
    return chosen


def link_media(images: Sequence[Record], variants: Sequence[Record],
               wanted: Mapping[Any, Any], errors: Errors, *, image_field: str = "image_id",
               ids_field: str = "variant_ids",
               invalid: Message = ("variant_ids", "is invalid")) -> None:
    """Apply the variant ids given per image id (``wanted``); a variant shows at most one
    image (the last to claim it); a variant whose image is gone shows none; each image ends
    listing the variants that show it, in variant order."""
    known = {v["id"]: v for v in variants}
    for image in images:
        ids = wanted.get(image["id"])
        if ids is None:
            continue
        numbers = [_id(i) for i in ids] if isinstance(ids, list) else [None]
        if any(i not in known for i in numbers):
            add(errors, *invalid)
            continue
        image[ids_field] = sorted(i for i in numbers if i is not None)
        for vid in image[ids_field]:
            known[vid][image_field] = image["id"]
    image_ids = {i["id"] for i in images}
    for v in variants:
        if v[image_field] not in image_ids:
            v[image_field] = None
    for image in images:
        image[ids_field] = [v["id"] for v in variants if v[image_field] == image["id"]]


@dataclass(frozen=True)
class Media:
    """Where an image a client sends will live: its ``src`` URL (http or https), or, for
    a base64 ``attachment`` (Shopify's ``attachment``, Magento's ``base64_encoded_data``),
    the store's CDN address of its file name. Errors go to ``field``."""

    cdn: str
    field: str = "image"
    src: str = "src"
    attachment: str = "attachment"
    filename: str = "filename"
    default_name: str = "image.png"

    def url(self, given: Any, version: int, errors: Errors) -> str | None:
        """The image's URL (``?v=version`` for an upload), or None after noting an error."""
        if not isinstance(given, Mapping):
            add(errors, self.field, "is invalid")
            return None
        url = text(given.get(self.src))
        if not url and given.get(self.attachment):
            try:
                base64.b64decode(str(given[self.attachment]), validate=True)
            except (binascii.Error, ValueError):
                add(errors, self.field, f"{self.attachment} is not valid base64")
                return None
            name = text(given.get(self.filename)) or self.default_name
            url = f"{self.cdn}/{name}?v={version}"
        if not url.startswith(("http://", "https://")):
            add(errors, self.field, "can't be blank" if not url else f"{self.src} is invalid")
            return None
        return url
