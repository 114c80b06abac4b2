"""The property-graph mapping is derived from the ontology, and only its names reach Cypher."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from selaras.namespace import SEL
from selaras.neo4j.mapping import (
    MappingError,
    build_mapping,
    concept_triples,
    graph_mapping,
    ontology_graph,
)


def test_labels_include_superclasses() -> None:
    m = graph_mapping()
    assert m.labels_of_class[str(SEL.Position)] == ("Position", "Unit")
    assert m.labels_of_class[str(SEL.Vision)] == ("Direction", "Vision")
    assert m.labels_of_class[str(SEL.Level)] == ("Concept", "Level")
    assert m.labels_of_class[str(SEL.StrategicObjective)] == ("SS",)
    assert m.labels_of_class[str(SKOS.ConceptScheme)] == ("ConceptScheme",)


def test_documented_relationship_types_and_keys() -> None:
    m = graph_mapping()
    expected = {
        SEL.partOf: "PART_OF",
        SEL.level: "AT_LEVEL",
        SEL.unitKind: "OF_KIND",
        SEL.mapOf: "MAP_OF",
        SEL.belongsTo: "BELONGS_TO",
        SEL.perspective: "IN_PERSPECTIVE",
        SEL.supportsGoal: "SUPPORTS",
        SEL.causes: "CAUSES",
        SEL.cascadesFrom: "CASCADES_FROM",
        SEL.cascading: "CASCADING",
        SEL.measures: "MEASURES",
        SEL.subIndicatorOf: "SUB_INDICATOR_OF",
        SEL.polarity: "POLARITY",
        SEL.hasTarget: "HAS_TARGET",
        SEL.drives: "DRIVES",
        SEL.holder: "HELD_BY",
        SEL.includes: "INCLUDES",
        SEL.threatens: "THREATENS",
        SKOS.inScheme: "IN_SCHEME",
        SEL.code: "code",
        SEL.targetValue: "target",
        RDFS.label: "label",
        SKOS.notation: "notation",
    }
    assert {str(k): v for k, v in expected.items()} == {
        str(k): m.name_of_predicate[str(k)] for k in expected
    }


def test_every_class_and_predicate_with_a_graph_name_is_mapped() -> None:
    m = graph_mapping()
    onto = ontology_graph()
    named = {str(s) for s in onto.subjects(SEL.graphName, None)}
    assert named == set(m.labels_of_class) | set(m.name_of_predicate)
    assert not set(m.labels_of_class) & set(m.name_of_predicate)


def test_data_labels_get_code_indexes_concepts_do_not() -> None:
    m = graph_mapping()
    for label in ("SS", "IKU", "Unit", "IS", "Direction", "Contract", "Target"):
        assert label in m.data_labels
    for label in ("Level", "Perspective", "Concept", "ConceptScheme"):
        assert label not in m.data_labels


@pytest.mark.parametrize(
    "name", ["SS) DETACH DELETE n //", "Foo", "", "SS`", "resource", "PART_OF]->() //"]
)
def test_names_outside_the_ontology_never_reach_cypher(name: str) -> None:
    m = graph_mapping()
    with pytest.raises(ValueError):
        m.label(name)
    with pytest.raises(ValueError):
        m.rel_type(name)


def test_label_text_and_whitelisted_names() -> None:
    m = graph_mapping()
    assert m.label_text(["Unit", "Position"]) == ":Position:Unit"
    assert m.label("Resource") == "Resource"
    assert m.rel_type("PART_OF") == "PART_OF"


def test_most_specific_drops_implied_superclasses() -> None:
    m = graph_mapping()
    assert m.most_specific(["Position", "Unit", "Resource"]) == ["Position"]
    assert m.most_specific(["Concept", "Level"]) == ["Level"]
    assert m.most_specific(["Unit"]) == ["Unit"]


def test_split_key() -> None:
    m = graph_mapping()
    assert m.split_key("code") == (str(SEL.code), None)
    assert m.split_key("label_id") == (str(RDFS.label), "id")
    assert m.split_key("label_en-gb") == (str(RDFS.label), "en-gb")
    assert m.split_key("target_lexical") == (str(SEL.targetValue), "lexical")
    assert m.split_key("year_datatype") == (str(SEL.year), "datatype")
    assert m.split_key("PART_OF_id") == (str(SEL.partOf), "id")
    for bad in ("score", "label_", "label_EN", "unknown_id"):
        with pytest.raises(KeyError):
            m.split_key(bad)


def _ontology(*names: tuple[str, str]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for local, name in names:
        term = rdflib.URIRef("https://example.org/" + local)
        graph.add((term, SEL.graphName, rdflib.Literal(name)))
        if local[0].isupper():
            graph.add((term, RDF.type, OWL.Class))
    return graph


@pytest.mark.parametrize(
    "names",
    [
        [("A", "Bad Name"), ("p", "code")],
        [("A", "Same"), ("B", "Same")],
        [("p", "iri")],
        [("p", "dataset")],
        [("A", "Resource")],
        [("p", "label"), ("q", "label_id")],
    ],
)
def test_unusable_graph_names_are_refused(names: list[tuple[str, str]]) -> None:
    with pytest.raises(MappingError):
        build_mapping(_ontology(*names))


def test_ontology_concept_nodes() -> None:
    subjects = {t.subject.value for t in concept_triples()}
    assert str(SEL.KemenkeuOne) in subjects
    assert str(SEL.LevelScheme) in subjects
    assert str(SEL.StakeholderPerspective) in subjects
    assert str(SEL.Unit) not in subjects
    assert str(SEL.partOf) not in subjects
