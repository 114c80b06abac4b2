"""Export stage: the nodes of a dataset in Neo4j back to RDF (pyoxigraph triples).

The reverse of the mapping: labels -> the most specific ``rdf:type`` (or the ``types`` side key),
property keys -> literals with their datatypes and language tags restored exactly, relationships
-> triples to the target's IRI. Nodes with ``blank: true`` come back as blank nodes. Only nodes
that carry a dataset name are exported; the ontology's concept nodes (dataset ``ontology``) only
when asked for by name. Keys, labels and relationship types the mapping does not produce (added
by hand in Neo4j) are left out. Writing the triples as a file is :mod:`selaras.rdf.write`'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, LiteralString

import neo4j
import pyoxigraph as ox

from selaras.errors import UnknownNameError
from selaras.neo4j.mapping import (
    BLANK_KEY,
    DATATYPE,
    LEXICAL,
    ONTOLOGY_DATASET,
    RESERVED_KEYS,
    SIDE_SUFFIXES,
    TYPES_KEY,
    GraphMapping,
    graph_mapping,
)
from selaras.neo4j.rows import BNODE_PREFIX
from selaras.neo4j.values import XSD_STRING, decode
from selaras.progress import SILENT, Progress

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

_RETURN: LiteralString = (
    "RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props, "
    "[(n)-[r]->(m) | [type(r), m.iri, coalesce(m.blank, false)]] AS rels"
)


def datasets(driver: neo4j.Driver, *, database: str) -> dict[str, int]:
    """The dataset names in the graph and their node counts (the ontology's included)."""

    def work(tx: neo4j.ManagedTransaction) -> dict[str, int]:
        result = tx.run(
            "MATCH (n:Resource) WHERE n.dataset IS NOT NULL "
            "RETURN n.dataset AS dataset, count(*) AS nodes"
        )
        return {r["dataset"]: r["nodes"] for r in result}

    with driver.session(database=database) as session:
        return session.execute_read(work)


def export_graph(
    driver: neo4j.Driver,
    *,
    database: str,
    dataset: str | None = None,
    progress: Progress = SILENT,
) -> list[ox.Triple]:
    """The triples of dataset ``dataset`` (default: every dataset but ``ontology``), each literal
    as it was loaded.

    Raises UnknownNameError listing the loaded datasets when ``dataset`` is not one of them.
    """
    mapping = graph_mapping()
    loaded = datasets(driver, database=database)
    if dataset is not None and dataset not in loaded:
        raise UnknownNameError("dataset in Neo4j", dataset, loaded)
    total = (
        loaded[dataset]
        if dataset is not None
        else sum(n for name, n in loaded.items() if name != ONTOLOGY_DATASET)
    )
    query: LiteralString
    if dataset is None:
        query = "MATCH (n:Resource) WHERE n.dataset IS NOT NULL AND n.dataset <> $skip " + _RETURN
    else:
        query = "MATCH (n:Resource) WHERE n.dataset = $dataset " + _RETURN

    def work(tx: neo4j.ManagedTransaction) -> list[ox.Triple]:
        triples: list[ox.Triple] = []
        with progress.task("Exporting", total=total) as task:
            for record in tx.run(query, dataset=dataset, skip=ONTOLOGY_DATASET):
                triples.extend(node_triples(record.data(), mapping))
                task.advance()
        return triples

    with driver.session(database=database) as session:
        return session.execute_read(work)


def _term(iri: str, blank: bool) -> ox.NamedNode | ox.BlankNode:
    if blank and iri.startswith(BNODE_PREFIX):
        return ox.BlankNode(iri[len(BNODE_PREFIX) :])
    return ox.NamedNode(iri)


def literal(lexical: str, datatype: str | None = None, language: str | None = None) -> ox.Literal:
    """A literal exactly as given (xsd:string when no datatype nor language)."""
    if language:
        return ox.Literal(lexical, language=language)
    if datatype is None or datatype == XSD_STRING:
        return ox.Literal(lexical)
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype))


def node_triples(record: dict[str, Any], mapping: GraphMapping) -> Iterator[ox.Triple]:
    """The triples of one node (``iri``, ``labels``, ``props``, ``rels`` as the export reads)."""
    props: dict[str, Any] = record["props"]
    subject = _term(record["iri"], bool(props.get(BLANK_KEY)))
    types = props.get(TYPES_KEY) or mapping.most_specific(record["labels"])
    for label in types:
        if label in mapping.class_of_label:
            yield ox.Triple(subject, _RDF_TYPE, ox.NamedNode(mapping.class_of_label[label]))
    for key, value in props.items():
        if key in RESERVED_KEYS:
            continue
        try:
            predicate_iri, suffix = mapping.split_key(key)
        except KeyError:
            continue
        if suffix in SIDE_SUFFIXES:
            continue
        predicate = ox.NamedNode(predicate_iri)
        values = value if isinstance(value, list) else [value]
        if suffix is not None:
            for text in values:
                yield ox.Triple(subject, predicate, literal(text, language=suffix))
            continue
        range_ = mapping.range_of_predicate.get(predicate_iri)
        datatypes = props.get(f"{key}_{DATATYPE}")
        if isinstance(datatypes, list):
            for lexical, dtype in zip(values, datatypes, strict=True):
                yield ox.Triple(subject, predicate, literal(lexical, dtype))
        elif isinstance(value, list):
            for item in values:
                yield ox.Triple(subject, predicate, literal(*decode(item, range_)))
        else:
            lexical, dtype = decode(
                value, range_, lexical=props.get(f"{key}_{LEXICAL}"), datatype=datatypes
            )
            yield ox.Triple(subject, predicate, literal(lexical, dtype))
    for rel_type, target, blank in record["rels"]:
        if rel_type in mapping.predicate_of_name:
            predicate = ox.NamedNode(mapping.predicate_of_name[rel_type])
            yield ox.Triple(subject, predicate, _term(target, bool(blank)))
