"""Export stage: the nodes of a dataset in Neo4j back to RDF (an rdflib Graph).

The reverse of the mapping: labels -> the most specific ``rdf:type`` (or the ``types`` side key),
property keys -> literals with their datatypes and language tags restored exactly, relationships
-> triples to the target's IRI. Nodes with ``blank: true`` come back as blank nodes. Only nodes
that carry a dataset name are exported; the ontology's concept nodes (dataset ``ontology``) only
when asked for by name. Keys, labels and relationship types the mapping does not produce (added
by hand in Neo4j) are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, LiteralString

import neo4j
import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from selaras.errors import UnknownNameError
from selaras.jsonld import write_jsonld
from selaras.namespace import SEL_IRI
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
from selaras.read import Dataset
from selaras.terms import quiet_rdflib, to_ox, to_rdflib

RdfTriple = tuple[rdflib.term.Node, rdflib.URIRef, rdflib.term.Node]

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
) -> rdflib.Graph:
    """The RDF of dataset ``dataset`` (default: every dataset but ``ontology``).

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

    def work(tx: neo4j.ManagedTransaction) -> rdflib.Graph:
        graph = _new_graph()
        with progress.task("Exporting", total=total) as task:
            for record in tx.run(query, dataset=dataset, skip=ONTOLOGY_DATASET):
                for triple in node_triples(record.data(), mapping):
                    graph.add(triple)
                task.advance()
        return graph

    with driver.session(database=database) as session, quiet_rdflib():
        return session.execute_read(work)


def _new_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.bind("sel", SEL_IRI)
    for prefix, ns in (("skos", SKOS), ("rdfs", RDFS), ("xsd", XSD), ("owl", OWL)):
        graph.bind(prefix, ns)
    graph.bind("org", "http://www.w3.org/ns/org#")
    return graph


def _term(iri: str, blank: bool) -> rdflib.term.Node:
    if blank and iri.startswith(BNODE_PREFIX):
        return rdflib.BNode(iri[len(BNODE_PREFIX) :])
    return rdflib.URIRef(iri)


def literal(
    lexical: str, datatype: str | None = None, language: str | None = None
) -> rdflib.Literal:
    """An rdflib literal kept exactly as given (no normalisation; xsd:string as a plain literal)."""
    if language:
        return rdflib.Literal(lexical, lang=language)
    if datatype is None or datatype == XSD_STRING:
        return rdflib.Literal(lexical)
    return rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype), normalize=False)


def node_triples(record: dict[str, Any], mapping: GraphMapping) -> Iterator[RdfTriple]:
    """The triples of one node (``iri``, ``labels``, ``props``, ``rels`` as the export reads)."""
    props: dict[str, Any] = record["props"]
    subject = _term(record["iri"], bool(props.get(BLANK_KEY)))
    types = props.get(TYPES_KEY) or mapping.most_specific(record["labels"])
    for label in types:
        if label in mapping.class_of_label:
            yield subject, RDF.type, rdflib.URIRef(mapping.class_of_label[label])
    for key, value in props.items():
        if key in RESERVED_KEYS:
            continue
        try:
            predicate_iri, suffix = mapping.split_key(key)
        except KeyError:
            continue
        if suffix in SIDE_SUFFIXES:
            continue
        predicate = rdflib.URIRef(predicate_iri)
        values = value if isinstance(value, list) else [value]
        if suffix is not None:
            for text in values:
                yield subject, predicate, literal(text, language=suffix)
            continue
        range_ = mapping.range_of_predicate.get(predicate_iri)
        datatypes = props.get(f"{key}_{DATATYPE}")
        if isinstance(datatypes, list):
            for lexical, dtype in zip(values, datatypes, strict=True):
                yield subject, predicate, literal(lexical, dtype)
        elif isinstance(value, list):
            for item in values:
                yield subject, predicate, literal(*decode(item, range_))
        else:
            lexical, dtype = decode(
                value, range_, lexical=props.get(f"{key}_{LEXICAL}"), datatype=datatypes
            )
            yield subject, predicate, literal(lexical, dtype)
    for rel_type, target, blank in record["rels"]:
        if rel_type in mapping.predicate_of_name:
            predicate = rdflib.URIRef(mapping.predicate_of_name[rel_type])
            yield subject, predicate, _term(target, bool(blank))


#: Formats :func:`serialize` writes (``selaras export --format``).
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def serialize(graph: rdflib.Graph, fmt: str) -> str:
    """``graph`` as Turtle, N-Triples or JSON-LD, every literal exactly as it is in the graph.

    JSON-LD is compact, with the Selaras context (:mod:`selaras.jsonld`). For Turtle and
    N-Triples pyoxigraph writes the text: rdflib's Turtle writer re-formats numbers from their
    values (``"0.30000000000000004"^^xsd:double`` becomes ``3e-01``), which would lose data.
    """
    if fmt not in RDF_FORMATS:
        raise UnknownNameError("RDF format", fmt, RDF_FORMATS)
    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]  # type: ignore[arg-type]
    if fmt == "jsonld":
        return write_jsonld(triples)
    triples.sort(
        key=lambda t: (
            str(t.subject),
            t.predicate.value != _RDF_TYPE,
            str(t.predicate),
            str(t.object),
        )
    )
    prefixes = {
        prefix: str(ns)
        for prefix, ns in graph.namespaces()
        if prefix in ("sel", "rdf", "rdfs", "skos", "xsd", "org", "owl")
    }
    data = ox.serialize(
        triples,
        format=RDF_FORMATS[fmt],
        prefixes=prefixes if fmt == "ttl" else None,
    )
    assert data is not None
    return data.decode("utf-8")


_RDF_TYPE = str(RDF.type)


def rdflib_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """pyoxigraph triples as an rdflib Graph with every literal exactly as it is.

    rdflib's parsers normalise lexical forms (``"1.5E3"^^xsd:double`` becomes ``"1500.0"``);
    building the terms directly keeps them.
    """
    graph = _new_graph()
    with quiet_rdflib():
        for triple in triples:
            graph.add(
                (
                    to_rdflib(triple.subject),
                    rdflib.URIRef(triple.predicate.value),
                    to_rdflib(triple.object),
                )
            )
    return graph


def dataset_graph(dataset: Dataset) -> rdflib.Graph:
    """:func:`rdflib_graph` of a Dataset (whose store has canonicalised numeric literals)."""
    return rdflib_graph(dataset.triples())
