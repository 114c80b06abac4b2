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

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from selaras import resources
from selaras.namespace import SEL
from selaras.progress import SILENT, Progress
from selaras.read import Dataset, parse_file

Engine = Literal["sparql", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("sparql", "pyshacl")
Severity = Literal["Violation", "Warning", "Info"]
SEVERITY_ORDER: dict[str, int] = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True, order=True)
class RawResult:
    """One SHACL result as an engine found it, before context is added (terms in N-Triples)."""

    focus: str
    shape: str
    severity: str
    path: str | None
    value: str | None


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

    def message(self, lang: str) -> str:
        return self.message_id if lang == "id" else self.message_en

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (SEVERITY_ORDER[self.severity], self.rule_id, self.focus, self.path, self.value)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of one validation: results in a deterministic order, and what was checked."""

    results: tuple[ValidationResult, ...]
    profile: str
    engine: str
    sources: tuple[str, ...]
    triples: int
    rules: tuple[Rule, ...] = field(default=())

    @property
    def conforms(self) -> bool:
        """True when no result has severity Violation (warnings alone conform)."""
        return not any(r.severity == "Violation" for r in self.results)

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when it conforms, 1 when violations (or, with ``strict``, warnings) were found."""
        if not self.conforms:
            return 1
        if strict and self.count("Warning"):
            return 1
        return 0


@cache
def _ontology_triples() -> tuple[ox.Triple, ...]:
    triples: list[ox.Triple] = []
    for path in resources.ontology_paths():
        triples.extend(parse_file(path))
    return tuple(triples)


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

    work = ox.Store()
    work.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in dataset.triples())
    work.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in _ontology_triples())
    work.bulk_extend(
        ox.Quad(t.subject, t.predicate, t.object) for t in parse_file(Path(profile_file))
    )

    with progress.task(f"Validating ({engine})", total=None):
        if engine == "pyshacl":
            raw = _run_pyshacl(work, shapes)
        else:
            from selaras.shacl_sparql import validate_store

            raw = validate_store(work, shapes)

    results = _with_context(dataset, sorted(set(raw)), rule_index)
    return ValidationReport(
        results=tuple(sorted(results, key=ValidationResult.sort_key)),
        profile=profile,
        engine=engine,
        sources=tuple(str(s) for s in dataset.sources),
        triples=len(dataset),
        rules=tuple(
            sorted({r.rule_id: r for r in rule_index.values()}.values(), key=lambda r: r.rule_id)
        ),
    )


def _run_pyshacl(store: ox.Store, shapes: rdflib.Graph) -> list[RawResult]:
    import pyshacl

    data = rdflib.Graph()
    data.parse(
        data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt"
    )
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    assert isinstance(report, rdflib.Graph)
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
    return node.n3()


def _path_text(graph: rdflib.Graph, path: rdflib.term.Node) -> str:
    """SHACL path as SPARQL property-path text: <p>, ^<p>, <p>/<q>."""
    if isinstance(path, rdflib.URIRef):
        return path.n3()
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
    dataset: Dataset, raw: Iterable[RawResult], rule_index: dict[str, Rule]
) -> list[ValidationResult]:
    raw = list(raw)
    context: dict[str, dict[str, str]] = {}
    focus_nodes = sorted({r.focus for r in raw if not r.focus.startswith("_:")})
    store = dataset.store
    if focus_nodes:
        # Ontology triples are needed for rdfs:subClassOf; they are tiny.
        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in dataset.triples())
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in _ontology_triples())
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
            )
        )
    return out
