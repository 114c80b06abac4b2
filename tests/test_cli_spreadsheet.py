"""The spreadsheet commands: import, template, export, and validate on a workbook; exit codes."""

from __future__ import annotations

from pathlib import Path

import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from books import valid, write
from selaras.cli import main
from selaras.spreadsheet import import_spreadsheet

SMALL = Path(__file__).parent / "data" / "spreadsheet" / "small.ttl"


def test_import_writes_turtle(tmp_path: Path) -> None:
    book = write(valid(), tmp_path, "xlsx")
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["import", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(out)
    assert isomorphic(graph, import_spreadsheet(book))
    assert "sel:" in out.read_text(encoding="utf-8")


def test_import_to_stdout(tmp_path: Path) -> None:
    book = write(valid(), tmp_path, "csv")
    result = CliRunner().invoke(main, ["import", str(book), "--base", "http://example.org/k/"])
    assert result.exit_code == 0
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert (rdflib.URIRef("http://example.org/k/unit/DJPB"), None, None) in graph


def test_import_lists_every_problem_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    sheets = valid()
    sheets["objectives"][1][3] = "Keuangan"
    sheets["targets"][1][2] = "92%"
    book = write(sheets, tmp_path, "csv")
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["import", str(book), "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()
    assert result.stderr.splitlines() == [
        f"selaras: error: {book}: 2 problems, nothing imported",
        "objectives!D2: 'Keuangan' is not a perspective; expected one of Stakeholder, "
        "Customer, Internal Process, Learning and Growth",
        "targets!C2: '92%' is not a number; write digits with a decimal comma or point, "
        "such as 92,5",
    ]
    assert "Traceback" not in result.output


def test_template_command(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    result = CliRunner().invoke(main, ["template", "-o", str(out)])
    assert result.exit_code == 0
    assert len(import_spreadsheet(out)) == 0
    result = CliRunner().invoke(main, ["template", "-o", str(tmp_path / "t"), "--format", "csv"])
    assert result.exit_code == 0 and (tmp_path / "t" / "units.csv").is_file()


def test_export_from_turtle_and_back(tmp_path: Path) -> None:
    out = tmp_path / "small.xlsx"
    result = CliRunner().invoke(main, ["export", "--format", "xlsx", "-o", str(out), str(SMALL)])
    assert result.exit_code == 0, result.output
    assert "rows: units 6, directions 3" in result.stderr
    assert isomorphic(import_spreadsheet(out), rdflib.Graph().parse(SMALL))
    folder = tmp_path / "csv"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(folder), str(out)])
    assert result.exit_code == 0, result.output
    assert isomorphic(import_spreadsheet(folder), import_spreadsheet(out))


def test_export_without_input_reads_neo4j(tmp_path: Path) -> None:
    args = ["export", "--format", "xlsx", "-o", str(tmp_path / "x"), "--uri", "bolt://127.0.0.1:1"]
    result = CliRunner().invoke(main, [*args, "--password", "x"])
    assert result.exit_code == 2
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in result.stderr
    assert not (tmp_path / "x").exists()


def test_spreadsheet_export_needs_an_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "csv", str(SMALL)])
    assert result.exit_code == 2
    assert "--format csv needs -o" in result.stderr


def test_validate_accepts_a_workbook_and_a_csv_folder(tmp_path: Path) -> None:
    outcomes = []
    for source in (SMALL, write(valid(), tmp_path, "xlsx"), write(valid(), tmp_path, "csv")):
        args = ["validate", "-q", "--engine", "pyshacl", str(source)]
        result = CliRunner().invoke(main, args)
        outcomes.append((result.exit_code, result.stdout))
    assert outcomes[0][0] == 0
    assert outcomes[1] == outcomes[2]
    assert outcomes[1][0] in (0, 1)


def test_validate_reports_spreadsheet_problems_with_exit_2(tmp_path: Path) -> None:
    sheets = valid()
    sheets["units"][2][2] = "Six"
    book = write(sheets, tmp_path, "xlsx")
    result = CliRunner().invoke(main, ["validate", "-q", str(book)])
    assert result.exit_code == 2
    assert "units!C3: 'Six' is not a level" in result.stderr
