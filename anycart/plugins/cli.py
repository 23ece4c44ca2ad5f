"""``anycart plugin``: build a connector plugin, decrypt and accept its connect callback."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:  # the CLI starts fast: crypto and services load when a command runs
    from anycart.connect.callback import Callback

plugin_app = typer.Typer(help="One-click connector plugins (WooCommerce, OpenCart, PrestaShop).",
                         no_args_is_help=True)
console = Console()
err = Console(stderr=True)

_Headers = Annotated[list[str] | None, typer.Option(
    "--header", "-H", help="A received header, 'name: value' (x-webhook-cart-id, "
                           "x-webhook-timestamp).")]
_PrivateKey = Annotated[Path | None, typer.Option(
    help="The private key that decrypts callbacks (none: a --no-encryption plugin).")]


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}")
    return typer.Exit(1)


@plugin_app.command("build")
def build(cart: Annotated[str, typer.Option(help="woocommerce, opencart or prestashop.")],
          name: Annotated[str, typer.Option(help="The plugin's name.")],
          company: Annotated[str, typer.Option(help="Shown as its author.")],
          description: Annotated[str, typer.Option(help="One line shown in the cart's admin.")],
          callback: Annotated[str, typer.Option(help="Where Connect sends the store's keys.")],
          out: Annotated[Path, typer.Option(help="Folder for the package(s) and new keys.")],
          logo: Annotated[Path | None, typer.Option(help="An image shown by the plugin.")] = None,
          public_key: Annotated[Path | None, typer.Option(help="Your RSA public key (PEM).")] = None,
          generate_keys: Annotated[bool, typer.Option(
              help="Make a 2048-bit key pair in --out (the private key is never overwritten).")]
          = False,
          no_encryption: Annotated[bool, typer.Option(
              help="Send the callback as plain JSON (only over https you trust).")] = False) -> None:
    """Build an installable connector plugin for one cart."""
    from anycart.connect.errors import PluginError
    from anycart.connect.keys import generate_keys as make_keys
    from anycart.connect.keys import load_public_key

    from .build import BuildOptions
    from .build import build as build_package

    if sum((public_key is not None, generate_keys, no_encryption)) != 1:
        raise _fail("give exactly one of --public-key FILE, --generate-keys, --no-encryption")
    try:
        pem = None
        if generate_keys:
            private_path, public_path = make_keys(out)
            console.print(f"private key: {private_path} (mode 0600; keep it, it decrypts "
                          "every store's callback)")
            pem = public_path.read_text()
        elif public_key is not None:
            pem = load_public_key(public_key)
        written = build_package(BuildOptions(cart, name, company, description, callback, pem,
                                             logo), out)
    except PluginError as exc:
        raise _fail(str(exc)) from None
    for path in written:
        console.print(f"[green]wrote[/green] {path}")


def _read(body: Path, headers: list[str] | None, private_key: Path | None,
          window: int) -> Callback:
    from anycart.connect.callback import read_callback
    from anycart.connect.keys import load_private_key

    pairs: dict[str, str] = {}
    for item in headers or []:
        if ":" not in item:
            raise typer.BadParameter(f"'{item}' is not 'name: value'")
        key, value = item.split(":", 1)
        pairs[key.strip()] = value.strip()
    rsa_key = load_private_key(private_key) if private_key else None
    return read_callback(body.read_bytes(), pairs, rsa_key, window_s=window)


@plugin_app.command("decrypt")
def decrypt(body: Annotated[Path, typer.Argument(help="The received request body.")],
            header: _Headers = None, private_key: _PrivateKey = None,
            window: Annotated[int, typer.Option(help="Allowed timestamp skew (s).")] = 300) -> None:
    """Decrypt and check one connect callback; print its fields."""
    from anycart.connect.errors import PluginError

    try:
        callback = _read(body, header, private_key, window)
    except PluginError as exc:
        raise _fail(str(exc)) from None
    console.print_json(json.dumps({"cart_id": callback.cart_id, **callback.fields.model_dump()}))


@plugin_app.command("accept")
def accept(body: Annotated[Path, typer.Argument(help="The received request body.")],
           api_key: Annotated[str, typer.Option(envvar="ANYCART_API_KEY")],
           header: _Headers = None, private_key: _PrivateKey = None,
           window: Annotated[int, typer.Option(help="Allowed timestamp skew (s).")] = 300,
           verify: Annotated[bool, typer.Option(help="Check the bridge answers first.")] = True,
           ) -> None:
    """Decrypt a connect callback and add the store to the account (or, for an uninstalled
    plugin's callback, mark it disconnected)."""
    from anycart.config import Settings
    from anycart.connect.errors import PluginError
    from anycart.services import build_services

    from .accept import accept as accept_callback

    services = build_services(Settings())
    account = services.repo.authenticate(api_key)
    if account is None:
        raise _fail("unknown api_key")
    try:
        callback = _read(body, header, private_key, window)
        done = asyncio.run(accept_callback(services, account.id, callback, verify))
    except PluginError as exc:
        raise _fail(str(exc)) from None
    console.print_json(json.dumps({"event": done.event, "store_key": done.store_key,
                                   "store_url": done.store_url}))
