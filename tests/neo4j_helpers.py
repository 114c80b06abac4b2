"""Helpers for the Neo4j tests: exact graphs and a stand-in for what Neo4j gives back."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from selaras.neo4j.export import node_triples
from selaras.neo4j.mapping import BLANK_KEY, RESOURCE, graph_mapping
from selaras.neo4j.rows import NodeRow
from selaras.read import read_dataset
from selaras.terms import rdflib_graph


def exact_graph(*paths: Path | str) -> rdflib.Graph:
    """The graph of files, literals exactly as written."""
    return read_dataset(list(paths)).to_rdflib()


def triples_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib graph of pyoxigraph triples, literals exactly as they are."""
    return rdflib_graph(triples)


def triples_of(text: str) -> list[ox.Triple]:
    """The triples of Turtle text as parsed (no store: lexical forms kept)."""
    return [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    ]


def as_exported(rows: list[NodeRow]) -> rdflib.Graph:
    """What export makes of node rows, as if they had gone through Neo4j (no server)."""
    mapping = graph_mapping()
    blank = {row.iri for row in rows if row.props.get(BLANK_KEY)}
    triples: list[ox.Triple] = []
    for row in rows:
        record: dict[str, Any] = {
            "iri": row.iri,
            "labels": [RESOURCE, *row.labels],
            "props": row.props,
            "rels": [[t, o, o in blank] for t, o in row.rels],
        }
        triples.extend(node_triples(record, mapping))
    return rdflib_graph(triples)


def assert_isomorphic(
    actual: rdflib.Graph | Iterable[ox.Triple], expected: rdflib.Graph | Iterable[ox.Triple]
) -> None:
    """Isomorphic graphs (rdflib graphs or pyoxigraph triples), or an assertion that shows the
    differing triples."""
    if not isinstance(actual, rdflib.Graph):
        actual = rdflib_graph(actual)
    if not isinstance(expected, rdflib.Graph):
        expected = rdflib_graph(expected)
    if isomorphic(actual, expected):
        return
    _both, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(only_actual)][:20]
    lines += [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(only_expected)][:20]
    raise AssertionError(
        f"graphs differ ({len(actual)} vs {len(expected)} triples):\n" + "\n".join(lines)
    )


def generated(staff: int, seed: int, defect_rate: float = 0.0) -> list[ox.Triple]:
    """The triples of a generated cascade (``selaras.generate``), as parsed."""
    from selaras.generate import generate_cascade

    return generate_cascade(staff=staff, seed=seed, defect_rate=defect_rate).triples()


def write_generated(path: Path, staff: int, seed: int, defect_rate: float = 0.0) -> None:
    """A generated cascade as a Turtle file."""
    from selaras.generate import generate_cascade

    generate_cascade(staff=staff, seed=seed, defect_rate=defect_rate).write(path)


def graph_state(driver: Any, database: str = "neo4j") -> tuple[list[Any], list[Any]]:
    """Every node (IRI, labels, properties) and relationship of the database, sorted."""

    def work(tx: Any) -> tuple[list[Any], list[Any]]:
        nodes = sorted(
            (
                r["iri"] or "",
                sorted(r["labels"]),
                sorted((k, repr(v)) for k, v in r["props"].items()),
            )
            for r in tx.run(
                "MATCH (n) RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props"
            )
        )
        rels = sorted(
            (r["s"], r["t"], r["o"])
            for r in tx.run("MATCH (s)-[r]->(o) RETURN s.iri AS s, type(r) AS t, o.iri AS o")
        )
        return nodes, rels

    with driver.session(database=database) as session:
        return session.execute_read(work)  # type: ignore[no-any-return]


def count(driver: Any, query: str, database: str = "neo4j", **params: Any) -> int:
    """The single number a counting query returns."""
    records, _summary, _keys = driver.execute_query(query, params, database_=database)
    return int(records[0][0])
