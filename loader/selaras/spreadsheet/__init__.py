"""Planners' spreadsheets: the template (xlsx workbook or CSV folder) to RDF and back.

::

    template   the contract: sheets, columns, closed lists and their spellings, IRI minting
    book       read an .xlsx workbook or a CSV folder into tables of text
    importer   tables -> checked -> rdflib.Graph (SpreadsheetError lists every problem)
    writers    tables -> .xlsx workbook (instructions, drop-downs) or CSV folder
    exporter   rdflib.Graph -> tables, and what the template could not carry

See ``docs/spreadsheets.md``.
"""

from selaras.spreadsheet.exporter import (
    SPREADSHEET_FORMATS,
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
