"""How long `selaras validate --shapes` takes with SHACL constructs the KMK 467 shapes do not use.

A cascade is generated (``selaras.generate``, seed 1, 1 % defects) and validated against
``benchmarks/general_shapes.ttl`` (logical and shape-based components, qualified value shapes,
alternative and zero-or-more paths, property pairs, exclusive bounds, languages, ``sh:closed``,
``sh:targetNode``, a SPARQL-based constraint component), with the SPARQL engine alone and with
stock pySHACL, each run in a fresh process. Both must find the same results (focus node, rule,
path, value); the table gives medians and the ratio, and replaces the part of
``docs/benchmarks.md`` between its markers.

    python benchmarks/validate_general.py --staff 2000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

from docsection import write_section
from validate_scale import cascade_file, peak_memory_mb

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
SHAPES = Path(__file__).resolve().parent / "general_shapes.ttl"
BEGIN = "<!-- validate_general:begin -->"
END = "<!-- validate_general:end -->"


def one_run(path: Path, engine: str) -> dict[str, object]:
    from selaras.read import read_dataset
    from selaras.validate import validate

    dataset = read_dataset([path])
    wall, cpu = time.perf_counter(), time.process_time()
    report = validate(dataset, shapes=[SHAPES], engine=engine)  # type: ignore[arg-type]
    validate_wall, validate_cpu = time.perf_counter() - wall, time.process_time() - cpu
    keys = sorted({f"{r.focus} {r.rule_id} {r.path} {r.value}" for r in report.results})
    return {
        "triples": len(dataset),
        "results": len(report.results),
        "validate": validate_wall,
        "validate_cpu": validate_cpu,
        "peak_mb": peak_memory_mb(),
        "engine": report.engine,
        "keys": keys,
    }


def measure(path: Path, engine: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(path), "--engine", engine],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="sparql", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.engine)))
        return
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = cascade_file(args.staff, Path(tmp))
        fast = [measure(path, "sparql") for _ in range(args.runs)]
        reference = measure(path, "pyshacl")
    if any(run["keys"] != reference["keys"] for run in fast):
        sys.exit("the SPARQL engine and pySHACL found different results")
    if any(run["engine"] != "sparql" for run in fast):
        sys.exit("a shape did not run on the SPARQL engine")
    wall = statistics.median(float(run["validate"]) for run in fast)  # type: ignore[arg-type]
    cpu = statistics.median(float(run["validate_cpu"]) for run in fast)  # type: ignore[arg-type]
    peak = statistics.median(float(run["peak_mb"]) for run in fast)  # type: ignore[arg-type]
    ref_wall = float(reference["validate"])  # type: ignore[arg-type]
    ref_cpu = float(reference["validate_cpu"])  # type: ignore[arg-type]
    command = " ".join(["python", "benchmarks/validate_general.py", *sys.argv[1:]])
    text = "\n".join(
        [
            f"A generated cascade of {args.staff:,} staff ({reference['triples']:,} triples, "
            f"seed 1, 1 % defects) against `benchmarks/general_shapes.ttl` (sh:or/and/not/xone, "
            "sh:node, nested property shapes, qualified value shapes, alternative and "
            "zero-or-more paths, "
            "property pairs, exclusive bounds, languages, sh:closed, sh:targetNode, a SPARQL "
            f"constraint component); SPARQL engine median of {args.runs} run(s), pySHACL one run, "
            f"each in a fresh process; {platform.python_implementation()} "
            f"{platform.python_version()}, pyoxigraph {version('pyoxigraph')}, "
            f"pySHACL {version('pyshacl')}, {os.cpu_count()} cores. Measured "
            f"{date.today().isoformat()} with `{command}`; load average {load:.1f} when it "
            "started. Both engines found the same results.",
            "",
            "| engine | validate s | validate CPU s | peak memory MB | results |",
            "|---|---:|---:|---:|---:|",
            f"| SPARQL | {wall:.2f} | {cpu:.2f} | {peak:,.0f} | {reference['results']:,} |",
            f"| pySHACL | {ref_wall:.1f} | {ref_cpu:.1f} | "
            f"{float(reference['peak_mb']):,.0f} | {reference['results']:,} |",  # type: ignore[arg-type]
            "",
            f"The SPARQL engine is {ref_wall / wall:.0f}x faster ({ref_cpu / cpu:.0f}x in CPU "
            "time).",
        ]
    )
    write_section(DOC, BEGIN, END, text, "Validation with general SHACL shapes")
    print(text)


if __name__ == "__main__":
    main()
