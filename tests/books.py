"""Spreadsheets for the tests, written the two ways planners hand them in: an ``.xlsx`` workbook
and a folder of ``.csv`` files, from the same rows."""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

from openpyxl import Workbook

Rows = list[list[Any]]
Sheets = dict[str, Rows]

#: A small, valid book: one chain Wide -> One -> Five, with every sheet used once.
VALID: Sheets = {
    "units": [
        ["code", "name", "level", "parent", "kind", "strategy_map"],
        ["KEMENKEU", "Kementerian Keuangan", "Wide", "", "Kementerian", "yes"],
        [
            "DJPB",
            "Direktorat Jenderal Perbendaharaan",
            "One",
            "KEMENKEU",
            "Direktorat Jenderal",
            "yes",
        ],
        ["STAF-1", "Pelaksana DJPb", "Five", "DJPB", "Pelaksana", "no"],
    ],
    "directions": [
        ["code", "unit", "kind", "text"],
        ["T-1", "KEMENKEU", "goal", "Kebijakan fiskal yang sehat"],
    ],
    "objectives": [
        ["code", "unit", "year", "perspective", "statement", "goal", "cascades_from", "cascading"],
        ["SS-1", "KEMENKEU", "2025", "Stakeholder", "Perbendaharaan yang akuntabel", "T-1", "", ""],
        ["SS-2", "DJPB", "2025", "Customer", "Layanan yang andal", "", "SS-1", "indirect"],
    ],
    "causes": [["from", "to"], ["SS-2", "SS-1"]],
    "indicators": [
        [
            "code",
            "objective",
            "unit",
            "year",
            "name",
            "measure_unit",
            "polarity",
            "consolidation",
            "validity",
            "control",
            "cascades_from",
            "cascading",
        ],
        [
            "IKU-1",
            "SS-2",
            "DJPB",
            "2025",
            "Indeks kepuasan",
            "indeks",
            "maximize",
            "average",
            "exact",
            "moderate",
            "",
            "none",
        ],
    ],
    "targets": [["indicator", "period", "target", "realisation"], ["IKU-1", "2025", "4.38", ""]],
    "initiatives": [
        ["code", "indicator", "unit", "name", "deadline", "status"],
        ["IS-1", "IKU-1", "DJPB", "Survei daring", "2025-06-30", "berjalan"],
    ],
}


def valid() -> Sheets:
    """A fresh copy of :data:`VALID` to change."""
    return copy.deepcopy(VALID)


def write_xlsx(sheets: Sheets, path: Path) -> Path:
    workbook = Workbook()
    assert workbook.active is not None
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
            for cell in worksheet[worksheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # as typed text, not a formula
    workbook.save(path)
    return path


def write_csv(sheets: Sheets, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            for row in rows:
                writer.writerow(["" if v is None else v for v in row])
    return folder


def write(sheets: Sheets, tmp: Path, form: str) -> Path:
    """The book as ``form`` (``xlsx`` or ``csv``) under ``tmp``."""
    if form == "xlsx":
        return write_xlsx(sheets, tmp / "book.xlsx")
    return write_csv(sheets, tmp / "book")
