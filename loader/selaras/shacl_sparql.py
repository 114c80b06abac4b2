"""SHACL on pyoxigraph: every constraint of every shape as SPARQL run once over all focus nodes.

pySHACL checks one focus node at a time in Python; at ministry scale that takes minutes. Here
each constraint becomes one SELECT over *all* focus nodes of its shape, evaluated by
pyoxigraph, and only the failing (focus, value) pairs come back to Python. The results are the
ones stock pySHACL reports (same focus nodes, source shapes, severities, paths and values);
``tests/test_engine_equality.py`` holds the two engines to that.

How a shape is compiled:

* **Focus nodes**: the union of its targets (``sh:targetClass`` through ``rdfs:subClassOf*`` in
  the data graph, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``) and, for a property shape,
  those of every active node shape holding it by ``sh:property``. Each target is one SELECT
  whose answer is kept as a set (shared by all shapes with that target).
* **Value nodes**: ``?this PATH ?v`` for a property shape (an IRI, ``sh:inversePath`` of an
  IRI, or a sequence of those), ``?this`` itself for a node shape; distinct, as SHACL's are a set.
* **Core components** are one SELECT each over every node that has the path, not joined with
  the focus nodes (pyoxigraph joins cost about 5 microseconds a row; the set test is cheaper):
  ``sh:class``, ``sh:in``, ``sh:nodeKind``, ``sh:minLength``, ``sh:maxLength`` return the
  failing (node, value) pairs; ``sh:maxCount`` groups by node; ``sh:minCount`` and
  ``sh:hasValue`` return the nodes that pass, and the failing focus nodes are the rest (no
  value, like pySHACL). Pairs are then kept when the node is a focus node of the shape.
* Where pySHACL's answer is defined by rdflib and Python rather than by SPARQL (ill-typed
  literals for ``sh:datatype``, Python regular expressions for ``sh:pattern``, rdflib's literal
  order for ``sh:minInclusive``/``sh:maxInclusive``), the query returns the distinct candidate
  values, Python checks each once the same way, and one more query finds the nodes holding the
  failing ones.
* **sh:sparql**: ``$this`` becomes the variable ``?this``; the shape's focus nodes (a pattern or
  a ``SELECT DISTINCT ?this`` sub-select) are joined into the query's top-level group, so each
  solution is one of a focus node's, as with pre-binding wherever the query binds ``$this``
  itself (the house rule of ``shapes/``); prefixes come from ``sh:prefixes``/``sh:declare``;
  the query runs once for all focus nodes.

Anything else (``sh:node``, ``sh:or``, ``sh:targetNode``, other paths, ...) raises
:class:`~selaras.errors.ShapeError` naming the shape, rather than being skipped silently.
"""

from __future__ import annotations

import datetime
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import XSDToPython

from selaras.errors import ShapeError
from selaras.terms import OxTerm, nt, quiet_rdflib, to_rdflib
from selaras.validate import RawResult

Node = rdflib.term.Node
_log = logging.getLogger(__name__)


def _sh_terms(names: str) -> frozenset[rdflib.URIRef]:
    return frozenset(SH[name] for name in names.split())


#: Parameters that make a node a shape (pySHACL's rule: "subject of a parameter").
_PARAMETERS = _sh_terms(
    "targetClass targetNode targetObjectsOf targetSubjectsOf target property path node "
    "minCount maxCount class datatype in hasValue nodeKind pattern minLength maxLength "
    "minInclusive maxInclusive minExclusive maxExclusive sparql and or not xone closed "
    "equals disjoint lessThan lessThanOrEquals qualifiedValueShape languageIn uniqueLang "
    "expression rule js"
)
#: SHACL predicates this engine runs.
_SUPPORTED = _sh_terms(
    "targetClass targetObjectsOf targetSubjectsOf property path minCount maxCount class "
    "datatype in hasValue nodeKind pattern flags minLength maxLength minInclusive "
    "maxInclusive sparql deactivated severity"
)
#: SHACL predicates with no effect on validation results.
_INERT = _sh_terms("message name description order group defaultValue")
_SHAPE_TYPES = frozenset({SH.NodeShape, SH.PropertyShape})
_VALUES_CHUNK = 500

_RDF_TYPE = f"<{RDF.type}>"


