"""RDF terms between pyoxigraph and rdflib, and their one textual form (N-Triples).

Both SHACL engines report terms as N-Triples text made by pyoxigraph (``<iri>``, ``"lit"``,
``"lit"^^<dt>``, ``"x"@id``, ``_:b``), so results compare as strings. rdflib literals are made
with ``normalize=False`` so that a literal keeps the lexical form the store holds (rdflib would
otherwise rewrite ``" 5"^^xsd:integer`` as ``"5"`` and two distinct terms would become one).

>>> nt(rdflib.Literal("x", lang="id"))
'"x"@id'
>>> to_rdflib(ox.Literal("5", datatype=ox.NamedNode(str(XSD.integer)))).n3()
'"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pyoxigraph as ox
import rdflib
from rdflib.namespace import XSD

_XSD_STRING = ox.NamedNode(str(XSD.string))
_RDF_LANGSTRING = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
RdfTerm = rdflib.URIRef | rdflib.BNode | rdflib.Literal


def to_rdflib(term: object) -> RdfTerm:
    """The rdflib term for a pyoxigraph term, keeping IRIs, blank node ids and lexical forms."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if not isinstance(term, ox.Literal):
        raise TypeError(f"not an RDF term: {term!r}")
    if term.language:
        return rdflib.Literal(term.value, lang=term.language, normalize=False)
    if term.datatype == _XSD_STRING:
        return rdflib.Literal(term.value, normalize=False)
    return rdflib.Literal(term.value, datatype=term.datatype.value, normalize=False)


def to_ox(node: rdflib.term.Node) -> OxTerm:
    """The pyoxigraph term for an rdflib term (IRIs, blank nodes, literals only)."""
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def nt(node: rdflib.term.Node) -> str:
    """N-Triples text of an rdflib term, as pyoxigraph writes it."""
    return str(to_ox(node))


def rdflib_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """pyoxigraph triples as an rdflib Graph with every literal exactly as it is.

    For the libraries that need rdflib (pySHACL, the spreadsheet exporter). rdflib's parsers
    normalise lexical forms (``"1.5E3"^^xsd:double`` becomes ``"1500.0"``); building the terms
    directly keeps them.
    """
    graph = rdflib.Graph()
    for prefix, namespace in _PREFIXES.items():
        graph.bind(prefix, namespace)
    with quiet_rdflib():
        for triple in triples:
            graph.add(
                (
                    to_rdflib(triple.subject),
                    rdflib.URIRef(triple.predicate.value),
                    to_rdflib(triple.object),
                )
            )
    return graph


def ox_triples(graph: rdflib.Graph) -> list[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples, lexical forms as they are."""
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]  # type: ignore[arg-type]


_PREFIXES = {
    "sel": "https://w3id.org/selaras/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "org": "http://www.w3.org/ns/org#",
}


def is_lang_string(term: ox.Literal) -> bool:
    return term.datatype == _RDF_LANGSTRING


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's log and warnings about literals it cannot convert
    (``"abc"^^xsd:decimal``): ill-typed data is kept exactly on purpose (the defects example has
    it), and rdflib would log a traceback for each one on the terminal."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module="rdflib")
            yield
    finally:
        logger.setLevel(level)
