"""Replay every recorded case against every store; compare with API2Cart's answers."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tests.bridge.mariadb import MariaDb
from tests.conformance.cases import Case, load_cases
from tests.conformance.stores import STORES

DOC = Path(__file__).resolve().parents[2] / "docs" / "conformance.md"
#: A row of docs/conformance.md's tables: | platform | `case` | recorded -> AnyCart | why |
ROW = re.compile(r"^\| (\w+) \| `([^`]+)` \| (\d+) -> (\d+) \| (.+) \|$", re.M)


@dataclass(frozen=True)
class Outcome:
    platform: str
    case: Case
    code: int
    message: str

    @property
    def code_match(self) -> bool:
        return self.code == self.case.code

    @property
    def message_match(self) -> bool:
        return self.code_match and self.message == self.case.message


async def replay(platforms: Iterable[str], mariadb: MariaDb,
                 cases: list[Case] | None = None) -> list[Outcome]:
    cases = cases if cases is not None else load_cases()
    outcomes = []
    for name in platforms:
        with tempfile.TemporaryDirectory(prefix=f"conformance-{name}-") as tmp:
            async with STORES[name](Path(tmp), mariadb) as store:
                for case in cases:
                    answer = await store.replay(case)
                    outcomes.append(Outcome(name, case, int(answer["return_code"]),
                                            str(answer["return_message"])))
    return outcomes


@dataclass(frozen=True)
class Rates:
    cases: int
    code_match: float
    generic_code_match: float
    #: Over the generic cases whose answer was recorded: their messages are API2Cart's words.
    message_match: float

    @classmethod
    def of(cls, outcomes: list[Outcome]) -> Rates:
        generic = [o for o in outcomes if o.case.kind]
        return cls(len(outcomes),
                   _share(o.code_match for o in outcomes),
                   _share(o.code_match for o in generic),
                   _share(o.message_match for o in generic if o.case.message is not None))

    def line(self) -> str:
        return (f"code_match={self.code_match:.3f} generic_code_match="
                f"{self.generic_code_match:.3f} message_match={self.message_match:.3f}")


def _share(flags: Iterable[bool]) -> float:
    seen = list(flags)
    return sum(seen) / len(seen) if seen else 1.0


def differences(outcomes: list[Outcome]) -> dict[tuple[str, str], str]:
    """(platform, case) -> "recorded -> AnyCart" of every case whose code differs."""
    return {(o.platform, o.case.id): f"{o.case.code} -> {o.code}"
            for o in outcomes if not o.code_match}


def documented(text: str | None = None) -> dict[tuple[str, str], tuple[str, str]]:
    """(platform, case) -> ("recorded -> AnyCart", why) as docs/conformance.md lists them."""
    text = text if text is not None else DOC.read_text()
    return {(m[1], m[2]): (f"{m[3]} -> {m[4]}", m[5]) for m in ROW.finditer(text)}
