"""Time of scoring every unit of a generated cascade (about 20,000 staff), both stores, median.

    python benchmarks/score_time.py [--staff 20000] [--seed 1] [--period 2025-Q4] [--runs 3]
                                    [--stores embedded,neo4j] [--no-write]

The cascade comes from :func:`selaras.generate.generate_cascade` (clean: realisations for four
quarters, some above target, some below, some missing). A run is a whole scoring of every unit:
the ``scores`` analysis (SPARQL on the cascade's pyoxigraph store, or Cypher on Neo4j) and the
roll-up into SS, perspective and NKO values (:func:`selaras.score.score_dataset` /
:func:`selaras.score.score_neo4j`). For Neo4j the script CLEARS THE DATABASE (NEO4J_URI,
NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; the local server's password by default) and loads
the cascade first. One warm-up run, then ``--runs`` runs; the median is reported, and the two
stores' rows are checked to be equal. The table goes into docs/benchmarks.md between
``<!-- scores:start -->`` and ``<!-- scores:end -->``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from docsection import write_section
from neo4j_server import describe

from selaras.generate import generate_cascade
from selaras.read import Dataset
from selaras.score import Scorecard, score_dataset, score_neo4j

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- scores:start -->", "<!-- scores:end -->"
LOCAL_PASSWORD = "selaras-dev-password"


def timed(run: Callable[[], Scorecard], runs: int) -> tuple[float, list[float], Scorecard]:
    """Median seconds of ``runs`` runs after one warm-up, the runs, and the last scorecard."""
    card = run()
    seconds: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        card = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), seconds, card


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--period", default="2025-Q4")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stores", default="embedded,neo4j")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    args = parser.parse_args()
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]

    generated = generate_cascade(staff=args.staff, seed=args.seed)
    triples = generated.triples()
    dataset = Dataset(triples)
    stats = generated.stats
    print(f"{len(triples):,} triples", file=sys.stderr)
    load_before = os.getloadavg()[0]
    results: dict[str, tuple[float, list[float], Scorecard]] = {}
    if "embedded" in stores:
        results["embedded"] = timed(lambda: score_dataset(dataset, period=args.period), args.runs)
        print(f"embedded: {results['embedded'][:2]}", file=sys.stderr)
    server = ""
    if "neo4j" in stores:
        from selaras.neo4j import Neo4jSettings, clear_database, connect, load_triples

        settings = Neo4jSettings.from_env(password=os.environ.get("NEO4J_PASSWORD", LOCAL_PASSWORD))
        with connect(settings) as driver:
            server = f"{describe(driver, settings.database)} on the same machine"
            clear_database(driver, database=settings.database)
            load_triples(driver, triples, name="benchmark", database=settings.database)
            results["neo4j"] = timed(
                lambda: score_neo4j(driver, period=args.period, database=settings.database),
                args.runs,
            )
            print(f"neo4j: {results['neo4j'][:2]}", file=sys.stderr)
    cards = [card for _median, _runs, card in results.values()]
    places = cards[0].settings.places
    if len(cards) == 2:
        same = [r.values(places) for r in cards[0].rows()] == [
            r.values(places) for r in cards[1].rows()
        ]
        if not same:
            raise SystemExit("the two stores gave different scores")
    card = cards[0]
    kinds = {kind: sum(1 for r in card.rows() if r.kind == kind) for kind in ("IKU", "SS", "NKO")}
    scored = sum(1 for r in card.rows() if r.kind == "IKU" and r.capaian is not None)
    lines = [
        "| store | units scored | IKU rows (with a capaian) | SS | median, s (runs) |",
        "|---|---|---|---|---|",
    ]
    for store, (median, runs, _card) in results.items():
        shown = ", ".join(f"{s:.2f}" for s in runs)
        lines.append(
            f"| {store} | {kinds['NKO']:,} | {kinds['IKU']:,} ({scored:,}) | {kinds['SS']:,} "
            f"| {median:.2f} ({shown}) |"
        )
    if len(results) == 2:
        ratio = results["embedded"][0] / results["neo4j"][0]
        lines.append("")
        lines.append(f"Embedded / Neo4j median time: {ratio:.2f}; both gave the same rows.")
    command = (
        f"python benchmarks/score_time.py --staff {args.staff} --seed {args.seed} "
        f"--period {args.period} --runs {args.runs}"
    )
    lines += [
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} with `{command}`: every unit of a cascade from "
        f"`selaras.generate` with {stats['positions']:,} staff positions, {stats['units']:,} "
        f"units, {stats['indicators']:,} IKU and {len(triples):,} triples, scored for "
        f"{args.period}; a run is the `scores` analysis plus the roll-up into SS, perspective "
        f"and NKO values (`score_dataset` / `score_neo4j`); median of {args.runs} runs after "
        f"one warm-up. {os.cpu_count()} cores shared with other work (load average "
        f"{load_before:.1f} when it started), Python {platform.python_version()}, pyoxigraph "
        f"{ox.__version__}" + (f", {server}" if server else "") + ".",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section(DOC, START, END, table, "Scores")


if __name__ == "__main__":
    main()
