"""What a constraint component sees: the focus nodes and the engine's services.

The component modules (``cardinality``, ``value_type`` ... ``sparql``) take a :class:`Focus` and
an object meeting :class:`Engine`; :class:`selaras.shacl_sparql.engine.Engine` is that object.
Typing against this protocol keeps the import graph one way: ``engine`` imports the
components, no component imports ``engine``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox
import rdflib

from selaras.shacl_sparql.compile import Shape
from selaras.shacl_sparql.results import OxTerm, RawResult

Node = rdflib.term.Node


class TargetNodes(Set[OxTerm]):
    """The nodes a target selects, read from the store only when they are all needed.

    Most constraints run one query over the whole graph and keep the rows of focus nodes: that
    asks ``node in nodes`` a few times, which ``member`` answers from the store's index. Reading
    every node (a class of 170,000 period targets is about a second of Python objects) waits
    until something iterates, counts or subtracts; so does a set asked for membership more than
    :attr:`LOOKUPS` times. Safe to share between threads (read once).
    """

    LOOKUPS = 5_000

    def __init__(
        self,
        read: Callable[[], frozenset[OxTerm]],
        member: Callable[[OxTerm], bool],
        any_member: Callable[[], bool],
    ) -> None:
        self._read, self._member, self._any = read, member, any_member
        self._nodes: frozenset[OxTerm] | None = None
        self._lookups = 0
        self._lock = threading.Lock()

    @staticmethod
    def union(parts: list[TargetNodes]) -> TargetNodes:
        """The nodes of any of ``parts`` (a shape with several targets)."""
        return TargetNodes(
            lambda: frozenset().union(*(p.nodes for p in parts)),
            lambda term: any(term in p for p in parts),
            lambda: any(parts),
        )

    @property
    def nodes(self) -> frozenset[OxTerm]:
        """Every node, read once."""
        if self._nodes is None:
            with self._lock:
                if self._nodes is None:
                    self._nodes = self._read()
        return self._nodes

    def __contains__(self, term: object) -> bool:
        if self._nodes is not None:
            return term in self._nodes
        self._lookups += 1  # not exact across threads; only a switch to reading them all
        if self._lookups > self.LOOKUPS:
            return term in self.nodes
        return self._member(term)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[OxTerm]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __bool__(self) -> bool:
        return bool(self._nodes) if self._nodes is not None else self._any()

    @classmethod
    def _from_iterable(cls, it: Iterable[OxTerm]) -> frozenset[OxTerm]:  # type: ignore[override]
        return frozenset(it)  # what set operators (``-``, ``&``) give back


@dataclass(frozen=True)
class Focus:
    """Focus nodes: as a set of terms, and as a group pattern binding ``?this`` to each."""

    nodes: Set[OxTerm]  # a frozenset, or the TargetNodes of a shape's targets
    pattern: str
    #: group patterns whose solutions together bind ?this to every focus node (the targets'
    #: own, which a query may ask one by one rather than through their DISTINCT union)
    parts: tuple[str, ...] = ()

    def alternatives(self) -> tuple[str, ...]:
        """The group patterns to ask one by one: the parts, or the pattern itself."""
        return self.parts or (self.pattern,)

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

    def share(self, query: str, asker: tuple[Node, Node]) -> None: ...

    def solutions(self, query: str) -> tuple[set[str], Iterable[ox.QuerySolution]]: ...

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
        self, shape: Shape, focus: Focus, query: Callable[[str], str], component: str
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
