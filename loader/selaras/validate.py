"""Validate stage: a Dataset checked against the KMK 467 shapes and a regulation profile.

The shapes (``shapes/*.ttl``) are SHACL; the numbers they enforce come from the profile, which
is added to the data graph together with the ontology before validation, so the shapes can
read it. Two engines run the same shapes:

* ``sparql`` (default): each shape compiled to SPARQL and run once over the whole pyoxigraph
  store (:mod:`selaras.shacl_sparql`). Fast enough for the whole ministry.
* ``pyshacl``: stock pySHACL on an rdflib graph. The reference the tests compare against.

Both return the same :class:`ValidationReport`, a value that renderers only format.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from selaras import resources
from selaras.namespace import SEL
from selaras.progress import SILENT, Progress
from selaras.read import Dataset, parse_file
from selaras.terms import nt, quiet_rdflib, to_rdflib

Engine = Literal["sparql", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("sparql", "pyshacl")
Severity = Literal["Violation", "Warning", "Info"]
SEVERITY_ORDER: dict[str, int] = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class RawResult:
    """One SHACL result as an engine found it, before context is added (terms in N-Triples)."""

    focus: str
    shape: str
    severity: str
    path: str | None
    value: str | None

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.shape, self.focus, self.severity, self.path or "", self.value or "")


@dataclass(frozen=True)
class Rule:
    """What a shape says about itself: its stable id, clause and messages."""

    rule_id: str
    severity: Severity
    clause: str
    message_id: str
    message_en: str
    description: str


@dataclass(frozen=True)
class ValidationResult:
    """One result with the context an auditor needs to find the node."""

    rule_id: str
    severity: Severity
    clause: str
    focus: str
    focus_code: str
    focus_label: str
    focus_type: str
    unit_code: str
    unit_label: str
    level: str
    path: str
    value: str
    message_id: str
    message_en: str
    #: The sh:sourceShape (N-Triples), for the sh:ValidationReport renderers.
    shape: str = ""

    def message(self, lang: str) -> str:
        return self.message_id if lang == "id" else self.message_en

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (SEVERITY_ORDER[self.severity], self.rule_id, self.focus, self.path, self.value)


@dataclass(frozen=True)
class RuleSummary:
    """How many results one rule produced (zero for a rule that held)."""

    rule_id: str
    severity: Severity
    clause: str
    count: int
    message_id: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_id if lang == "id" else self.message_en


@dataclass(frozen=True)
class UnitSummary:
    """Results per unit (the unit a result's node belongs to; empty code: no unit known)."""

    unit_code: str
    unit_label: str
    level: str
    violations: int
    warnings: int
    infos: int


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of one validation: results in a deterministic order, and what was checked.

    The counts and summaries are derived once, when the report is made, so that renderers
    only format values.
    """

    results: tuple[ValidationResult, ...]
    profile: str
    engine: str
    sources: tuple[str, ...]
    triples: int
    rules: tuple[Rule, ...] = field(default=())
    #: When the validation ran: ISO 8601, UTC (``SOURCE_DATE_EPOCH`` fixes it).
    created: str = ""
    violations: int = field(init=False)
    warnings: int = field(init=False)
    infos: int = field(init=False)
    #: True when no result has severity Violation (warnings alone conform).
    conforms: bool = field(init=False)
    #: Every checked rule with its count: failing rules first, then by severity and rule id.
    by_rule: tuple[RuleSummary, ...] = field(init=False)
    #: Units with results: most violations first, then most warnings, then unit code.
    by_unit: tuple[UnitSummary, ...] = field(init=False)

    def __post_init__(self) -> None:
        counts = {s: sum(1 for r in self.results if r.severity == s) for s in SEVERITY_ORDER}
        object.__setattr__(self, "violations", counts["Violation"])
        object.__setattr__(self, "warnings", counts["Warning"])
        object.__setattr__(self, "infos", counts["Info"])
        object.__setattr__(self, "conforms", counts["Violation"] == 0)
        object.__setattr__(self, "by_rule", _summarise_rules(self.results, self.rules))
        object.__setattr__(self, "by_unit", _summarise_units(self.results))

    def count(self, severity: Severity) -> int:
        return {"Violation": self.violations, "Warning": self.warnings, "Info": self.infos}[
            severity
        ]

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when it conforms, 1 when violations (or, with ``strict``, warnings) were found."""
        if not self.conforms:
            return 1
        if strict and self.warnings:
            return 1
        return 0


def _summarise_rules(
    results: Iterable[ValidationResult], rules: Iterable[Rule]
) -> tuple[RuleSummary, ...]:
    counts: dict[str, int] = {}
    seen: dict[str, ValidationResult] = {}
    for r in results:
        counts[r.rule_id] = counts.get(r.rule_id, 0) + 1
        seen.setdefault(r.rule_id, r)
    summary = {
        rule.rule_id: RuleSummary(
            rule.rule_id,
            rule.severity,
            rule.clause,
            counts.get(rule.rule_id, 0),
            rule.message_id,
            rule.message_en,
        )
        for rule in rules
    }
    for rule_id, r in seen.items():
        if rule_id not in summary:
            summary[rule_id] = RuleSummary(
                rule_id, r.severity, r.clause, counts[rule_id], r.message_id, r.message_en
            )
    return tuple(
        sorted(
            summary.values(),
            key=lambda s: (s.count == 0, SEVERITY_ORDER.get(s.severity, 9), s.rule_id),
        )
    )


def _summarise_units(results: Iterable[ValidationResult]) -> tuple[UnitSummary, ...]:
    found: dict[str, list[ValidationResult]] = {}
    for r in results:
        found.setdefault(r.unit_code, []).append(r)
    units = []
    for code, group in found.items():
        first = group[0]
        units.append(
            UnitSummary(
                unit_code=code,
                unit_label=first.unit_label,
                level=first.level,
                violations=sum(1 for r in group if r.severity == "Violation"),
                warnings=sum(1 for r in group if r.severity == "Warning"),
                infos=sum(1 for r in group if r.severity == "Info"),
            )
        )
    return tuple(sorted(units, key=lambda u: (-u.violations, -u.warnings, -u.infos, u.unit_code)))


def timestamp() -> str:
    """Now in UTC as ISO 8601, or ``SOURCE_DATE_EPOCH`` when set (reproducible reports)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.fromtimestamp(int(epoch), tz=UTC)
        if epoch and epoch.isdigit()
        else datetime.now(tz=UTC)
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def shapes_graph() -> rdflib.Graph:
    """All shape files as one rdflib graph."""
    graph = rdflib.Graph()
    for path in resources.shape_paths():
        graph.parse(path, format="turtle")
    return graph


def rules(shapes: rdflib.Graph) -> dict[str, Rule]:
    """Rule metadata keyed by the N-Triples form of every shape that can produce a result.

    A property shape without its own ``sel:ruleId`` inherits the one of the node shape that
    holds it.
    """
    found: dict[str, Rule] = {}

    def describe(shape: rdflib.term.Node, inherit: Rule | None) -> Rule | None:
        rule_id = shapes.value(shape, SEL.ruleId)
        if rule_id is None:
            return inherit
        severity = shapes.value(shape, SH.severity) or SH.Violation
        messages = {
            m.language: str(m)
            for m in shapes.objects(shape, SH.message)
            if isinstance(m, rdflib.Literal)
        }
        return Rule(
            rule_id=str(rule_id),
            severity=str(severity).rsplit("#", 1)[-1],  # type: ignore[arg-type]
            clause=str(shapes.value(shape, SEL.clause) or ""),
            message_id=messages.get("id", messages.get("en", "")),
            message_en=messages.get("en", messages.get("id", "")),
            description=str(shapes.value(shape, rdflib.RDFS.comment) or ""),
        )

    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    for node_shape in sorted(node_shapes, key=str):
        rule = describe(node_shape, None)
        if rule is not None:
            found[node_shape.n3()] = rule
        for prop in shapes.objects(node_shape, SH.property):
            prop_rule = describe(prop, rule)
            if prop_rule is not None:
                found[_shape_key(shapes, prop)] = prop_rule
        for constraint in shapes.objects(node_shape, SH.sparql):
            if rule is not None:
                found[_shape_key(shapes, constraint)] = rule
    return found


def _shape_key(shapes: rdflib.Graph, node: rdflib.term.Node) -> str:
    """A stable key for a shape; blank property shapes are keyed by their path and parent."""
    if isinstance(node, rdflib.BNode):
        raise ValueError(
            "every property shape and SPARQL constraint in shapes/ must have an IRI "
            f"(found a blank node with {sorted(str(p) for p in shapes.predicates(node))})"
        )
    return node.n3()


def validate(
    dataset: Dataset,
    *,
    profile: str = resources.DEFAULT_PROFILE,
    engine: Engine = "sparql",
    progress: Progress = SILENT,
) -> ValidationReport:
    """Check ``dataset`` against the shapes under regulation profile ``profile``.

    Raises :class:`~selaras.errors.UnknownNameError` for an unknown profile or engine.
    """
    from selaras.errors import UnknownNameError

    if engine not in ENGINES:
        raise UnknownNameError("engine", engine, ENGINES)
    profile_file = resources.profile_path(profile)
    shapes = shapes_graph()
    rule_index = rules(shapes)

    triples = len(dataset)
    extra = [*resources.ontology_triples(), *parse_file(Path(profile_file))]
    with progress.task(f"Validating ({engine})", total=None), _added(dataset.store, extra):
        if engine == "pyshacl":
            raw = run_pyshacl(dataset.store, shapes)
        else:
            from selaras.shacl_sparql import validate_store

            raw = validate_store(dataset.store, shapes)
        results = _with_context(dataset.store, sorted(set(raw), key=RawResult.sort_key), rule_index)
    return ValidationReport(
        results=tuple(sorted(results, key=ValidationResult.sort_key)),
        profile=profile,
        engine=engine,
        sources=tuple(str(s) for s in dataset.sources),
        triples=triples,
        rules=tuple(
            sorted({r.rule_id: r for r in rule_index.values()}.values(), key=lambda r: r.rule_id)
        ),
        created=timestamp(),
    )


@contextmanager
def _added(store: ox.Store, triples: Iterable[ox.Triple]) -> Iterator[None]:
    """Add ``triples`` (the ontology and profile) to the default graph for a while.

    The shapes read them from the data graph. Adding them in place and taking them out again
    avoids copying the dataset (about 3 s per million triples); triples the dataset already
    holds are left alone, so afterwards it is exactly as it was.
    """
    added = []
    for t in triples:
        quad = ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        if quad not in store:
            added.append(quad)
    store.bulk_extend(added)
    try:
        yield
    finally:
        for quad in added:
            store.remove(quad)


def run_pyshacl(store: ox.Store, shapes: rdflib.Graph) -> list[RawResult]:
    import pyshacl

    # Terms keep their blank node ids and lexical forms, so both engines name them alike.
    data = rdflib.Graph()
    with quiet_rdflib():
        data.addN(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), data)
            for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        )
        _conforms, report, _text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
        )
    if not isinstance(report, rdflib.Graph):  # pySHACL refused a shape: it says why
        from selaras.errors import ShapeError

        raise ShapeError("(pySHACL)", str(report).strip().splitlines()[-1] if report else "")
    raw: list[RawResult] = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        raw.append(
            RawResult(
                focus=_n3(report.value(result, SH.focusNode)),
                shape=_n3(report.value(result, SH.sourceShape)),
                severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                path=_path_text(report, path) if path is not None else None,
                value=_n3(value) if value is not None else None,
            )
        )
    return raw


def _n3(node: rdflib.term.Node | None) -> str:
    assert node is not None
    return nt(node)


def _path_text(graph: rdflib.Graph, path: rdflib.term.Node) -> str:
    """SHACL path as SPARQL property-path text: <p>, ^<p>, <p>/<q>."""
    if isinstance(path, rdflib.URIRef):
        return nt(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse)
    if graph.value(path, RDF.first) is not None:
        items = list(rdflib.collection.Collection(graph, path))
        return "/".join(_path_text(graph, item) for item in items)
    return path.n3()


_CONTEXT_QUERY = """
PREFIX sel: <https://w3id.org/selaras/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?node ?type ?code ?label ?unitCode ?unitLabel ?level WHERE {
  VALUES ?node { %s }
  OPTIONAL { ?node a ?type }
  OPTIONAL { ?node sel:code ?code }
  OPTIONAL { ?node sel:statement|rdfs:label|sel:text ?label }
  OPTIONAL {
    { ?node sel:belongsTo|sel:holder|sel:mapOf ?unit }
    UNION { ?node a/rdfs:subClassOf* sel:Unit . BIND(?node AS ?unit) }
    UNION { ?owner sel:hasTarget ?node . ?owner sel:belongsTo ?unit }
    OPTIONAL { ?unit sel:code ?unitCode }
    OPTIONAL { ?unit rdfs:label ?unitLabel }
    OPTIONAL { ?unit sel:level/<http://www.w3.org/2004/02/skos/core#notation> ?level }
  }
}
"""


def _with_context(
    store: ox.Store, raw: Iterable[RawResult], rule_index: dict[str, Rule]
) -> list[ValidationResult]:
    """Results with the code, label, type, unit and level of their focus node.

    ``store`` holds the data and the ontology (for rdfs:subClassOf).
    """
    raw = list(raw)
    context: dict[str, dict[str, str]] = {}
    focus_nodes = sorted({r.focus for r in raw if not r.focus.startswith("_:")})
    for start in range(0, len(focus_nodes), 500):
        chunk = focus_nodes[start : start + 500]
        solutions = store.query(_CONTEXT_QUERY % " ".join(chunk))
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            node = str(row["node"])
            entry = context.setdefault(node, {})
            for key in ("type", "code", "label", "unitCode", "unitLabel", "level"):
                term = row[key]
                if term is not None and key not in entry:
                    value = term.value
                    if key == "type":
                        value = value.rsplit("#", 1)[-1]
                        if not str(term).startswith("<https://w3id.org/selaras/ontology#"):
                            continue
                    entry[key] = value
    out: list[ValidationResult] = []
    for r in raw:
        rule = rule_index.get(r.shape)
        if rule is None:
            raise ValueError(f"shape {r.shape} produced a result but has no sel:ruleId")
        ctx = context.get(r.focus, {})
        out.append(
            ValidationResult(
                rule_id=rule.rule_id,
                severity=r.severity,  # type: ignore[arg-type]
                clause=rule.clause,
                focus=r.focus[1:-1] if r.focus.startswith("<") else r.focus,
                focus_code=ctx.get("code", ""),
                focus_label=ctx.get("label", ""),
                focus_type=ctx.get("type", ""),
                unit_code=ctx.get("unitCode", ""),
                unit_label=ctx.get("unitLabel", ""),
                level=ctx.get("level", ""),
                path=r.path or "",
                value=r.value or "",
                message_id=rule.message_id,
                message_en=rule.message_en,
                shape=r.shape,
            )
        )
    return out
