"""Write pyoxigraph triples as Turtle, N-Triples or JSON-LD, every literal exactly as it is.

The one RDF writer of Selaras (``selaras export``, ``selaras import``; reports write through it
too). Turtle and N-Triples are written by pyoxigraph, JSON-LD by :mod:`selaras.jsonld` in the
Selaras context; none of them re-formats a value (rdflib's Turtle writer turns
``"0.30000000000000004"^^xsd:double`` into ``3e-01``, and its JSON-LD writer writes numbers as
JSON numbers). Output is deterministic: triples are deduplicated and sorted by subject, then
``rdf:type`` first, then predicate and object. Writing never imports the Neo4j driver.

>>> t = ox.Triple(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"),
...               ox.Literal("1.5E3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")))
>>> serialize([t, t], RdfFormat.N_TRIPLES)
'<http://x/a> <http://x/p> "1.5E3"^^<http://www.w3.org/2001/XMLSchema#double> .\\n'
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from selaras.errors import UnknownNameError
from selaras.jsonld import write_jsonld
from selaras.rdf import WRITE_FORMATS, RdfFormat

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: The prefixes a Turtle file declares.
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sel": "https://w3id.org/selaras/ontology#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "org": "http://www.w3.org/ns/org#",
}


def _sort_key(triple: ox.Triple) -> tuple[str, bool, str, str]:
    return (
        str(triple.subject),
        triple.predicate.value != _RDF_TYPE,
        str(triple.predicate),
        str(triple.object),
    )


def serialize(triples: Iterable[ox.Triple], fmt: RdfFormat | str) -> str:
    """``triples`` as text in ``fmt`` (one of :data:`~selaras.rdf.WRITE_FORMATS`).

    A triple given twice is written once. Raises UnknownNameError for another format.
    """
    if fmt not in WRITE_FORMATS:
        raise UnknownNameError("RDF format to write", str(fmt), WRITE_FORMATS)
    fmt = RdfFormat(fmt)
    unique = list(dict.fromkeys(triples))
    if fmt == RdfFormat.JSON_LD:
        return write_jsonld(unique)
    unique.sort(key=_sort_key)
    data = ox.serialize(
        unique, format=fmt.ox, prefixes=PREFIXES if fmt == RdfFormat.TURTLE else None
    )
    return data.decode("utf-8") if data is not None else ""


def write_file(triples: Iterable[ox.Triple], path: Path, fmt: RdfFormat | str) -> int:
    """Write ``triples`` to ``path`` (its folder made if missing; a temporary file renamed when
    complete, :func:`selaras.output.write_text`); returns the triples written."""
    from selaras import output

    unique = list(dict.fromkeys(triples))
    output.write_text(path, serialize(unique, fmt))
    return len(unique)
