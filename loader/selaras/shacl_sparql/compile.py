"""Shapes discovery, targets and paths: what the SHACL spec's section 2 defines.

* :func:`shape_nodes` finds the shapes of a shapes graph (typed ``sh:NodeShape`` /
  ``sh:PropertyShape``, subjects of a target or a constraint parameter, values of the shape-based
  and logical parameters); a SPARQL constraint component's ``sh:parameter`` declaration, which
  carries ``sh:path``, is never taken for a shape.
* :func:`targeted` lists the shapes with targets (``sh:targetClass``, ``sh:targetNode``,
  ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, implicit class targets).
* :func:`parse_path` turns a SHACL path into a :class:`~selaras.shacl_sparql.results.Path`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from selaras.errors import ShapeError
from selaras.shacl_sparql.results import OxTerm, Path, RawResult, local_name, severity
from selaras.terms import to_ox

Node = rdflib.term.Node


class Unsupported(ShapeError):
    """A shape uses a construct the SPARQL engine does not compile (``--engine auto`` hands the
    shape to pySHACL; ``--engine sparql`` refuses with this message)."""

    def __init__(self, shape: str, construct: str) -> None:
        self.construct = construct
        super().__init__(shape, f"uses {construct}, which the SPARQL engine does not compile")


def sh(names: str) -> frozenset[rdflib.URIRef]:
    return frozenset(SH[name] for name in names.split())


TARGETS = sh("targetClass targetNode targetObjectsOf targetSubjectsOf target")
#: Constraint parameters of SHACL Core and SHACL-SPARQL.
CONSTRAINTS = sh(
    "class datatype nodeKind minCount maxCount minExclusive minInclusive maxExclusive "
    "maxInclusive minLength maxLength pattern languageIn uniqueLang equals disjoint lessThan "
    "lessThanOrEquals not and or xone node property qualifiedValueShape closed hasValue in "
    "sparql"
)
#: Predicates that shape a constraint without being one, or carry no meaning for validation.
AUXILIARY = sh(
    "path flags ignoredProperties qualifiedMinCount qualifiedMaxCount "
    "qualifiedValueShapesDisjoint deactivated severity message name description order group "
    "defaultValue prefixes declare"
)
#: Shape-valued parameters: their values are shapes too.
SHAPE_VALUED = sh("node not property qualifiedValueShape")
LIST_OF_SHAPES = sh("and or xone")
_SHAPE_TYPES = (SH.NodeShape, SH.PropertyShape)
_CLASS_TYPES = (RDFS.Class, OWL.Class)


def name(node: Node) -> str:
    """How a shape is named in messages: ``<iri>`` or ``[blank node id]``."""
    return node.n3() if isinstance(node, rdflib.URIRef) else f"[blank node {node}]"


def shape_nodes(g: rdflib.Graph) -> set[Node]:
    """Every shape of ``g`` (see the module docstring)."""
    parameters = set(g.objects(None, SH.parameter))
    nodes: set[Node] = set()
    for shape_type in _SHAPE_TYPES:
        nodes.update(g.subjects(RDF.type, shape_type))
    for predicate in TARGETS | CONSTRAINTS | {SH.path}:
        nodes.update(g.subjects(predicate, None))
    for predicate in SHAPE_VALUED:
        nodes.update(g.objects(None, predicate))
    for predicate in LIST_OF_SHAPES:
        for head in g.objects(None, predicate):
            nodes.update(_members(g, head))
    return {n for n in nodes if n not in parameters and not isinstance(n, rdflib.Literal)}


def _members(g: rdflib.Graph, head: Node) -> list[Node]:
    try:
        return list(Collection(g, head))
    except Exception:  # rdflib raises bare exceptions on broken lists
        return []


def targeted(g: rdflib.Graph, shapes: set[Node]) -> list[Node]:
    """The shapes with at least one target, in a stable order (IRIs first)."""
    found = [
        n for n in shapes if any((n, t, None) in g for t in TARGETS) or implicit_class_target(g, n)
    ]
    return sorted(found, key=lambda n: (isinstance(n, rdflib.BNode), str(n)))


def implicit_class_target(g: rdflib.Graph, node: Node) -> bool:
    """A shape that is also a class targets that class's instances."""
    if not isinstance(node, rdflib.URIRef):
        return False
    types = set(g.objects(node, RDF.type))
    return any(t in types for t in _CLASS_TYPES)


