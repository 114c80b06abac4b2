"""The one in-memory form of a cascade: triples exactly as parsed, and a store to query them.

A :class:`Dataset` keeps the triples as the parser gave them; they are the truth every writer
and the Neo4j loader use. Its pyoxigraph store is a query index built from them on first use
(SPARQL for validation and the embedded analyses). The store canonicalises typed literals
(``"05"^^xsd:integer`` is held as ``"5"``, ``"1.5E3"^^xsd:double`` as ``"1500"``), so nothing
that is shown or written is taken from it.

>>> xsd_integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
>>> five = ox.Literal("05", datatype=xsd_integer)
>>> t = ox.Triple(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), five)
>>> dataset = Dataset([t])
>>> [str(x.object) for x in dataset.triples()], [str(q.object) for q in dataset.store]
(['"05"^^<http://www.w3.org/2001/XMLSchema#integer>'], ['"5"^^<http://www.w3.org/2001/XMLSchema#integer>'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    import rdflib


class Dataset:
    """A cascade: its triples as parsed (the truth) and a pyoxigraph store built from them.

    ``sources`` are the files and spreadsheets the triples came from. A triple written in two
    files is held twice in :meth:`triples` and once in the store; ``len()`` counts the store's.
    """

    def __init__(self, triples: Iterable[ox.Triple] = (), sources: Iterable[Path] = ()) -> None:
        self._triples: list[ox.Triple] = list(triples)
        self.sources: list[Path] = list(sources)
        self._store: ox.Store | None = None

    @property
    def store(self) -> ox.Store:
        """The query index (default graph), built from the triples on first use."""
        if self._store is None:
            self._store = ox.Store()
            self._store.bulk_extend(
                ox.Quad(t.subject, t.predicate, t.object) for t in self._triples
            )
        return self._store

    def __len__(self) -> int:
        return len(self.store)

    def __bool__(self) -> bool:
        return bool(self._triples)

    def triples(self) -> Iterator[ox.Triple]:
        """The triples exactly as parsed, in input order."""
        return iter(self._triples)

    def add_triples(self, triples: Iterable[ox.Triple]) -> None:
        """Add triples (and to the store, when it has been built)."""
        added = list(triples)
        self._triples.extend(added)
        if self._store is not None:
            self._store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in added)

    def release_store(self) -> None:
        """Drop the query index (it is built again when next needed), to free its memory."""
        self._store = None

    def to_rdflib(self) -> rdflib.Graph:
        """The triples as an rdflib graph, literals as written (for libraries that need one)."""
        from selaras.terms import rdflib_graph

        return rdflib_graph(self._triples)
