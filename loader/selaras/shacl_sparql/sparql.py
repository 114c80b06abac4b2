"""SHACL-SPARQL (SHACL 5 and 6): ``sh:sparql`` constraints and SPARQL-based constraint components.

* A ``sh:sparql`` constraint's ``sh:select`` runs once for all focus nodes
  (:func:`selaras.shacl_sparql.query.rewrite_select`); each solution is a result, ``?value``
  and ``?path`` taken when projected, messages from ``sh:message`` with ``{?var}`` / ``{$var}``
  replaced by the solution's values.
* A constraint component (``sh:ConstraintComponent``) applies to every shape that has a value
  for each of its non-optional ``sh:parameter`` paths; its validator (``sh:nodeValidator`` or
  ``sh:propertyValidator``, else ``sh:validator``) runs with the parameters pre-bound to the
  shape's values: a SELECT validator like ``sh:sparql``, an ASK validator as one SELECT of the
  value nodes for which the ASK body does not hold.
* Prefixes: rdf, rdfs, owl, xsd, sh and the ``sh:declare`` of every ``sh:prefixes`` holder.
  A query that does not parse (an undeclared prefix...) is a one-line ShapeError naming the
  shape, found before anything runs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from selaras.errors import ShapeError
from selaras.shacl_sparql import query as q
from selaras.shacl_sparql.compile import Shape, Unsupported, deactivated, name, single
from selaras.shacl_sparql.results import OxTerm, Path, RawResult
from selaras.terms import nt, to_ox

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus

Node = rdflib.term.Node
_EMPTY = ox.Store()
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][\w]*)\}")


def _failer(shape: Shape) -> q.Fail:
    return lambda why: ShapeError(name(shape.node), why)


def _unsupported(shape: Shape) -> q.Fail:
    return lambda why: Unsupported(name(shape.node), f"a SPARQL query it cannot pre-bind ({why})")


def prefixes(g: rdflib.Graph, shape: Shape, holder_of: Node) -> dict[str, str]:
    """rdf, rdfs, owl, xsd, sh, then the declarations reached by ``sh:prefixes``.

    As in pySHACL, a prefix the shapes file binds (Turtle ``@prefix``) and no ``sh:declare``
    names is known too; a prefix found in neither makes the query fail to parse.
    """
    found = {p: str(ns) for p, ns in g.namespace_manager.namespaces() if p}
    found.update(
        {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD), "sh": str(SH)}
    )
    standard = set(found)
    ontologies = set(g.subjects(RDF.type, OWL.Ontology))
    ontology_declares = {d for o in ontologies for d in g.objects(o, SH.declare)}
    for holder in sorted(g.objects(holder_of, SH.prefixes), key=str):
        own = set(g.objects(holder, SH.declare))
        declares = own if own and holder in ontologies else own | ontology_declares
        for declare in sorted(declares, key=str):
            prefix = single(g, declare, SH.prefix)
            namespace = single(g, declare, SH.namespace)
            if prefix is None or namespace is None:
                raise ShapeError(
                    name(shape.node), "sh:declare needs one sh:prefix and one sh:namespace"
                )
            previous = found.get(str(prefix))
            if previous not in (None, str(namespace)) and str(prefix) not in standard:
                raise ShapeError(name(shape.node), f"prefix {prefix!s} is declared twice")
            found[str(prefix)] = str(namespace)
    return found


_PREFIX_DECL = re.compile(r"^PREFIX\s+([\w.-]*):", re.MULTILINE | re.IGNORECASE)
_PREFIXED = re.compile(r"(?<![\w$?.:-])([A-Za-z][\w.-]*)?:(?=[\w%])")


def _parses(shape: Shape, text: str) -> None:
    """ShapeError naming the shape when pyoxigraph cannot parse ``text`` (an undeclared
    prefix named as such)."""
    try:
        _EMPTY.query(text)
    except SyntaxError as exc:
        declared = set(_PREFIX_DECL.findall(text))
        used = {m.group(1) or "" for m in _PREFIXED.finditer(q.mask(text))}
        missing = sorted(used - declared)
        if missing:
            names = ", ".join(f"{p}:" for p in missing)
            raise ShapeError(
                name(shape.node),
                f"its SPARQL query uses the undeclared prefix {names} (declare it with "
                "sh:prefixes and sh:declare)",
            ) from None
        reason = str(exc).splitlines()[0]
        raise ShapeError(name(shape.node), f"its SPARQL query does not parse: {reason}") from None


def _select_text(e: Engine, shape: Shape, constraint: Node) -> str:
    select = single(e.g, constraint, SH.select)
    if not isinstance(select, rdflib.Literal) or not isinstance(select.value, str):
        raise ShapeError(name(shape.node), f"sh:sparql {constraint} needs one sh:select string")
    return str(select.value)


def check_constraint(e: Engine, shape: Shape, constraint: Node) -> None:
    text = _select_text(e, shape, constraint)
    path = shape.sparql_path if shape.path else None
    fail = _unsupported(shape)
    rewritten = q.rewrite_select(
        text,
        focus="VALUES ?this { }",
        path=path,
        prefixes=prefixes(e.g, shape, constraint),
        bindings={},
        fail=fail,
    )
    _parses(shape, rewritten)
    if not deactivated(e.g, constraint) and q.focus_free(text, path=path, bindings={}, fail=fail):
        e.share(rewritten, (shape.node, constraint))  # the same text whatever the focus nodes


def run_constraint(e: Engine, shape: Shape, constraint: Node, focus: Focus) -> Iterator[RawResult]:
    if deactivated(e.g, constraint):
        return
    text = _select_text(e, shape, constraint)
    query = q.rewrite_select(
        text,
        focus=focus.pattern,
        path=shape.sparql_path if shape.path else None,
        prefixes=prefixes(e.g, shape, constraint),
        bindings={},
        fail=_failer(shape),
    )
    messages = _messages(e.g, constraint) or _messages(e.g, shape.node)
    yield from _solutions(e, shape, focus, query, messages, {}, str(SH.SPARQLConstraintComponent))


def _messages(g: rdflib.Graph, node: Node) -> list[rdflib.Literal]:
    return sorted(
        (m for m in g.objects(node, SH.message) if isinstance(m, rdflib.Literal)), key=str
    )


def _solutions(
    e: Engine,
    shape: Shape,
    focus: Focus,
    query: str,
    messages: list[rdflib.Literal],
    parameters: dict[str, Node],
    component: str,
) -> Iterator[RawResult]:
    names, solutions = e.solutions(query)
    if "failure" in names:
        raise Unsupported(name(shape.node), "?failure in SPARQL results")
    fixed = None
    if not any(_PLACEHOLDER.search(str(m)) for m in messages):
        fixed = substituted(messages, {}, parameters)  # the same for every solution
    for row in solutions:
        this = row["this"]
        if this not in focus.nodes:
            continue
        value = row["value"] if "value" in names else None
        if value is None and shape.path is None:
            value = this
        path_term = row["path"] if "path" in names else None
        path = Path.iri(path_term) if isinstance(path_term, ox.NamedNode) else None
        if fixed is None:
            found = {n: row[n] for n in names if row[n] is not None}
        yield shape.result(
            this,
            value,
            component,
            path=path,
            messages=fixed if fixed is not None else substituted(messages, found, parameters),
        )


def substituted(
    messages: list[rdflib.Literal], solution: dict[str, object], parameters: dict[str, Node]
) -> tuple[ox.Literal, ...]:
    """``messages`` with ``{?var}`` / ``{$var}`` filled from the solution or the parameters."""

    def text(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in solution:
            term = solution[key]
            return getattr(term, "value", str(term))
        if key in parameters:
            return str(parameters[key])
        return match.group(0)

    out = []
    for m in messages:
        literal = to_ox(rdflib.Literal(_PLACEHOLDER.sub(text, str(m)), lang=m.language))
        assert isinstance(literal, ox.Literal)
        out.append(literal)
    return tuple(out)


class Components:
    """The SPARQL-based constraint components declared in the shapes graph."""

    def __init__(self, engine: Engine) -> None:
        self.e = engine
        self.g = engine.g
        self._declared: dict[Node, list[tuple[rdflib.URIRef, bool]]] | None = None

    def parameters(self) -> dict[Node, list[tuple[rdflib.URIRef, bool]]]:
        """Each component's parameters: (path, optional)."""
        if self._declared is None:
            self._declared = {}
            for component in declared_components(self.g):
                params = []
                for parameter in self.g.objects(component, SH.parameter):
                    path = self.g.value(parameter, SH.path)
                    if not isinstance(path, rdflib.URIRef):
                        raise ShapeError(name(component), "a sh:parameter needs an IRI sh:path")
                    optional = self.g.value(parameter, SH.optional)
                    params.append(
                        (path, isinstance(optional, rdflib.Literal) and optional.value is True)
                    )
                self._declared[component] = sorted(params)
        return self._declared

    def applicable(self, shape: Shape) -> list[tuple[Node, list[tuple[rdflib.URIRef, bool]]]]:
        found = []
        for component, params in self.parameters().items():
            required = [p for p, optional in params if not optional]
            if required and all((shape.node, p, None) in self.g for p in required):
                found.append((component, params))
        return found

    def validator(self, shape: Shape, component: Node) -> Node:
        kind = SH.nodeValidator if shape.path is None else SH.propertyValidator
        for predicate in (kind, SH.validator):
            found = sorted(self.g.objects(component, predicate), key=str)
            for validator in found:
                if predicate == SH.validator and (validator, SH.select, None) in self.g:
                    continue  # sh:validator is for ASK validators
                return validator
        raise Unsupported(
            name(shape.node),
            f"constraint component {name(component)} with no validator for this kind of shape",
        )

    def check(self, shape: Shape) -> None:
        """Unsupported / ShapeError now, rather than mid-run, for the components ``shape`` uses."""
        for component, params in self.applicable(shape):
            validator = self.validator(shape, component)
            for text, bindings in self._queries(shape, validator, params):
                fail = _unsupported(shape)
                pfx = prefixes(self.g, shape, validator)
                if (validator, SH.ask, None) in self.g:
                    body = q.ask_body(text, path=self._path(shape), bindings=bindings, fail=fail)
                    _parses(shape, q.header(pfx) + f"SELECT * WHERE {{ {body} }}")
                else:
                    _parses(
                        shape,
                        q.rewrite_select(
                            text,
                            focus="VALUES ?this { }",
                            path=self._path(shape),
                            prefixes=pfx,
                            bindings=bindings,
                            fail=fail,
                        ),
                    )

    @staticmethod
    def _path(shape: Shape) -> str | None:
        return shape.sparql_path if shape.path is not None else None

    def _queries(
        self, shape: Shape, validator: Node, params: list[tuple[rdflib.URIRef, bool]]
    ) -> Iterator[tuple[str, dict[str, str]]]:
        predicate = SH.ask if (validator, SH.ask, None) in self.g else SH.select
        text = single(self.g, validator, predicate)
        if not isinstance(text, rdflib.Literal):
            raise ShapeError(name(shape.node), f"validator {name(validator)} needs a query string")
        for combination in self._combinations(shape, params):
            yield str(text), {local: nt(v) for local, v in combination.items()}

    def _combinations(
        self, shape: Shape, params: list[tuple[rdflib.URIRef, bool]]
    ) -> Iterator[dict[str, Node]]:
        names = []
        choices = []
        for path, optional in params:
            values = sorted(self.g.objects(shape.node, path), key=str)
            if not values and optional:
                continue
            names.append(_local(path))
            choices.append(values)
        for combination in itertools.product(*choices):
            yield dict(zip(names, combination, strict=True))

    def run(self, shape: Shape, focus: Focus) -> Iterator[RawResult]:
        for component, params in self.applicable(shape):
            validator = self.validator(shape, component)
            pfx = prefixes(self.g, shape, validator)
            messages = _messages(self.g, validator) or _messages(self.g, component)
            messages = _messages(self.g, shape.node) or messages
            ask = (validator, SH.ask, None) in self.g
            for values in self._combinations(shape, params):
                bindings = {local: nt(v) for local, v in values.items()}
                text = str(single(self.g, validator, SH.ask if ask else SH.select))
                fail = _failer(shape)
                if ask:
                    body = q.ask_body(text, path=self._path(shape), bindings=bindings, fail=fail)
                    pattern = self.e.value_pattern(shape, focus)
                    query = q.header(pfx) + (
                        f"SELECT DISTINCT ?this ?value WHERE {{ {pattern} BIND(?v AS ?value) "
                        f"FILTER NOT EXISTS {body} }}"
                    )
                else:
                    query = q.rewrite_select(
                        text,
                        focus=focus.pattern,
                        path=self._path(shape),
                        prefixes=pfx,
                        bindings=bindings,
                        fail=fail,
                    )
                yield from _solutions(self.e, shape, focus, query, messages, values, str(component))


def declared_components(g: rdflib.Graph) -> list[Node]:
    """Every constraint component: a SHACL instance of ``sh:ConstraintComponent`` (its type
    may be a subclass), or anything declaring ``sh:parameter`` with a validator."""
    classes = set(g.transitive_subjects(RDFS.subClassOf, SH.ConstraintComponent))
    found = {c for cls in classes for c in g.subjects(RDF.type, cls)}
    for validator in (SH.validator, SH.nodeValidator, SH.propertyValidator):
        found.update(c for c in g.subjects(validator, None) if (c, SH.parameter, None) in g)
    return sorted(found, key=str)


def _local(iri: rdflib.URIRef) -> str:
    text = str(iri)
    for sep in ("#", "/", ":"):
        text = text.rsplit(sep, 1)[-1]
    return text


__all__ = ["Components", "OxTerm", "check_constraint", "run_constraint"]
