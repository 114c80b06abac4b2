"""Time of every analysis on a generated cascade of about 20,000 staff, both stores, median of 3.

    python benchmarks/analyses_time.py [--staff 20000] [--seed 1] [--defects 0.01] [--runs 3]
                                       [--engines embedded,neo4j] [--no-write]

The cascade comes from :func:`selaras.generate.generate_cascade` (with ``--defects`` some SS are
orphaned or misaligned, so those analyses have rows to return). The embedded engine runs on the
store `selaras query NAME FILE.nt` builds: the cascade is written to an N-Triples file in a
temporary folder and read with ``read_dataset(..., keep_triples=False)`` (pyoxigraph's
``bulk_load``); for Neo4j the script CLEARS THE DATABASE (NEO4J_URI, NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE; the local server's password by default), loads the cascade with
:func:`selaras.neo4j.load_triples`, then runs the Cypher files. Each analysis runs once to warm
up, then ``--runs`` times; the median is reported. A run is :func:`selaras.analyses.run_analysis`
(query, typed rows, sort; for a code parameter also the check that the code exists).
Every analysis of the catalogue runs. Parameters: ``cascade`` with its default (every SS of the
ministry: the whole cascade), ``line-of-sight`` from one staff IKU, ``strategy-map`` with its
default (the ministry), ``scores`` for the period 2025-Q4 (required) and its defaults otherwise
(``unit`` null: every IKU of every unit); any other required parameter stops the script. Each
time is set against the target (1 s on Neo4j, 2 s embedded) as a ratio, and the part of it that
is Python's typing and sorting of the rows (:func:`selaras.analyses.result.make_result` on the
raw rows, median of as many runs) is shown beside it. The load average is read when the runs
start and when they end. The table goes into docs/benchmarks.md between
``<!-- analyses:start -->`` and ``<!-- analyses:end -->``; other sections are left alone.

    python benchmarks/analyses_time.py --profile-only [--from DJPB-SS01]

writes the ``PROFILE`` plans of ``cascade`` (from one SS) and ``misaligned``, run on what the
database holds (the benchmark cascade after a run), into docs/analyses.md between
``<!-- profile:NAME:start -->`` and ``<!-- profile:NAME:end -->``.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from docsection import replace_between, write_section
from neo4j_server import describe

from selaras.analyses import QueryResult, analyses, analysis, resolve_params, run_analysis
from selaras.analyses.result import make_result
from selaras.generate import GeneratedCascade, generate_cascade
from selaras.read import Dataset, read_dataset

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
ANALYSES_DOC = ROOT / "docs" / "analyses.md"
START, END = "<!-- analyses:start -->", "<!-- analyses:end -->"
LOCAL_PASSWORD = "selaras-dev-password"


def staff_indicator(dataset: Dataset) -> str:
    """A staff IKU's code: the first, in code order, of an IKU of a position."""
    solutions = dataset.store.query(
        """
        PREFIX sel: <https://w3id.org/selaras/ontology#>
        SELECT ?code WHERE {
          ?iku a sel:KeyPerformanceIndicator ; sel:code ?code ; sel:belongsTo ?p .
          ?p a sel:Position .
        } ORDER BY ?code LIMIT 1
        """
    )
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        code = row["code"]
        assert isinstance(code, ox.Literal)
        return code.value
    raise SystemExit("the cascade has no staff IKU")


#: Seconds each store should answer every analysis in (issue #14).
TARGETS = {"embedded": 2.0, "neo4j": 1.0}
#: Parameters given beyond the defaults (``line-of-sight`` gets a staff IKU when it runs).
GIVEN: dict[str, dict[str, str]] = {"scores": {"period": "2025-Q4"}}

Timing = tuple[float, list[float], int, float, float]


def timed(
    run: Callable[[], QueryResult], raw: Callable[[], list[Any]], name: str, runs: int
) -> Timing:
    """Median seconds of ``runs`` runs after one warm-up, the runs, the row count, the
    median seconds of typing and sorting the raw rows (``raw``: the store's answer), and the
    median CPU seconds of this process per run (the embedded store works in this thread, so
    on a shared machine this varies less than the wall time)."""
    rows = len(run())
    seconds: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = run()
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        assert len(result) == rows
    found = result.analysis
    answer = raw()
    typing: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        make_result(found, engine=name, params=result.params, rows=answer)
        typing.append(time.perf_counter() - started)
    return (
        statistics.median(seconds),
        seconds,
        rows,
        statistics.median(typing),
        statistics.median(cpu),
    )


