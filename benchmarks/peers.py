"""Selaras side by side with the engines users would pick instead, on the same files.

    python benchmarks/peers.py [--staff 2000] [--pyshacl-staff 100] [--no-pyshacl]
                               [--no-jena] [--no-load] [--no-validate] [--runs 1]
                               [--no-write] [--section peers]

One run, one machine, the same generated files for every engine (``selaras generate --seed 1``):

* **Validation** of the cascade with 1 % defects: ``selaras validate FILE --engine sparql`` in a
  fresh process (parse, validate, write the CSV report) against Apache Jena SHACL 5.6.0
  (``shacl validate``, class ``shacl.shacl`` of ``jena-cmds``) on the data merged with the
  ontology and the regulation profile into one N-Triples file, as Selaras adds them to the data
  graph, and the shapes as one file; and against pySHACL (``selaras validate --engine pyshacl``,
  stock pySHACL on the same merged graph) on a smaller cascade (``--pyshacl-staff``: it takes
  minutes per 100 staff), where Selaras and Jena run too. The distinct (rule id, focus node)
  pairs of each report are compared (Jena's ``sh:sourceShape`` mapped to its rule by the shapes'
  ``sel:ruleId``, as :func:`selaras.rules.rules` does) and with the generator's manifest.
* **Loading** the conforming twin (``--defects 0``) into an empty Neo4j: ``selaras load
  --allow-invalid`` against rdflib-neo4j (Neo4j Labs' RDFLib store, batching on) on the same file
  and server; THE DATABASE IS CLEARED (nodes, relationships, constraints, indexes) before each.
  ``--runs N`` loads with each loader N times, alternating, and gives medians and the ratio of
  each pair of runs (``--no-validate`` leaves validation out, for a loading-only section).
  Connection from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE (the local server's
  password by default).

Every engine runs as a child process under GNU ``time`` (``/usr/bin/time``): wall time, CPU time
(user + system of the child and its children) and peak memory (max RSS) are its own, not this
script's (Linux counts a parent's memory at fork into the child's max RSS). For the loads the CPU
seconds of the local Neo4j server (scripts/neo4j-local) are given too.

The peers are installed here, never as dependencies of the package: Jena from Maven Central by
``benchmarks/peers/pom.xml`` (``mvn dependency:build-classpath``, Java 17), rdflib-neo4j into its
own virtual environment ``benchmarks/peers/.venv-rdflib-neo4j``. The table and the ratios go into
docs/benchmarks.md between ``<!-- peers:start -->`` and ``<!-- peers:end -->`` (``--section
NAME``: between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``, for a second size).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docsection import write_section
from neo4j_server import cpu_seconds, server_pid

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / "benchmarks" / "peers"
DOC = ROOT / "docs" / "benchmarks.md"
LOCAL_PASSWORD = "selaras-dev-password"
JENA_VERSION = "5.6.0"
RDFLIB_NEO4J = "rdflib-neo4j==1.1"
PEER_VENV = PEERS / ".venv-rdflib-neo4j"
CLASSPATH = PEERS / "target" / "classpath.txt"
SELARAS = Path(sys.executable).with_name("selaras")
GNU_TIME = Path("/usr/bin/time")
SH = "http://www.w3.org/ns/shacl#"


@dataclass
class Run:
    """One timed child process."""

    wall: float
    cpu: float
    peak_mb: float
    returncode: int
    server_cpu: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)


def log(text: str) -> None:
    print(f"peers: {text}", file=sys.stderr, flush=True)


def timed(
    command: list[str], *, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)
) -> Run:
    """Run ``command`` under GNU time: wall, user + system CPU and max RSS of the child."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as measured:
        started = time.perf_counter()
        done = subprocess.run(
            [str(GNU_TIME), "-f", "%e %U %S %M", "-o", measured.name, *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        fields = measured.read().split()[-4:]
    if done.returncode not in ok:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{command[0]} ... exited with {done.returncode}")
    return Run(
        wall=wall,
        cpu=float(fields[1]) + float(fields[2]),
        peak_mb=int(fields[3]) / 1024,
        returncode=done.returncode,
    )


# ------------------------------------------------------------------------------------ files


def generate(staff: int, defects: float, folder: Path) -> tuple[Path, Path, int]:
    """``selaras generate`` of ``staff`` positions (seed 1): the file, its manifest, triples."""
    path = folder / f"cascade-{staff}-{defects:g}.nt"
    manifest = folder / f"manifest-{staff}-{defects:g}.csv"
    if not path.exists():
        subprocess.run(
            [str(SELARAS), "generate", "--staff", str(staff), "--seed", "1", "--defects",
             f"{defects:g}", "-o", str(path), "--manifest", str(manifest)],
            check=True,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
    with path.open("rb") as lines:
        triples = sum(1 for _ in lines)
    return path, manifest, triples


def merged_for_jena(data: Path, folder: Path) -> tuple[Path, Path]:
    """The data graph as Selaras validates it (data + ontology + profile) and the shapes, each
    as one N-Triples file (pyoxigraph keeps the blank nodes of different files apart)."""
    import pyoxigraph as ox

    from selaras import resources

    merged = folder / f"{data.stem}-merged.nt"
    shapes = folder / "shapes.nt"
    sources = [data, *resources.ontology_paths(), resources.profile_path(resources.DEFAULT_PROFILE)]
    with merged.open("wb") as out:
        for source in sources:
            fmt = ox.RdfFormat.N_TRIPLES if source.suffix == ".nt" else ox.RdfFormat.TURTLE
            ox.serialize(ox.parse(path=str(source), format=fmt), out, format=ox.RdfFormat.N_TRIPLES)
    shape_triples = [
        t
        for p in resources.shape_paths()
        for t in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE)
    ]
    ox.serialize(shape_triples, str(shapes), format=ox.RdfFormat.N_TRIPLES)
    return merged, shapes


# ------------------------------------------------------------------------------ the peers


def jena_classpath() -> str:
    """Jena SHACL's runtime classpath, resolved by Maven from benchmarks/peers/pom.xml."""
    pom = PEERS / "pom.xml"
    if not CLASSPATH.exists() or CLASSPATH.stat().st_mtime < pom.stat().st_mtime:
        log("resolving Jena SHACL with Maven ...")
        subprocess.run(
            [os.environ.get("MVN", "mvn"), "-q", "-B", "-f", str(pom), "dependency:build-classpath",
             f"-Dmdep.outputFile={CLASSPATH}"],
            check=True,
        )  # fmt: skip
    return CLASSPATH.read_text().strip()


def java() -> str:
    home = os.environ.get("JAVA_HOME") or "/usr/lib/jvm/java-17-openjdk-amd64"
    candidate = Path(home) / "bin" / "java"
    return str(candidate) if candidate.exists() else "java"


def java_version() -> str:
    out = subprocess.run([java(), "-version"], capture_output=True, text=True, check=True)
    return out.stderr.splitlines()[0].split('"')[1]


def peer_python() -> Path:
    """The rdflib-neo4j virtual environment's Python (made and filled on first use)."""
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        log(f"creating {PEER_VENV} with {RDFLIB_NEO4J} ...")
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", RDFLIB_NEO4J], check=True)
    return python


def peer_version(package: str) -> str:
    out = subprocess.run(
        [
            str(peer_python()),
            "-c",
            f"from importlib.metadata import version; print(version('{package}'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


# ---------------------------------------------------------------------------- validation


def rule_ids() -> dict[str, str]:
    """Shape (N-Triples form) -> rule id, as Selaras maps a result's sh:sourceShape."""
    from selaras.rules import rules
    from selaras.validate import shapes_graph

    return {shape: rule.rule_id for shape, rule in rules(shapes_graph()).items()}


def csv_pairs(path: Path) -> set[tuple[str, str]]:
    """Distinct (rule id, focus) of a Selaras CSV report or of a generator manifest."""
    with path.open(encoding="utf-8", newline="") as rows:
        return {(row["rule_id"], row["focus"]) for row in csv.DictReader(rows)}


def jena_pairs(report: Path, rules: dict[str, str]) -> set[tuple[str, str]]:
    """Distinct (rule id, focus) of Jena's sh:ValidationReport (Turtle)."""
    import pyoxigraph as ox

    found: dict[object, dict[str, object]] = {}
    for t in ox.parse(path=str(report), format=ox.RdfFormat.TURTLE):
        if t.predicate.value in (SH + "focusNode", SH + "sourceShape"):
            found.setdefault(t.subject, {})[t.predicate.value] = t.object
    pairs = set()
    for result in found.values():
        shape = str(result[SH + "sourceShape"])
        focus = result[SH + "focusNode"]
        pairs.add((rules.get(shape, shape), getattr(focus, "value", str(focus))))
    return pairs


def validate_selaras(path: Path, engine: str, folder: Path) -> tuple[Run, set[tuple[str, str]]]:
    report = folder / f"{path.stem}-{engine}.csv"
    run = timed(
        [str(SELARAS), "validate", str(path), "--engine", engine, "--format", "csv", "-o",
         str(report), "-q"],
        ok=(0, 1),
    )  # fmt: skip
    pairs = csv_pairs(report)
    run.extra["results"] = sum(1 for _ in report.open(encoding="utf-8")) - 1
    return run, pairs


def validate_jena(
    merged: Path, shapes: Path, classpath: str, rules: dict[str, str], folder: Path
) -> tuple[Run, set[tuple[str, str]]]:
    report = folder / f"{merged.stem}-jena.ttl"
    script = f'exec "$0" "$@" > {shlex_quote(str(report))}'
    run = timed(
        ["sh", "-c", script, java(), "-Xmx12g", "-cp", classpath, "shacl.shacl", "validate",
         "--shapes", str(shapes), "--data", str(merged)],
    )  # fmt: skip
    return run, jena_pairs(report, rules)


def shlex_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


# ------------------------------------------------------------------------------- loading


def neo4j_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("NEO4J_URI", "bolt://127.0.0.1:7687")
    env.setdefault("NEO4J_USER", "neo4j")
    env.setdefault("NEO4J_PASSWORD", LOCAL_PASSWORD)
    env.setdefault("NEO4J_DATABASE", "neo4j")
    return env


def clear(env: dict[str, str]) -> None:
    """An empty database: no nodes, relationships, constraints or (non-lookup) indexes."""
    import neo4j

    with neo4j.GraphDatabase.driver(
        env["NEO4J_URI"], auth=(env["NEO4J_USER"], env["NEO4J_PASSWORD"])
    ) as driver:
        db = env["NEO4J_DATABASE"]
        with driver.session(database=db) as session:
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()
        for record in driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=db).records:
            driver.execute_query(f"DROP CONSTRAINT `{record['name']}`", database_=db)
        for record in driver.execute_query(
            "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'", database_=db
        ).records:
            driver.execute_query(f"DROP INDEX `{record['name']}`", database_=db)


def counts(env: dict[str, str]) -> tuple[int, int, str]:
    """Nodes, relationships, and what the server is."""
    import neo4j

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from neo4j_server import describe

    with neo4j.GraphDatabase.driver(
        env["NEO4J_URI"], auth=(env["NEO4J_USER"], env["NEO4J_PASSWORD"])
    ) as driver:
        db = env["NEO4J_DATABASE"]
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c", database_=db).records[0]["c"]
        rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c", database_=db).records[
            0
        ]["c"]
        return nodes, rels, describe(driver, db)


def load(command: list[str], env: dict[str, str]) -> Run:
    clear(env)
    pid = server_pid()
    before = cpu_seconds(pid)
    run = timed(command, env=env)
    run.server_cpu = cpu_seconds(pid) - before
    nodes, rels, server = counts(env)
    run.extra.update(nodes=nodes, relationships=rels, server=server)
    return run


def median_run(runs: list[Run]) -> Run:
    """The medians of wall, CPU, server CPU and peak memory of ``runs`` (counts of the last)."""
    middle = Run(
        wall=statistics.median(r.wall for r in runs),
        cpu=statistics.median(r.cpu for r in runs),
        peak_mb=statistics.median(r.peak_mb for r in runs),
        returncode=0,
        server_cpu=statistics.median(r.server_cpu for r in runs),
    )
    middle.extra = dict(runs[-1].extra)
    return middle


def compare_loads(staff: int, runs: int, folder: Path) -> tuple[list[str], str]:
    """``selaras load`` and rdflib-neo4j on the conforming twin, alternately, ``runs`` times
    each into an emptied database: the table rows (medians) and the note with the ratios."""
    env = neo4j_env()
    clean, _manifest, triples = generate(staff, 0, folder)
    python = peer_python()
    mine: list[Run] = []
    peers: list[Run] = []
    for run in range(runs):
        mine.append(load([str(SELARAS), "load", str(clean), "--allow-invalid", "-q"], env))
        log(f"run {run + 1}: selaras load {mine[-1]}")
        peers.append(load([str(python), str(PEERS / "rdflib_neo4j_load.py"), str(clean)], env))
        log(f"run {run + 1}: rdflib-neo4j {peers[-1]}")
    clear(env)
    selaras, peer = median_run(mine), median_run(peers)
    rows = []
    for name, each, middle in (
        ("`selaras load --allow-invalid`", mine, selaras),
        (f"rdflib-neo4j {peer_version('rdflib-neo4j')}", peers, peer),
    ):
        walls = ", ".join(f"{r.wall:.1f}" for r in each)
        rows.append(
            f"| {name} | {staff:,} | {triples:,} | {middle.wall:.1f} ({walls}) | "
            f"{middle.cpu:.1f} | {middle.server_cpu:.1f} | {middle.peak_mb:,.0f} | "
            f"{middle.extra['nodes']:,} | {middle.extra['relationships']:,} |"
        )
    ratios = [p.wall / m.wall for m, p in zip(mine, peers, strict=True)]
    note = (
        f"rdflib-neo4j / Selaras, medians of {runs} run(s) each: {peer.wall / selaras.wall:.1f}x "
        f"wall time (run by run: {', '.join(f'{r:.1f}x' for r in ratios)}), "
        f"{peer.cpu / selaras.cpu:.1f}x client CPU, "
        f"{peer.server_cpu / max(selaras.server_cpu, 0.01):.1f}x server CPU. "
        f"Server: {selaras.extra['server']}, on the same machine; the database was emptied "
        "(nodes, relationships, constraints, indexes) before each load, the two loaders "
        "alternating. The two graphs differ by design (Selaras: typed labels, the ontology's "
        "concept nodes, literals as written; rdflib-neo4j: one :Resource node per IRI, local "
        "names as labels and property names)."
    )
    return rows, note


# ---------------------------------------------------------------------------------- table


def manifest_verdict(found: set[tuple[str, str]], expected: set[tuple[str, str]]) -> str:
    """How the results stand to the generator's manifest, naming up to three differences."""
    if found == expected:
        return "equal to the generator's manifest"

    def named(pairs: set[tuple[str, str]]) -> str:
        shown = [f"{rule} on `{focus.rsplit('/', 1)[-1]}`" for rule, focus in sorted(pairs)[:3]]
        return ", ".join(shown) + (", ..." if len(pairs) > 3 else "")

    parts = [f"the generator's manifest lists {len(expected):,}"]
    if found - expected:
        parts.append(
            f"{len(found - expected):,} found that it does not list ({named(found - expected)})"
        )
    if expected - found:
        parts.append(f"{len(expected - found):,} listed not found ({named(expected - found)})")
    return "; ".join(parts)


def fmt_run(label: str, staff: int, triples: int, run: Run, results: str) -> str:
    return (
        f"| {label} | {staff:,} | {triples:,} | {run.wall:.1f} | {run.cpu:.1f} | "
        f"{run.peak_mb:,.0f} | {results} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--pyshacl-staff", type=int, default=100)
    parser.add_argument("--no-pyshacl", action="store_true", help="skip pySHACL")
    parser.add_argument("--no-jena", action="store_true", help="skip Jena SHACL")
    parser.add_argument("--no-load", action="store_true", help="skip the Neo4j loads")
    parser.add_argument(
        "--no-validate", action="store_true", help="skip validation (only the Neo4j loads)"
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="loads of each loader (medians are shown) [1]"
    )
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    parser.add_argument(
        "--section", default="peers", help="the docs section written: <!-- SECTION:start -->"
    )
    args = parser.parse_args()
    if not GNU_TIME.exists():
        raise SystemExit("needs GNU time at /usr/bin/time (apt-get install time)")
    load_before = os.getloadavg()[0]
    started = datetime.now(UTC)
    classpath = "" if args.no_jena else jena_classpath()
    rules = rule_ids()
    sizes = [] if args.no_validate else [args.staff]
    if sizes and not args.no_pyshacl and args.pyshacl_staff != args.staff:
        sizes.insert(0, args.pyshacl_staff)
    validation_rows: list[str] = []
    notes: list[str] = []
    load_rows: list[str] = []
    load_note = ""
    tmp = tempfile.TemporaryDirectory()
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for staff in sizes:
            path, manifest, triples = generate(staff, 0.01, folder)
            expected = csv_pairs(manifest)
            log(f"{staff} staff: {triples:,} triples, {len(expected):,} planted results")
            runs: dict[str, tuple[Run, set[tuple[str, str]]]] = {}
            runs["Selaras"] = validate_selaras(path, "sparql", folder)
            log(f"  Selaras {runs['Selaras'][0]}")
            if staff == args.pyshacl_staff and not args.no_pyshacl:
                runs["pySHACL"] = validate_selaras(path, "pyshacl", folder)
                log(f"  pySHACL {runs['pySHACL'][0]}")
            if not args.no_jena:
                merged, shapes = merged_for_jena(path, folder)
                runs["Jena SHACL"] = validate_jena(merged, shapes, classpath, rules, folder)
                log(f"  Jena {runs['Jena SHACL'][0]}")
            mine, mine_pairs = runs["Selaras"]
            for name, (run, pairs) in runs.items():
                validation_rows.append(
                    fmt_run(
                        f"{name} validate",
                        staff,
                        triples,
                        run,
                        f"{len(pairs):,}" + ("" if pairs == mine_pairs else " (differ)"),
                    )
                )
            others = [name for name in runs if name != "Selaras"]
            ratios = "; ".join(
                f"{name} / Selaras {runs[name][0].wall / mine.wall:.1f}x wall time, "
                f"{runs[name][0].cpu / mine.cpu:.1f}x CPU, "
                f"{runs[name][0].peak_mb / mine.peak_mb:.1f}x peak memory"
                for name in others
            )
            verdicts = [
                f"{name} {'the same' if runs[name][1] == mine_pairs else 'DIFFERENT'}"
                for name in others
            ]
            note = (
                f"{staff:,} staff: {ratios}. Distinct (rule, focus) pairs: Selaras "
                f"{len(mine_pairs):,}, {manifest_verdict(mine_pairs, expected)}"
                + "".join(f"; {v}" for v in verdicts)
                + "."
            )
            for name in others:
                pairs = runs[name][1]
                if pairs != mine_pairs:
                    log(f"  {name} only: {sorted(pairs - mine_pairs)[:5]}")
                    log(f"  Selaras only: {sorted(mine_pairs - pairs)[:5]}")
            notes.append(note)
            log(note)
        if not args.no_load:
            load_rows, load_note = compare_loads(args.staff, args.runs, folder)
            log(load_note)
    finally:
        tmp.cleanup()
    load_after = os.getloadavg()[0]
    command = " ".join(["python", "benchmarks/peers.py", *sys.argv[1:]])
    from importlib.metadata import version

    lines: list[str] = []
    if validation_rows:
        lines += [
            "| engine | staff | triples | wall s | CPU s | peak memory MB "
            "| distinct (rule, focus) |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *validation_rows,
            "",
            *notes,
        ]
    if load_rows:
        lines += [
            "",
            "| loader | staff | triples | wall s, median (runs) | client CPU s | server CPU s "
            "| client peak memory MB | nodes | relationships |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            *load_rows,
            "",
            load_note,
        ]
    measured = [
        f"Measured {started:%Y-%m-%d} with `{command}`: cascades from `selaras generate --seed 1` "
        "(1 % defects for validation, the conforming twin for loading), each run a fresh process "
        "timed by GNU time (wall, user + system CPU, max RSS)."
    ]
    if validation_rows:
        measured.append(
            "One run of each validator. Selaras: "
            "`selaras validate FILE --engine sparql --format csv` (parse, validate, report). Jena "
            f"SHACL {JENA_VERSION} (`shacl validate`, Java {java_version() if classpath else '-'}, "
            "-Xmx12g) on one N-Triples file of the data, the ontology and the profile merged (as "
            "Selaras adds them to the data graph; merging not timed) and the shapes as one file. "
            "pySHACL: `selaras validate --engine pyshacl` (stock pySHACL on the same merged "
            f"graph), pySHACL {version('pyshacl')}."
        )
    if load_rows:
        measured.append(
            f"{args.runs} load(s) of each loader; the Selaras load is the whole command (start, "
            "parse, mapping, writes)."
        )
    measured.append(
        f"{os.cpu_count()} cores shared with other work (load average {load_before:.1f} when it "
        f"started, {load_after:.1f} at the end), Python {platform.python_version()}, pyoxigraph "
        f"{version('pyoxigraph')}."
    )
    lines += ["", " ".join(measured)]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        start, end = f"<!-- {args.section}:start -->", f"<!-- {args.section}:end -->"
        write_section(DOC, start, end, table, "Selaras and its peers")


if __name__ == "__main__":
    main()
