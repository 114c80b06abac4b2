"""Time of the hostile inputs of issue #15: blank-node naming of long chains, and how fast each
bomb is refused. Median of ``--runs`` runs, written to docs/benchmarks.md (``--write``).

Blank-node naming (:func:`selaras.neo4j.rows.node_rows` on a chain of nested blank nodes) is
timed for the linear naming and, as the peer in the same run, for colour refinement (the former
naming, still used for cyclic blank structures) up to ``--peer-max`` deep, where it is
quadratic. The refusals are the checks of :mod:`selaras.limits` and the readers on the corpus
inputs of ``tests/hostile/`` (the RDF/XML entity bomb, a 256 MiB + 1 zip bomb, JSON-LD nested
100,000 deep, a literal of 16 MiB + 1), each through the reader a command uses.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from docsection import write_section  # noqa: E402

from hostile import make_corpus  # noqa: E402
from selaras.errors import SelarasError  # noqa: E402
from selaras.neo4j import rows as rows_module  # noqa: E402
from selaras.neo4j.mapping import graph_mapping  # noqa: E402
from selaras.read import parse_file  # noqa: E402
from selaras.spreadsheet import import_spreadsheet  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- hostile:start -->", "<!-- hostile:end -->"


def median_of(work: Callable[[], object], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def chain_triples(depth: int, folder: Path) -> list[ox.Triple]:
    path = make_corpus.blank_chain(folder, depth, name=f"chain-{depth}.ttl")
    return parse_file(path)


def refused(read: Callable[[], object]) -> Callable[[], None]:
    def work() -> None:
        try:
            read()
        except SelarasError:
            return
        raise AssertionError("not refused")

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--depths", default="1000,2000,5000,10000,20000")
    parser.add_argument("--peer-max", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="Write docs/benchmarks.md.")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    mapping = graph_mapping()
    lines = [
        "| blank-node chain depth | linear naming, s | colour refinement (peer), s | ratio |",
        "|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for depth in (int(d) for d in args.depths.split(",")):
            triples = chain_triples(depth, folder)

            def linear(triples: list[ox.Triple] = triples) -> None:
                rows_module.node_rows(triples, dataset="d", mapping=mapping)

            fast = median_of(linear, args.runs)
            peer = "not run (quadratic)"
            ratio = ""
            if depth <= args.peer_max:
                original = rows_module._children_first
                rows_module._children_first = lambda *_: None  # type: ignore[assignment]
                try:
                    slow = median_of(linear, args.runs)
                finally:
                    rows_module._children_first = original
                peer, ratio = f"{slow:.3f}", f"{slow / fast:.0f}x"
            lines.append(f"| {depth:,} | {fast:.3f} | {peer} | {ratio} |")
            print(lines[-1], flush=True)
        bomb = ROOT / "tests" / "hostile" / "entity-bomb.rdf"
        zip_bomb = make_corpus.zip_bomb_xlsx(folder)
        deep = make_corpus.deep_jsonld(folder)
        literal = make_corpus.long_literal(folder)
        cases: list[tuple[str, Callable[[], object]]] = [
            ("RDF/XML entity bomb (`tests/hostile/entity-bomb.rdf`)", lambda: parse_file(bomb)),
            ("xlsx zip bomb, 256 MiB + 1 uncompressed", lambda: import_spreadsheet(zip_bomb)),
            ("JSON-LD nested 100,000 deep (Selaras context)", lambda: parse_file(deep)),
            ("N-Triples literal of 16 MiB + 1", lambda: parse_file(literal)),
        ]
        lines += ["", "| hostile input | refused after, ms |", "|---|---|"]
        for name, read in cases:
            lines.append(f"| {name} | {median_of(refused(read), args.runs) * 1000:.1f} |")
            print(lines[-1], flush=True)
    lines += [
        "",
        f"Measured {date.today().isoformat()} with `python benchmarks/hostile_inputs.py --runs "
        f"{args.runs} --depths {args.depths} --peer-max {args.peer_max}`: median of "
        f"{args.runs} runs, in one process (no start-up). Blank-node naming is "
        "`selaras.neo4j.rows.node_rows` on a chain of nested blank nodes (`make_corpus."
        "blank_chain`); the peer is the colour refinement it replaced, timed in the same run. "
        f"2 cores shared with other work (load average {load_before:.1f} when it started), "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}.",
    ]
    table = "\n".join(lines)
    if args.write:
        write_section(DOC, START, END, table, "Hostile inputs")
    else:
        print(table)


if __name__ == "__main__":
    main()
