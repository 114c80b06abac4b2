"""Writing tables as the template: an ``.xlsx`` workbook or a folder of ``.csv`` files.

The workbook opens with the sheet ``petunjuk`` (every column explained in Indonesian and
English), then the seven data sheets with a frozen, filterable header row, column widths,
text-formatted code columns and drop-down lists on every closed column, and a hidden sheet
``daftar`` holding the lists. The file is reproducible: the same tables give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from selaras import output
from selaras.output import workbook_text
from selaras.spreadsheet.book import Book, Table
from selaras.spreadsheet.template import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SHEETS,
    Column,
    Sheet,
    closed_list,
)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_ITALIC = Font(italic=True, color="404040")
_WRAP = Alignment(wrap_text=True, vertical="top")
_LAST_ROW = 1048576
_FIXED_TIME = dt.datetime(2025, 1, 1)
_TEXT_KINDS = ("code", "ref", "text", "period", "closed")


def _tables(book: Book) -> list[Table]:
    """One table per template sheet, in template order (empty ones for missing sheets)."""
    found = []
    for template in SHEETS:
        table = book.table(template.name)
        found.append(table or Table(template.name, template, list(template.names)))
    return found


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def write_csv_folder(book: Book, folder: Path) -> list[Path]:
    """One ``SHEET.csv`` per template sheet (UTF-8, comma, header row); returns the files."""
    output.check_folder(folder)
    written = []
    for table in _tables(book):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table.header)
        for _number, cells in table.rows:
            writer.writerow(cells)
        path = folder / f"{table.sheet.name}.csv"
        output.write_text(path, buffer.getvalue())
        written.append(path)
    return written


# ---------------------------------------------------------------------------------------------
# xlsx
# ---------------------------------------------------------------------------------------------


def _decimal_cell(text: str) -> tuple[object, str]:
    """A decimal as a number cell showing its written decimals, or as text when a float
    would not hold it exactly."""
    number = Decimal(text)
    places = max(0, -int(number.as_tuple().exponent))
    as_float = float(number)
    if format(as_float, f".{places}f") == text and len(number.as_tuple().digits) <= 15:
        return as_float, "0" + ("." + "0" * places if places else "")
    return text, "@"


def _cell_value(column: Column, text: str) -> tuple[object, str]:
    """The value and number format a cell gets for ``text`` in ``column``."""
    if not text:
        return None, "@" if column.kind in _TEXT_KINDS else "General"
    if column.kind == "year" and re.fullmatch(r"[0-9]{4}", text):
        return int(text), "0"
    if column.kind == "decimal" and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        return _decimal_cell(text)
    if column.kind == "date":
        try:
            return dt.date.fromisoformat(text), "yyyy-mm-dd"
        except ValueError:
            return workbook_text(text), "@"
    return workbook_text(text), "@"  # control characters a workbook cannot hold become \xNN


def _help(column: Column) -> str:
    need = "wajib / required" if column.required else "boleh kosong / optional"
    return f"{column.name} ({need})\n\n{column.help_id}\n\n{column.help_en}"


def _accepted(column: Column) -> str:
    if column.kind == "closed":
        assert column.closed is not None
        values = closed_list(column.closed)
        parts = []
        for value in values.values:
            others = values.alternatives(value)
            parts.append(f"{value} ({', '.join(others)})" if others else value)
        return "; ".join(parts)
    return {
        "code": "teks unik / unique text",
        "ref": f"kode dari sheet {column.refers} / a code from sheet {column.refers}",
        "text": "teks / text",
        "year": "2025",
        "decimal": "92,00 / 92.00",
        "period": "2025, 2025-Q1 .. 2025-Q4, 2025-01 .. 2025-12",
        "date": "2025-06-30, 30/06/2025",
    }[column.kind]


_GUIDE_INTRO: tuple[tuple[str, str], ...] = (
    (
        "Templat ini memuat peta strategi, Manual IKU dan kontrak kinerja menurut KMK "
        "467/KMK.01/2014. Isi satu baris per butir; jangan mengubah nama sheet maupun nama kolom.",
        "This template holds strategy maps, indicator definitions (Manual IKU) and performance "
        "contracts under KMK 467/KMK.01/2014. One row per item; keep sheet and column names.",
    ),
    (
        "Kode unik di seluruh berkas; sheet lain merujuk sebuah baris dengan kodenya.",
        "Codes are unique across the workbook; other sheets refer to a row by its code.",
    ),
    (
        "Huruf besar/kecil dan spasi di awal/akhir diabaikan; ejaan bahasa Indonesia dalam "
        "kolom 'nilai yang diterima' juga diterima. Angka boleh memakai koma atau titik desimal.",
        "Case and surrounding spaces are ignored; the spellings in brackets under 'accepted "
        "values' are accepted too. Numbers take a decimal comma or point.",
    ),
    (
        "Periksa: selaras validate berkas.xlsx. Ubah ke RDF: selaras import berkas.xlsx -o "
        "data.ttl. Sheet petunjuk dan daftar diabaikan saat impor.",
        "Check: selaras validate file.xlsx. Convert to RDF: selaras import file.xlsx -o "
        "data.ttl. The sheets petunjuk and daftar are skipped on import.",
    ),
)


def _write_guide(ws: Worksheet) -> None:
    ws.append(["Selaras: petunjuk pengisian / how to fill in this workbook"])
    ws["A1"].font = _TITLE_FONT
    ws.append([])
    for text_id, text_en in _GUIDE_INTRO:
        for text, font in ((text_id, None), (text_en, _ITALIC)):
            ws.append([text])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=6)
            if font is not None:
                ws.cell(row=ws.max_row, column=1).font = font
    ws.append([])
    ws.append(
        [
            "sheet",
            "kolom / column",
            "wajib / required",
            "penjelasan",
            "explanation",
            "nilai yang diterima / accepted values",
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for template in SHEETS:
        ws.append([template.name, None, None, template.help_id, template.help_en])
        for cell in ws[ws.max_row]:
            cell.font = _BOLD
        for column in template.columns:
            ws.append(
                [
                    template.name,
                    column.name,
                    "ya / yes" if column.required else "tidak / no",
                    column.help_id,
                    column.help_en,
                    _accepted(column),
                ]
            )
    widths = (13, 15, 12, 50, 50, 55)
    for letter, width in zip("ABCDEF", widths, strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=3):
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            cell.alignment = _WRAP
            if isinstance(cell.value, str):
                # merged intro rows span all columns; others wrap within their own column
                room = sum(widths) if cell.column == 1 and len(cell.value) > 60 else width
                lines = max(lines, math.ceil(len(cell.value) * 1.1 / room))
        ws.row_dimensions[row[0].row].height = 14 * lines
    _printable(ws)


def _printable(ws: Worksheet) -> None:
    """Landscape, as wide as one page, header repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _write_lists(ws: Worksheet) -> dict[str, str]:
    """One column per closed list; returns list name -> absolute range for validations."""
    ranges: dict[str, str] = {}
    names = sorted({c.closed for s in SHEETS for c in s.columns if c.closed is not None})
    for index, name in enumerate(names, start=1):
        letter = get_column_letter(index)
        values = closed_list(name).values
        ws.cell(row=1, column=index, value=name).font = _BOLD
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=index, value=value)
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        ws.column_dimensions[letter].width = 24
    return ranges