def shown_params(name: str, params: dict[str, str]) -> str:
    """The parameters a row of the table ran with: the given ones, then the defaults."""
    values = resolve_params(analysis(name), params)
    given = [f"{k}={v}" for k, v in params.items()]
    defaults = [
        f"{k}: {'every unit' if k == 'unit' and name == 'scores' else 'null' if v is None else v}"
        for k, v in values.items()
        if k not in params
    ]
    if not given:
        return "defaults" + (f" ({', '.join(defaults)})" if defaults else "")
    return ", ".join(given) + (f" (defaults: {', '.join(defaults)})" if defaults else "")


def cell(timing: Timing | None, target: float, *, cpu: bool = False) -> list[str]:
    """The cells of one store: median (runs; with ``cpu`` this process's median CPU time),
    typing and sorting, ratio to the target."""
    if timing is None:
        return ["not run", "", ""]
    median, runs, _, typing, cpu_median = timing
    mark = "" if median < target else " (over)"
    shown = ", ".join(f"{s:.2f}" for s in runs) + (f"; CPU {cpu_median:.2f}" if cpu else "")
    return [
        f"{median:.2f} ({shown})",
        f"{typing:.2f}",
        f"{median / target:.2f}{mark}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--staff", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defects", type=float, default=0.01)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default="embedded,neo4j")
    parser.add_argument("--only", default="", help="comma-separated analyses (default: all)")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    parser.add_argument("--profile-only", action="store_true", help="PROFILE plans into the docs")
    parser.add_argument("--from", dest="start", default="DJPB-SS01", help="cascade start (profile)")
    args = parser.parse_args()
    if args.profile_only:
        write_profiles(args.start, write=not args.no_write)
        return
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    only = [n.strip() for n in args.only.split(",") if n.strip()]
    names = [a.name for a in analyses() if not only or a.name in only]

    generated = generate_cascade(staff=args.staff, seed=args.seed, defect_rate=args.defects)
    with tempfile.TemporaryDirectory(prefix="selaras-analyses-") as folder:
        # Read as `selaras query NAME FILE.nt` reads (the store filled by bulk_load).
        path = Path(folder) / "cascade.nt"
        written = generated.write(path, fmt="nt")
        dataset = read_dataset([path], keep_triples=False)
        stats = generated.stats
        print(f"{written:,} triples", file=sys.stderr)
        measure(args, engines, names, generated, dataset, written, stats)


def measure(
    args: argparse.Namespace,
    engines: list[str],
    names: list[str],
    generated: GeneratedCascade,
    dataset: Dataset,
    written: int,
    stats: dict[str, int],
) -> None:
    """Run and time every analysis on each store; the table into the docs."""
    params = {**GIVEN, "line-of-sight": {"from": staff_indicator(dataset)}}
    for name in names:
        resolve_params(analysis(name), params.get(name, {}))  # a required one missing stops here
    load_before = os.getloadavg()[0]
    results: dict[str, dict[str, Timing]] = {}

    if "embedded" in engines:
        from selaras.analyses import sparql

        for name in names:

            def embedded_run(name: str = name) -> QueryResult:
                return run_analysis(name, dataset=dataset, params=params.get(name, {}))

            def embedded_raw(name: str = name) -> list[Any]:
                found = analysis(name)
                values = resolve_params(found, params.get(name, {}))
                return list(sparql.run(found, dataset, values))

            timing = timed(embedded_run, embedded_raw, "embedded", args.runs)
            results.setdefault(name, {})["embedded"] = timing
            print(f"embedded {name}: {timing}", file=sys.stderr)

    server = ""
    if "neo4j" in engines:
        from selaras.neo4j import Neo4jSettings, clear_database, connect, load_triples
        from selaras.neo4j import analyses as cypher

        settings = Neo4jSettings.from_env(password=os.environ.get("NEO4J_PASSWORD", LOCAL_PASSWORD))
        with connect(settings) as driver:
            server = f"{describe(driver, settings.database)} on the same machine"
            clear_database(driver, database=settings.database)
            triples = generated.triples()
            summary = load_triples(driver, triples, name="benchmark", database=settings.database)
            print(summary.text(), file=sys.stderr)
            for name in names:

                def neo4j_run(name: str = name, driver: Any = driver) -> QueryResult:
                    return run_analysis(
                        name,
                        engine="neo4j",
                        driver=driver,
                        database=settings.database,
                        params=params.get(name, {}),
                    )

                def neo4j_raw(name: str = name, driver: Any = driver) -> list[Any]:
                    found = analysis(name)
                    values = resolve_params(found, params.get(name, {}))
                    return cypher.run(found, driver, database=settings.database, params=values)

                timing = timed(neo4j_run, neo4j_raw, "neo4j", args.runs)
                results.setdefault(name, {})["neo4j"] = timing
                print(f"neo4j {name}: {timing}", file=sys.stderr)
    load_after = os.getloadavg()[0]

    lines = [
        "| analysis | parameters | rows | embedded (SPARQL), s | of which typing and sorting, s "
        "| embedded / 2 s target | Neo4j (Cypher), s | of which typing and sorting, s "
        "| Neo4j / 1 s target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    kept = previous_cells(args) if set(engines) != set(TARGETS) else {}
    for name, by_engine in results.items():
        rows = next(iter(by_engine.values()))[2]
        cells = cell(by_engine.get("embedded"), TARGETS["embedded"], cpu=True) + cell(
            by_engine.get("neo4j"), TARGETS["neo4j"]
        )
        for engine, at in (("embedded", 0), ("neo4j", 3)):
            if engine not in by_engine and name in kept:
                cells[at : at + 3] = kept[name][at : at + 3]
        lines.append(
            f"| `{name}` | {shown_params(name, params.get(name, {}))} | {rows:,} | "
            + " | ".join(cells)
            + " |"
        )
    command = (
        f"python benchmarks/analyses_time.py --staff {args.staff} --seed {args.seed} "
        f"--defects {args.defects} --runs {args.runs}"
    )
    lines += [
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} with `{command}`: a cascade from "
        f"`selaras.generate` with {stats['positions']:,} staff positions, {stats['units']:,} "
        f"units, {stats['objectives']:,} SS, {stats['indicators']:,} IKU, {written:,} "
        f"triples (read as `selaras query` reads an N-Triples file: pyoxigraph's `bulk_load`) "
        f"and {len(generated.manifest):,} planted defect results; median of "
        f"{args.runs} runs (in brackets, with the embedded runs' median CPU time of this "
        "process: the store works in its thread) after one warm-up run, each a whole "
        "`run_analysis` call (query, typed rows, sort); a ratio above 1 (over) misses the "
        f"target. {os.cpu_count()} cores shared with other work (load average "
        f"{load_before:.1f} when the runs started, {load_after:.1f} when they ended), "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}"
        + (f", {server}" if server else "")
        + "."
        + (
            f" The {' and '.join(sorted(set(TARGETS) - set(engines)))} columns are kept from "
            "the table this run replaced (that store was not run)."
            if kept
            else ""
        ),
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section(DOC, START, END, table, "Analyses")


def previous_cells(args: argparse.Namespace) -> dict[str, list[str]]:
    """The six store cells of each analysis in the table on the page now, when it was
    measured with the same cascade (else none: cells of another size are not kept)."""
    if not DOC.exists():
        return {}
    text = DOC.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return {}
    section = text.split(START, 1)[1].split(END, 1)[0]
    same = f"--staff {args.staff} --seed {args.seed} --defects {args.defects} "
    if same not in section:
        return {}
    found: dict[str, list[str]] = {}
    for line in section.splitlines():
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if len(parts) == 9 and parts[0].startswith("`"):
            found[parts[0].strip("`")] = parts[3:]
    return found


def write_profiles(start: str, *, write: bool) -> None:
    """PROFILE of cascade (from ``start``) and misaligned on the loaded database, into the docs."""
    from selaras.neo4j import Neo4jSettings, connect
    from selaras.neo4j.analyses import profile

    settings = Neo4jSettings.from_env(password=os.environ.get("NEO4J_PASSWORD", LOCAL_PASSWORD))
    text = ANALYSES_DOC.read_text(encoding="utf-8")
    with connect(settings) as driver:
        nodes = driver.execute_query(
            "MATCH (n) RETURN count(n) AS n", database_=settings.database
        ).records[0]["n"]
        for name, params in (("cascade", {"from": start}), ("misaligned", {})):
            plan = profile(analysis(name), driver, database=settings.database, params=params)
            shown = ", ".join(f"{k}={v!r}" for k, v in params.items()) or "no parameters"
            block = (
                f"`PROFILE` of `{name}` ({shown}) on a database of {nodes:,} nodes:\n\n"
                f"```\n{plan}\n```"
            )
            print(block)
            start_mark, end_mark = f"<!-- profile:{name}:start -->", f"<!-- profile:{name}:end -->"
            text = replace_between(text, start_mark, end_mark, block)
    if write:
        ANALYSES_DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
