"""``anycart export`` in-process (the store's calls go through the gateway exactly as an HTTP
request would: same authentication, parameter checks, paging, projection), or with ``--url``
through a running AnyCart server (``anycart serve``, ``anycart demo``) over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from anycart.export.progress import Bar
from anycart.export.runner import ExportError, ExportResult, check_request, export
from anycart.export.runs import RunLog
from anycart.export.sync import FileMarks, StoredMarks

if TYPE_CHECKING:
    from anycart.services import Services


def gateway_call(services: Services, api_key: str, store_key: str) -> Any:
    headers = {"x-api-key": api_key, "x-store-key": store_key}

    async def call(method: str, params: dict[str, str]) -> dict[str, Any]:
        answer = await services.gateway.handle(method, {k: [v] for k, v in params.items()},
                                               headers, None)
        if not isinstance(answer, dict):  # a file answer: no list method gives one
            raise ExportError(f"{method} did not answer an envelope")
        return answer

    return call


async def export_in_process(services: Services, entity: str, store_key: str, api_key: str,
                            fmt: str, out: Path, since: str | None, resume: bool,
                            console: Console | None,
                            after_page: Callable[[int], None] | None = None) -> ExportResult:
    """Check the request, the api_key and the store, then export with a progress bar on
    ``console`` (none without one)."""
    check_request(entity, fmt, since)
    account = services.repo.authenticate(api_key)
    if account is None:
        raise ExportError("Incorrect API Key")
    store = services.repo.get_store(account.id, store_key)
    if store is None:
        raise ExportError(f"no store with store_key {store_key!r} in this account")
    call = gateway_call(services, api_key, store_key)
    marks = StoredMarks(services.db, store.id)
    run = RunLog(services.db, store.id, entity, fmt, out, since, resume)  # for the dashboard
    try:
        if console is None:
            return await export(call, entity, fmt, out, store_key=store_key, since=since,
                                resume=resume, sync=marks, progress=run, after_page=after_page)
        with Bar(f"{entity} export", console) as bar:
            run.inner = bar
            return await export(call, entity, fmt, out, store_key=store_key, since=since,
                                resume=resume, sync=marks, progress=run, after_page=after_page)
    except BaseException as exc:
        run.fail(exc)
        raise


async def export_over_http(url: str, marks_file: Path, entity: str, store_key: str, api_key: str,
                           fmt: str, out: Path, since: str | None, resume: bool,
                           console: Console | None) -> ExportResult:
    """The same export against the server at ``url``; ``--since last`` marks in
    ``marks_file`` (this machine has no access to the server's storage)."""
    import httpx

    headers = {"x-api-key": api_key, "x-store-key": store_key}
    async with httpx.AsyncClient(base_url=url.rstrip("/") + "/v1.1/", timeout=300) as client:

        async def call(method: str, params: dict[str, str]) -> dict[str, Any]:
            try:
                response = await client.get(f"{method}.json", params=params, headers=headers)
                answer = response.json()
            except httpx.TransportError as exc:
                raise ExportError(f"no AnyCart server answers at {url} ({type(exc).__name__})") \
                    from None
            except ValueError:
                answer = None
            if not isinstance(answer, dict) or "return_code" not in answer:
                raise ExportError(f"{url} is not an AnyCart server (HTTP {response.status_code})")
            return answer

        marks = FileMarks(marks_file, f"{url.rstrip('/')} {store_key}")
        if console is None:
            return await export(call, entity, fmt, out, store_key=store_key, since=since,
                                resume=resume, sync=marks)
        with Bar(f"{entity} export", console) as bar:
            return await export(call, entity, fmt, out, store_key=store_key, since=since,
                                resume=resume, sync=marks, progress=bar)


def run_export(make_services: Callable[[], Services], entity: str, store_key: str, api_key: str,
               fmt: str, out: Path, since: str | None, resume: bool,
               console: Console, url: str | None = None,
               marks_file: Path | None = None) -> ExportResult:
    check_request(entity, fmt, since)  # before opening the database
    if url:
        return asyncio.run(export_over_http(url, marks_file or Path("export-sync.json"), entity,
                                            store_key, api_key, fmt, out, since, resume, console))
    services = make_services()

    async def run() -> ExportResult:
        try:
            return await export_in_process(services, entity, store_key, api_key, fmt, out, since,
                                           resume, console)
        finally:
            await services.http.aclose()

    try:
        return asyncio.run(run())
    finally:
        services.db.dispose()
