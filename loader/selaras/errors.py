"""The exceptions Selaras raises, and the exit code the CLI maps each to.

::

    SelarasError                  exit 2: the command could not do its work
     +-- InputError        missing, unreadable or malformed file (file, line, column)
     |    +-- SpreadsheetError  a workbook or CSV folder with problems (every `sheet!cell: problem`)
     +-- UnknownNameError  unknown profile, analysis, format or parameter (lists valid names)
     +-- DatasetError      the input parsed but cannot be used (empty, inconsistent)
     +-- ShapeError        a shape uses a SHACL feature the engine does not run, or is malformed
     +-- Neo4jError        Neo4j unreachable, bad credentials, no database (what to do)

Exit code 1 is not an exception: it is the answer "the data does not conform".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class SelarasError(Exception):
    """Base class: a one-line message meant for the person at the terminal."""

    exit_code = 2


class InputError(SelarasError):
    """A file that is missing, unreadable, or malformed at a known position."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        where = ""
        if self.path is not None:
            where = str(self.path)
            if line is not None:
                where += f":{line}"
                if column is not None:
                    where += f":{column}"
            where += ": "
        super().__init__(where + message)


class SpreadsheetError(InputError):
    """A spreadsheet that cannot be imported; ``problems`` lists every ``sheet!cell: problem``.

    The message is a summary line followed by one line per problem.
    """

    def __init__(self, problems: Iterable[str], *, path: Path | str | None = None) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        summary = f"{count} problem{'' if count == 1 else 's'}, nothing imported"
        super().__init__("\n".join([summary, *self.problems]), path=path)


class UnknownNameError(SelarasError):
    """A name that is not one of a closed set; the message lists the valid names."""

    def __init__(self, kind: str, name: str, valid: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.valid = sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; valid: {', '.join(self.valid) or '(none)'}")


class DatasetError(SelarasError):
    """Input that parsed but cannot be used as a cascade (for example: it is empty)."""


class ShapeError(SelarasError):
    """A shape the SPARQL engine cannot run as written; the message names the shape and why."""

    def __init__(self, shape: str, message: str) -> None:
        self.shape = shape
        super().__init__(f"shape {shape}: {message}")


class Neo4jError(SelarasError):
    """Neo4j could not be used; the message names the URI and what to do (never the password)."""
