"""The published graph's documents as RDF bytes, the same bytes for the same triples.

Turtle, N-Triples and RDF/XML through pyoxigraph, JSON-LD through :mod:`selaras.jsonld` (the
project's context, inline): never through rdflib's writers, which rewrite lexical forms. The
triples are sorted first, so a document does not depend on the order the input was read in.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from selaras.context import context
from selaras.jsonld import write_jsonld

#: extension -> media type, most preferred first (the order breaks ties in content negotiation).
MEDIA_TYPES: dict[str, str] = {
    "html": "text/html",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
}
#: The RDF formats each static page carries beside it (RDF/XML only when served).
SITE_FORMATS = ("ttl", "jsonld", "nt")
_OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdf": ox.RdfFormat.RDF_XML,
}
EXTRA_PREFIXES = {
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vann": "http://purl.org/vocab/vann/",
}


def prefixes() -> dict[str, str]:
    """The prefixes Turtle documents use: the context's, plus VoID, DCAT, FOAF and VANN."""
    found = {k: v for k, v in context().items() if isinstance(v, str) and v[-1:] in ("/", "#")}
    return {**found, **EXTRA_PREFIXES}


def sort_key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


def serialize(triples: Iterable[ox.Triple], fmt: str) -> bytes:
    """``triples`` in ``fmt`` (``ttl``, ``nt``, ``jsonld`` or ``rdf``), sorted."""
    ordered = sorted(triples, key=sort_key)
    if fmt == "jsonld":
        return write_jsonld(ordered).encode("utf-8")
    if fmt == "ttl":
        used = {k: v for k, v in prefixes().items() if any(_uses(t, v) for t in ordered)}
        data = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=used)
    else:
        data = ox.serialize(ordered, format=_OX_FORMATS[fmt])
    assert data is not None  # no output file given: the bytes are returned
    return data


def _uses(triple: ox.Triple, namespace: str) -> bool:
    return any(
        isinstance(term, ox.NamedNode) and term.value.startswith(namespace)
        for term in (triple.subject, triple.predicate, triple.object)
    ) or (
        isinstance(triple.object, ox.Literal) and triple.object.datatype.value.startswith(namespace)
    )
