"""The offline load (neo4j-admin database import, then a switch) against the online first load.

    python benchmarks/bulk_import.py [--staff 20000] [--seed 1] [--file FILE.nt] [--runs 3]
                                     [--data DIR] [--no-write] [--note TEXT]

Needs the local server of ``scripts/neo4j-local`` (NEO4J_URI on it; its data folder from
``--data``, else NEO4J_DATA_DIR, else .neo4j). IT REPLACES THAT SERVER'S DATABASE. The cascade is
generated (``selaras.generate``, as ``load_rate.py``) or read from ``--file``; parsing is not
timed. Each run, on the same server in the same session:

1. reset: an offline load of no triples (only the ontology's concept nodes: the database a
   first load meets, as ``clear_database`` leaves it, without deleting a million nodes online);
2. the online first load, :func:`selaras.neo4j.load_triples` (``selaras load --allow-invalid``
   without parsing): rows, schema, concept nodes, batches;
3. the reset again, then the offline load of the same triples,
   :func:`selaras.neo4j.bulk_import.bulk_load_triples`
   (``selaras load --offline --allow-invalid`` without parsing): rows, import CSVs,
   ``neo4j-admin database import full``, stop/swap/start, constraints and indexes, counts.

At the end the database is reset again (a small database for whatever runs next).

The medians of both go into docs/benchmarks.md between ``<!-- bulk-import-STAFF:start -->``
and ``<!-- bulk-import-STAFF:end -->`` (one section per size), with each step of the offline
load and the load average.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

from docsection import write_section
from neo4j_server import describe

from selaras.neo4j import LoadSummary, Neo4jSettings, clear_database, connect, load_triples
from selaras.neo4j.bulk_import import BulkSummary, bulk_load_triples, forget_bookmarks
from selaras.neo4j.local_server import LocalServer, default_data_dir

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
LOCAL_PASSWORD = "selaras-dev-password"
NAME = "benchmark"


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}"


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file", help="an N-Triples/Turtle file of that cascade to read instead")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", help="the local server's data folder")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    parser.add_argument("--note", default="", help="a sentence added under the table")
    args = parser.parse_args()

    settings = Neo4jSettings.from_env(password=os.environ.get("NEO4J_PASSWORD", LOCAL_PASSWORD))
    server = LocalServer.find(Path(args.data) if args.data else default_data_dir())
    server.check_serves(settings.uri)
    if args.file:
        from selaras.read import read_dataset

        triples = list(read_dataset([Path(args.file)], keep_triples=True).triples())
    else:
        from selaras.generate import generate_cascade

        triples = generate_cascade(staff=args.staff, seed=args.seed).triples()
    print(f"{len(triples):,} triples", file=sys.stderr)
    online: list[LoadSummary] = []
    offline: list[BulkSummary] = []
    database = settings.database
    with connect(settings) as driver:
        server_text = describe(driver, database)
        clear_database(driver, database=database)
        load_before = os.getloadavg()[0]
        for run in range(args.runs):
            bulk_load_triples(
                driver, [], name=NAME, database=database, server=server, password=settings.password
            )
            online.append(load_triples(driver, triples, name=NAME, database=database))
            print(f"run {run + 1}, online: {online[-1].text()}", file=sys.stderr)
            # the reset again: the offline load's stop then meets an empty database, as a
            # first load would, not the million nodes the online load just wrote to flush
            bulk_load_triples(
                driver, [], name=NAME, database=database, server=server, password=settings.password
            )
            offline.append(
                bulk_load_triples(
                    driver,
                    triples,
                    name=NAME,
                    database=database,
                    server=server,
                    password=settings.password,
                )
            )
            print(f"run {run + 1}, offline: {offline[-1].text()}", file=sys.stderr)
        load_after = os.getloadavg()[0]
        # leave a small database: deleting a million nodes online (clear_database) strains a
        # 1 GB heap, concept nodes with a relationship from every unit above all
        bulk_load_triples(
            driver, [], name=NAME, database=database, server=server, password=settings.password
        )
        forget_bookmarks(driver, database)
    first = offline[-1]
    on = statistics.median(s.seconds for s in online)
    off = statistics.median(s.seconds for s in offline)
    steps = [
        ("rows (the online load's mapping)", [s.rows_seconds for s in offline]),
        ("import CSVs written", [s.files_seconds for s in offline]),
        ("neo4j-admin database import full", [s.import_seconds for s in offline]),
        ("stop, swap the store folders, start", [s.switch_seconds for s in offline]),
        ("constraint and indexes, counts", [s.schema_seconds for s in offline]),
    ]
    table = "\n".join(
        [
            "| staff | triples | nodes | relationships | online first load s, median (runs) "
            "| offline load s, median (runs) | online / offline |",
            "|---|---|---|---|---|---|---|",
            f"| {args.staff:,} | {len(triples):,} | {first.nodes:,} | {first.relationships:,} "
            f"| {on:.1f} ({_runs([s.seconds for s in online])}) "
            f"| {off:.1f} ({_runs([s.seconds for s in offline])}) | {on / off:.2f} |",
            "",
            "| step of the offline load | seconds, median (runs) |",
            "|---|---|",
            *(f"| {label} | {_median(values)} ({_runs(values)}) |" for label, values in steps),
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d} with `python benchmarks/bulk_import.py "
            f"--staff {args.staff} --seed {args.seed}"
            + (f" --file {Path(args.file).name}" if args.file else "")
            + f" --runs {args.runs}`: {os.cpu_count()} cores shared with other work (load "
            f"average {load_before:.1f} when it started, {load_after:.1f} at the end), Python "
            f"{platform.python_version()}, {server_text}, the local server of "
            "`scripts/neo4j-local`. Both loads in the same session on the same server, one "
            "after the other in each run, from the same triples (parsing not timed): the "
            "online first load into a database holding only the ontology's concept nodes, "
            "then the offline load (`selaras load --offline`) replacing it; the databases they "
            f"leave are the same ({first.database_nodes:,} nodes, "
            f"{first.database_relationships:,} relationships with the concept nodes and bare "
            "targets).",
        ]
    )
    if args.note:
        table += "\n\n" + args.note
    print(table)
    if not args.no_write:
        marker = f"bulk-import-{args.staff}"
        write_section(
            DOC,
            f"<!-- {marker}:start -->",
            f"<!-- {marker}:end -->",
            table,
            f"Loading into Neo4j: the offline load ({args.staff:,} staff)",
        )


if __name__ == "__main__":
    main()
