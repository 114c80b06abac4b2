"""Import: the tables of a :class:`~selaras.spreadsheet.book.Book` checked, then turned into RDF.

One pass of checks collects every problem (unknown sheet or column, missing required value,
value outside a closed list, malformed number, year, period or date, undefined code, duplicate
code or target); any problem raises :class:`~selaras.errors.SpreadsheetError` listing them all,
and no graph is returned. What the regulation says about the data is the validator's business.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Literal, URIRef

from selaras.errors import SpreadsheetError
from selaras.namespace import SEL
from selaras.spreadsheet.book import Book, Problem, Table, read_book
from selaras.spreadsheet.template import (
    CODE_KINDS,
    DIRECTION_CLASSES,
    ROW_NOUN,
    SHEET_NAMES,
    Column,
    check_base,
    closed_list,
    mint,
    normalise,
    unit_class,
)

LANG = "id"


@dataclass
class Record:
    """One data row: parsed values by column name, and the cell each came from."""

    table: Table
    number: int
    values: dict[str, str] = field(default_factory=dict)
    cells: dict[str, int] = field(default_factory=dict)  # column name -> 0-based column index

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def where(self, column: str) -> str:
        return self.table.at(self.cells[column], self.number)

    def order(self, column: str) -> tuple[int, int, int]:
        return (self.table.index, self.number, self.cells.get(column, 0))


# ---------------------------------------------------------------------------------------------
# Cell values
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")
_YEAR = re.compile(r"^[0-9]{4}$")
_PERIOD = re.compile(r"^([0-9]{4})(?:-(?:[Qq]([1-4])|(0[1-9]|1[0-2])(-01)?))?$")
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DMY_DATE = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")


def parse_decimal(text: str) -> str | None:
    """The xsd:decimal lexical form of a number written with a decimal comma or point.

    The written number of decimals is kept.

    >>> parse_decimal("92,00"), parse_decimal("+4.38"), parse_decimal("1.234,5")
    ('92.00', '4.38', None)
    """
    if not _NUMBER.match(text):
        return None
    try:
        return format(Decimal(text.replace(",", ".")), "f")
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def parse_period(text: str) -> str | None:
    """``2025``, ``2025-Q1`` or ``2025-01``; a date on the first of a month is that month.

    >>> parse_period("2025-q3"), parse_period("2025-02-01"), parse_period("2025-13")
    ('2025-Q3', '2025-02', None)
    """
    match = _PERIOD.match(text)
    if not match:
        return None
    year, quarter, month = match.group(1), match.group(2), match.group(3)
    if quarter:
        return f"{year}-Q{quarter}"
    if month:
        return f"{year}-{month}"
    return year


def parse_date(text: str) -> str | None:
    """An ISO date from ``2025-06-30`` or ``30/06/2025`` (also with - or . between)."""
    iso, dmy = _ISO_DATE.match(text), _DMY_DATE.match(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if dmy:
            return dt.date(int(dmy[3]), int(dmy[2]), int(dmy[1])).isoformat()
    except ValueError:
        return None
    return None


def _parse(column: Column, text: str) -> tuple[str | None, str]:
    """(value, "") when ``text`` is valid for ``column``, else (None, problem)."""
    if column.kind == "closed":
        assert column.closed is not None
        values = closed_list(column.closed)
        value = values.lookup(text)
        if value is None:
            noun = column.closed if column.closed == "yes or no" else _a(column.closed)
            return None, f"{text!r} is not {noun}; expected one of {values.expected()}"
        return value, ""
    if column.kind == "year":
        if _YEAR.match(text):
            return text, ""
        return None, f"{text!r} is not a year; expected four digits such as 2025"
    if column.kind == "decimal":
        number = parse_decimal(text)
        if number is None:
            return None, (
                f"{text!r} is not a number; write digits with a decimal comma or point, "
                "such as 92,5"
            )
        return number, ""
    if column.kind == "period":
        period = parse_period(text)
        if period is None:
            return None, (
                f"{text!r} is not a period; expected a year (2025), a quarter (2025-Q1 to "
                "2025-Q4) or a month (2025-01 to 2025-12)"
            )
        return period, ""
    if column.kind == "date":
        date = parse_date(text)
        if date is None:
            return None, f"{text!r} is not a date; expected YYYY-MM-DD or DD/MM/YYYY"
        return date, ""
    return text, ""


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------


@dataclass
class _Definition:
    sheet: str
    code: str
    where: str
    record: Record


class _Import:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.problems: list[Problem] = list(book.problems)
        self.records: dict[str, list[Record]] = {name: [] for name in SHEET_NAMES}
        self.codes: dict[str, _Definition] = {}

    def problem(self, order: tuple[int, int, int], where: str, message: str) -> None:
        self.problems.append(Problem(order, where, message))

    def run(self) -> None:
        for table in self.book.tables:
            self.read_table(table)
        for name in CODE_KINDS:
            for record in self.records[name]:
                self.define(name, record)
        for name in SHEET_NAMES:
            for record in self.records[name]:
                self.resolve(record)
        self.check_targets()

    def read_table(self, table: Table) -> None:
        columns: dict[int, Column] = {}
        first: dict[str, int] = {}
        width = max([len(table.header), *(len(cells) for _, cells in table.rows)], default=0)
        for index in range(width):
            header = table.header[index] if index < len(table.header) else ""
            order = (table.index, 1, index)
            if not header:
                if any(index < len(cells) and cells[index] for _, cells in table.rows):
                    self.problem(order, table.at(index, 1), "values in a column without a header")
                continue
            matches = [c for c in table.sheet.columns if normalise(c.name) == normalise(header)]
            if not matches:
                self.problem(
                    order,
                    table.at(index, 1),
                    f"unknown column {header!r}; expected one of {', '.join(table.sheet.names)}",
                )
                continue
            column = matches[0]
            if column.name in first:
                self.problem(
                    order,
                    table.at(index, 1),
                    f"column {column.name!r} appears twice (first at "
                    f"{table.at(first[column.name], 1)})",
                )
                continue
            first[column.name] = index
            columns[index] = column
        if not any(table.header) and not table.rows:
            return  # an empty sheet is no sheet
        for position, column in enumerate(table.sheet.columns):
            if column.required and column.name not in first:
                self.problem(
                    (table.index, 0, position), table.name, f"missing column {column.name!r}"
                )
        for number, cells in table.rows:
            record = Record(table, number)
            for index, column in columns.items():
                record.cells[column.name] = index
                text = cells[index] if index < len(cells) else ""
                if not text:
                    if column.required and record.where(column.name) not in self.book.reported:
                        self.problem(
                            record.order(column.name),
                            record.where(column.name),
                            f"missing required value for {column.name!r}",
                        )
                    continue
                value, message = _parse(column, text)
                if value is None:
                    self.problem(record.order(column.name), record.where(column.name), message)
                else:
                    record.values[column.name] = value
            self.records[table.sheet.name].append(record)

    @staticmethod
    def key(code: str) -> str:
        return " ".join(code.split()).casefold()

    def define(self, sheet: str, record: Record) -> None:
        code = record.get("code")
        if not code:
            return
        known = self.codes.get(self.key(code))
        if known is not None:
            self.problem(
                record.order("code"),
                record.where("code"),
                f"duplicate code {code!r} (first defined at {known.where})",
            )
            return
        self.codes[self.key(code)] = _Definition(sheet, code, record.where("code"), record)

    def resolve(self, record: Record) -> None:
        for column in record.table.sheet.columns:
            code = record.get(column.name)
            if column.kind != "ref" or not code:
                continue
            assert column.refers is not None
            found = self.codes.get(self.key(code))
            where, order = record.where(column.name), record.order(column.name)
            if found is None:
                self.problem(order, where, f"{code!r} is not defined in sheet {column.refers}")
                del record.values[column.name]
            elif found.sheet != column.refers:
                self.problem(
                    order,
                    where,
                    f"{code!r} is not defined in sheet {column.refers} ({found.where} defines "
                    f"it as {_a(ROW_NOUN[found.sheet])})",
                )
                del record.values[column.name]
            elif column.name == "goal" and found.record.get("kind") not in ("goal", ""):
                self.problem(
                    order, where, f"{code!r} is {_a(found.record.get('kind'))}, not a goal"
                )
                del record.values[column.name]
            else:
                record.values[column.name] = found.code

    def check_targets(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for record in self.records["targets"]:
            indicator, period = record.get("indicator"), record.get("period")
            if not indicator or not period:
                continue
            key = (self.key(indicator), period)
            if key in seen:
                self.problem(
                    record.order("period"),
                    record.where("period"),
                    f"duplicate target for indicator {indicator!r} and period {period!r} "
                    f"(first at {seen[key]})",
                )
            else:
                seen[key] = record.where("period")


def _a(noun: str) -> str:
    """The noun with its article ("a unit", "an indicator")."""
    return ("an " if noun[:1] in ("a", "e", "i", "o") else "a ") + noun


# ---------------------------------------------------------------------------------------------
# Graph
# ---------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, base: str) -> None:
        self.base = base
        self.graph = rdflib.Graph()
        self.contracts: dict[tuple[str, str], list[URIRef]] = {}
        #: units at Kemenkeu-Wide: their derived contract is the Minister's commitment
        self.wide: set[str] = set()

    def iri(self, sheet: str, code: str) -> URIRef:
        return mint(self.base, CODE_KINDS[sheet], code)

    def add(self, s: URIRef, p: URIRef, o: rdflib.term.Node | None) -> None:
        if o is not None:
            self.graph.add((s, p, o))

    def concept(self, column: str, record: Record, list_name: str) -> URIRef | None:
        value = record.get(column)
        return closed_list(list_name).term(value) if value else None

    def ref(self, record: Record, column: str, sheet: str) -> URIRef | None:
        code = record.get(column)
        return self.iri(sheet, code) if code else None

    def text(self, record: Record, column: str) -> Literal | None:
        value = record.get(column)
        return Literal(value, lang=LANG) if value else None

    def plain(self, record: Record, column: str) -> Literal | None:
        value = record.get(column)
        return Literal(value) if value else None

    def typed(self, record: Record, column: str, datatype: URIRef) -> Literal | None:
        value = record.get(column)
        return Literal(value, datatype=datatype) if value else None

    def in_contract(self, record: Record, node: URIRef) -> None:
        unit, year = record.get("unit"), record.get("year")
        if unit and year:
            self.contracts.setdefault((unit, year), []).append(node)

    def unit(self, r: Record) -> None:
        s = self.iri("units", r.get("code"))
        self.add(s, RDF.type, unit_class(r.get("level")))
        self.add(s, SEL.code, Literal(r.get("code")))
        self.add(s, RDFS.label, self.text(r, "name"))
        self.add(s, SEL.level, self.concept("level", r, "level"))
        if self.concept("level", r, "level") == SEL.KemenkeuWide:
            self.wide.add(r.get("code"))
        self.add(s, SEL.unitKind, self.concept("kind", r, "unit kind"))
        self.add(s, SEL.partOf, self.ref(r, "parent", "units"))
        if r.get("strategy_map") == "yes":
            strategy_map = mint(self.base, "map", r.get("code"))
            self.add(strategy_map, RDF.type, SEL.StrategyMap)
            self.add(strategy_map, SEL.mapOf, s)

    def direction(self, r: Record) -> None:
        s = self.iri("directions", r.get("code"))
        self.add(s, RDF.type, DIRECTION_CLASSES.get(r.get("kind")))
        self.add(s, SEL.code, Literal(r.get("code")))
        self.add(s, SEL.belongsTo, self.ref(r, "unit", "units"))
        self.add(s, SEL.text, self.text(r, "text"))

    def objective(self, r: Record) -> None:
        s = self.iri("objectives", r.get("code"))
        self.add(s, RDF.type, SEL.StrategicObjective)
        self.add(s, SEL.code, Literal(r.get("code")))
        self.add(s, SEL.belongsTo, self.ref(r, "unit", "units"))
        self.add(s, SEL.year, self.typed(r, "year", XSD.gYear))
        self.add(s, SEL.perspective, self.concept("perspective", r, "perspective"))
        self.add(s, SEL.statement, self.text(r, "statement"))
        self.add(s, SEL.supportsGoal, self.ref(r, "goal", "directions"))
        self.add(s, SEL.cascadesFrom, self.ref(r, "cascades_from", "objectives"))
        self.add(s, SEL.cascading, self.concept("cascading", r, "objective cascading type"))
        self.in_contract(r, s)

    def cause(self, r: Record) -> None:
        cause, effect = self.ref(r, "from", "objectives"), self.ref(r, "to", "objectives")
        if cause is not None:
            self.add(cause, SEL.causes, effect)

    def indicator(self, r: Record) -> None:
        s = self.iri("indicators", r.get("code"))
        self.add(s, RDF.type, SEL.KeyPerformanceIndicator)
        self.add(s, SEL.code, Literal(r.get("code")))
        self.add(s, SEL.measures, self.ref(r, "objective", "objectives"))
        self.add(s, SEL.belongsTo, self.ref(r, "unit", "units"))
        self.add(s, SEL.year, self.typed(r, "year", XSD.gYear))
        self.add(s, RDFS.label, self.text(r, "name"))
        self.add(s, SEL.measureUnit, self.plain(r, "measure_unit"))
        self.add(s, SEL.polarity, self.concept("polarity", r, "polarity"))
        self.add(s, SEL.consolidation, self.concept("consolidation", r, "consolidation"))
        self.add(s, SEL.validity, self.concept("validity", r, "validity"))
        self.add(s, SEL.control, self.concept("control", r, "control"))
        self.add(s, SEL.cascadesFrom, self.ref(r, "cascades_from", "indicators"))
        self.add(s, SEL.cascading, self.concept("cascading", r, "indicator cascading type"))
        self.in_contract(r, s)

    def target(self, r: Record) -> None:
        indicator, period = r.get("indicator"), r.get("period")
        s = mint(self.base, "target", indicator, period)
        self.add(self.iri("indicators", indicator), SEL.hasTarget, s)
        self.add(s, RDF.type, SEL.PeriodTarget)
        self.add(s, SEL.period, Literal(period))
        self.add(s, SEL.targetValue, self.typed(r, "target", XSD.decimal))
        self.add(s, SEL.realisation, self.typed(r, "realisation", XSD.decimal))

    def initiative(self, r: Record) -> None:
        s = self.iri("initiatives", r.get("code"))
        self.add(s, RDF.type, SEL.StrategicInitiative)
        self.add(s, SEL.code, Literal(r.get("code")))
        self.add(s, SEL.drives, self.ref(r, "indicator", "indicators"))
        self.add(s, SEL.belongsTo, self.ref(r, "unit", "units"))
        self.add(s, RDFS.label, self.text(r, "name"))
        self.add(s, SEL.deadline, self.typed(r, "deadline", XSD.date))
        self.add(s, SEL.status, self.plain(r, "status"))

    def finish(self) -> rdflib.Graph:
        for (unit, year), members in self.contracts.items():
            contract = mint(self.base, "contract", unit, year)
            self.add(contract, RDF.type, SEL.PerformanceContract)
            self.add(contract, SEL.holder, self.iri("units", unit))
            self.add(contract, SEL.year, Literal(year, datatype=XSD.gYear))
            if unit in self.wide:  # KMK 467: Kemenkeu-Wide's contract is the Minister's commitment
                self.add(contract, SEL.contractKind, SEL.MinisterCommitment)
            for member in members:
                self.add(contract, SEL.includes, member)
        return self.graph


def import_book(book: Book, *, base: str | None = None, source: Path | None = None) -> rdflib.Graph:
    """The RDF of checked tables; raises SpreadsheetError listing every problem found."""
    prefix = check_base(base)
    fatal = [p for p in book.problems if p.fatal]
    if fatal:  # an unreadable sheet: its problem alone, not every reference into it
        raise SpreadsheetError((str(p) for p in sorted(fatal)), path=source)
    checks = _Import(book)
    checks.run()
    if checks.problems:
        raise SpreadsheetError((str(p) for p in sorted(checks.problems)), path=source)
    builder = _Builder(prefix)
    steps = {
        "units": builder.unit,
        "directions": builder.direction,
        "objectives": builder.objective,
        "causes": builder.cause,
        "indicators": builder.indicator,
        "targets": builder.target,
        "initiatives": builder.initiative,
    }
    for name in SHEET_NAMES:
        for record in checks.records[name]:
            steps[name](record)
    return builder.finish()


def import_spreadsheet(path: Path | str, *, base: str | None = None) -> rdflib.Graph:
    """The RDF of an ``.xlsx`` workbook or a folder of ``.csv`` files in the template.

    ``base`` is the IRI prefix identifiers are minted under (default
    ``https://w3id.org/selaras/id/``). Raises :class:`~selaras.errors.SpreadsheetError` with every
    ``sheet!cell: problem`` when the spreadsheet does not fit the template, and
    :class:`~selaras.errors.InputError` when it cannot be read at all.
    """
    source = Path(path)
    return import_book(read_book(source), base=base, source=source)
