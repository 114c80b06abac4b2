"""Export and the round trip: Turtle -> workbook / CSV folder -> RDF gives the same graph, the
template workbook is what planners need, and the export says what it could not carry."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from openpyxl import load_workbook
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS
from rdflib.term import Literal, URIRef

from books import valid, write
from selaras.namespace import SEL
from selaras.read import read_dataset
from selaras.spreadsheet import export_csv, export_workbook, import_spreadsheet, write_template
from selaras.spreadsheet.exporter import infer_base
from selaras.spreadsheet.template import SHEETS, closed_list
from selaras.validate import validate

SMALL = Path(__file__).parent / "data" / "spreadsheet" / "small.ttl"


@pytest.fixture(scope="module")
def small() -> rdflib.Graph:
    return rdflib.Graph().parse(SMALL)


@pytest.fixture(scope="module")
def exported(small: rdflib.Graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("small")
    export_workbook(small, tmp / "small.xlsx")
    export_csv(small, tmp / "small-csv")
    return {"xlsx": tmp / "small.xlsx", "csv": tmp / "small-csv"}


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_turtle_to_spreadsheet_and_back_is_the_same_graph(
    small: rdflib.Graph, exported: dict[str, Path], form: str
) -> None:
    back = import_spreadsheet(exported[form])
    assert len(back) == len(small)
    assert isomorphic(back, small)


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_import_export_import_is_isomorphic(tmp_path: Path, form: str) -> None:
    """Starting from a hand-made book with Indonesian spellings and decimal commas."""
    sheets = valid()
    sheets["objectives"][2][3] = "Pelanggan"
    sheets["indicators"][1][6] = "maksimal"
    sheets["targets"][1][2] = "4,380"
    first = import_spreadsheet(write(sheets, tmp_path, form))
    again = tmp_path / ("again.xlsx" if form == "xlsx" else "again")
    result = (export_workbook if form == "xlsx" else export_csv)(first, again)
    assert result.dropped == {} and result.problems == ()
    second = import_spreadsheet(again)
    assert isomorphic(first, second)
    assert Literal("4.380", datatype=rdflib.namespace.XSD.decimal) in set(second.objects())


def test_the_three_forms_validate_identically(
    small: rdflib.Graph, exported: dict[str, Path]
) -> None:
    reports = [
        validate(read_dataset([path]), engine="pyshacl")
        for path in (SMALL, exported["xlsx"], exported["csv"])
    ]
    first = reports[0].results
    assert all(report.results == first for report in reports[1:])
    assert reports[0].triples == reports[1].triples == reports[2].triples


def test_export_rows_are_sorted_by_code(exported: dict[str, Path]) -> None:
    units = (exported["csv"] / "units.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in units] == [
        "code",
        "DJPB",
        "KANWIL-KALTARA",
        "KEMENKEU",
        "KPPN-TJS",
        "KPPN-TJS/PD",
        "PELAKSANA PD 1",
    ]
    targets = (exported["csv"] / "targets.csv").read_text(encoding="utf-8").splitlines()
    assert targets[1:4] == [
        "IKU 1a-CP,2025,4.38,",
        "IKU 1a-CP,2025-Q1,4.30,4.6",
        "IKU 1a-CP,2025-01,4.25,0.123456789012345678",
    ]


def test_decimals_are_number_cells_showing_their_decimals(exported: dict[str, Path]) -> None:
    sheet = load_workbook(exported["xlsx"])["targets"]
    cells = {(row[0].value, row[1].value): row for row in sheet.iter_rows(min_row=2)}
    target = cells[("IKU-DJPB-1", "2025")][2]
    assert target.value == 92.0 and target.number_format == "0.00"
    long = cells[("IKU 1a-CP", "2025-01")][3]
    assert long.value == "0.123456789012345678"  # more digits than a float holds: text


def test_text_that_looks_like_a_formula_stays_text(small: rdflib.Graph, tmp_path: Path) -> None:
    graph = rdflib.Graph()
    graph += small
    unit = URIRef("https://w3id.org/selaras/id/unit/DJPB")
    graph.set((unit, RDFS.label, Literal('=HYPERLINK("http://x")', lang="id")))
    export_workbook(graph, tmp_path / "book.xlsx")
    cell = load_workbook(tmp_path / "book.xlsx")["units"]["B2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
    assert isomorphic(import_spreadsheet(tmp_path / "book.xlsx"), graph)


def test_exporting_twice_gives_the_same_bytes(small: rdflib.Graph, tmp_path: Path) -> None:
    export_workbook(small, tmp_path / "a.xlsx")
    export_workbook(small, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_export_says_what_the_template_drops(small: rdflib.Graph, tmp_path: Path) -> None:
    graph = rdflib.Graph()
    graph += small
    ss = URIRef("https://w3id.org/selaras/id/ss/SS-TJS-1")
    risk = URIRef("https://w3id.org/selaras/id/risk/R-1")
    graph.add((ss, RDFS.comment, Literal("catatan")))
    graph.add((ss, SEL.description, Literal("uraian", lang="id")))
    graph.add((risk, RDF.type, SEL.Risk))
    graph.add((risk, SEL.threatens, ss))
    result = export_workbook(graph, tmp_path / "book.xlsx")
    assert result.dropped == {
        "rdf:type sel:Risk": 1,
        "rdfs:comment": 1,
        "sel:description": 1,
        "sel:threatens": 1,
    }
    assert result.problems == ()
    assert result.rows["units"] == 6


def test_export_lists_what_will_not_import(small: rdflib.Graph, tmp_path: Path) -> None:
    graph = rdflib.Graph()
    graph += small
    graph.remove((URIRef("https://w3id.org/selaras/id/iku/IKU-TJS-2"), SEL.polarity, None))
    result = export_csv(graph, tmp_path / "book")
    assert result.problems == ("indicators!G8: missing required value for 'polarity'",)
    assert (tmp_path / "book" / "indicators.csv").is_file()


def test_base_is_inferred_from_unit_iris(small: rdflib.Graph) -> None:
    assert infer_base(small) == "https://w3id.org/selaras/id/"
    other = rdflib.Graph()
    other.add((URIRef("http://example.org/x/unit/A%20B"), RDF.type, SEL.Unit))
    other.add((URIRef("http://example.org/x/unit/A%20B"), SEL.code, Literal("A B")))
    assert infer_base(other) == "http://example.org/x/"


# ---------------------------------------------------------------------------------------------
# The template
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_template(path)
    return path


def test_template_sheets_and_headers(template_path: Path) -> None:
    workbook = load_workbook(template_path)
    assert workbook.sheetnames == ["petunjuk", *(s.name for s in SHEETS), "daftar"]
    assert workbook["daftar"].sheet_state == "hidden"
    assert workbook.active.title == "petunjuk"
    for template in SHEETS:
        sheet = workbook[template.name]
        assert [c.value for c in sheet[1]] == list(template.names)
        assert sheet.max_row == 1
        assert sheet.freeze_panes == "A2"
        assert all(sheet.column_dimensions[c.column_letter].width > 5 for c in sheet[1])
        assert all(c.comment is not None for c in sheet[1])


def test_template_has_a_drop_down_on_every_closed_column(template_path: Path) -> None:
    workbook = load_workbook(template_path)
    lists = workbook["daftar"]
    for template in SHEETS:
        sheet = workbook[template.name]
        validations = {
            str(v.sqref).split(":")[0][:-1]: v for v in sheet.data_validations.dataValidation
        }
        for letter_index, column in enumerate(template.columns):
            letter = chr(ord("A") + letter_index)
            if column.closed is None:
                assert letter not in validations
                continue
            validation = validations[letter]
            assert validation.type == "list"
            assert str(validation.sqref) == f"{letter}2:{letter}1048576"
            ref = validation.formula1.lstrip("=").split("!")[1].replace("$", "")
            values = [c.value for row in lists[ref] for c in row]
            assert values == list(closed_list(column.closed).values)


def test_template_explains_every_column_in_both_languages(template_path: Path) -> None:
    guide = load_workbook(template_path)["petunjuk"]
    rows = {(r[0], r[1]): r for r in guide.iter_rows(values_only=True) if r[1]}
    for template in SHEETS:
        for column in template.columns:
            row = rows[(template.name, column.name)]
            assert row[3] == column.help_id and row[4] == column.help_en
            assert row[5]
    perspective = rows[("objectives", "perspective")][5]
    assert "Customer (Pelanggan)" in str(perspective)


def test_empty_template_imports_as_an_empty_graph(template_path: Path, tmp_path: Path) -> None:
    assert len(import_spreadsheet(template_path)) == 0
    write_template(tmp_path / "csv", fmt="csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        f"{s.name}.csv" for s in SHEETS
    )
    assert len(import_spreadsheet(tmp_path / "csv")) == 0


def test_dataset_keeps_lexical_forms_that_the_store_canonicalises(small: rdflib.Graph) -> None:
    decimal = rdflib.namespace.XSD.decimal
    dataset = read_dataset([SMALL])
    assert isomorphic(dataset.to_rdflib(), small)
    assert Literal("92.00", datatype=decimal) in set(dataset.to_rdflib().objects())
    # the pyoxigraph store, the dataset's query index, holds "92.00" as "92"
    assert '"92"^^<http://www.w3.org/2001/XMLSchema#decimal>' in {
        str(q.object) for q in dataset.store
    }
