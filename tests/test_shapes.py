"""The KMK 467 shapes, rule by rule.

Every rule id of the catalogue has a conforming and a violating graph. Both are the small valid
cascade of ``tests/data/rules/base.ttl`` changed by one SPARQL Update, and each test asserts the
exact set of ``(rule id, focus)`` results of the whole validation: the rule under test and any
other rule the change trips as well (listed on purpose, so the interplay of rules is visible).
Results are cached per (graph, engine, profile), so a graph shared by several cases is validated
once.

The tests run for every engine in :data:`ENGINES`; the SPARQL engine joins by adding its name.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDF, RDFS, SH

from selaras.cli import main
from selaras.namespace import SEL
from selaras.read import read_dataset
from selaras.validate import Engine, shapes_graph, validate

#: Engines every rule test runs on; the SPARQL engine joins with one more name here.
ENGINES: list[Engine] = ["sparql", "pyshacl"]

DATA = Path(__file__).resolve().parent / "data"
BASE = DATA / "rules" / "base.ttl"
STRICT_PROFILE = DATA / "profiles" / "strict.ttl"
SHAPE = rdflib.Namespace("https://w3id.org/selaras/shapes#")
SHAPES_GRAPH_IRI = rdflib.URIRef("https://w3id.org/selaras/shapes")

#: The rule catalogue of the brief: the ids are a contract with the defects manifest and analyses.
CATALOGUE = frozenset(
    {
        "UNIT-LEVEL",
        "UNIT-KIND",
        "UNIT-CODE",
        "CODE-UNIQUE",
        "UNIT-PARENT",
        "UNIT-PARENT-HIGHER",
        "UNIT-PARENT-SKIP",
        "UNIT-CYCLE",
        "MAP-HOLDER",
        "MAP-MISSING",
        "SS-ORIGIN",
        "SS-STATEMENT-SHORT",
        "SS-STATEMENT-QUALITATIVE",
        "SS-PERSPECTIVE",
        "SS-UNIT-YEAR",
        "SS-MEASURED",
        "SS-MAX-IKU",
        "SS-NOT-ONLY-ACTIVITY",
        "SS-CASCADING-TYPE",
        "SS-CASCADE-ANCESTOR",
        "SS-PERSPECTIVE-ORDER",
        "SS-DIRECT-ONE",
        "SS-DIRECT-SAME-STATEMENT",
        "SS-CASCADE-YEAR",
        "SS-CASCADE-CYCLE",
        "SS-CAUSE-SAME-MAP",
        "IKU-MEASURES-ONE",
        "IKU-SAME-UNIT",
        "IKU-POLARITY",
        "IKU-MEASURE-UNIT",
        "IKU-CONSOLIDATION",
        "IKU-QUALITY",
        "IKU-QUALITY-FORBIDDEN",
        "IKU-TARGET-YEAR",
        "IKU-CASCADING-TYPE",
        "IKU-CASCADE-ANCESTOR",
        "SUB-IKU-LEVEL",
        "CONTRACT-MAX-IKU",
        "CONTRACT-HOLDER",
        "TARGET-PERIOD",
        "IS-INDICATOR",
        "UNIT-KIND-LEVEL",
        "MAP-REFERS-PARENT",
        "SS-INDIRECT-MANY",
        "IKU-PARTIAL-MANY",
        "IKU-FULL-SAME",
        "IKU-PARTIAL-DISTRIBUTES",
        "IKU-FOLLOWS-SS",
        "CONTRACT-KIND",
        "DIRECTION-CHAIN",
        "SS-SASARAN",
        # scoring (shapes/scores.ttl, issue #10)
        "SCORE-WEIGHTS-SUM",
        "SCORE-REALISATION-TARGET",
        "SCORE-ANNUAL-TARGET",
    }
)

ID = "https://w3id.org/selaras/id/"
PREFIXES = {
    "sel": str(SEL),
    "rdfs": str(RDFS),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    **{
        kind: f"{ID}{kind}/"
        for kind in ("unit", "map", "direction", "ss", "iku", "target", "contract", "is")
    },
}
UPDATE_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

Result = tuple[str, str]  # (rule id, focus IRI)


def iri(name: str) -> str:
    """Expand a prefixed name of the test data, e.g. ``unit:KPPN-TJS``."""
    prefix, local = name.split(":", 1)
    return PREFIXES[prefix] + local


def results(*lines: str) -> frozenset[Result]:
    """Expected results written as ``"RULE-ID prefix:focus"`` lines."""
    out = set()
    for line in lines:
        rule, focus = line.split()
        out.add((rule, iri(focus)))
    return frozenset(out)


@cache
def _base_quads() -> tuple[ox.Quad, ...]:
    return tuple(ox.parse(path=BASE, format=ox.RdfFormat.TURTLE))


@cache
def outcome(update: str, engine: Engine, profile: str = "kmk-467-2014") -> frozenset[Result]:
    """Validate the base cascade changed by ``update`` (SPARQL Update; "" for none)."""
    store = ox.Store()
    store.bulk_extend(_base_quads())
    if update:
        store.update(UPDATE_PROLOGUE + update)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.ttl"
        store.dump(path, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
        report = validate(read_dataset([path]), engine=engine, profile=profile)
    return frozenset((r.rule_id, r.focus) for r in report.results)


def indicator(
    code: str,
    objective: str,
    unit: str,
    *,
    validity: str = "sel:ExactValidity",
    control: str = "sel:ModerateControl",
    extra: str = "",
) -> str:
    """Triples (for INSERT DATA) of a complete indicator ``iku:<code>`` with its 2025 target."""
    return f"""
        iku:{code} a sel:KeyPerformanceIndicator ;
            sel:code "IKU-{code}" ; rdfs:label "Indikator {code}"@id ;
            sel:measures {objective} ; sel:belongsTo {unit} ; sel:year "2025"^^xsd:gYear ;
            sel:measureUnit "persen" ; sel:polarity sel:Maximize ;
            sel:consolidation sel:AverageConsolidation ;
            sel:validity {validity} ; sel:control {control} ;
            sel:hasTarget target:{code}-2025 {extra} .
        target:{code}-2025 a sel:PeriodTarget ; sel:period "2025" ; sel:targetValue 100.0 .
    """


def objective(code: str, unit: str, statement: str, *, extra: str = "") -> str:
    """Triples (for INSERT DATA) of a 2025 Stakeholder objective ``ss:<code>``."""
    return f"""
        ss:{code} a sel:StrategicObjective ;
            sel:code "SS-{code}" ; sel:statement "{statement}"@id ;
            sel:belongsTo {unit} ; sel:year "2025"^^xsd:gYear ;
            sel:perspective sel:StakeholderPerspective {extra} .
    """


def replace(subject: str, prop: str, new: str | None) -> str:
    """An update replacing each ``prop`` of ``subject`` by ``new`` (deleting it when None)."""
    insert = f"INSERT {{ {subject} {prop} {new} }}" if new is not None else ""
    return f"DELETE {{ {subject} {prop} ?old }} {insert} WHERE {{ {subject} {prop} ?old }} ;\n"


def section_indicators(count: int, prefix: str) -> str:
    """Triples of ``count`` activity indicators of the section, measuring ss:S1."""
    return "".join(
        indicator(f"{prefix}{n}", "ss:S1", "unit:SEKSI-BANK-TJS", validity="sel:ActivityValidity")
        for n in range(count)
    )


@dataclass(frozen=True)
class Case:
    """One graph for one rule: the base changed by ``update``, and every result it must give."""

    rule: str
    name: str
    update: str
    expected: frozenset[Result]

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"


def ok(rule: str, name: str = "base", update: str = "") -> Case:
    return Case(rule, name, update, frozenset())


def bad(rule: str, name: str, update: str, *expected: str) -> Case:
    return Case(rule, name, update, results(*expected))


def insert(triples: str) -> str:
    return f"INSERT DATA {{ {triples} }} ;\n"


# Graphs shared by several rules.
CROSS_BRANCH = insert(
    """
    unit:KPPN-TRK a sel:Unit ; sel:code "KPPN-TRK" ; rdfs:label "KPPN Tarakan"@id ;
        sel:level sel:KemenkeuThree ; sel:unitKind sel:KPPN ; sel:partOf unit:KANWIL-KALTARA .
    map:KPPN-TRK a sel:StrategyMap ; sel:mapOf unit:KPPN-TRK .
    """
) + replace("unit:SEKSI-BANK-TJS", "sel:partOf", "unit:KPPN-TRK")

SECOND_DIRECT_RECEIVER = insert(
    objective(
        "L1",
        "unit:PELAKSANA-BANK-TJS",
        "Layanan perbendaharaan yang berkualitas",
        extra="; sel:cascadesFrom ss:P1 ; sel:cascading sel:DirectCascading",
    )
    + indicator("L1A", "ss:L1", "unit:PELAKSANA-BANK-TJS")
)

CASES: list[Case] = [
    # --- units ------------------------------------------------------------------------------
    ok("UNIT-LEVEL"),
    bad(
        "UNIT-LEVEL",
        "missing",
        replace("unit:SEKSI-BANK-TJS", "sel:level", None),
        "UNIT-LEVEL unit:SEKSI-BANK-TJS",
    ),
    ok("UNIT-KIND"),
    bad(
        "UNIT-KIND",
        "missing",
        replace("unit:KANWIL-KALTARA", "sel:unitKind", None),
        "UNIT-KIND unit:KANWIL-KALTARA",
    ),
    ok("UNIT-CODE"),
    bad(
        "UNIT-CODE",
        "missing-twice-blank",
        replace("is:P1-DIGITAL", "sel:code", None)
        + replace("direction:KEMENKEU-VISI", "sel:code", None)
        + insert('ss:K2 sel:code "SS-K2-LAMA" .')
        + replace("iku:K2A", "sel:code", '" "'),
        "UNIT-CODE is:P1-DIGITAL",
        "UNIT-CODE direction:KEMENKEU-VISI",
        "UNIT-CODE ss:K2",
        "UNIT-CODE iku:K2A",
    ),
    ok("CODE-UNIQUE"),
    bad(
        "CODE-UNIQUE",
        "shared",
        replace("ss:K2", "sel:code", '"SS-K1"'),
        "CODE-UNIQUE ss:K1",
        "CODE-UNIQUE ss:K2",
    ),
    ok("UNIT-PARENT"),
    bad(
        "UNIT-PARENT",
        "none-two-and-wide-with-parent",
        replace("unit:PELAKSANA-BANK-TJS", "sel:partOf", None)
        + insert(
            """
            unit:SEKSI-BANK-TJS sel:partOf unit:KANWIL-KALTARA .
            unit:KEMENKEU-2 a sel:Unit ; sel:code "KEMENKEU-2" ; rdfs:label "Kementerian lain"@id ;
                sel:level sel:KemenkeuWide ; sel:unitKind sel:Kementerian ;
                sel:partOf unit:KEMENKEU .
            map:KEMENKEU-2 a sel:StrategyMap ; sel:mapOf unit:KEMENKEU-2 .
            """
        ),
        "UNIT-PARENT unit:PELAKSANA-BANK-TJS",
        "UNIT-PARENT unit:SEKSI-BANK-TJS",
        "UNIT-PARENT-SKIP unit:SEKSI-BANK-TJS",
        "UNIT-PARENT unit:KEMENKEU-2",
        "UNIT-PARENT-HIGHER unit:KEMENKEU-2",
        "MAP-REFERS-PARENT unit:KEMENKEU-2",
    ),
    ok("UNIT-PARENT-HIGHER"),
    bad(
        "UNIT-PARENT-HIGHER",
        "same-level",
        replace("unit:PELAKSANA-BANK-TJS", "sel:level", "sel:KemenkeuFour"),
        "UNIT-PARENT-HIGHER unit:PELAKSANA-BANK-TJS",
        "UNIT-KIND-LEVEL unit:PELAKSANA-BANK-TJS",
    ),
    ok("UNIT-PARENT-SKIP"),
    bad(
        "UNIT-PARENT-SKIP",
        "staff-under-office",
        replace("unit:PELAKSANA-BANK-TJS", "sel:partOf", "unit:KPPN-TJS"),
        "UNIT-PARENT-SKIP unit:PELAKSANA-BANK-TJS",
    ),
    ok("UNIT-CYCLE"),
    bad(
        "UNIT-CYCLE",
        "through-the-ministry",
        insert("unit:KEMENKEU sel:partOf unit:PELAKSANA-BANK-TJS ."),
        "UNIT-CYCLE unit:KEMENKEU",
        "UNIT-CYCLE unit:DJPB",
        "UNIT-CYCLE unit:KANWIL-KALTARA",
        "UNIT-CYCLE unit:KPPN-TJS",
        "UNIT-CYCLE unit:SEKSI-BANK-TJS",
        "UNIT-CYCLE unit:PELAKSANA-BANK-TJS",
        "UNIT-PARENT unit:KEMENKEU",
        "UNIT-PARENT-HIGHER unit:KEMENKEU",
    ),
    # --- maps -------------------------------------------------------------------------------
    ok("MAP-HOLDER"),
    bad(
        "MAP-HOLDER",
        "section-and-three-of-other-kind",
        insert("map:SEKSI-BANK-TJS a sel:StrategyMap ; sel:mapOf unit:SEKSI-BANK-TJS .")
        + replace("unit:KPPN-TJS", "sel:unitKind", "sel:Subdirektorat"),
        "MAP-HOLDER unit:SEKSI-BANK-TJS",
        "MAP-HOLDER unit:KPPN-TJS",
    ),
    ok(
        "MAP-MISSING",
        "three-of-other-kind-without-map",
        replace("unit:KPPN-TJS", "sel:unitKind", "sel:Subdirektorat")
        + "DELETE WHERE { map:KPPN-TJS ?p ?o } ;",
    ),
    bad(
        "MAP-MISSING",
        "by-level-and-by-kind",
        "DELETE WHERE { map:KANWIL-KALTARA ?p ?o } ; DELETE WHERE { map:KPPN-TJS ?p ?o } ;",
        "MAP-MISSING unit:KANWIL-KALTARA",
        "MAP-MISSING unit:KPPN-TJS",
    ),
    # --- objectives -------------------------------------------------------------------------
    ok(
        "SS-ORIGIN",
        "own-objective-at-map-holder",
        insert(
            objective("P3", "unit:KPPN-TJS", "Tata kelola perbendaharaan yang andal")
            + indicator("P3A", "ss:P3", "unit:KPPN-TJS")
        ),
    ),
    bad(
        "SS-ORIGIN",
        "own-objective-at-section",
        replace("ss:S1", "sel:cascadesFrom", None) + replace("ss:S1", "sel:cascading", None),
        "SS-ORIGIN ss:S1",
        "IKU-FOLLOWS-SS iku:S1A",
        "IKU-FOLLOWS-SS iku:S1Q",
    ),
    ok(
        "SS-STATEMENT-SHORT",
        "twelve-words",
        replace(
            "ss:K2",
            "sel:statement",
            '"Pengelolaan proses bisnis internal yang efektif efisien akuntabel transparan '
            'modern dan berkelanjutan"@id',
        )
        + insert(
            'ss:K2 sel:statement "Internal business processes that are effective, efficient, '
            'accountable and transparent, modern and sustainable"@en .'
        ),
    ),
    bad(
        "SS-STATEMENT-SHORT",
        "thirteen-words-and-two-sentences",
        replace(
            "ss:K2",
            "sel:statement",
            '"Pengelolaan proses bisnis internal yang efektif efisien akuntabel transparan '
            'dan berkelanjutan bagi negara"@id',
        )
        + replace(
            "ss:K1",
            "sel:statement",
            '"Pengelolaan keuangan negara yang optimal. Penerimaan negara yang meningkat"@id',
        ),
        "SS-STATEMENT-SHORT ss:K1",
        "SS-STATEMENT-SHORT ss:K2",
    ),
    ok(
        "SS-STATEMENT-QUALITATIVE",
        "word-inside-a-word",
        replace("ss:K1", "sel:statement", '"Penjumlahan data keuangan negara yang akurat"@id'),
    ),
    bad(
        "SS-STATEMENT-QUALITATIVE",
        "word-digits-percent",
        replace("ss:K1", "sel:statement", '"JUMLAH penerimaan negara yang optimal"@id')
        + replace("ss:K2", "sel:statement", '"Proses bisnis yang efektif 100%"@id'),
        "SS-STATEMENT-QUALITATIVE ss:K1",
        "SS-STATEMENT-QUALITATIVE ss:K2",
    ),
    ok("SS-PERSPECTIVE"),
    bad(
        "SS-PERSPECTIVE",
        "missing-and-not-a-perspective",
        replace("ss:K2", "sel:perspective", None)
        + replace("ss:K1", "sel:perspective", "sel:Maximize"),
        "SS-PERSPECTIVE ss:K1",
        "SS-PERSPECTIVE ss:K2",
    ),
    ok("SS-UNIT-YEAR"),
    bad(
        "SS-UNIT-YEAR",
        "year-missing-year-untyped-owner-missing",
        replace("ss:K2", "sel:year", None)
        + replace("ss:K1", "sel:year", '"2025"')
        + replace("ss:S1", "sel:belongsTo", None),
        "SS-UNIT-YEAR ss:K1",
        "SS-UNIT-YEAR ss:K2",
        "SS-UNIT-YEAR ss:S1",
    ),
    ok("SS-MEASURED"),
    bad(
        "SS-MEASURED",
        "no-indicator",
        "DELETE WHERE { iku:K2A ?p ?o } ;",
        "SS-MEASURED ss:K2",
    ),
    ok(
        "SS-MAX-IKU",
        "at-the-limit",
        insert(
            indicator("K2B", "ss:K2", "unit:KEMENKEU")
            + indicator("K2C", "ss:K2", "unit:KEMENKEU")
            + "".join(indicator(f"S1{n}", "ss:S1", "unit:SEKSI-BANK-TJS") for n in ("B", "C", "D"))
        ),
    ),
    bad(
        "SS-MAX-IKU",
        "over-the-limit",
        insert("".join(indicator(f"K2{n}", "ss:K2", "unit:KEMENKEU") for n in ("B", "C", "D"))),
        "SS-MAX-IKU ss:K2",
    ),
    ok(
        "SS-NOT-ONLY-ACTIVITY",
        "activity-and-proxy",
        replace("iku:K2A", "sel:validity", "sel:ActivityValidity")
        + replace("iku:K2A", "sel:control", "sel:ModerateControl")
        + insert(indicator("K2B", "ss:K2", "unit:KEMENKEU", validity="sel:ProxyValidity")),
    ),
    bad(
        "SS-NOT-ONLY-ACTIVITY",
        "activity-only",
        replace("iku:K2A", "sel:validity", "sel:ActivityValidity")
        + replace("iku:K2A", "sel:control", "sel:ModerateControl"),
        "SS-NOT-ONLY-ACTIVITY ss:K2",
    ),
    ok("SS-CAUSE-SAME-MAP"),
    bad(
        "SS-CAUSE-SAME-MAP",
        "other-unit",
        insert("ss:K2 sel:causes ss:P1 ."),
        "SS-CAUSE-SAME-MAP ss:K2",
    ),
    # --- cascading --------------------------------------------------------------------------
    ok("SS-CASCADING-TYPE"),
    bad(
        "SS-CASCADING-TYPE",
        "missing",
        replace("ss:P1", "sel:cascading", None),
        "SS-CASCADING-TYPE ss:P1",
    ),
    bad(
        "SS-CASCADING-TYPE",
        "wrong-scheme-uncascaded-two",
        replace("ss:P1", "sel:cascading", "sel:FullCascading")
        + insert(
            "ss:K2 sel:cascading sel:IndirectCascading . "
            "ss:S1 sel:cascading sel:IndirectCascading ."
        ),
        "SS-CASCADING-TYPE ss:P1",
        "SS-CASCADING-TYPE ss:K2",
        "SS-CASCADING-TYPE ss:S1",
    ),
    ok("SS-CASCADE-ANCESTOR"),
    bad(
        "SS-CASCADE-ANCESTOR",
        "cross-branch",
        CROSS_BRANCH,
        "SS-CASCADE-ANCESTOR ss:S1",
        "IKU-CASCADE-ANCESTOR iku:S1A",
        "IKU-CASCADE-ANCESTOR iku:S1Q",
        "MAP-REFERS-PARENT unit:KPPN-TRK",
    ),
    ok(
        "SS-PERSPECTIVE-ORDER",
        "raised",
        replace("ss:K1", "sel:perspective", "sel:CustomerPerspective"),
    ),
    bad(
        "SS-PERSPECTIVE-ORDER",
        "lowered",
        replace("ss:P1", "sel:perspective", "sel:CustomerPerspective"),
        "SS-PERSPECTIVE-ORDER ss:P1",
    ),
    ok(
        "SS-DIRECT-ONE",
        "two-indirect-receivers",
        SECOND_DIRECT_RECEIVER.replace("sel:DirectCascading", "sel:IndirectCascading")
        + replace("ss:S1", "sel:cascading", "sel:IndirectCascading"),
    ),
    bad(
        "SS-DIRECT-ONE",
        "two-direct-receivers",
        SECOND_DIRECT_RECEIVER,
        "SS-DIRECT-ONE ss:S1",
        "SS-DIRECT-ONE ss:L1",
    ),
    ok(
        "SS-DIRECT-SAME-STATEMENT",
        "case-and-spacing",
        replace("ss:S1", "sel:statement", '"layanan  Perbendaharaan yang berkualitas"@id')
        + insert('ss:S1 sel:statement "Quality treasury services"@en .'),
    ),
    bad(
        "SS-DIRECT-SAME-STATEMENT",
        "reworded",
        replace("ss:S1", "sel:statement", '"Layanan perbankan yang berkualitas"@id'),
        "SS-DIRECT-SAME-STATEMENT ss:S1",
    ),
    ok("SS-CASCADE-YEAR"),
    bad(
        "SS-CASCADE-YEAR",
        "next-year",
        replace("ss:S1", "sel:year", '"2024"^^xsd:gYear'),
        "SS-CASCADE-YEAR ss:S1",
        "IKU-SAME-UNIT iku:S1A",
        "IKU-SAME-UNIT iku:S1Q",
    ),
    ok("SS-CASCADE-CYCLE"),
    bad(
        "SS-CASCADE-CYCLE",
        "back-to-the-ministry",
        insert("ss:K1 sel:cascadesFrom ss:S1 ; sel:cascading sel:IndirectCascading ."),
        "SS-CASCADE-CYCLE ss:K1",
        "SS-CASCADE-CYCLE ss:P1",
        "SS-CASCADE-CYCLE ss:S1",
        "SS-CASCADE-ANCESTOR ss:K1",
    ),
    ok(
        "IKU-CASCADING-TYPE",
        "own-indicator-non-cascading",
        insert("iku:K2A sel:cascading sel:NonCascading ."),
    ),
    bad(
        "IKU-CASCADING-TYPE",
        "missing",
        replace("iku:P1A", "sel:cascading", None),
        "IKU-CASCADING-TYPE iku:P1A",
    ),
    bad(
        "IKU-CASCADING-TYPE",
        "four-ways",
        insert(
            """
            iku:K2A sel:cascading sel:FullCascading .
            iku:K1A sel:cascading sel:DirectCascading .
            iku:P1A sel:cascading sel:FullCascading .
            """
        )
        + replace("iku:S1A", "sel:cascading", "sel:NonCascading"),
        "IKU-CASCADING-TYPE iku:K2A",
        "IKU-CASCADING-TYPE iku:K1A",
        "IKU-CASCADING-TYPE iku:P1A",
        "IKU-CASCADING-TYPE iku:S1A",
        "IKU-FULL-SAME iku:P1A",
    ),
    ok("IKU-CASCADE-ANCESTOR"),
    bad(
        "IKU-CASCADE-ANCESTOR",
        "cross-branch",
        CROSS_BRANCH,
        "SS-CASCADE-ANCESTOR ss:S1",
        "IKU-CASCADE-ANCESTOR iku:S1A",
        "IKU-CASCADE-ANCESTOR iku:S1Q",
        "MAP-REFERS-PARENT unit:KPPN-TRK",
    ),
    # --- indicators -------------------------------------------------------------------------
    ok("IKU-MEASURES-ONE"),
    bad(
        "IKU-MEASURES-ONE",
        "two-and-none",
        insert("iku:K1A sel:measures ss:K2 .") + replace("iku:S1A", "sel:measures", None),
        "IKU-MEASURES-ONE iku:K1A",
        "IKU-MEASURES-ONE iku:S1A",
    ),
    ok("IKU-SAME-UNIT"),
    bad(
        "IKU-SAME-UNIT",
        "other-year-no-owner",
        replace("iku:K2A", "sel:year", '"2024"^^xsd:gYear')
        + replace("target:K2A-2025", "sel:period", '"2024"')
        + replace("iku:K1A", "sel:belongsTo", None),
        "IKU-SAME-UNIT iku:K1A",
        "IKU-SAME-UNIT iku:K2A",
    ),
    ok("IKU-POLARITY"),
    bad(
        "IKU-POLARITY",
        "missing",
        replace("iku:K1A", "sel:polarity", None),
        "IKU-POLARITY iku:K1A",
    ),
    ok("IKU-MEASURE-UNIT"),
    bad(
        "IKU-MEASURE-UNIT",
        "empty-and-missing",
        replace("iku:K1A", "sel:measureUnit", '""') + replace("iku:K2A", "sel:measureUnit", None),
        "IKU-MEASURE-UNIT iku:K1A",
        "IKU-MEASURE-UNIT iku:K2A",
    ),
    ok("IKU-CONSOLIDATION"),
    bad(
        "IKU-CONSOLIDATION",
        "missing-and-not-a-consolidation",
        replace("iku:K2A", "sel:consolidation", None)
        + replace("iku:K1A", "sel:consolidation", "sel:Maximize"),
        "IKU-CONSOLIDATION iku:K1A",
        "IKU-CONSOLIDATION iku:K2A",
    ),
    ok("IKU-QUALITY"),
    bad(
        "IKU-QUALITY",
        "no-control-no-validity",
        replace("iku:K2A", "sel:control", None) + replace("iku:K1A", "sel:validity", None),
        "IKU-QUALITY iku:K1A",
        "IKU-QUALITY iku:K2A",
    ),
    ok(
        "IKU-QUALITY-FORBIDDEN",
        "activity-high-off-map",
        replace("iku:S1A", "sel:control", "sel:HighControl"),
    ),
    bad(
        "IKU-QUALITY-FORBIDDEN",
        "exact-high-activity-low-activity-high-at-map-holder",
        replace("iku:K1A", "sel:control", "sel:HighControl")
        + replace("iku:S1A", "sel:control", "sel:LowControl")
        + replace("iku:P1A", "sel:validity", "sel:ActivityValidity")
        + replace("iku:P1A", "sel:control", "sel:HighControl"),
        "IKU-QUALITY-FORBIDDEN iku:K1A",
        "IKU-QUALITY-FORBIDDEN iku:S1A",
        "IKU-QUALITY-FORBIDDEN iku:P1A",
        "SS-NOT-ONLY-ACTIVITY ss:P1",
    ),
    ok("IKU-TARGET-YEAR"),
    bad(
        "IKU-TARGET-YEAR",
        "other-period-no-value-quarter-only",
        replace("target:K1A-2025", "sel:period", '"2024"')
        + replace("target:K2A-2025", "sel:targetValue", None)
        + "DELETE WHERE { iku:P1A sel:hasTarget target:P1A-2025 . target:P1A-2025 ?p ?o } ;",
        "IKU-TARGET-YEAR iku:K1A",
        "IKU-TARGET-YEAR iku:K2A",
        "IKU-TARGET-YEAR iku:P1A",
    ),
    ok(
        "SUB-IKU-LEVEL",
        "at-kemenkeu-wide",
        insert(indicator("K1B", "ss:K1", "unit:KEMENKEU", extra="; sel:subIndicatorOf iku:K1A")),
    ),
    bad(
        "SUB-IKU-LEVEL",
        "at-kemenkeu-three",
        insert(indicator("P1B", "ss:P1", "unit:KPPN-TJS", extra="; sel:subIndicatorOf iku:P1A")),
        "SUB-IKU-LEVEL iku:P1B",
    ),
    ok(
        "TARGET-PERIOD",
        "month",
        insert(
            """
            iku:P1A sel:hasTarget target:P1A-2025-01 .
            target:P1A-2025-01 a sel:PeriodTarget ; sel:period "2025-01" ; sel:targetValue 4.1 .
            """
        ),
    ),
    bad(
        "TARGET-PERIOD",
        "bad-period-integer-two-realisations-untyped",
        replace("target:P1A-2025-Q1", "sel:period", '"2025-Q5"')
        + replace("target:K1A-2025", "sel:targetValue", "4")
        + insert(
            """
            target:K2A-2025 sel:realisation 90.0 , 91.0 .
            iku:S1A sel:hasTarget target:S1A-2025-13 .
            target:S1A-2025-13 sel:period "2025-13" .
            """
        ),
        "TARGET-PERIOD target:P1A-2025-Q1",
        "TARGET-PERIOD target:K1A-2025",
        "TARGET-PERIOD target:K2A-2025",
        "TARGET-PERIOD target:S1A-2025-13",
    ),
    # --- contracts and initiatives ----------------------------------------------------------
    ok(
        "CONTRACT-MAX-IKU",
        "at-the-limits",
        insert(
            """
            contract:SEKSI-BANK-TJS-2025 a sel:PerformanceContract ;
                sel:holder unit:SEKSI-BANK-TJS ; sel:year "2025"^^xsd:gYear ;
                sel:includes ss:S1 , iku:S1A , iku:X0 , iku:X1 , iku:X2 , iku:X3 , iku:X4 ,
                    iku:X5 , iku:X6 , iku:X7 , iku:X8 .
            contract:KPPN-TJS-2025 sel:includes iku:S1A , iku:X0 , iku:X1 , iku:X2 , iku:X3 ,
                iku:X4 , iku:X5 , iku:X6 , iku:X7 , iku:X8 , iku:X9 .
            """
            + section_indicators(10, "X")
        ),
    ),
    bad(
        "CONTRACT-MAX-IKU",
        "over-the-default",
        insert(
            """
            contract:SEKSI-BANK-TJS-2025 a sel:PerformanceContract ;
                sel:holder unit:SEKSI-BANK-TJS ; sel:year "2025"^^xsd:gYear ;
                sel:includes ss:S1 , iku:S1A , iku:X0 , iku:X1 , iku:X2 , iku:X3 , iku:X4 ,
                    iku:X5 , iku:X6 , iku:X7 , iku:X8 , iku:X9 .
            """
            + section_indicators(10, "X")
        ),
        "CONTRACT-MAX-IKU contract:SEKSI-BANK-TJS-2025",
    ),
    ok("CONTRACT-HOLDER"),
    bad(
        "CONTRACT-HOLDER",
        "no-year-two-holders",
        replace("contract:KPPN-TJS-2025", "sel:year", None)
        + insert(
            """
            contract:SEKSI-BANK-TJS-2025 a sel:PerformanceContract ;
                sel:holder unit:SEKSI-BANK-TJS , unit:PELAKSANA-BANK-TJS ;
                sel:year "2025"^^xsd:gYear ; sel:includes ss:S1 , iku:S1A .
            """
        ),
        "CONTRACT-HOLDER contract:KPPN-TJS-2025",
        "CONTRACT-HOLDER contract:SEKSI-BANK-TJS-2025",
    ),
    ok("IS-INDICATOR"),
    bad(
        "IS-INDICATOR",
        "none-and-an-objective",
        replace("is:P1-DIGITAL", "sel:drives", None)
        + insert(
            """
            is:S1-SOSIALISASI a sel:StrategicInitiative ; sel:code "IS-S1-SOSIALISASI" ;
                rdfs:label "Sosialisasi layanan"@id ; sel:drives ss:S1 ;
                sel:belongsTo unit:SEKSI-BANK-TJS .
            """
        ),
        "IS-INDICATOR is:P1-DIGITAL",
        "IS-INDICATOR is:S1-SOSIALISASI",
    ),
]

# --- scoring (shapes/scores.ttl, issue #10) --------------------------------------------------

QUARTERS = """
    iku:S1A sel:hasTarget target:S1A-Q1 , target:S1A-Q2 , target:S1A-Q3 , target:S1A-Q4 .
    target:S1A-Q1 a sel:PeriodTarget ; sel:period "2025-Q1" ; sel:targetValue {0} .
    target:S1A-Q2 a sel:PeriodTarget ; sel:period "2025-Q2" ; sel:targetValue {1} .
    target:S1A-Q3 a sel:PeriodTarget ; sel:period "2025-Q3" ; sel:targetValue {2} .
    target:S1A-Q4 a sel:PeriodTarget ; sel:period "2025-Q4" ; sel:targetValue {3} .
