"""The in-memory cascade the generator builds and plants defects in, and its triples.

Entities are plain mutable objects that point at each other; :meth:`Model.blocks` turns them
into subject blocks of (predicate, object) pairs in Turtle term syntax, sorted, so that the same
model always gives the same bytes. Terms are written with the prefixes of :data:`PREFIXES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

BASE = "https://w3id.org/selaras/id/"
PREFIXES: dict[str, str] = {
    "sel": "https://w3id.org/selaras/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LEVELS: tuple[str, ...] = (
    "KemenkeuWide",
    "KemenkeuOne",
    "KemenkeuTwo",
    "KemenkeuThree",
    "KemenkeuFour",
    "KemenkeuFive",
)
PERSPECTIVES: tuple[str, ...] = (
    "StakeholderPerspective",
    "CustomerPerspective",
    "InternalProcessPerspective",
    "LearningGrowthPerspective",
)
WIDE, ONE, TWO, THREE, FOUR, FIVE = 1, 2, 3, 4, 5, 6

Pairs = list[tuple[str, str]]


_SPECIAL = frozenset('\\"\n\r')


def literal(text: str, lang: str | None = None) -> str:
    """A string literal in Turtle / N-Triples syntax."""
    escaped = text
    if not _SPECIAL.isdisjoint(text):
        escaped = (
            text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        )
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(lexical: str, datatype: str) -> str:
    return f'"{lexical}"^^xsd:{datatype}'


def iri(path: str) -> str:
    return f"<{BASE}{path}>"


@dataclass(eq=False, slots=True)
class Unit:
    key: str
    code: str | None
    label: str
    rank: int  # structural level (1 = Wide ... 6 = Five), kept even when `level` is removed
    level: str | None
    kind: str | None
    position: bool = False
    parents: list[Unit] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)
    has_map: bool = False
    short: str = ""
    objectives: list[Objective] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    directions: list[Direction] = field(default_factory=list)
    contract: Contract | None = None
    eselon: int = 0  # index of the Eselon I unit it belongs to (-1 for the ministry)

    @property
    def iri(self) -> str:
        return iri(f"unit/{self.key}")

    @property
    def map_iri(self) -> str:
        return iri(f"map/{self.key}")

    @property
    def parent(self) -> Unit:
        return self.parents[0]

    def pairs(self) -> Pairs:
        out: Pairs = [("a", "sel:Position" if self.position else "sel:Unit")]
        if self.code is not None:
            out.append(("sel:code", literal(self.code)))
        out.append(("rdfs:label", literal(self.label, "id")))
        if self.level is not None:
            out.append(("sel:level", f"sel:{self.level}"))
        if self.kind is not None:
            out.append(("sel:unitKind", f"sel:{self.kind}"))
        out.extend(("sel:partOf", p.iri) for p in self.parents)
        return out

    def map_pairs(self) -> Pairs:
        return [
            ("a", "sel:StrategyMap"),
            ("rdfs:label", literal(f"Peta Strategi {self.label}", "id")),
            ("sel:mapOf", self.iri),
        ]


@dataclass(eq=False, slots=True)
class Objective:
    key: str
    code: str | None
    owner: Unit  # structural owner
    noun: str
    scope: str
    adjective: str
    statement: str | None
    unit: Unit | None  # sel:belongsTo
    year: str | None
    perspective: int | None  # rank 1..4
    source: Objective | None = None
    cascading: str | None = None  # DirectCascading | IndirectCascading
    receivers: list[Objective] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    goals: list[Direction] = field(default_factory=list)
    sasaran: list[Direction] = field(default_factory=list)  # sel:formulatedFrom
    causes: list[Objective] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return iri(f"ss/{self.key}")

    def pairs(self) -> Pairs:
        out: Pairs = [("a", "sel:StrategicObjective")]
        if self.code is not None:
            out.append(("sel:code", literal(self.code)))
        if self.statement is not None:
            out.append(("sel:statement", literal(self.statement, "id")))
        if self.unit is not None:
            out.append(("sel:belongsTo", self.unit.iri))
        if self.year is not None:
            out.append(("sel:year", typed(self.year, "gYear")))
        if self.perspective is not None:
            out.append(("sel:perspective", f"sel:{PERSPECTIVES[self.perspective - 1]}"))
        out.extend(("sel:supportsGoal", g.iri) for g in self.goals)
        out.extend(("sel:formulatedFrom", s.iri) for s in self.sasaran)
        if self.source is not None:
            out.append(("sel:cascadesFrom", self.source.iri))
        if self.cascading is not None:
            out.append(("sel:cascading", f"sel:{self.cascading}"))
        out.extend(("sel:causes", c.iri) for c in self.causes)
        return out


@dataclass(eq=False, slots=True)
class Target:
    key: str  # the period part of the IRI
    period: str
    value: str | None  # lexical form
    value_type: str = "decimal"
    realisation: str | None = None

    def pairs(self) -> Pairs:
        out: Pairs = [("a", "sel:PeriodTarget"), ("sel:period", literal(self.period))]
        if self.value is not None:
            out.append(("sel:targetValue", typed(self.value, self.value_type)))
        if self.realisation is not None:
            out.append(("sel:realisation", typed(self.realisation, "decimal")))
        return out


@dataclass(eq=False, slots=True)
class Indicator:
    key: str
    code: str | None
    owner: Unit
    label: str
    measures: list[Objective]
    unit: Unit | None
    year: str | None
    measure_unit: str | None
    polarity: str | None
    consolidation: str | None
    validity: str | None
    control: str | None
    source: Indicator | None = None
    cascading: str | None = None
    sub_of: Indicator | None = None
    targets: list[Target] = field(default_factory=list)
    receivers: list[Indicator] = field(default_factory=list)
    subs: list[Indicator] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    yearly: float = 0.0

    @property
    def iri(self) -> str:
        return iri(f"iku/{self.key}")

    def target_iri(self, target: Target) -> str:
        return iri(f"target/{self.key}/{target.key}")

    def pairs(self) -> Pairs:
        out: Pairs = [("a", "sel:KeyPerformanceIndicator")]
        if self.code is not None:
            out.append(("sel:code", literal(self.code)))
        out.append(("rdfs:label", literal(self.label, "id")))
        out.extend(("sel:measures", o.iri) for o in self.measures)
        if self.unit is not None:
            out.append(("sel:belongsTo", self.unit.iri))
        if self.year is not None:
            out.append(("sel:year", typed(self.year, "gYear")))
        if self.measure_unit is not None:
            out.append(("sel:measureUnit", literal(self.measure_unit)))
        if self.polarity is not None:
            out.append(("sel:polarity", f"sel:{self.polarity}"))
        if self.consolidation is not None:
            out.append(("sel:consolidation", f"sel:{self.consolidation}Consolidation"))
        if self.validity is not None:
            out.append(("sel:validity", f"sel:{self.validity}Validity"))
        if self.control is not None:
            out.append(("sel:control", f"sel:{self.control}Control"))
        if self.source is not None:
            out.append(("sel:cascadesFrom", self.source.iri))
        if self.cascading is not None:
            out.append(("sel:cascading", f"sel:{self.cascading}"))
        if self.sub_of is not None:
            out.append(("sel:subIndicatorOf", self.sub_of.iri))
        out.extend(("sel:hasTarget", self.target_iri(t)) for t in self.targets)
        return out


@dataclass(eq=False, slots=True)
class Initiative:
    key: str
    code: str | None
    label: str
    drives: list[Indicator]
    unit: Unit
    deadline: str
    status: str

    @property
    def iri(self) -> str:
        return iri(f"is/{self.key}")

    def pairs(self) -> Pairs:
        out: Pairs = [("a", "sel:StrategicInitiative")]
        if self.code is not None:
            out.append(("sel:code", literal(self.code)))
        out.append(("rdfs:label", literal(self.label, "id")))
        out.extend(("sel:drives", k.iri) for k in self.drives)
        out.append(("sel:belongsTo", self.unit.iri))
        out.append(("sel:deadline", typed(self.deadline, "date")))
        out.append(("sel:status", literal(self.status)))
        return out


@dataclass(eq=False, slots=True)
class Contract:
    owner: Unit
    year: str
    holder: bool = True
    has_year: bool = True
    kind: str | None = None  # MinisterCommitment | ViceMinisterContract | OfficialContract

    @property
    def iri(self) -> str:
        return iri(f"contract/{self.owner.key}/{self.year}")

    def pairs(self) -> Pairs:
        out: Pairs = [("a", "sel:PerformanceContract")]
        if self.holder:
            out.append(("sel:holder", self.owner.iri))
        if self.has_year:
            out.append(("sel:year", typed(self.year, "gYear")))
        if self.kind is not None:
            out.append(("sel:contractKind", f"sel:{self.kind}"))
        out.extend(("sel:includes", o.iri) for o in self.owner.objectives)
        out.extend(("sel:includes", k.iri) for k in self.owner.indicators)
        return out


@dataclass(eq=False, slots=True)
class Risk:
    key: str
    objective: Objective
    description: str

    @property
    def iri(self) -> str:
        return iri(f"risk/{self.key}")

    def pairs(self) -> Pairs:
        return [
            ("a", "sel:Risk"),
            ("sel:description", literal(self.description, "id")),
            ("sel:threatens", self.objective.iri),
        ]


@dataclass(eq=False, slots=True)
class Direction:
    key: str
    code: str
    kind: str  # Vision | Mission | Goal | Sasaran
    text: str
    unit: Unit
    realises: list[Direction] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return iri(f"direction/{self.key}")

    def pairs(self) -> Pairs:
        out: Pairs = [
            ("a", f"sel:{self.kind}"),
            ("sel:belongsTo", self.unit.iri),
            ("sel:code", literal(self.code)),
            ("sel:text", literal(self.text, "id")),
        ]
        out.extend(("sel:realises", d.iri) for d in self.realises)
        return out


@dataclass
class Model:
    """A whole cascade: the ministry unit and everything reachable from it."""

    year: str
    ministry: Unit
    units: list[Unit] = field(default_factory=list)  # in creation order (parents first)

    def blocks(self) -> Iterator[tuple[str, Pairs]]:
        """Every subject with its (predicate, object) pairs, sorted by subject IRI."""
        items: list[tuple[str, Callable[[], Pairs]]] = []
        for unit in self.units:
            items.append((unit.iri, unit.pairs))
            if unit.has_map:
                items.append((unit.map_iri, unit.map_pairs))
            if unit.contract is not None:
                items.append((unit.contract.iri, unit.contract.pairs))
            items.extend((d.iri, d.pairs) for d in unit.directions)
            items.extend((i.iri, i.pairs) for i in unit.initiatives)
            for objective in unit.objectives:
                items.append((objective.iri, objective.pairs))
                items.extend((r.iri, r.pairs) for r in objective.risks)
            for indicator in unit.indicators:
                items.append((indicator.iri, indicator.pairs))
                items.extend((indicator.target_iri(t), t.pairs) for t in indicator.targets)
        items.sort(key=lambda item: item[0])
        for subject, make in items:
            pairs = make()
            pairs.sort(key=lambda p: (p[0] != "a", p))
            yield subject, pairs