def single(g: rdflib.Graph, node: Node, predicate: rdflib.URIRef) -> Node | None:
    values = list(g.objects(node, predicate))
    if len(values) > 1:
        raise ShapeError(name(node), f"more than one {predicate.n3(g.namespace_manager)}")
    return values[0] if values else None


def members(g: rdflib.Graph, shape: Node, head: Node, what: str) -> list[Node]:
    try:
        return list(Collection(g, head))
    except Exception as exc:  # rdflib raises bare exceptions on broken lists
        raise ShapeError(name(shape), f"{what} is not an RDF list ({exc})") from exc


def deactivated(g: rdflib.Graph, node: Node) -> bool:
    value = single(g, node, SH.deactivated)
    return isinstance(value, rdflib.Literal) and value.value is True


def parse_path(g: rdflib.Graph, shape: Node, path: Node, depth: int = 0) -> Path:
    """The :class:`Path` of the SHACL path node ``path``; ShapeError when malformed."""
    if depth > 20:
        raise ShapeError(name(shape), "sh:path nests too deep (a cycle?)")
    if isinstance(path, rdflib.URIRef):
        return Path.iri(str(path))
    if isinstance(path, rdflib.Literal):
        raise ShapeError(name(shape), f"sh:path {path.n3()} is a literal")
    if (path, RDF.first, None) in g:
        items = members(g, shape, path, "a sequence path")
        if len(items) < 2:
            raise ShapeError(name(shape), "a sequence path needs at least two members")
        return Path.sequence(*(parse_path(g, shape, i, depth + 1) for i in items))
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        items = members(g, shape, alternatives, "sh:alternativePath")
        if len(items) < 2:
            raise ShapeError(name(shape), "sh:alternativePath needs at least two members")
        return Path.alternative(*(parse_path(g, shape, i, depth + 1) for i in items))
    for predicate, make in (
        (SH.inversePath, Path.inverse),
        (SH.zeroOrMorePath, Path.zero_or_more),
        (SH.oneOrMorePath, Path.one_or_more),
        (SH.zeroOrOnePath, Path.zero_or_one),
    ):
        inner = g.value(path, predicate)
        if inner is not None:
            return make(parse_path(g, shape, inner, depth + 1))
    raise ShapeError(name(shape), f"sh:path {path.n3()} is not a SHACL path")


@dataclass(frozen=True)
class Shape:
    """A shape as the engine runs it: its node, source-shape term, severity and path."""

    node: Node
    term: OxTerm
    severity: ox.NamedNode
    path: Path | None

    @property
    def sparql_path(self) -> str:
        assert self.path is not None
        text = self.path.sparql()
        return text if self.path.kind == "iri" else f"({text})"

    def result(
        self,
        focus: OxTerm,
        value: OxTerm | None,
        component: str,
        *,
        path: Path | None = None,
        messages: tuple[ox.Literal, ...] = (),
    ) -> RawResult:
        return RawResult(
            focus=focus,
            shape=self.term,
            severity=self.severity,
            path=path if path is not None else self.path,
            value=value,
            component=component if ":" in component else f"{SH}{component}ConstraintComponent",
            messages=messages,
        )


def compile_shape(g: rdflib.Graph, node: Node) -> Shape:
    sev = single(g, node, SH.severity)
    if sev is not None and not isinstance(sev, rdflib.URIRef):
        raise ShapeError(name(node), "sh:severity must be an IRI")
    path_node = single(g, node, SH.path)
    term = to_ox(node)
    return Shape(
        node=node,
        term=term,
        severity=ox.NamedNode(str(sev)) if sev is not None else severity("Violation"),
        path=parse_path(g, node, path_node) if path_node is not None else None,
    )


def stable_id(g: rdflib.Graph, node: Node) -> str:
    """A rule id for a shape without ``sel:ruleId``: the local name of its IRI; for a blank
    node, the holder's id and the path, or a digest of what the shape says."""
    if isinstance(node, rdflib.URIRef):
        return local_name(str(node))
    parent = next(iter(sorted(g.subjects(SH.property, node), key=str)), None)
    path = g.value(node, SH.path)
    if parent is not None and isinstance(path, rdflib.URIRef):
        return f"{stable_id(g, parent)}-{local_name(str(path))}"
    described = sorted(
        f"{p} {o if not isinstance(o, rdflib.BNode) else '[]'}"
        for p, o in g.predicate_objects(node)
    )
    return "shape-" + hashlib.sha256("\n".join(described).encode()).hexdigest()[:10]
