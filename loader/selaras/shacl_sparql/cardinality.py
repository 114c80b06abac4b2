"""Cardinality constraint components (SHACL 4.2): ``sh:minCount``, ``sh:maxCount``.

``sh:minCount 1`` asks for the focus nodes without a value; a higher ``sh:minCount`` reads which
nodes have enough values and reports the focus nodes left out (no value in either result);
``sh:maxCount`` groups by node, unless two counts show that no node has two values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import SH

from selaras.errors import ShapeError
from selaras.shacl_sparql.compile import Shape, name, single
from selaras.shacl_sparql.results import RawResult

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus


def count(e: Engine, shape: Shape, predicate: rdflib.URIRef) -> int:
    """The non-negative integer value of ``predicate`` on the shape (ShapeError otherwise)."""
    value = single(e.g, shape.node, predicate)
    if not (
        isinstance(value, rdflib.Literal) and isinstance(value.value, int) and value.value >= 0
    ):
        raise ShapeError(name(shape.node), f"{predicate.n3()} must be a non-negative integer")
    return int(value.value)


def _require_path(shape: Shape, what: str) -> None:
    if shape.path is None:
        raise ShapeError(name(shape.node), f"{what} on a node shape")


def min_count(e: Engine, shape: Shape, focus: Focus) -> Iterable[RawResult]:
    _require_path(shape, "sh:minCount")
    n = count(e, shape, SH.minCount)
    if n == 0:
        return ()
    assert shape.path is not None
    if n == 1:  # only the focus nodes without a value come back, not every node with one
        path = shape.sparql_path

        def missing(focus_pattern: str) -> str:
            return (
                f"SELECT DISTINCT ?this WHERE {{ {focus_pattern} "
                f"FILTER NOT EXISTS {{ ?this {path} ?v }} }}"
            )

        return e.focus_results(shape, focus, missing, "MinCount")
    pattern = e.value_pattern(shape, focus)
    passing = (
        f"SELECT ?this WHERE {{ {pattern} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) >= {n})"
    )
    return e.failing_focus(shape, focus, passing, "MinCount")


def max_count(e: Engine, shape: Shape, focus: Focus) -> Iterable[RawResult]:
    _require_path(shape, "sh:maxCount")
    n = count(e, shape, SH.maxCount)
    assert shape.path is not None
    counted = "?v" if shape.path.is_simple() else "DISTINCT ?v"
    if n >= 1 and shape.path.is_simple() and _one_value_each(e, shape.sparql_path):
        return ()
    query = (
        f"SELECT ?this WHERE {{ {e.value_pattern(shape, focus)} }} "
        f"GROUP BY ?this HAVING (COUNT({counted}) > {n})"
    )
    return (
        shape.result(row["this"], None, "MaxCount")
        for row in e.select(query)
        if row["this"] in focus.nodes
    )


def _one_value_each(e: Engine, predicate: str) -> bool:
    """Whether no node has two values of ``predicate`` (as many triples as subjects): two
    counts are a third of the cost of grouping the values by node, and a cascade that keeps
    the rule (the usual case) needs nothing more."""
    triples = e.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?this {predicate} ?v }}")
    subjects = e.select(f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ ?this {predicate} ?v }}")
    return bool(triples[0]["n"] == subjects[0]["n"])
