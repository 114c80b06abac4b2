"""Read stage: RDF files, folders of them, and planners' spreadsheets into one :class:`Dataset`.

Every input ends up as triples in the default graph of an in-memory pyoxigraph store (named
graphs of TriG / N-Quads are merged). Malformed RDF raises :class:`~selaras.errors.InputError`
naming file, line and column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import rdflib

from selaras import limits
from selaras.context import CONTEXT_IRI, inline_context
from selaras.errors import DatasetError, InputError
from selaras.progress import SILENT, Progress

#: File endings read as RDF, and their formats.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
SPREADSHEET_SUFFIXES = (".xlsx",)
#: A folder holding this file is a CSV spreadsheet folder, not a folder of RDF files.
CSV_FOLDER_MARKER = "units.csv"


@dataclass
class Dataset:
    """A cascade held in an in-memory pyoxigraph store (default graph), with where it came from."""

    store: ox.Store = field(default_factory=ox.Store)
    sources: list[Path] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.store)

    def triples(self) -> Iterator[ox.Triple]:
        for quad in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield quad.triple

    def add_triples(self, triples: Iterable[ox.Triple]) -> None:
        self.store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)

    def add_rdflib(self, graph: rdflib.Graph) -> None:
        """Add an rdflib graph (used by the spreadsheet importer)."""
        data = graph.serialize(format="nt", encoding="utf-8")
        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())

    def to_rdflib(self) -> rdflib.Graph:
        """The same triples as an rdflib graph (for serialisers, pySHACL and comparisons)."""
        graph = rdflib.Graph()
        data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        if data:
            graph.parse(data=data, format="nt")
        return graph


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files and spreadsheet inputs named by ``paths`` (folders searched recursively), sorted."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", path=path)
        if path.is_dir():
            if (path / CSV_FOLDER_MARKER).is_file():
                found.append(path)
                continue
            inner = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in RDF_FORMATS and not _hidden(p, path)
            )
            csv_dirs = sorted(
                p.parent for p in path.rglob(CSV_FOLDER_MARKER) if not _hidden(p, path)
            )
            if not inner and not csv_dirs:
                raise InputError(
                    "folder holds no RDF files (.ttl .nt .jsonld .trig .nq) nor spreadsheet "
                    "CSV files",
                    path=path,
                )
            found.extend(inner)
            found.extend(d for d in csv_dirs if d != path)
        elif path.suffix.lower() in RDF_FORMATS or path.suffix.lower() in SPREADSHEET_SUFFIXES:
            found.append(path)
        else:
            known = ", ".join(sorted([*RDF_FORMATS, *SPREADSHEET_SUFFIXES]))
            raise InputError(
                f"unknown file type {path.suffix!r}; expected one of {known}", path=path
            )
    return found


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def parse_file(path: Path) -> list[ox.Triple]:
    """Parse one RDF file into triples (named graphs merged); raises InputError on bad syntax."""
    fmt = RDF_FORMATS[path.suffix.lower()]
    try:
        with path.open("rb") as handle:
            data: bytes | IO[bytes] = handle
            if fmt == ox.RdfFormat.JSON_LD:
                data = _jsonld_bytes(path, handle.read())
            elif fmt == ox.RdfFormat.RDF_XML:  # entity bombs are refused before parsing
                limits.check_rdf_xml(path, handle.read(65536))
                handle.seek(0)
            try:
                return [
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in ox.parse(data, format=fmt, base_iri=path.resolve().as_uri())
                ]
            except MemoryError as exc:  # pyoxigraph's token buffer: limits.TOKEN_BYTES
                raise limits.token_error(path, handle.tell()) from exc
    except SyntaxError as exc:
        message = str(exc.msg) if exc.msg else str(exc)
        if "LoadDocumentCallback" in message:
            message = (
                "the JSON-LD refers to a remote @context, and Selaras reads nothing from the "
                f"network: put the context in the file, or use {CONTEXT_IRI} (read from "
                "ontology/context.jsonld)"
            )
        raise InputError(message, path=path, line=exc.lineno, column=exc.offset) from exc
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path) from exc


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


def read_dataset(
    paths: Sequence[Path | str],
    *,
    base: str | None = None,
    progress: Progress = SILENT,
) -> Dataset:
    """Read RDF files, folders and spreadsheets into one :class:`Dataset`.

    ``base`` is the IRI prefix for identifiers minted from spreadsheet codes.
    Raises :class:`InputError` for a missing or malformed input and :class:`DatasetError` when
    the inputs hold no triples at all.
    """
    files = expand_paths([Path(p) for p in paths])
    dataset = Dataset(sources=files)
    with progress.task("Reading", total=len(files)) as task:
        for path in files:
            if path.is_dir() or path.suffix.lower() in SPREADSHEET_SUFFIXES:
                from selaras.spreadsheet import import_spreadsheet

                dataset.add_rdflib(import_spreadsheet(path, base=base))
            else:
                dataset.add_triples(parse_file(path))
            task.advance()
    if len(dataset) == 0:
        raise DatasetError("the input holds no triples: " + ", ".join(str(p) for p in paths))
    return dataset


def read_graph(paths: Sequence[Path | str], *, base: str | None = None) -> rdflib.Graph:
    """Read RDF files, folders and spreadsheets into one rdflib graph, literals as written.

    Unlike :func:`read_dataset` this keeps every literal's lexical form: the pyoxigraph store
    canonicalises typed literals (``"92.00"^^xsd:decimal`` becomes ``"92"``), which the
    spreadsheet exporter must not do. Raises like :func:`read_dataset`.
    """
    graph = rdflib.Graph()
    for path in expand_paths([Path(p) for p in paths]):
        if path.is_dir() or path.suffix.lower() in SPREADSHEET_SUFFIXES:
            from selaras.spreadsheet import import_spreadsheet

            graph += import_spreadsheet(path, base=base)
        else:
            lines = "".join(f"{triple} .\n" for triple in parse_file(path))
            graph.parse(data=lines, format="nt")
    if len(graph) == 0:
        raise DatasetError("the input holds no triples: " + ", ".join(str(p) for p in paths))
    return graph


def read_triples(
    paths: Sequence[Path | str],
    *,
    base: str | None = None,
    progress: Progress = SILENT,
) -> Iterator[ox.Triple]:
    """The triples of RDF files, folders and spreadsheets, one file at a time, literals as written.

    For the Neo4j loader, which must keep lexical forms (the pyoxigraph store of
    :func:`read_dataset` canonicalises ``"92.00"^^xsd:decimal`` to ``"92"``). A triple written in
    two files comes twice. Raises like :func:`read_dataset` (DatasetError only after the last
    file, when none held a triple).
    """
    files = expand_paths([Path(p) for p in paths])
    found = False
    with progress.task("Reading", total=len(files)) as task:
        for path in files:
            if path.is_dir() or path.suffix.lower() in SPREADSHEET_SUFFIXES:
                from selaras.spreadsheet import import_spreadsheet

                data = import_spreadsheet(path, base=base).serialize(format="nt", encoding="utf-8")
                triples = [
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
                ]
            else:
                triples = parse_file(path)
            found = found or bool(triples)
            yield from triples
            task.advance()
    if not found:
        raise DatasetError("the input holds no triples: " + ", ".join(str(p) for p in paths))
