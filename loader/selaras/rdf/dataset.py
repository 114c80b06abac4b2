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

from selaras.errors import InputError
from selaras.rdf.written import WrittenForms

if TYPE_CHECKING:
    import rdflib

#: A part of a dataset: triples held in memory, or an RDF file read again when asked for.
_Part = list[ox.Triple] | Path


class Dataset:
    """A cascade: its triples as parsed (the truth) and a pyoxigraph store built from them.

    ``sources`` are the files and spreadsheets the triples came from. A triple written in two
    files is held twice in :meth:`triples` and once in the store; ``len()`` counts the store's.

    Triples are held in memory, or, for files added with :meth:`index_file`, not held at all:
    the file goes straight into the store (noting the literals the store rewrites; N-Triples by
    pyoxigraph's ``bulk_load``, :mod:`selaras.rdf.bulk`) and :meth:`triples` reads it again.
    That keeps a ministry-sized validation within the store's own memory and time.
    """

    def __init__(self, triples: Iterable[ox.Triple] = (), sources: Iterable[Path] = ()) -> None:
        self._parts: list[_Part] = []
        self.sources: list[Path] = list(sources)
        self._store: ox.Store | None = None
        self._written: WrittenForms | None = None
        self._empty = True
        self._length: int | None = None  # the store's, counted once (pyoxigraph counts each time)
        #: size and modification time of each file read straight into the store
        self._stamps: dict[Path, tuple[int, int]] = {}
        self.add_triples(triples)

    @property
    def store(self) -> ox.Store:
        """The query index (default graph), built from the triples on first use."""
        if self._store is None:
            store = ox.Store()
            written = WrittenForms()
            for part in self._parts:
                store.bulk_extend(
                    ox.Quad(t.subject, t.predicate, t.object) for t in written.collect(_read(part))
                )
            self._store, self._written, self._length = store, written, None
        return self._store

    @property
    def written(self) -> WrittenForms:
        """The literals the store keeps in another form than the triples, and where."""
        if self._written is None:
            self._written = WrittenForms.of(self.triples())
        return self._written

    def __len__(self) -> int:
        if self._length is None:
            self._length = len(self.store)
        return self._length

    def __bool__(self) -> bool:
        return not self._empty

    def triples(self) -> Iterator[ox.Triple]:
        """The triples exactly as parsed, in input order.

        A file read straight into the store is read again: if it changed since (size or
        modification time), InputError, so that what was validated is what is written.
        """
        for part in self._parts:
            if isinstance(part, Path) and _stamp(part) != self._stamps[part]:
                raise InputError("changed while Selaras was working with it; run again", path=part)
            yield from _read(part)

    def add_triples(self, triples: Iterable[ox.Triple]) -> None:
        """Add triples (and to the store, when it has been built)."""
        added = list(triples)
        if not added:
            return
        self._empty = False
        self._parts.append(added)
        if self._store is not None:
            written = self.written
            self._length = None
            self._store.bulk_extend(
                ox.Quad(t.subject, t.predicate, t.object) for t in written.collect(added)
            )

    def index_file(self, path: Path) -> None:
        """Read the RDF file ``path`` into the store now, holding none of its triples.

        Raises :class:`~selaras.errors.InputError` as :func:`~selaras.rdf.read.stream_file`.
        """
        from selaras.rdf import RdfFormat
        from selaras.rdf.bulk import load_ntriples
        from selaras.rdf.read import stream_file

        store = self.store
        written = self.written
        self._length = None
        fast = RdfFormat.of_suffix(path.suffix) == RdfFormat.N_TRIPLES
        if not (fast and load_ntriples(store, path, written)):
            store.bulk_extend(written.collect(stream_file(path)))
        self._parts.append(path)
        self._stamps[path] = _stamp(path)
        if self._empty and next(iter(store), None) is not None:  # it added the first triple
            self._empty = False

    def release_store(self) -> None:
        """Drop the query index (it is built again when next needed), to free its memory."""
        self._store = None
        self._written = None
        self._length = None

    def to_rdflib(self) -> rdflib.Graph:
        """The triples as an rdflib graph, literals as written (for libraries that need one)."""
        from selaras.terms import rdflib_graph

        return rdflib_graph(self.triples())


def _stamp(path: Path) -> tuple[int, int]:
    try:
        found = path.stat()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path) from exc
    return found.st_size, found.st_mtime_ns


def _read(part: _Part) -> Iterable[ox.Triple]:
    if isinstance(part, Path):  # one at a time: a large file is not held as a list
        from selaras.rdf.read import stream_file

        return (q.triple for q in stream_file(part))
    return part
