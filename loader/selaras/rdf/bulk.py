"""N-Triples straight into the store, the fastest way pyoxigraph reads (the floor of reading).

``Store.bulk_load`` parses in Rust and holds no Python object per triple, but it gives blank
nodes new labels and keeps literals in canonical form. So it is used only for N-Triples files
without blank nodes and without ``\\u`` escapes, and the literals the store would rewrite are
found beside it, from the raw lines that carry a typed literal of such a datatype (N-Triples
writes every datatype IRI in full, one triple a line): a first scan collects those literals'
distinct texts, which a scratch store says the store keeps as written or not; a second keeps
only the lines whose literal it rewrites, and only those are parsed. (A ministry writes
hundreds of thousands of such literals in a few thousand distinct texts.) Both run at once:
``bulk_load`` releases Python's lock while it works.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "a.nt"
>>> _ = path.write_text('<urn:a> <urn:p> "05"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n')
>>> store, written = ox.Store(), WrittenForms()
>>> load_ntriples(store, path, written)
True
>>> [str(q.object) for q in store]
['"5"^^<http://www.w3.org/2001/XMLSchema#integer>']
>>> str(written.restore(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), next(iter(store)).object))
'"05"^^<http://www.w3.org/2001/XMLSchema#integer>'
"""

from __future__ import annotations

import mmap
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from selaras.errors import InputError
from selaras.memory import return_free_memory
from selaras.rdf.written import CANONICALISED, WrittenForms, stored_forms

_XSD = "http://www.w3.org/2001/XMLSchema#"
_MARKER = b'"^^<' + _XSD.encode()
_NAMES = frozenset(iri[len(_XSD) :].encode() for iri in CANONICALISED)
_CHUNK = 1 << 24


def load_ntriples(store: ox.Store, path: Path, written: WrittenForms) -> bool:
    """Load the N-Triples file ``path`` into ``store`` by ``bulk_load``, noting in ``written``
    the literals the store rewrites; False (nothing loaded) when the file has blank nodes or
    ``\\u`` escapes, which need the streaming reader.

    Raises InputError (file, line, column) for bad syntax or an unreadable file.
    """
    if not _plain(path):  # before anything is loaded: a file it refuses is left whole
        return False
    found: list[BaseException] = []

    def note() -> None:  # beside bulk_load, which holds no Python lock while it works
        try:
            lines = _rewritten_lines(path)
            for _ in written.collect(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)):
                pass
            written.settle()  # while bulk_load still works, not when the report asks
            del lines
            return_free_memory()  # what this thread dropped, before bulk_load's peak
        except BaseException as exc:  # raised below, in the caller's thread
            found.append(exc)

    noting = threading.Thread(target=note, name="written-forms")
    noting.start()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise InputError(str(exc.msg), path=path, line=exc.lineno, column=exc.offset) from exc
    except MemoryError:  # a token over pyoxigraph's buffer: the streaming reader names its line
        return False  # (what was loaded is a part of the file: reading it all again adds the rest)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path) from exc
    finally:
        noting.join()
    if found:  # the same lines parsed by bulk_load: it would have raised first
        if isinstance(found[0], InputError):
            raise found[0]
        raise InputError(f"cannot read its typed literals: {found[0]}", path=path)
    return True


def _plain(path: Path) -> bool:
    """False when ``path`` holds ``_:`` or ``\\u`` / ``\\U`` anywhere (what ``bulk_load`` would
    change or the line scan would miss). The file is mapped, not copied, and searched for one
    byte first (``_``, ``\\``), which C does at memory speed; the two-byte search runs only
    where one is found. A file that cannot be mapped (empty, a pipe) is read in chunks."""
    try:
        with path.open("rb") as handle:
            try:
                with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                    return not _special(mapped)
            except (ValueError, OSError):
                pass
            last = b""  # a chunk's last byte: a pair may straddle two chunks
            while chunk := handle.read(_CHUNK):
                if _special(last + chunk):
                    return False
                last = chunk[-1:]
            return True
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path) from exc


def _special(data: bytes | mmap.mmap) -> bool:
    if data.find(b"_") >= 0 and data.find(b"_:") >= 0:
        return True
    return data.find(b"\\") >= 0 and (data.find(b"\\u") >= 0 or data.find(b"\\U") >= 0)


def _rewritten_lines(path: Path) -> list[bytes]:
    """The lines of ``path`` whose typed literal the store may keep in another form."""
    texts = {text: None for data in _chunks(path) for _, _, text in _typed_literals(data)}
    kept = _rewritten(list(texts))
    return [
        data[start:end]
        for data in _chunks(path)
        for start, end, text in _typed_literals(data)
        if text in kept
    ]


def _rewritten(texts: list[bytes]) -> frozenset[bytes]:
    """Those of ``texts`` (literals as N-Triples writes them) the store keeps in another form,
    and any that do not parse on their own line (their whole line is parsed, to be sure)."""
    parsed: dict[int, object] = {}
    doc = b"".join(
        b"<urn:selaras:n%d> <urn:selaras:w> %s .\n" % (i, t) for i, t in enumerate(texts)
    )
    try:
        for triple in ox.parse(doc, format=ox.RdfFormat.N_TRIPLES):
            parsed[int(triple.subject.value[len("urn:selaras:n") :])] = triple.object
    except SyntaxError:  # a text that is not a literal alone (a quote escaped before it)
        parsed.clear()
        for i, text in enumerate(texts):
            try:
                for triple in ox.parse(
                    b"<urn:a> <urn:b> %s ." % text, format=ox.RdfFormat.N_TRIPLES
                ):
                    parsed[i] = triple.object
            except SyntaxError:
                pass
    distinct = {lit: None for lit in parsed.values() if isinstance(lit, ox.Literal)}
    rewritten = {lit for lit, stored in stored_forms(distinct) if stored != lit}
    return frozenset(
        text
        for i, text in enumerate(texts)
        if not isinstance(parsed.get(i), ox.Literal) or parsed[i] in rewritten
    )


def _chunks(path: Path) -> Iterator[bytes]:
    """``path`` in chunks of whole lines."""
    try:
        with path.open("rb") as handle:
            rest = b""
            while True:
                chunk = handle.read(_CHUNK)
                data = rest + chunk
                if chunk:  # whole lines only; the rest goes with the next chunk
                    cut = data.rfind(b"\n") + 1
                    data, rest = data[:cut], data[cut:]
                yield data
                if not chunk:
                    return
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path) from exc


def _typed_literals(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """For each line of ``data`` with a typed literal of a datatype the store may rewrite: where
    the line starts and ends, and the literal as written (from the line's first quote: subject
    and predicate are IRIs, which hold none, to the datatype's closing ``>``)."""
    find, rfind = data.find, data.rfind
    width = len(_MARKER)
    at = find(_MARKER)
    while at >= 0:
        close = find(b">", at + width)
        end = find(b"\n", close) + 1 or len(data)
        if data[at + width : close] in _NAMES:
            start = rfind(b"\n", 0, at) + 1
            yield start, end, data[find(b'"', start, at + 1) : close + 1]
        at = find(_MARKER, end)
