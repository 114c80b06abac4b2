"""Export: any rdflib graph of a cascade as the spreadsheet template (``.xlsx`` or CSV folder).

Rows are ordered by code (digits compared as numbers), targets by indicator then period. Where
the graph holds several values for a one-value column, the first in that order is written. The
exported tables are imported again in memory, so the result says what the template could not
carry (``dropped``: triples by predicate) and what a re-import would complain about
(``problems``), e.g. an indicator without a polarity.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import rdflib
from rdflib.namespace import RDF, RDFS
from rdflib.term import Literal, Node, URIRef

from selaras.errors import SpreadsheetError, UnknownNameError
from selaras.namespace import SEL
from selaras.spreadsheet.book import Book, Table
from selaras.spreadsheet.importer import LANG, import_book
from selaras.spreadsheet.template import (
    DEFAULT_BASE,
    DIRECTION_CLASSES,
    SHEETS,
    SPREADSHEET_FORMATS,
    closed_list,
    segment,
    sheet,
)
from selaras.spreadsheet.writers import write_csv_folder, write_xlsx


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote and what it could not carry."""

    rows: dict[str, int]
    #: triples of the input the template does not carry, counted by predicate (``rdf:type``
    #: counted by class), e.g. ``{"sel:description": 12, "rdf:type sel:Risk": 3}``
    dropped: dict[str, int] = field(default_factory=dict)
    #: what importing the written spreadsheet would report (the graph lacked required values)
    problems: tuple[str, ...] = ()


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that compares digit runs as numbers: ``SS-2`` before ``SS-10``."""
    return tuple(
        (0, int(part)) if part.isdecimal() and part.isascii() else (1, part.casefold())
        for part in re.split(r"([0-9]+)", text)
        if part
    )


def _period_key(period: str) -> tuple[str, int, tuple[tuple[int, int | str], ...]]:
    """Year first, then its quarters, then its months."""
    kind = 1 if "-Q" in period else 2 if "-" in period else 0
    return (period[:4], kind, natural_key(period[4:]))


class _Reader:
    """Reads one graph in the template's terms."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph

    def code(self, node: Node) -> str:
        """The node's ``sel:code`` (the first, if several), else its IRI's last segment."""
        codes = sorted((str(c) for c in self.graph.objects(node, SEL.code)), key=natural_key)
        if codes:
            return codes[0]
        return unquote(re.split(r"[/#]", str(node))[-1])

    def objects(self, node: Node, prop: URIRef) -> list[Node]:
        return sorted(self.graph.objects(node, prop), key=lambda o: natural_key(str(o)))

    def ref(self, node: Node, prop: URIRef) -> str:
        codes = sorted((self.code(o) for o in self.graph.objects(node, prop)), key=natural_key)
        return codes[0] if codes else ""

    def text(self, node: Node, prop: URIRef) -> str:
        """The literal in Indonesian if there is one, else untagged, else any language."""
        literals = [o for o in self.objects(node, prop) if isinstance(o, Literal)]
        for wanted in (LANG, None):
            for literal in literals:
                if literal.language == wanted:
                    return str(literal)
        return str(literals[0]) if literals else ""

    def value(self, node: Node, prop: URIRef) -> str:
        literals = [o for o in self.objects(node, prop) if isinstance(o, Literal)]
        return str(literals[0]) if literals else ""

    def concept(self, node: Node, prop: URIRef, list_name: str) -> str:
        values = closed_list(list_name)
        found = [values.value_of(o) for o in self.objects(node, prop) if isinstance(o, URIRef)]
        known = [v for v in found if v is not None]
        return known[0] if known else ""

    def instances(self, *classes: URIRef) -> list[Node]:
        nodes = {s for cls in classes for s in self.graph.subjects(RDF.type, cls)}
        return sorted(nodes, key=lambda n: (natural_key(self.code(n)), str(n)))


def _units(r: _Reader) -> Iterator[list[str]]:
    holders = {
        unit
        for strategy_map in r.graph.subjects(RDF.type, SEL.StrategyMap)
        for unit in r.graph.objects(strategy_map, SEL.mapOf)
    }
    for unit in r.instances(SEL.Unit, SEL.Position):
        yield [
            r.code(unit),
            r.text(unit, RDFS.label),
            r.concept(unit, SEL.level, "level"),
            r.ref(unit, SEL.partOf),
            r.concept(unit, SEL.unitKind, "unit kind"),
            "yes" if unit in holders else "no",
        ]


def _directions(r: _Reader) -> Iterator[list[str]]:
    for node in r.instances(*DIRECTION_CLASSES.values()):
        kinds = [k for k, cls in DIRECTION_CLASSES.items() if (node, RDF.type, cls) in r.graph]
        yield [r.code(node), r.ref(node, SEL.belongsTo), kinds[0], r.text(node, SEL.text)]


def _objectives(r: _Reader) -> Iterator[list[str]]:
    for node in r.instances(SEL.StrategicObjective):
        yield [
            r.code(node),
            r.ref(node, SEL.belongsTo),
            r.value(node, SEL.year),
            r.concept(node, SEL.perspective, "perspective"),
            r.text(node, SEL.statement),
            r.ref(node, SEL.supportsGoal),
            r.ref(node, SEL.cascadesFrom),
            r.concept(node, SEL.cascading, "objective cascading type"),
        ]


def _causes(r: _Reader) -> Iterator[list[str]]:
    pairs = {(r.code(s), r.code(o)) for s, o in r.graph.subject_objects(SEL.causes)}
    for cause, effect in sorted(pairs, key=lambda p: (natural_key(p[0]), natural_key(p[1]))):
        yield [cause, effect]


