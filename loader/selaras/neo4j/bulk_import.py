"""Offline load: a whole cascade into the local server's database by ``neo4j-admin database
import full``, then a switch to the new store.

For a first load of a whole ministry. The rows are exactly those of the online load
(:func:`selaras.neo4j.rows.node_rows` for the input and for the ontology's concept nodes, an
input subject winning over a concept node of the same IRI, bare ``:Resource {iri}`` nodes for
targets outside both), written as import CSVs (:mod:`selaras.neo4j.bulk_csv`); so the graph is
the one ``selaras load`` writes into an empty database. Steps, in ``DATA/bulk-import/``:

1. the CSVs, then ``neo4j-admin database import full`` from the server's own jars into a
   **staging** home (its own ``conf/``, ``data/``): the server keeps serving meanwhile, and a
   failing import (bad input, no space) leaves everything as it was;
2. the switch: the server is stopped (``scripts/neo4j-local stop``: stores checkpointed), the
   database's store and transaction-log folders are moved aside into ``previous/``, the staged
   ones moved in (renames within the data folder), the server started with its ports, heap and
   page cache; the uniqueness constraint and indexes are created (the online load's
   :func:`~selaras.neo4j.load.ensure_schema`) and the node and relationship counts checked;
3. any failure in step 2 (or Ctrl-C) stops the server, moves the folders back and starts it:
   the database is as it was. On success ``previous/`` is deleted.

Neo4j 5.26 Community serves one user database whose store the system database does not tie to
a store id: a store made by the import tool is taken as that database at the next start, which
is what ``neo4j-admin database import full --overwrite-destination`` with the server stopped
does too; importing into a staging home first keeps the server up while the import runs.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, LiteralString

import neo4j
import pyoxigraph as ox

from selaras.errors import DatasetError, Neo4jError
from selaras.memory import paused_gc
from selaras.neo4j.bulk_csv import ImportFiles, write_import_files
from selaras.neo4j.load import ensure_schema, refuse_unless_conforming
from selaras.neo4j.local_server import LocalServer
from selaras.neo4j.mapping import ONTOLOGY_DATASET, GraphMapping, concept_triples, graph_mapping
from selaras.neo4j.rows import NodeRow, node_rows
from selaras.progress import SILENT, Progress
from selaras.rdf.dataset import Dataset
from selaras.resources import DEFAULT_PROFILE

if TYPE_CHECKING:
    from selaras.validate import Engine

#: The working folder inside the server's home (same file system: the switch is renames).
WORK_FOLDER = "bulk-import"
#: Settings of the server's neo4j.conf the staging home takes over (the store's format).
_CARRIED = ("db.format",)


@dataclass(frozen=True)
class BulkSummary:
    """What an offline load did, with the seconds of each step."""

    dataset: str
    nodes: int
    relationships: int
    database_nodes: int
    database_relationships: int
    seconds: float
    rows_seconds: float
    files_seconds: float
    import_seconds: float
    switch_seconds: float
    schema_seconds: float

    def text(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.dataset}: {self.nodes:,} nodes and {self.relationships:,} relationships "
            f"imported offline; the database was replaced and holds {self.database_nodes:,} "
            f"nodes and {self.database_relationships:,} relationships; {self.seconds:.1f} s "
            f"(rows {self.rows_seconds:.1f} s, import files {self.files_seconds:.1f} s, "
            f"neo4j-admin import {self.import_seconds:.1f} s, stop/swap/start "
            f"{self.switch_seconds:.1f} s, constraints and indexes {self.schema_seconds:.1f} s)"
        )


@dataclass(frozen=True)
class ImportRows:
    """Every node of the database after the import: rows (concepts, then the input), bare
    targets; and how many nodes and relationships the input itself has."""

    rows: list[NodeRow]
    bare: list[str]
    input_nodes: int
    input_relationships: int

    @property
    def relationships(self) -> int:
        return sum(len(row.rels) for row in self.rows)


def import_rows(triples: Iterable[ox.Triple], *, name: str, mapping: GraphMapping) -> ImportRows:
    """The rows the online load writes into an empty database, as one set (see module doc)."""
    with paused_gc():
        rows = node_rows(triples, dataset=name, mapping=mapping)
        concepts = node_rows(concept_triples(), dataset=ONTOLOGY_DATASET, mapping=mapping)
        subjects = {row.iri for row in rows}
        combined = [row for row in concepts if row.iri not in subjects] + rows
        present = subjects | {row.iri for row in combined}
        bare = sorted({t for row in combined for _, t in row.rels if t not in present})
    return ImportRows(combined, bare, len(rows), sum(len(row.rels) for row in rows))


def _single(driver: neo4j.Driver, database: str, query: LiteralString, **params: Any) -> Any:
    """The one value a read query returns, in a managed transaction (retried while the pool
    drops connections to the stopped server) of a session without bookmarks: a bookmark names
    a transaction of one store, and the switch replaces the store."""

    def work(tx: neo4j.ManagedTransaction) -> Any:
        record = tx.run(query, params).single()
        return record[0] if record else None

    with driver.session(database=database) as session:
        return session.execute_read(work)


def forget_bookmarks(driver: neo4j.Driver, database: str) -> None:
    """Give the bookmarks ``driver.execute_query`` keeps up for one of the database as it is now.

    Bookmarks name transactions by number; a store made by the import tool starts again at a
    low number, so a bookmark from before the switch would make the server wait for a
    transaction that never comes (BookmarkTimeout). Other clients reconnect or start new
    sessions (see docs/neo4j.md).
    """
    with driver.session(database=database) as session:
        session.execute_read(lambda tx: tx.run("RETURN 1").consume())
        fresh = session.last_bookmarks()
    manager = driver.execute_query_bookmark_manager
    manager.update_bookmarks(manager.get_bookmarks(), fresh.raw_values)


def _others(driver: neo4j.Driver, database: str, name: str) -> list[str]:
    """Datasets in the database other than ``name`` and the ontology (and nodes of no load)."""
    query: LiteralString = (
        "MATCH (n) WHERE NOT n:Resource OR (n.dataset IS NOT NULL AND NOT n.dataset IN $keep) "
        "WITH DISTINCT coalesce(n.dataset, '(nodes no Selaras load wrote)') AS name "
        "RETURN collect(name)[..5]"
    )
    found = _single(driver, database, query, keep=[name, ONTOLOGY_DATASET])
    return sorted(found or [])


def _counts(driver: neo4j.Driver, database: str) -> tuple[int, int]:
    nodes = _single(driver, database, "MATCH (n) RETURN count(n)")
    rels = _single(driver, database, "MATCH ()-[r]->() RETURN count(r)")
    return int(nodes), int(rels)


def _staging_conf(server: LocalServer, staging: Path) -> None:
    conf = staging / "conf"
    conf.mkdir(parents=True)
    lines = [
        "# Written by selaras load --offline: the staging home of neo4j-admin database import.",
        f"server.directories.data={staging / 'data'}",
        f"server.directories.transaction.logs.root={staging / 'data' / 'transactions'}",
        f"server.directories.logs={staging / 'logs'}",
    ]
    settings = server.settings
    lines += [f"{key}={settings[key]}" for key in _CARRIED if key in settings]
    (conf / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tool_error(log: Path) -> str:
    """The line of the import tool's output that says what went wrong."""
    text = log.read_text(encoding="utf-8", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for marker in ("ERROR", "Error", "Exception", "rror"):
        for line in lines:
            if marker in line and not line.startswith("at "):
                return line[:400]
    return lines[-1][:400] if lines else "no output"


def run_import(
    server: LocalServer,
    files: ImportFiles,
    work: Path,
    *,
    database: str,
    progress: Progress = SILENT,
) -> tuple[Path, Path]:
    """``neo4j-admin database import full`` of ``files`` into a staging home in ``work``;
    returns the staged store and transaction-log folders. DatasetError naming the tool's
    complaint (its whole output kept in ``work/import.log``) when it fails."""
    staging = work / "staging"
    _staging_conf(server, staging)
    log = work / "import.log"
    args = [
        "database",
        "import",
        "full",
        *files.arguments(),
        f"--report-file={work / 'import.report'}",
        "--overwrite-destination=true",
        database,
    ]
    with progress.task("Importing with neo4j-admin"):
        code = server.admin(staging, args, log)
    if code != 0:
        raise DatasetError(
            f"neo4j-admin database import failed (exit {code}): {_tool_error(log)}; the "
            f"database was not touched (the tool's output: {log})"
        )
    staged = (
        staging / "data" / "databases" / database,
        staging / "data" / "transactions" / database,
    )
    if not all(path.is_dir() for path in staged):
        raise DatasetError(f"neo4j-admin database import made no store for {database!r} ({log})")
    return staged


def _move(source: Path, target: Path, moves: list[tuple[Path, Path]]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(source, target)
    moves.append((source, target))


def _restore(
    server: LocalServer, moves: Sequence[tuple[Path, Path]], previous: Path, password: str | None
) -> None:
    """Stop the server, undo ``moves`` (the previous store back in place), start it."""
    with contextlib.suppress(Neo4jError):  # it may not have started
        server.stop()
    for source, target in reversed(moves):
        shutil.move(target, source)
    shutil.rmtree(previous, ignore_errors=True)  # empty folders now
    server.start(password)


def switch(
    driver: neo4j.Driver,
    server: LocalServer,
    staged: tuple[Path, Path],
    work: Path,
    *,
    database: str,
    password: str | None,
    expected: tuple[int, int],
    mapping: GraphMapping,
) -> float:
    """Stop, swap the staged store in, start, create the schema, check the counts (see the
    module doc); on any failure the previous store is put back and the server started. Returns
    the seconds the schema took."""
    live = server.store_dirs(database)
    previous = work / "previous"
    moves: list[tuple[Path, Path]] = []
    server.stop()
    try:
        _move(live[0], previous / "databases" / database, moves)
        _move(live[1], previous / "transactions" / database, moves)
        _move(staged[0], live[0], moves)
        _move(staged[1], live[1], moves)
        server.start(password)
        _single(driver, database, "RETURN 1")  # retried while the pool finds the new server
        started = time.perf_counter()
        ensure_schema(driver, database=database, mapping=mapping)
        schema = time.perf_counter() - started
        check_counts(driver, database, expected)
    except BaseException as exc:
        try:
            _restore(server, moves, previous, password)
        except BaseException as again:
            raise Neo4jError(
                f"the offline load failed after stopping the server ({exc}) and putting the "
                f"previous database back failed too ({again}): its folders are in {previous}; "
                "stop the server and move them back by hand"
            ) from again
        if isinstance(exc, Exception):
            raise Neo4jError(
                f"the offline load failed after stopping the server ({exc}); the previous "
                "database is back and the server running"
            ) from exc
        raise
    shutil.rmtree(previous)
    return schema


def check_counts(driver: neo4j.Driver, database: str, expected: tuple[int, int]) -> tuple[int, int]:
    """The database's node and relationship counts; Neo4jError unless they are ``expected``."""
    found = _counts(driver, database)
    if found != expected:
        raise Neo4jError(
            f"the imported database holds {found[0]:,} nodes and {found[1]:,} relationships, "
            f"not {expected[0]:,} and {expected[1]:,}"
        )
    return found


def bulk_load_triples(
    driver: neo4j.Driver,
    triples: Iterable[ox.Triple],
    *,
    name: str,
    database: str,
    server: LocalServer,
    password: str | None,
    progress: Progress = SILENT,
) -> BulkSummary:
    """Replace ``database`` of the local ``server`` with ``triples`` as dataset ``name`` and the
    ontology's concept nodes (see the module doc); ``driver`` is connected to that server.

    Refused (nothing done) when the database holds datasets other than ``name``, or the input
    has a value the import CSV cannot carry: DatasetError. Neo4jError when the server cannot be
    stopped or started; the previous database is then back in place.
    """
    if name == ONTOLOGY_DATASET or not name:
        raise DatasetError(f"dataset name {name!r} is reserved or empty; choose another")
    started = time.perf_counter()
    work = server.home / WORK_FOLDER
    if (work / "previous").exists():
        raise Neo4jError(
            f"{work / 'previous'} holds a database an interrupted offline load moved aside; if "
            "the server's database is not what it should be, stop the server and move those "
            "folders back, then delete it"
        )
    others = _others(driver, database, name)
    if others:
        raise DatasetError(
            f"the offline load replaces the whole database {database!r}, which holds "
            f"{', '.join(others)}; load {name!r} online to add it beside them, or clear the "
            "database first"
        )
    mapping = graph_mapping()
    rows = import_rows(triples, name=name, mapping=mapping)
    expected = (len(rows.rows) + len(rows.bare), rows.relationships)
    mapped = time.perf_counter()
    shutil.rmtree(work, ignore_errors=True)
    try:
        files = write_import_files(
            rows.rows, rows.bare, work / "csv", mapping=mapping, progress=progress
        )
        written = time.perf_counter()
        staged = run_import(server, files, work, database=database, progress=progress)
        imported = time.perf_counter()
        with progress.task("Switching to the new store (stop, swap, start, schema)"):
            schema = switch(
                driver,
                server,
                staged,
                work,
                database=database,
                password=password,
                expected=expected,
                mapping=mapping,
            )
        done = time.perf_counter()
    finally:
        with contextlib.suppress(Exception):  # never hides why the load failed
            forget_bookmarks(driver, database)
        shutil.rmtree(work / "csv", ignore_errors=True)
        shutil.rmtree(work / "staging", ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    return BulkSummary(
        dataset=name,
        nodes=rows.input_nodes,
        relationships=rows.input_relationships,
        database_nodes=expected[0],
        database_relationships=expected[1],
        seconds=done - started,
        rows_seconds=mapped - started,
        files_seconds=written - mapped,
        import_seconds=imported - written,
        switch_seconds=done - imported - schema,
        schema_seconds=schema,
    )


def bulk_load_dataset(
    driver: neo4j.Driver,
    dataset: Dataset,
    *,
    name: str,
    database: str,
    server: LocalServer,
    password: str | None,
    validate: bool = True,
    profile: str = DEFAULT_PROFILE,
    engine: Engine = "sparql",
    progress: Progress = SILENT,
) -> BulkSummary:
    """Validate ``dataset`` like :func:`selaras.neo4j.load_dataset` (NotConformingError, exit
    code 1, nothing done, unless ``validate=False``), then :func:`bulk_load_triples`."""
    if validate:
        refuse_unless_conforming(
            dataset, name=name, profile=profile, engine=engine, progress=progress
        )
    return bulk_load_triples(
        driver,
        dataset.triples(),
        name=name,
        database=database,
        server=server,
        password=password,
        progress=progress,
    )
