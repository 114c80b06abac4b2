"""Load stage: a Dataset into Neo4j, validated first, in batches, idempotently.

:func:`load_dataset` is the stage's entry: it validates and refuses data that does not conform
(unless told not to validate), then writes the triples exactly as parsed.

Every subject becomes one ``:Resource`` node keyed by ``iri`` (uniqueness constraint). The
writes (:mod:`selaras.neo4j.write`) go in passes of batches, each batch one managed write
transaction: nodes (created when new, else updated exactly), bare target nodes, then the
relationships, found by the element ids the node writes returned.

So after a load each loaded subject is exactly what the input says, whatever state an earlier
(also an interrupted) load left: running a load again gives the same graph as a clean load.
Query text is built only from names the ontology gives
(:class:`~selaras.neo4j.mapping.GraphMapping`); all values travel as parameters.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, LiteralString

import neo4j
import pyoxigraph as ox

from selaras.errors import DatasetError, NotConformingError
from selaras.memory import paused_gc
from selaras.neo4j.mapping import (
    ONTOLOGY_DATASET,
    GraphMapping,
    concept_triples,
    graph_mapping,
)
from selaras.neo4j.rows import node_rows
from selaras.neo4j.write import DEFAULT_BATCH_SIZE, write_rows
from selaras.progress import SILENT, Progress
from selaras.rdf.dataset import Dataset
from selaras.resources import DEFAULT_PROFILE

if TYPE_CHECKING:
    from selaras.validate import Engine


@dataclass(frozen=True)
class LoadSummary:
    """What a load did: nodes and relationships of the dataset written, and how many of them
    were new to the graph (``nodes_created`` includes bare target nodes for IRIs outside it)."""

    dataset: str
    nodes: int
    nodes_created: int
    relationships: int
    relationships_created: int
    relationships_deleted: int
    replaced: int
    seconds: float
    #: Of ``seconds``, the writes to the server (schema, concept nodes, the dataset's batches):
    #: all but mapping the triples to rows.
    write_seconds: float = 0.0

    def text(self) -> str:
        """One line for the terminal."""
        replaced = f"{self.replaced:,} old nodes removed, then " if self.replaced else ""
        rate = self.nodes / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.dataset}: {replaced}{self.nodes:,} nodes and {self.relationships:,} "
            f"relationships written ({self.nodes_created:,} nodes and "
            f"{self.relationships_created:,} relationships new, {self.relationships_deleted:,} "
            f"relationships removed) in {self.seconds:.1f} s ({rate:,.0f} nodes/s)"
        )


def ensure_schema(driver: neo4j.Driver, *, database: str, mapping: GraphMapping) -> None:
    """Create the ``:Resource(iri)`` uniqueness constraint and the indexes, if missing."""
    code = mapping.key("code")
    statements: list[LiteralString] = [
        "CREATE CONSTRAINT selaras_resource_iri IF NOT EXISTS "
        "FOR (n:Resource) REQUIRE n.iri IS UNIQUE",
        "CREATE INDEX selaras_resource_dataset IF NOT EXISTS FOR (n:Resource) ON (n.dataset)",
    ]
    for name in mapping.data_labels:
        label = mapping.label(name)
        statements.append(
            "CREATE INDEX selaras_" + code + "_" + label + " IF NOT EXISTS "
            "FOR (n:" + label + ") ON (n." + code + ")"
        )
    with driver.session(database=database) as session:
        for statement in statements:
            session.execute_write(_run, statement, {})
        session.execute_write(_run, "CALL db.awaitIndexes(300)", {})


def _run(tx: neo4j.ManagedTransaction, query: LiteralString, params: dict[str, Any]) -> None:
    tx.run(query, params).consume()


def _unload_batch(
    tx: neo4j.ManagedTransaction, dataset: str, limit: int, mapping: GraphMapping
) -> int:
    query: LiteralString = (
        "MATCH (n:Resource {dataset: $dataset}) WITH n LIMIT $limit "
        "OPTIONAL MATCH (n)-[r]->(t) DELETE r "
        "WITH n, collect(DISTINCT t.iri) AS targets "
        "SET n = {iri: n.iri} "
        "REMOVE n" + mapping.label_text(mapping.class_labels) + " "
        "RETURN n.iri AS iri, targets"
    )
    records = list(tx.run(query, dataset=dataset, limit=limit))
    candidates = {r["iri"] for r in records} | {t for r in records for t in r["targets"]}
    tx.run(
        "UNWIND $iris AS iri MATCH (m:Resource {iri: iri}) "
        "WHERE m.dataset IS NULL AND NOT EXISTS { (m)--() } DELETE m",
        iris=sorted(candidates),
    ).consume()
    return len(records)


def delete_dataset(
    driver: neo4j.Driver,
    dataset: str,
    *,
    database: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    mapping: GraphMapping | None = None,
) -> int:
    """Remove a dataset's nodes in batches; returns how many there were.

    A node another dataset still points to stays as a bare ``:Resource {iri}`` (no labels, no
    dataset) so the other dataset keeps its relationship; bare nodes nothing points to go.
    """
    mapping = mapping or graph_mapping()
    removed = 0
    with driver.session(database=database) as session:
        while True:
            done = session.execute_write(_unload_batch, dataset, batch_size, mapping)
            removed += done
            if done == 0:
                return removed


def _clear_batch(tx: neo4j.ManagedTransaction, limit: int) -> int:
    record = tx.run(
        "MATCH (n) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n", limit=limit
    ).single()
    return int(record["n"]) if record else 0


def clear_database(
    driver: neo4j.Driver, *, database: str, batch_size: int = DEFAULT_BATCH_SIZE
) -> int:
    """Delete every node and relationship of ``database`` in batches (tests, benchmarks)."""
    removed = 0
    with driver.session(database=database) as session:
        while done := session.execute_write(_clear_batch, batch_size):
            removed += done
    return removed


def load_triples(
    driver: neo4j.Driver,
    triples: Iterable[ox.Triple | ox.Quad],
    *,
    name: str,
    database: str,
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress = SILENT,
) -> LoadSummary:
    """Load ``triples`` as dataset ``name`` (nodes get ``dataset: name``); see the module doc.

    Literals are stored as they come (a Dataset's triples are as parsed, so lexical forms such
    as ``92.00`` are kept). The ontology's concept nodes are (re)loaded first as dataset
    ``ontology``. With ``replace`` the dataset's previous nodes are removed first.
    Raises DatasetError for a reserved name or for input the mapping cannot carry (nothing is
    written then).
    """
    if name == ONTOLOGY_DATASET or not name:
        raise DatasetError(f"dataset name {name!r} is reserved or empty; choose another")
    if batch_size < 1:
        raise DatasetError(f"batch size must be at least 1, not {batch_size}")
    started = time.perf_counter()
    with paused_gc():  # millions of rows and parameters that live on: see paused_gc
        mapping = graph_mapping()
        rows = node_rows(triples, dataset=name, mapping=mapping)
        concept_rows = node_rows(concept_triples(), dataset=ONTOLOGY_DATASET, mapping=mapping)
        writing = time.perf_counter()
        ensure_schema(driver, database=database, mapping=mapping)
        replaced = 0
        if replace:
            replaced = delete_dataset(
                driver, name, database=database, batch_size=batch_size, mapping=mapping
            )
        write_rows(driver, concept_rows, database=database, batch_size=batch_size, mapping=mapping)
        counts = write_rows(
            driver,
            rows,
            database=database,
            batch_size=batch_size,
            mapping=mapping,
            progress=progress,
            description=f"Loading {name}",
        )
        nodes, relationships = len(rows), sum(len(r.rels) for r in rows)
        # Freed while the collector is paused: once it runs again its first pass would look at
        # every object made meanwhile that still lives (about 2 s at 20,000 staff).
        del rows, concept_rows
        finished = time.perf_counter()
    return LoadSummary(
        dataset=name,
        nodes=nodes,
        nodes_created=counts.nodes_created,
        relationships=relationships,
        relationships_created=counts.relationships_created,
        relationships_deleted=counts.relationships_deleted,
        replaced=replaced,
        seconds=finished - started,
        write_seconds=finished - writing,
    )


def refuse_unless_conforming(
    dataset: Dataset,
    *,
    name: str,
    profile: str = DEFAULT_PROFILE,
    engine: Engine = "sparql",
    progress: Progress = SILENT,
) -> None:
    """Validate ``dataset`` against ``profile``: NotConformingError (exit code 1) with the
    counts when it does not conform. Its store is released afterwards (a load needs the
    triples only)."""
    from selaras.terms import quiet_rdflib
    from selaras.validate import validate as run_validation

    with quiet_rdflib():
        report = run_validation(dataset, profile=profile, engine=engine, progress=progress)
    dataset.release_store()  # the load needs the triples only
    if not report.conforms:
        raise NotConformingError(
            f"{name} has {report.count('Violation')} violations and "
            f"{report.count('Warning')} warnings; nothing written",
            violations=report.count("Violation"),
            warnings=report.count("Warning"),
        )


def load_dataset(
    driver: neo4j.Driver,
    dataset: Dataset,
    *,
    name: str,
    database: str,
    validate: bool = True,
    profile: str = DEFAULT_PROFILE,
    engine: Engine = "sparql",
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress = SILENT,
) -> LoadSummary:
    """Validate ``dataset`` against ``profile``, then load its triples as parsed (see
    :func:`load_triples`): every literal as written, such as ``"92.00"^^xsd:decimal``.

    Data that does not conform is refused: NotConformingError (exit code 1) with the counts,
    and nothing is written. ``validate=False`` loads without validating (data known to break
    rules, such as the defects example). Raises like :func:`load_triples` otherwise.
    """
    if validate:
        refuse_unless_conforming(
            dataset, name=name, profile=profile, engine=engine, progress=progress
        )
    return load_triples(
        driver,
        dataset.triples(),
        name=name,
        database=database,
        replace=replace,
        batch_size=batch_size,
        progress=progress,
    )