def _indicators(r: _Reader) -> Iterator[list[str]]:
    for node in r.instances(SEL.KeyPerformanceIndicator):
        yield [
            r.code(node),
            r.ref(node, SEL.measures),
            r.ref(node, SEL.belongsTo),
            r.value(node, SEL.year),
            r.text(node, RDFS.label),
            r.value(node, SEL.measureUnit),
            r.concept(node, SEL.polarity, "polarity"),
            r.concept(node, SEL.consolidation, "consolidation"),
            r.concept(node, SEL.validity, "validity"),
            r.concept(node, SEL.control, "control"),
            r.ref(node, SEL.cascadesFrom),
            r.concept(node, SEL.cascading, "indicator cascading type"),
        ]


def _targets(r: _Reader) -> Iterator[list[str]]:
    rows = [
        [
            r.code(indicator),
            r.value(target, SEL.period),
            r.value(target, SEL.targetValue),
            r.value(target, SEL.realisation),
        ]
        for indicator, target in r.graph.subject_objects(SEL.hasTarget)
    ]
    rows.sort(key=lambda row: (natural_key(row[0]), _period_key(row[1]), row[2], row[3]))
    yield from rows


def _initiatives(r: _Reader) -> Iterator[list[str]]:
    for node in r.instances(SEL.StrategicInitiative):
        yield [
            r.code(node),
            r.ref(node, SEL.drives),
            r.ref(node, SEL.belongsTo),
            r.text(node, RDFS.label),
            r.value(node, SEL.deadline),
            r.value(node, SEL.status),
        ]


_ROWS = {
    "units": _units,
    "directions": _directions,
    "objectives": _objectives,
    "causes": _causes,
    "indicators": _indicators,
    "targets": _targets,
    "initiatives": _initiatives,
}


def export_book(graph: rdflib.Graph) -> Book:
    """The graph as template tables (all seven, header first)."""
    reader = _Reader(graph)
    book = Book()
    for template in SHEETS:
        table = Table(template.name, sheet(template.name), list(template.names))
        for number, cells in enumerate(_ROWS[template.name](reader), start=2):
            table.rows.append((number, cells))
        book.tables.append(table)
    return book


def infer_base(graph: rdflib.Graph) -> str:
    """The IRI prefix the graph's units were minted under (``{base}unit/{code}``), if any."""
    found: Counter[str] = Counter()
    for unit in set(graph.subjects(RDF.type, SEL.Unit)) | set(
        graph.subjects(RDF.type, SEL.Position)
    ):
        code = graph.value(unit, SEL.code)
        suffix = "unit/" + segment(str(code)) if code is not None else None
        if suffix and str(unit).endswith(suffix):
            found[str(unit)[: -len(suffix)]] += 1
    return found.most_common(1)[0][0] if found else DEFAULT_BASE


def _dropped(graph: rdflib.Graph, carried: rdflib.Graph) -> dict[str, int]:
    names = rdflib.Graph()
    names.bind("sel", str(SEL))
    for prefix, namespace in graph.namespaces():
        names.bind(prefix, namespace, override=False)
    counts: Counter[str] = Counter()
    for s, p, o in graph:
        if (s, p, o) in carried:
            continue
        key = p.n3(names.namespace_manager)
        if p == RDF.type:
            key += " " + o.n3(names.namespace_manager)
        counts[key] += 1
    return dict(sorted(counts.items()))


def check_export(graph: rdflib.Graph, book: Book) -> ExportResult:
    """Import ``book`` again and compare with ``graph``: what was dropped, what won't import."""
    rows = {t.sheet.name: len(t.rows) for t in book.tables}
    try:
        carried = import_book(book, base=infer_base(graph))
    except SpreadsheetError as exc:
        return ExportResult(rows=rows, problems=tuple(exc.problems))
    return ExportResult(rows=rows, dropped=_dropped(graph, carried))


def export_workbook(graph: rdflib.Graph, path: Path | str) -> ExportResult:
    """Write ``graph`` as a template workbook at ``path`` (``.xlsx``)."""
    book = export_book(graph)
    write_xlsx(book, Path(path))
    return check_export(graph, book)


def export_csv(graph: rdflib.Graph, folder: Path | str) -> ExportResult:
    """Write ``graph`` as a folder of template ``.csv`` files."""
    book = export_book(graph)
    write_csv_folder(book, Path(folder))
    return check_export(graph, book)


#: The spreadsheet forms ``export_spreadsheet`` writes.


def export_spreadsheet(graph: rdflib.Graph, path: Path | str, *, fmt: str) -> ExportResult:
    """Write ``graph`` as the template, ``fmt`` ``xlsx`` (a workbook) or ``csv`` (a folder)."""
    if fmt == "csv":
        return export_csv(graph, path)
    if fmt == "xlsx":
        return export_workbook(graph, path)
    raise UnknownNameError("spreadsheet format", fmt, SPREADSHEET_FORMATS)


def write_template(path: Path | str, *, fmt: str = "xlsx") -> None:
    """An empty template: a workbook, or with ``fmt="csv"`` a folder of header-only files."""
    empty = export_book(rdflib.Graph())
    if fmt == "csv":
        write_csv_folder(empty, Path(path))
    else:
        write_xlsx(empty, Path(path))


def describe(result: ExportResult) -> Iterable[str]:
    """Lines for the terminal: rows written, what was dropped, what a re-import would report."""
    yield "rows: " + ", ".join(f"{name} {count}" for name, count in result.rows.items())
    if result.dropped:
        parts = ", ".join(f"{count} {name}" for name, count in result.dropped.items())
        yield f"not carried by the template: {parts}"
    if result.problems:
        yield f"the spreadsheet will not import until these are fixed ({len(result.problems)}):"
        yield from result.problems
