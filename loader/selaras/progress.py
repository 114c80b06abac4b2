"""Progress reporting for long stages, kept apart from the stages themselves.

A stage takes ``progress: Progress`` and calls ``task()`` to announce work; the CLI passes a
rich-backed reporter to stderr, library callers and tests get :data:`SILENT` by default.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol


class Task(Protocol):
    def advance(self, amount: float = 1) -> None: ...


class Progress(Protocol):
    def task(self, description: str, total: float | None = None) -> AbstractContextManager[Task]:
        """Context manager: a unit of work with an optional known total."""
        ...


class _SilentTask:
    def advance(self, amount: float = 1) -> None:
        return None


class _Silent:
    @contextmanager
    def task(self, description: str, total: float | None = None) -> Iterator[Task]:
        yield _SilentTask()


SILENT: Progress = _Silent()


class RichProgress:
    """Progress bars on stderr, only when stderr is a terminal.

    Rich would still print the bars' final state to a pipe or file when the work ends; a log
    or a report redirected there must not get them, so off a terminal this reporter is silent.
    """

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import (
            Progress as _RichProgress,
        )

        self._console = Console(stderr=True)
        self._progress = _RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self._console,
            transient=False,
        )

    @property
    def enabled(self) -> bool:
        return self._console.is_terminal

    @contextmanager
    def task(self, description: str, total: float | None = None) -> Iterator[Task]:
        if not self.enabled:
            yield _SilentTask()
            return
        with self._progress:
            task_id = self._progress.add_task(description, total=total)

            class _Task:
                def advance(_self, amount: float = 1) -> None:
                    self._progress.advance(task_id, amount)

            yield _Task()
            if total is None:
                self._progress.update(task_id, total=1, completed=1)
