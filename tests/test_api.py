"""The public face (``import selaras``, ``docs/api.md``): small, typed, cheap to import, and
library errors that name settings, never options of the command line."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import selaras
from selaras.errors import SelarasError, SettingError, UnknownNameError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "loader" / "selaras"
KALTARA = ROOT / "examples" / "kaltara"


def test_every_public_name_exists_and_is_documented() -> None:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in selaras.__all__:
        assert hasattr(selaras, name), name
        if callable(getattr(selaras, name)) and name[0].islower():
            assert f"`{name}(" in page, f"{name} is not in docs/api.md"


def test_importing_selaras_imports_no_heavy_library() -> None:
    code = (
        "import sys, selaras; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'rdflib', 'neo4j', 'openpyxl', 'jinja2', 'pyshacl', 'click'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_stages_through_the_public_face(tmp_path: Path) -> None:
    dataset = selaras.read_dataset([KALTARA])
    report = selaras.validate_dataset(dataset)
    assert report.conforms and report.exit_code() == 0
    assert len(selaras.run_query("strategy-map", dataset=dataset)) > 0
    card = selaras.score_performance(dataset=dataset, period="2025-Q4")
    nko = {u.unit: str(u.nko.capaian) for u in card.units}
    assert nko["KPPN-TRK"] == "93.69"  # docs/scores.md explains this number
    assert selaras.score_performance(dataset=dataset).period == "2025-Q4"  # the last reported
    written = selaras.write_rdf(list(dataset.triples()), tmp_path / "k.ttl", "ttl")
    again = selaras.read_dataset([tmp_path / "k.ttl"])
    assert written == len(again) == len(dataset)
    assert {str(t) for t in again.triples()} == {str(t) for t in dataset.triples()}
    book = {str(t) for t in selaras.import_spreadsheet(ROOT / "examples" / "kaltara-csv")}
    assert book == {
        str(t) for t in selaras.read_dataset([ROOT / "examples" / "kaltara-csv"]).triples()
    }


def test_generate_raises_library_errors_that_are_value_errors() -> None:
    with pytest.raises(SettingError, match="at least 12") as info:
        selaras.generate_cascade(staff=3)
    assert info.value.settings == ("staff",) and isinstance(info.value, ValueError)
    with pytest.raises(UnknownNameError, match="DJX"):
        selaras.generate_cascade(staff=30, eselon_one=["DJX"])


_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _raised_texts(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for part in ast.walk(node.exc):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    found.append((node.lineno, part.value))
    return found


def test_library_errors_never_name_command_line_options() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == "cli.py" or relative.startswith("commands/"):
            continue
        for line, text in _raised_texts(ast.parse(path.read_text(encoding="utf-8"))):
            if _FLAG.search(text):
                offenders.append(f"{relative}:{line}: {text!r}")
    assert not offenders, "\n".join(offenders)


def test_the_command_line_names_its_options_for_a_setting(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from selaras.cli import main

    result = CliRunner().invoke(
        main, ["import", str(ROOT / "examples" / "kaltara-csv"), "--base", "not an iri"]
    )
    assert result.exit_code == 2
    assert result.output.startswith("selaras: error: the base 'not an iri' is not an absolute IRI")
    assert "(option --base)" in result.output
    assert issubclass(SettingError, SelarasError)
