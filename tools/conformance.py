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
    parser.add_argument("--write", action="store_true",
                        help="rewrite the page's rows of the replayed platforms: every case "
                             "that differs, its listed reason kept, new ones drafted")
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
    if args.write:
        drafted = write(outcomes, platforms)
        print(f"rows written; {drafted} drafted (grep TODO in {DOC.name} for those to word)")
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


def _rows(outcomes: list[Outcome]) -> list[tuple[str, bool]]:
    """Every differing case of ``outcomes`` as a row, in the replay's order, with whether its
    reason was drafted (not listed for the same case and codes)."""
    listed, differing = documented(), differences(outcomes)
    rows = []
    for o in outcomes:
        codes = differing.get((o.platform, o.case.id))
        if codes is None:
            continue
        kept = listed.get((o.platform, o.case.id))
        if kept is not None and kept[0] == codes:
            rows.append((f"| {o.platform} | `{o.case.id}` | {codes} | {kept[1]} |", False))
        else:
            rows.append((missing_rows([o])[0], True))
    return rows


def write(outcomes: list[Outcome], platforms: list[str]) -> int:
    """docs/conformance.md's table with the rows of ``platforms`` made from ``outcomes``
    (the others' rows kept, every platform in STORES' order); the number drafted."""
    lines = DOC.read_text().splitlines(keepends=True)
    at = [n for n, line in enumerate(lines) if ROW.match(line.rstrip("\n"))]
    first, last = at[0], at[-1]
    old: dict[str, list[str]] = {}
    for line in lines[first:last + 1]:
        row = ROW.match(line.rstrip("\n"))
        if row:
            old.setdefault(row[1], []).append(line)
    new = _rows(outcomes)
    table: list[str] = []
    for name in STORES:
        if name in platforms:
            table += [row + "\n" for row, _ in new if row.startswith(f"| {name} |")]
        else:
            table += old.get(name, [])
    DOC.write_text("".join(lines[:first] + table + lines[last + 1:]))
    return sum(drafted for _, drafted in new)


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
_MISSING = re.compile(r"^\w[\w ]* with id (\S+) not found$")
_NOT_SERVED = re.compile(r"^Method '([^']+)' is not supported by platform")


def _reason(o: Outcome) -> str | None:
    """The reason read from AnyCart's own answer, where its shape says it: a parameter the
    driver refuses, a record the case names that the store lacks, a method the platform does
    not serve."""
    if m := _REFUSED.match(o.message):
        return (f"{o.platform} cannot apply `{m[1]}`, and AnyCart refuses a contract parameter a "
                "driver cannot apply, naming it, instead of ignoring it, as a value check "
                "before anything missing (`anycart/platforms/applied.py`); the recording's "
                "marketplace takes it.")
    sent = {str(v) for v in (o.case.sent or {}).values() if not isinstance(v, (list, dict))}
    if (m := _MISSING.match(o.message)) and m[1] in sent:
        return ("The recording names the marketplace's own order or offer, which is not in "
                "this store: the lookup (112) answers before the marketplace rule recorded "
                "here could apply.")
    if m := _NOT_SERVED.match(o.message):
        return (f"{o.platform} does not serve `{m[1]}` (120 names method and platform); "
                "API2Cart's answer comes from that method's own checks.")
    return None


if __name__ == "__main__":
    main()
