"""The hostile inputs too big (or too derived) to keep as files, built on demand.

Each function writes one input into ``folder`` and returns its path; its docstring says what it
attacks. ``tests/test_hostile*.py`` build them into a temporary folder; to look at them::

    python tests/hostile/make_corpus.py OUT_FOLDER

The small inputs are files beside this one; ``README.md`` lists every input and what Selaras
must do with it.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KALTARA_CSV = ROOT / "examples" / "kaltara-csv"
PROFILE = ROOT / "shapes" / "profiles" / "kmk-467-2014.ttl"
SEL = "https://w3id.org/selaras/ontology#"
CONTEXT = "https://w3id.org/selaras/context.jsonld"
MiB = 2**20
UNIT_COLUMNS = ("code", "name", "level", "parent", "kind", "strategy_map")


def _csv_copy(folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copytree(KALTARA_CSV, target)
    return target


def long_literal(folder: Path, size: int = 16 * MiB + 1, name: str = "long-literal.nt") -> Path:
    """A literal of ``size`` bytes on line 2 of an N-Triples file: past pyoxigraph's 16 MiB
    token buffer it raised MemoryError (traceback, exit 1)."""
    path = folder / name
    with path.open("wb") as out:
        out.write(f'<https://w3id.org/selaras/id/ss/A> <{SEL}code> "A" .\n'.encode())
        out.write(f'<https://w3id.org/selaras/id/ss/A> <{SEL}statement> "'.encode())
        out.write(b"x" * size)
        out.write(b'" .\n')
    return path


def deep_jsonld(folder: Path, depth: int = 100_000, name: str = "deep.jsonld") -> Path:
    """JSON-LD naming the Selaras context, nested ``depth`` objects deep: Python's json gave
    RecursionError (traceback)."""
    path = folder / name
    head = '{"@context": "' + CONTEXT + '", "@id": "https://w3id.org/selaras/id/ss/D0", '
    inner = "".join(
        f'"sel:cascadesFrom": {{"@id": "https://w3id.org/selaras/id/ss/D{i}", '
        for i in range(1, depth)
    )
    path.write_text(head + inner + '"sel:code": "D"' + "}" * depth, encoding="utf-8")
    return path


def long_cell_csv(folder: Path, size: int = 131_073, name: str = "long-cell-csv") -> Path:
    """A CSV folder whose units.csv has a name of ``size`` characters (row 3): past Python's
    csv field limit it raised ``_csv.Error`` (traceback)."""
    target = _csv_copy(folder, name)
    units = target / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[1] = "N" * size
    lines[2] = ",".join(cells)
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def latin1_csv(folder: Path, name: str = "latin1-csv") -> Path:
    """A CSV folder whose units.csv is Latin-1: the right first message was followed by every
    reference into the sheet as "not defined" (89 follow-on errors)."""
    target = _csv_copy(folder, name)
    units = target / "units.csv"
    text = units.read_text(encoding="utf-8").replace("Perbendaharaan", "Perbendaharaan Café", 1)
    units.write_bytes(text.encode("latin-1"))
    return target


def unclosed_quote_csv(folder: Path, name: str = "unclosed-quote-csv") -> Path:
    """A CSV folder whose units.csv opens a quote in B3 and never closes it: the rest of the file
    became one cell and another cell was blamed."""
    target = _csv_copy(folder, name)
    units = target / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[1] = '"' + cells[1]
    lines[2] = ",".join(cells)
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def carriage_return_quote_csv(folder: Path, name: str = "cr-quote-csv") -> Path:
    """Found by scripts/fuzz: causes.csv holding a carriage return and then a lone quote; the
    code that names the cell of an unclosed quote failed on it (``ValueError`` traceback)."""
    target = _csv_copy(folder, name)
    (target / "causes.csv").write_bytes(b'from,to\n\r"')
    return target


def wide_csv(folder: Path, columns: int = 1_001, name: str = "wide-csv") -> Path:
    """A CSV folder whose units.csv has a row of ``columns`` cells (the template has 16 at most)."""
    target = _csv_copy(folder, name)
    units = target / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    lines[1] = ",".join(cells + [""] * (columns - len(cells)))
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _workbook(path: Path, sheet_xml: Callable[[zipfile.ZipFile], None]) -> Path:
    """A minimal .xlsx with one sheet ``units`` whose XML ``sheet_xml`` writes."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="units" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for part, text in parts.items():
            archive.writestr(part, text)
        sheet_xml(archive)
    return path


