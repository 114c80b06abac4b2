"""Planners' spreadsheets: the template (xlsx workbook or CSV folder) to RDF and back.

::

    template   the contract: sheets, columns, closed lists and their spellings, IRI minting
    book       read an .xlsx workbook or a CSV folder into tables of text
    importer   tables -> checked -> rdflib.Graph (SpreadsheetError lists every problem)
    writers    tables -> .xlsx workbook (instructions, drop-downs) or CSV folder
    exporter   rdflib.Graph -> tables, and what the template could not carry

See ``docs/spreadsheets.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from selaras.spreadsheet.template import SPREADSHEET_FORMATS

if TYPE_CHECKING:
    from selaras.spreadsheet.exporter import (
        ExportResult,
        describe,
        export_book,
        export_csv,
        export_spreadsheet,
        export_workbook,
        write_template,
    )
    from selaras.spreadsheet.importer import import_book, import_spreadsheet
    from selaras.spreadsheet.template import DEFAULT_BASE

#: Where each name lives: imported on first use, so that a command which only names the
#: formats (every command's --help, ``selaras validate``) does not load openpyxl.
_HOMES = {
    **dict.fromkeys(
        ("ExportResult", "describe", "export_book", "export_csv", "export_spreadsheet",
         "export_workbook", "write_template"),
        "exporter",
    ),
    **dict.fromkeys(("import_book", "import_spreadsheet"), "importer"),
    "DEFAULT_BASE": "template",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "DEFAULT_BASE",
    "SPREADSHEET_FORMATS",
    "ExportResult",
    "describe",
    "export_book",
    "export_csv",
    "export_spreadsheet",
    "export_workbook",
    "import_book",
    "import_spreadsheet",
    "write_template",
]
