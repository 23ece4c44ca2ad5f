"""The ``anycart`` command: serve, demo, accounts, stores and one-off calls."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from anycart.config import Settings
from anycart.plugins.cli import plugin_app

if TYPE_CHECKING:  # the CLI starts fast: the services are imported when a command runs
    from anycart.services import Services

app = typer.Typer(help="AnyCart: a self-hosted unified e-commerce API (API2Cart v1.1 contract).",
                  no_args_is_help=True)
account_app = typer.Typer(help="Manage accounts.", no_args_is_help=True)
store_app = typer.Typer(help="Manage the stores of an account.", no_args_is_help=True)
app.add_typer(account_app, name="account")
app.add_typer(store_app, name="store")
webhook_app = typer.Typer(help="Webhook signing secret and redelivery.", no_args_is_help=True)
app.add_typer(webhook_app, name="webhook")
bridge_app = typer.Typer(help="The connection bridge of self-hosted carts.", no_args_is_help=True)
app.add_typer(bridge_app, name="bridge")
app.add_typer(plugin_app, name="plugin")
console = Console()
err = Console(stderr=True)


def _services(**kwargs: Any) -> Services:
    from anycart.services import build_services

    return build_services(Settings(), **kwargs)


def _pairs(items: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        if "=" not in item:
            raise typer.BadParameter(f"'{item}' is not key=value")
        key, value = item.split("=", 1)
        out.setdefault(key, []).append(value)
    return out


def _gateway_call(services: Services, method: str, api_key: str, store_key: str | None,
                  params: dict[str, list[str]]) -> Any:
    """Call the gateway in-process, exactly as the HTTP layer does: the envelope, or the
    file of a method that answers one (bridge.download)."""
    op = services.catalogue.get(method)
    headers = {"x-api-key": api_key, **({"x-store-key": store_key} if store_key else {})}
    body = None
    query = params
    if op is not None and op.body is not None:
        body = json.dumps({k: _json_value(v[-1]) for k, v in params.items()}).encode()
        query = {}
    return asyncio.run(services.gateway.handle(method, query, headers, body))


def _json_value(text: str) -> Any:
    """``key=value`` on the command line: JSON when it parses (numbers, arrays), else text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _print_json(data: Any) -> None:
    console.print_json(json.dumps(data, default=str))


@app.command()
def serve(host: str = typer.Option("127.0.0.1", help="Interface to bind."),
          port: int = typer.Option(8000, help="Port to listen on.")) -> None:
    """Run the gateway (HTTP API, docs at /docs)."""
    import uvicorn

    from anycart.http.app import create_app
    from anycart.redact import uvicorn_log_config

    uvicorn.run(create_app(_services()), host=host, port=port, log_level="info",
                log_config=uvicorn_log_config())  # keys in query strings never logged


@app.command()
def worker(concurrency: int = typer.Option(0, help="Deliveries in flight (0: from settings)."),
           once: bool = typer.Option(False, "--once", help="Do what is due now, then exit.")) -> None:
    """Run a worker: poll stores, deliver webhooks, run batch jobs (scale-out mode).

    Start any number of these against one PostgreSQL database (ANYCART_DATABASE_URL) and run
    the gateway with ANYCART_EMBEDDED_WORKER=false. Stop with Ctrl-C or SIGTERM.
    """
    import signal

    from anycart.worker.loop import Worker

    services = _services()
    if concurrency:
        services.settings.delivery_concurrency = concurrency
    work = Worker(services)

    async def main() -> None:
        if once:
            await work.drain()
            return
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        err.print(f"worker running (pid {os.getpid()}, database "
                  f"{services.db.engine.url.render_as_string(hide_password=True)})")
        await work.run(stop)

    asyncio.run(main())
    err.print(f"worker stopped: {dict(work.stats)}")


def _account_id(services: Services, api_key: str) -> int:
    account = services.repo.authenticate(api_key)
    if account is None:
        err.print("[red]Incorrect API Key[/]")
        raise typer.Exit(2)
    return int(account.id)


@webhook_app.command("secret")
def webhook_secret(api_key: str = typer.Option(..., envvar="ANYCART_API_KEY")) -> None:
    """Print the account's webhook signing secret (whsec_...)."""
    from anycart.webhooks.outbox import account_secret

    services = _services()
    console.print(account_secret(services.db, _account_id(services, api_key)))


@webhook_app.command("redeliver")
def webhook_redeliver(api_key: str = typer.Option(..., envvar="ANYCART_API_KEY"),
                      webhook_id: int | None = typer.Option(None, help="Only this webhook."),
                      event_id: str | None = typer.Option(None, help="Only this event.")) -> None:
    """Queue failed deliveries (see account.failed_webhooks) to be sent again."""
    from anycart.webhooks.outbox import redeliver

    services = _services()
    count = redeliver(services.db, _account_id(services, api_key), webhook_id, event_id)
    console.print(f"{count} failed deliver{'y' if count == 1 else 'ies'} queued again")


