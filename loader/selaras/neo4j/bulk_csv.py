"""Node rows -> the CSV files of ``neo4j-admin database import full``, every value typed exactly.

The rows are those the online load writes (:func:`selaras.neo4j.rows.node_rows`), so the graph
is the same: each node's labels, its full property map and its relationships. A property keeps
the Neo4j type the online load gives it: a string stays a string (always quoted, so an empty
string is ``""`` and a missing property an empty field), ``int`` a ``long``, ``float`` a
``double`` (shortest round-trip text; ``NaN``, ``Infinity``), ``bool`` a ``boolean``,
``datetime.date`` a ``date``, and a list an array of its one element type.

Nodes are grouped by labels and by the type each key has, so one column never holds two types:
a node goes to the first file of its labels whose columns agree with its keys' types, else to a
new file. Nodes are numbered (``:ID``, ``--id-type=integer``, not stored), relationships name
their ends by those numbers. Array elements are split on a control character that no string
element contains (``--array-delimiter``); a value the CSV format cannot carry exactly (an empty
list, a list of one empty string) is refused with :class:`~selaras.errors.DatasetError` before
anything is written to the database.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selaras.errors import DatasetError
from selaras.neo4j.mapping import RESOURCE, GraphMapping
from selaras.neo4j.rows import NodeRow
from selaras.progress import SILENT, Progress

#: Array delimiters to choose from, in order: control characters no text is expected to hold.
DELIMITERS = ("\x1f", "\x1e", "\x1d", "\x1c", "\x1b", "\x07")
_INT64 = 2**63
#: The import tool's default read buffer (4 MiB): a line must fit in it.
DEFAULT_BUFFER = 4 * 1024 * 1024
#: Rows written per ``write`` call.
_CHUNK = 5000


@dataclass(frozen=True)
class ImportFiles:
    """The CSV files of one import and the options they need."""

    nodes: list[Path]
    relationships: list[Path]
    node_count: int
    relationship_count: int
    array_delimiter: str
    multiline: bool
    longest_line: int

    def arguments(self) -> list[str]:
        """The options of ``neo4j-admin database import full`` for these files."""
        args = [f"--nodes={path}" for path in self.nodes]
        args += [f"--relationships={path}" for path in self.relationships]
        args += [
            "--id-type=integer",
            f"--array-delimiter=U+{ord(self.array_delimiter):04X}",
            "--delimiter=,",
            '--quote="',
            "--bad-tolerance=0",
            "--skip-bad-relationships=false",
            "--skip-duplicate-nodes=false",
            "--ignore-empty-strings=false",
            "--ignore-extra-columns=false",
            "--trim-strings=false",
            "--legacy-style-quoting=false",
        ]
        if self.multiline:
            args.append("--multiline-fields=true")
        buffer = max(DEFAULT_BUFFER, 2 * self.longest_line + 1024)
        if buffer > DEFAULT_BUFFER:
            args.append(f"--read-buffer-size={buffer}")
        return args


@dataclass
class _Group:
    """The nodes of one file: one label set, one type per property key."""

    labels: tuple[str, ...]
    kinds: dict[str, str] = field(default_factory=dict)
    members: list[int] = field(default_factory=list)

    def fits(self, kinds: dict[str, str]) -> bool:
        own = self.kinds
        return all(own.get(key, kind) == kind for key, kind in kinds.items())


def _scalar_kind(value: Any) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long" if -_INT64 <= value < _INT64 else None
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return "date"
    return None


def _kind(iri: str, key: str, value: Any) -> str:
    """The import type of a property value (``string``, ``long[]``, ...); DatasetError if the
    CSV format cannot carry it exactly."""
    if isinstance(value, list):
        kinds = {_scalar_kind(v) for v in value}
        if not value or len(kinds) != 1 or None in kinds or value == [""]:
            raise DatasetError(
                f"cannot import offline: node <{iri}> has property {key!r} = {value!r}, which "
                "the import tool's CSV cannot carry exactly; load it online instead (the "
                "online load writes every value exactly)"
            )
        return f"{kinds.pop()}[]"
    kind = _scalar_kind(value)
    if kind is None:
        raise DatasetError(
            f"cannot import offline: node <{iri}> has property {key!r} of type "
            f"{type(value).__name__}; load it online instead"
        )
    return kind


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _double(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def _scalar_text(kind: str, value: Any) -> str:
    if kind == "string":
        return str(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return _double(value)
    if kind == "date":
        return str(value.isoformat())
    return str(value)


class _Writer:
    """Formats fields; notes whether any text spans lines and the longest line."""

    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter
        self.multiline = False
        self.longest = 0

    def field(self, kind: str, value: Any) -> str:
        if value is None:
            return ""
        if kind == "string":
            text = _quoted(value)
        elif kind.endswith("[]"):
            scalar = kind[:-2]
            text = self.delimiter.join(_scalar_text(scalar, v) for v in value)
            if scalar == "string":
                text = _quoted(text)
        else:
            return _scalar_text(kind, value)
        if "\n" in text or "\r" in text:
            self.multiline = True
        return text

    def write(self, handle: Any, lines: Iterable[str], advance: Callable[[int], object]) -> None:
        """Write ``lines`` to ``handle`` :data:`_CHUNK` at a time, advancing the progress by
        each chunk."""
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= _CHUNK:
                self._chunk(handle, chunk)
                advance(len(chunk))
                chunk = []
        if chunk:
            self._chunk(handle, chunk)
            advance(len(chunk))

    def _chunk(self, handle: Any, lines: list[str]) -> None:
        longest = max((len(line) for line in lines), default=0)
        self.longest = max(self.longest, longest)
        handle.write("\n".join(lines))
        handle.write("\n")


def _delimiter(rows: Iterable[NodeRow]) -> str:
    """The first of :data:`DELIMITERS` that no element of a string list contains."""
    used: set[str] = set()
    for row in rows:
        for value in row.props.values():
            if isinstance(value, list) and value and isinstance(value[0], str):
                text = "".join(value)
                used.update(c for c in DELIMITERS if c in text)
    for candidate in DELIMITERS:
        if candidate not in used:
            return candidate
    raise DatasetError(
        "cannot import offline: list values contain every control character the import could "
        "split arrays on; load it online instead"
    )


def _groups(rows: Sequence[NodeRow], bare: Sequence[str], mapping: GraphMapping) -> list[_Group]:
    """Nodes (rows, then bare targets numbered after them) in files of one label set and one
    type per key."""
    groups: list[_Group] = []
    by_labels: dict[tuple[str, ...], list[_Group]] = {}
    placed: dict[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], _Group] = {}
    for index, row in enumerate(rows):
        for label in row.labels:
            mapping.label(label)  # only labels the ontology gives (ValueError otherwise)
        kinds = {key: _kind(row.iri, key, value) for key, value in row.props.items()}
        signature = (row.labels, tuple(sorted(kinds.items())))
        group = placed.get(signature)
        if group is None:
            candidates = by_labels.setdefault(row.labels, [])
            group = next((g for g in candidates if g.fits(kinds)), None)
            if group is None:
                group = _Group(row.labels)
                candidates.append(group)
                groups.append(group)
            group.kinds.update(kinds)
            placed[signature] = group
        group.members.append(index)
    if bare:
        group = _Group((), {"iri": "string"}, list(range(len(rows), len(rows) + len(bare))))
        groups.append(group)
    return groups


def write_import_files(
    rows: Sequence[NodeRow],
    bare: Sequence[str],
    directory: Path,
    *,
    mapping: GraphMapping,
    progress: Progress = SILENT,
) -> ImportFiles:
    """Write the nodes of ``rows``, the bare ``:Resource {iri}`` nodes of ``bare`` and every
    relationship of ``rows`` as import CSVs into ``directory`` (made if missing).

    Raises DatasetError for a value the CSV cannot carry exactly, or a relationship target that
    is neither a row nor in ``bare``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    delimiter = _delimiter(rows)
    writer = _Writer(delimiter)
    groups = _groups(rows, bare, mapping)
    number = {row.iri: i for i, row in enumerate(rows)}
    number.update((iri, len(rows) + i) for i, iri in enumerate(bare))
    relationships = sum(len(row.rels) for row in rows)
    node_files: list[Path] = []
    with progress.task("Writing the import files", total=len(number) + relationships) as task:
        for n, group in enumerate(groups):
            path = directory / f"nodes-{n:04d}.csv"
            node_files.append(path)
            header = [
                ":ID",
                ":LABEL",
                *(f"{key}:{group.kinds[key]}" for key in sorted(group.kinds)),
            ]
            with path.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(",".join(header) + "\n")
                writer.write(handle, _node_lines(rows, bare, group, writer), task.advance)
        rel_path = directory / "relationships.csv"
        with rel_path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(":START_ID,:END_ID,:TYPE\n")
            writer.write(handle, _relationship_lines(rows, number, mapping), task.advance)
    return ImportFiles(
        nodes=node_files,
        relationships=[rel_path],
        node_count=len(number),
        relationship_count=relationships,
        array_delimiter=delimiter,
        multiline=writer.multiline,
        longest_line=writer.longest,
    )


def _node_lines(
    rows: Sequence[NodeRow], bare: Sequence[str], group: _Group, writer: _Writer
) -> Iterator[str]:
    """The CSV lines of ``group``'s nodes (rows, or bare targets numbered after them)."""
    keys = sorted(group.kinds)
    labels = writer.delimiter.join((RESOURCE, *group.labels))
    for index in group.members:
        if index < len(rows):
            props = rows[index].props
            fields = [str(index), labels]
            fields += [writer.field(group.kinds[k], props.get(k)) for k in keys]
        else:
            fields = [str(index), labels, _quoted(bare[index - len(rows)])]
        yield ",".join(fields)


def _relationship_lines(
    rows: Sequence[NodeRow], number: dict[str, int], mapping: GraphMapping
) -> Iterator[str]:
    """The CSV lines of every relationship of ``rows`` (start and end by node number)."""
    types: set[str] = set()
    for row in rows:
        start = number[row.iri]
        for rel_type, target in row.rels:
            if rel_type not in types:
                mapping.rel_type(rel_type)  # only names the ontology gives
                types.add(rel_type)
            end = number.get(target)
            if end is None:
                raise DatasetError(f"relationship target <{target}> has no node")
            yield f"{start},{end},{rel_type}"
