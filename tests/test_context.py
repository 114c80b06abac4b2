"""The JSON-LD context (ontology/context.jsonld): in step with the ontology, and JSON-LD exports
that use it read back as the same graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyld.jsonld
import pytest
from click.testing import CliRunner
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from neo4j_helpers import assert_isomorphic, exact_graph
from selaras import resources
from selaras.cli import main
from selaras.context import CONTEXT_FILE, context, context_text
from selaras.generate import generate_cascade
from selaras.namespace import SEL_IRI

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_context_is_built_from_the_ontology() -> None:
    shipped = (resources.folder("ontology") / CONTEXT_FILE).read_text(encoding="utf-8")
    assert shipped == context_text(), (
        "ontology/context.jsonld is out of step with the ontology: "
        "run `python -m selaras.context > ontology/context.jsonld`"
    )


def test_every_ontology_term_has_a_short_name_and_every_name_a_term() -> None:
    ontology = resources.ontology_graph()
    mapping = context()
    ids = [v if isinstance(v, str) else v.get("@id", "") for v in mapping.values() if v != 1.1]
    named = {i.replace("sel:", SEL_IRI, 1) for i in ids if i.startswith("sel:")}
    concept_classes = set(ontology.transitive_subjects(RDFS.subClassOf, SKOS.Concept))
    terms = {
        str(s)
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, *concept_classes)
        for s in ontology.subjects(RDF.type, kind)
        if str(s).startswith(SEL_IRI)
    }
    assert named == terms
    assert mapping["perspective"] == {"@id": "sel:perspective", "@type": "@vocab"}
    assert mapping["statement"] == {"@id": "sel:statement", "@container": "@language"}
    assert mapping["year"] == {"@id": "sel:year", "@type": "xsd:gYear"}


def _export(source: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(source), "--format", "jsonld", "-o", str(out)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "source",
    ["tests/data/neo4j/literals.ttl", "examples/kaltara", "examples/defects"],
)
def test_jsonld_export_reads_back_as_the_same_graph(source: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonld"
    _export(ROOT / source, out)
    assert "@context" in json.loads(out.read_text(encoding="utf-8"))
    assert_isomorphic(exact_graph(out), exact_graph(ROOT / source))


@pytest.mark.parametrize("source", ["tests/data/neo4j/literals.ttl", "examples/kaltara"])
def test_pyld_the_reference_processor_reads_the_same_graph(source: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonld"
    _export(ROOT / source, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    nquads = pyld.jsonld.to_rdf(document, {"format": "application/n-quads"})
    read = tmp_path / "pyld.nt"
    read.write_text(nquads, encoding="utf-8")
    assert_isomorphic(exact_graph(read), exact_graph(ROOT / source))


def test_generated_cascade_with_defects_round_trips_through_jsonld(tmp_path: Path) -> None:
    source = tmp_path / "cascade.ttl"
    source.write_text(
        generate_cascade(staff=60, seed=11, defect_rate=0.05).turtle(), encoding="utf-8"
    )
    out = tmp_path / "out.jsonld"
    _export(source, out)
    assert_isomorphic(exact_graph(out), exact_graph(source))


def test_kaltara_reads_as_plain_json(tmp_path: Path) -> None:
    out = tmp_path / "kaltara.jsonld"
    _export(ROOT / "examples" / "kaltara", out)
    nodes = {node["id"]: node for node in json.loads(out.read_text(encoding="utf-8"))["@graph"]}
    assert nodes["ss:SS-KPPN-TRK-1"] == {
        "id": "ss:SS-KPPN-TRK-1",
        "type": "StrategicObjective",
        "belongsTo": "unit:KPPN-TRK",
        "cascadesFrom": "ss:SS-KANWIL-KALTARA-1",
        "cascading": "IndirectCascading",
        "code": "SS-KPPN-TRK-1",
        "perspective": "StakeholderPerspective",
        "statement": {"id": "Pelaksanaan anggaran satuan kerja mitra yang berkualitas"},
        "year": "2025",
    }
    assert nodes["unit:KPPN-TRK"]["level"] == "KemenkeuThree"


def test_jsonld_export_is_the_same_bytes_in_every_process(tmp_path: Path) -> None:
    texts = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}.jsonld"
        command = [sys.executable, "-m", "selaras", "export", "examples/defects"]
        subprocess.run(
            [*command, "--format", "jsonld", "-o", str(out)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        texts.append(out.read_bytes())
    assert texts[0] == texts[1]


def test_a_document_naming_the_context_iri_reads_without_the_network(tmp_path: Path) -> None:
    from selaras.context import CONTEXT_IRI
    from selaras.read import read_dataset

    doc = tmp_path / "ss.jsonld"
    doc.write_text(
        json.dumps(
            {
                "@context": CONTEXT_IRI,
                "@graph": [
                    {
                        "id": "ss:SS-1",
                        "type": "StrategicObjective",
                        "perspective": "StakeholderPerspective",
                        "statement": {"id": "Penerimaan pajak yang optimal"},
                        "year": "2025",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    expected = tmp_path / "ss.ttl"
    expected.write_text(
        """@prefix sel: <https://w3id.org/selaras/ontology#> .
<https://w3id.org/selaras/id/ss/SS-1> a sel:StrategicObjective ;
    sel:perspective sel:StakeholderPerspective ;
    sel:statement "Penerimaan pajak yang optimal"@id ;
    sel:year "2025"^^<http://www.w3.org/2001/XMLSchema#gYear> .
""",
        encoding="utf-8",
    )
    assert_isomorphic(exact_graph(doc), exact_graph(expected))
    assert len(list(read_dataset([doc]).triples())) == 4


def test_another_remote_context_is_a_one_line_error(tmp_path: Path) -> None:
    doc = tmp_path / "remote.jsonld"
    doc.write_text('{"@context": "https://example.org/ctx.jsonld", "@id": "x:y"}\n')
    result = CliRunner().invoke(main, ["validate", str(doc)])
    assert result.exit_code == 2
    assert result.output.startswith(f"selaras: error: {doc}: the JSON-LD refers to a remote")
    assert len(result.output.strip().splitlines()) == 1


def test_malformed_json_naming_the_context_gives_line_and_column(tmp_path: Path) -> None:
    doc = tmp_path / "broken.jsonld"
    doc.write_text('{"@context": "https://w3id.org/selaras/context.jsonld",\n  "id": }\n')
    result = CliRunner().invoke(main, ["validate", str(doc)])
    assert result.exit_code == 2
    assert f"{doc}:2:9: not JSON" in result.output
