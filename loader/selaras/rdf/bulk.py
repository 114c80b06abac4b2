"""N-Triples straight into the store, the fastest way pyoxigraph reads (the floor of reading).

``Store.bulk_load`` parses in Rust and holds no Python object per triple, but it gives blank
nodes new labels and keeps literals in canonical form. So it is used only for N-Triples files
without blank nodes and without ``\\u`` escapes, and the literals the store would rewrite are
found beside it: a scan of the raw lines that carry a typed literal of such a datatype (N-Triples
writes every datatype IRI in full, one triple a line), parsed on their own. Both run at once:
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
from pathlib import Path

import pyoxigraph as ox

from selaras.errors import InputError
from selaras.rdf.written import CANONICALISED, WrittenForms

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
            lines: list[bytes] = []
            _typed_lines(path, lines)
            for _ in written.collect(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)):
                pass
            written.settle()  # while bulk_load still works, not when the report asks
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


def _typed_lines(path: Path, lines: list[bytes]) -> None:
    """Append to ``lines`` every line of ``path`` with a typed literal the store may rewrite."""
    try:
        with path.open("rb") as handle:
            rest = b""
            while True:
                chunk = handle.read(_CHUNK)
                data = rest + chunk
                if chunk:  # whole lines only; the rest goes with the next chunk
                    cut = data.rfind(b"\n") + 1
                    data, rest = data[:cut], data[cut:]
                _scan(data, lines)
                if not chunk:
                    return
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path) from exc


def _scan(data: bytes, lines: list[bytes]) -> None:
    find, rfind, keep = data.find, data.rfind, lines.append
    width = len(_MARKER)
    at = find(_MARKER)
    while at >= 0:
        close = find(b">", at + width)
        end = find(b"\n", close) + 1 or len(data)
        if data[at + width : close] in _NAMES:
            keep(data[rfind(b"\n", 0, at) + 1 : end])
        at = find(_MARKER, end)
