"""Shape-based constraint components (SHACL 4.7): ``sh:node``, ``sh:qualifiedValueShape``
(``sh:qualifiedMinCount``, ``sh:qualifiedMaxCount``, ``sh:qualifiedValueShapesDisjoint``).
``sh:property`` is the engine's own recursion (:meth:`Engine.run_property`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import SH

from selaras.errors import ShapeError
from selaras.shacl_sparql.cardinality import count
from selaras.shacl_sparql.compile import Shape, name, single
from selaras.shacl_sparql.logical import judged
from selaras.shacl_sparql.results import OxTerm, RawResult

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus


def node(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for member in sorted(e.g.objects(shape.node, SH.node), key=str):
        yield from judged(e, shape, focus, [member], lambda ok: not ok[0], "Node")


def qualified(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    if shape.path is None:
        raise ShapeError(name(shape.node), "sh:qualifiedValueShape on a node shape")
    wanted = single(e.g, shape.node, SH.qualifiedValueShape)
    assert wanted is not None
    least = count(e, shape, SH.qualifiedMinCount) if _has(e, shape, SH.qualifiedMinCount) else None
    most = count(e, shape, SH.qualifiedMaxCount) if _has(e, shape, SH.qualifiedMaxCount) else None
    values = e.values(shape, focus)
    every: set[OxTerm] = set().union(*values.values()) if values else set()
    passing = set(e.conforming(wanted, every)) if every else set()
    disjoint = single(e.g, shape.node, SH.qualifiedValueShapesDisjoint)
    if isinstance(disjoint, rdflib.Literal) and disjoint.value is True and passing:
        for sibling in _siblings(e, shape.node, wanted):
            passing -= e.conforming(sibling, passing)
    for f in sorted(focus.nodes, key=str):
        n = len(values.get(f, set()) & passing)
        if least is not None and n < least:
            yield shape.result(f, None, "QualifiedMinCount")
        if most is not None and n > most:
            yield shape.result(f, None, "QualifiedMaxCount")


def _has(e: Engine, shape: Shape, predicate: rdflib.URIRef) -> bool:
    return (shape.node, predicate, None) in e.g


def _siblings(
    e: Engine, prop: rdflib.term.Node, wanted: rdflib.term.Node
) -> list[rdflib.term.Node]:
    """The qualified value shapes of the other property shapes of the shapes holding ``prop``."""
    found: set[rdflib.term.Node] = set()
    for parent in e.g.subjects(SH.property, prop):
        for sibling in e.g.objects(parent, SH.property):
            if sibling != prop:
                found.update(e.g.objects(sibling, SH.qualifiedValueShape))
    found.discard(wanted)
    return sorted(found, key=str)
