"""Other constraint components (SHACL 4.8): ``sh:closed`` (with ``sh:ignoredProperties``),
``sh:hasValue``, ``sh:in``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import SH, XSD

from selaras.shacl_sparql.compile import Shape, members, single
from selaras.shacl_sparql.results import Path, RawResult
from selaras.terms import nt

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus

Node = rdflib.term.Node


def in_(e: Engine, shape: Shape, focus: Focus) -> Iterable[RawResult]:
    head = single(e.g, shape.node, SH["in"])
    assert head is not None
    items = members(e.g, shape.node, head, "sh:in")
    tests = [f"sameTerm(?v, {e.constant(shape, item)})" for item in comparable(items)]
    return e.value_results(shape, focus, f"!({' || '.join(tests) or 'false'})", "In")


def has_value(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for wanted in sorted(e.g.objects(shape.node, SH.hasValue), key=str):
        term = e.constant(shape, wanted) if comparable([wanted]) else None
        if term is None:  # can never equal a data term: every focus node fails
            yield from (shape.result(f, None, "HasValue") for f in sorted(focus.nodes, key=str))
        elif shape.path is not None:
            pattern = e.value_pattern(shape, focus).replace("?v", term)
            passing = f"SELECT DISTINCT ?this WHERE {{ {pattern} }}"
            yield from e.failing_focus(shape, focus, passing, "HasValue")
        else:
            for f in sorted(focus.nodes, key=str):
                if str(f) != term:
                    yield shape.result(f, None, "HasValue")


def closed(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    value = single(e.g, shape.node, SH.closed)
    if not (isinstance(value, rdflib.Literal) and value.value is True):
        return
    allowed: set[str] = set()
    for prop in e.g.objects(shape.node, SH.property):
        path = e.shape(prop).path
        if path is not None and path.predicate is not None:
            allowed.add(str(path.predicate))
    for head in e.g.objects(shape.node, SH.ignoredProperties):
        allowed.update(nt(i) for i in members(e.g, shape.node, head, "sh:ignoredProperties"))
    not_in = f"FILTER(?p NOT IN ({', '.join(sorted(allowed))}))" if allowed else ""
    query = (
        f"SELECT DISTINCT ?this ?p ?value WHERE {{ {e.value_pattern(shape, focus)} "
        f"?v ?p ?value {not_in} }}"
    )
    for row in e.select(query):
        if row["this"] in focus.nodes:
            yield shape.result(
                row["this"],
                row["value"],
                "Closed",
                path=Path.iri(row["p"]),
            )


def comparable(items: Iterable[Node]) -> list[Node]:
    """The members of a list that can equal a data term in pySHACL's eyes.

    The data reaches pySHACL as rdflib terms made from the store, where a plain string never
    carries ``^^xsd:string`` and language tags are lower case; a shapes-graph literal written
    with either can never be equal to a data term there, so it matches nothing here either.
    """
    kept = []
    for item in items:
        if isinstance(item, rdflib.Literal):
            if item.datatype == XSD.string:
                continue
            if item.language and item.language != item.language.lower():
                continue
        kept.append(item)
    return kept