@dataclass(frozen=True)
class _Shape:
    """A compiled shape: its key, severity, focus nodes and value-node path."""

    node: Node
    key: str
    severity: str
    focus: str  # group pattern binding ?this to each focus node (for sh:sparql, node shapes)
    focus_nodes: frozenset[str]  # the same nodes, N-Triples
    path: str | None  # SPARQL path text, None for a node shape
    result_path: str | None  # the path as RawResult text (validate._path_text form)
    simple_path: bool  # an IRI or ^IRI: each (node, value) pair occurs once

    def result(self, focus: str, value: str | None, path: str | None = None) -> RawResult:
        return RawResult(
            focus=focus,
            shape=self.key,
            severity=self.severity,
            path=path if path is not None else self.result_path,
            value=value,
        )


def validate_store(store: ox.Store, shapes: rdflib.Graph) -> list[RawResult]:
    """Validate the default graph of ``store`` against ``shapes``; results sorted, no duplicates.

    Raises :class:`~selaras.errors.ShapeError` for a shape that uses an unsupported SHACL
    feature or is malformed.
    """
    return sorted(set(_Engine(store, shapes).run()), key=RawResult.sort_key)


class _Engine:
    def __init__(self, store: ox.Store, shapes: rdflib.Graph) -> None:
        self.store = store
        self.g = shapes
        self._subclasses: dict[str, tuple[str, ...]] = {}
        self._targets: dict[str, frozenset[str]] = {}
        self._answers: dict[str, list[ox.QuerySolution]] = {}

    # -- shapes -------------------------------------------------------------------------

    def shape_nodes(self) -> list[Node]:
        nodes: set[Node] = set()
        for shape_type in _SHAPE_TYPES:
            nodes.update(self.g.subjects(RDF.type, shape_type))
        for parameter in _PARAMETERS:
            nodes.update(self.g.subjects(parameter, None))
        nodes.update(self.g.objects(None, SH.property))
        return sorted(nodes, key=lambda n: (isinstance(n, rdflib.BNode), str(n)))

    def run(self) -> Iterator[RawResult]:
        for node in self.shape_nodes():
            self.check_supported(node)
        for node in self.shape_nodes():
            if self.deactivated(node):
                continue
            focus_parts = self.focus_parts(node)
            if not focus_parts:
                continue
            shape = self.compile_shape(node, focus_parts)
            yield from self.run_shape(shape)

    def name(self, node: Node) -> str:
        return node.n3() if isinstance(node, rdflib.URIRef) else f"[blank node {node}]"

    def fail(self, node: Node, message: str) -> ShapeError:
        return ShapeError(self.name(node), message)

    def check_supported(self, node: Node) -> None:
        for predicate in set(self.g.predicates(node, None)):
            if not str(predicate).startswith(str(SH)):
                continue
            if predicate not in _SUPPORTED and predicate not in _INERT:
                raise self.fail(
                    node,
                    f"uses {predicate.n3(self.g.namespace_manager)}, which the SPARQL engine "
                    "does not support (supported: "
                    + ", ".join(sorted(p.n3(self.g.namespace_manager) for p in _SUPPORTED))
                    + ")",
                )
        class_types = {RDFS.Class, *self.g.subjects(RDFS.subClassOf, RDFS.Class)}
        if any(t in class_types for t in self.g.objects(node, RDF.type)):
            raise self.fail(node, "is also a class (implicit class target), not supported")
        for parent in self.g.subjects(SH.property, node):
            if self.g.value(parent, SH.path) is not None:
                raise self.fail(node, "nested property shapes (sh:property on a property shape)")
        if self.g.value(node, SH.path) is None:
            if (None, SH.property, node) in self.g:
                raise self.fail(node, "is the value of sh:property but has no sh:path")
            for counted in (SH.minCount, SH.maxCount):
                if self.g.value(node, counted) is not None:
                    raise self.fail(node, f"{counted.n3()} on a node shape")

    def single(self, node: Node, predicate: rdflib.URIRef) -> Node | None:
        values = list(self.g.objects(node, predicate))
        if len(values) > 1:
            raise self.fail(node, f"more than one {predicate.n3(self.g.namespace_manager)}")
        return values[0] if values else None

    def deactivated(self, node: Node) -> bool:
        value = self.single(node, SH.deactivated)
        return isinstance(value, rdflib.Literal) and bool(value.value)

    def severity(self, node: Node) -> str:
        value = self.single(node, SH.severity)
        return str(value or SH.Violation).rsplit("#", 1)[-1]

    # -- focus nodes --------------------------------------------------------------------

    def subclasses(self, cls: Node) -> tuple[str, ...]:
        """``cls`` and every class below it by rdfs:subClassOf* in the data graph (SPARQL text)."""
        iri = self.iri(cls, "sh:targetClass / sh:class value")
        if iri not in self._subclasses:
            query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* {iri} }}"
            found = {str(row["c"]) for row in self.select(query)}
            found.add(iri)
            self._subclasses[iri] = tuple(sorted(found))
        return self._subclasses[iri]

    def iri(self, node: Node, what: str) -> str:
        if not isinstance(node, rdflib.URIRef):
            raise ShapeError(str(node), f"{what} must be an IRI")
        return nt(node)

    def own_targets(self, node: Node) -> list[str]:
        """One group pattern binding ?this per target declaration of ``node``."""
        parts: list[str] = []
        for cls in sorted(self.g.objects(node, SH.targetClass), key=str):
            classes = self.subclasses(cls)
            if len(classes) == 1:
                parts.append(f"?this {_RDF_TYPE} {classes[0]} .")
            else:
                parts.append(f"VALUES ?class {{ {' '.join(classes)} }} ?this {_RDF_TYPE} ?class .")
        for prop in sorted(self.g.objects(node, SH.targetSubjectsOf), key=str):
            parts.append(f"?this {self.iri(prop, 'sh:targetSubjectsOf')} ?object .")
        for prop in sorted(self.g.objects(node, SH.targetObjectsOf), key=str):
            parts.append(f"?subject {self.iri(prop, 'sh:targetObjectsOf')} ?this .")
        return parts

    def focus_parts(self, node: Node) -> list[str]:
        parts = self.own_targets(node)
        if self.g.value(node, SH.path) is not None:
            for parent in sorted(self.g.subjects(SH.property, node), key=str):
                if not self.deactivated(parent):
                    parts.extend(self.own_targets(parent))
        return sorted(set(parts))

    def target_nodes(self, part: str) -> frozenset[str]:
        if part not in self._targets:
            rows = self.select(f"SELECT DISTINCT ?this WHERE {{ {part} }}")
            self._targets[part] = frozenset(str(row["this"]) for row in rows)
        return self._targets[part]

    # -- paths --------------------------------------------------------------------------

    def path_text(self, shape: Node, path: Node) -> tuple[str, str]:
        """(SPARQL path, RawResult path text) of ``path``; only IRIs, ^IRI and sequences."""
        if isinstance(path, rdflib.URIRef):
            return nt(path), nt(path)
        inverse = self.g.value(path, SH.inversePath)
        if inverse is not None:
            if not isinstance(inverse, rdflib.URIRef):
                raise self.fail(shape, "sh:inversePath of anything but an IRI is not supported")
            return f"^{nt(inverse)}", f"^{nt(inverse)}"
        if self.g.value(path, RDF.first) is not None:
            items = list(Collection(self.g, path))
            if len(items) < 2:
                raise self.fail(shape, "a sequence path needs at least two members")
            if any(self.g.value(item, RDF.first) is not None for item in items):
                raise self.fail(shape, "nested sequence paths are not supported")
            steps = [self.path_text(shape, item) for item in items]
            return "(" + "/".join(s[0] for s in steps) + ")", "/".join(s[1] for s in steps)
        raise self.fail(shape, "only IRI, sh:inversePath and sequence paths are supported")

    def compile_shape(self, node: Node, focus_parts: list[str]) -> _Shape:
        if len(focus_parts) == 1 and "VALUES" not in focus_parts[0]:
            focus = focus_parts[0]  # one class, or one property: joins best written inline
            if "?object" in focus or "?subject" in focus:
                focus = f"{{ SELECT DISTINCT ?this WHERE {{ {focus} }} }}"
        else:
            union = " UNION ".join("{ " + part + " }" for part in focus_parts)
            focus = f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"
        nodes = frozenset().union(*(self.target_nodes(part) for part in focus_parts))
        path_node = self.single(node, SH.path)
        path = result_path = None
        if path_node is not None:
            path, result_path = self.path_text(node, path_node)
        return _Shape(
            node=node,
            key=node.n3(),
            severity=self.severity(node),
            focus=focus,
            focus_nodes=nodes,
            path=path,
            result_path=result_path,
            simple_path=path is not None and not path.startswith("("),
        )

    # -- running ------------------------------------------------------------------------

    def select(self, query: str) -> list[ox.QuerySolution]:
        """Run one SELECT (once: shapes sharing a path ask the same); DEBUG logs its time."""
        if query in self._answers:
            return self._answers[query]
        start = time.perf_counter()
        solutions = self.store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        rows = list(solutions)
        if _log.isEnabledFor(logging.DEBUG):
            _log.debug("%.3f s, %d rows: %s", time.perf_counter() - start, len(rows), query)
        self._answers[query] = rows
        return rows

    def run_shape(self, shape: _Shape) -> Iterator[RawResult]:
        node = shape.node
        for predicate, runner in self.components():
            if (node, predicate, None) in self.g:
                yield from runner(shape)
        for constraint in sorted(self.g.objects(node, SH.sparql), key=str):
            yield from self.run_sparql(shape, constraint)

    def components(self) -> list[tuple[rdflib.URIRef, Callable[[_Shape], Iterable[RawResult]]]]:
        return [
            (SH.minCount, self.min_count),
            (SH.maxCount, self.max_count),
            (SH["class"], self.class_),
            (SH.datatype, self.datatype),
            (SH["in"], self.in_),
            (SH.hasValue, self.has_value),
            (SH.nodeKind, self.node_kind),
            (SH.pattern, self.pattern),
            (SH.minLength, self.min_length),
            (SH.maxLength, self.max_length),
            (SH.minInclusive, self.min_inclusive),
            (SH.maxInclusive, self.max_inclusive),
        ]

    def failing_focus(self, shape: _Shape, passing_query: str) -> Iterator[RawResult]:
        """Results (no value) for the focus nodes that ``passing_query``'s ?this leaves out."""
        passing = {str(row["this"]) for row in self.select(passing_query)}
        for focus in sorted(shape.focus_nodes - passing):
            yield shape.result(focus, None)

    def focus_results(self, shape: _Shape, query: str) -> Iterator[RawResult]:
        """Results (no value) for the focus nodes among the ?this answers of ``query``."""
        for row in self.select(query):
            focus = str(row["this"])
            if focus in shape.focus_nodes:
                yield shape.result(focus, None)

    def pairs(self, shape: _Shape, where: str) -> str:
        """A SELECT of the (?this, ?v) value pairs meeting ``where`` (not joined with focus)."""
        distinct = "" if shape.simple_path else "DISTINCT "
        return f"SELECT {distinct}?this ?v WHERE {{ {where} }}"

    def value_results(self, shape: _Shape, condition: str) -> Iterator[RawResult]:
        """Results for the value nodes for which the SPARQL ``condition`` on ?v holds."""
        if shape.path:
            query = self.pairs(shape, f"?this {shape.path} ?v FILTER({condition})")
        else:
            query = (
                f"SELECT ?this ?v WHERE {{ {shape.focus} BIND(?this AS ?v) FILTER({condition}) }}"
            )
        for row in self.select(query):
            focus = str(row["this"])
            if focus in shape.focus_nodes:
                yield shape.result(focus, str(row["v"]))

    def checked_results(
        self, shape: _Shape, candidates: str, failing: Callable[[OxTerm], bool]
    ) -> Iterator[RawResult]:
        """Results for the value nodes meeting SPARQL ``candidates`` that ``failing`` rejects.

        The distinct candidates are read from every node with the path (a superset of the
        focus nodes' values, cheaper than the join), each is checked once in Python, and the
        nodes holding the failing ones are then looked up.
        """
        if shape.path:
            query = f"SELECT DISTINCT ?v WHERE {{ ?subject {shape.path} ?v FILTER({candidates}) }}"
        else:
            query = (
                f"SELECT DISTINCT ?v WHERE {{ {shape.focus} BIND(?this AS ?v) "
                f"FILTER({candidates}) }}"
            )
        bad = sorted({str(row["v"]) for row in self.select(query) if failing(row["v"])})
        if not shape.path:
            for value in bad:
                yield shape.result(value, value)
            return
        for start in range(0, len(bad), _VALUES_CHUNK):
            chunk = " ".join(bad[start : start + _VALUES_CHUNK])
            query = self.pairs(shape, f"VALUES ?v {{ {chunk} }} ?this {shape.path} ?v")
            for row in self.select(query):
                focus = str(row["this"])
                if focus in shape.focus_nodes:
                    yield shape.result(focus, str(row["v"]))

    # -- core constraint components -----------------------------------------------------

    def count(self, shape: _Shape, predicate: rdflib.URIRef) -> int:
        value = self.single(shape.node, predicate)
        if not (
            isinstance(value, rdflib.Literal) and isinstance(value.value, int) and value.value >= 0
        ):
            raise self.fail(shape.node, f"{predicate.n3()} must be a non-negative integer")
        return int(value.value)

    def min_count(self, shape: _Shape) -> Iterable[RawResult]:
        n = self.count(shape, SH.minCount)
        if n == 0:
            return ()
        if n == 1:
            passing = f"SELECT DISTINCT ?this WHERE {{ ?this {shape.path} ?v }}"
        else:
            passing = (
                f"SELECT ?this WHERE {{ ?this {shape.path} ?v }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) >= {n})"
            )
        return self.failing_focus(shape, passing)

    def max_count(self, shape: _Shape) -> Iterable[RawResult]:
        n = self.count(shape, SH.maxCount)
        counted = "?v" if shape.simple_path else "DISTINCT ?v"
        query = (
            f"SELECT ?this WHERE {{ ?this {shape.path} ?v }} "
            f"GROUP BY ?this HAVING (COUNT({counted}) > {n})"
        )
        return self.focus_results(shape, query)

    def class_(self, shape: _Shape) -> Iterator[RawResult]:
        for cls in sorted(self.g.objects(shape.node, SH["class"]), key=str):
            classes = ", ".join(self.subclasses(cls))
            typed = f"?v {_RDF_TYPE} ?type FILTER(?type IN ({classes}))"
            yield from self.value_results(shape, f"isLiteral(?v) || NOT EXISTS {{ {typed} }}")

    def datatype(self, shape: _Shape) -> Iterable[RawResult]:
        value = self.single(shape.node, SH.datatype)
        if not isinstance(value, rdflib.URIRef):
            raise self.fail(shape.node, "sh:datatype must be an IRI")
        datatype = nt(value)
        if value == RDFS.Literal:
            return self.value_results(shape, "!isLiteral(?v)")
        if value == RDFS.Datatype:
            return self.value_results(
                shape,
                f"!isLiteral(?v) || datatype(?v) IN ({nt(XSD.string)}, {nt(RDF.langString)})",
            )
        mismatch = self.value_results(shape, f"!isLiteral(?v) || datatype(?v) != {datatype}")
        if value in (XSD.string, RDF.langString) or not _checks_lexical_form(value):
            return mismatch
        ill_typed = self.checked_results(
            shape,
            f"isLiteral(?v) && datatype(?v) = {datatype}",
            lambda term: not _well_typed(term, value),
        )
        return _chain(mismatch, ill_typed)

    def in_(self, shape: _Shape) -> Iterable[RawResult]:
        members = self.single(shape.node, SH["in"])
        assert members is not None
        try:
            items = list(Collection(self.g, members))
        except Exception as exc:  # rdflib raises bare exceptions on broken lists
            raise self.fail(shape.node, f"sh:in is not an RDF list ({exc})") from exc
        tests = [f"sameTerm(?v, {self.constant(shape, item)})" for item in _comparable(items)]
        return self.value_results(shape, f"!({' || '.join(tests) or 'false'})")

    def has_value(self, shape: _Shape) -> Iterator[RawResult]:
        for wanted in sorted(self.g.objects(shape.node, SH.hasValue), key=str):
            term = self.constant(shape, wanted) if _comparable([wanted]) else None
            if term is None:  # can never equal a data term: every focus node fails
                yield from (shape.result(f, None) for f in sorted(shape.focus_nodes))
            elif shape.path:
                passing = f"SELECT DISTINCT ?this WHERE {{ ?this {shape.path} {term} }}"
                yield from self.failing_focus(shape, passing)
            else:
                yield from (shape.result(f, None) for f in sorted(shape.focus_nodes - {term}))

    def node_kind(self, shape: _Shape) -> Iterable[RawResult]:
        kind = self.single(shape.node, SH.nodeKind)
        allowed = {
            SH.IRI: "isIRI(?v)",
            SH.BlankNode: "isBlank(?v)",
            SH.Literal: "isLiteral(?v)",
            SH.BlankNodeOrIRI: "!isLiteral(?v)",
            SH.BlankNodeOrLiteral: "!isIRI(?v)",
            SH.IRIOrLiteral: "!isBlank(?v)",
        }
        if not isinstance(kind, rdflib.URIRef) or kind not in allowed:
            raise self.fail(shape.node, f"unknown sh:nodeKind {kind}")
        return self.value_results(shape, f"!({allowed[kind]})")

    def pattern(self, shape: _Shape) -> Iterable[RawResult]:
        flags = next(iter(sorted(self.g.objects(shape.node, SH.flags), key=str)), None)
        re_flags = 0
        if flags is not None:
            text = str(flags).lower()
            re_flags |= re.IGNORECASE if "i" in text else 0
            re_flags |= re.MULTILINE if "m" in text else 0
        matchers = []
        for pattern in sorted(self.g.objects(shape.node, SH.pattern), key=str):
            if not isinstance(pattern, rdflib.Literal):
                raise self.fail(shape.node, "sh:pattern must be a literal")
            try:
                matchers.append(re.compile(str(pattern), re_flags))
            except re.error as exc:
                raise self.fail(shape.node, f"sh:pattern {str(pattern)!r}: {exc}") from exc

        def failing(term: OxTerm) -> bool:
            return not all(m.search(term.value) for m in matchers)

        return _chain(
            self.value_results(shape, "isBlank(?v)"),
            self.checked_results(shape, "!isBlank(?v)", failing),
        )

    def length(self, shape: _Shape, predicate: rdflib.URIRef) -> int:
        value = self.single(shape.node, predicate)
        if not (
            isinstance(value, rdflib.Literal) and isinstance(value.value, int) and value.value >= 0
        ):
            raise self.fail(shape.node, f"{predicate.n3()} must be a non-negative integer")
        return int(value.value)

    def min_length(self, shape: _Shape) -> Iterable[RawResult]:
        n = self.length(shape, SH.minLength)
        if n == 0:
            return ()
        return self.value_results(shape, f"isBlank(?v) || STRLEN(STR(?v)) < {n}")

    def max_length(self, shape: _Shape) -> Iterable[RawResult]:
        n = self.length(shape, SH.maxLength)
        return self.value_results(shape, f"isBlank(?v) || STRLEN(STR(?v)) > {n}")

    def min_inclusive(self, shape: _Shape) -> Iterator[RawResult]:
        yield from self.bound(shape, SH.minInclusive, lambda order: order >= 0)

    def max_inclusive(self, shape: _Shape) -> Iterator[RawResult]:
        yield from self.bound(shape, SH.maxInclusive, lambda order: order <= 0)

    def bound(
        self, shape: _Shape, predicate: rdflib.URIRef, accept: Callable[[int], bool]
    ) -> Iterator[RawResult]:
        for limit in sorted(self.g.objects(shape.node, predicate), key=str):
            if not isinstance(limit, rdflib.Literal):
                raise self.fail(shape.node, f"{predicate.n3()} must be a literal")
            yield from self.value_results(shape, "!isLiteral(?v)")
            yield from self.checked_results(
                shape,
                "isLiteral(?v)",
                lambda term, limit=limit: not _in_range(term, limit, accept),  # type: ignore[misc]
            )

    def constant(self, shape: _Shape, node: Node) -> str:
        if isinstance(node, rdflib.BNode):
            raise self.fail(shape.node, "blank nodes in sh:in / sh:hasValue are not supported")
        return nt(node)

    # -- SPARQL-based constraints -------------------------------------------------------

    def run_sparql(self, shape: _Shape, constraint: Node) -> Iterator[RawResult]:
        if self.deactivated(constraint):
            return
        select = self.single(constraint, SH.select)
        if not isinstance(select, rdflib.Literal) or not isinstance(select.value, str):
            raise self.fail(shape.node, f"sh:sparql {constraint} needs one sh:select string")
        query = _rewrite_select(
            str(select.value), shape, self.prefixes(shape.node, constraint), self.fail
        )
        start = time.perf_counter()
        solutions = self.store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        names = {v.value for v in solutions.variables}
        if "failure" in names:
            raise self.fail(shape.node, "?failure in sh:sparql results is not supported")
        is_node_shape = shape.path is None
        rows = list(solutions)
        if _log.isEnabledFor(logging.DEBUG):
            _log.debug("%.3f s, %d rows: %s", time.perf_counter() - start, len(rows), query)
        for row in rows:
            focus = str(row["this"])
            value = row["value"] if "value" in names else None
            path = row["path"] if "path" in names else None
            value_text = str(value) if value is not None else (focus if is_node_shape else None)
            yield shape.result(focus, value_text, str(path) if path is not None else None)

    def prefixes(self, shape: Node, constraint: Node) -> dict[str, str]:
        """rdf, rdfs, owl and xsd, then the declarations reached by sh:prefixes (as pySHACL)."""
        found = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD)}
        ontologies = set(self.g.subjects(RDF.type, OWL.Ontology))
        ontology_declares = {d for o in ontologies for d in self.g.objects(o, SH.declare)}
        for holder in self.g.objects(constraint, SH.prefixes):
            own = set(self.g.objects(holder, SH.declare))
            declares = own if own and holder in ontologies else own | ontology_declares
            for declare in sorted(declares, key=str):
                prefix = self.single(declare, SH.prefix)
                namespace = self.single(declare, SH.namespace)
                if prefix is None or namespace is None:
                    raise self.fail(shape, "sh:declare needs one sh:prefix and one sh:namespace")
                previous = found.get(str(prefix))
                if (
                    previous is not None
                    and previous != str(namespace)
                    and str(prefix)
                    not in (
                        "rdf",
                        "rdfs",
                        "owl",
                        "xsd",
                    )
                ):
                    raise self.fail(shape, f"prefix {prefix!s} is declared twice")
                found[str(prefix)] = str(namespace)
        return found


