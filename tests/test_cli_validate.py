"""`selaras validate`: exit codes 0/1/2, one-line errors, formats and output files, with click's
CliRunner and as the installed `selaras` script in a real subprocess (no terminal: no progress)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner, Result

import test_shapes as rule_tests
from selaras.cli import main
from selaras.errors import DatasetError
from selaras.report import CSV_COLUMNS

CASES = {case.id: case for case in rule_tests.CASES}


def _cascade(tmp: Path, name: str, *case_ids: str) -> Path:
    store = ox.Store()
    store.bulk_extend(rule_tests._base_quads())
    for case_id in case_ids:
        store.update(rule_tests.UPDATE_PROLOGUE + CASES[case_id].update)
    path = tmp / f"{name}.ttl"
    store.dump(path, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("validate")
    bad = tmp / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n  ex:d "open .\n')
    empty = tmp / "empty.ttl"
    empty.write_text("@prefix ex: <http://example.org/> .\n")
    return {
        "clean": _cascade(tmp, "clean"),
        "violations": _cascade(tmp, "violations", "UNIT-LEVEL:missing", "CODE-UNIQUE:shared"),
        "warnings": _cascade(tmp, "warnings", "MAP-MISSING:by-level-and-by-kind"),
        "bad": bad,
        "empty": empty,
    }


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["validate", *map(str, args)])


def one_error_line(result: Result) -> str:
    """The single stderr line of a failed run (no traceback, nothing on stdout)."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("selaras: error: "), result.stderr
    return lines[0].removeprefix("selaras: error: ")


def test_conforming_data_exits_0(files: dict[str, Path]) -> None:
    result = run(files["clean"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith("conforms: 0 violations, 0 warnings (")
    assert result.stderr == ""  # no terminal, no progress


def test_violations_exit_1(files: dict[str, Path]) -> None:
    result = run(files["violations"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("does not conform: 3 violations, 0 warnings")


def test_warnings_exit_0_unless_strict(files: dict[str, Path]) -> None:
    assert run(files["warnings"]).exit_code == 0
    strict = run("--strict", files["warnings"])
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[-1] == (
        "conforms: 0 violations, 2 warnings (245 triples, profile kmk-467-2014)"
    )


def test_each_format_to_a_file(files: dict[str, Path], tmp_path: Path) -> None:
    for fmt, suffix in (("ttl", "ttl"), ("jsonld", "jsonld"), ("csv", "csv"), ("html", "html")):
        out = tmp_path / f"report.{suffix}"
        result = run("--format", fmt, "-o", out, files["violations"])
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"{out}: 3 violations, 0 warnings\n"
        text = out.read_text(encoding="utf-8")
        if fmt in ("ttl", "jsonld"):
            graph = rdflib.Graph().parse(data=text, format="turtle" if fmt == "ttl" else "json-ld")
            assert len(list(graph.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult))) == 3
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(text)))
            assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 4
        else:
            assert text.startswith("<!DOCTYPE html>") and text.count('class="result"') == 3


def test_lang_id(files: dict[str, Path]) -> None:
    result = run("--lang", "id", files["violations"])
    assert "Unit harus berada pada tepat satu dari enam level" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("tidak sesuai: 3 pelanggaran")


def test_pyshacl_engine_gives_the_same_report(files: dict[str, Path]) -> None:
    sparql = run("--format", "csv", files["violations"])
    reference = run("--format", "csv", "--engine", "pyshacl", files["violations"])
    assert (reference.exit_code, reference.stdout) == (sparql.exit_code, sparql.stdout)


def test_missing_file(files: dict[str, Path]) -> None:
    missing = files["clean"].parent / "nowhere.ttl"
    assert one_error_line(run(missing)) == f"{missing}: no such file or folder"


def test_malformed_rdf_names_file_line_and_column(files: dict[str, Path]) -> None:
    line = one_error_line(run(files["clean"], files["bad"]))
    assert line.startswith(f"{files['bad']}:3:8: ")


def test_empty_dataset(files: dict[str, Path]) -> None:
    assert one_error_line(run(files["empty"])) == f"the input holds no triples: {files['empty']}"


def test_unknown_profile(files: dict[str, Path]) -> None:
    line = one_error_line(run("--profile", "kmk-2099", files["clean"]))
    assert line == "unknown profile 'kmk-2099'; valid: kmk-467-2014"


def test_unknown_format_and_language(files: dict[str, Path]) -> None:
    line = one_error_line(run("--format", "pdf", files["clean"]))
    assert "'--format'" in line and "'pdf' is not one of" in line and "selaras validate" in line
    assert "'--lang'" in one_error_line(run("--lang", "fr", files["clean"]))


def test_unwritable_output(files: dict[str, Path]) -> None:
    out = files["clean"] / "folder" / "r.html"  # under a file
    line = one_error_line(run("-o", out, files["clean"]))
    assert line == f"{out}: cannot write: {files['clean']} is not a folder"


def test_output_parent_folders_are_created(files: dict[str, Path]) -> None:
    out = files["clean"].parent / "no" / "such" / "folder" / "r.html"
    assert run("-o", out, "--format", "html", files["clean"]).exit_code == 0
    assert "<html" in out.read_text(encoding="utf-8")


def test_debug_shows_the_traceback(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["--debug", "validate", str(files["empty"])])
    assert isinstance(result.exception, DatasetError)


def _script() -> str:
    """The installed console script of this environment."""
    beside = Path(sys.executable).with_name("selaras")
    found = str(beside) if beside.exists() else shutil.which("selaras")
    assert found, "the selaras script is not installed (pip install -e .)"
    return found


def test_installed_script_in_a_subprocess(files: dict[str, Path]) -> None:
    def call(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [_script(), "validate", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    ok = call(files["clean"])
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout.splitlines()[-1].startswith("conforms: 0 violations")
    found = call("--format", "csv", files["violations"])
    assert found.returncode == 1 and found.stderr == ""
    assert len(list(csv.reader(io.StringIO(found.stdout)))) == 4
    broken = call(files["bad"])
    assert broken.returncode == 2 and broken.stdout == ""
    assert broken.stderr.startswith(f"selaras: error: {files['bad']}:3:8: ")
    assert len(broken.stderr.splitlines()) == 1 and "Traceback" not in broken.stderr


def test_progress_is_silent_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from selaras.progress import RichProgress

    progress = RichProgress()
    assert not progress.enabled
    with progress.task("Reading", total=3) as task:
        task.advance(3)
    assert capsys.readouterr().err == ""
