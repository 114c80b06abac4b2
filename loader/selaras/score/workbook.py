"""The scorecard as an Excel workbook: a sheet per unit, typed cells, colours from the profile.

Each unit's sheet holds its rows (IKU, SS, perspective, NKO last) with a bold frozen header and
filters; target, realisation and capaian are numbers shown with exactly the decimals they were
written or rounded with. The capaian column carries conditional formatting built from the
profile's colour bands (so an analyst who edits a value sees its colour change) and the colour
column a fixed fill. A sheet ``about`` gives the period, store, profile and its settings.
"""

from __future__ import annotations

import io
from decimal import Decimal

from selaras.score.compute import COLUMNS, Scorecard
from selaras.score.settings import Band

_NUMBERS = ("target", "realisation", "capaian", "weight")


def _number(text: str) -> tuple[float | int, str]:
    """A cell value and number format showing ``text``'s decimals (``70.00`` -> 70, ``0.00``)."""
    value = Decimal(text)
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    number_format = "0" if places == 0 else "0." + "0" * places
    return (int(value) if places == 0 else float(value)), number_format


def _fill(band: Band) -> object:
    from openpyxl.styles import PatternFill

    code = band.colour_code.lstrip("#").upper() or "FFFFFF"
    return PatternFill(start_color=code, end_color=code, fill_type="solid")


def _sheet_title(unit: str, used: set[str]) -> str:
    base = "".join("-" if ch in "[]:*?/\\" else ch for ch in unit)[:31] or "unit"
    title, n = base, 1
    while title.lower() in used or title.lower() == "about":
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}~{n}"
    used.add(title.lower())
    return title


def to_xlsx(card: Scorecard) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    settings = card.settings
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    used: set[str] = set()
    capaian_col = get_column_letter(COLUMNS.index("capaian") + 1)
    colour_index = COLUMNS.index("colour") + 1
    bands = {b.colour: b for b in settings.colour_bands}
    for unit_card in card.units:
        sheet = book.create_sheet(_sheet_title(unit_card.unit, used))
        sheet.append(list(COLUMNS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in unit_card.rows:
            values = row.values(settings.places)
            sheet.append([None] * len(COLUMNS))
            line = sheet.max_row
            for index, column in enumerate(COLUMNS, start=1):
                text = values[column]
                cell = sheet.cell(row=line, column=index)
                if text is None:
                    continue
                if column in _NUMBERS:
                    try:
                        cell.value, cell.number_format = _number(text)
                    except ArithmeticError:
                        cell.value = text
                else:
                    cell.value = text
                if row.kind == "NKO":
                    cell.font = Font(bold=True)
            if row.colour is not None and row.colour.colour in bands:
                sheet.cell(row=line, column=colour_index).fill = _fill(row.colour)
        last = sheet.max_row
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
        target = f"{capaian_col}2:{capaian_col}{max(last, 2)}"
        bounded = [b for b in settings.colour_bands if b.minimum is not None]
        for band in bounded:  # highest first; stopIfTrue keeps the first match
            sheet.conditional_formatting.add(
                target,
                CellIsRule(
                    operator="greaterThanOrEqual",
                    formula=[str(band.minimum)],
                    fill=_fill(band),
                    stopIfTrue=True,
                ),
            )
        for band in settings.colour_bands:
            if band.minimum is None and bounded:
                lowest = min(b.minimum for b in bounded if b.minimum is not None)
                sheet.conditional_formatting.add(
                    target,
                    CellIsRule(
                        operator="lessThan",
                        formula=[str(lowest)],
                        fill=_fill(band),
                        stopIfTrue=True,
                    ),
                )
        for index, column in enumerate(COLUMNS, start=1):
            width = max(
                len(column), *(len(str(c.value or "")) for c in sheet[get_column_letter(index)])
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 50)
    about = book.create_sheet("about")
    about.append(["period", card.period])
    about.append(["store", card.store])
    about.append(["profile", settings.name])
    about.append(["decimal places", settings.places])
    about.append(["stated settings", ", ".join(settings.stated)])
    about.append(["assumed settings", ", ".join(settings.assumed)])
    for band in settings.colour_bands:
        bound = "below the others" if band.minimum is None else f">= {band.minimum}"
        about.append([f"colour {band.colour}", bound])
        about.cell(row=about.max_row, column=1).fill = _fill(band)
    for band in settings.nko_bands:
        bound = "below the others" if band.minimum is None else f">= {band.minimum}"
        about.append([f"NKO {band.label_id} ({band.label_en})", bound])
    for warning in card.warnings:
        about.append(["warning", warning])
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
