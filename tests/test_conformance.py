"""Replays API2Cart's recorded error cases (../shared/reference/a2c-recordings) against a test store.

The same request must get the same return_code. Cases that hinge on one marketplace's own rules
(ASIN formats, Bol delivery codes, eBay's 90-day window, ...) cannot be reproduced on a
platform-independent store; they are listed, with the reason, in docs/conformance.md, and this
test checks that list is exactly the set that differs, so it cannot go stale silently.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
RECORDINGS = SHARED / "reference" / "a2c-recordings"


def _cases() -> list[tuple[str, dict, dict]]:
    cases = []
    for response_file in sorted(RECORDINGS.glob("*/*/*/error-*.response.json")):
        request_file = Path(str(response_file).replace(".response.json", ".request.json"))
        if not request_file.exists():
            continue
        case_id = str(response_file.relative_to(RECORDINGS)).replace(".response.json", "")
        cases.append((case_id, json.loads(request_file.read_text()),
                      json.loads(response_file.read_text())))
    return cases


def _documented_differences() -> set[str]:
    text = (ROOT / "docs" / "conformance.md").read_text()
    return set(re.findall(r"^\| `([^`]+)` \|", text, flags=re.M))


CASES = _cases()


def test_recordings_are_present():
    assert RECORDINGS.exists(), f"reference recordings not found at {RECORDINGS}"
    assert len(CASES) >= 100


async def test_recorded_error_cases_get_the_same_return_code(sqlite_env):
    differing: dict[str, str] = {}
    for case_id, request, recorded in CASES:
        method = request["endpoint"].removesuffix(".json")
        op = sqlite_env.services.catalogue.get(method)
        assert op is not None, f"{case_id}: {method} not in the catalogue"
        verb = request.get("method", op.http_method)
        if "body" in request:
            r = await sqlite_env.client.request(verb, f"/v1.1/{method}.json",
                                                params=sqlite_env.keys, json=request["body"])
        else:
            query = {k: (json.dumps(v) if isinstance(v, (list, dict)) else v)
                     for k, v in request.get("query", {}).items()}
            r = await sqlite_env.client.request(verb, f"/v1.1/{method}.json",
                                                params={**sqlite_env.keys, **query})
        assert r.status_code == 200, f"{case_id}: HTTP {r.status_code}"
        got = r.json()
        if got["return_code"] != recorded["return_code"]:
            differing[case_id] = f"{recorded['return_code']} -> {got['return_code']} {got['return_message']}"
    documented = _documented_differences()
    undocumented = {k: v for k, v in differing.items() if k not in documented}
    assert not undocumented, "differences not listed in docs/conformance.md:\n" + "\n".join(
        f"{k}: {v}" for k, v in sorted(undocumented.items()))
    stale = documented - set(differing)
    assert not stale, f"listed in docs/conformance.md but now identical: {sorted(stale)}"
    # The platform-independent cases (missing, empty, mistyped, unknown id) must match.
    assert len(CASES) - len(differing) >= 45
