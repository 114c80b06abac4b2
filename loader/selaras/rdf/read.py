"""Read RDF text into pyoxigraph triples, every term exactly as written.

This is the one RDF parser of Selaras: files of every :class:`~selaras.rdf.RdfFormat` and
in-memory text. Triples come back as parsed (no store in between), so ``"05"^^xsd:integer``
stays ``"05"``; named graphs of TriG / N-Quads are merged into one graph. A syntax error raises
:class:`~selaras.errors.InputError` naming file, line and column.

>>> text = b'<http://x/a> <http://x/p> "05"^^<http://www.w3.org/2001/XMLSchema#integer> .'
>>> [t.object.value for t in parse_text(text, RdfFormat.N_TRIPLES)]
['05']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from selaras import limits
from selaras.context import CONTEXT_IRI, inline_context
from selaras.errors import InputError
from selaras.rdf import RdfFormat


def parse_text(data: bytes, fmt: RdfFormat, *, base_iri: str | None = None) -> list[ox.Triple]:
    """The triples of RDF ``data`` in ``fmt``, as written; raises InputError on bad syntax."""
    try:
        return _triples(ox.parse(data, format=fmt.ox, base_iri=base_iri))
    except SyntaxError as exc:
        raise InputError(_message(exc), line=exc.lineno, column=exc.offset) from exc


def parse_file(path: Path) -> list[ox.Triple]:
    """The triples of one RDF file (format from its ending), as written.

    Raises InputError (file, line, column) for bad syntax, an unreadable file or an ending that
    is not RDF.
    """
    return [q.triple for q in stream_file(path)]


def stream_file(path: Path) -> Iterator[ox.Quad]:
    """The triples of one RDF file as default-graph quads, as written, one at a time.

    What :func:`parse_file` holds in a list, for a reader that keeps none of it (a store filled
    straight from the file); the same errors, raised when the bad part is reached.
    """
    fmt = RdfFormat.of_suffix(path.suffix)
    if fmt is None:
        raise InputError(f"not an RDF file ending: {path.suffix!r}", path=path)
    try:
        with path.open("rb") as handle:
            data: bytes | IO[bytes] = handle
            if fmt == RdfFormat.JSON_LD:
                data = _jsonld_bytes(path, handle.read())
            elif fmt == RdfFormat.RDF_XML:  # entity bombs are refused before parsing
                limits.check_rdf_xml(path, handle.read(65536))
                handle.seek(0)
            quads = ox.parse(data, format=fmt.ox, base_iri=path.resolve().as_uri())
            try:
                if fmt.ox.supports_datasets:
                    yield from _merged(quads)
                else:
                    yield from quads
            except MemoryError as exc:  # pyoxigraph's token buffer: limits.TOKEN_BYTES
                raise limits.token_error(path, handle.tell()) from exc
    except SyntaxError as exc:
        raise InputError(_message(exc), path=path, line=exc.lineno, column=exc.offset) from exc
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path) from exc


def _triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    return [q.triple for q in quads]


def _merged(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Quads of named graphs moved into the default graph."""
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            yield quad
        else:
            yield ox.Quad(quad.subject, quad.predicate, quad.object)


def _message(exc: SyntaxError) -> str:
    message = str(exc.msg) if exc.msg else str(exc)
    if "LoadDocumentCallback" in message:
        message = (
            "the JSON-LD refers to a remote @context, and Selaras reads nothing from the "
            f"network: put the context in the file, or use {CONTEXT_IRI} (read from "
            "ontology/context.jsonld)"
        )
    return message


def _jsonld_bytes(path: Path, data: bytes) -> bytes:
    """The JSON-LD text with the Selaras context inlined where the document names its IRI."""
    if CONTEXT_IRI.encode() not in data:
        return data
    try:
        document = json.loads(data)
        limits.check_json_depth(path, document)
    except RecursionError:
        raise limits.depth_error(path) from None
    except json.JSONDecodeError as exc:
        message = f"not JSON: {exc.msg}"
        raise InputError(message, path=path, line=exc.lineno, column=exc.colno) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", path=path) from exc
    return json.dumps(inline_context(document)).encode("utf-8")
