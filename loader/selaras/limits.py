"""Every limit Selaras puts on its inputs, in one place, and the checks that enforce them.

Inputs come from hundreds of units; a few may be broken or hostile. Each limit below is stated
in ``docs/security.md`` and tested at the limit and just past it (``tests/hostile/``). Past a
limit the reader raises :class:`~selaras.errors.InputError` (one line naming the file and, where
known, the line or cell; exit 2) before the expensive work starts.

========================  ===================================================================
limit                     value and why
========================  ===================================================================
literal or IRI            :data:`TOKEN_BYTES` (16 MiB), pyoxigraph's reader buffer for Turtle,
                          N-Triples, TriG, N-Quads: one token plus what precedes it in its
                          statement. RDF/XML and JSON-LD have no such limit.
RDF/XML DTD entities      internal, non-nested general entities only, at most
                          :data:`XML_ENTITIES` of them, expanding to at most
                          :data:`XML_ENTITY_EXPANSION_BYTES` in all (the ``&owl;`` style of
                          OWL files passes; a "billion laughs" bomb is refused in milliseconds)
workbook, uncompressed    :data:`WORKBOOK_BYTES` (256 MiB) for all parts of an ``.xlsx``,
                          checked from the zip directory before any XML is parsed (the XML
                          itself is parsed with defusedxml, through openpyxl)
rows per sheet            :data:`SHEET_ROWS`, Excel's own maximum (1,048,576), for workbooks
                          and CSV files alike
columns per sheet         :data:`SHEET_COLUMNS` (1,000; the template uses at most 16)
CSV cell                  :data:`CSV_CELL_CHARS` (131,072 characters: Python's csv default)
JSON-LD nesting           :data:`JSON_DEPTH` (500) for documents that name the Selaras context
                          (Selaras inlines it with Python's json); other JSON-LD goes to
                          pyoxigraph, which stops at :data:`PYOXIGRAPH_JSON_DEPTH`
blank-node chains         no limit: naming blank nodes for Neo4j is linear in their number
                          for trees and chains (see :mod:`selaras.neo4j.rows`)
========================  ===================================================================
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from selaras.errors import InputError

TOKEN_BYTES = 16 * 2**20
XML_ENTITIES = 1_000
XML_ENTITY_EXPANSION_BYTES = 32 * 2**20
WORKBOOK_BYTES = 256 * 2**20
SHEET_ROWS = 1_048_576
SHEET_COLUMNS = 1_000
CSV_CELL_CHARS = 131_072
JSON_DEPTH = 500
PYOXIGRAPH_JSON_DEPTH = 65_536


def mib(size: int) -> str:
    """``16 MiB`` for a byte count (one decimal below 10 MiB)."""
    value = size / 2**20
    return f"{value:.0f} MiB" if value >= 10 or value == int(value) else f"{value:.1f} MiB"


# -- RDF/XML -----------------------------------------------------------------------------------

#: How much of an RDF/XML file is searched for a DOCTYPE (it must precede the root element).
_PROLOG_BYTES = 64 * 1024
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s\"'>]+)\s*(\"([^\"]*)\"|'([^']*)'|[^\s\"'>]+)?")
_NAMED_REFERENCE = re.compile(rb"&[A-Za-z_:][\w.:-]*;")


def check_rdf_xml(path: Path, head: bytes) -> None:
    """Refuse an RDF/XML file whose DTD could expand without bound; ``head``: its first bytes.

    A file without a DOCTYPE is never read further. Raises InputError for external or parameter
    entities, an entity whose value refers to another entity (the "billion laughs" pattern),
    more than :data:`XML_ENTITIES` declarations, or a total expansion over
    :data:`XML_ENTITY_EXPANSION_BYTES`.
    """
    if b"<!DOCTYPE" not in head[:_PROLOG_BYTES]:
        return
    data = path.read_bytes()
    start = data.find(b"<!DOCTYPE")
    end = data.find(b"]>", start)
    subset = data[start : end if end >= 0 else len(data)]
    declared = list(_ENTITY.finditer(subset))
    if not declared:
        return
    line = data[:start].count(b"\n") + 1
    if len(declared) > XML_ENTITIES:
        raise InputError(
            f"the DTD declares {len(declared):,} entities, more than Selaras reads "
            f"({XML_ENTITIES:,}); write the IRIs out",
            path=path,
            line=line,
        )
    body = data[end:] if end >= 0 else b""
    total = 0
    for match in declared:
        name = match.group(2).decode("utf-8", "replace")
        at = line + subset[: match.start()].count(b"\n")
        value = match.group(4) if match.group(4) is not None else match.group(5)
        if match.group(1) or value is None:
            kind = "parameter" if match.group(1) else "external"
            raise InputError(
                f"the DTD declares the {kind} entity {name!r}; Selaras reads only internal "
                "entities (write the values out)",
                path=path,
                line=at,
            )
        if _NAMED_REFERENCE.search(value):
            raise InputError(
                f"the DTD entity {name!r} refers to another entity; nested entities are refused "
                "(they can expand to gigabytes)",
                path=path,
                line=at,
            )
        total += body.count(b"&" + match.group(2) + b";") * len(value)
        if total > XML_ENTITY_EXPANSION_BYTES:
            raise InputError(
                f"the DTD entities expand to more than {mib(XML_ENTITY_EXPANSION_BYTES)}; "
                "write the values out",
                path=path,
                line=at,
            )


def token_error(path: Path, data_read: int, data: bytes | None = None) -> InputError:
    """The error for pyoxigraph's "Reached the buffer maximal size": a token over the limit.

    ``data_read``: bytes handed to the parser when it stopped; the token began at most
    :data:`TOKEN_BYTES` earlier, which gives the line.
    """
    if data is None:
        with path.open("rb") as handle:
            data = handle.read(max(data_read - TOKEN_BYTES, 0))
    line = data[: max(data_read - TOKEN_BYTES, 0)].count(b"\n") + 1
    return InputError(
        f"a literal or IRI (with what precedes it in its statement) is longer than "
        f"{mib(TOKEN_BYTES)}, the reader's limit; split the value, or write the file as "
        "RDF/XML or JSON-LD, which have no such limit",
        path=path,
        line=line,
    )


# -- JSON --------------------------------------------------------------------------------------


def check_json_depth(path: Path, document: Any) -> None:
    """Refuse a parsed JSON document nested deeper than :data:`JSON_DEPTH` (no recursion)."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > JSON_DEPTH:
            raise depth_error(path)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, dict | list))