"""
CASES += [
    ok(
        "SCORE-WEIGHTS-SUM",
        "sums-to-100",
        insert(
            indicator("P1B", "ss:P1", "unit:KPPN-TJS")
            + "iku:P1A sel:weight 60.0 . iku:P1B sel:weight 40.00 ."
        ),
    ),
    bad(
        "SCORE-WEIGHTS-SUM",
        "sums-to-90",
        insert(
            indicator("P1B", "ss:P1", "unit:KPPN-TJS")
            + "iku:P1A sel:weight 60.0 . iku:P1B sel:weight 30.0 ."
        ),
        "SCORE-WEIGHTS-SUM ss:P1",
    ),
    ok("SCORE-REALISATION-TARGET", "base-has-target-and-realisation"),
    bad(
        "SCORE-REALISATION-TARGET",
        "quarter-without-target",
        insert(
            """
            iku:P1A sel:hasTarget target:P1A-2025-Q2 .
            target:P1A-2025-Q2 a sel:PeriodTarget ; sel:period "2025-Q2" ; sel:realisation 4.5 .
            """
        ),
        "SCORE-REALISATION-TARGET target:P1A-2025-Q2",
    ),
    # S1A averages its quarters (annual 95.0); P1A takes the last (annual 4.38).
    ok(
        "SCORE-ANNUAL-TARGET",
        "average-agrees",
        insert(QUARTERS.format("90.0", "95.0", "95.00", "100.0")),
    ),
    ok(
        "SCORE-ANNUAL-TARGET",
        "sum-agrees",
        replace("iku:S1A", "sel:consolidation", "sel:SumConsolidation")
        + insert(QUARTERS.format("20.00", "25.0", "25.0", "25.0")),
    ),
    bad(
        "SCORE-ANNUAL-TARGET",
        "average-disagrees",
        insert(QUARTERS.format("90.0", "95.0", "95.0", "96.0")),
        "SCORE-ANNUAL-TARGET iku:S1A",
    ),
    bad(
        "SCORE-ANNUAL-TARGET",
        "last-disagrees",
        replace("iku:S1A", "sel:consolidation", "sel:LastValueConsolidation")
        + insert(QUARTERS.format("80.0", "85.0", "90.0", "100.0")),
        "SCORE-ANNUAL-TARGET iku:S1A",
    ),
]


# --- issue #12: no false verdicts on real planners' data, and the rules that were missing --------

FIVE_UNDER_HIGHER = insert(
    """
    unit:STAF-AHLI a sel:Position ; sel:code "SAM-1" ;
        rdfs:label "Staf Ahli Menteri Bidang Penerimaan Negara"@id ;
        sel:level sel:KemenkeuFive ; sel:unitKind sel:StafAhli ; sel:partOf unit:KEMENKEU .
    unit:PENGKAJI a sel:Position ; sel:code "PENGKAJI-1" ;
        rdfs:label "Tenaga Pengkaji Bidang Perbendaharaan"@id ;
        sel:level sel:KemenkeuFive ; sel:unitKind sel:TenagaPengkaji ; sel:partOf unit:DJPB .
    unit:PTPN-TJS a sel:Position ; sel:code "PTPN-TJS-1" ;
        rdfs:label "Pranata Keuangan APBN Ahli Muda 1, KPPN Tanjung Selor"@id ;
        sel:level sel:KemenkeuFive ; sel:unitKind sel:PejabatFungsional ; sel:partOf unit:KPPN-TJS .
    unit:URUSAN-TJS a sel:Unit ; sel:code "URUSAN-TJS" ;
        rdfs:label "Urusan Umum Kantor Tanjung Selor"@id ;
        sel:level sel:KemenkeuFive ; sel:unitKind sel:EselonV ; sel:partOf unit:KANWIL-KALTARA .
    """
)

MINISTER_CONTRACTS = """
    contract:MENTERI-2025 a sel:PerformanceContract ;
        sel:holder unit:KEMENKEU ; sel:year "2025"^^xsd:gYear ;
        sel:contractKind sel:MinisterCommitment ; sel:includes ss:K1 , iku:K1A .
    contract:WAMEN-2025 a sel:PerformanceContract ;
        sel:holder unit:KEMENKEU ; sel:year "2025"^^xsd:gYear ;
        sel:contractKind sel:ViceMinisterContract ; sel:includes ss:K2 , iku:K2A .
