"""`selaras validate PATH --shapes SHAPES`: any SHACL against any data, through the CLI.

Rule ids and messages of shapes without `sel:ruleId`, the engine choice and its fallback notes,
and values in the Turtle and JSON-LD reports exactly as the data wrote them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from selaras.cli import main

PROLOGUE = """@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
SH = "http://www.w3.org/ns/shacl#"
#: Literals the pyoxigraph store keeps in another lexical form, and one it keeps as written.
ZOO = ('"05"^^xsd:integer', '"1.5E3"^^xsd:double', '"0.30000000000000004"^^xsd:double')


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("shapes")
    data = tmp / "data.ttl"
    data.write_text(PROLOGUE + f'ex:a a ex:C ; ex:v {", ".join(ZOO)} ; ex:name "a" .\n')
    shapes = tmp / "shapes.ttl"
    shapes.write_text(
        PROLOGUE
        + """ex:Small a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:SmallV .
ex:SmallV sh:path ex:v ; sh:maxInclusive 3 ; sh:message "above {$maxInclusive}"@en .
ex:Named sh:targetNode ex:a ; sh:property [ sh:path ex:name ; sh:minLength 2 ;
  sh:severity sh:Warning ] .
"""
    )
    slow = tmp / "slow.ttl"
    slow.write_text(
        PROLOGUE
        + """ex:Slow sh:target [ a sh:SPARQLTarget ;
  sh:select "SELECT ?this WHERE { ?this a <http://example.org/C> }" ] ;
  sh:property [ sh:path ex:v ; sh:datatype xsd:string ] .
"""
    )
    return {"data": data, "shapes": shapes, "slow": slow}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["validate", *map(str, args)])


def test_text_report_names_rules_from_the_shapes(files: dict[str, Path]) -> None:
    result = run(files["data"], "--shapes", files["shapes"])
    assert result.exit_code == 1, result.output
    assert "VIOLATION SmallV (2)" in result.stdout
    assert "  above 3" in result.stdout  # sh:message, {$maxInclusive} filled in
    assert "WARNING Named-name (1)" in result.stdout  # a blank shape: holder and path
    assert "MinLength not met" in result.stdout  # no sh:message: the component
    assert result.stdout.rstrip().endswith("(5 triples, shapes given with --shapes)")
    assert "runs with pySHACL" not in result.stderr


@pytest.mark.parametrize(("fmt", "rdf_format"), [("ttl", "TURTLE"), ("jsonld", "JSON_LD")])
def test_report_values_are_the_literals_as_written(
    files: dict[str, Path], fmt: str, rdf_format: str
) -> None:
    result = run(files["data"], "--shapes", files["shapes"], "--format", fmt)
    assert result.exit_code == 1, result.output
    triples = list(ox.parse(result.stdout.encode(), format=getattr(ox.RdfFormat, rdf_format)))
    values = [t.object for t in triples if t.predicate.value == SH + "value"]
    assert {v.value for v in values if isinstance(v, ox.Literal)} == {"05", "1.5E3", "a"}
    components = {t.object.value for t in triples if t.predicate.value.endswith("Component")}
    assert components == {
        SH + "MaxInclusiveConstraintComponent",
        SH + "MinLengthConstraintComponent",
    }


def test_auto_hands_what_it_cannot_compile_to_pyshacl_and_says_so(files: dict[str, Path]) -> None:
    result = run(files["data"], "--shapes", files["shapes"], "--shapes", files["slow"])
    assert result.exit_code == 1, result.output
    note = "selaras: note: shape <http://example.org/Slow> runs with pySHACL: sh:target"
    assert note in result.stderr
    assert "engine sparql+pyshacl" in result.stdout
    assert "run by pySHACL" in result.stdout
    # the pySHACL results keep the values as written too
    assert {'"0.30000000000000004"^^xsd:double', '"05"^^xsd:integer', '"1.5E3"^^xsd:double'} <= {
        line.rsplit(" = ", 1)[-1] for line in result.stdout.splitlines() if " = " in line
    }


def test_engine_sparql_refuses_naming_shape_and_construct(files: dict[str, Path]) -> None:
    result = run(files["data"], "--shapes", files["slow"], "--engine", "sparql")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line == (
        "selaras: error: shape <http://example.org/Slow>: uses sh:target (SPARQL-based "
        "targets), which the SPARQL engine does not compile"
    )


def test_undeclared_prefix_is_one_error_line(files: dict[str, Path], tmp_path: Path) -> None:
    shapes = tmp_path / "prefix.ttl"
    shapes.write_text(
        PROLOGUE + 'ex:Q sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE '
        '{ $this nope:p ?x }" ] .\n'
    )
    result = run(files["data"], "--shapes", shapes)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("selaras: error: shape <http://example.org/Q>: its SPARQL query")


def test_malformed_shapes_file_names_file_and_line(files: dict[str, Path], tmp_path: Path) -> None:
    shapes = tmp_path / "broken.ttl"
    shapes.write_text(PROLOGUE + "ex:S sh:targetClass ex:C ;\n  sh:minCount .\n")
    result = run(files["data"], "--shapes", shapes)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"selaras: error: {shapes}:5:")


def test_built_in_kmk_shapes_run_entirely_on_the_sparql_engine() -> None:
    from selaras.read import read_dataset
    from selaras.resources import example_path
    from selaras.validate import validate

    report = validate(read_dataset([example_path("defects")]))
    assert report.engine == "sparql" and report.fallbacks == ()
    assert report.violations > 0


def test_profile_is_for_the_built_in_shapes_only(files: dict[str, Path]) -> None:
    result = run(files["data"], "--shapes", files["shapes"], "--profile", "kmk-467-2014")
    assert result.exit_code == 2
    assert "--profile sets the numbers of the built-in shapes: not with --shapes" in result.stderr


def test_a_severity_of_the_shapes_own_is_reported_and_does_not_fail(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(PROLOGUE + "ex:a a ex:C ; ex:v 1 , 2 .\n")
    shapes = tmp_path / "audit.ttl"
    shapes.write_text(
        PROLOGUE + "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:v ; sh:maxCount 1 ; "
        "sh:severity ex:Audit ] .\n"
    )
    result = run(data, "--shapes", shapes)
    assert result.exit_code == 0, result.output
    assert "AUDIT S-v (1)" in result.stdout
    assert result.stdout.rstrip().endswith(
        "0 violations, 0 warnings, 1 notes (3 triples, shapes given with --shapes)"
    )
    html = run(data, "--shapes", shapes, "--format", "html")
    assert html.exit_code == 0 and '<span class="sev Audit">Audit</span>' in html.stdout
    turtle = run(data, "--shapes", shapes, "--format", "ttl").stdout
    assert "sh:resultSeverity <http://example.org/Audit>" in turtle
