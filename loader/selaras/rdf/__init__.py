"""RDF in and out of Selaras: the formats, one reader (:mod:`selaras.rdf.read`) and one writer
(:mod:`selaras.rdf.write`), both on pyoxigraph terms that keep every literal as written.

>>> RdfFormat.of_suffix(".TTL")
<RdfFormat.TURTLE: 'ttl'>
>>> [f.value for f in WRITE_FORMATS]
['ttl', 'nt', 'jsonld']
"""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph as ox


class RdfFormat(StrEnum):
    """An RDF syntax Selaras reads (all of them) or writes (:data:`WRITE_FORMATS`); the value is
    the name the CLI uses (``--format ttl``)."""

    TURTLE = "ttl"
    N_TRIPLES = "nt"
    JSON_LD = "jsonld"
    TRIG = "trig"
    N_QUADS = "nq"
    RDF_XML = "rdf"

    @property
    def ox(self) -> ox.RdfFormat:
        """The pyoxigraph format of the same syntax."""
        return _OX[self]

    @classmethod
    def of_suffix(cls, suffix: str) -> RdfFormat | None:
        """The format of a file ending (``.ttl``, case ignored), or None when it is not RDF."""
        return SUFFIXES.get(suffix.lower())


_OX = {
    RdfFormat.TURTLE: ox.RdfFormat.TURTLE,
    RdfFormat.N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    RdfFormat.JSON_LD: ox.RdfFormat.JSON_LD,
    RdfFormat.TRIG: ox.RdfFormat.TRIG,
    RdfFormat.N_QUADS: ox.RdfFormat.N_QUADS,
    RdfFormat.RDF_XML: ox.RdfFormat.RDF_XML,
}

#: File endings read as RDF, and their formats.
SUFFIXES: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".jsonld": RdfFormat.JSON_LD,
    ".json": RdfFormat.JSON_LD,
    ".trig": RdfFormat.TRIG,
    ".nq": RdfFormat.N_QUADS,
    ".rdf": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
}

#: The formats :mod:`selaras.rdf.write` writes (one graph, every literal as it is).
WRITE_FORMATS: tuple[RdfFormat, ...] = (RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.JSON_LD)

__all__ = ["SUFFIXES", "WRITE_FORMATS", "RdfFormat"]