@account_app.command("create")
def account_create(name: str = typer.Argument("default", help="A name for the account.")) -> None:
    """Create an account and print its api_key (shown once, only a hash is stored)."""
    services = _services()
    account, api_key = services.repo.create_account(name)
    console.print(f"account [bold]{account.name}[/] (id {account.id})")
    console.print(f"api_key: [bold green]{api_key}[/]")


@store_app.command("add")
def store_add(cart_id: str = typer.Option(..., help="Platform, e.g. 3DCart."),
              api_key: str = typer.Option(..., envvar="ANYCART_API_KEY"),
              param: Annotated[list[str] | None, typer.Argument(
                  help="Credentials as key=value, e.g. store_url=https://...")] = None) -> None:
    """Connect a store (same validation as account.cart.add)."""
    params = _pairs(param or [])
    params["cart_id"] = [cart_id]
    answer = _gateway_call(_services(), "account.cart.add", api_key, None, params)
    _print_json(answer)
    if answer["return_code"]:
        raise typer.Exit(1)


@store_app.command("list")
def store_list(api_key: str = typer.Option(..., envvar="ANYCART_API_KEY")) -> None:
    """List the account's stores."""
    answer = _gateway_call(_services(), "account.cart.list", api_key, None, {})
    if answer["return_code"]:
        _print_json(answer)
        raise typer.Exit(1)
    table = Table("store_key", "cart_id", "url", "label", "status")
    for cart in answer["result"]["carts"]:
        status = (cart.get("additional_fields") or {}).get("status", "")
        table.add_row(cart["store_key"], cart["cart_id"], cart["url"], cart["custom_label"], status)
    console.print(table)


@store_app.command("remove")
def store_remove(store_key: str = typer.Argument(...),
                 api_key: str = typer.Option(..., envvar="ANYCART_API_KEY")) -> None:
    """Disconnect a store (cart.delete)."""
    answer = _gateway_call(_services(), "cart.delete", api_key, store_key, {})
    _print_json(answer)
    if answer["return_code"]:
        raise typer.Exit(1)


@bridge_app.command("download")
def bridge_download(store_key: str = typer.Argument(..., help="The store (added with verify=false)."),
                    api_key: str = typer.Option(..., envvar="ANYCART_API_KEY"),
                    output: Annotated[Path, typer.Option("--output", "-o")] = Path("bridge.zip"),
                    whitelabel: bool = typer.Option(False, help="No AnyCart name in the bridge.")) -> None:
    """Write the store's bridge.zip (bridge.download): unzip it in the store root, then run
    ``anycart call cart.validate``."""
    answer = _gateway_call(_services(), "bridge.download", api_key, store_key,
                           {"whitelabel": [str(whitelabel).lower()]})
    if isinstance(answer, dict):
        _print_json(answer)
        raise typer.Exit(1)
    output.write_bytes(answer.content)
    console.print(f"[green]wrote[/green] {output} ({len(answer.content)} bytes): unzip it in the "
                  f"store root so that bridge2cart/bridge.php is served, then validate the store.")


@app.command("export")
def export_entity(entity: Annotated[str, typer.Argument(
                      help="product, category, customer, order, return.")],
                  out: Annotated[Path, typer.Option("--out", help="The file to write.")],
                  store_key: str = typer.Option(..., envvar="ANYCART_STORE_KEY"),
                  api_key: str = typer.Option(..., envvar="ANYCART_API_KEY"),
                  fmt: str = typer.Option(..., "--format", help="jsonl, csv or parquet."),
                  since: str | None = typer.Option(
                      None, help="Only records modified since DATE, or since the last export "
                                 "of this store and entity ('last')."),
                  resume: bool = typer.Option(False, "--resume",
                                              help="Continue an interrupted export of --out."),
                  url: str | None = typer.Option(
                      None, help="Export through this running AnyCart server (anycart serve / "
                                 "demo) instead of in-process.")) -> None:
    """Stream every record of an entity to a file, through the same method layer as the API
    (docs/export.md)."""
    from anycart.export import ExportError
    from anycart.export.cli import run_export

    try:
        result = run_export(_services, entity, store_key, api_key, fmt, out, since, resume, err,
                            url, Settings().data_dir / "export-sync.json")
    except ExportError as exc:
        err.print(f"[red]export refused[/]: {exc}")
        raise typer.Exit(2) from None
    err.print(f"{result.written} {entity} record(s) written to {out}"
              + (" (resumed)" if result.resumed else ""))


#: Where ``anycart serve`` and ``anycart demo`` listen unless told otherwise.
DEFAULT_URL = "http://127.0.0.1:8000"


