"""The export's progress bar (rich): records written of the total, rate, ETA."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "-/s", style="progress.data.speed")


class Bar:
    """A :class:`anycart.export.runner.Progress` drawn by rich on ``console`` (stderr)."""

    def __init__(self, label: str, console: Console) -> None:
        self._progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                                  MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(),
                                  TextColumn("ETA"), TimeRemainingColumn(), console=console,
                                  speed_estimate_period=10)
        self._label = label
        self._task: Any = None

    def __enter__(self) -> Bar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def start(self, total: int | None) -> None:
        self._task = self._progress.add_task(self._label, total=total)

    def advance(self, written: int) -> None:
        self._progress.advance(self._task, written)

    def finish(self, written: int) -> None:
        self._progress.update(self._task, total=written, completed=written)
