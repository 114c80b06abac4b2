"""Reading a workbook (``.xlsx``) or a folder of ``.csv`` files into plain tables of text.

Both forms end up as the same :class:`Book`: one :class:`Table` per template sheet, every cell a
stripped string, rows numbered as a spreadsheet numbers them (the header is row 1), so problems
name cells the same way for both forms. Typed workbook cells become text here: numbers keep the
decimals their number format shows, percentages are multiplied by 100, dates become
``YYYY-MM-DD``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from selaras import limits
from selaras.errors import InputError, SelarasError
from selaras.spreadsheet.template import (
    RESERVED_SHEETS,
    SHEET_NAMES,
    Sheet,
    normalise,
    sheet,
)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, at ``sheet!cell`` (or ``sheet`` for a whole sheet)."""

    order: tuple[int, int, int]
    where: str
    message: str
    #: A sheet that could not be read at all: its problems are reported alone, without the
    #: follow-on errors of every reference into it.
    fatal: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Table:
    """The cells of one sheet as text: header row and data rows with their row numbers."""

    name: str  # as written in the file: used in messages
    sheet: Sheet
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def index(self) -> int:
        return SHEET_NAMES.index(self.sheet.name)

    def at(self, column: int, row: int) -> str:
        """``name!B3`` for a 0-based column index and a spreadsheet row number."""
        return f"{self.name}!{get_column_letter(column + 1)}{row}"


@dataclass
class Book:
    """The tables of one workbook or CSV folder, and what was wrong while reading them."""

    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Cells (``sheet!B3``) whose problem is already recorded (a formula without a value).
    reported: set[str] = field(default_factory=set)

    def table(self, name: str) -> Table | None:
        for table in self.tables:
            if table.sheet.name == name:
                return table
        return None


def _sheet_for(name: str, book: Book, order: int) -> Sheet | None:
    """The template sheet a file's sheet name means; records a problem when there is none."""
    key = normalise(name)
    if key in RESERVED_SHEETS:
        return None
    for candidate in SHEET_NAMES:
        if normalise(candidate) == key:
            if book.table(candidate) is not None:
                book.problems.append(
                    Problem((-1, order, 0), name, f"sheet {candidate!r} appears twice")
                )
                return None
            return sheet(candidate)
    book.problems.append(
        Problem((-1, order, 0), name, f"unknown sheet; expected one of {', '.join(SHEET_NAMES)}")
    )
    return None


def _table(name: str, target: Sheet, rows: list[list[str]]) -> Table:
    header = rows[0] if rows else []
    table = Table(name=name, sheet=target, header=header)
    for number, cells in enumerate(rows[1:], start=2):
        if any(cells):
            table.rows.append((number, cells))
    return table


# ---------------------------------------------------------------------------------------------
# .xlsx
# ---------------------------------------------------------------------------------------------

