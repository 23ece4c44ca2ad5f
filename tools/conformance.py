"""Replay API2Cart's recorded error cases against every platform AnyCart has.

    python3 tools/conformance.py [--platform Shopify ...] [--diff]

Each platform is a real store: Shift4Shop, Shopify and WooCommerce's REST API on their
simulators, OpenCart,
WooCommerce and PrestaShop through bridge.php on real PHP and MariaDB (a private MariaDB is
started unless ANYCART_TEST_MARIADB_URL names one). Prints per platform the share of cases
answered with API2Cart's return_code (all, and the generic ones: missing, empty, wrong type,
enum, not found) and of generic cases answered with its exact return_message; the last line
is the total. ``--diff`` lists every case whose code differs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.bridge.mariadb import configured, start_private_server
from tests.conformance.replay import Rates, replay
from tests.conformance.stores import STORES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", action="append", choices=sorted(STORES))
    parser.add_argument("--diff", action="store_true", help="list the cases that differ")
    args = parser.parse_args()
    platforms = args.platform or list(STORES)
    server = None
    mariadb = configured()
    if mariadb is None:
        server = start_private_server()
        mariadb = server.db
    try:
        outcomes = asyncio.run(replay(platforms, mariadb))
    finally:
        if server is not None:
            server.stop()
    for name in platforms:
        mine = [o for o in outcomes if o.platform == name]
        print(f"{name:<12} cases={len(mine)} {Rates.of(mine).line()}")
        if args.diff:
            for o in mine:
                if not o.code_match or (o.case.kind and not o.message_match):
                    print(f"    {'' if o.code_match else '!'}{o.case.kind or '-':<9} {o.case.id}: "
                          f"{o.case.code} {o.case.message!r} -> {o.code} {o.message!r}")
    print(Rates.of(outcomes).line())


if __name__ == "__main__":
    main()
