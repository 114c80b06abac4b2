"""How long `selaras validate` takes on generated cascades of 2,000, 20,000 and 80,000 staff.

For each size a cascade is generated once (``selaras.generate``, seed 1, 1 % defects) and written
as N-Triples; then each run, in a fresh process so that its peak memory is its own, reads the
file (parse) and validates it with the SPARQL engine. The table gives medians of the runs and
the ratio against pySHACL on the smallest size, and replaces the part of ``docs/benchmarks.md``
between its markers.

    python benchmarks/validate_scale.py                      # 2,000 / 20,000 / 80,000, 3 runs
    python benchmarks/validate_scale.py --staff 2000 --runs 1 --pyshacl-staff 300

Times are wall-clock seconds; CPU seconds are shown too, because the machines this runs on are
shared and wall time then measures the neighbours as much as the code.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

from docsection import write_section

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN = "<!-- validate_scale:begin -->"
END = "<!-- validate_scale:end -->"


def one_run(path: Path, engine: str) -> dict[str, float]:
    """Parse and validate ``path`` in this process; times and peak memory."""
    from selaras.read import read_dataset
    from selaras.validate import validate

    wall, cpu = time.perf_counter(), time.process_time()
    dataset = read_dataset([path])
    triples = len(dataset)  # the store, the Dataset's query index, is built on first use
    parse_wall, parse_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    report = validate(dataset, engine=engine)  # type: ignore[arg-type]
    validate_wall, validate_cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "triples": triples,
        "results": len(report.results),
        "parse": parse_wall,
        "parse_cpu": parse_cpu,
        "validate": validate_wall,
        "validate_cpu": validate_cpu,
        "peak_mb": peak_memory_mb(),
    }


def peak_memory_mb() -> float:
    """This process's peak resident memory since its exec (Linux VmHWM).

    ``ru_maxrss`` would also count the parent's memory at fork time: Linux keeps it across exec.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, engine: str) -> dict[str, float]:
    """One run in a fresh Python process."""
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(path), "--engine", engine],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cascade_file(staff: int, folder: Path) -> Path:
    from selaras.generate import generate_cascade

    path = folder / f"cascade-{staff}.nt"
    cascade = generate_cascade(staff=staff, seed=1, defect_rate=0.01)
    cascade.write(path, fmt="nt")
    return path


def median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def table(
    rows: list[dict[str, float]], reference: dict[str, float] | None, runs: int, load: float
) -> str:
    command = " ".join(["python", "benchmarks/validate_scale.py", *sys.argv[1:]])
    lines = [
        f"Generated cascades (seed 1, 1 % defects), SPARQL engine, median of {runs} run(s), "
        f"each in a fresh process; {platform.python_implementation()} "
        f"{platform.python_version()}, pyoxigraph {version('pyoxigraph')}, "
        f"pySHACL {version('pyshacl')}, {platform.machine()}, {os.cpu_count()} cores. "
        f"Measured {date.today().isoformat()} with `{command}`; load average {load:.1f} when "
        "it started.",
        "",
        "| staff | triples | parse s | validate s | validate CPU s | peak memory MB | results |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {int(row['staff']):,} | {int(row['triples']):,} | {row['parse']:.1f} | "
            f"{row['validate']:.1f} | {row['validate_cpu']:.1f} | {row['peak_mb']:,.0f} | "
            f"{int(row['results']):,} |"
        )
    if reference is not None:
        mine = next((r for r in rows if r["staff"] == reference["staff"]), None)
        lines += [
            "",
            f"pySHACL (stock, one run) on {int(reference['staff']):,} staff "
            f"({int(reference['triples']):,} triples): validate {reference['validate']:.1f} s "
            f"wall, {reference['validate_cpu']:.1f} s CPU, "
            f"{int(reference['results']):,} results.",
        ]
        if mine is not None:
            wall = reference["validate"] / mine["validate"]
            cpu = reference["validate_cpu"] / mine["validate_cpu"]
            lines.append(
                f"The SPARQL engine is {wall:.0f}x faster there ({cpu:.0f}x in CPU time), "
                f"with {int(mine['results']):,} results."
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, nargs="+", default=[2000, 20000, 80000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--pyshacl-staff", type=int, help="size for the pySHACL comparison [smallest --staff]"
    )
    parser.add_argument("--no-pyshacl", action="store_true", help="skip the pySHACL run")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="sparql", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.engine)))
        return
    load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for staff in args.staff:
            path = cascade_file(staff, Path(tmp))
            runs = [measure(path, "sparql") for _ in range(args.runs)]
            row = {key: median(runs, key) for key in runs[0]}
            row["staff"] = staff
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
        reference = None
        if not args.no_pyshacl:
            staff = args.pyshacl_staff or min(args.staff)
            path = cascade_file(staff, Path(tmp))
            reference = measure(path, "pyshacl")
            reference["staff"] = staff
            print(json.dumps(reference), file=sys.stderr, flush=True)
            if staff not in args.staff:
                mine = [measure(path, "sparql") for _ in range(args.runs)]
                row = {key: median(mine, key) for key in mine[0]}
                row["staff"] = staff
                rows.insert(0, row)
    text = table(sorted(rows, key=lambda r: r["staff"]), reference, args.runs, load)
    write_section(DOC, BEGIN, END, text, "Validation at scale")
    print(text)


if __name__ == "__main__":
    main()
