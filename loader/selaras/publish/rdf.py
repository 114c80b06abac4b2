"""The published graph's documents as RDF bytes, the same bytes for the same triples.

Turtle, N-Triples and RDF/XML through pyoxigraph, JSON-LD through :mod:`selaras.jsonld` (the
project's context, inline): never through rdflib's writers, which rewrite lexical forms. The
triples are sorted first, so a document does not depend on the order the input was read in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import pyoxigraph as ox

from selaras.context import context
from selaras.jsonld import compact_document

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


@cache
def prefixes() -> dict[str, str]:
    """The prefixes Turtle documents use: the context's, plus VoID, DCAT, FOAF and VANN."""
    found = {k: v for k, v in context().items() if isinstance(v, str) and v[-1:] in ("/", "#")}
    return {**found, **EXTRA_PREFIXES}


def sort_key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


def jsonld_document(triples: Iterable[ox.Triple], *, whole_context: bool = False) -> dict[str, Any]:
    """``triples`` as compact JSON-LD in the project's context (:mod:`selaras.jsonld`), the
    context cut down to the terms and prefixes the document uses (a page's description uses a
    few dozen of the context's hundreds of entries) unless ``whole_context``."""
    document = compact_document(sorted(triples, key=sort_key))
    if not whole_context:
        document["@context"] = used_context(document["@context"], document["@graph"])
    return document


def used_context(full: dict[str, Any], graph: Any) -> dict[str, Any]:
    """The entries of ``full`` that ``graph`` names (as a key, a value, or the prefix of a
    compact IRI), with the prefixes those entries use. Dropping the others changes nothing
    the document means."""
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                words.add(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str):
            words.add(node)

    walk(graph)
    words |= {w.split(":", 1)[0] for w in list(words) if ":" in w}
    kept: dict[str, Any] = {}
    todo = [k for k in full if k.startswith("@") or k in words]
    while todo:
        key = todo.pop()
        if key in kept or key not in full:
            continue
        kept[key] = full[key]
        definition = full[key]
        texts = (
            [definition]
            if isinstance(definition, str)
            else list(definition.values())
            if isinstance(definition, dict)
            else []
        )
        todo += [t.split(":", 1)[0] for t in texts if isinstance(t, str) and ":" in t]
    return {k: full[k] for k in full if k in kept}


def serialize(triples: Iterable[ox.Triple], fmt: str, *, whole_context: bool = False) -> bytes:
    """``triples`` in ``fmt`` (``ttl``, ``nt``, ``jsonld`` or ``rdf``), sorted."""
    ordered = sorted(triples, key=sort_key)
    if fmt == "jsonld":
        document = jsonld_document(ordered, whole_context=whole_context)
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "ttl":
        used = _used_prefixes(ordered)
        data = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=used)
    else:
        data = ox.serialize(ordered, format=_OX_FORMATS[fmt])
    assert data is not None  # no output file given: the bytes are returned
    return data


def _used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """The prefixes whose namespace starts some IRI (or datatype) of ``triples``."""
    by_namespace = {namespace: name for name, namespace in prefixes().items()}
    seen: set[str] = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                seen.add(term.value)
            elif isinstance(term, ox.Literal):
                seen.add(term.datatype.value)
    used: dict[str, str] = {}
    for iri in seen:
        for i, char in enumerate(iri):
            if char in "/#":
                name = by_namespace.get(iri[: i + 1])
                if name is not None:
                    used[name] = iri[: i + 1]
    return dict(sorted(used.items()))
