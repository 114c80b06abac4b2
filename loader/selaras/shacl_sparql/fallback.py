"""Which engine runs which shape: the SPARQL engine where it compiles, pySHACL elsewhere.

With ``engine="auto"`` every shape with a target is first checked by the SPARQL engine; the
ones it cannot compile (with every shape they reach) are run by stock pySHACL, and only those:
the other shapes' targets are taken out of the shapes graph pySHACL gets. :class:`EngineRun`
says which shape ran where and why, so the report and the terminal can say so. With
``engine="sparql"`` the first such shape stops the run with
:class:`~selaras.shacl_sparql.compile.Unsupported`; ``engine="pyshacl"`` runs everything there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

from selaras.errors import ShapeError
from selaras.shacl_sparql.compile import TARGETS, Unsupported, name, parse_path, shape_nodes
from selaras.shacl_sparql.compile import targeted as targeted_shapes
from selaras.shacl_sparql.engine import Engine, run_shapes
from selaras.shacl_sparql.results import OxTerm, RawResult
from selaras.terms import quiet_rdflib, to_ox, to_rdflib

EngineName = Literal["auto", "sparql", "pyshacl"]
Node = rdflib.term.Node


@dataclass(frozen=True)
class Fallback:
    """A shape pySHACL ran, and why the SPARQL engine did not."""

    shape: str
    reason: str


@dataclass(frozen=True)
class EngineRun:
    """Results of one validation, and which engine ran each shape with a target."""

    results: tuple[RawResult, ...]
    #: Shapes with targets the SPARQL engine ran (names as in messages: ``<iri>``).
    fast: tuple[str, ...]
    #: Shapes with targets pySHACL ran because the SPARQL engine does not compile them, and why.
    fallbacks: tuple[Fallback, ...]
    #: ``pyshacl`` when the caller chose pySHACL for everything.
    ran: str = ""

    @property
    def engine(self) -> str:
        """``sparql``, ``pyshacl``, or ``sparql+pyshacl`` when both ran shapes."""
        if self.ran:
            return self.ran
        if self.fallbacks and self.fast:
            return "sparql+pyshacl"
        return "pyshacl" if self.fallbacks else "sparql"


def run_engines(store: ox.Store, shapes: rdflib.Graph, engine: EngineName) -> EngineRun:
    """Validate the default graph of ``store`` with ``engine`` (see the module docstring)."""
    if engine == "pyshacl":  # everything there, by choice: no fallback to report
        results = sorted(set(run_pyshacl(store, shapes)), key=RawResult.sort_key)
        return EngineRun(tuple(results), (), (), ran="pyshacl")
    roots = targeted_shapes(shapes, shape_nodes(shapes))
    fast_engine = Engine(store, shapes)
    fast: list[Node] = []
    slow: list[tuple[Node, str]] = []
    for root in roots:
        try:
            fast_engine.check(root)
        except Unsupported as exc:
            if engine == "sparql":
                raise
            slow.append((root, exc.construct))
        else:
            fast.append(root)
    found = set(run_shapes(fast_engine, fast))
    if slow:
        found.update(run_pyshacl(store, shapes, only=[node for node, _ in slow]))
    return EngineRun(
        results=tuple(sorted(found, key=RawResult.sort_key)),
        fast=tuple(name(n) for n in fast),
        fallbacks=tuple(Fallback(name(n), why) for n, why in slow),
    )


def _without_other_targets(shapes: rdflib.Graph, only: Iterable[Node]) -> rdflib.Graph:
    """A copy of ``shapes`` in which only the shapes ``only`` have targets."""
    keep = set(only)
    copy = rdflib.Graph()
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace)
    copy += shapes
    for root in targeted_shapes(shapes, shape_nodes(shapes)):
        if root in keep:
            continue
        for predicate in TARGETS:
            copy.remove((root, predicate, None))
        for cls in (RDFS.Class, OWL.Class):
            copy.remove((root, RDF.type, cls))
    return copy


def run_pyshacl(
    store: ox.Store, shapes: rdflib.Graph, *, only: Iterable[Node] | None = None
) -> list[RawResult]:
    """Stock pySHACL on the default graph of ``store`` (only the shapes ``only``, if given)."""
    import pyshacl

    graph = shapes if only is None else _without_other_targets(shapes, only)
    # Terms keep their blank node ids and lexical forms, so both engines name them alike.
    data = rdflib.Graph()
    from selaras.shacl_sparql.prepared import prepared_queries  # rdflib's SPARQL: 0.2 s

    with quiet_rdflib(), prepared_queries():
        data.addN(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), data)
            for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        )
        try:
            _conforms, report, _text = pyshacl.validate(
                data, shacl_graph=graph, inference="none", advanced=True, allow_warnings=True
            )
        except Exception as exc:  # pySHACL raises bare exceptions on shapes it cannot run
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ShapeError("(pySHACL)", first) from exc
    if not isinstance(report, rdflib.Graph):  # pySHACL refused a shape: it says why
        raise ShapeError("(pySHACL)", str(report).strip().splitlines()[-1] if report else "")
    raw: list[RawResult] = []
    # sh:result of the report only: results nested under sh:detail are not the report's own
    results = {
        r
        for rep in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(rep, SH.result)
    }
    for result in sorted(results, key=str):
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        messages = tuple(
            to_ox(m)
            for m in report.objects(result, SH.resultMessage)
            if isinstance(m, rdflib.Literal)
        )
        raw.append(
            RawResult(
                focus=_term(report.value(result, SH.focusNode)),
                shape=_term(report.value(result, SH.sourceShape)),
                severity=ox.NamedNode(str(severity)),
                path=parse_path(report, result, path) if path is not None else None,
                value=_term(value) if value is not None else None,
                component=str(report.value(result, SH.sourceConstraintComponent) or ""),
                messages=messages,  # type: ignore[arg-type]
            )
        )
    return raw


def _term(node: Node | None) -> OxTerm:
    assert node is not None
    return to_ox(node)
