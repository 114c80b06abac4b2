"""Value range constraint components (SHACL 4.3): ``sh:minExclusive``, ``sh:minInclusive``,
``sh:maxExclusive``, ``sh:maxInclusive``.

The order is rdflib's literal order (pySHACL's): the distinct literal values are compared in
Python once each; strings compare only with strings, values that cannot be ordered fail, and so
does every value that is not a literal.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import SH

from selaras.errors import ShapeError
from selaras.shacl_sparql.compile import Shape, name
from selaras.shacl_sparql.results import OxTerm, RawResult
from selaras.shacl_sparql.value_type import as_literal

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus


def min_inclusive(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    yield from _bound(e, shape, focus, SH.minInclusive, lambda order: order >= 0)


def max_inclusive(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    yield from _bound(e, shape, focus, SH.maxInclusive, lambda order: order <= 0)


def min_exclusive(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    yield from _bound(e, shape, focus, SH.minExclusive, lambda order: order > 0)


def max_exclusive(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    yield from _bound(e, shape, focus, SH.maxExclusive, lambda order: order < 0)


def _bound(
    e: Engine,
    shape: Shape,
    focus: Focus,
    predicate: rdflib.URIRef,
    accept: Callable[[int], bool],
) -> Iterator[RawResult]:
    component = str(predicate).rsplit("#", 1)[-1]
    component = component[0].upper() + component[1:]
    for limit in sorted(e.g.objects(shape.node, predicate), key=str):
        if not isinstance(limit, rdflib.Literal):
            raise ShapeError(name(shape.node), f"{predicate.n3()} must be a literal")
        yield from e.value_results(shape, focus, "!isLiteral(?v)", component)
        yield from e.checked_results(
            shape,
            focus,
            "isLiteral(?v)",
            lambda term, limit=limit: not in_range(term, limit, accept),  # type: ignore[misc]
            component,
        )


def in_range(term: OxTerm, limit: rdflib.Literal, accept: Callable[[int], bool]) -> bool:
    """Whether ``term`` compares to ``limit`` as ``accept`` wants, by rdflib's literal order."""
    literal = as_literal(term)
    if isinstance(literal.value, str) != isinstance(limit.value, str):
        return False
    try:
        return accept(order(literal, limit))
    except (TypeError, NotImplementedError):
        return False


def order(a: rdflib.Literal, b: rdflib.Literal) -> int:
    """-1, 0 or 1: ``a`` below, equal to or above ``b``; TypeError when they cannot compare."""
    if a.eq(b):
        return 0
    if type(a.value) in (datetime.datetime, datetime.time):  # rdflib orders these by value
        if a.value == b.value:
            return 0
        return 1 if a.value > b.value else -1
    return 1 if a > b else -1
