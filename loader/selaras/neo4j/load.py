"""Load stage: a Dataset into Neo4j, validated first, in batches, idempotently.

:func:`load_dataset` is the stage's entry: it validates and refuses data that does not conform
(unless told not to validate), then writes the triples exactly as parsed.

Every subject becomes one ``:Resource`` node keyed by ``iri`` (uniqueness constraint). A load
writes in two passes of batches, each batch one managed write transaction:

1. nodes: the batch's IRIs the database holds already are looked up; the others are CREATEd
   with their labels and full property map, the existing ones MERGEd and given their full
   property map and exactly their labels;
2. relationships (after the bare ``:Resource {iri}`` nodes of targets outside the input are
   MERGEd): for a node that was complete before (had a ``dataset``), its outgoing
   relationships the input no longer has are deleted and its own are MERGEd; a node new to the
   graph (or bare) has none, so its relationships are CREATEd. Both ends are found by ``iri``.

So after a load each loaded subject is exactly what the input says, whatever state an earlier
(also an interrupted) load left: running a load again gives the same graph as a clean load.
Query text is built only from names the ontology gives
(:class:`~selaras.neo4j.mapping.GraphMapping`); all values travel as parameters.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, LiteralString

import neo4j
import neo4j.exceptions as nx
import pyoxigraph as ox

from selaras.errors import DatasetError, NotConformingError
from selaras.memory import paused_gc
from selaras.neo4j.mapping import (
    ONTOLOGY_DATASET,
    RESOURCE,
    GraphMapping,
    concept_triples,
    graph_mapping,
)
from selaras.neo4j.rows import NodeRow, node_rows
from selaras.progress import SILENT, Progress
from selaras.rdf.dataset import Dataset
from selaras.resources import DEFAULT_PROFILE

if TYPE_CHECKING:
    from selaras.validate import Engine

DEFAULT_BATCH_SIZE = 2000
#: How often a batch is tried when a concurrent load created one of its nodes first.
CONFLICT_ATTEMPTS = 5


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


@dataclass
class WriteCounts:
    """Counters of the writes, summed over batches (stub target nodes count as created)."""

    nodes_created: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0

    def add(self, counters: neo4j.SummaryCounters) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted

    def merge(self, other: WriteCounts) -> None:
        self.nodes_created += other.nodes_created
        self.relationships_created += other.relationships_created
        self.relationships_deleted += other.relationships_deleted


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


def _node_query(labels: Sequence[str], mapping: GraphMapping) -> LiteralString:
    """Update nodes that exist already (complete or bare): full property map, exact labels."""
    others = [name for name in mapping.class_labels if name not in labels]
    query: LiteralString = (
        "UNWIND $rows AS props "
        "MERGE (n:" + RESOURCE + " {iri: props.iri}) "
        "SET n = props "
        "FOREACH (_ IN CASE WHEN any(l IN labels(n) WHERE NOT l IN $keep) THEN [1] ELSE [] END "
        "| REMOVE n" + mapping.label_text(others) + ") "
    )
    if labels:
        query = query + "SET n" + mapping.label_text(labels) + " "
    return query


def _create_query(labels: Sequence[str], mapping: GraphMapping) -> LiteralString:
    """Create nodes the database does not hold yet (checked in the same transaction)."""
    return (
        "UNWIND $rows AS props "
        "CREATE (n:" + RESOURCE + mapping.label_text(labels) + ") "
        "SET n = props"
    )


_EXISTING_QUERY: LiteralString = (
    "UNWIND $iris AS iri "
    "MATCH (n:Resource {iri: iri}) "
    "RETURN iri, n.dataset IS NOT NULL AS complete"
)

_STALE_QUERY: LiteralString = (
    "UNWIND $rows AS row "
    "MATCH (n:Resource {iri: row.iri})-[r]->(m) "
    "WHERE NOT type(r) + '>' + m.iri IN row.keep "
    "DELETE r"
)

_TARGET_QUERY: LiteralString = "UNWIND $iris AS iri MERGE (:Resource {iri: iri})"


def _rel_query(rel_type: str, mapping: GraphMapping, *, merge: bool) -> LiteralString:
    # Both endpoints exist when this runs (nodes first, then bare targets), so both are found
    # by the unique index on iri; a subject that was new in this load has no relationship yet.
    verb: LiteralString = "MERGE" if merge else "CREATE"
    return (
        "UNWIND $rows AS row "
        "MATCH (s:Resource {iri: row.s}) "
        "UNWIND row.o AS target "
        "MATCH (o:Resource {iri: target}) "
        + verb
        + " (s)-[:"
        + mapping.rel_type(rel_type)
        + "]->(o)"
    )


def _write_nodes(
    tx: neo4j.ManagedTransaction, batch: Sequence[NodeRow], mapping: GraphMapping
) -> tuple[WriteCounts, list[str]]:
    """One transaction: the batch's nodes, created when new, else updated exactly.

    Returns the counts and the IRIs of the nodes that were complete before (had a dataset):
    only those can have outgoing relationships; a new or bare node has none.
    """
    counts = WriteCounts()
    found: dict[str, bool] = {
        record["iri"]: record["complete"]
        for record in tx.run(_EXISTING_QUERY, iris=[row.iri for row in batch])
    }
    new: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    old: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in batch:
        (old if row.iri in found else new)[row.labels].append(row.props)  # props hold the iri
    for labels, rows in sorted(new.items()):
        counts.add(tx.run(_create_query(labels, mapping), rows=rows).consume().counters)
    for labels, rows in sorted(old.items()):
        query = _node_query(labels, mapping)
        counts.add(tx.run(query, rows=rows, keep=[RESOURCE, *labels]).consume().counters)
    return counts, [iri for iri, complete in found.items() if complete]


def _write_targets(tx: neo4j.ManagedTransaction, iris: Sequence[str]) -> WriteCounts:
    """Bare ``:Resource {iri}`` nodes for targets that are no subject of the input."""
    counts = WriteCounts()
    counts.add(tx.run(_TARGET_QUERY, iris=list(iris)).consume().counters)
    return counts


def _write_rels(
    tx: neo4j.ManagedTransaction,
    batch: Sequence[NodeRow],
    existed: set[str],
    mapping: GraphMapping,
) -> WriteCounts:
    """One transaction: the stale relationships of nodes that existed deleted, then the batch's
    relationships MERGEd (nodes that existed) or CREATEd (nodes new in this load)."""
    counts = WriteCounts()
    keep = [
        {"iri": row.iri, "keep": [f"{t}>{o}" for t, o in row.rels]}
        for row in batch
        if row.iri in existed
    ]
    if keep:
        counts.add(tx.run(_STALE_QUERY, rows=keep).consume().counters)
    by_type: dict[tuple[bool, str], list[dict[str, Any]]] = defaultdict(list)
    for row in batch:
        if not row.rels:
            continue
        merge = row.iri in existed
        targets: dict[str, list[str]] = defaultdict(list)
        for rel_type, target in row.rels:
            targets[rel_type].append(target)
        for rel_type, objects in targets.items():
            by_type[(merge, rel_type)].append({"s": row.iri, "o": objects})
    for (merge, rel_type), pairs in sorted(by_type.items()):
        query = _rel_query(rel_type, mapping, merge=merge)
        counts.add(tx.run(query, rows=pairs).consume().counters)
    return counts


def write_rows(
    driver: neo4j.Driver,
    rows: Sequence[NodeRow],
    *,
    database: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    mapping: GraphMapping | None = None,
    progress: Progress = SILENT,
    description: str = "Loading",
) -> WriteCounts:
    """Write node rows in batches of ``batch_size`` subjects, one transaction per batch.

    First every node (created, or updated when the database holds it already), then the bare
    nodes of targets outside the input, then the relationships. An interrupted run leaves
    whole batches; running it again deletes and adds whatever differs from the input.
    """
    mapping = mapping or graph_mapping()
    total = WriteCounts()
    existed: set[str] = set()
    subjects = {row.iri for row in rows}
    outside = sorted({o for row in rows for _t, o in row.rels if o not in subjects})
    relationships = sum(len(row.rels) for row in rows)
    with (
        driver.session(database=database) as session,
        progress.task(description, total=len(rows) + relationships) as task,
    ):
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            counts, complete = _write(session, _write_nodes, batch, mapping)
            total.merge(counts)
            existed.update(complete)
            task.advance(len(batch))
        for start in range(0, len(outside), batch_size):
            total.merge(_write(session, _write_targets, outside[start : start + batch_size]))
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            total.merge(_write(session, _write_rels, batch, existed, mapping))
            task.advance(sum(len(row.rels) for row in batch))
    return total


def _write(session: neo4j.Session, work: Any, *args: Any) -> Any:
    """``session.execute_write(work, *args)``, tried again when the uniqueness constraint
    refused a node: another load (of a dataset sharing nodes, such as the ontology's concepts)
    created it between this batch's check and its CREATE. The driver retries transient errors
    (deadlocks) itself but not this one; the retry finds the node and updates it instead."""
    for attempt in range(1, CONFLICT_ATTEMPTS + 1):
        try:
            return session.execute_write(work, *args)
        except nx.ConstraintError:
            if attempt == CONFLICT_ATTEMPTS:
                raise
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


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
    triples: Iterable[ox.Triple],
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
    return LoadSummary(
        dataset=name,
        nodes=len(rows),
        nodes_created=counts.nodes_created,
        relationships=sum(len(r.rels) for r in rows),
        relationships_created=counts.relationships_created,
        relationships_deleted=counts.relationships_deleted,
        replaced=replaced,
        seconds=time.perf_counter() - started,
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
    return load_triples(
        driver,
        dataset.triples(),
        name=name,
        database=database,
        replace=replace,
        batch_size=batch_size,
        progress=progress,
    )
