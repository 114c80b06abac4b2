"""Fuzzing the readers of untrusted files: the spreadsheet importer (CSV, xlsx) and the RDF reader.

Whatever the bytes, reading ends in the data or in a :class:`~selaras.errors.SelarasError` (the
CLI's one line, exit 2), never in another exception (a traceback). Inputs are real files
mutated (bytes inserted, removed, replaced; a workbook's sheet XML mutated inside its zip) and
made-up text rich in quotes, delimiters, brackets and escapes.

Bounded for CI (``SELARAS_FUZZ_EXAMPLES``, default 100 per reader, 25 per workbook test:
well under a minute in all); ``scripts/fuzz`` runs them long and saves what fails in
``SELARAS_FUZZ_FINDINGS`` (a folder),
from where a finding becomes a file of ``tests/hostile/`` and a test.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selaras.errors import SelarasError
from selaras.read import read_dataset
from selaras.spreadsheet import import_spreadsheet

ROOT = Path(__file__).resolve().parents[1]
KALTARA_CSV = ROOT / "examples" / "kaltara-csv"
KALTARA_XLSX = ROOT / "examples" / "kaltara.xlsx"
EXAMPLES = max(1, int(os.environ.get("SELARAS_FUZZ_EXAMPLES", "100")))
FINDINGS = os.environ.get("SELARAS_FUZZ_FINDINGS")
#: A workbook takes ten times longer to read than a CSV folder: a quarter of the examples.
FUZZ_XLSX = settings(
    max_examples=max(1, EXAMPLES // 4),
    deadline=None,
    derandomize=FINDINGS is None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=FINDINGS is None,  # CI: the same examples every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Text made of what parsers trip over.
_TRICKY = st.sampled_from(
    [
        *",;\"'\n\r\t\\<>{}[]()@#:._-=&%^~`|/ \x00\x1bé\u202e\ufeff",
        "<!DOCTYPE",
        "<!ENTITY",
        "&e;",
        '"""',
        "'''",
        "^^",
        "@id",
        "_:b",
        "<http://x/>",
        "]]>",
    ]
)
tricky_text = st.lists(st.one_of(_TRICKY, st.text(max_size=4)), max_size=60).map("".join)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few random edits (insert, delete, replace a run of bytes)."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(out)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.one_of(st.binary(max_size=8), tricky_text.map(str.encode)))
        if kind == "insert":
            out[at:at] = chunk
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        else:
            out[at : at + len(chunk)] = chunk
    return bytes(out)


def _keep(read: Callable[[Path], object], path: Path, name: str) -> None:
    """Read ``path``; an exception other than SelarasError is a finding (saved, then raised)."""
    try:
        read(path)
    except SelarasError:
        pass
    except BaseException:
        if FINDINGS:
            found = Path(FINDINGS)
            found.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256(
                path.read_bytes() if path.is_file() else str(sorted(path.iterdir())).encode()
            ).hexdigest()[:12]
            target = found / f"{digest}-{name}"
            if path.is_dir():
                shutil.copytree(path, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(path, target)
        raise


# -- CSV ---------------------------------------------------------------------------------------

_CSV_FILES = sorted(p.name for p in KALTARA_CSV.glob("*.csv"))


@FUZZ
@given(
    sheet=st.sampled_from(_CSV_FILES),
    content=st.one_of(
        st.sampled_from(_CSV_FILES).flatmap(lambda n: mutated((KALTARA_CSV / n).read_bytes())),
        tricky_text.map(lambda t: ("code,name,level,parent,kind\n" + t).encode("utf-8")),
        st.binary(max_size=200),
    ),
)
def test_csv_folders(sheet: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "book"
        shutil.copytree(KALTARA_CSV, folder)
        (folder / sheet).write_bytes(content)
        _keep(import_spreadsheet, folder, "csv")


# -- xlsx --------------------------------------------------------------------------------------


def _sheet_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(KALTARA_XLSX) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


_PARTS = _sheet_parts()
_XML_PARTS = sorted(n for n in _PARTS if n.endswith((".xml", ".rels")))


def _rezip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@FUZZ_XLSX
@given(
    st.one_of(
        # a part's XML mutated inside a well-formed zip: openpyxl's (defused) parsing
        st.sampled_from(_XML_PARTS).flatmap(
            lambda name: mutated(_PARTS[name]).map(lambda data: _rezip({**_PARTS, name: data}))
        ),
        # the zip itself damaged
        mutated(KALTARA_XLSX.read_bytes()),
    )
)
def test_xlsx_workbooks(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.xlsx"
        path.write_bytes(content)
        _keep(import_spreadsheet, path, "book.xlsx")


@FUZZ_XLSX
@given(st.lists(st.lists(tricky_text, max_size=8), max_size=6))
def test_xlsx_cells_of_any_text(rows: list[list[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "units"
    sheet.append(["code", "name", "level", "parent", "kind", "strategy_map"])
    try:
        for row in rows:
            sheet.append(row)
    except IllegalCharacterError:
        return  # openpyxl cannot write it; no workbook to read
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.xlsx"
        book.save(path)
        _keep(import_spreadsheet, path, "book.xlsx")


# -- RDF ---------------------------------------------------------------------------------------

_RDF_SEEDS = {
    ".ttl": (ROOT / "examples" / "kaltara" / "units.ttl").read_bytes()[:3000],
    ".nt": b'<https://w3id.org/selaras/id/u/A> <https://w3id.org/selaras/ontology#code> "A" .\n'
    b"_:b <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://x/C> .\n",
    ".jsonld": b'{"@context": "https://w3id.org/selaras/context.jsonld", "@id": "id:u/A", '
    b'"@type": "Unit", "code": "A", "partOf": {"@id": "id:u/B", "code": "B"}}',
    ".rdf": (Path(__file__).resolve().parent / "hostile" / "entity-plain.rdf").read_bytes(),
    ".trig": b"<https://g/> { <https://s/> <https://p/> 'o'@id . }\n",
    ".nq": b'<https://s/> <https://p/> "o"^^<https://d/> <https://g/> .\n',
}


@FUZZ
@given(
    st.sampled_from(sorted(_RDF_SEEDS)).flatmap(
        lambda suffix: st.tuples(
            st.just(suffix),
            st.one_of(mutated(_RDF_SEEDS[suffix]), tricky_text.map(str.encode)),
        )
    )
)
def test_rdf_files(case: tuple[str, bytes]) -> None:
    suffix, content = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"data{suffix}"
        path.write_bytes(content)
        _keep(read_dataset_of, path, f"data{suffix}")


def read_dataset_of(path: Path) -> object:
    return read_dataset([path])
