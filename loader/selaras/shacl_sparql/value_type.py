"""Value type constraint components (SHACL 4.1): ``sh:class``, ``sh:datatype``, ``sh:nodeKind``.

Where pySHACL's answer is defined by rdflib rather than SPARQL (a literal rdflib finds
ill-typed fails ``sh:datatype``), the distinct candidate values are checked in Python, once each.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import XSDToPython

from selaras.errors import ShapeError
from selaras.shacl_sparql.compile import Shape, name, single
from selaras.shacl_sparql.results import OxTerm, RawResult
from selaras.terms import nt, to_rdflib

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus

_RDF_TYPE = f"<{RDF.type}>"


def class_(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for cls in sorted(e.g.objects(shape.node, SH["class"]), key=str):
        classes = ", ".join(e.subclasses(cls))
        typed = f"?v {_RDF_TYPE} ?type FILTER(?type IN ({classes}))"
        yield from e.value_results(
            shape, focus, f"isLiteral(?v) || NOT EXISTS {{ {typed} }}", "Class"
        )


def datatype(e: Engine, shape: Shape, focus: Focus) -> Iterable[RawResult]:
    value = single(e.g, shape.node, SH.datatype)
    if not isinstance(value, rdflib.URIRef):
        raise ShapeError(name(shape.node), "sh:datatype must be an IRI")
    wanted = nt(value)
    if value == RDFS.Literal:
        return e.value_results(shape, focus, "!isLiteral(?v)", "Datatype")
    if value == RDFS.Datatype:
        return e.value_results(
            shape,
            focus,
            f"!isLiteral(?v) || datatype(?v) IN ({nt(XSD.string)}, {nt(RDF.langString)})",
            "Datatype",
        )
    mismatch = e.value_results(
        shape, focus, f"!isLiteral(?v) || datatype(?v) != {wanted}", "Datatype"
    )
    if value in (XSD.string, RDF.langString) or not _checks_lexical_form(value):
        return mismatch
    ill_typed = e.checked_results(
        shape,
        focus,
        f"isLiteral(?v) && datatype(?v) = {wanted}",
        lambda term: not _well_typed(term, value),
        "Datatype",
    )
    return [*mismatch, *ill_typed]


_NODE_KINDS = {
    SH.IRI: "isIRI(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.Literal: "isLiteral(?v)",
    SH.BlankNodeOrIRI: "!isLiteral(?v)",
    SH.BlankNodeOrLiteral: "!isIRI(?v)",
    SH.IRIOrLiteral: "!isBlank(?v)",
}


def node_kind(e: Engine, shape: Shape, focus: Focus) -> Iterable[RawResult]:
    kind = single(e.g, shape.node, SH.nodeKind)
    if not isinstance(kind, rdflib.URIRef) or kind not in _NODE_KINDS:
        raise ShapeError(name(shape.node), f"unknown sh:nodeKind {kind}")
    return e.value_results(shape, focus, f"!({_NODE_KINDS[kind]})", "NodeKind")


#: Datatypes whose lexical form pySHACL checks through rdflib (ill-typed) or by value type.
_VALUE_TYPES: dict[rdflib.URIRef, type | tuple[type, ...]] = {
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: datetime.date,
    XSD.time: datetime.time,
    XSD.dateTime: datetime.datetime,
}


def _checks_lexical_form(datatype: rdflib.URIRef) -> bool:
    return datatype in _VALUE_TYPES or datatype in XSDToPython


def as_literal(term: OxTerm) -> rdflib.Literal:
    """The rdflib literal of ``term`` (callers silence rdflib's warnings: ``quiet_rdflib``)."""
    literal = to_rdflib(term)
    assert isinstance(literal, rdflib.Literal)
    return literal


def _well_typed(term: OxTerm, datatype: rdflib.URIRef) -> bool:
    """A literal of ``datatype`` whose lexical form rdflib accepts (pySHACL's sh:datatype)."""
    literal = as_literal(term)
    if literal.ill_typed is True:
        return False
    expected = _VALUE_TYPES.get(datatype)
    return expected is None or isinstance(literal.value, expected)
