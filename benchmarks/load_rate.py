"""Load rate into a real Neo4j: a generated cascade of about 20,000 staff, median of 3 runs.

    python benchmarks/load_rate.py [--staff 20000] [--seed 1] [--batch-size 2000] [--runs 3]
                                   [--no-write] [--note TEXT]

Connects like ``selaras load`` (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; the
local server's password by default), CLEARS THE DATABASE before every run, loads the cascade
with :func:`selaras.neo4j.load_triples` (as ``selaras load --allow-invalid`` does: mapping,
batches, writes; parsing and validation are not timed), then loads it again unchanged (the
idempotent path), and writes a table (a row for each, with the rate of the write phase) into
docs/benchmarks.md between ``<!-- load-rate:start -->`` and ``<!-- load-rate:end -->`` (other
sections of that file are left alone). For scale it also times the server's own pace at the
simplest writes (``CREATE`` of nodes and of relationships) on the same machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docsection import write_section
from neo4j_server import cpu_seconds, describe, server_pid

from selaras.generate import generate_cascade
from selaras.neo4j import LoadSummary, Neo4jSettings, clear_database, connect, load_triples

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- load-rate:start -->", "<!-- load-rate:end -->"
LOCAL_PASSWORD = "selaras-dev-password"


def server_pace(driver: Any, database: str) -> tuple[float, float]:
    """Nodes/s and relationships/s of plain CREATE in one transaction (100,000 of each)."""
    clear_database(driver, database=database)
    started = time.perf_counter()
    driver.execute_query(
        "UNWIND range(1, 100000) AS i CREATE (:BenchPace {i: i})", database_=database
    )
    nodes = 100000 / (time.perf_counter() - started)
    started = time.perf_counter()
    driver.execute_query(
        "MATCH (a:BenchPace) WITH collect(a) AS ns "
        "UNWIND range(0, size(ns) - 2) AS i "
        "WITH ns[i] AS a, ns[i + 1] AS b CREATE (a)-[:BENCH_NEXT]->(b)",
        database_=database,
    )
    rels = 99999 / (time.perf_counter() - started)
    clear_database(driver, database=database)
    return nodes, rels


FIRST = "first (empty database)"
AGAIN = "again (unchanged)"


@dataclass(frozen=True)
class Measured:
    """One load: what it did and the CPU seconds of the loader's process and of the server."""

    summary: LoadSummary
    client_cpu: float
    server_cpu: float


def row(kind: str, runs: list[Measured], args: argparse.Namespace, triples: int, pid: Any) -> str:
    """The table row of one kind of load: medians over the runs."""
    last = runs[-1].summary
    entities = last.nodes + last.relationships
    seconds = statistics.median(m.summary.seconds for m in runs)
    writing = statistics.median(m.summary.write_seconds for m in runs)
    client = statistics.median(m.client_cpu for m in runs)
    server = statistics.median(m.server_cpu for m in runs)
    cpu = statistics.median(m.client_cpu + m.server_cpu for m in runs)
    return (
        f"| {args.staff:,} | {triples:,} | {last.nodes:,} | {last.relationships:,} "
        f"| {args.batch_size:,} | {kind} | {seconds:.1f} "
        f"({', '.join(f'{m.summary.seconds:.1f}' for m in runs)}) | {writing:.1f} "
        f"| {entities / writing:,.0f} | {client:.1f} + "
        + (f"{server:.1f} | {entities / cpu:,.0f} |" if pid else "? | - |")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    parser.add_argument(
        "--note", default="", help="a sentence added under the table (e.g. a baseline's numbers)"
    )
    parser.add_argument(
        "--data",
        help="data folder of a local server from scripts/neo4j-local, to count its CPU time "
        "[default: NEO4J_DATA_DIR, else .neo4j]",
    )
    args = parser.parse_args()

    settings = Neo4jSettings.from_env(password=os.environ.get("NEO4J_PASSWORD", LOCAL_PASSWORD))
    triples = generate_cascade(staff=args.staff, seed=args.seed).triples()
    print(f"{len(triples):,} triples", file=sys.stderr)
    with connect(settings) as driver:
        server_text = describe(driver, settings.database)
        load_before = os.getloadavg()[0]
        pid = server_pid(args.data)
        measured: dict[str, list[Measured]] = {FIRST: [], AGAIN: []}
        for run in range(args.runs):
            clear_database(driver, database=settings.database)
            for kind in (FIRST, AGAIN):
                cpu, server = time.process_time(), cpu_seconds(pid)
                summary = load_triples(
                    driver,
                    triples,
                    name="benchmark",
                    database=settings.database,
                    batch_size=args.batch_size,
                )
                measured[kind].append(
                    Measured(summary, time.process_time() - cpu, cpu_seconds(pid) - server)
                )
                print(f"run {run + 1}, {kind}: {summary.text()}", file=sys.stderr)
        pace_nodes, pace_rels = server_pace(driver, settings.database)
    load_after = os.getloadavg()[0]
    rows = [row(kind, runs, args, len(triples), pid) for kind, runs in measured.items()]
    table = "\n".join(
        [
            "| staff | triples | nodes | relationships | batch | load | seconds, median (runs) "
            "| write phase s | nodes + relationships per s of the write phase "
            "| CPU s, loader + server | nodes + relationships per CPU s |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d} with `python benchmarks/load_rate.py "
            f"--staff {args.staff} --seed {args.seed} --batch-size {args.batch_size} "
            f"--runs {args.runs}`: `selaras.generate`, {os.cpu_count()} cores shared with other "
            f"work (load average {load_before:.1f} when it started, {load_after:.1f} at the "
            f"end), Python {platform.python_version()}, {server_text} on the same machine. A run "
            "is `load_triples` on an empty database (first load), then the same again on what it "
            "wrote (the idempotent path: every node looked up, updated, its relationships "
            "compared): mapping the triples to rows, the schema, the ontology's concept nodes and "
            "the batched writes (parsing and validation are not timed). The write phase is all "
            "but the mapping: the schema and the writes to the server. The machine is shared: "
            "seconds include waiting for a core, so the CPU seconds of the loader's process and "
            "of the (local) server's JVM are given too (medians); per CPU second is the rate "
            "that does not depend on what else runs. The server's own pace on this machine, for "
            f"scale: {pace_nodes:,.0f} nodes/s and {pace_rels:,.0f} relationships/s for plain "
            "`CREATE` in one transaction." + (f" {args.note}" if args.note else ""),
        ]
    )
    print(table)
    if not args.no_write:
        write_section(DOC, START, END, table, "Loading into Neo4j")


if __name__ == "__main__":
    main()
