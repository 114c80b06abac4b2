"""Node rows -> Neo4j, in batches of managed write transactions, idempotently.

A call of :func:`write_rows` writes in three passes, each batch one transaction:

1. nodes: the batch's IRIs the database holds already are looked up (skipped while the dataset
   has no node in the database: a first load; if another load created one of them meanwhile,
   the uniqueness constraint refuses the batch and it is written again with the look-up); the
   others are CREATEd with their labels and full property map, the existing ones MERGEd and
   given their full property map and exactly their labels. Each node's ``elementId`` comes
   back with it;
2. the bare ``:Resource {iri}`` nodes of targets outside the rows are MERGEd (ids come back);
3. relationships: for a node that was complete before (had a ``dataset``), its outgoing
   relationships the input no longer has are deleted and its own are MERGEd; a node new to
   the graph (or bare) has none, so its relationships are CREATEd. Both ends are found by the
   ``elementId`` the first two passes returned (a seek by id, not an index look-up by IRI);
   only a target that is a bare node, which another load's ``--replace`` may delete meanwhile,
   is found by its IRI.

Query text is built only from names the ontology gives
(:class:`~selaras.neo4j.mapping.GraphMapping`); all values travel as parameters.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, LiteralString

import neo4j
import neo4j.exceptions as nx

from selaras.neo4j.mapping import RESOURCE, GraphMapping, graph_mapping
from selaras.neo4j.rows import NodeRow
from selaras.progress import SILENT, Progress, Task

DEFAULT_BATCH_SIZE = 2000
#: How often a batch is tried when a concurrent load created one of its nodes first.
CONFLICT_ATTEMPTS = 5


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
    """Create nodes the database does not hold yet; their IRIs and element ids come back."""
    return (
        "UNWIND $rows AS props "
        "CREATE (n:" + RESOURCE + mapping.label_text(labels) + ") "
        "SET n = props "
        "RETURN collect(props.iri) AS iris, collect(elementId(n)) AS ids"
    )


_EXISTING_QUERY: LiteralString = (
    "UNWIND $iris AS iri "
    "MATCH (n:Resource {iri: iri}) "
    "RETURN collect(iri) AS iris, collect(elementId(n)) AS ids, "
    "collect(n.dataset IS NOT NULL) AS complete"
)

_STALE_QUERY: LiteralString = (
    "UNWIND $rows AS row "
    "MATCH (n) WHERE elementId(n) = row[0] "
    "MATCH (n)-[r]->(m) "
    "WHERE NOT type(r) + '>' + m.iri IN row[1] "
    "DELETE r"
)

_TARGET_QUERY: LiteralString = (
    "UNWIND $iris AS iri MERGE (n:Resource {iri: iri}) "
    "RETURN collect(iri) AS iris, collect(elementId(n)) AS ids, "
    "collect(n.dataset IS NULL) AS bare"
)


def _rel_query(rel_type: str, mapping: GraphMapping, *, merge: bool, by_iri: bool) -> LiteralString:
    """Relationships of one type: rows ``[source id, [target id or IRI, ...]]``.

    Both ends exist when this runs (nodes first, then bare targets); a subject that was new in
    this load has no relationship yet, so its relationships are CREATEd.
    """
    verb: LiteralString = "MERGE" if merge else "CREATE"
    target: LiteralString = (
        "MATCH (o:Resource {iri: target}) " if by_iri else "MATCH (o) WHERE elementId(o) = target "
    )
    return (
        "UNWIND $rows AS row "
        "MATCH (s) WHERE elementId(s) = row[0] "
        "UNWIND row[1] AS target "
        + target
        + verb
        + " (s)-[:"
        + mapping.rel_type(rel_type)
        + "]->(o)"
    )


def _ids(record: neo4j.Record | None) -> dict[str, str]:
    return dict(zip(record["iris"], record["ids"], strict=True)) if record else {}


def _write_nodes(
    tx: neo4j.ManagedTransaction, batch: Sequence[NodeRow], mapping: GraphMapping, look: bool
) -> tuple[WriteCounts, list[str], dict[str, str]]:
    """One transaction: the batch's nodes, created when new, else updated exactly.

    Without ``look`` every node is taken to be new (a dataset's first load). Returns the counts,
    the IRIs of the nodes that were complete before (had a dataset: only those can have outgoing
    relationships; a new or bare node has none) and the element id of every node.
    """
    counts = WriteCounts()
    ids: dict[str, str] = {}
    complete: list[str] = []
    if look:
        record = tx.run(_EXISTING_QUERY, iris=[row.iri for row in batch]).single()
        ids = _ids(record)
        if record:
            complete = [i for i, c in zip(record["iris"], record["complete"], strict=True) if c]
    new: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    old: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in batch:
        (old if row.iri in ids else new)[row.labels].append(row.props)  # props hold the iri
    for labels, rows in sorted(new.items()):
        result = tx.run(_create_query(labels, mapping), rows=rows)
        created = _ids(result.single())
        counts.add(result.consume().counters)
        ids.update(created)
    for labels, rows in sorted(old.items()):
        query = _node_query(labels, mapping)
        counts.add(tx.run(query, rows=rows, keep=[RESOURCE, *labels]).consume().counters)
    return counts, complete, ids


def _write_targets(
    tx: neo4j.ManagedTransaction, iris: Sequence[str]
) -> tuple[WriteCounts, dict[str, str], set[str]]:
    """Bare ``:Resource {iri}`` nodes for targets that are no subject of the input: counts,
    element ids, and which targets are bare."""
    counts = WriteCounts()
    result = tx.run(_TARGET_QUERY, iris=list(iris))
    record = result.single()
    counts.add(result.consume().counters)
    if record is None:
        return counts, {}, set()
    bare = {i for i, b in zip(record["iris"], record["bare"], strict=True) if b}
    return counts, _ids(record), bare


Statement = tuple[LiteralString, dict[str, Any]]


def _rel_statements(
    batch: Sequence[NodeRow],
    existed: set[str],
    ids: dict[str, str],
    bare: set[str],
    mapping: GraphMapping,
) -> list[Statement]:
    """The statements of one relationship batch: the stale relationships of nodes that existed
    deleted, then the batch's relationships MERGEd (nodes that existed) or CREATEd (nodes new
    in this load)."""
    statements: list[Statement] = []
    keep = [
        [ids[row.iri], [f"{t}>{o}" for t, o in row.rels]] for row in batch if row.iri in existed
    ]
    if keep:
        statements.append((_STALE_QUERY, {"rows": keep}))
    by_type: dict[tuple[bool, bool, str], list[list[Any]]] = defaultdict(list)
    for row in batch:
        if not row.rels:
            continue
        merge = row.iri in existed
        source = ids[row.iri]
        targets: dict[tuple[bool, str], list[str]] = {}
        last, objects = "", []  # the rels are sorted by type: one list per run of a type
        for rel_type, target in row.rels:  # ~700,000 at 20,000 staff: kept plain
            if target in bare:
                targets.setdefault((True, rel_type), []).append(target)
                continue
            if rel_type != last:
                last, objects = rel_type, targets.setdefault((False, rel_type), [])
            objects.append(ids[target])
        for (by_iri, rel_type), objects in targets.items():
            by_type[(merge, by_iri, rel_type)].append([source, objects])
    for (merge, by_iri, rel_type), pairs in sorted(by_type.items()):
        query = _rel_query(rel_type, mapping, merge=merge, by_iri=by_iri)
        statements.append((query, {"rows": pairs}))
    return statements


def _write_statements(tx: neo4j.ManagedTransaction, statements: list[Statement]) -> WriteCounts:
    """One transaction: the statements in order."""
    counts = WriteCounts()
    for query, params in statements:
        counts.add(tx.run(query, params).consume().counters)
    return counts


def _loaded(tx: neo4j.ManagedTransaction, dataset: str) -> bool:
    query: LiteralString = "MATCH (n:Resource {dataset: $dataset}) RETURN n.iri LIMIT 1"
    return tx.run(query, dataset=dataset).single() is not None


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
    ids: dict[str, str] = {}
    bare: set[str] = set()
    subjects = {row.iri for row in rows}
    outside = sorted({o for row in rows for _t, o in row.rels if o not in subjects})
    relationships = sum(len(row.rels) for row in rows)
    datasets = {row.props.get("dataset") for row in rows}
    with (
        _Pipeline(driver, database) as pipeline,
        progress.task(description, total=len(rows) + relationships) as task,
    ):
        # A dataset with no node in the database yet: its nodes are new, unless another load
        # writes some of the same IRIs meanwhile (the constraint then refuses the batch).
        look = any(pipeline.read(_loaded, name) for name in datasets if name)

        def nodes_done(written: tuple[WriteCounts, list[str], dict[str, str], bool]) -> None:
            nonlocal look
            counts, complete, batch_ids, looked = written
            look = look or looked
            total.merge(counts)
            existed.update(complete)
            ids.update(batch_ids)
            task.advance(len(batch_ids))

        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            pipeline.submit(nodes_done, _nodes_job, batch, mapping, look)
        pipeline.drain()

        def targets_done(written: tuple[WriteCounts, dict[str, str], set[str]]) -> None:
            total.merge(written[0])
            ids.update(written[1])
            bare.update(written[2])

        for start in range(0, len(outside), batch_size):
            pipeline.submit(
                targets_done, _write, _write_targets, outside[start : start + batch_size]
            )
        pipeline.drain()

        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            statements = _rel_statements(batch, existed, ids, bare, mapping)
            advance = sum(len(row.rels) for row in batch)
            pipeline.submit(
                partial(_rels_done, total, task, advance), _write, _write_statements, statements
            )
        pipeline.drain()
    return total


def _rels_done(total: WriteCounts, task: Task, advance: int, counts: WriteCounts) -> None:
    total.merge(counts)
    task.advance(advance)


#: Transactions in flight at once: while the server works on one, the driver sends the next.
IN_FLIGHT = 2


class _Pipeline:
    """Transactions run by worker threads, each in its own session, at most :data:`IN_FLIGHT`
    at a time, while the caller prepares the next; each result goes to its callback in the
    order submitted (on the caller's thread). :meth:`drain` waits for all: a pass ends before
    the next begins."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver = driver
        self.database = database
        self.pool = ThreadPoolExecutor(max_workers=IN_FLIGHT, thread_name_prefix="selaras-load")
        self.pending: deque[tuple[Future[Any], Callable[[Any], None]]] = deque()

    def __enter__(self) -> _Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        for future, _done in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True)

    def read(self, work: Callable[..., Any], *args: Any) -> Any:
        with self.driver.session(database=self.database) as session:
            return session.execute_read(work, *args)

    def _run(self, job: Callable[..., Any], *args: Any) -> Any:
        with self.driver.session(database=self.database) as session:
            return job(session, *args)

    def submit(self, done: Callable[[Any], None], job: Callable[..., Any], *args: Any) -> None:
        while len(self.pending) >= IN_FLIGHT:
            self._finish_one()
        self.pending.append((self.pool.submit(self._run, job, *args), done))

    def _finish_one(self) -> None:
        future, done = self.pending.popleft()
        done(future.result())

    def drain(self) -> None:
        while self.pending:
            self._finish_one()


def _nodes_job(
    session: neo4j.Session, batch: Sequence[NodeRow], mapping: GraphMapping, look: bool
) -> tuple[WriteCounts, list[str], dict[str, str], bool]:
    """One node batch; without ``look`` (a first load) it is written again with the look-up
    when the uniqueness constraint refuses it (another load wrote one of its IRIs). The last
    item says whether it looked: then later batches look too."""
    if not look:
        try:
            return (*session.execute_write(_write_nodes, batch, mapping, False), False)
        except nx.ConstraintError:
            pass
    return (*_write(session, _write_nodes, batch, mapping, True), True)


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
