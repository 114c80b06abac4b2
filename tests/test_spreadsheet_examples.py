"""The bundled examples ship as Turtle, as a workbook and as a CSV folder; the spreadsheet forms
are generated from the Turtle (scripts/build-examples) and must stay in step with it."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from selaras.read import read_dataset
from selaras.spreadsheet import export_book, import_book, import_spreadsheet
from selaras.spreadsheet.exporter import check_export
from selaras.validate import validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: Examples that have spreadsheet forms (the names scripts/build-examples builds by default).
NAMES = ["kaltara"]


def _forms(name: str) -> tuple[Path, Path, Path]:
    turtle, xlsx, csv = EXAMPLES / name, EXAMPLES / f"{name}.xlsx", EXAMPLES / f"{name}-csv"
    if not turtle.is_dir():
        pytest.skip(f"examples/{name} is not in this checkout yet")
    return turtle, xlsx, csv


@pytest.fixture(scope="module", params=NAMES)
def forms(request: pytest.FixtureRequest) -> tuple[Path, Path, Path]:
    return _forms(request.param)


def test_spreadsheet_forms_are_committed(forms: tuple[Path, Path, Path]) -> None:
    _turtle, xlsx, csv = forms
    assert xlsx.is_file(), f"run scripts/build-examples to write {xlsx}"
    assert (csv / "units.csv").is_file(), f"run scripts/build-examples to write {csv}"


def test_committed_spreadsheets_are_up_to_date(forms: tuple[Path, Path, Path]) -> None:
    """Re-export the Turtle now and compare the imported graphs (not the bytes)."""
    turtle, xlsx, csv = forms
    fresh = import_book(export_book(read_dataset([turtle]).to_rdflib()))
    assert isomorphic(import_spreadsheet(xlsx), fresh), "run scripts/build-examples"
    assert isomorphic(import_spreadsheet(csv), fresh), "run scripts/build-examples"


def test_turtle_holds_everything_the_spreadsheets_say(forms: tuple[Path, Path, Path]) -> None:
    """Nothing is invented on the way; what is dropped is reported and must not matter."""
    turtle, xlsx, _csv = forms
    source = read_dataset([turtle]).to_rdflib()
    assert set(import_spreadsheet(xlsx)) <= set(source)
    result = check_export(source, export_book(source))
    assert result.problems == ()


def test_the_three_forms_validate_identically(forms: tuple[Path, Path, Path]) -> None:
    reports = [validate(read_dataset([path]), engine="pyshacl") for path in forms]
    assert reports[0].results == reports[1].results == reports[2].results


def test_the_three_forms_answer_queries_identically(forms: tuple[Path, Path, Path]) -> None:
    """The spreadsheet forms are the same graph; a query over the template's terms answers the
    same on all three."""
    graphs = [read_dataset([path]).to_rdflib() for path in forms]
    assert isomorphic(graphs[1], graphs[2])
    query = """
        PREFIX sel: <https://w3id.org/selaras/ontology#>
        SELECT ?unit ?ss ?iku ?period ?target WHERE {
            ?ss sel:belongsTo ?unit . ?iku sel:measures ?ss ; sel:hasTarget ?t .
            ?t sel:period ?period ; sel:targetValue ?target .
        } ORDER BY ?unit ?ss ?iku ?period"""
    answers = [sorted(map(str, g.query(query))) for g in graphs]
    assert answers[0] and answers[0] == answers[1] == answers[2]


def test_small_graph_round_trips_through_the_example_path(tmp_path: Path) -> None:
    """The same machinery on the test chain, so it is exercised before any example exists."""
    small = Path(__file__).parent / "data" / "spreadsheet" / "small.ttl"
    graph = read_dataset([small]).to_rdflib()
    assert isomorphic(import_book(export_book(graph)), rdflib.Graph().parse(small))
