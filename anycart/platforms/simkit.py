"""Pieces every platform simulator shares."""

from __future__ import annotations

from dataclasses import dataclass

#: Names seeded stores draw their customers from (deterministically).
FIRST_NAMES = ("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
               "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph",
               "Jessica", "Thomas", "Sarah", "Carlos", "Aisha", "Wei", "Olga", "Noah", "Emma")
LAST_NAMES = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
              "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor",
              "Thomas", "Moore", "Jackson", "Martin", "Lee", "Nguyen", "Walker")


@dataclass
class Failure:
    status: int
    times: int


class FailureInjection:
    """For a simulated store: make its next authenticated requests answer ``status``
    (500, 503...) with no body, so tests can see retries and error paths."""

    failures: list[Failure]

    def inject_failure(self, status: int = 500, times: int = 1) -> None:
        self.failures.append(Failure(status, times))

    def take_failure(self) -> int | None:
        if not self.failures:
            return None
        f = self.failures[0]
        f.times -= 1
        if f.times <= 0:
            self.failures.pop(0)
        return f.status
