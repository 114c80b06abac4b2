"""Property pair constraint components (SHACL 4.5): ``sh:equals``, ``sh:disjoint``,
``sh:lessThan``, ``sh:lessThanOrEquals``.

Each compares the value nodes with the values of the focus node for another property; the
comparisons of ``sh:lessThan`` are SPARQL's ``<`` and ``<=`` (a pair they cannot compare fails).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import SH

from selaras.errors import ShapeError
from selaras.shacl_sparql.compile import Shape, name
from selaras.shacl_sparql.results import RawResult
from selaras.terms import nt

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus


def _others(e: Engine, shape: Shape, predicate: rdflib.URIRef) -> list[str]:
    found = []
    for other in sorted(e.g.objects(shape.node, predicate), key=str):
        if not isinstance(other, rdflib.URIRef):
            raise ShapeError(name(shape.node), f"{predicate.n3()} must be an IRI")
        found.append(nt(other))
    return found


def equals(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for other in _others(e, shape, SH.equals):
        pattern = e.value_pattern(shape, focus)
        missing = (
            f"SELECT DISTINCT ?this ?v WHERE {{ {pattern} "
            f"FILTER NOT EXISTS {{ ?this {other} ?v }} }}"
        )
        extra = (
            f"SELECT DISTINCT ?this ?v WHERE {{ {focus.pattern} ?this {other} ?v "
            f"FILTER NOT EXISTS {{ {_value_of(shape)} }} }}"
        )
        for query in (missing, extra):
            for row in e.select(query):
                if row["this"] in focus.nodes:
                    yield shape.result(row["this"], row["v"], "Equals")


def disjoint(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for other in _others(e, shape, SH.disjoint):
        pattern = e.value_pattern(shape, focus)
        query = f"SELECT DISTINCT ?this ?v WHERE {{ {pattern} ?this {other} ?v }}"
        for row in e.select(query):
            if row["this"] in focus.nodes:
                yield shape.result(row["this"], row["v"], "Disjoint")


def less_than(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    yield from _compare(e, shape, focus, SH.lessThan, "<", "LessThan")


def less_than_or_equals(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    yield from _compare(e, shape, focus, SH.lessThanOrEquals, "<=", "LessThanOrEquals")


def _compare(
    e: Engine, shape: Shape, focus: Focus, predicate: rdflib.URIRef, op: str, component: str
) -> Iterator[RawResult]:
    if shape.path is None:
        raise ShapeError(name(shape.node), f"{predicate.n3()} on a node shape")
    for other in _others(e, shape, predicate):
        pattern = e.value_pattern(shape, focus)
        query = (
            f"SELECT DISTINCT ?this ?v WHERE {{ {pattern} ?this {other} ?o "
            f"FILTER(!COALESCE(?v {op} ?o, false)) }}"
        )
        for row in e.select(query):
            if row["this"] in focus.nodes:
                yield shape.result(row["this"], row["v"], component)


def _value_of(shape: Shape) -> str:
    """A pattern true when ?v is a value node of ?this."""
    if shape.path is None:
        return "FILTER(sameTerm(?this, ?v))"
    return f"?this {shape.sparql_path} ?v"
