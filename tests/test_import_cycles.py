"""The package's import graph has no cycle: every stage depends one way on the stages below it.

The graph is built by grimp from every ``import`` statement of ``loader/selaras`` (also those
inside functions and under ``TYPE_CHECKING``: a deferred import is still a dependency). A cycle
fails with the modules that form it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import grimp


def strongly_connected(edges: dict[str, set[str]]) -> Iterator[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> Iterator[list[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges[node]):
            if other not in index:
                yield from visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                yield sorted(component)

    for node in sorted(edges):
        if node not in index:
            yield from visit(node)


def test_the_cycle_finder_finds_cycles() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert list(strongly_connected(edges)) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("selaras", cache_dir=None)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert "selaras.read" in edges and "selaras.cli" in edges  # the graph is the package's
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(edges)))
    try:
        cycles = list(strongly_connected(edges))
    finally:
        sys.setrecursionlimit(limit)
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_neo4j_driver_is_imported_only_under_selaras_neo4j() -> None:
    """Writing RDF (and everything but the Neo4j stage) never imports the driver, not even in a
    function; a type annotation under TYPE_CHECKING is allowed."""
    graph = grimp.build_graph(
        "selaras",
        include_external_packages=True,
        exclude_type_checking_imports=True,
        cache_dir=None,
    )
    importers = graph.find_modules_that_directly_import("neo4j")
    assert importers and all(m.startswith("selaras.neo4j.") for m in importers), importers
    for module in ("selaras.rdf.write", "selaras.rdf.read", "selaras.read", "selaras.jsonld"):
        assert graph.find_shortest_chain(importer=module, imported="neo4j") is None, module
