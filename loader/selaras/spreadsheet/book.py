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

from openpyxl.utils import get_column_letter

from selaras.errors import InputError
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
    """The tables of an ``.xlsx`` workbook (sheets ``petunjuk`` and ``daftar`` are skipped)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a readable .xlsx workbook ({exc})", path=path) from exc
    book = Book()
    try:
        for order, worksheet in enumerate(workbook.worksheets):
            target = _sheet_for(worksheet.title, book, order)
            if target is None:
                continue
            worksheet.reset_dimensions()
            rows = [
                [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                for row in worksheet.iter_rows()
            ]
            book.tables.append(_table(worksheet.title, target, rows))
    finally:
        workbook.close()
    return book


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
            book.problems.append(
                Problem(
                    (SHEET_NAMES.index(target.name), 0, 0),
                    file.stem,
                    f"{file.name} is not UTF-8 text (line {line}); save it as CSV UTF-8",
                )
            )
            continue
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        rows = [[cell.strip() for cell in row] for row in reader]
        book.tables.append(_table(file.stem, target, rows))
    return book


def read_book(path: Path) -> Book:
    """A workbook or a CSV folder, by what ``path`` is."""
    if path.is_dir():
        return read_csv_folder(path)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    raise InputError("expected an .xlsx workbook or a folder of .csv files", path=path)
