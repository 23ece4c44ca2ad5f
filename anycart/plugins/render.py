"""Jinja2 over the package's templates: ``php`` quotes a value as a PHP string literal;
XML templates are autoescaped, PHP and Twig ones quote or escape where they use a value."""

from __future__ import annotations

from typing import Any

import jinja2


def php_string(value: object) -> str:
    text = str(value)
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("anycart.plugins", "templates"),
    autoescape=lambda name: bool(name and name.endswith(".xml.j2")),
    undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
_ENV.filters["php"] = php_string


def render(template: str, values: dict[str, Any]) -> str:
    return _ENV.get_template(template).render(**values)
