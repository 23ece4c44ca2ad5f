"""Replay API2Cart's recorded error cases against every platform AnyCart has.

    python3 tools/conformance.py [--platform Shopify ...] [--diff]

Each platform is a real store: Shift4Shop, Shopify and WooCommerce's REST API on their
simulators, OpenCart,
WooCommerce and PrestaShop through bridge.php on real PHP and MariaDB (a private MariaDB is
started unless ANYCART_TEST_MARIADB_URL names one). Prints per platform the share of cases
answered with API2Cart's return_code (all, and the generic ones: missing, empty, wrong type,
enum, not found) and of generic cases answered with its exact return_message; the last line
is the total. ``--diff`` lists every case whose code differs. ``--rows`` prints the rows
docs/conformance.md lacks (a case that differs unlisted), each with the reason another
platform's row gives for the same case and codes, to review before pasting.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.bridge.mariadb import configured, start_private_server
from tests.conformance.replay import DOC, ROW, Outcome, Rates, differences, documented, replay
from tests.conformance.stores import STORES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", action="append", choices=sorted(STORES))
    parser.add_argument("--diff", action="store_true", help="list the cases that differ")
    parser.add_argument("--rows", action="store_true", help="print the rows the page lacks")
    parser.add_argument("--prune", action="store_true",
                        help="drop the page's rows of cases that no longer differ so")
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
    if args.rows:
        print("\n".join(missing_rows(outcomes)))
    if args.prune:
        for row in prune(outcomes, platforms):
            print(f"dropped: {row}")
    print(Rates.of(outcomes).line())


def missing_rows(outcomes: list[Outcome]) -> list[str]:
    """docs/conformance.md rows for the differences it does not list; the reason is the one
    another platform's row gives for the same case and codes (its name replaced), else the
    answer's message, to be reworded."""
    listed = documented()
    differing = differences(outcomes)
    rows = []
    for o in outcomes:  # the replay's order: per platform, the cases as the page lists them
        codes = differing.get((o.platform, o.case.id))
        if codes is None or listed.get((o.platform, o.case.id), ("",))[0] == codes:
            continue
        why = _reason(o) or next((w.replace(p, o.platform) for (p, c), (k, w) in listed.items()
                                  if c == o.case.id and k == codes), f"TODO {o.message}")
        rows.append(f"| {o.platform} | `{o.case.id}` | {codes} | {why} |")
    return rows


def prune(outcomes: list[Outcome], platforms: list[str]) -> list[str]:
    """Drop from docs/conformance.md the rows of the replayed platforms whose case now gets
    API2Cart's code or other codes than listed; the dropped rows."""
    differing = differences(outcomes)
    kept, dropped = [], []
    for line in DOC.read_text().splitlines(keepends=True):
        row = ROW.match(line.rstrip("\n"))
        if row and row[1] in platforms and differing.get((row[1], row[2])) != f"{row[3]} -> {row[4]}":
            dropped.append(line.rstrip("\n"))
            continue
        kept.append(line)
    DOC.write_text("".join(kept))
    return dropped


_REFUSED = re.compile(r"^Parameter '([^']+)' is not supported by .*: the driver cannot apply it")
_NOT_SERVED = re.compile(r"^Method '([^']+)' is not supported by platform")


def _reason(o: Outcome) -> str | None:
    """The reason read from AnyCart's own answer, where its shape says it: a parameter the
    driver refuses, a method the platform does not serve."""
    if m := _REFUSED.match(o.message):
        return (f"{o.platform} cannot apply `{m[1]}`, and AnyCart refuses a contract parameter a "
                "driver cannot apply, naming it, instead of ignoring it "
                "(`anycart/platforms/applied.py`); the recording's marketplace takes it.")
    if m := _NOT_SERVED.match(o.message):
        return (f"{o.platform} does not serve `{m[1]}` (120 names method and platform); "
                "API2Cart's answer comes from that method's own checks.")
    return None


if __name__ == "__main__":
    main()
