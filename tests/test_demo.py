"""`selaras demo`: the main job on the bundled examples writes every report and analysis."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDF, SH

from selaras.cli import main
from selaras.demo import run_demo
from selaras.resources import example_path


def _manifest() -> set[tuple[str, str]]:
    with (example_path("defects") / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return {(row["rule_id"], row["focus"]) for row in csv.DictReader(f)}


def defects_triples(root: Path) -> list[object]:
    from selaras.read import read_dataset

    return list(read_dataset([root / "examples" / "defects"]).triples())


def test_demo_writes_reports_and_analyses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = example_path("kaltara").parents[1]
    monkeypatch.chdir(root)
    outcome = run_demo(out_dir=tmp_path)

    kaltara, defects = outcome.reports["kaltara"], outcome.reports["defects"]
    assert kaltara.conforms and not kaltara.results
    assert not defects.conforms
    assert {(r.rule_id, r.focus) for r in defects.results} == _manifest()

    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in outcome.written)
    assert len(names) == 15  # and the Kaltara scorecard (kaltara-scores.html)

    # CSV: one row per result, in the report's order
    with (tmp_path / "defects-validation.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(row["rule_id"], row["focus"]) for row in rows] == [
        (r.rule_id, r.focus) for r in defects.results
    ]

    # Turtle: a standard sh:ValidationReport with one sh:result per result
    graph = rdflib.Graph().parse(tmp_path / "defects-validation.ttl")
    (node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(node, SH.conforms).toPython() is False
    assert len(list(graph.objects(node, SH.result))) == len(defects.results)
    graph = rdflib.Graph().parse(tmp_path / "kaltara-validation.ttl")
    (node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(node, SH.conforms).toPython() is True

    # HTML names every rule that fired
    html = (tmp_path / "defects-validation.html").read_text(encoding="utf-8")
    assert all(f'id="rule-{rule}"' in html for rule, _ in _manifest())
    # inputs named as the reader knows them (relative to the working folder), counts readable
    assert '<li class="code">examples/defects/units.ttl</li>' in html
    assert str(root) not in html
    assert f"{len(defects_triples(root)):,} triples" in html

    # analyses: Kaltara has no orphans and no misaligned SS; the defects example has both
    assert not outcome.analyses[("kaltara", "orphans")].rows
    assert not outcome.analyses[("kaltara", "misaligned")].rows
    misaligned = outcome.analyses[("defects", "misaligned")]
    assert {row[3] for row in misaligned.rows} == {
        "cross-branch",
        "perspective-lowered",
        "direct-to-many",
        "year-mismatch",
        "origin-without-map",
        "cycle",
        "iku-cross-branch",
        "iku-not-following-ss",
        "full-cascade-changed",
    }
    with (tmp_path / "defects-misaligned.csv").open(encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(misaligned.rows)


def test_demo_command_exits_zero(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "-o", str(tmp_path), "--quiet", "--lang", "id"])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    assert (tmp_path / "defects-validation.csv").exists()
    assert "Laporan" in (tmp_path / "kaltara-validation.html").read_text(encoding="utf-8")


def test_demo_without_graphviz_writes_everything_without_maps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fresh machine without `dot`: the same files, the HTML without strategy maps, and a note.
    with_dot = tmp_path / "with"
    run_demo(out_dir=with_dot)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = CliRunner().invoke(main, ["demo", "-o", str(tmp_path / "without")])
    assert result.exit_code == 0, result.output
    assert "no strategy maps in the HTML" in result.output
    without = tmp_path / "without"
    assert sorted(p.name for p in without.iterdir()) == sorted(p.name for p in with_dot.iterdir())
    for page in ("defects-validation.html", "kaltara-scores.html"):
        assert 'class="strategy-map"' in (with_dot / page).read_text(encoding="utf-8")
        assert 'class="strategy-map"' not in (without / page).read_text(encoding="utf-8")