# -- helpers --------------------------------------------------------------------------------


def _chain(*parts: Iterable[RawResult]) -> Iterator[RawResult]:
    for part in parts:
        yield from part


def _comparable(items: Iterable[Node]) -> list[Node]:
    """The members of a list that can equal a data term in pySHACL's eyes.

    The data reaches pySHACL as rdflib terms made from the store, where a plain string never
    carries ``^^xsd:string`` and language tags are lower case; a shapes-graph literal written
    with either can never be equal to a data term there, so it matches nothing here either.
    """
    kept = []
    for item in items:
        if isinstance(item, rdflib.Literal):
            if item.datatype == XSD.string:
                continue
            if item.language and item.language != item.language.lower():
                continue
        kept.append(item)
    return kept


#: Datatypes whose lexical form pySHACL checks through rdflib (ill-typed) or by value type.
_VALUE_TYPES: dict[rdflib.URIRef, type | tuple[type, ...]] = {
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: datetime.date,
    XSD.time: datetime.time,
    XSD.dateTime: datetime.datetime,
}


def _checks_lexical_form(datatype: rdflib.URIRef) -> bool:
    return datatype in _VALUE_TYPES or datatype in XSDToPython


def _as_literal(term: OxTerm) -> rdflib.Literal:
    with quiet_rdflib():
        literal = to_rdflib(term)
    assert isinstance(literal, rdflib.Literal)
    return literal


