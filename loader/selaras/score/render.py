"""Renderers of a :class:`~selaras.score.compute.Scorecard` as text: table, CSV, JSON.

They only format: values, their rounding and order come from the scorecard. Empty values are an
empty cell (table, CSV) or ``null`` (JSON); numbers are the literals as written or the values
rounded to the profile's places, as text, so nothing gains float noise.
"""

from __future__ import annotations

import csv
import io
import json

from selaras.errors import UnknownNameError
from selaras.score.compute import COLUMNS, Scorecard

FORMATS = ("table", "csv", "json", "xlsx", "html")
TEXT_FORMATS = ("table", "csv", "json")
#: Columns of the plain-text table (the rest are in CSV, JSON, xlsx and HTML).
TABLE_COLUMNS = ("code", "kind", "unit", "target", "realisation", "capaian", "colour", "reason")
_NUMERIC = ("target", "realisation", "capaian", "weight")


def render(card: Scorecard, fmt: str) -> str:
    """The scorecard as text in ``fmt`` (table, csv or json), ending in a newline."""
    if fmt == "table":
        return table(card)
    if fmt == "csv":
        return to_csv(card)
    if fmt == "json":
        return to_json(card)
    raise UnknownNameError("text format", fmt, TEXT_FORMATS)


def records(card: Scorecard) -> list[dict[str, str | None]]:
    """Every row as a dict of its columns (text or None), in order."""
    places = card.settings.places
    return [row.values(places) for row in card.rows()]


def table(card: Scorecard) -> str:
    """Aligned plain text, one line per row, NKO rows marked, then the row count."""
    rows = [[r[c] or "" for c in TABLE_COLUMNS] for r in records(card)]
    widths = [max([len(c), *(len(row[i]) for row in rows)]) for i, c in enumerate(TABLE_COLUMNS)]

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(w) if TABLE_COLUMNS[i] in _NUMERIC else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "   ".join(parts).rstrip()

    out = [line(list(TABLE_COLUMNS)), "─" * len(line(list(TABLE_COLUMNS)))]
    out += [line(row) for row in rows]
    count = len(rows)
    units = len(card.units)
    out.append(f"{count} row{'s' if count != 1 else ''}, {units} unit{'s' if units != 1 else ''}")
    return "\n".join(out) + "\n"


def to_csv(card: Scorecard) -> str:
    """CSV with a header row of :data:`~selaras.score.compute.COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records(card):
        writer.writerow(["" if record[c] is None else record[c] for c in COLUMNS])
    return out.getvalue()


def to_json(card: Scorecard) -> str:
    """A JSON array of objects keyed by column; numbers as strings (exact as written/rounded)."""
    return json.dumps(records(card), ensure_ascii=False, indent=2) + "\n"
