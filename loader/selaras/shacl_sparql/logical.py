"""Logical constraint components (SHACL 4.6): ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone``.

Each asks which value nodes conform to the member shapes: the members run on the set of all
value nodes at once (:meth:`Engine.conforming`), and each value node is then judged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import SH

from selaras.shacl_sparql.compile import Shape, members
from selaras.shacl_sparql.results import OxTerm, RawResult

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus

Judge = Callable[[list[bool]], bool]


def judged(
    e: Engine,
    shape: Shape,
    focus: Focus,
    shapes: list[rdflib.term.Node],
    fails: Judge,
    component: str,
) -> Iterator[RawResult]:
    """Results for the value nodes whose conformance to each of ``shapes`` ``fails`` rejects."""
    values = e.values(shape, focus)
    every: set[OxTerm] = set().union(*values.values()) if values else set()
    if not every:
        return
    passing = [e.conforming(member, every) for member in shapes]
    for node in sorted(values, key=str):
        for value in sorted(values[node], key=str):
            if fails([value in p for p in passing]):
                yield shape.result(node, value, component)


def not_(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for member in sorted(e.g.objects(shape.node, SH["not"]), key=str):
        yield from judged(e, shape, focus, [member], lambda ok: ok[0], "Not")


def _lists(e: Engine, shape: Shape, predicate: rdflib.URIRef) -> list[list[rdflib.term.Node]]:
    return [
        members(e.g, shape.node, head, predicate.n3())
        for head in sorted(e.g.objects(shape.node, predicate), key=str)
    ]


def and_(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for shapes in _lists(e, shape, SH["and"]):
        yield from judged(e, shape, focus, shapes, lambda ok: not all(ok), "And")


def or_(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for shapes in _lists(e, shape, SH["or"]):
        yield from judged(e, shape, focus, shapes, lambda ok: not any(ok), "Or")


def xone(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for shapes in _lists(e, shape, SH.xone):
        yield from judged(e, shape, focus, shapes, lambda ok: sum(ok) != 1, "Xone")
