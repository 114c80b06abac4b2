"""Renderers of a :class:`~selaras.analyses.result.QueryResult`: table, CSV, JSON.

They only format: the rows, their types and their order come from the result. Empty values are
an empty cell in the table and in CSV, ``null`` in JSON.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from selaras.analyses.result import QueryResult
from selaras.errors import UnknownNameError

Format = Literal["table", "csv", "json"]
FORMATS: tuple[Format, ...] = ("table", "csv", "json")


def render(result: QueryResult, fmt: str) -> str:
    """The result as text in format ``fmt`` (table, csv or json), ending in a newline."""
    if fmt == "table":
        return table(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    raise UnknownNameError("format", fmt, FORMATS)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return str(value)


def table(result: QueryResult) -> str:
    """A plain-text table (rich, no colour), one line per row, and the row count."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in result.analysis.columns:
        numeric = column.type in ("integer", "decimal")
        grid.add_column(column.name, justify="right" if numeric else "left", no_wrap=True)
    for row in result.rows:
        grid.add_row(*(_cell(v) for v in row))
    out = io.StringIO()
    width = sum(
        max([len(c), *(len(_cell(r[i])) for r in result.rows)]) + 2
        for i, c in enumerate(result.columns)
    )
    console = Console(file=out, width=max(width + 4, 40), color_system=None, highlight=False)
    console.print(grid)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    count = len(result.rows)
    lines.append(f"{count} row{'s' if count != 1 else ''}")
    return "\n".join(lines) + "\n"


def to_csv(result: QueryResult) -> str:
    """CSV with a header row; decimals as Python writes them (0.75), empty for null."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def to_json(result: QueryResult) -> str:
    """A JSON array of objects keyed by column (in column order)."""
    return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"
