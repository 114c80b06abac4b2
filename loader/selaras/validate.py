"""Validate stage: a Dataset checked against SHACL shapes, the KMK 467 ones or any others.

By default the shapes are the built-in KMK 467 ones (``shapes/*.ttl``); the numbers they enforce
come from the regulation profile, which is added to the data graph together with the ontology
for the check, so the shapes can read it. With ``shapes=`` any SHACL shapes files run against
any data, nothing added. Three engine choices (:mod:`selaras.shacl_sparql.fallback`):

* ``auto`` (default): each shape compiled to SPARQL and run once over the whole pyoxigraph store
  (:mod:`selaras.shacl_sparql`); a shape the compiler does not cover runs with pySHACL, and the
  report says which (:attr:`ValidationReport.fallbacks`).
* ``sparql``: the SPARQL engine only; a shape it cannot compile is a ShapeError.
* ``pyshacl``: stock pySHACL on an rdflib graph. The reference the tests compare against.

All return the same :class:`ValidationReport`, a value that renderers only format. Values in
results are the literals as the input wrote them (:mod:`selaras.rdf.written`).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
import rdflib

from selaras import resources
from selaras.memory import paused_gc
from selaras.profile_check import checked_profile_path
from selaras.progress import SILENT, Progress
from selaras.rdf.written import WrittenForms
from selaras.read import Dataset, parse_file
from selaras.rules import Rule, generic_messages, generic_rule, rules
from selaras.shacl_sparql.engine import THREADS
from selaras.shacl_sparql.fallback import EngineRun, Fallback, run_engines
from selaras.shacl_sparql.fallback import run_pyshacl as _run_pyshacl
from selaras.shacl_sparql.results import RawResult
from selaras.terms import quiet_rdflib, to_rdflib

Engine = Literal["auto", "sparql", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("auto", "sparql", "pyshacl")
Severity = str
SEVERITY_ORDER: dict[str, int] = {"Violation": 0, "Warning": 1, "Info": 2}

__all__ = [
    "ENGINES",
    "EngineRun",
    "Fallback",
    "RawResult",
    "Rule",
    "ValidationReport",
    "rules",
    "validate",
]


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
    #: The result as terms (focus, shape, severity IRI, path structure, value as written), for
    #: the sh:ValidationReport writers.
    raw: RawResult | None = field(default=None, compare=False)

    def message(self, lang: str) -> str:
        return self.message_id if lang == "id" else self.message_en

    def sort_key(self) -> tuple[int, str, str, str, str]:
        order = SEVERITY_ORDER.get(self.severity, len(SEVERITY_ORDER))
        return (order, self.rule_id, self.focus, self.path, self.value)


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
    #: Shapes with targets that pySHACL ran because the SPARQL engine does not compile them.
    fallbacks: tuple[Fallback, ...] = ()
    #: The shapes files given with ``shapes=`` (empty: the built-in KMK 467 shapes).
    shapes: tuple[str, ...] = ()
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
        # sh:Info and any severity of the shapes' own: reported, never failing
        object.__setattr__(
            self, "infos", len(self.results) - counts["Violation"] - counts["Warning"]
        )
        object.__setattr__(self, "conforms", counts["Violation"] == 0)
        object.__setattr__(self, "by_rule", _summarise_rules(self.results, self.rules))
        object.__setattr__(self, "by_unit", _summarise_units(self.results))

    @property
    def shacl_conforms(self) -> bool:
        """SHACL's ``sh:conforms``: no result at all, of any severity."""
        return not self.results

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


def shapes_graph(paths: Sequence[Path | str] = ()) -> rdflib.Graph:
    """The shapes as one rdflib graph: the files ``paths``, or the built-in KMK 467 shapes.

    Files are parsed by pyoxigraph (InputError naming file, line and column on bad syntax).
    """
    graph = rdflib.Graph()
    if not paths:
        for shape_file in resources.shape_paths():
            graph.parse(shape_file, format="turtle")
        return graph
    for path in paths:
        with quiet_rdflib():
            graph.addN(
                (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph)
                for t in parse_file(Path(path))
            )
        _bind_prefixes(graph, Path(path))
    return graph


def _bind_prefixes(graph: rdflib.Graph, path: Path) -> None:
    """The file's own @prefix lines, so that messages name IRIs the way its author does."""
    if path.suffix.lower() != ".ttl":
        return
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for prefix, namespace in _PREFIX_LINE.findall(text):
        graph.bind(prefix, namespace, override=False)


