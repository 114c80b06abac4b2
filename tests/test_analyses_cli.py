"""`selaras query`: listing, formats, exit codes, warnings; parameter binding is safe."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyses_helpers import embedded
from selaras.cli import main

DATA = Path(__file__).resolve().parent / "data" / "analyses"
CHAIN = str(DATA / "chain.ttl")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_names_every_analysis_with_its_parameters() -> None:
    code, out, _ = run("query", "--list")
    assert code == 0
    lines = out.splitlines()
    names = [line.split(":")[0] for line in lines if not line.startswith(" ")]
    assert names == [
        "cascade",
        "coverage",
        "line-of-sight",
        "misaligned",
        "orphans",
        "scores",
        "strategy-map",
    ]
    assert "    --param from=CODE (SS|IKU; default: null): the SS or IKU to start from" in out
    assert "    --param from=CODE (SS|IKU; required)" in out


def test_table_is_the_default_format() -> None:
    code, out, _ = run("query", "strategy-map", CHAIN)
    assert code == 0
    assert out.splitlines()[0].split() == ["perspective", "code", "statement", "causes"]
    assert out.splitlines()[-1] == "2 rows"
    assert "Customer      W-SS2   Layanan publik yang prima        W-SS1" in out


def test_json_is_an_array_of_objects_keyed_by_column() -> None:
    code, out, _ = run("query", "coverage", CHAIN, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0] == {
        "unit": "KEMENKEU",
        "level": "Wide",
        "ss": 2,
        "iku": 2,
        "measured": 1.0,
        "cascaded": 0.5,
        "staff": 1,
    }
    assert list(rows[0]) == ["unit", "level", "ss", "iku", "measured", "cascaded", "staff"]
    assert rows[4]["unit"] == "KPPN2" and rows[4]["measured"] is None


def test_csv_has_a_header_and_empty_cells_for_null(tmp_path: Path) -> None:
    target = tmp_path / "out" / "cascade.csv"
    code, out, err = run(
        "query", "cascade", CHAIN, "--param", "from=SEKSI-SS1", "--format", "csv", "-o", str(target)
    )
    assert code == 0 and out == ""
    assert f"{target}: 4 rows" in err
    rows = list(csv.reader(io.StringIO(target.read_text())))
    assert rows == [
        ["code", "kind", "unit", "level", "depth", "parent"],
        ["SEKSI-SS1", "SS", "SEKSI", "Four", "0", ""],
        ["SEKSI-IKU1", "IKU", "SEKSI", "Four", "1", "SEKSI-SS1"],
        ["STAFF-SS1", "SS", "STAFF", "Five", "1", "SEKSI-SS1"],
        ["STAFF-IKU1", "IKU", "STAFF", "Five", "2", "SEKSI-IKU1"],
    ]


def test_xlsx_is_a_workbook_with_typed_cells_and_what_it_answers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "cascade.xlsx"
    code, out, err = run(
        "query",
        "cascade",
        CHAIN,
        "--param",
        "from=SEKSI-SS1",
        "--format",
        "xlsx",
        "-o",
        str(target),
    )
    assert code == 0 and out == ""
    assert f"{target}: 4 rows" in err
    book = load_workbook(target)
    assert book.sheetnames == ["cascade", "about"]
    sheet = book["cascade"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["code", "kind", "unit", "level", "depth", "parent"],
        ["SEKSI-SS1", "SS", "SEKSI", "Four", 0, None],
        ["SEKSI-IKU1", "IKU", "SEKSI", "Four", 1, "SEKSI-SS1"],
        ["STAFF-SS1", "SS", "STAFF", "Five", 1, "SEKSI-SS1"],
        ["STAFF-IKU1", "IKU", "STAFF", "Five", 2, "SEKSI-IKU1"],
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F5"
    about = {row[0]: row[1] for row in book["about"].iter_rows(values_only=True) if row}
    assert about["analysis"] == "cascade" and about["parameter from"] == "SEKSI-SS1"
    assert about["engine"] == "embedded" and about["rows"] == 4
    assert about["depth"]  # every column explained


def test_coverage_shares_are_numbers_in_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "coverage.xlsx"
    code, _, _ = run("query", "coverage", CHAIN, "--format", "xlsx", "-o", str(target))
    assert code == 0
    rows = list(load_workbook(target)["coverage"].iter_rows(values_only=True))
    embedded_rows = embedded("coverage", [Path(CHAIN)]).rows
    assert [tuple(r) for r in rows[1:]] == [tuple(r) for r in embedded_rows]


def test_xlsx_needs_an_output_file() -> None:
    code, _, err = run("query", "cascade", CHAIN, "--format", "xlsx")
    assert code == 2 and "-o FILE.xlsx" in err


def test_unknown_analysis_exits_2_with_the_valid_names() -> None:
    code, _, err = run("query", "orphan", CHAIN)
    assert code == 2
    assert "unknown analysis 'orphan'; valid: cascade, coverage, line-of-sight" in err
    assert "Traceback" not in err


def test_unknown_parameter_exits_2_with_the_valid_names() -> None:
    code, _, err = run("query", "cascade", CHAIN, "--param", "form=W-SS1")
    assert code == 2
    assert "unknown parameter of cascade 'form'; valid: from" in err
    code, _, err = run("query", "coverage", CHAIN, "--param", "unit=X")
    assert code == 2 and "valid: (none)" in err


def test_malformed_or_missing_parameters_exit_2() -> None:
    code, _, err = run("query", "cascade", CHAIN, "--param", "from")
    assert code == 2 and "--param takes KEY=VALUE" in err
    code, _, err = run("query", "line-of-sight", CHAIN)
    assert code == 2 and "needs --param from=" in err
    code, _, err = run("query", "cascade")
    assert code == 2 and "give RDF files" in err
    code, _, err = run("query")
    assert code == 2 and "give the analysis NAME" in err


def test_unknown_code_is_an_empty_result_and_a_warning() -> None:
    code, out, err = run("query", "cascade", CHAIN, "--param", "from=NO-SUCH", "--format", "json")
    assert code == 0
    assert json.loads(out) == []
    assert "selaras: warning: no SS or IKU has code 'NO-SUCH' (parameter from)" in err
    code, out, err = run("query", "strategy-map", CHAIN, "--param", "unit=W-SS1")
    assert code == 0 and "0 rows" in out
    assert "no Unit has code 'W-SS1'" in err


def test_neo4j_engine_takes_no_path() -> None:
    code, _, err = run("query", "cascade", CHAIN, "--engine", "neo4j")
    assert code == 2 and "give no PATH" in err


@pytest.mark.parametrize(
    "code", ['a"b', "a\\b", "line\nbreak", 'x" } ?s ?p ?o { "', "tab\there", "é ü 中"]
)
def test_parameter_values_are_escaped_not_pasted(tmp_path: Path, code: str) -> None:
    escaped = (
        code.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    path = tmp_path / "odd.ttl"
    path.write_text(
        "@prefix sel: <https://w3id.org/selaras/ontology#> .\n"
        f'<urn:x:ss> a sel:StrategicObjective ; sel:code "{escaped}" .\n'
        '<urn:x:other> a sel:StrategicObjective ; sel:code "other" ;'
        " sel:cascadesFrom <urn:x:ss> .\n",
        encoding="utf-8",
    )
    result = embedded("cascade", [path], {"from": code})
    assert [(r[0], r[4], r[5]) for r in result.rows] == [(code, 0, None), ("other", 1, code)]
    assert result.warnings == ()
