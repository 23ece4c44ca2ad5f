"""API2Cart's recorded error cases (../shared/reference/a2c-recordings) replayed against every
platform AnyCart has: Shift4Shop, Shopify and WooCommerce's REST API on their simulators,
OpenCart, WooCommerce and PrestaShop through bridge.php on real PHP and MariaDB
(``tests/conformance/``).

The same request must get the same return_code. Where it does not, docs/conformance.md lists
the case for that platform with the reason (a marketplace's own rule, a method no driver
serves yet, ...); this test fails on a difference not listed there, on a listed one whose
codes changed, and on a listed one that no longer differs, so the list cannot go stale.
``python3 tools/conformance.py`` prints the rates.
"""

from __future__ import annotations

import pytest

from tests.bridge.mariadb import mariadb  # noqa: F401  (session fixture)
from tests.conformance.cases import RECORDINGS, load_cases
from tests.conformance.replay import Rates, differences, documented, replay
from tests.conformance.stores import STORES

CASES = load_cases()


def test_recordings_are_present():
    assert RECORDINGS.exists(), f"reference recordings not found at {RECORDINGS}"
    assert len(CASES) >= 100
    assert sum(1 for c in CASES if c.kind) >= 40  # the generic ones the rates are about


def test_documented_rows_name_real_cases_and_platforms():
    ids = {c.id for c in CASES}
    for platform, case in documented():
        assert platform in STORES, platform
        assert case in ids, case


@pytest.mark.parametrize("platform", sorted(STORES))
async def test_recorded_cases_get_api2carts_return_code(platform, mariadb):
    outcomes = await replay([platform], mariadb, CASES)
    differing = differences(outcomes)
    listed = {key: codes for key, (codes, _why) in documented().items() if key[0] == platform}
    unlisted = {k: v for k, v in differing.items() if k not in listed}
    by_case = {o.case.id: o for o in outcomes}
    assert not unlisted, "differences not listed in docs/conformance.md:\n" + "\n".join(
        f"| {p} | `{c}` | {codes} | {by_case[c].message} |" for (p, c), codes in sorted(unlisted.items()))
    changed = {k: (listed[k], v) for k, v in differing.items() if listed[k] != v}
    assert not changed, f"listed with other codes than answered now (listed, now): {changed}"
    stale = set(listed) - set(differing)
    assert not stale, f"listed in docs/conformance.md but now answered as API2Cart: {sorted(stale)}"
    # The platform-independent cases (missing, empty, mistyped, unknown id) must keep matching.
    assert Rates.of(outcomes).generic_code_match >= 0.9


def test_the_tool_drafts_a_reason_from_answers_it_recognises():
    from tests.conformance.replay import Outcome
    from tools.conformance import missing_rows

    case = next(c for c in CASES if c.code not in (107, 109, 120))
    refused = Outcome("Nowhere", case, 109, "Parameter 'store_id' is not supported by Nowhere: "
                      "the driver cannot apply it, so it is refused rather than ignored.")
    unserved = Outcome("Nowhere", case, 120, "Method 'x.y' is not supported by platform 'N'.")
    other = Outcome("Nowhere", case, 107, "something else")
    assert missing_rows([refused])[0].startswith(
        f"| Nowhere | `{case.id}` | {case.code} -> 109 | Nowhere cannot apply `store_id`, ")
    assert "Nowhere does not serve `x.y` (120" in missing_rows([unserved])[0]
    assert missing_rows([other])[0].endswith("| TODO something else |")
