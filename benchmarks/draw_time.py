"""Time to draw the largest strategy map and depth-6 cascade trees of a generated cascade.

    python benchmarks/draw_time.py [--staff 20000] [--seed 1] [--defects 0.01] [--runs 3]
                                   [--big-runs 1] [--no-write]

The cascade comes from :func:`selaras.generate.generate_cascade`, held in the embedded store.
Pictures: the strategy map of the unit with the most SS; the depth-6 cascade tree below the
Kemenkeu-Wide SS with the largest such tree (drawn with the node limit lifted, ``--big-runs``
times: the CLI refuses it with ``--max-nodes`` 300, and how fast it says so is timed too); and
the tree below the same SS at the depth the refusal advises (the deepest within 300 nodes).
Each picture is timed in two steps: reading the model (SPARQL; for a tree also the
``misaligned`` and ``orphans`` analyses that mark nodes) and drawing (Graphviz ``dot`` layout
plus writing the SVG). The peer measured in the same run is the analysis that lists the same
thing as a table (``strategy-map`` for the unit, ``cascade`` from the same SS), so the ratio says
what the picture costs over the table. Median of ``--runs`` runs after one warm-up run. The
table goes into docs/benchmarks.md between ``<!-- draw:start -->`` and ``<!-- draw:end -->``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from docsection import write_section

from selaras.analyses import run_analysis
from selaras.draw import MAX_NODES, TooLargeError
from selaras.draw.cascade import draw_cascade
from selaras.draw.model import read_map
from selaras.draw.strategy_map import draw_strategy_map
from selaras.draw.tree import cascade_tree
from selaras.generate import generate_cascade
from selaras.read import Dataset

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- draw:start -->", "<!-- draw:end -->"
SEL = "PREFIX sel: <https://w3id.org/selaras/ontology#>\n"


def rows(dataset: Dataset, query: str) -> list[list[str]]:
    solutions = dataset.store.query(SEL + query)
    assert isinstance(solutions, ox.QuerySolutions)
    return [[term.value for term in solution] for solution in solutions]  # type: ignore[union-attr]


def timed(run: Callable[[], Any], runs: int) -> tuple[float, list[float], Any]:
    """Median seconds of ``runs`` runs after one warm-up, the runs, and the last result."""
    result = run()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), seconds, result


def cell(measured: tuple[float, list[float], Any]) -> str:
    median, runs, _ = measured
    return f"{median:.2f} ({', '.join(f'{s:.2f}' for s in runs)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defects", type=float, default=0.01)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--big-runs", type=int, default=1, help="runs of the tree drawn with the limit lifted"
    )
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    args = parser.parse_args()

    generated = generate_cascade(staff=args.staff, seed=args.seed, defect_rate=args.defects)
    dataset = Dataset()
    dataset.add_triples(generated.triples())
    print(f"{len(dataset):,} triples", file=sys.stderr)
    load_before = os.getloadavg()[0]

    unit, count = rows(
        dataset,
        """SELECT ?code (COUNT(?s) AS ?n) WHERE {
             ?map sel:mapOf ?u . ?u sel:code ?code .
             ?s a sel:StrategicObjective ; sel:belongsTo ?u .
           } GROUP BY ?code ORDER BY DESC(?n) ?code LIMIT 1""",
    )[0]
    lines = [
        "| picture | nodes | read, s | draw (dot + SVG), s | peer: the analysis, s | "
        "picture / peer |",
        "|---|---|---|---|---|---|",
    ]
    read = timed(lambda: read_map(dataset, unit), args.runs)
    draw = timed(lambda: draw_strategy_map(read[2]), args.runs)
    peer = timed(
        lambda: run_analysis("strategy-map", dataset=dataset, params={"unit": unit}), args.runs
    )
    ratio = (read[0] + draw[0]) / peer[0]
    lines.append(
        f"| strategy map of `{unit}` (the most SS: {count}, "
        f"{len(read[2].links)} cause-effect links) | {count} | {cell(read)} | {cell(draw)} | "
        f"`strategy-map`: {cell(peer)} | {ratio:.1f} |"
    )
    print(lines[-1], file=sys.stderr)

    sizes = []
    for (code,) in rows(
        dataset,
        """SELECT ?code WHERE { ?s a sel:StrategicObjective ; sel:code ?code ;
             sel:belongsTo/sel:level sel:KemenkeuWide } ORDER BY ?code""",
    ):
        tree = cascade_tree(dataset, code, depth=6, max_nodes=10**9, highlight=False)
        sizes.append((len(tree.nodes), code, tree.counts))
    _, largest, counts = max(sizes)
    # the depth `selaras draw cascade` advises when it refuses: the deepest that fits
    fits = max(d for d in range(len(counts)) if sum(counts[: d + 1]) <= MAX_NODES)
    cases = (
        (6, 10**9, "depth 6, the largest tree, node limit lifted", args.big_runs),
        (fits, MAX_NODES, f"depth {fits}, the deepest within {MAX_NODES} nodes", args.runs),
    )
    for depth, limit, label, runs in cases:
        read = timed(
            lambda d=depth, m=limit: cascade_tree(dataset, largest, depth=d, max_nodes=m), runs
        )
        tree = read[2]
        draw = timed(lambda t=tree: draw_cascade(t), runs)
        peer = timed(
            lambda: run_analysis("cascade", dataset=dataset, params={"from": largest}), runs
        )
        ratio = (read[0] + draw[0]) / peer[0]
        flagged = sum(1 for node in tree.nodes if node.reasons)
        lines.append(
            f"| cascade below `{largest}` ({label}; {len(tree.edges):,} edges, "
            f"{flagged} nodes flagged; SVG {len(draw[2]) / 1e6:.1f} MB) | {len(tree.nodes):,} | "
            f"{cell(read)} | {cell(draw)} | `cascade` (all depths, {len(peer[2]):,} rows): "
            f"{cell(peer)} | {ratio:.1f} |"
        )
        print(lines[-1], file=sys.stderr)

    started = time.perf_counter()
    try:
        cascade_tree(dataset, largest, depth=6)
        refused = "not refused"
    except TooLargeError as exc:
        refused = f"{time.perf_counter() - started:.2f} s"
        message = str(exc)
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    command = (
        f"python benchmarks/draw_time.py --staff {args.staff} --seed {args.seed} "
        f"--defects {args.defects} --runs {args.runs} --big-runs {args.big_runs}"
    )
    stats = generated.stats
    lines += [
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} with `{command}`: a cascade from "
        f"`selaras.generate` with {stats['positions']:,} staff positions, {stats['units']:,} "
        f"units, {stats['objectives']:,} SS, {stats['indicators']:,} IKU and {len(dataset):,} "
        f"triples in the embedded store; median of {args.runs} runs (in brackets; "
        f"{args.big_runs} for the tree with the limit lifted) after one warm-up run. *Read* "
        "is the SPARQL that gathers what the picture shows (for a tree also "
        "the `misaligned` and `orphans` analyses that flag nodes); *draw* is Graphviz `dot` "
        "laying it out plus writing the SVG. The peer is the analysis that lists the same thing "
        "as a table, run in the same session. Without the lifted limit `selaras draw cascade "
        f"--from {largest}` refuses in {refused}: \u201c{message}\u201d. "
        f"{os.cpu_count()} cores shared with other work (load average {load_before:.1f} when "
        f"it started), Python {platform.python_version()}, pyoxigraph {ox.__version__}, {dot}.",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section(DOC, START, END, table, "Drawing pictures")


if __name__ == "__main__":
    main()
