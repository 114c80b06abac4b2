"""Renderers of a :class:`~selaras.analyses.result.QueryResult`: table, CSV, JSON, Excel.

They only format: the rows, their types and their order come from the result. Empty values are
an empty cell in the table, CSV and Excel, ``null`` in JSON. Excel (:func:`to_xlsx`) is bytes;
the others are text (:func:`render`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from selaras.analyses.result import QueryResult
from selaras.errors import UnknownNameError
from selaras.output import printable, workbook_text

Format = Literal["table", "csv", "json", "xlsx"]
FORMATS: tuple[Format, ...] = ("table", "csv", "json", "xlsx")
#: The formats :func:`render` writes as text.
TEXT_FORMATS = ("table", "csv", "json")


def render(result: QueryResult, fmt: str) -> str:
    """The result as text in format ``fmt`` (table, csv or json), ending in a newline."""
    if fmt == "table":
        return table(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    raise UnknownNameError("text format", fmt, TEXT_FORMATS)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return printable(str(value))  # no control character from the data reaches a terminal


def table(result: QueryResult) -> str:
    """A plain-text table (rich, no colour), one line per row, and the row count."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in result.analysis.columns:
        numeric = column.type in ("integer", "decimal")
        grid.add_column(column.name, justify="right" if numeric else "left", no_wrap=True)
    for row in result.rows:
        grid.add_row(*(Text(_cell(v)) for v in row))  # Text: no rich markup from the data
    out = io.StringIO()
    width = sum(
        max([len(c), *(len(_cell(r[i])) for r in result.rows)]) + 2
        for i, c in enumerate(result.columns)
    )
    console = Console(file=out, width=max(width + 4, 40), color_system=None, highlight=False)
    console.print(grid)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    widest = max((len(line) for line in lines if not line.startswith("─")), default=0)
    lines = [line[:widest] if line.startswith("─") else line for line in lines]
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


def as_text(worksheet: Any) -> None:
    """Every text cell of ``worksheet`` stored as text: openpyxl makes a string that starts with
    "=" a live formula (``=HYPERLINK("http://evil.example/","klik")`` from a statement)."""
    for row in worksheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def to_xlsx(result: QueryResult) -> bytes:
    """An Excel workbook: the rows on a sheet named after the analysis (bold frozen header,
    filters, integers and decimals as numbers), and a sheet ``about`` saying what the analysis
    answers, with which parameters and engine, what each column means, and any warnings."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = result.analysis.name[:31]
    sheet.append(list(result.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in result.rows:  # control characters a workbook cannot hold become \xNN
        sheet.append([workbook_text(v) if isinstance(v, str) else v for v in row])
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(result.columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(result.rows) + 1}"
    for index, column in enumerate(result.analysis.columns, start=1):
        width = max([len(column.name), *(len(_cell(r[index - 1])) for r in result.rows[:1000])])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
        if column.type == "decimal":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0000"
    about = book.create_sheet("about")
    about.append(["analysis", result.analysis.name])
    about.append(["answers", result.analysis.description])
    about.append(["engine", result.engine])
    for name, value in result.params.items():
        about.append([f"parameter {name}", "" if value is None else value])
    about.append(["rows", len(result.rows)])
    for warning in result.warnings:
        about.append(["warning", warning])
    about.append([])
    about.append(["column", "meaning"])
    for column in result.analysis.columns:
        about.append([column.name, column.description])
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 100
    for worksheet in (sheet, about):
        as_text(worksheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
