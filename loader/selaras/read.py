"""Read stage: RDF files, folders of them, and planners' spreadsheets into one :class:`Dataset`.

Every input is parsed once (:mod:`selaras.rdf.read` for RDF, :mod:`selaras.spreadsheet` for
workbooks and CSV folders) into triples that keep each literal as written; the Dataset's store
is an index built from them (see :mod:`selaras.rdf.dataset`). Named graphs of TriG / N-Quads are
merged. Malformed RDF raises :class:`~selaras.errors.InputError` naming file, line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from selaras.errors import DatasetError, InputError
from selaras.memory import paused_gc
from selaras.progress import SILENT, Progress
from selaras.rdf import SUFFIXES
from selaras.rdf.dataset import Dataset
from selaras.rdf.read import parse_file, stream_file

__all__ = ["Dataset", "expand_paths", "parse_file", "read_dataset", "stream_inputs"]

SPREADSHEET_SUFFIXES = (".xlsx",)
#: A folder holding this file is a CSV spreadsheet folder, not a folder of RDF files.
CSV_FOLDER_MARKER = "units.csv"


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
                if p.is_file() and p.suffix.lower() in SUFFIXES and not _hidden(p, path)
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
        elif path.suffix.lower() in SUFFIXES or path.suffix.lower() in SPREADSHEET_SUFFIXES:
            found.append(path)
        else:
            known = ", ".join(sorted([*SUFFIXES, *SPREADSHEET_SUFFIXES]))
            raise InputError(
                f"unknown file type {path.suffix!r}; expected one of {known}", path=path
            )
    return found


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def _spreadsheet(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() in SPREADSHEET_SUFFIXES


def read_input(path: Path, *, base: str | None = None) -> list[ox.Triple]:
    """The triples of one input of :func:`expand_paths`: an RDF file or a spreadsheet."""
    if _spreadsheet(path):
        from selaras.spreadsheet import import_spreadsheet
        from selaras.terms import ox_triples

        return ox_triples(import_spreadsheet(path, base=base))
    return parse_file(path)


def read_dataset(
    paths: Sequence[Path | str],
    *,
    base: str | None = None,
    progress: Progress = SILENT,
    keep_triples: bool = True,
) -> Dataset:
    """Read RDF files, folders and spreadsheets into one :class:`Dataset`, literals as written.

    ``base`` is the IRI prefix for identifiers minted from spreadsheet codes. With
    ``keep_triples=False`` RDF files go straight into the dataset's store and their triples are
    read again when asked for (:meth:`Dataset.index_file`): for work that only queries the store
    (validation, analyses), in the store's time and memory; anonymous blank nodes then get new
    labels each time the triples are read.
    Raises :class:`InputError` for a missing or malformed input and :class:`DatasetError` when
    the inputs hold no triples at all.
    """
    files = expand_paths([Path(p) for p in paths])
    dataset = Dataset(sources=files)
    with progress.task("Reading", total=len(files)) as task, paused_gc():
        for path in files:
            if keep_triples or _spreadsheet(path):
                dataset.add_triples(read_input(path, base=base))
            else:
                dataset.index_file(path)
            task.advance()
    if not dataset:
        raise DatasetError("the input holds no triples: " + ", ".join(str(p) for p in paths))
    return dataset


def stream_inputs(
    paths: Sequence[Path | str], *, base: str | None = None, progress: Progress = SILENT
) -> Iterator[ox.Triple | ox.Quad]:
    """The triples of the inputs of :func:`read_dataset`, one at a time, none held: for a reader
    that needs them once (a load without validation). RDF files give default-graph quads as
    parsed (:func:`~selaras.rdf.read.stream_file`: the quad's triple, without making it).

    The same errors as :func:`read_dataset`, raised when the bad part is reached; the
    DatasetError for inputs without a single triple when the last is read.
    """
    files = expand_paths([Path(p) for p in paths])
    empty = True
    with progress.task("Reading", total=len(files)) as task:
        for path in files:
            found: Iterator[ox.Triple | ox.Quad] = (
                iter(read_input(path, base=base)) if _spreadsheet(path) else stream_file(path)
            )
            first = next(found, None)
            if first is not None:
                empty = False
                yield first
                yield from found
            task.advance()
    if empty:
        raise DatasetError("the input holds no triples: " + ", ".join(str(p) for p in paths))
