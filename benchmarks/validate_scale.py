"""`selaras validate` of a file against the floor of reading it: 2,000 to 80,000 staff.

For each size a cascade is generated once (``selaras.generate``, seed 1, 1 % defects) and written
as N-Triples. Then, alternating, each in a fresh process under GNU ``time`` (wall, CPU, peak
memory of that process alone):

* the floor: ``pyoxigraph.Store().bulk_load`` of the file (Rust parses straight into the store;
  nothing else is done);
* ``selaras validate FILE --format csv -o REPORT`` (read, validate with the default engine,
  write the report): the command a user runs.

The table gives the medians and the ratio validate / floor, and the SVG plot
``docs/validate-scale.svg`` how time and peak memory grow with the size; both replace their part
of ``docs/benchmarks.md``. With ``--pyshacl-staff N`` stock pySHACL (``--engine pyshacl``) runs
once on a cascade of N staff, for scale.

    python benchmarks/validate_scale.py                       # 2,000 / 20,000 / 80,000, 3 runs
    python benchmarks/validate_scale.py --staff 2000 --runs 1
    python benchmarks/validate_scale.py --runs 3 --big-runs 1  # one run at 80,000

Wall times depend on what else runs on the machine (its load average is given); CPU seconds
less so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
from datetime import date
from importlib.metadata import version
from pathlib import Path

from docsection import write_section
from peers import Run, timed, validate_selaras
from plot import line_chart

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
PLOT = ROOT / "docs" / "validate-scale.svg"
BEGIN = "<!-- validate_scale:begin -->"
END = "<!-- validate_scale:end -->"
#: The issue's bar: validate within this many times the floor.
TARGET = 2.5
#: ... and at most this peak memory (MB) at 80,000 staff.
MEMORY_BAR = 3000
FLOOR = (
    "import sys, pyoxigraph as ox; s = ox.Store(); "
    "s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES); print(len(s))"
)


def cascade_file(staff: int, folder: Path) -> tuple[Path, int]:
    from selaras.generate import generate_cascade

    path = folder / f"cascade-{staff}.nt"
    cascade = generate_cascade(staff=staff, seed=1, defect_rate=0.01)
    cascade.write(path, fmt="nt")
    return path, sum(1 for _ in path.open("rb"))


def floor(path: Path) -> Run:
    return timed([sys.executable, "-c", FLOOR, str(path)])


def validate(path: Path, engine: str, folder: Path) -> Run:
    """``selaras validate`` as peers.py runs it (CSV report; its row count in ``extra``)."""
    run, _pairs = validate_selaras(path, engine, folder)
    return run


def median(runs: list[Run], key: str) -> float:
    return statistics.median(float(getattr(r, key)) for r in runs)


def row_of(staff: int, triples: int, floors: list[Run], checks: list[Run]) -> dict[str, float]:
    results = {int(r.extra["results"]) for r in checks}  # type: ignore[call-overload]
    if len(results) != 1:
        raise SystemExit(f"validation results differ between runs at {staff} staff: {results}")
    row = {"staff": staff, "triples": triples, "runs": len(checks), "results": results.pop()}
    for name, runs in (("floor", floors), ("validate", checks)):
        row[f"{name}_wall"] = median(runs, "wall")
        row[f"{name}_cpu"] = median(runs, "cpu")
        row[f"{name}_mb"] = median(runs, "peak_mb")
    row["ratio"] = row["validate_wall"] / row["floor_wall"]
    row["ratio_cpu"] = row["validate_cpu"] / row["floor_cpu"]
    return row


def table(rows: list[dict[str, float]], reference: str, load: float) -> str:
    command = " ".join(["python", "benchmarks/validate_scale.py", *sys.argv[1:]])
    lines = [
        f"Generated cascades (seed 1, 1 % defects) as N-Triples; medians of the runs given, each "
        f"in a fresh process, floor and validate alternating; {platform.python_implementation()}"
        f" {platform.python_version()}, pyoxigraph {version('pyoxigraph')}, "
        f"{platform.machine()}, {os.cpu_count()} cores. Measured {date.today().isoformat()} "
        f"with `{command}`; load average {load:.1f} when it started. Floor: "
        "`pyoxigraph.Store().bulk_load` of the file; validate: `selaras validate FILE --format "
        f"csv -o REPORT` (read, validate, report). The bar: validate within {TARGET}x the floor.",
        "",
        "| staff | triples | runs | floor s | validate s | validate / floor | floor CPU s | "
        "validate CPU s | CPU ratio | floor peak MB | validate peak MB | results |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {int(r['staff']):,} | {int(r['triples']):,} | {int(r['runs'])} | "
            f"{r['floor_wall']:.1f} | {r['validate_wall']:.1f} | {r['ratio']:.2f} | "
            f"{r['floor_cpu']:.1f} | {r['validate_cpu']:.1f} | {r['ratio_cpu']:.2f} | "
            f"{r['floor_mb']:,.0f} | {r['validate_mb']:,.0f} | {int(r['results']):,} |"
        )
    lines += ["", "![Time and peak memory of validate and of the floor](validate-scale.svg)"]
    if reference:
        lines += ["", reference]
    return "\n".join(lines)


def plot(rows: list[dict[str, float]]) -> str:
    staff = [r["staff"] for r in rows]
    return line_chart(
        title="selaras validate against bulk_load (the floor), by staff",
        x=staff,
        x_label="staff positions",
        panels=[
            (
                "seconds (wall, median)",
                {
                    "selaras validate": [r["validate_wall"] for r in rows],
                    "bulk_load": [r["floor_wall"] for r in rows],
                    f"{TARGET} x bulk_load": [TARGET * r["floor_wall"] for r in rows],
                },
            ),
            (
                "peak memory, MB",
                {
                    "selaras validate": [r["validate_mb"] for r in rows],
                    "bulk_load": [r["floor_mb"] for r in rows],
                    f"{MEMORY_BAR:,} MB (the bar at 80,000 staff)": [MEMORY_BAR for _ in rows],
                },
            ),
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, nargs="+", default=[2000, 20000, 80000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big-runs", type=int, help="runs at sizes above 40,000 staff [--runs]")
    parser.add_argument("--pyshacl-staff", type=int, help="run pySHACL once on this size")
    parser.add_argument("--engine", default="auto", help="selaras validate --engine [auto]")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    rows = []
    reference = ""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for staff in sorted(args.staff):
            path, triples = cascade_file(staff, folder)
            runs = args.big_runs if args.big_runs and staff > 40000 else args.runs
            floors, checks = [], []
            for _ in range(runs):
                floors.append(floor(path))
                checks.append(validate(path, args.engine, folder))
            row = row_of(staff, triples, floors, checks)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            path.unlink()
        if args.pyshacl_staff:
            path, triples = cascade_file(args.pyshacl_staff, folder)
            slow = validate(path, "pyshacl", folder)
            fast = validate(path, args.engine, folder)
            reference = (
                f"pySHACL (stock, `--engine pyshacl`, one run) on {args.pyshacl_staff:,} staff "
                f"({triples:,} triples): {slow.wall:.1f} s wall, {slow.cpu:.1f} s CPU, "
                f"{slow.extra['results']:,} results; `--engine {args.engine}` on the same file: "
                f"{fast.wall:.1f} s, {fast.extra['results']:,} results "
                f"({slow.wall / fast.wall:.0f}x)."
            )
    PLOT.write_text(plot(rows), encoding="utf-8")
    text = table(rows, reference, load)
    write_section(DOC, BEGIN, END, text, "Validation at scale")
    print(text)


if __name__ == "__main__":
    main()
