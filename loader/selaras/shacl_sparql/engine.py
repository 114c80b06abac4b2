"""The engine: focus nodes, value nodes, and a shape's constraints run over all its focus nodes.

A shape runs against a :class:`Focus`: the focus nodes as a set of terms and a SPARQL group
pattern binding ``?this`` to each (the targets' patterns, or ``VALUES`` for a set computed in
Python, e.g. the value nodes a ``sh:node`` shape is checked against). Each constraint component
(one module per group of the spec) gives its results for those focus nodes; ``sh:property``
runs the property shape on the same focus nodes (node shape) or on the value nodes (property
shape). Whether a set of nodes conforms to a shape (``sh:node``, ``sh:or``, qualified value
shapes...) is the same run on those nodes: the nodes without results conform.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import cast

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH

import selaras.shacl_sparql.cardinality as cardinality
import selaras.shacl_sparql.logical as logical
import selaras.shacl_sparql.other as other
import selaras.shacl_sparql.property_pair as property_pair
import selaras.shacl_sparql.shape_based as shape_based
import selaras.shacl_sparql.sparql as sparql
import selaras.shacl_sparql.string as string
import selaras.shacl_sparql.value_range as value_range
import selaras.shacl_sparql.value_type as value_type
from selaras.errors import ShapeError
from selaras.memory import return_free_memory
from selaras.shacl_sparql.compile import (
    AUXILIARY,
    CONSTRAINTS,
    LIST_OF_SHAPES,
    SHAPE_VALUED,
    TARGETS,
    Shape,
    Unsupported,
    compile_shape,
    deactivated,
    implicit_class_target,
    members,
    name,
)
from selaras.shacl_sparql.results import OxTerm, RawResult
from selaras.shacl_sparql.scope import Focus, TargetNodes
from selaras.terms import nt, quiet_rdflib

Node = rdflib.term.Node
Component = Callable[["Engine", Shape, "Focus"], Iterable[RawResult]]
_log = logging.getLogger("selaras.shacl_sparql")
_RDF_TYPE = f"<{RDF.type}>"
_MAX_DEPTH = 32

#: Constraint components, in the order they run (the KMK 467 ones first, as before).
COMPONENTS: list[tuple[rdflib.URIRef, Component]] = [
    (SH.minCount, cardinality.min_count),
    (SH.maxCount, cardinality.max_count),
    (SH["class"], value_type.class_),
    (SH.datatype, value_type.datatype),
    (SH["in"], other.in_),
    (SH.hasValue, other.has_value),
    (SH.nodeKind, value_type.node_kind),
    (SH.pattern, string.pattern),
    (SH.minLength, string.min_length),
    (SH.maxLength, string.max_length),
    (SH.minInclusive, value_range.min_inclusive),
    (SH.maxInclusive, value_range.max_inclusive),
    (SH.minExclusive, value_range.min_exclusive),
    (SH.maxExclusive, value_range.max_exclusive),
    (SH.languageIn, string.language_in),
    (SH.uniqueLang, string.unique_lang),
    (SH.equals, property_pair.equals),
    (SH.disjoint, property_pair.disjoint),
    (SH.lessThan, property_pair.less_than),
    (SH.lessThanOrEquals, property_pair.less_than_or_equals),
    (SH["not"], logical.not_),
    (SH["and"], logical.and_),
    (SH["or"], logical.or_),
    (SH.xone, logical.xone),
    (SH.node, shape_based.node),
    (SH.qualifiedValueShape, shape_based.qualified),
    (SH.closed, other.closed),
]


class Engine:
    """Shapes compiled and run on a store (meets :class:`selaras.shacl_sparql.scope.Engine`)."""

    def __init__(self, store: ox.Store, shapes: rdflib.Graph) -> None:
        self.store = store
        self.g = shapes
        self._subclasses: dict[str, tuple[str, ...]] = {}
        self._targets: dict[str, TargetNodes] = {}
        self._lock = threading.Lock()
        self._answers: dict[str, list[ox.QuerySolution]] = {}
        # SPARQL constraints whose query text does not hold the focus pattern (see
        # :meth:`share`): the constraints asking each text, and rows kept for those still to ask
        self._askers: dict[str, set[tuple[Node, Node]]] = {}
        self._shared: dict[str, tuple[set[str], list[ox.QuerySolution], int]] = {}
        self._text_locks: dict[str, threading.Lock] = {}
        self._shapes: dict[Node, Shape] = {}
        self._conforming: dict[tuple[Node, frozenset[OxTerm]], frozenset[OxTerm]] = {}
        self._nesting = threading.local()  # shapes run on several threads (run_shapes)
        self.components = sparql.Components(self)

    # -- shapes ---------------------------------------------------------------------------

    def shape(self, node: Node) -> Shape:
        if node not in self._shapes:
            self._shapes[node] = compile_shape(self.g, node)
        return self._shapes[node]

    def fail(self, node: Node, message: str) -> ShapeError:
        return ShapeError(name(node), message)

    def check(self, node: Node, seen: tuple[Node, ...] = ()) -> None:
        """Raise :class:`Unsupported` when ``node`` or a shape it reaches cannot be compiled."""
        if node in seen:
            raise Unsupported(name(seen[0]), "a recursive shape (a shape that reaches itself)")
        if (node, SH.target, None) in self.g:
            raise Unsupported(name(node), "sh:target (SPARQL-based targets)")
        known = CONSTRAINTS | AUXILIARY | TARGETS
        if (None, SH.sparql, node) in self.g:  # a shape that is its own SPARQL constraint
            known |= {SH.select}
        for predicate in set(self.g.predicates(node, None)):
            if str(predicate).startswith(str(SH)) and predicate not in known:
                raise Unsupported(name(node), predicate.n3(self.g.namespace_manager))
        self.shape(node)  # the path and severity parse
        for constraint in self.g.objects(node, SH.sparql):
            sparql.check_constraint(self, self.shape(node), constraint)
        self.components.check(self.shape(node))
        for predicate in SHAPE_VALUED:
            for child in self.g.objects(node, predicate):
                self.check(child, (*seen, node))
        for predicate in LIST_OF_SHAPES:
            for head in self.g.objects(node, predicate):
                for child in members(self.g, node, head, predicate.n3()):
                    self.check(child, (*seen, node))

    # -- focus nodes ----------------------------------------------------------------------

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

    def _target_tests(self, node: Node) -> dict[str, Callable[[OxTerm], bool] | None]:
        """Each target's group pattern, with a test of one node against the store's index
        (None: none cheaper than reading the nodes)."""
        parts: dict[str, Callable[[OxTerm], bool] | None] = {}
        classes = sorted(self.g.objects(node, SH.targetClass), key=str)
        if implicit_class_target(self.g, node):
            classes.append(node)
        for cls in classes:
            found = self.subclasses(cls)
            if len(found) == 1:
                part = f"?this {_RDF_TYPE} {found[0]} ."
            else:
                part = f"VALUES ?class {{ {' '.join(found)} }} ?this {_RDF_TYPE} ?class ."
            parts[part] = self._typed(found)
        nodes = sorted(nt(n) for n in self.g.objects(node, SH.targetNode))
        if nodes:
            parts[f"VALUES ?this {{ {' '.join(nodes)} }}"] = None
        for prop in sorted(self.g.objects(node, SH.targetSubjectsOf), key=str):
            iri = self.iri(prop, "sh:targetSubjectsOf")
            parts[f"?this {iri} ?object ."] = self._holds(ox.NamedNode(str(prop)), subject=True)
        for prop in sorted(self.g.objects(node, SH.targetObjectsOf), key=str):
            iri = self.iri(prop, "sh:targetObjectsOf")
            parts[f"?subject {iri} ?this ."] = self._holds(ox.NamedNode(str(prop)), subject=False)
        return parts

    def _typed(self, classes: tuple[str, ...]) -> Callable[[OxTerm], bool] | None:
        if not all(c.startswith("<") for c in classes):
            return None
        terms = [ox.NamedNode(c[1:-1]) for c in classes]
        rdf_type, graph, store = ox.NamedNode(str(RDF.type)), ox.DefaultGraph(), self.store

        def typed(term: OxTerm) -> bool:
            if not isinstance(term, (ox.NamedNode, ox.BlankNode)):
                return False
            return any(ox.Quad(term, rdf_type, c, graph) in store for c in terms)

        return typed

    def _holds(self, prop: ox.NamedNode, *, subject: bool) -> Callable[[OxTerm], bool]:
        graph, store = ox.DefaultGraph(), self.store

        def holds(term: OxTerm) -> bool:
            if subject:
                if not isinstance(term, (ox.NamedNode, ox.BlankNode)):
                    return False
                found = store.quads_for_pattern(term, prop, None, graph)
            else:
                found = store.quads_for_pattern(None, prop, term, graph)
            return next(iter(found), None) is not None

        return holds

    def targets(self, node: Node) -> Focus:
        tests = self._target_tests(node)
        parts = sorted(tests)
        if len(parts) == 1 and "?class" not in parts[0]:
            pattern = parts[0]  # one class, property or node list: joins best written inline
            if "?object" in pattern or "?subject" in pattern:
                pattern = f"{{ SELECT DISTINCT ?this WHERE {{ {pattern} }} }}"
        else:
            union = " UNION ".join("{ " + part + " }" for part in parts)
            pattern = f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"
        sets = [self.target_nodes(p, tests[p]) for p in parts]
        # one target (the usual case): the shared set itself, not a copy of it per shape
        nodes = sets[0] if len(sets) == 1 else TargetNodes.union(sets)
        # classes rarely share instances: asked one by one they spare the DISTINCT union;
        # a property's subjects or objects are often a class's instances too (asked twice)
        classes = len(parts) > 1 and all(_RDF_TYPE in part for part in parts)
        return Focus(nodes, pattern, tuple(parts) if classes else ())

    def target_nodes(
        self, part: str, member: Callable[[OxTerm], bool] | None = None
    ) -> TargetNodes:
        """The nodes the target pattern ``part`` binds to ?this (one set per pattern, shared)."""
        with self._lock:
            if part not in self._targets:
                self._targets[part] = self._target_set(part, member)
            return self._targets[part]

    def _target_set(self, part: str, member: Callable[[OxTerm], bool] | None) -> TargetNodes:
        def read() -> frozenset[OxTerm]:
            rows = self.store.query(f"SELECT DISTINCT ?this WHERE {{ {part} }}")
            assert isinstance(rows, ox.QuerySolutions)
            return frozenset(_term(row[0]) for row in rows)

        def any_member() -> bool:
            rows = self.store.query(f"ASK {{ {part} }}")
            return bool(rows)

        found = TargetNodes(read, member or (lambda term: term in found.nodes), any_member)
        return found

    # -- running --------------------------------------------------------------------------

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

    def share(self, query: str, asker: tuple[Node, Node]) -> None:
        """Note that the constraint ``asker`` (shape, constraint) runs ``query`` whatever its
        focus nodes are (the query binds ?this itself, no focus pattern joined): two shapes
        asking the same text get the rows of one run (:meth:`solutions`)."""
        self._askers.setdefault(query, set()).add(asker)

    def solutions(self, query: str) -> tuple[set[str], Iterable[ox.QuerySolution]]:
        """The variables and rows of the SELECT ``query``; a text several constraints ask
        (:meth:`share`) runs once, its rows kept until each has had them."""
        askers = len(self._askers.get(query, ()))
        if askers < 2:
            solutions = self.store.query(query)
            assert isinstance(solutions, ox.QuerySolutions)
            return {v.value for v in solutions.variables}, solutions
        with self._lock:
            lock = self._text_locks.setdefault(query, threading.Lock())
        with lock:  # the second asker waits for the first one's rows rather than running it
            if query in self._shared:
                names, rows, left = self._shared.pop(query)
                if left > 1:
                    self._shared[query] = (names, rows, left - 1)
                return names, rows
            solutions = self.store.query(query)
            assert isinstance(solutions, ox.QuerySolutions)
            names, rows = {v.value for v in solutions.variables}, list(solutions)
            self._shared[query] = (names, rows, askers - 1)
            return names, rows

    def run(
        self, node: Node, focus: Focus, *, properties: bool = True
    ) -> Iterator[tuple[OxTerm, RawResult]]:
        """(focus node, result) for every result of ``node`` on ``focus`` (``properties``:
        with those of its ``sh:property`` shapes)."""
        if deactivated(self.g, node) or not focus.nodes:
            return
        depth = getattr(self._nesting, "depth", 0) + 1
        self._nesting.depth = depth
        try:
            if depth > _MAX_DEPTH:
                raise Unsupported(name(node), "shapes nested deeper than 32 (recursion)")
            shape = self.shape(node)
            for predicate, component in COMPONENTS:
                if (node, predicate, None) in self.g:
                    for r in component(self, shape, focus):
                        yield r.focus, r
            for constraint in sorted(self.g.objects(node, SH.sparql), key=str):
                for r in sparql.run_constraint(self, shape, constraint, focus):
                    yield r.focus, r
            for r in self.components.run(shape, focus):
                yield r.focus, r
            for prop in sorted(self.g.objects(node, SH.property), key=str) if properties else ():
                yield from self.run_property(shape, prop, focus)
        finally:
            self._nesting.depth = depth - 1

    def run_property(
        self, shape: Shape, prop: Node, focus: Focus
    ) -> Iterator[tuple[OxTerm, RawResult]]:
        if shape.path is None:
            yield from self.run(prop, focus)
            return
        owners: dict[OxTerm, set[OxTerm]] = {}
        for owner, values in self.values(shape, focus).items():
            for value in values:
                owners.setdefault(value, set()).add(owner)
        for value_node, r in self.run(prop, Focus.of(owners)):
            for owner in sorted(owners.get(value_node, ()), key=str):
                yield owner, r

    def conforming(self, node: Node, nodes: Iterable[OxTerm]) -> frozenset[OxTerm]:
        """The members of ``nodes`` that conform to the shape ``node`` (no result at all)."""
        candidates = frozenset(nodes)
        key = (node, candidates)
        if key not in self._conforming:
            failing = {owner for owner, _ in self.run(node, Focus.of(candidates))}
            self._conforming[key] = candidates - failing
        return self._conforming[key]

    # -- value nodes ----------------------------------------------------------------------

    def value_pattern(self, shape: Shape, focus: Focus) -> str:
        """A group pattern binding ``?this`` (a node holding the path) and ``?v`` (a value).

        For IRIs, inverse IRIs and their sequences the pattern covers every node with the
        path (cheaper than the join; the caller keeps the focus nodes); other paths and node
        shapes are joined with the focus pattern.
        """
        if shape.path is None:
            return f"{focus.pattern} BIND(?this AS ?v)"
        if shape.path.is_bounded():
            return f"?this {shape.sparql_path} ?v ."
        return f"{focus.pattern} ?this {shape.sparql_path} ?v ."

    def values(self, shape: Shape, focus: Focus) -> dict[OxTerm, set[OxTerm]]:
        """The value nodes of each focus node (focus nodes without values are left out)."""
        found: dict[OxTerm, set[OxTerm]] = {}
        if shape.path is None:
            return {f: {f} for f in focus.nodes}
        query = f"SELECT DISTINCT ?this ?v WHERE {{ {self.value_pattern(shape, focus)} }}"
        for row in self.select(query):
            this = _term(row["this"])
            if this in focus.nodes:
                found.setdefault(this, set()).add(_term(row["v"]))
        return found

    def value_results(
        self, shape: Shape, focus: Focus, condition: str, component: str
    ) -> Iterator[RawResult]:
        """Results for the value nodes for which the SPARQL ``condition`` on ?v holds."""
        distinct = "" if shape.path is not None and shape.path.is_simple() else "DISTINCT "
        query = (
            f"SELECT {distinct}?this ?v WHERE {{ {self.value_pattern(shape, focus)} "
            f"FILTER({condition}) }}"
        )
        for row in self.select(query):
            this = _term(row["this"])
            if this in focus.nodes:
                yield shape.result(this, _term(row["v"]), component)

    def failing_focus(
        self, shape: Shape, focus: Focus, passing_query: str, component: str
    ) -> Iterator[RawResult]:
        """Results (no value) for the focus nodes that ``passing_query``'s ?this leaves out."""
        passing = {_term(row["this"]) for row in self.select(passing_query)}
        for node in sorted(focus.nodes - passing, key=str):
            yield shape.result(node, None, component)

    def focus_results(
        self, shape: Shape, focus: Focus, query: Callable[[str], str], component: str
    ) -> Iterator[RawResult]:
        """Results (no value) for the focus nodes among the ?this of ``query`` (the SELECT for
        a group pattern binding ?this: asked for each of the focus's alternatives)."""
        found = {
            _term(row["this"]) for part in focus.alternatives() for row in self.select(query(part))
        }
        for node in sorted(found & focus.nodes, key=str):
            yield shape.result(node, None, component)

    def checked_results(
        self,
        shape: Shape,
        focus: Focus,
        candidates: str,
        failing: Callable[[OxTerm], bool],
        component: str,
    ) -> Iterator[RawResult]:
        """Results for the value nodes meeting SPARQL ``candidates`` that ``failing`` rejects.

        The distinct candidates are read once, each is checked once in Python, and the nodes
        holding the failing ones are then looked up.
        """
        pattern = self.value_pattern(shape, focus)
        query = f"SELECT DISTINCT ?v WHERE {{ {pattern} FILTER({candidates}) }}"
        terms = {_term(row["v"]) for row in self.select(query)}
        with quiet_rdflib():  # rdflib logs every ill-typed literal it reads
            rejected = {term for term in terms if failing(term)}
        if shape.path is None:  # the value node is the focus node
            for term in sorted(rejected & focus.nodes, key=str):
                yield shape.result(term, term, component)
            return
        bad = sorted(str(term) for term in rejected)
        for start in range(0, len(bad), 500):
            chunk = " ".join(bad[start : start + 500])
            query = f"SELECT DISTINCT ?this ?v WHERE {{ VALUES ?v {{ {chunk} }} {pattern} }}"
            for row in self.select(query):
                this = _term(row["this"])
                if this in focus.nodes:
                    yield shape.result(this, _term(row["v"]), component)

    def constant(self, shape: Shape, node: Node) -> str:
        if isinstance(node, rdflib.BNode):
            raise Unsupported(name(shape.node), "a blank node in sh:in / sh:hasValue")
        return nt(node)


