"""Helpers for the Neo4j tests: exact graphs and a stand-in for what Neo4j gives back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from selaras.neo4j.export import dataset_graph, node_triples
from selaras.neo4j.mapping import BLANK_KEY, RESOURCE, graph_mapping
from selaras.neo4j.rows import NodeRow
from selaras.read import Dataset, read_dataset


def exact_graph(*paths: Path | str) -> rdflib.Graph:
    """The graph of files as Selaras reads them, literals exactly as written."""
    return dataset_graph(read_dataset(list(paths)))


def as_exported(rows: list[NodeRow]) -> rdflib.Graph:
    """What export makes of node rows, as if they had gone through Neo4j (no server)."""
    mapping = graph_mapping()
    blank = {row.iri for row in rows if row.props.get(BLANK_KEY)}
    graph = rdflib.Graph()
    for row in rows:
        record: dict[str, Any] = {
            "iri": row.iri,
            "labels": [RESOURCE, *row.labels],
            "props": row.props,
            "rels": [[t, o, o in blank] for t, o in row.rels],
        }
        for triple in node_triples(record, mapping):
            graph.add(triple)
    return graph


def assert_isomorphic(actual: rdflib.Graph, expected: rdflib.Graph) -> None:
    """Isomorphic graphs, or an assertion that shows the differing triples."""
    if isomorphic(actual, expected):
        return
    _both, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(only_actual)][:20]
    lines += [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(only_expected)][:20]
    raise AssertionError(
        f"graphs differ ({len(actual)} vs {len(expected)} triples):\n" + "\n".join(lines)
    )


def dataset_of(text: str) -> Dataset:
    """A Dataset from Turtle text."""
    import pyoxigraph as ox

    dataset = Dataset()
    dataset.add_triples(
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    )
    return dataset