def depth_error(path: Path) -> InputError:
    return InputError(
        f"the JSON is nested more than {JSON_DEPTH} levels deep, Selaras's limit; a cascade "
        "needs a handful: flatten it (one object per node, linked by @id)",
        path=path,
    )


# -- spreadsheets ------------------------------------------------------------------------------


def check_workbook(path: Path) -> None:
    """Refuse an ``.xlsx`` whose parts would uncompress past :data:`WORKBOOK_BYTES`.

    Reads only the zip directory. The declared sizes bound what is read: Python's zipfile stops
    at a part's declared size (and fails its CRC check when the data goes on).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except Exception as exc:  # a damaged zip directory: BadZipFile, struct or zlib errors
        raise InputError(f"not a readable .xlsx workbook ({exc})", path=path) from exc
    if total > WORKBOOK_BYTES:
        raise InputError(
            f"the workbook uncompresses to {total:,} bytes, more than Selaras reads "
            f"({WORKBOOK_BYTES:,} bytes = {mib(WORKBOOK_BYTES)}); split it, or use a folder of "
            "CSV files",
            path=path,
        )


def capped_rows(rows: Iterable[list[str]], *, where: str, path: Path) -> Iterator[list[str]]:
    """The rows of one sheet, refused past :data:`SHEET_ROWS` rows or :data:`SHEET_COLUMNS`
    columns (``where``: the sheet for the message, empty for a CSV file). Lazy: a sheet past
    the limit is refused without reading the rest."""
    sheet = f"{where} " if where else ""
    for number, row in enumerate(rows, start=1):
        if number > SHEET_ROWS:
            raise InputError(
                f"{sheet or 'the file '}has more than {SHEET_ROWS:,} rows, the limit per sheet; "
                "split it",
                path=path,
            )
        if len(row) > SHEET_COLUMNS:
            raise InputError(
                f"{sheet}row {number} has {len(row):,} columns, more than {SHEET_COLUMNS:,}; "
                "the template has at most 16",
                path=path,
            )
        yield row
