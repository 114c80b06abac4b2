"""Triples -> node rows, and back through the export code without a server."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neo4j_helpers import as_exported, assert_isomorphic, exact_graph, triples_graph, triples_of
from selaras.errors import DatasetError
from selaras.neo4j.mapping import concept_triples, graph_mapping
from selaras.neo4j.rows import BNODE_PREFIX, NodeRow, node_rows

PREFIXES = """
@prefix sel:  <https://w3id.org/selaras/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix id:   <https://w3id.org/selaras/id/> .
"""


def rows_of(text: str, dataset: str = "test") -> dict[str, NodeRow]:
    rows = node_rows(triples_of(PREFIXES + text), dataset=dataset, mapping=graph_mapping())
    return {row.iri: row for row in rows}


def test_a_unit_becomes_one_node_with_labels_properties_relationships() -> None:
    rows = rows_of(
        """
        id:u a sel:Position ; sel:code "P1" ; rdfs:label "Pelaksana"@id , "Staff"@en ;
            sel:partOf id:parent ; sel:level sel:KemenkeuFive .
        """
    )
    row = rows["https://w3id.org/selaras/id/u"]
    assert row.labels == ("Position", "Unit")
    assert row.props == {
        "iri": "https://w3id.org/selaras/id/u",
        "dataset": "test",
        "code": "P1",
        "label_id": "Pelaksana",
        "label_en": "Staff",
    }
    assert row.rels == [
        ("AT_LEVEL", "https://w3id.org/selaras/ontology#KemenkeuFive"),
        ("PART_OF", "https://w3id.org/selaras/id/parent"),
    ]
    assert list(rows) == ["https://w3id.org/selaras/id/u"]


def test_redundant_asserted_types_are_kept_in_a_side_key() -> None:
    rows = rows_of("id:u a sel:Position , sel:Unit . id:v a sel:Position .")
    assert rows["https://w3id.org/selaras/id/u"].props["types"] == ["Position", "Unit"]
    assert "types" not in rows["https://w3id.org/selaras/id/v"].props


def test_several_values_are_a_sorted_list() -> None:
    rows = rows_of('id:u rdfs:comment "b"@id , "a"@id ; sel:rank 3 , 1 , 2 .')
    props = rows["https://w3id.org/selaras/id/u"].props
    assert props["comment_id"] == ["a", "b"]
    assert props["rank"] == [1, 2, 3]


def test_mixed_values_keep_lexical_forms_and_datatypes() -> None:
    rows = rows_of('id:u sel:rank 3 , "x" , "1.50"^^xsd:decimal .')
    props = rows["https://w3id.org/selaras/id/u"].props
    assert props["rank"] == ["1.50", "3", "x"]
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert props["rank_datatype"] == [xsd + "decimal", xsd + "integer", xsd + "string"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("id:u sel:statment 'x' .", "predicate <https://w3id.org/selaras/ontology#statment>"),
        (
            "id:u <http://purl.org/dc/terms/title> 'x' .",
            "predicate <http://purl.org/dc/terms/title>",
        ),
        (
            "id:u a <http://www.w3.org/ns/org#OrganizationalUnit> .",
            "class <http://www.w3.org/ns/org",
        ),
        ("id:u a sel:Unitt .", "class <https://w3id.org/selaras/ontology#Unitt>"),
    ],
)
def test_terms_without_a_graph_name_are_refused(text: str, named: str) -> None:
    with pytest.raises(DatasetError, match="no graph name") as info:
        rows_of(text)
    assert named in str(info.value)


def test_reserved_language_tag_is_refused() -> None:
    with pytest.raises(DatasetError, match="reserved"):
        rows_of('id:u rdfs:label "x"@lexical .')


def test_blank_nodes_get_iris_from_content_not_from_their_labels() -> None:
    text = """
    id:r a sel:Risk ; rdfs:comment [ rdfs:label "a"@id ] , [ rdfs:label "b"@id ] ;
        sel:belongsTo [ sel:code "X" ; sel:partOf [ sel:code "Y" ] ] .
    """
    first = rows_of(text)
    second = rows_of(text)
    assert sorted(first) == sorted(second)
    blanks = [iri for iri in first if iri.startswith(BNODE_PREFIX)]
    assert len(blanks) == 4
    assert all(first[iri].props["blank"] is True for iri in blanks)
    assert sorted(rows_of(text, dataset="other")) != sorted(first)


def test_indistinguishable_blank_nodes_stay_apart() -> None:
    rows = rows_of('id:r rdfs:comment [ rdfs:label "same"@id ] , [ rdfs:label "same"@id ] .')
    assert len(rows) == 3
    assert_isomorphic(
        as_exported(list(rows.values())),
        exact_graph_of('id:r rdfs:comment [ rdfs:label "same"@id ] , [ rdfs:label "same"@id ] .'),
    )


def exact_graph_of(text: str):  # type: ignore[no-untyped-def]
    return triples_graph(triples_of(PREFIXES + text))


def test_literals_file_round_trips_without_a_server(data_dir: Path) -> None:
    path = data_dir / "neo4j" / "literals.ttl"
    expected = exact_graph(path)
    rows = node_rows(triples_of(path.read_text()), dataset="literals", mapping=graph_mapping())
    assert_isomorphic(as_exported(rows), expected)


def test_ontology_concepts_round_trip_without_a_server() -> None:
    triples = concept_triples()
    rows = node_rows(triples, dataset="ontology", mapping=graph_mapping())
    assert_isomorphic(as_exported(rows), triples_graph(triples))


# Random small graphs over the ontology's terms: every one comes back the same.
SEL_IRI = "https://w3id.org/selaras/ontology#"
_m = graph_mapping()
predicates = sorted(_m.name_of_predicate)
classes = sorted(_m.labels_of_class)
XSD = "http://www.w3.org/2001/XMLSchema#"
literals = st.one_of(
    st.builds(
        lambda v, lang: ox.Literal(v, language=lang),
        st.text(max_size=8),
        st.sampled_from(["id", "en", "en-gb"]),
    ),
    st.builds(
        lambda v, dt: ox.Literal(v, datatype=ox.NamedNode(XSD + dt)),
        st.sampled_from(["1", "01", "2025", "92.00", "1.5", "x", "true", "0", "2025-06-30", ""]),
        st.sampled_from(["string", "integer", "decimal", "double", "gYear", "date", "boolean"]),
    ),
)
nodes = st.sampled_from(
    [ox.NamedNode(f"https://w3id.org/selaras/id/n{i}") for i in range(4)]
    + [ox.BlankNode(f"b{i}") for i in range(3)]
)
triples = st.one_of(
    st.builds(
        lambda s, c: ox.Triple(s, ox.NamedNode(RDF_TYPE), ox.NamedNode(c)),
        nodes,
        st.sampled_from(classes),
    ),
    st.builds(
        lambda s, p, o: ox.Triple(s, ox.NamedNode(p), o),
        nodes,
        st.sampled_from(predicates),
        st.one_of(literals, nodes),
    ),
)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@settings(max_examples=150, deadline=None)
@given(st.lists(triples, min_size=1, max_size=25))
def test_random_graphs_round_trip_without_a_server(items: list[ox.Triple]) -> None:
    rows = node_rows(items, dataset="random", mapping=graph_mapping())
    assert_isomorphic(as_exported(rows), triples_graph(items))


def _rows(triples: object) -> list[NodeRow]:
    return node_rows(triples, dataset="kaltara", mapping=graph_mapping())  # type: ignore[arg-type]


@pytest.mark.parametrize("example", ["kaltara", "kaltara-csv"])
def test_streamed_inputs_give_the_rows_of_the_dataset(example: str) -> None:
    from selaras.read import read_dataset, stream_inputs

    path = Path(__file__).resolve().parents[1] / "examples" / example
    expected = _rows(read_dataset([path]).triples())
    assert len(expected) > 300
    assert _rows(stream_inputs([path])) == expected


def test_streamed_inputs_without_triples_are_refused(tmp_path: Path) -> None:
    from selaras.read import stream_inputs

    (tmp_path / "empty.nt").write_text("")
    with pytest.raises(DatasetError, match="holds no triples"):
        _rows(stream_inputs([tmp_path / "empty.nt"]))


def test_rows_do_not_depend_on_the_order_of_the_triples() -> None:
    """A subject's triples need not come together (the mapping groups runs of them)."""
    from selaras.read import read_dataset

    path = Path(__file__).resolve().parents[1] / "examples" / "kaltara"
    triples = list(read_dataset([path]).triples())
    expected = _rows(triples)
    interleaved = triples[::2] + triples[1::2][::-1]
    assert _rows(interleaved) == expected
    assert _rows([*triples, *triples[::3]]) == expected  # repeated triples change nothing
