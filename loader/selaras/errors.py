"""The exceptions Selaras raises, and the exit code the CLI maps each to.

::

    SelarasError                  exit 2: the command could not do its work
     +-- InputError        missing, unreadable or malformed file (file, line, column)
     |    +-- SpreadsheetError  a workbook or CSV folder with problems (every `sheet!cell: problem`)
     +-- UnknownNameError  unknown profile, analysis, format or parameter (lists valid names)
     +-- SettingError      a setting outside what it may be (too few staff, a rate above 1)
     +-- DatasetError      the input parsed but cannot be used (empty, inconsistent)
     +-- ShapeError        a shape uses a SHACL feature the engine does not run, or is malformed
     +-- Neo4jError        Neo4j unreachable, bad credentials, no database (what to do)
     +-- NotConformingError  exit 1: data refused because it does not conform (a load)

Exit code 1 is the answer "the data does not conform": ``validate`` returns it as a report;
only a stage that refuses such data (``load``) raises it, as NotConformingError.
UnknownNameError and SettingError are ValueErrors too.

Messages name settings as the library knows them (keyword arguments, ``NEO4J_*`` variables),
never the options of the ``selaras`` command: an error lists in ``settings`` the keyword
arguments that would fix it, and the command line adds its own options for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Self


class SelarasError(Exception):
    """Base class: a one-line message meant for the person at the terminal."""

    exit_code = 2
    #: The settings (keyword arguments of the call, such as ``base`` or ``password``) that
    #: would fix the error; the command line names its options for them.
    settings: tuple[str, ...] = ()

    def about(self, *settings: str) -> Self:
        """This error, naming the settings that would fix it (see :attr:`settings`)."""
        self.settings = settings
        return self


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


class UnknownNameError(SelarasError, ValueError):
    """A name that is not one of a closed set; the message lists the valid names."""

    def __init__(self, kind: str, name: str, valid: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.valid = sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; valid: {', '.join(self.valid) or '(none)'}")


class SettingError(SelarasError, ValueError):
    """A setting (keyword argument or option) outside what it may be; names it in ``settings``."""


class NotConformingError(SelarasError):
    """Data refused because it does not conform to the shapes (exit code 1); nothing was done."""

    exit_code = 1

    def __init__(self, message: str, *, violations: int, warnings: int) -> None:
        self.violations = violations
        self.warnings = warnings
        super().__init__(message)


class DatasetError(SelarasError):
    """Input that parsed but cannot be used as a cascade (for example: it is empty)."""


class ShapeError(SelarasError):
    """A shape the SPARQL engine cannot run as written; the message names the shape and why."""

    def __init__(self, shape: str, message: str) -> None:
        self.shape = shape
        super().__init__(f"shape {shape}: {message}")


class Neo4jError(SelarasError):
    """Neo4j could not be used; the message names the URI and what to do (never the password)."""
