"""Read and validate one file in this process, for a profiler to watch (py-spy, cProfile).

    selaras generate --staff 20000 --seed 1 --defects 0.01 -o cascade.nt
    py-spy record -r 25 --format raw -o profile.txt -- \\
        python benchmarks/validate_profile.py cascade.nt --threads 1

Prints the read and validate times (wall and CPU), the results and the peak memory; with
``--by-shape`` also the time of each SPARQL-based constraint's query, slowest first.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Iterator
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--threads", type=int, help="shapes run at once [as many as cores]")
    parser.add_argument("--by-shape", action="store_true", help="time each SPARQL constraint")
    args = parser.parse_args()
    import selaras.shacl_sparql.engine as engine
    from selaras.read import read_dataset
    from selaras.shacl_sparql import sparql
    from selaras.validate import validate

    if args.threads:
        engine.THREADS = args.threads
    times: dict[str, float] = {}
    if args.by_shape:
        solutions = sparql._solutions

        def timed(e, shape, focus, query, *rest):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            found: list[object] = list(solutions(e, shape, focus, query, *rest))
            times[str(shape.node)] = times.get(str(shape.node), 0) + time.perf_counter() - started
            yield from found

        sparql._solutions = timed  # type: ignore[assignment]
    wall, cpu = time.perf_counter(), time.process_time()
    dataset = read_dataset([args.file], keep_triples=False)
    print(f"read: {time.perf_counter() - wall:.2f} s, {time.process_time() - cpu:.2f} CPU s, "
          f"{len(dataset):,} triples")  # fmt: skip
    wall, cpu = time.perf_counter(), time.process_time()
    report = validate(dataset)
    print(f"validate: {time.perf_counter() - wall:.2f} s, {time.process_time() - cpu:.2f} CPU s, "
          f"{len(report.results):,} results, "
          f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")  # fmt: skip
    for shape, seconds in _slowest(times):
        print(f"{seconds:7.3f} s  {shape}")


def _slowest(times: dict[str, float]) -> Iterator[tuple[str, float]]:
    return iter(sorted(times.items(), key=lambda item: -item[1]))


if __name__ == "__main__":
    main()