def _term(term: object) -> OxTerm:
    """A solution's term (bound: the patterns bind it), typed; no check, it runs per row."""
    return cast(OxTerm, term)


def validate_store(store: ox.Store, shapes: rdflib.Graph) -> list[RawResult]:
    """Validate the default graph of ``store`` against ``shapes``; results sorted, no duplicates.

    Raises :class:`~selaras.errors.ShapeError` for a shape that is malformed or uses a construct
    the engine does not compile (:class:`Unsupported`).
    """
    from selaras.shacl_sparql.compile import shape_nodes, targeted

    engine = Engine(store, shapes)
    roots = targeted(shapes, shape_nodes(shapes))
    for node in roots:
        engine.check(node)
    return sorted(set(run_shapes(engine, roots)), key=RawResult.sort_key)


#: Threads that run shapes at once. pyoxigraph evaluates a query without holding the GIL, so
#: on two cores one shape's query runs while another's rows are read; more than four threads
#: only wait for the GIL.
THREADS = max(1, min(4, os.cpu_count() or 1))


def run_shapes(
    engine: Engine, roots: Iterable[Node], *, threads: int | None = None
) -> Iterator[RawResult]:
    """The results of the shapes ``roots`` on their targets (``threads`` tasks at a time,
    default :data:`THREADS`; no order).

    Each shape is split into tasks: its own constraints, and each of its ``sh:property``
    shapes; SPARQL-based constraints, the costliest as a rule, are started first. Small tasks
    keep both cores busy to the end instead of one waiting for the other's largest shape.
    """
    tasks = [task for node in roots for task in _tasks(engine, node)]
    tasks.sort(key=lambda task: not _has_sparql(engine, task[1] or task[0]))  # stable
    threads = THREADS if threads is None else threads
    if threads <= 1 or len(tasks) <= 1:
        for node, prop in tasks:
            yield from _run_task(engine, node, prop)
        return
    # rdflib is silenced once around all threads: its switch is process-wide and nested
    # switches on two threads would otherwise undo each other
    with quiet_rdflib(), ThreadPoolExecutor(threads, thread_name_prefix="shape") as pool:
        for results in pool.map(lambda task: _run_task(engine, *task), tasks):
            yield from results


def _tasks(engine: Engine, node: Node) -> list[tuple[Node, Node | None]]:
    """A shape's own constraints (``None``) and each of its property shapes, as tasks."""
    if deactivated(engine.g, node):
        return []
    props = sorted(engine.g.objects(node, SH.property), key=str)
    return [(node, None), *((node, prop) for prop in props)]


def _has_sparql(engine: Engine, node: Node) -> bool:
    return (node, SH.sparql, None) in engine.g


def _run_task(engine: Engine, node: Node, prop: Node | None) -> list[RawResult]:
    focus = engine.targets(node)
    try:
        if prop is None:
            return [r for _owner, r in engine.run(node, focus, properties=False)]
        return [r for _owner, r in engine.run_property(engine.shape(node), prop, focus)]
    finally:
        # A query's intermediate rows, freed, stay in this thread's allocator arena, where the
        # next task on another thread cannot use them: at 80,000 staff that dead memory, not
        # the store, set the peak (a few milliseconds a task).
        return_free_memory()
