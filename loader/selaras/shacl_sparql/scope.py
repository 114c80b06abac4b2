"""What a constraint component sees: the focus nodes and the engine's services.

The component modules (``cardinality``, ``value_type`` ... ``sparql``) take a :class:`Focus` and
an object meeting :class:`Engine`; :class:`selaras.shacl_sparql.engine.Engine` is that object.
Typing against this protocol keeps the import graph one way: ``engine`` imports the
components, no component imports ``engine``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox
import rdflib

from selaras.shacl_sparql.compile import Shape
from selaras.shacl_sparql.results import OxTerm, RawResult

Node = rdflib.term.Node


@dataclass(frozen=True)
class Focus:
    """Focus nodes: as a set of terms, and as a group pattern binding ``?this`` to each."""

    nodes: frozenset[OxTerm]
    pattern: str

    @staticmethod
    def of(nodes: Iterable[OxTerm]) -> Focus:
        """The focus nodes ``nodes``: ``VALUES`` for IRIs and literals; blank nodes, which a
        query cannot name, through every blank node of the data (callers keep ``nodes``)."""
        terms = frozenset(nodes)
        named = " ".join(sorted(str(t) for t in terms if not isinstance(t, ox.BlankNode)))
        pattern = f"VALUES ?this {{ {named} }}"
        if any(isinstance(t, ox.BlankNode) for t in terms):
            pattern = (
                f"{{ SELECT DISTINCT ?this WHERE {{ {{ {pattern} }} "
                "UNION { ?this ?focusP ?focusO FILTER(isBlank(?this)) } "
                "UNION { ?focusS ?focusP ?this FILTER(isBlank(?this)) } } }"
            )
        return Focus(terms, pattern)


class Engine(Protocol):
    """The engine's services a constraint component uses."""

    store: ox.Store
    g: rdflib.Graph

    def shape(self, node: Node) -> Shape: ...

    def check(self, node: Node, seen: tuple[Node, ...] = ()) -> None: ...

    def subclasses(self, cls: Node) -> tuple[str, ...]: ...

    def targets(self, node: Node) -> Focus: ...

    def select(self, query: str) -> list[ox.QuerySolution]: ...

    def run(self, node: Node, focus: Focus) -> Iterator[tuple[OxTerm, RawResult]]: ...

    def conforming(self, node: Node, nodes: Iterable[OxTerm]) -> frozenset[OxTerm]: ...

    def value_pattern(self, shape: Shape, focus: Focus) -> str: ...

    def values(self, shape: Shape, focus: Focus) -> dict[OxTerm, set[OxTerm]]: ...

    def value_results(
        self, shape: Shape, focus: Focus, condition: str, component: str
    ) -> Iterator[RawResult]: ...

    def failing_focus(
        self, shape: Shape, focus: Focus, passing_query: str, component: str
    ) -> Iterator[RawResult]: ...

    def focus_results(
        self, shape: Shape, focus: Focus, query: str, component: str
    ) -> Iterator[RawResult]: ...

    def checked_results(
        self,
        shape: Shape,
        focus: Focus,
        candidates: str,
        failing: Callable[[OxTerm], bool],
        component: str,
    ) -> Iterator[RawResult]: ...

    def constant(self, shape: Shape, node: Node) -> str: ...
