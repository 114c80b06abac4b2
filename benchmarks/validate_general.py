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


def _median(runs: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(run[key]) for run in runs)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, nargs="+", default=[2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--pyshacl-staff", type=int, default=200, help="size of the pySHACL comparison"
    )
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="sparql", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.engine)))
        return
    load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for staff in sorted({*args.staff, args.pyshacl_staff}):
            path = cascade_file(staff, Path(tmp))
            fast = [measure(path, "sparql") for _ in range(args.runs)]
            if any(run["engine"] != "sparql" for run in fast):
                sys.exit("a shape did not run on the SPARQL engine")
            reference = measure(path, "pyshacl") if staff == args.pyshacl_staff else None
            if reference is not None and any(r["keys"] != reference["keys"] for r in fast):
                sys.exit("the SPARQL engine and pySHACL found different results")
            rows.append((staff, fast, reference))
            print(staff, _median(fast, "validate"), file=sys.stderr, flush=True)
    command = " ".join(["python", "benchmarks/validate_general.py", *sys.argv[1:]])
    lines = [
        "Generated cascades (seed 1, 1 % defects) against `benchmarks/general_shapes.ttl` "
        "(sh:or/and/not/xone, sh:node, nested property shapes, qualified value shapes, "
        "alternative and zero-or-more paths, property pairs, exclusive bounds, languages, "
        "sh:closed, sh:targetNode, a SPARQL constraint component), `--engine sparql`, median of "
        f"{args.runs} run(s); pySHACL one run; each in a fresh process; "
        f"{platform.python_implementation()} {platform.python_version()}, pyoxigraph "
        f"{version('pyoxigraph')}, pySHACL {version('pyshacl')}, {os.cpu_count()} cores. "
        f"Measured {date.today().isoformat()} with `{command}`; load average {load:.1f} when "
        "it started.",
        "",
        "| staff | triples | engine | validate s | validate CPU s | peak memory MB | results |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    notes = []
    for staff, fast, reference in rows:
        wall, cpu = _median(fast, "validate"), _median(fast, "validate_cpu")
        lines.append(
            f"| {staff:,} | {int(fast[0]['triples']):,} | SPARQL | {wall:.2f} | {cpu:.2f} | "  # type: ignore[call-overload]
            f"{_median(fast, 'peak_mb'):,.0f} | {int(fast[0]['results']):,} |"  # type: ignore[call-overload]
        )
        if reference is not None:
            ref_wall, ref_cpu = float(reference["validate"]), float(reference["validate_cpu"])  # type: ignore[arg-type]
            lines.append(
                f"| {staff:,} | {int(reference['triples']):,} | pySHACL | {ref_wall:.1f} | "  # type: ignore[call-overload]
                f"{ref_cpu:.1f} | {float(reference['peak_mb']):,.0f} | "  # type: ignore[arg-type]
                f"{int(reference['results']):,} |"  # type: ignore[call-overload]
            )
            notes.append(
                f"On {staff:,} staff both engines found the same results; the SPARQL engine was "
                f"{ref_wall / wall:.0f}x faster ({ref_cpu / cpu:.0f}x in CPU time)."
            )
    text = "\n".join([*lines, "", *notes])
    write_section(DOC, BEGIN, END, text, "Validation with general SHACL shapes")
    print(text)


if __name__ == "__main__":
    main()
