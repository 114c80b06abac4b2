"""Engine results: result paths written back as SHACL paths in RDF and read again, every kind."""

from __future__ import annotations

import itertools

import pyoxigraph as ox
import pytest
import rdflib

from selaras.shacl_sparql.compile import parse_path
from selaras.shacl_sparql.results import Path
from selaras.terms import to_rdflib

P, Q, R = (Path.iri(f"http://example.org/{n}") for n in "pqr")
PATHS = {
    "iri": (P, "<http://example.org/p>"),
    "inverse": (Path.inverse(P), "^<http://example.org/p>"),
    "sequence": (
        Path.sequence(P, Path.inverse(Q)),
        "<http://example.org/p>/^<http://example.org/q>",
    ),
    "alternative": (
        Path.alternative(P, Q, R),
        "<http://example.org/p>|<http://example.org/q>|<http://example.org/r>",
    ),
    "zeroOrMore": (Path.zero_or_more(P), "<http://example.org/p>*"),
    "oneOrMore": (Path.one_or_more(Path.inverse(P)), "(^<http://example.org/p>)+"),
    "zeroOrOne": (Path.zero_or_one(P), "<http://example.org/p>?"),
    "nested": (
        Path.inverse(Path.sequence(Path.alternative(P, Q), Path.zero_or_more(R))),
        "^((<http://example.org/p>|<http://example.org/q>)/<http://example.org/r>*)",
    ),
}


@pytest.mark.parametrize("kind", PATHS)
def test_path_round_trips_through_rdf_and_reads_as_sparql(kind: str) -> None:
    path, text = PATHS[kind]
    assert path.sparql() == text
    counter = itertools.count()
    head, triples = path.to_rdf(lambda: ox.BlankNode(f"b{next(counter)}"))
    graph = rdflib.Graph()
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    assert parse_path(graph, rdflib.URIRef("urn:shape"), to_rdflib(head)) == path


def test_sparql_text_runs_as_a_property_path() -> None:
    store = ox.Store()
    store.load(
        b"<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"
        b"<http://example.org/c> <http://example.org/r> <http://example.org/b> .",
        format=ox.RdfFormat.N_TRIPLES,
    )
    path = Path.sequence(P, Path.zero_or_more(Path.inverse(R)))
    rows = store.query(f"SELECT ?v WHERE {{ <http://example.org/a> {path.sparql()} ?v }}")
    assert isinstance(rows, ox.QuerySolutions)
    assert {str(row["v"]) for row in rows} == {"<http://example.org/b>", "<http://example.org/c>"}