"""

DIRECTIONS = """
    direction:KEMENKEU-MISI-1 a sel:Mission ; sel:code "KEMENKEU-MISI-1" ;
        sel:belongsTo unit:KEMENKEU ;
        sel:text "Mewujudkan pengelolaan keuangan negara yang kredibel"@id ;
        sel:realises direction:KEMENKEU-VISI .
    direction:KEMENKEU-TUJUAN-1 a sel:Goal ; sel:code "KEMENKEU-TUJUAN-1" ;
        sel:belongsTo unit:KEMENKEU ;
        sel:text "Kebijakan fiskal yang sehat"@id ; sel:realises direction:KEMENKEU-MISI-1 .
    direction:KEMENKEU-SASARAN-1 a sel:Sasaran ; sel:code "KEMENKEU-SASARAN-1" ;
        sel:belongsTo unit:KEMENKEU ;
        sel:text "Pengelolaan keuangan negara yang optimal pada periode 2020-2024"@id ;
        sel:realises direction:KEMENKEU-TUJUAN-1 .
    ss:K1 sel:formulatedFrom direction:KEMENKEU-SASARAN-1 .
    ss:K2 sel:formulatedFrom direction:KEMENKEU-SASARAN-1 .
"""

#: A second sub-unit of DJPb (an assessor, placed at Five under it) and of the KPPN, so that a
#: lone receiver of their SS or IKU is judged.
SECOND_OFFICE = insert(
    """
    unit:PENGKAJI-DJPB a sel:Position ; sel:code "PENGKAJI-DJPB" ;
        rdfs:label "Tenaga Pengkaji Bidang Perbendaharaan"@id ;
        sel:level sel:KemenkeuFive ; sel:unitKind sel:TenagaPengkaji ; sel:partOf unit:DJPB .
    """
)
SECOND_SECTION = insert(
    """
    unit:SEKSI-PD-TJS a sel:Unit ; sel:code "SEKSI-PD-TJS" ;
        rdfs:label "Seksi Pencairan Dana KPPN Tanjung Selor"@id ;
        sel:level sel:KemenkeuFour ; sel:unitKind sel:Seksi ; sel:partOf unit:KPPN-TJS .
    """
)

CASES += [
    ok(
        "SS-STATEMENT-QUALITATIVE",
        "numbers-that-are-no-amount",
        replace("ss:K1", "sel:statement", '"Tata kelola sesuai KMK 467/KMK.01/2014 yang andal"@id')
        + replace(
            "ss:K2", "sel:statement", '"Mutu layanan bersertifikat ISO 9001:2015 yang terjaga"@id'
        )
        + replace("ss:P1", "sel:statement", '"Layanan KPPN Jakarta 1 yang prima"@id')
        + replace("ss:S1", "sel:statement", '"Layanan KPPN Jakarta 1 yang prima"@id')
        + "".join(
            replace(
                f"ss:{code}",
                "sel:statement",
                '"Layanan Pelabuhan 2 Tahun 2025 yang berkualitas"@id',
            )
            for code in ("D1", "W1", "P2")
        ),
    ),
    bad(
        "SS-STATEMENT-QUALITATIVE",
        "amounts",
        replace("ss:K1", "sel:statement", '"Penerimaan 10% dari target"@id')
        + replace("ss:K2", "sel:statement", '"Kepatuhan meningkat 5 persen"@id')
        + replace("ss:P1", "sel:statement", '"Penerimaan pajak mencapai 1.500 triliun"@id')
        + replace("ss:S1", "sel:statement", '"Penyaluran dana 95 persen tepat waktu"@id'),
        "SS-STATEMENT-QUALITATIVE ss:K1",
        "SS-STATEMENT-QUALITATIVE ss:K2",
        "SS-STATEMENT-QUALITATIVE ss:P1",
        "SS-STATEMENT-QUALITATIVE ss:S1",
        "SS-DIRECT-SAME-STATEMENT ss:S1",
    ),
    ok(
        "SS-STATEMENT-SHORT",
        "abbreviations-with-full-stops",
        replace("ss:K1", "sel:statement", '"Layanan KPPN Kab. Bulungan yang prima"@id')
        + replace("ss:K2", "sel:statement", '"Sinergi Kanwil. DJPb dan Dit. PKN yang efektif"@id')
        + replace("ss:P1", "sel:statement", '"Layanan kantor Jl. Sutoyo No. 01 yang prima"@id')
        + replace("ss:S1", "sel:statement", '"Layanan kantor Jl. Sutoyo No. 01 yang prima"@id'),
    ),
    bad(
        "SS-STATEMENT-SHORT",
        "sentences-after-lower-case-words",
        replace("ss:K1", "sel:statement", '"Layanan yang prima. Kas negara yang optimal"@id')
        + replace(
            "ss:K2", "sel:statement", '"Proses bisnis yang efektif; pegawai yang kompeten"@id'
        ),
        "SS-STATEMENT-SHORT ss:K1",
        "SS-STATEMENT-SHORT ss:K2",
    ),
    ok("UNIT-PARENT-SKIP", "level-five-kinds-anywhere", FIVE_UNDER_HIGHER),
    bad(
        "UNIT-PARENT-SKIP",
        "section-under-kanwil",
        insert(
            """
            unit:SEKSI-KW a sel:Unit ; sel:code "SEKSI-KW" ; rdfs:label "Seksi di Kanwil"@id ;
                sel:level sel:KemenkeuFour ; sel:unitKind sel:Seksi ;
                sel:partOf unit:KANWIL-KALTARA .
            """
        ),
        "UNIT-PARENT-SKIP unit:SEKSI-KW",
    ),
    ok("UNIT-KIND-LEVEL"),
    bad(
        "UNIT-KIND-LEVEL",
        "kanwil-at-three-seksi-at-five",
        replace("unit:KANWIL-KALTARA", "sel:level", "sel:KemenkeuThree")
        + replace("unit:KPPN-TJS", "sel:level", "sel:KemenkeuFour")
        + replace("unit:SEKSI-BANK-TJS", "sel:level", "sel:KemenkeuFive")
        + replace("unit:PELAKSANA-BANK-TJS", "sel:unitKind", "sel:Seksi"),
        "UNIT-KIND-LEVEL unit:KANWIL-KALTARA",
        "UNIT-KIND-LEVEL unit:KPPN-TJS",
        "UNIT-KIND-LEVEL unit:SEKSI-BANK-TJS",
        "UNIT-KIND-LEVEL unit:PELAKSANA-BANK-TJS",
        "UNIT-PARENT-SKIP unit:KANWIL-KALTARA",
        "UNIT-PARENT-HIGHER unit:PELAKSANA-BANK-TJS",
        "MAP-HOLDER unit:KANWIL-KALTARA",
        "MAP-HOLDER unit:KPPN-TJS",
    ),
    ok(
        "SS-MAX-IKU",
        "sub-indicators-not-counted",
        insert(
            indicator("K2B", "ss:K2", "unit:KEMENKEU")
            + indicator("K2C", "ss:K2", "unit:KEMENKEU")
            + indicator("K2D", "ss:K2", "unit:KEMENKEU", extra="; sel:subIndicatorOf iku:K2A")
        ),
    ),
    ok(
        "CONTRACT-MAX-IKU",
        "no-limit-at-kemenkeu-wide",
        insert(
            MINISTER_CONTRACTS
            + "".join(
                indicator(f"K2{n}", "ss:K2", "unit:KEMENKEU", extra="; sel:subIndicatorOf iku:K2A")
                for n in "BCDEFGHIJKL"
            )
            + "contract:MENTERI-2025 sel:includes "
            + " , ".join(f"iku:K2{n}" for n in "BCDEFGHIJKL")
            + " ."
        ),
    ),
    ok("CONTRACT-KIND", "minister-and-vice-minister", insert(MINISTER_CONTRACTS)),
    bad(
        "CONTRACT-KIND",
        "missing-wrong-level-second-commitment",
        insert(MINISTER_CONTRACTS.replace("sel:contractKind sel:ViceMinisterContract ;", ""))
        + insert(
            """
            contract:MENTERI-2025-B a sel:PerformanceContract ;
                sel:holder unit:KEMENKEU ; sel:year "2025"^^xsd:gYear ;
                sel:contractKind sel:MinisterCommitment .
            contract:KPPN-TJS-2025 sel:contractKind sel:ViceMinisterContract .
            """
        ),
        "CONTRACT-KIND contract:WAMEN-2025",
        "CONTRACT-KIND contract:MENTERI-2025",
        "CONTRACT-KIND contract:MENTERI-2025-B",
        "CONTRACT-KIND contract:KPPN-TJS-2025",
    ),
    ok("MAP-REFERS-PARENT"),
    bad(
        "MAP-REFERS-PARENT",
        "kppn-cites-only-the-ministry",
        "DELETE WHERE { ss:P2 ?p ?o } ; DELETE WHERE { iku:P2A ?p ?o } ;",
        "MAP-REFERS-PARENT unit:KPPN-TJS",
    ),
    ok("SS-INDIRECT-MANY"),
    ok(
        "SS-INDIRECT-MANY",
        "partial-dataset-states-the-matrix",
        replace("ss:W1", "sel:cascading", "sel:IndirectCascading")
        + SECOND_OFFICE
        + insert("ss:D1 sel:receiverCount 34 ."),
    ),
    ok(
        "SS-INDIRECT-MANY",
        "one-receiver-where-the-dataset-holds-one-sub-unit",
        replace("ss:W1", "sel:cascading", "sel:IndirectCascading"),
    ),
    bad(
        "SS-INDIRECT-MANY",
        "one-indirect-receiver-among-two-sub-units",
        replace("ss:W1", "sel:cascading", "sel:IndirectCascading") + SECOND_OFFICE,
        "SS-INDIRECT-MANY ss:W1",
    ),
    ok("IKU-PARTIAL-MANY"),
    ok(
        "IKU-PARTIAL-MANY",
        "partial-dataset-states-the-matrix",
        "DELETE WHERE { iku:S1Q ?p ?o } ;"
        + SECOND_SECTION
        + insert("iku:P1A sel:receiverCount 4 ."),
    ),
    bad(
        "IKU-PARTIAL-MANY",
        "one-partial-receiver",
        "DELETE WHERE { iku:S1Q ?p ?o } ;" + SECOND_SECTION,
        "IKU-PARTIAL-MANY iku:S1A",
    ),
    ok(
        "IKU-FULL-SAME",
        "same-name-other-case-same-target-other-form",
        replace("iku:W1A", "rdfs:label", '"indeks  Pengelolaan perbendaharaan"@id'),
    ),
    bad(
        "IKU-FULL-SAME",
        "name-target-polarity-unit",
        replace("iku:W1A", "rdfs:label", '"Indeks pengelolaan kas"@id')
        + replace("target:P2A-2025", "sel:targetValue", "4.2")
        + replace("iku:P2A", "sel:polarity", "sel:Stabilize")
        + insert(
            indicator(
                "P2B",
                "ss:P2",
                "unit:KPPN-TJS",
                extra="; sel:cascadesFrom iku:W1A ; sel:cascading sel:FullCascading",
            )
            .replace('"Indikator P2B"', '"Indeks pengelolaan perbendaharaan"')
            .replace('sel:measureUnit "persen"', 'sel:measureUnit "skala"')
            .replace("100.0", "4.1")
        ),
        "IKU-FULL-SAME iku:W1A",
        "IKU-FULL-SAME iku:P2A",
        "IKU-FULL-SAME iku:P2B",
    ),
    ok("IKU-PARTIAL-DISTRIBUTES"),
    bad(
        "IKU-PARTIAL-DISTRIBUTES",
        "partial-with-name-and-target-of-its-source",
        replace("iku:D1A", "rdfs:label", '"Indeks pengelolaan keuangan negara"@id')
        + replace("target:D1A-2025", "sel:targetValue", "4.00"),
        "IKU-PARTIAL-DISTRIBUTES iku:D1A",
        "IKU-FULL-SAME iku:W1A",
    ),
    ok("IKU-FOLLOWS-SS"),
    bad(
        "IKU-FOLLOWS-SS",
        "measures-an-objective-of-another-chain",
        replace("iku:P2A", "sel:cascadesFrom", "iku:K2A")
        + replace("iku:P2A", "sel:cascading", "sel:PartialCascading"),
        "IKU-FOLLOWS-SS iku:P2A",
    ),
    ok(
        "IKU-CASCADING-TYPE",
        "mandated-non-cascading",
        insert(
            indicator(
                "P1M",
                "ss:P1",
                "unit:KPPN-TJS",
                extra="; sel:cascading sel:NonCascading ; sel:mandatedBy unit:DJPB",
            )
        ),
    ),
    bad(
        "IKU-CASCADING-TYPE",
        "mandated-but-partial-or-by-a-lower-unit",
        insert(
            indicator(
                "P1M",
                "ss:P1",
                "unit:KPPN-TJS",
                extra="; sel:cascading sel:NonCascading ; sel:mandatedBy unit:SEKSI-BANK-TJS",
            )
            + "iku:P1A sel:mandatedBy unit:DJPB ."
        ),
        "IKU-CASCADING-TYPE iku:P1M",
        "IKU-CASCADING-TYPE iku:P1A",
    ),
    ok("DIRECTION-CHAIN", "vision-mission-goal-sasaran-ss", insert(DIRECTIONS)),
    bad(
        "DIRECTION-CHAIN",
        "links-the-wrong-way",
        insert(DIRECTIONS)
        + replace("direction:KEMENKEU-SASARAN-1", "sel:realises", None)
        + replace("direction:KEMENKEU-TUJUAN-1", "sel:realises", "direction:KEMENKEU-SASARAN-1")
        + replace("direction:KEMENKEU-MISI-1", "sel:realises", "direction:KEMENKEU-TUJUAN-1")
        + insert(
            "ss:P1 sel:formulatedFrom direction:KEMENKEU-SASARAN-1 . "
            "ss:S1 sel:formulatedFrom direction:KEMENKEU-VISI ."
        ),
        "DIRECTION-CHAIN direction:KEMENKEU-SASARAN-1",
        "DIRECTION-CHAIN direction:KEMENKEU-TUJUAN-1",
        "DIRECTION-CHAIN direction:KEMENKEU-MISI-1",
        "DIRECTION-CHAIN ss:P1",
        "DIRECTION-CHAIN ss:S1",
    ),
    ok("SS-SASARAN", "ministry-objectives-from-sasaran", insert(DIRECTIONS)),
    bad(
        "SS-SASARAN",
        "own-objective-without-sasaran",
        insert(DIRECTIONS) + replace("ss:K2", "sel:formulatedFrom", None),
        "SS-SASARAN ss:K2",
    ),
]


@pytest.mark.parametrize("engine", ENGINES)
def test_base_cascade_conforms_with_no_result_at_all(engine: Engine) -> None:
    assert outcome("", engine) == frozenset()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule(case: Case, engine: Engine) -> None:
    found = outcome(case.update, engine)
    assert found == case.expected


def test_every_rule_has_a_conforming_and_a_violating_case() -> None:
    conforming = {c.rule for c in CASES if not c.expected}
    violating = {c.rule for c in CASES if any(rule == c.rule for rule, _ in c.expected)}
    assert conforming == CATALOGUE
    assert violating == CATALOGUE
    assert len({c.id for c in CASES}) == len(CASES)


# --- profiles --------------------------------------------------------------------------------

PROFILE_CASE = insert(
    indicator("K2B", "ss:K2", "unit:KEMENKEU") + indicator("K2C", "ss:K2", "unit:KEMENKEU")
) + insert("contract:KPPN-TJS-2025 sel:includes iku:S1A .")


@pytest.mark.parametrize("engine", ENGINES)
def test_another_profile_changes_what_is_flagged(engine: Engine) -> None:
    assert outcome(PROFILE_CASE, engine) == frozenset()
    assert outcome(PROFILE_CASE, engine, str(STRICT_PROFILE)) == results(
        "SS-MAX-IKU ss:K2",
        "SS-STATEMENT-SHORT ss:K1",
        "SS-STATEMENT-QUALITATIVE ss:K1",
        *(
            f"SS-STATEMENT-{rule} ss:{code}"
            for rule in ("SHORT", "QUALITATIVE")
            for code in ("D1", "W1", "P2")
        ),
        "MAP-HOLDER unit:KPPN-TJS",
        "IKU-QUALITY-FORBIDDEN iku:K2A",
        "CONTRACT-MAX-IKU contract:KPPN-TJS-2025",
    )


# --- the shapes themselves -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return shapes_graph()


def _result_shapes(shapes: rdflib.Graph) -> dict[rdflib.term.Node, rdflib.term.Node]:
    """Every shape that can produce a result, mapped to the shape holding its rule metadata."""
    found: dict[rdflib.term.Node, rdflib.term.Node] = {}
    for node_shape in shapes.subjects(RDF.type, SH.NodeShape):
        if shapes.value(node_shape, SH.sparql) is not None:
            found[node_shape] = node_shape
        for prop in shapes.objects(node_shape, SH.property):
            own = shapes.value(prop, SEL.ruleId) is not None
            found[prop] = prop if own else node_shape
    return found


def _rule_ids(shapes: rdflib.Graph) -> list[str]:
    return [str(o) for o in shapes.objects(None, SEL.ruleId)]


def test_rule_ids_are_the_catalogue_and_unique(shapes: rdflib.Graph) -> None:
    ids = _rule_ids(shapes)
    assert len(ids) == len(set(ids))
    assert set(ids) == CATALOGUE


def test_every_shape_with_a_result_documents_its_rule(shapes: rdflib.Graph) -> None:
    problems: list[str] = []
    for shape, holder in sorted(_result_shapes(shapes).items(), key=str):
        name = str(shape)
        if not isinstance(shape, rdflib.URIRef) or not name.startswith(str(SHAPE)):
            problems.append(f"{name}: not an IRI in the shape: namespace")
            continue
        rule_id = shapes.value(holder, SEL.ruleId)
        if rule_id is None:
            problems.append(f"{name}: no sel:ruleId on it or its node shape")
            continue
        local = name[len(str(SHAPE)) :]
        if local != str(rule_id) and not local.startswith(f"{rule_id}-"):
            problems.append(f"{name}: IRI does not follow rule id {rule_id}")
        if not str(shapes.value(holder, SEL.clause) or "").startswith(
            ("KMK 467/KMK.01/2014", "Syarat data Selaras")
        ):
            problems.append(f"{name}: clause does not name KMK 467 or a Selaras data requirement")
        severity = shapes.value(holder, SH.severity)
        if severity not in (SH.Violation, SH.Warning):
            problems.append(f"{name}: no sh:severity")
        if shapes.value(shape, SH.severity) != severity:
            problems.append(f"{name}: severity differs from its rule's")
        languages = {
            m.language for m in shapes.objects(holder, SH.message) if isinstance(m, rdflib.Literal)
        }
        if languages != {"id", "en"}:
            problems.append(f"{name}: messages in {sorted(map(str, languages))}, not id and en")
        comments = [c for c in shapes.objects(shape, RDFS.comment) if isinstance(c, rdflib.Literal)]
        if [c.language for c in comments] != ["en"]:
            problems.append(f"{name}: needs one rdfs:comment in English")
    assert problems == []


def test_sparql_constraints_follow_the_house_rules(shapes: rdflib.Graph) -> None:
    problems: list[str] = []
    for node_shape, constraint in shapes.subject_objects(SH.sparql):
        name = str(node_shape)
        if not isinstance(constraint, rdflib.URIRef):
            problems.append(f"{name}: its sh:sparql constraint has no IRI")
        if shapes.value(constraint, SH.prefixes) != SHAPES_GRAPH_IRI:
            problems.append(f"{name}: sh:prefixes is not {SHAPES_GRAPH_IRI}")
        if len(list(shapes.objects(node_shape, SH.sparql))) != 1:
            problems.append(f"{name}: more than one SPARQL constraint")
        query = str(shapes.value(constraint, SH.select))
        for block in re.findall(r"NOT EXISTS\s*\{([^{}]*)\}", query):
            if re.search(r"\s[.;,]\s", f" {block.strip()} "):
                problems.append(f"{name}: NOT EXISTS over more than one triple pattern")
        if re.search(r"NOT EXISTS\s*\{[^{}]*\{", query):
            problems.append(f"{name}: NOT EXISTS over a nested group")
        if not re.search(r"SELECT \$this\b", query):
            problems.append(f"{name}: does not select $this first")
    declared = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(SHAPES_GRAPH_IRI, SH.declare)
    }
    assert declared["sel"] == str(SEL)
    assert problems == []


def test_every_rule_is_in_the_docs(shapes: rdflib.Graph, root: Path) -> None:
    text = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\|\s*`?([A-Z][A-Z0-9-]+)`?\s*\|\s*([VW])\s*\|", text, flags=re.M))
    missing = sorted(set(_rule_ids(shapes)) - set(rows))
    assert missing == []
    assert set(rows) - set(_rule_ids(shapes)) == set()
    severities = {
        str(rule_id): "V" if shapes.value(shape, SH.severity) == SH.Violation else "W"
        for shape, rule_id in shapes.subject_objects(SEL.ruleId)
    }
    assert rows == severities


CUSTOM_UPT_PROFILE = DATA / "profiles" / "custom-upt.ttl"
UPT_CASE = replace(
    "unit:KPPN-TJS", "sel:unitKind", "<https://w3id.org/selaras/id/kind/BalaiPenilai>"
) + insert(MINISTER_CONTRACTS + "contract:WAMEN-2025 sel:includes iku:K1A .")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_custom_profile_adds_a_upt_kind_and_limits_kemenkeu_wide(engine: Engine) -> None:
    """The UPT list is the profile's (the regulation's list is "seperti"); so is Wide's limit."""
    assert outcome(UPT_CASE, engine, str(CUSTOM_UPT_PROFILE)) == results(
        "CONTRACT-MAX-IKU contract:WAMEN-2025"
    )
    assert outcome(UPT_CASE, engine) == results(
        "UNIT-KIND unit:KPPN-TJS",
        "MAP-HOLDER unit:KPPN-TJS",
    )


#: The false-verdict cases of issue #12 in their realistic forms (conforming) and the real
#: quantitative counter-examples (failing), as a planner would run them.
STRICT_CASES = [
    (case.update, 0 if not case.expected else 1)
    for case in CASES
    if case.id
    in {
        "SS-STATEMENT-QUALITATIVE:numbers-that-are-no-amount",
        "SS-STATEMENT-QUALITATIVE:amounts",
        "SS-STATEMENT-SHORT:abbreviations-with-full-stops",
        "UNIT-PARENT-SKIP:level-five-kinds-anywhere",
        "SS-MAX-IKU:sub-indicators-not-counted",
        "CONTRACT-MAX-IKU:no-limit-at-kemenkeu-wide",
    }
]


@pytest.mark.parametrize(("update", "exit_code"), STRICT_CASES)
def test_strict_validation_of_real_planners_wording(
    update: str, exit_code: int, tmp_path: Path
) -> None:
    store = ox.Store()
    store.bulk_extend(_base_quads())
    store.update(UPDATE_PROLOGUE + update)
    path = tmp_path / "cascade.ttl"
    store.dump(path, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    result = CliRunner().invoke(main, ["validate", "--strict", "-q", str(path)])
    assert result.exit_code == exit_code, result.output