_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def zip_bomb_xlsx(folder: Path, size: int = 256 * MiB + 1, name: str = "zip-bomb.xlsx") -> Path:
    """An .xlsx whose sheet XML uncompresses to ``size`` bytes (a few hundred KB on disk): one
    of 1 GB ran 57 s and died with MemoryError."""

    def sheet(archive: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as out:
            out.write(_SHEET_HEAD.encode())
            left = size - len(_SHEET_HEAD) - len(_SHEET_TAIL)
            chunk = b" " * MiB  # whitespace between elements: valid XML, compresses 1000:1
            while left > 0:
                out.write(chunk[: min(left, MiB)])
                left -= MiB
            out.write(_SHEET_TAIL.encode())

    return _workbook(folder / name, sheet)


def far_row_xlsx(folder: Path, row: int = 1_048_577, name: str = "far-row.xlsx") -> Path:
    """An .xlsx of 500 bytes whose only data cell is in row ``row``: openpyxl fills the rows in
    between, so a row number past Excel's last row is a cheap way to ask for millions of rows."""

    def sheet(archive: zipfile.ZipFile) -> None:
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            _SHEET_HEAD
            + '<row r="1">'
            + "".join(
                f'<c r="{col}1" t="inlineStr"><is><t>{name}</t></is></c>'
                for col, name in zip("ABCDEF", UNIT_COLUMNS, strict=True)
            )
            + "</row>"
            + f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>X</t></is></c></row>'
            + _SHEET_TAIL,
        )

    return _workbook(folder / name, sheet)


def formula_xlsx(folder: Path, name: str = "formula-no-value.xlsx") -> Path:
    """A workbook written by a program that does not compute formulas (openpyxl): the unit name
    is ``=UPPER("djpb")`` with no saved value, which was reported as "missing required value"
    without a word of the formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "units"
    sheet.append(["code", "name", "level", "parent", "kind", "strategy_map"])
    sheet.append(["KEMENKEU", "Kementerian Keuangan", "Wide", "", "Kementerian", "yes"])
    sheet.append(["DJPB", '=UPPER("djpb")', "One", "KEMENKEU", "Direktorat Jenderal", "yes"])
    path = folder / name
    book.save(path)
    return path


def incomplete_profile(folder: Path, name: str = "incomplete-profile.ttl") -> Path:
    """The bundled profile without ``sel:maxStatementWords``: the statement-length rule went
    silent (46 violations of examples/defects became fewer, without a word)."""
    text = PROFILE.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if "sel:maxStatementWords" not in line]
    path = folder / name
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def profile_with_data(folder: Path, name: str = "profile-with-data.ttl") -> Path:
    """The bundled profile with a unit appended: the unit would be merged into the data."""
    path = folder / name
    path.write_text(
        PROFILE.read_text(encoding="utf-8")
        + '\n<https://w3id.org/selaras/id/unit/X> a sel:Unit ; sel:code "X" .\n',
        encoding="utf-8",
    )
    return path


def entity_expansion(
    folder: Path, size: int, count: int = 1, name: str = "entity-flat.rdf"
) -> Path:
    """RDF/XML with ``count`` flat entities, the first used often enough to expand to ``size``
    bytes in all (no nesting: the "quadratic blowup" form of an entity bomb)."""
    value = "x" * 1024
    uses, rest = divmod(size, len(value))
    declarations = [f'<!ENTITY big "{value}">', f'<!ENTITY small "{"x" * rest}">'] + [
        f'<!ENTITY e{i} "v">' for i in range(count - 2)
    ]
    body = "&big;" * uses + ("&small;" if rest else "")
    path = folder / name
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        + "\n".join(declarations)
        + "\n]>\n"
        + '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        + f'xmlns:sel="{SEL}"><rdf:Description rdf:about="https://w3id.org/selaras/id/ss/E">'
        + f"<sel:statement>{body}</sel:statement></rdf:Description></rdf:RDF>\n",
        encoding="utf-8",
    )
    return path


def blank_chain(folder: Path, depth: int = 10_000, name: str = "blank-chain.ttl") -> Path:
    """A chain of ``depth`` nested blank nodes (600 KB at 10,000): naming them for Neo4j took
    n+1 rounds of colour refinement over all of them (285 s at 10,000)."""
    path = folder / name
    path.write_text(
        f'@prefix sel: <{SEL}> .\n<https://w3id.org/selaras/id/unit/ROOT> sel:code "ROOT" ; '
        + "sel:partOf "
        + '[ sel:code "x" ; sel:partOf ' * depth
        + "<https://w3id.org/selaras/id/unit/TOP>"
        + " ]" * depth
        + " .\n",
        encoding="utf-8",
    )
    return path


BUILDERS: list[Callable[[Path], Path]] = [
    long_literal,
    deep_jsonld,
    long_cell_csv,
    latin1_csv,
    unclosed_quote_csv,
    carriage_return_quote_csv,
    wide_csv,
    zip_bomb_xlsx,
    far_row_xlsx,
    formula_xlsx,
    incomplete_profile,
    profile_with_data,
    blank_chain,
]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: make_corpus.py OUT_FOLDER", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for build in BUILDERS:
        print(build(out))
    print(entity_expansion(out, 33 * MiB))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