def _well_typed(term: OxTerm, datatype: rdflib.URIRef) -> bool:
    """A literal of ``datatype`` whose lexical form rdflib accepts (pySHACL's sh:datatype)."""
    literal = _as_literal(term)
    if literal.ill_typed is True:
        return False
    expected = _VALUE_TYPES.get(datatype)
    return expected is None or isinstance(literal.value, expected)


def _in_range(term: OxTerm, limit: rdflib.Literal, accept: Callable[[int], bool]) -> bool:
    """Whether ``term`` compares to ``limit`` as ``accept`` wants, by rdflib's literal order.

    Strings compare only with strings; values rdflib cannot order fail (as in pySHACL).
    """
    literal = _as_literal(term)
    if isinstance(literal.value, str) != isinstance(limit.value, str):
        return False
    try:
        return accept(_order(literal, limit))
    except (TypeError, NotImplementedError):
        return False


def _order(a: rdflib.Literal, b: rdflib.Literal) -> int:
    if a.eq(b):
        return 0
    if type(a.value) in (datetime.datetime, datetime.time):  # rdflib orders these by value
        if a.value == b.value:
            return 0
        return 1 if a.value > b.value else -1
    return 1 if a > b else -1


# -- sh:sparql query text -------------------------------------------------------------------

#: Strings, IRIs and comments: masked before looking for keywords and braces.
_OPAQUE = re.compile(
    r"""#[^\n]*"""
    r'''|"""(?:[^"\\]|\\.|"(?!""))*"""'''
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r'''|"(?:[^"\\\n]|\\.)*"'''
    r"""|'(?:[^'\\\n]|\\.)*'"""
    r"""|<[^<>"{}|^`\\\s]*>""",
    re.DOTALL,
)
_THIS = re.compile(r"[?$]this\b")
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_FORBIDDEN = re.compile(r"(?<![\w:?$])(MINUS|VALUES|SERVICE)\b", re.IGNORECASE)
_REBIND = re.compile(r"\bAS\s+[?$]this\b", re.IGNORECASE)
_PREBOUND = re.compile(r"[?$](shapesGraph|currentShape)\b")
_PATH_VAR = re.compile(r"\$PATH\b")


