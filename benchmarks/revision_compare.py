"""Validation and whole-load time of this source tree against another one, in the same session.

    python benchmarks/revision_compare.py --base /tmp/old/loader [--staff 2000] [--runs 3]
                                          [--no-load] [--no-write]

``--base`` is the ``loader`` folder of another checkout (e.g. ``git archive REV | tar -x -C
/tmp/old``). One cascade is generated (seed 1, 1 % defects) and written as N-Triples; then, runs
alternating between the two trees so both meet the same neighbours on a shared machine:

* validate: ``benchmarks/validate_scale.py --one FILE`` in a fresh process (read, then validate
  with the SPARQL engine; wall and CPU seconds, peak memory);
* load: ``selaras load FILE --replace`` (read, validate, refuse or write into Neo4j: the whole
  command) in a fresh process, against the server of ``NEO4J_URI``.

Medians and the ratio base / this tree (above 1: this tree is faster) go between
``<!-- revision_compare:start -->`` and ``<!-- revision_compare:end -->`` in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from docsection import write_section

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- revision_compare:start -->", "<!-- revision_compare:end -->"


def _env(loader: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(loader)
    env.setdefault("NEO4J_PASSWORD", "selaras-dev-password")
    return env


def validate_run(loader: Path, path: Path) -> dict[str, float]:
    script = ROOT / "benchmarks" / "validate_scale.py"
    out = subprocess.run(
        [sys.executable, str(script), "--one", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=_env(loader),
        cwd=ROOT / "benchmarks",
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def load_run(loader: Path, path: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "selaras", "load", str(path), "--dataset", "bench"]
    command += ["--replace", "-q"]
    started = time.perf_counter()
    before = os.times()
    subprocess.run(command, capture_output=True, text=True, check=True, env=_env(loader))
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return {"load": time.perf_counter() - started, "load_cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other tree's loader/")
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-load", action="store_true", help="skip the Neo4j load runs")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    args = parser.parse_args()
    trees = {"base": args.base.resolve(), "this": ROOT / "loader"}
    load_average = os.getloadavg()[0]
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, str(trees["this"]))
        from selaras.generate import generate_cascade

        path = Path(tmp) / "cascade.nt"
        triples = generate_cascade(staff=args.staff, seed=1, defect_rate=0.01).write(path, fmt="nt")
        valid = Path(tmp) / "valid.nt"
        generate_cascade(staff=args.staff, seed=1).write(valid, fmt="nt")
        for run in range(args.runs):
            for name, loader in trees.items():
                row = validate_run(loader, path)
                if not args.no_load:
                    row.update(load_run(loader, valid))
                results[name].append(row)
                print(f"run {run + 1} {name}: {json.dumps(row)}", file=sys.stderr, flush=True)
    keys = [
        k
        for k in ("parse", "parse_cpu", "validate", "validate_cpu", "peak_mb", "load", "load_cpu")
        if k in results["this"][0]
    ]
    med = {
        name: {k: statistics.median(r[k] for r in rows) for k in keys}
        for name, rows in results.items()
    }
    lines = [
        "| measure | base (median) | this tree (median) | base / this |",
        "|---|---:|---:|---:|",
    ]
    labels = {
        "parse": "read s (parse, build the store)",
        "parse_cpu": "read CPU s",
        "validate": "validate s",
        "validate_cpu": "validate CPU s",
        "peak_mb": "peak memory MB (read + validate)",
        "load": "`selaras load` s (read, validate, write)",
        "load_cpu": "`selaras load` CPU s (client)",
    }
    for key in keys:
        base, this = med["base"][key], med["this"][key]
        lines.append(f"| {labels[key]} | {base:,.2f} | {this:,.2f} | {base / this:.2f} |")
    both = {
        name: [r["parse_cpu"] + r["validate_cpu"] for r in rows] for name, rows in results.items()
    }
    base_rv, this_rv = statistics.median(both["base"]), statistics.median(both["this"])
    lines += [
        f"| read + validate CPU s | {base_rv:,.2f} | {this_rv:,.2f} | {base_rv / this_rv:.2f} |",
        "",
        f"Measured {date.today().isoformat()} with `python benchmarks/revision_compare.py "
        f"{' '.join(sys.argv[1:])}`: a generated cascade of {args.staff:,} staff "
        f"({triples:,} triples, 1 % defects for validation; the conforming twin for the load), "
        f"{args.runs} runs of each tree alternating, each in a fresh process; load average "
        f"{load_average:.1f} when it started, {os.cpu_count()} cores shared with other work.",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section(DOC, START, END, text, "This tree against another revision")


if __name__ == "__main__":
    main()