_DECIMALS = re.compile(r"[0#?](?:\.([0#?]*))?")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _number_text(value: float | int, number_format: str) -> str:
    """A number as the text the cell shows: the number format's decimals, % times 100."""
    fmt = _QUOTED.sub("", (number_format or "General").split(";")[0])
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if "%" in fmt:
        number *= 100
    match = _DECIMALS.search(fmt) if fmt not in ("General", "@") else None
    if match:
        places = (match.group(1) or "").count("0")
        return format(number.quantize(Decimal(1).scaleb(-places)), "f")
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def cell_text(value: object, number_format: str = "General") -> str:
    """The text of one workbook cell value, stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return _number_text(value, number_format)
    return str(value).strip()


def read_xlsx(path: Path) -> Book:
    """The tables of an ``.xlsx`` workbook (sheets ``petunjuk`` and ``daftar`` are skipped).

    A damaged workbook raises InputError whatever openpyxl, zipfile or zlib raised reading it:
    the file is untrusted input, and any failure of theirs means it cannot be read.
    """
    limits.check_workbook(path)  # before openpyxl parses any XML (with defusedxml)
    try:
        return _read_xlsx(path)
    except SelarasError:
        raise
    except Exception as exc:  # openpyxl's failures on damaged files have no common base class
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise InputError(f"not a readable .xlsx workbook ({reason})", path=path) from exc


def _read_xlsx(path: Path) -> Book:
    from openpyxl import load_workbook

    formulas = formula_cells(path) if has_formulas(path) else {}
    workbook = load_workbook(path, read_only=True, data_only=True)
    book = Book()
    try:
        for order, worksheet in enumerate(workbook.worksheets):
            target = _sheet_for(worksheet.title, book, order)
            if target is None:
                continue
            worksheet.reset_dimensions()
            unsaved = formulas.get(worksheet.title, {})
            cells = (
                [
                    _value_text(book, worksheet.title, target, (r, c), cell, unsaved)
                    for c, cell in enumerate(row, start=1)
                ]
                for r, row in enumerate(worksheet.iter_rows(), start=1)
            )
            rows = list(limits.capped_rows(cells, where=f"sheet {worksheet.title!r}", path=path))
            book.tables.append(_table(worksheet.title, target, rows))
    finally:
        workbook.close()
    return book


def _value_text(
    book: Book,
    title: str,
    target: Sheet,
    at: tuple[int, int],
    cell: Any,
    unsaved: dict[tuple[int, int], str],
) -> str:
    """The text of a cell; a formula Excel never computed is recorded as a problem."""
    value = cell.value
    if value is None and at in unsaved:
        where = f"{title}!{get_column_letter(at[1])}{at[0]}"
        book.reported.add(where)
        book.problems.append(
            Problem(
                (SHEET_NAMES.index(target.name), at[0], at[1] - 1),
                where,
                f"the formula {unsaved[at][:80]!r} has no saved value (the file was not saved "
                "by a spreadsheet program that computes it); open and save it in Excel or "
                "LibreOffice, or type the value",
            )
        )
        return ""
    return cell_text(value, getattr(cell, "number_format", "General"))


def has_formulas(path: Path) -> bool:
    """Whether any worksheet XML holds a formula element (read in chunks, not parsed)."""
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/"):
                continue
            tail = b""
            with archive.open(info) as part:
                while chunk := part.read(2**20):
                    if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                        return True
                    tail = chunk[-8:]
    return False


def formula_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet title, the (row, column) of every formula cell and its formula."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=False)
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()
            cells = found.setdefault(worksheet.title, {})
            for r, row in enumerate(worksheet.iter_rows(), start=1):
                if r > limits.SHEET_ROWS:
                    break
                for c, cell in enumerate(row, start=1):
                    value = cell.value
                    if isinstance(value, str) and value.startswith("="):
                        cells[(r, c)] = value
    finally:
        workbook.close()
    return found


# ---------------------------------------------------------------------------------------------
# CSV folder
# ---------------------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    """Comma, or semicolon when the header row has semicolons and no commas (Excel in id-ID)."""
    first = text.split("\n", 1)[0]
    return ";" if ";" in first and "," not in first else ","


def read_csv_folder(path: Path) -> Book:
    """The tables of a folder of ``SHEET.csv`` files (UTF-8, with or without a BOM)."""
    book = Book()
    csv_files = [p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"]
    if not csv_files:
        raise InputError(
            f"folder holds no .csv files; expected {', '.join(f'{n}.csv' for n in SHEET_NAMES)}",
            path=path,
        )
    files = sorted(
        csv_files,
        key=lambda p: (
            SHEET_NAMES.index(p.stem) if p.stem in SHEET_NAMES else len(SHEET_NAMES),
            p.name,
        ),
    )
    for order, file in enumerate(files):
        target = _sheet_for(file.stem, book, order)
        if target is None:
            continue
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), path=file) from exc
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            byte = data[exc.start]
            book.problems.append(
                Problem(
                    (SHEET_NAMES.index(target.name), 0, 0),
                    file.stem,
                    f"{file.name} is not UTF-8 text (line {line}: byte 0x{byte:02X}); save it "
                    "as CSV UTF-8",
                    fatal=True,
                )
            )
            continue
        try:
            rows = _csv_rows(file, text)
        except _CsvProblem as problem:
            book.problems.append(
                Problem((SHEET_NAMES.index(target.name), 0, 0), problem.where, str(problem), True)
            )
            continue
        book.tables.append(_table(file.stem, target, rows))
    return book


class _CsvProblem(Exception):
    def __init__(self, where: str, message: str) -> None:
        self.where = where
        super().__init__(message)


def _csv_rows(file: Path, text: str) -> list[list[str]]:
    """The rows of one CSV file; a malformed file raises _CsvProblem naming the cell it starts."""
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    stripped = ([cell.strip() for cell in row] for row in reader)
    rows: list[list[str]] = []
    start = 1  # the line the row being read starts on
    try:
        for row in limits.capped_rows(stripped, where="", path=file):
            rows.append(row)
            start = reader.line_num + 1
    except csv.Error as exc:
        first = text.split("\n", start)[start - 1] if text.count("\n") >= start - 1 else ""
        pieces = first.split(delimiter)
        if "field larger" in str(exc):
            index = next(
                (i for i, p in enumerate(pieces) if len(p) > limits.CSV_CELL_CHARS),
                len(pieces) - 1,
            )
            message = f"a cell is longer than {limits.CSV_CELL_CHARS:,} characters, the limit"
        else:
            # the cell whose quote opens: the last one a quote-aware reading of the line finds
            try:
                index = max(len(next(csv.reader([first], delimiter=delimiter), [])) - 1, 0)
            except csv.Error:
                index = 0
            message = (
                f"the quote that opens this cell on line {start} is not closed where the cell "
                'ends; close it, or write a quote inside a cell as ""'
            )
        where = f"{file.stem}!{get_column_letter(index + 1)}{len(rows) + 1}"
        raise _CsvProblem(where, message) from exc
    return rows


def read_book(path: Path) -> Book:
    """A workbook or a CSV folder, by what ``path`` is."""
    if path.is_dir():
        return read_csv_folder(path)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    raise InputError("expected an .xlsx workbook or a folder of .csv files", path=path)