def _mask(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (same length, same positions)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group(0)), text)


def _rewrite_select(
    text: str,
    shape: _Shape,
    prefixes: dict[str, str],
    fail: Callable[[Node, str], ShapeError],
) -> str:
    """The sh:select of ``shape`` run once for all focus nodes (see the module docstring)."""
    masked = _mask(text)
    for pattern, why in (
        (_FORBIDDEN, "MINUS, VALUES and SERVICE are not allowed in SPARQL constraints"),
        (_REBIND, "AS ?this would re-bind the pre-bound $this"),
        (_PREBOUND, "$shapesGraph and $currentShape are not supported"),
    ):
        if pattern.search(masked):
            raise fail(shape.node, why)
    if _PATH_VAR.search(masked):
        if shape.path is None:
            raise fail(shape.node, "$PATH in a SPARQL constraint of a node shape")
        text = _replace_masked(text, masked, _PATH_VAR, shape.path)
        masked = _mask(text)
    text = _replace_masked(text, masked, _THIS, "?this")
    masked = _mask(text)
    selects = list(_SELECT.finditer(masked))
    if not selects:
        raise fail(shape.node, "sh:select holds no SELECT query")
    for number, select in enumerate(selects):
        brace = masked.find("{", select.end())
        if brace < 0:
            raise fail(shape.node, "sh:select has no WHERE group")
        projection = re.split(r"\bWHERE\b", masked[select.end() : brace], flags=re.IGNORECASE)[0]
        if "?this" not in projection.split() and not (number == 0 and "*" in projection):
            where = "the query" if number == 0 else "a nested SELECT"
            raise fail(shape.node, f"{where} must select ?this ($this)")
    end = _closing_brace(masked, masked.find("{", selects[0].end()))
    if end < 0:
        raise fail(shape.node, "sh:select has unbalanced braces")
    # The focus pattern closes the top-level group: joined with everything the group binds
    # (?this included), like a pre-binding; placed first, pyoxigraph may pick a plan that
    # starts from it and takes minutes.
    rewritten = f"{text[:end]} {shape.focus} {text[end:]}"
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
    return header + rewritten


def _closing_brace(masked: str, start: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``start`` (-1 when there is none)."""
    depth = 0
    for index in range(start, len(masked)):
        char = masked[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _replace_masked(text: str, masked: str, pattern: re.Pattern[str], new: str) -> str:
    """Replace the matches of ``pattern`` found in code (not in strings, IRIs or comments)."""
    out = []
    last = 0
    for match in pattern.finditer(masked):
        out.append(text[last : match.start()])
        out.append(new)
        last = match.end()
    out.append(text[last:])
    return "".join(out)