def _write_sheet(ws: Worksheet, template: Sheet, table: Table, ranges: dict[str, str]) -> None:
    for index, column in enumerate(template.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.name)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.comment = Comment(_help(column), "Selaras", width=320, height=200)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        if column.kind in _TEXT_KINDS:
            ws.column_dimensions[letter].number_format = "@"
    positions = {name: i for i, name in enumerate(table.header)}
    for row_index, (_number, cells) in enumerate(table.rows, start=2):
        for col_index, column in enumerate(template.columns, start=1):
            position = positions.get(column.name)
            text = cells[position] if position is not None and position < len(cells) else ""
            value, number_format = _cell_value(column, text)
            if value is None:
                continue
            cell = ws.cell(row=row_index, column=col_index, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, even when it starts with "="
            cell.number_format = number_format
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    _printable(ws)
    last = get_column_letter(len(template.columns))
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 2)}"
    for index, column in enumerate(template.columns, start=1):
        if column.closed is None:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list",
            formula1=f"={ranges[column.closed]}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Selaras",
            error=(
                "Nilai tidak ada dalam daftar; ejaan lain di sheet petunjuk juga diterima. / "
                "Not in the list; the other spellings on sheet petunjuk are accepted too."
            ),
            showInputMessage=True,
            promptTitle=column.name,
            prompt="Pilih dari daftar / choose from the list",
        )
        validation.add(f"{letter}2:{letter}{_LAST_ROW}")
        ws.add_data_validation(validation)


def _reproducible(path: Path) -> None:
    """Rewrite the zip with fixed timestamps so the same tables give the same bytes."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    lambda m: m.group(1) + stamp + m.group(3),
                    text,
                )
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def write_xlsx(book: Book, path: Path) -> None:
    """The tables as a template workbook (instructions, drop-downs, frozen headers)."""
    workbook = Workbook()
    workbook.properties.creator = "Selaras"
    workbook.properties.created = _FIXED_TIME
    guide = workbook.active
    assert guide is not None
    guide.title = INSTRUCTIONS_SHEET
    _write_guide(guide)
    lists = workbook.create_sheet(LISTS_SHEET)
    ranges = _write_lists(lists)
    for template, table in zip(SHEETS, _tables(book), strict=True):
        _write_sheet(workbook.create_sheet(template.name), template, table, ranges)
    workbook.move_sheet(LISTS_SHEET, offset=len(SHEETS))
    lists.sheet_state = "hidden"
    workbook.active = 0
    with output.replacing(path) as temporary:
        workbook.save(temporary)
        _reproducible(temporary)
