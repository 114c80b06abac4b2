"""Report renderers: CSV rows parse back, Turtle and JSON-LD are the same SHACL report graph,
the text ends with the verdict, HTML escapes data and, in a real headless Chromium, shows the
summary tables and one row per result."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

import test_shapes as rule_tests
from selaras.namespace import SEL
from selaras.read import read_dataset
from selaras.report import CSV_COLUMNS, FORMATS, render, shorten
from selaras.validate import ValidationReport, validate
from tools import chromium

#: Changes to the rule tests' base cascade giving violations and warnings of several rules,
#: and a unit label that must be escaped.
DEFECTS = [
    "UNIT-LEVEL:missing",
    "CODE-UNIQUE:shared",
    "TARGET-PERIOD:bad-period-integer-two-realisations-untyped",
    "MAP-MISSING:by-level-and-by-kind",
    "UNIT-PARENT-SKIP:staff-under-office",
]
HOSTILE_LABEL = '<script>alert("x")</script> & Co'


def _report(updates: list[str]) -> ValidationReport:
    store = ox.Store()
    store.bulk_extend(rule_tests._base_quads())
    for update in updates:
        store.update(rule_tests.UPDATE_PROLOGUE + update)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cascade.ttl"
        store.dump(path, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
        report = validate(read_dataset([path]))
    return dataclasses.replace(report, created="2025-06-30T08:00:00Z", sources=("cascade.ttl",))


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    cases = {case.id: case for case in rule_tests.CASES}
    updates = [cases[name].update for name in DEFECTS]
    label = HOSTILE_LABEL.replace('"', '\\"')
    updates.append(
        "DELETE { unit:KPPN-TJS rdfs:label ?l } "
        f'INSERT {{ unit:KPPN-TJS rdfs:label "{label}"@id }} '
        "WHERE { unit:KPPN-TJS rdfs:label ?l }"
    )
    return _report(updates)


@pytest.fixture(scope="module")
def clean() -> ValidationReport:
    return _report([])


def test_the_sample_report_has_violations_and_warnings(report: ValidationReport) -> None:
    assert report.violations >= 5 and report.warnings >= 2 and not report.conforms
    assert {s.rule_id for s in report.by_rule if s.count} >= {
        "UNIT-LEVEL",
        "CODE-UNIQUE",
        "TARGET-PERIOD",
        "MAP-MISSING",
        "UNIT-PARENT-SKIP",
    }
    assert sum(s.count for s in report.by_rule) == len(report.results)
    assert sum(u.violations + u.warnings for u in report.by_unit) == len(report.results)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_csv_has_the_columns_and_one_row_per_result(report: ValidationReport, lang: str) -> None:
    text = render(report, fmt="csv", lang=lang)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(csv.reader(io.StringIO(text)).__next__()) == CSV_COLUMNS
    assert len(rows) == len(report.results)
    for row, result in zip(rows, report.results, strict=True):
        for column in CSV_COLUMNS:
            expected = result.message(lang) if column == "message" else getattr(result, column)
            assert row[column] == expected
    assert any(row["focus_label"] == HOSTILE_LABEL for row in rows) or any(
        row["unit_label"] == HOSTILE_LABEL for row in rows
    )


def _graph(text: str, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format=fmt)


def test_turtle_and_jsonld_are_the_same_shacl_report(report: ValidationReport) -> None:
    turtle = _graph(render(report, fmt="ttl"), "turtle")
    jsonld = _graph(render(report, fmt="jsonld"), "json-ld")
    assert isomorphic(turtle, jsonld)
    (node,) = turtle.subjects(RDF.type, SH.ValidationReport)
    assert turtle.value(node, SH.conforms) == rdflib.Literal(False)
    results = list(turtle.objects(node, SH.result))
    assert len(results) == len(report.results)
    severities = [turtle.value(r, SH.resultSeverity) for r in results]
    assert severities.count(SH.Violation) == report.violations
    assert severities.count(SH.Warning) == report.warnings
    for r in results:
        assert turtle.value(r, RDF.type) == SH.ValidationResult
        assert turtle.value(r, SH.focusNode) is not None
        assert isinstance(turtle.value(r, SH.sourceShape), rdflib.URIRef)
        assert turtle.value(r, SEL.ruleId) is not None and turtle.value(r, SEL.clause)
        assert {m.language for m in turtle.objects(r, SH.resultMessage)} == {"id", "en"}
    # A path and a value come back as RDF terms, not text.
    paths = [turtle.value(r, SH.resultPath) for r in results]
    assert rdflib.URIRef(str(SEL.level)) in paths
    values = [turtle.value(r, SH.value) for r in results]
    assert any(isinstance(v, rdflib.Literal) for v in values)


def test_conforming_report_graph(clean: ValidationReport) -> None:
    graph = _graph(render(clean, fmt="ttl"), "turtle")
    (node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(node, SH.conforms) == rdflib.Literal(True)
    assert list(graph.objects(node, SH.result)) == []
    assert render(clean, fmt="csv").splitlines() == [",".join(CSV_COLUMNS)]


def test_text_groups_by_rule_and_ends_with_the_verdict(
    report: ValidationReport, clean: ValidationReport
) -> None:
    lines = render(report, fmt="text").splitlines()
    assert lines[-1] == (
        f"does not conform: {report.violations} violations, {report.warnings} warnings "
        f"({report.triples} triples, profile kmk-467-2014)"
    )
    for summary in report.by_rule:
        if summary.count:
            header = f"{summary.severity.upper()} {summary.rule_id} ({summary.count})"
            assert header in lines
    assert sum(1 for line in lines if line.startswith("  - ")) == len(report.results)
    assert render(clean, fmt="text").splitlines()[-1].startswith("conforms: 0 violations")
    assert render(report, fmt="text", lang="id").splitlines()[-1].startswith("tidak sesuai:")


def test_renderers_are_deterministic(report: ValidationReport) -> None:
    for fmt in FORMATS:
        assert render(report, fmt=fmt) == render(report, fmt=fmt)


def test_html_escapes_data_and_speaks_the_language(report: ValidationReport) -> None:
    html = render(report, fmt="html", lang="id")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in html
    assert '<html lang="id">' in html and "Ringkasan per aturan" in html
    assert report.results[0].message_id in html
    assert "@media print" in html and "http://" not in html.split("<body>")[0].split("<style>")[0]


def test_shorten() -> None:
    assert shorten('"4"^^<http://www.w3.org/2001/XMLSchema#integer>') == '"4"^^xsd:integer'
    path = "<https://w3id.org/selaras/ontology#measures>/^<https://w3id.org/selaras/ontology#of>"
    assert shorten(path) == "sel:measures/^sel:of"
    assert shorten("<http://example.org/x>") == "<http://example.org/x>"


def test_html_in_headlesschromium(report: ValidationReport, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(report, fmt="html"), encoding="utf-8")
    dom = chromium("--dump-dom", page.as_uri()).stdout
    verdict = re.search(r'id="verdict">([^<]*)<', dom)
    assert verdict is not None
    assert verdict.group(1) == (
        f"does not conform: {report.violations} violations, {report.warnings} warnings"
    )
    summary = dom.split('id="summary-by-rule"')[1].split("</table>")[0]
    failing = [s for s in report.by_rule if s.count]
    assert summary.count('class="rule-summary"') == len(failing)
    for s in failing:
        assert re.search(
            rf'href="#rule-{s.rule_id}">{s.rule_id}</a>.*?>{s.count}</td>', summary, re.S
        )
    units = dom.split('id="summary-by-unit"')[1].split("</table>")[0]
    assert units.count("<tr>") == len(report.by_unit) + 1  # header row
    assert dom.count('class="result"') == len(report.results)
    for s in failing:
        assert dom.count(f'data-rule="{s.rule_id}"') == s.count
    # It prints: a PDF with pages.
    pdf = tmp_path / "report.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.read_bytes().count(b"/Type /Page") >= 2