_PREFIX_LINE = re.compile(r"^\s*@?prefix\s+([\w-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


def validate(
    dataset: Dataset,
    *,
    profile: str = resources.DEFAULT_PROFILE,
    engine: Engine = "auto",
    shapes: Sequence[Path | str] = (),
    progress: Progress = SILENT,
) -> ValidationReport:
    """Check ``dataset`` against the KMK 467 shapes under regulation profile ``profile``, or,
    with ``shapes``, against those SHACL files (no profile, no ontology added).

    Result values are the dataset's literals as parsed (the store keeps some in canonical
    form; :class:`~selaras.rdf.written.WrittenForms` maps them back).

    Raises :class:`~selaras.errors.UnknownNameError` for an unknown profile or engine,
    :class:`~selaras.errors.InputError` for a shapes file that does not parse,
    :class:`~selaras.errors.ShapeError` for a malformed shape (or, with ``engine="sparql"``, one
    the SPARQL engine does not compile).
    """
    from selaras.errors import UnknownNameError

    if engine not in ENGINES:
        raise UnknownNameError("engine", engine, ENGINES)
    graph = shapes_graph(shapes)
    if shapes:
        extra: list[ox.Triple] = []
        rule_index = rules(graph, strict=False)
    else:
        profile_file = checked_profile_path(profile)
        extra = [*resources.ontology_triples(), *parse_file(Path(profile_file))]
        rule_index = rules(graph)
    triples = len(dataset)
    with (
        progress.task(f"Validating ({engine})", total=None),
        _added(dataset.store, extra),
        paused_gc(),  # the rows and results hold no cycles: see paused_gc
    ):
        run = run_engines(dataset.store, graph, engine)
        results = _with_context(dataset.store, run.results, rule_index, graph, dataset.written)
    return ValidationReport(
        results=tuple(sorted(results, key=ValidationResult.sort_key)),
        profile=profile if not shapes else "",
        engine=run.engine,
        sources=tuple(str(s) for s in dataset.sources),
        triples=triples,
        rules=tuple(
            sorted({r.rule_id: r for r in rule_index.values()}.values(), key=lambda r: r.rule_id)
        ),
        created=timestamp(),
        fallbacks=run.fallbacks,
        shapes=tuple(str(p) for p in shapes),
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
    """Stock pySHACL's results (the reference engine)."""
    return _run_pyshacl(store, shapes)


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
    store: ox.Store,
    raw: Iterable[RawResult],
    rule_index: dict[str, Rule],
    shapes: rdflib.Graph,
    written: WrittenForms,
) -> list[ValidationResult]:
    """Results with the code, label, type, unit and level of their focus node, rule and
    messages, and the value as written.

    ``store`` holds the data and the ontology (for rdfs:subClassOf).
    """
    raw = [_as_written(r, written) for r in raw]
    focus_nodes = sorted({str(r.focus) for r in raw if not isinstance(r.focus, ox.BlankNode)})
    chunks = [focus_nodes[start : start + 500] for start in range(0, len(focus_nodes), 500)]
    context: dict[str, dict[str, str]] = {}
    # pyoxigraph runs a query without holding the GIL: the chunks' queries share the cores
    # (each node is in one chunk, so the entries do not depend on the order they finish in)
    with ThreadPoolExecutor(max(1, min(THREADS, len(chunks)))) as pool:
        for part in pool.map(lambda chunk: _context(store, chunk), chunks):
            context.update(part)
    out: list[ValidationResult] = []
    generic: dict[object, Rule] = {}  # rules of shapes without sel:ruleId, made once each
    for r in raw:
        rule = rule_index.get(str(r.shape))
        message_id = message_en = ""
        if rule is None:
            if r.shape not in generic:
                generic[r.shape] = generic_rule(shapes, r)
            rule = generic[r.shape]
            message_id, message_en = generic_messages(shapes, r)
        ctx = context.get(str(r.focus), {})
        out.append(
            ValidationResult(
                rule_id=rule.rule_id,
                severity=r.severity_name,
                clause=rule.clause,
                focus=r.focus.value if isinstance(r.focus, ox.NamedNode) else str(r.focus),
                focus_code=ctx.get("code", ""),
                focus_label=ctx.get("label", ""),
                focus_type=ctx.get("type", ""),
                unit_code=ctx.get("unitCode", ""),
                unit_label=ctx.get("unitLabel", ""),
                level=ctx.get("level", ""),
                path=r.path.sparql() if r.path else "",
                value=str(r.value) if r.value is not None else "",
                message_id=message_id or rule.message_id,
                message_en=message_en or rule.message_en,
                shape=str(r.shape),
                raw=r,
            )
        )
    return out


def _context(store: ox.Store, nodes: list[str]) -> dict[str, dict[str, str]]:
    """The type, code, label, unit and level of each of ``nodes`` (N-Triples IRIs) that has
    any: the first value found of each."""
    context: dict[str, dict[str, str]] = {}
    solutions = store.query(_CONTEXT_QUERY % " ".join(nodes))
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
    return context


def _as_written(r: RawResult, written: WrittenForms) -> RawResult:
    """``r`` with its focus node and value as the input wrote them."""
    if not isinstance(r.value, ox.Literal) and not isinstance(r.focus, ox.Literal):
        return r
    predicate = r.path.predicate if r.path is not None else None
    focus = written.restore(r.focus, None, r.focus)
    value = r.value
    if value is not None:
        value = (
            focus
            if r.path is None and value == r.focus
            else written.restore(r.focus, predicate, value)
        )
    return dataclasses.replace(r, focus=focus, value=value)
