"""Where the embedded `scores` analysis spends its time, part by part, and what any SPARQL
formulation of it must at least do on pyoxigraph.

    python benchmarks/scores_parts.py FILE.nt [--period 2025-Q4] [--runs 3] [--no-write]

FILE is read as `selaras query` reads it (`read_dataset(..., keep_triples=False)`), the ontology
added as the embedded engine adds it; every query then runs ``--runs`` times after one warm-up,
in this one process, and the median is reported (wall and this process's CPU time). The parts
are cut from ``queries/sparql/scores.rq`` itself (each wrapped in a ``COUNT``): the IKU's
attributes (unit, level, SS, perspective, polarity, consolidation, weight: the query without its
period subquery), the first grouping of the period values (what the second one's conditions
need), both groupings with the second one's aggregates replaced by one ``COUNT`` (reading the
values again and the join with the first), both groupings (the whole subquery), and the whole
query. The floors are queries every formulation needs at least (the attributes as the query
reads them are an upper bound of that part): every realisation and target value of the period
targets (the rows the consolidation reads), and those rows grouped by IKU with a single
``COUNT`` (any consolidation groups them).
The table goes into docs/benchmarks.md between ``<!-- scores_parts:start -->`` and
``<!-- scores_parts:end -->``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from docsection import write_section

from selaras.analyses import analysis, resolve_params
from selaras.analyses import sparql as embedded
from selaras.read import read_dataset

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- scores_parts:start -->", "<!-- scores_parts:end -->"
#: Where the parts of scores.rq begin and end (the script stops if the file no longer has them).
SUBQUERY = "  OPTIONAL {\n    SELECT ?i\n"
SUBQUERY_END = "    GROUP BY ?i\n  }"
PASS1 = "            SELECT ?i (MIN("
PASS1_END = "            GROUP BY ?i\n"
SELECT = "SELECT ?code (?unitCode"
BODY = "  VALUES ?period"
BODY_END = " }\n }\n}\nORDER BY"
ROWS = """
  ?i sel:hasTarget ?t .
  ?t sel:period ?tp .
  { ?t sel:realisation ?v } UNION { ?t sel:targetValue ?v }
"""


def one_count(subquery: str) -> str:
    """The period subquery with its second grouping's aggregates replaced by one ``COUNT``:
    what reading the values again and joining them with the first grouping cost alone."""
    start = subquery.index("SELECT ?i\n") + len("SELECT ?i")
    end = subquery.index("WHERE {", start)
    return f"{subquery[:start]} (COUNT(*) AS ?rows)\n    {subquery[end:]}"


def parts(query: str) -> dict[str, str]:
    """The timed queries, from the bound text of scores.rq."""
    for marker in (SUBQUERY, SUBQUERY_END, PASS1, PASS1_END, SELECT, BODY, BODY_END):
        if marker not in query:
            raise SystemExit(f"queries/sparql/scores.rq no longer holds {marker!r}: update me")
    head = query[: query.index(SELECT)]
    body = query[query.index(BODY) : query.index(BODY_END)]
    sub_start = body.index(SUBQUERY) + len("  OPTIONAL {\n")
    sub_end = body.index("\n", body.index(SUBQUERY_END))
    pass1 = body[body.index(PASS1) : body.index(PASS1_END) + len(PASS1_END)]

    def count(where: str) -> str:
        return f"{head}SELECT (COUNT(*) AS ?n) WHERE {{\n{where}\n}}"

    return {
        "IKU attributes, as the query reads them (no period values)": count(
            body[: body.index(SUBQUERY)]
        ),
        "floor: every period value read": count(ROWS),
        "floor: period values grouped by IKU, one COUNT": count(
            f"{{ SELECT ?i (COUNT(*) AS ?c) WHERE {{ {ROWS} }} GROUP BY ?i }}"
        ),
        "part: first grouping (5 aggregates)": count(f"{{\n{pass1}}}"),
        "part: both groupings, the second with one COUNT instead of its aggregates": count(
            f"{{\n{one_count(body[sub_start:sub_end])}\n}}"
        ),
        "part: both groupings (the period subquery)": count(f"{{\n{body[sub_start:sub_end]}\n}}"),
        "part: query without its final arithmetic": count(
            body[: body.index("  BIND(COALESCE(?rCount, 0) AS ?rN)")]
        ),
        "whole `scores` query": query,
    }


def timed(store: ox.Store, text: str, runs: int) -> tuple[float, list[float], int, float]:
    """Median wall seconds, the runs, the rows, and the median CPU seconds of this process
    (the query runs in this thread: on a shared machine its CPU time varies less)."""
    times: list[float] = []
    cpu: list[float] = []
    rows = 0
    for run in range(runs + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        solutions = store.query(text)
        assert isinstance(solutions, ox.QuerySolutions)
        found = list(solutions)
        if run:  # the first is the warm-up
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        rows = len(found)
        if len(solutions.variables) == 1 and found and len(found) == 1:
            value = found[0][0]
            rows = int(value.value) if isinstance(value, ox.Literal) else rows
    return statistics.median(times), times, rows, statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("file", type=Path, help="an N-Triples cascade (selaras generate)")
    parser.add_argument("--period", default="2025-Q4")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    dataset = read_dataset([args.file], keep_triples=False)
    scores = analysis("scores")
    query = embedded.bind(
        scores.query_path("sparql").read_text(encoding="utf-8"),
        scores,
        resolve_params(scores, {"period": args.period}),
    )
    load = os.getloadavg()[0]
    lines = [
        "| query | rows (counted) | median s (runs) | median CPU s |",
        "|---|---:|---:|---:|",
    ]
    with embedded.with_ontology(dataset.store) as store:
        for name, text in parts(query).items():
            median, times, rows, cpu = timed(store, text, args.runs)
            shown = ", ".join(f"{t:.2f}" for t in times)
            lines.append(f"| {name} | {rows:,} | {median:.2f} ({shown}) | {cpu:.2f} |")
            print(lines[-1], file=sys.stderr)
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    lines += [
        "",
        f"Measured {when} with `python benchmarks/scores_parts.py {args.file.name} --period "
        f"{args.period} --runs {args.runs}` ({len(dataset):,} triples; load average "
        f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; pyoxigraph "
        f"{ox.__version__}). A part is a cut of queries/sparql/scores.rq wrapped in a COUNT; a "
        "floor is a query any formulation needs at least.",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section(DOC, START, END, table, "Where the embedded scores analysis spends its time")


if __name__ == "__main__":
    main()
