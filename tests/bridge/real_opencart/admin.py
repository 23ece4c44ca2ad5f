"""OpenCart checking AnyCart's writes its own way: the storefront page, and OpenCart's admin
saving the entity's edit form with the values the form shows (what a merchant clicking
"Save" does). The admin's validation is what finds a missing ``seo_url`` row or a value its
model cannot read.

4.x: ``common/login.login`` answers JSON with a ``user_token``; forms are saved through
``catalog/<entity>.save`` (JSON ``success`` or ``error``). 3.x: ``common/login`` redirects with
a ``user_token``; forms post to ``catalog/<entity>/edit``, which redirects to the list on
success and shows the form again with its errors otherwise.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Self

import httpx
import lxml.html

from tests.bridge.real_opencart.install import ADMIN_PASSWORD, ADMIN_USER, Store

FormValues = list[tuple[str, str]]

#: What OpenCart's error and exception handlers print when error_display is on (both
#: versions), and what PHP prints for a fatal error its handler cannot catch.
PHP_ERROR = re.compile(r" in <b>[^<]*</b> on line <b>\d+</b>|\b(?:Fatal error|Parse error|"
                       r"Uncaught \w+|Stack trace):", re.IGNORECASE)


def php_errors(page: str) -> list[str]:
    return [page[max(m.start() - 200, 0):m.end()] for m in PHP_ERROR.finditer(page)]


async def storefront(store: Store, route: str, **params: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=30) as client:
        return await client.get(store.url + "index.php", params={"route": route, **params})


@dataclass
class SaveResult:
    ok: bool
    message: str


class Admin:
    """A logged-in OpenCart admin session."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.base = store.url + "admin/index.php"
        self.client = httpx.AsyncClient(timeout=30)
        self.token = ""

    async def __aenter__(self) -> Self:
        await self.login()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    async def login(self) -> None:
        page = await self.client.get(self.base, params={"route": "common/login"})
        assert page.status_code == 200, page.text[:500]
        credentials = {"username": ADMIN_USER, "password": ADMIN_PASSWORD, "redirect": ""}
        if self.store.major >= 4:
            login_token = re.search(r"login_token=(\w+)", page.text)
            assert login_token, page.text[:500]
            answer = await self.client.post(self.base, data=credentials, params={
                "route": "common/login.login", "login_token": login_token.group(1)})
            where = answer.json().get("redirect", "")
        else:
            answer = await self.client.post(self.base, data=credentials,
                                            params={"route": "common/login"})
            where = answer.headers.get("location", "")
        token = re.search(r"user_token=(\w+)", where)
        assert token, f"admin login failed: {answer.status_code} {answer.text[:500]}"
        self.token = token.group(1)

    async def page(self, route: str, **params: str) -> str:
        """An admin page (``route`` in 4.x spelling, ``sale/order.info``), checked to render
        without PHP errors."""
        if self.store.major < 4:
            route = route.replace(".", "/")
        page = await self.client.get(self.base, params={
            "route": route, "user_token": self.token, **params})
        assert page.status_code == 200, page.text[:500]
        errors = php_errors(page.text)
        assert not errors, f"the admin page {route} shows PHP errors: {errors}"
        return page.text

    async def form(self, entity: str, entity_id: str) -> tuple[str, FormValues]:
        """The edit form's action and the values a browser would submit unchanged."""
        route = f"catalog/{entity}.form" if self.store.major >= 4 else f"catalog/{entity}.edit"
        page = await self.page(route, **{f"{entity}_id": entity_id})
        form = lxml.html.fromstring(page).get_element_by_id(f"form-{entity}")
        return form.action, list(form.form_values())

    async def save(self, entity: str, entity_id: str,
                   changes: Mapping[str, str] | None = None) -> SaveResult:
        """Open the edit form, change ``changes`` (field name -> value), press Save."""
        action, values = await self.form(entity, entity_id)
        for name, value in (changes or {}).items():
            assert any(k == name for k, _ in values), f"{name} is not in the {entity} form"
            values = [(k, value if k == name else v) for k, v in values]
        answer = await self.client.post(
            action, content=urllib.parse.urlencode(values),
            headers={"content-type": "application/x-www-form-urlencoded",
                     "x-requested-with": "XMLHttpRequest"})
        if self.store.major >= 4:
            body = answer.json() if answer.status_code == 200 else {}
            if "success" in body and not body.get("error"):
                return SaveResult(True, body["success"])
            return SaveResult(False, f"{answer.status_code} {answer.text[:2000]}")
        if answer.status_code == 302 and f"route=catalog/{entity}&" in answer.headers["location"]:
            listing = await self.client.get(answer.headers["location"])
            return SaveResult("alert-success" in listing.text, "redirected to the list")
        shown = re.findall(r'class="(?:alert alert-danger|text-danger)[^"]*">(.*?)</div>',
                           answer.text, re.DOTALL)
        return SaveResult(False, f"{answer.status_code} " + "; ".join(
            html.unescape(re.sub(r"<[^>]+>", "", s)).strip() for s in shown if s.strip()))
