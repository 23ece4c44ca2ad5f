"""Field selection as the contract describes it: ``response_fields``, ``params``, ``exclude``.

``response_fields`` selects along the whole envelope with nested braces
(``{result{product{id,name}}}``, ``*`` for everything at a level); ``params`` and ``exclude``
are the older, flat selection of an entity's top-level fields, ``params=force_all`` for all.
``return_code`` and ``return_message`` are always kept so that clients can read the outcome.
"""

from __future__ import annotations

import re
from typing import Any

from anycart.errors import ApiError, ReturnCode

FieldTree = dict[str, "FieldTree | None"]  # None: keep the whole subtree

_RESPONSE_FIELDS_RE = re.compile(r"^({)([a-zA-Z0-9{},_*\-\s])+(})$")
_ALWAYS_KEPT = ("return_code", "return_message")
#: Deepest ``response_fields`` nesting: the contract's deepest response is far shallower.
MAX_DEPTH = 32


def parse_response_fields(text: str) -> FieldTree:
    if not _RESPONSE_FIELDS_RE.match(text):
        raise ApiError(
            ReturnCode.INCORRECT_VALUE,
            "The value of parameter 'response_fields' contains unacceptable characters; "
            "The value must match the pattern '/^({)([a-zA-Z0-9{},_*\\-\\s])+(})$/'",
        )
    tokens = re.findall(r"[{},]|[^{},\s]+", text)
    depth = 0
    for tok in tokens:  # before the recursive parse: depth must not reach RecursionError
        depth += (tok == "{") - (tok == "}")
        if depth > MAX_DEPTH:
            raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'response_fields' is not "
                           f"valid: braces nested deeper than {MAX_DEPTH} levels.")
    pos = 0

    def parse_group() -> FieldTree:
        nonlocal pos
        pos += 1  # consume "{"
        tree: FieldTree = {}
        name: str | None = None
        while pos < len(tokens):
            tok = tokens[pos]
            if tok == "{":
                if name is None:
                    raise _bad_braces()
                tree[name] = parse_group()
                name = None
                continue
            pos += 1
            if tok == "}":
                if name is not None:
                    tree[name] = None
                return tree
            if tok == ",":
                if name is not None:
                    tree[name] = None
                name = None
            else:
                name = tok
        raise _bad_braces()

    tree = parse_group()
    if pos != len(tokens):
        raise _bad_braces()
    return tree


def _bad_braces() -> ApiError:
    return ApiError(ReturnCode.INCORRECT_VALUE,
                    "Parameter 'response_fields' is not valid: unbalanced braces.")


def apply_tree(value: Any, tree: FieldTree | None) -> Any:
    if tree is None or ("*" in tree and len(tree) == 1):
        return value
    if isinstance(value, list):
        return [apply_tree(item, tree) for item in value]
    if not isinstance(value, dict):
        return value
    if "*" in tree:
        return {k: apply_tree(v, tree.get(k)) for k, v in value.items()}
    return {k: apply_tree(value[k], sub) for k, sub in tree.items() if k in value}


def project_envelope(envelope: dict[str, Any], response_fields: str) -> dict[str, Any]:
    tree = parse_response_fields(response_fields)
    selected = apply_tree(envelope, tree)
    for key in _ALWAYS_KEPT:
        selected.setdefault(key, envelope[key])
    return {k: selected[k] for k in envelope if k in selected}


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


# Older ``params`` names (still the contract's defaults) for today's field names.
_PARAM_ALIASES = {
    "store_name": ("name",),
    "store_url": ("url",),
    "address": ("billing_address", "shipping_address"),
    "items": ("order_products",),
}


def select_fields(entity: dict[str, Any], params: str | None, exclude: str | None) -> dict[str, Any]:
    """Apply ``params`` / ``exclude`` to one entity's top-level fields."""
    wanted = _split(params)
    if wanted and "force_all" not in wanted:
        names = [alias for w in wanted for alias in (w, *_PARAM_ALIASES.get(w, ()))]
        entity = {k: entity[k] for k in dict.fromkeys(names) if k in entity}
    dropped = set(_split(exclude))
    if dropped:
        entity = {k: v for k, v in entity.items() if k not in dropped}
    return entity