@app.command()
def call(method: str = typer.Argument(..., help="Contract method, e.g. product.list."),
         param: Annotated[list[str] | None, typer.Argument(
             help="Parameters as key=value.")] = None,
         api_key: str = typer.Option(..., envvar="ANYCART_API_KEY"),
         store_key: str | None = typer.Option(None, envvar="ANYCART_STORE_KEY"),
         url: str = typer.Option(DEFAULT_URL, envvar="ANYCART_URL",
                                 help="The running AnyCart server (anycart serve / demo).")) -> None:
    """Call one contract method on the running server and print the JSON answer."""
    import httpx

    from anycart.sdk import Client

    values = _call_values(method, _pairs(param or []))
    try:
        with Client(url, api_key, store_key) as client:
            answer = client.envelope(method, **values)
    except httpx.TransportError as exc:
        err.print(f"[red]No AnyCart server answers at {url}[/] ({type(exc).__name__}). Start one "
                  "with `anycart serve` or `anycart demo`, or point --url (ANYCART_URL) at it.")
        raise typer.Exit(2) from None
    except httpx.HTTPStatusError as exc:
        err.print(f"[red]{url} is not an AnyCart server[/]: {exc}")
        raise typer.Exit(2) from None
    _print_json(answer)
    if answer.get("return_code"):
        raise typer.Exit(1)


def _call_values(method: str, params: dict[str, list[str]]) -> dict[str, Any]:
    """Values as typed (``sku=007``, ``model=1e5`` stay text: the server coerces numbers where
    the contract wants them); in a JSON body, ``[...]`` and ``{...}`` are JSON (arrays,
    objects); in a query, a repeated key is a list."""
    from anycart.contract.catalogue import load_catalogue

    op = load_catalogue().get(method)
    if op is not None and op.body is not None:
        return {k: _json_value(v[-1]) if v[-1].lstrip()[:1] in ("[", "{") else v[-1]
                for k, v in params.items()}
    return {k: v[-1] if len(v) == 1 else v for k, v in params.items()}


@app.command()
def demo(host: str = typer.Option("127.0.0.1"), port: int = typer.Option(8000),
         products: int = typer.Option(500, min=10, max=100_000,
                                      help="Size of the sandbox catalogs (of a fresh demo)."),
         reset: bool = typer.Option(False, "--reset",
                                    help="Forget the demo's account, keys and sandbox data."),
         no_serve: bool = typer.Option(False, "--no-serve", help="Set up and print, then exit.")) -> None:
    """Start the gateway with sandbox stores of each hosted platform; print keys and a curl line.

    Keys and sandbox data are kept in the data dir between runs (--reset starts afresh)."""
    from anycart.demo import SANDBOXES, demo_app, prepare_demo

    local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    base = f"http://{local}:{port}"
    settings = Settings()
    setup = prepare_demo(settings, products=products, reset=reset, public_url=base)
    names = [box.label for box in SANDBOXES]
    console.print(f"[bold]AnyCart demo[/]: {', '.join(names[:-1])} and {names[-1]} sandbox stores "
                  f"({setup.products} products each) are connected.")
    console.print(f"api_key:   [bold green]{setup.api_key}[/]")
    for box in SANDBOXES:
        console.print(f"{box.key}: [bold green]{setup.store_keys[box.name]}[/]  ({box.label})")
    console.print("try:")
    console.print(f"  curl -s '{base}/v1.1/product.list.json?api_key={setup.api_key}"
                  f"&store_key={setup.store_key}&count=3'", soft_wrap=True)
    console.print(f"  anycart call product.count --url {base} --api-key {setup.api_key} "
                  f"--store-key {setup.store_key}", soft_wrap=True)
    console.print("webhooks: callbacks on this machine (loopback: 127.0.0.1, localhost) are "
                  "allowed in the demo; other private networks are not. The Shopify sandbox "
                  f"pushes native webhooks to {settings.public_url}/ingress/...", soft_wrap=True)
    resumed = (f"resumed ({setup.replayed} sandbox writes replayed), " if setup.resumed
               else "")
    console.print(f"state: {resumed}kept in {settings.data_dir.resolve()} across restarts; "
                  "`anycart demo --reset` starts afresh.", soft_wrap=True)
    if setup.resumed and products != setup.products:
        console.print(f"(--products {products} applies to a fresh demo: add --reset)")
    console.print(f"docs: {base}/docs")
    if no_serve:
        setup.services.db.dispose()
        return
    import uvicorn

    from anycart.redact import uvicorn_log_config

    uvicorn.run(demo_app(setup), host=host, port=port, log_level="info",
                log_config=uvicorn_log_config())


if __name__ == "__main__":  # pragma: no cover
    app()
