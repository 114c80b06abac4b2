"""Publishing and serving a generated cascade: publish time and site size, `selaras serve`
requests per second and latency, server memory, and the analyses on Fuseki beside the embedded
engine.

    python benchmarks/publish_serve.py [--staff 2000] [--seed 1] [--requests 600]
                                       [--fuseki URL] [--no-write]

1. ``selaras publish CASCADE.nt -o SITE --allow-invalid -q`` as a process: wall time, files,
   pages, bytes (the default, staff left out).
2. ``selaras serve CASCADE.nt --include-staff -q`` as a process on 127.0.0.1 (a port from
   8091-8099): a bounded load test from this script (threads, one keep-alive HTTP/1.1
   connection each; no load tool from a registry was needed): ``--requests`` resource pages
   (HTML, Turtle, JSON-LD by turns, paths drawn with a fixed seed) and, for each named analysis,
   max(16, clients) requests of ``/analyses/NAME``, with 1, 8 and 32 concurrent clients;
   requests per second, median and 99th percentile latency. The server's resident memory
   (VmRSS, VmHWM from /proc) after the load.
3. With ``--fuseki URL`` (the dataset URL, e.g. http://127.0.0.1:3030/selaras; user admin,
   FUSEKI_PASSWORD): the published graph of a smaller cascade (``--fuseki-staff``, staff
   included) is PUT into a new named graph and every analysis runs there through
   ``selaras.analyses.run_analysis(endpoint=...)`` and on the embedded engine, median of 3 each,
   in the same run.

The client and the server share the machine's cores (the load average is reported); ratios
against a peer measured in the same run are the numbers to quote. The table goes into
docs/benchmarks.md between ``<!-- publish-serve:start -->`` and ``<!-- publish-serve:end -->``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from docsection import write_section

from selaras.analyses import analyses, run_analysis
from selaras.generate import generate_cascade
from selaras.read import Dataset

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- publish-serve:start -->", "<!-- publish-serve:end -->"
CLIENTS = (1, 8, 32)
ACCEPTS = ("text/html", "text/turtle", "application/ld+json")
EXTENSIONS = {"text/html": "html", "text/turtle": "ttl", "application/ld+json": "jsonld"}


def free_port() -> int:
    import socket

    for port in range(8091, 8100):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port in 8091-8099")


def load_test(port: int, paths: list[tuple[str, str]], clients: int) -> dict[str, float]:
    """GET every (path, accept) with ``clients`` threads; requests/s, p50, p99 in ms."""
    local = threading.local()
    latencies: list[float] = []
    lock = threading.Lock()
    failures = [0]

    def one(item: tuple[str, str]) -> None:
        connection = getattr(local, "connection", None)
        if connection is None:
            connection = local.connection = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=300
            )
        path, accept = item
        t0 = time.perf_counter()
        connection.request("GET", path, headers={"Accept": accept})
        answer = connection.getresponse()
        answer.read()
        elapsed = time.perf_counter() - t0
        with lock:
            latencies.append(elapsed)
            if answer.status != 200:
                failures[0] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, paths))
    wall = time.perf_counter() - started
    latencies.sort()
    if failures[0]:
        raise SystemExit(f"{failures[0]} requests failed")
    return {
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "n": len(latencies),
    }


def memory(pid: int) -> tuple[int, int]:
    fields = dict(
        line.split(":", 1)
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def analysis_params(name: str, codes: dict[str, str]) -> dict[str, str]:
    return {"line-of-sight": {"from": codes["iku"]}}.get(name, {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--fuseki", help="Fuseki dataset URL (e.g. http://127.0.0.1:3030/selaras)")
    parser.add_argument(
        "--fuseki-staff",
        type=int,
        default=150,
        help="Size of the cascade compared on Fuseki (its cascade analysis takes 43 s there at "
        "150 staff and took 221 s at 2,000)",
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="selaras-bench-") as tmp:
        folder = Path(tmp)
        generated = generate_cascade(staff=args.staff, seed=args.seed, defect_rate=0.0)
        source = folder / "cascade.nt"
        triples_count = generated.write(source, fmt="nt")
        print(f"{args.staff} staff: {triples_count} triples", file=sys.stderr)

        site = folder / "site"
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "selaras",
                "publish",
                str(source),
                "-o",
                str(site),
                "--allow-invalid",
                "-q",
            ],
            check=True,
            capture_output=True,
        )
        publish_s = time.perf_counter() - t0
        files = [p for p in site.rglob("*") if p.is_file()]
        pages = [p for p in files if p.suffix == ".html"]
        size = sum(p.stat().st_size for p in files)
        print(
            f"publish: {publish_s:.1f} s, {len(files)} files, {size / 1e6:.1f} MB", file=sys.stderr
        )
        rows.append(
            f"| `selaras publish` ({args.staff:,} staff, {triples_count:,} triples, staff left "
            f"out) | {publish_s:.1f} s wall | {len(pages):,} pages, {len(files):,} files, "
            f"{size / 1e6:.1f} MB |"
        )

        port = free_port()
        t0 = time.perf_counter()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "selaras",
                "serve",
                str(source),
                "--include-staff",
                "--port",
                str(port),
                "-q",
                "--timeout",
                "600",
                "--max-results",
                "100000000",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            while True:
                try:
                    urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/static/site.css", timeout=2
                    ).read()
                    break
                except OSError:
                    if server.poll() is not None:
                        raise SystemExit(server.stderr.read().decode()) from None  # type: ignore[union-attr]
                    time.sleep(0.2)
            startup_s = time.perf_counter() - t0
            docs = sorted(
                "/" + str(p.relative_to(site).with_suffix("")) for p in site.glob("doc/**/*.html")
            )
            pick = random.Random(7)
            resource_paths = [
                (
                    f"{d}.{EXTENSIONS[a]}",
                    a,
                )
                for d, a in ((pick.choice(docs), ACCEPTS[i % 3]) for i in range(args.requests))
            ]
            dataset = Dataset()
            dataset.add_triples(generated.triples())
            codes = {"iku": staff_iku(dataset)}
            header = "| what | clients | requests | requests/s | p50 ms | p99 ms |"
            load_rows = [header, "|---|---:|---:|---:|---:|---:|"]
            for clients in CLIENTS:
                result = load_test(port, resource_paths, clients)
                load_rows.append(
                    f"| resource pages (HTML, Turtle, JSON-LD) | {clients} | {result['n']:.0f} | "
                    f"{result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} |"
                )
                print(load_rows[-1], file=sys.stderr)
            for found in analyses():
                query = "&".join(f"{k}={v}" for k, v in analysis_params(found.name, codes).items())
                for clients in CLIENTS:
                    paths = [(f"/analyses/{found.name}?{query}", "application/json")] * max(
                        16, clients
                    )
                    result = load_test(port, paths, clients)
                    load_rows.append(
                        f"| `/analyses/{found.name}` | {clients} | {result['n']:.0f} | "
                        f"{result['rps']:.1f} | {result['p50']:.0f} | {result['p99']:.0f} |"
                    )
                    print(load_rows[-1], file=sys.stderr)
            rss, peak = memory(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows.append(f"| `selaras serve` start (read, index, listen) | {startup_s:.1f} s | |")
        rows.append(
            f"| `selaras serve` memory after the load | {rss} MB resident | peak {peak} MB |"
        )

        fuseki_rows: list[str] = []
        if args.fuseki:
            small = generate_cascade(staff=args.fuseki_staff, seed=args.seed, defect_rate=0.0)
            small_dataset = Dataset()
            small_dataset.add_triples(small.triples())
            fuseki_rows = fuseki_compare(
                args.fuseki,
                small.triples(),
                small_dataset,
                {"iku": staff_iku(small_dataset)},
                args.fuseki_staff,
            )

    load_after = os.getloadavg()[0]
    body = "\n".join(
        [
            f"Measured {datetime.now(UTC):%Y-%m-%d} with `python benchmarks/publish_serve.py "
            f"--staff {args.staff}{' --fuseki ' + args.fuseki if args.fuseki else ''}` on "
            f"{os.cpu_count()} cores shared with other work (load average {load_before:.1f} at "
            f"the start, {load_after:.1f} at the end), Python {platform.python_version()}, "
            f"pyoxigraph {ox.__version__}. The "
            "load-test client runs on the same cores as the server.",
            "",
            "| step | time | size |",
            "|---|---:|---:|",
            *rows,
            "",
            *load_rows,
            "",
            *fuseki_rows,
        ]
    )
    print(body)
    if not args.no_write:
        write_section(DOC, START, END, body, "Publishing and serving")


def staff_iku(dataset: Dataset) -> str:
    solutions = dataset.store.query(
        "PREFIX sel: <https://w3id.org/selaras/ontology#> SELECT ?code WHERE { "
        "?i a sel:KeyPerformanceIndicator ; sel:code ?code ; sel:belongsTo ?p . ?p a sel:Position "
        "} ORDER BY ?code LIMIT 1"
    )
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        return row["code"].value  # type: ignore[union-attr]
    raise SystemExit("no staff IKU")


def fuseki_compare(
    url: str, triples: list[ox.Triple], dataset: Dataset, codes: dict[str, str], staff: int
) -> list[str]:
    from selaras.publish.graph import published_graph
    from selaras.publish.http import StoreSettings
    from selaras.publish.push import push_graph

    password = os.environ.get("FUSEKI_PASSWORD", "selaras-dev-password")
    graph = f"https://w3id.org/selaras/benchmark/{time.time_ns()}"  # new: nothing to delete
    t0 = time.perf_counter()
    push_graph(
        published_graph(triples, include_staff=True),
        StoreSettings(url + "/data", "admin", password),
        graph=graph,
    )
    push_s = time.perf_counter() - t0
    endpoint = StoreSettings(url + "/sparql", "admin", password)
    rows = [
        f"Fuseki 5.6.0 (scripts/fuseki-local: TDB2, 512 MB heap): the graph PUT into a new "
        f"named graph in {push_s:.1f} s. Every analysis on a cascade of {staff:,} staff "
        f"({len(triples):,} triples, staff included), median of 3 after one warm-up run:",
        "",
        "| analysis | embedded ms | Fuseki ms | Fuseki / embedded |",
        "|---|---:|---:|---:|",
    ]

    def timed(call: Any) -> float:
        call()
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            call()
            runs.append(time.perf_counter() - t)
        return statistics.median(runs) * 1000

    for found in analyses():
        params = analysis_params(found.name, codes)
        local = timed(lambda f=found, p=params: run_analysis(f.name, dataset=dataset, params=p))
        remote = timed(
            lambda f=found, p=params: run_analysis(f.name, params=p, endpoint=endpoint, graph=graph)
        )
        rows.append(f"| {found.name} | {local:.0f} | {remote:.0f} | {remote / local:.2f} |")
        print(rows[-1], file=sys.stderr)
    return rows


if __name__ == "__main__":
    main()
