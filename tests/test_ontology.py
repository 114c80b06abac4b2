"""The ontology is checked like code: it parses, every term is documented in both languages,
the closed namespace class matches it, and nothing else in the repository uses a term it lacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from selaras import resources
from selaras.namespace import SEL, SEL_IRI

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in resources.ontology_paths():
        graph.parse(path, format="turtle")
    return graph


def defined_terms(graph: rdflib.Graph) -> set[str]:
    return {
        str(s)[len(SEL_IRI) :]
        for s in graph.subjects()
        if isinstance(s, rdflib.URIRef) and str(s).startswith(SEL_IRI)
    }


def test_ontology_has_a_versioned_iri(ontology: rdflib.Graph) -> None:
    onto = rdflib.URIRef("https://w3id.org/selaras/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    version = ontology.value(onto, OWL.versionIRI)
    assert version is not None and str(version).startswith(str(onto) + "/")


def test_every_term_has_labels_and_definitions_in_both_languages(
    ontology: rdflib.Graph,
) -> None:
    problems = []
    for term in sorted(defined_terms(ontology)):
        node = SEL[term]
        for prop in (RDFS.label, SKOS.definition):
            langs = {
                o.language for o in ontology.objects(node, prop) if isinstance(o, rdflib.Literal)
            }
            for lang in ("id", "en"):
                if lang not in langs:
                    problems.append(
                        f"sel:{term} lacks {prop.n3(ontology.namespace_manager)}@{lang}"
                    )
    assert problems == []


def test_every_class_and_property_has_a_graph_name(ontology: rdflib.Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    missing = [
        str(s)
        for kind in kinds
        for s in ontology.subjects(RDF.type, kind)
        if str(s).startswith(SEL_IRI) and ontology.value(s, SEL.graphName) is None
    ]
    assert missing == []
    names = [str(o) for o in ontology.objects(None, SEL.graphName)]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert duplicates == []


def test_concepts_are_in_a_scheme_with_rank_and_notation(ontology: rdflib.Graph) -> None:
    concept_classes = set(ontology.subjects(RDFS.subClassOf, SKOS.Concept))
    assert concept_classes
    for cls in concept_classes:
        members = list(ontology.subjects(RDF.type, cls))
        assert members, f"{cls} has no concepts"
        for concept in members:
            assert ontology.value(concept, SKOS.inScheme) is not None, concept
            assert ontology.value(concept, SKOS.notation) is not None, concept
            assert ontology.value(concept, SEL.rank) is not None, concept


def test_level_and_perspective_orders(ontology: rdflib.Graph) -> None:
    def ordered(cls: rdflib.URIRef) -> list[str]:
        members = ontology.subjects(RDF.type, cls)
        return [
            str(ontology.value(m, SKOS.notation))
            for m in sorted(members, key=lambda m: int(ontology.value(m, SEL.rank)))  # type: ignore[arg-type]
        ]

    assert ordered(SEL.Level) == ["Wide", "One", "Two", "Three", "Four", "Five"]
    assert ordered(SEL.Perspective) == [
        "Stakeholder",
        "Customer",
        "Internal Process",
        "Learning and Growth",
    ]


def test_namespace_class_matches_the_ontology(ontology: rdflib.Graph) -> None:
    in_python = {name for name in SEL.__annotations__ if not name.startswith("_")}
    assert in_python == defined_terms(ontology)


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = SEL.StrategicObjektive


_TERM = re.compile(r"(?:\bsel:|" + re.escape(SEL_IRI) + r")([A-Za-z][A-Za-z0-9_]*)")


def _files_using_terms() -> list[Path]:
    patterns = [
        "shapes/**/*.ttl",
        "examples/**/*.ttl",
        "queries/sparql/*.rq",
        "tests/data/**/*.ttl",
    ]
    found: list[Path] = []
    for pattern in patterns:
        found.extend(sorted(ROOT.glob(pattern)))
    return found


def test_no_file_uses_an_undefined_term(ontology: rdflib.Graph) -> None:
    defined = defined_terms(ontology)
    undefined = sorted(
        f"{path.relative_to(ROOT)}: sel:{term}"
        for path in _files_using_terms()
        for term in set(_TERM.findall(path.read_text(encoding="utf-8")))
        if term not in defined
    )
    assert undefined == []


def test_cypher_uses_only_graph_names(ontology: rdflib.Graph) -> None:
    names = {str(o) for o in ontology.objects(None, SEL.graphName)} | {"Resource", "Concept"}
    unknown = []
    for path in sorted((ROOT / "queries" / "cypher").glob("*.cypher")):
        text = "\n".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("//")
        )
        for match in re.finditer(r"\(\s*\w*\s*:\s*([A-Za-z_]+)|\[\s*\w*\s*:\s*([A-Z_|]+)", text):
            for name in filter(None, match.groups()):
                for part in name.split("|"):
                    if part and part not in names:
                        unknown.append(f"{path.name}: {part}")
    assert unknown == []
