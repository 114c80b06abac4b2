"""The embedded engine: an analysis's SPARQL file on the dataset's pyoxigraph store, no server.

The ontology (levels, perspectives, their notations and ranks) is not part of a dataset; its
triples the store lacks are added to the default graph for the time of the query and taken out
again afterwards (exactly those), so the queries see the same concepts Neo4j holds as nodes and
the dataset is left as it was. (Reading a separate named graph through ``default_graph`` works
too, but makes pyoxigraph's plans about a third slower.)

Parameters are bound by replacing the file's ``VALUES ?name { UNDEF }`` placeholders with a
literal that pyoxigraph itself serialises (so quotes, backslashes and line breaks are escaped);
input text is never pasted into the query otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache

import pyoxigraph as ox

from selaras import resources
from selaras.analyses.catalog import Analysis, Value, unordered
from selaras.errors import InputError
from selaras.namespace import SEL
from selaras.read import Dataset

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
#: The classes a code parameter's kinds stand for.
KIND_CLASSES: dict[str, tuple[str, ...]] = {
    "SS": (str(SEL.StrategicObjective),),
    "IKU": (str(SEL.KeyPerformanceIndicator),),
    "Unit": (str(SEL.Unit), str(SEL.Position)),
}


def placeholder(name: str) -> str:
    """The text a SPARQL file holds where parameter ``name`` is bound."""
    return f"VALUES ?{name} {{ UNDEF }}"


def literal(value: str | int) -> ox.Literal:
    """A parameter value as an RDF literal (xsd:integer for ints, xsd:string otherwise)."""
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=XSD_INTEGER)
    return ox.Literal(value)


def bind(query: str, analysis: Analysis, params: Mapping[str, Value]) -> str:
    """``query`` with every given parameter's placeholders replaced by its escaped literal."""
    for parameter in analysis.parameters:
        value = params.get(parameter.name)
        if value is None:
            continue
        assert isinstance(value, str | int)
        query = query.replace(
            placeholder(parameter.name), f"VALUES ?{parameter.name} {{ {literal(value)} }}"
        )
    return query


@cache
def _ontology_quads() -> tuple[ox.Quad, ...]:
    return tuple(ox.Quad(t.subject, t.predicate, t.object) for t in resources.ontology_triples())


@contextmanager
def with_ontology(store: ox.Store) -> Iterator[ox.Store]:
    """``store`` with the ontology's triples in its default graph while the block runs."""
    missing = [quad for quad in _ontology_quads() if quad not in store]
    store.extend(missing)
    try:
        yield store
    finally:
        for quad in missing:
            store.remove(quad)


def select(
    store: ox.Store, query: str, *, path: str = "query"
) -> tuple[list[str], list[list[str | None]]]:
    """Run a SELECT over the data and the ontology; values as lexical forms, None when unbound."""
    try:
        solutions = store.query(query)
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {exc}", path=path) from exc
    assert isinstance(solutions, ox.QuerySolutions)
    # pyoxigraph writes the solutions as SPARQL JSON results in one call, which json parses in
    # C: for tens of thousands of rows this is about half the time of asking each solution for
    # each term object. A binding's "value" is the term's lexical form (a literal), IRI or
    # blank node id, the same as the term's ``.value``; an unbound variable has no key.
    written = solutions.serialize(format=ox.QueryResultsFormat.JSON)
    assert written is not None  # None only when writing to a file
    data = json.loads(written)
    names: list[str] = data["head"]["vars"]
    rows: list[list[str | None]] = [
        [binding[name]["value"] if name in binding else None for name in names]
        for binding in data["results"]["bindings"]
    ]
    return names, rows


def run(
    analysis: Analysis, dataset: Dataset, params: Mapping[str, Value]
) -> list[list[str | None]]:
    """The raw rows of ``analysis`` on ``dataset`` (one value per declared column)."""
    path = analysis.query_path("sparql")
    query = unordered(bind(path.read_text(encoding="utf-8"), analysis, params))
    with with_ontology(dataset.store) as store:
        names, rows = select(store, query, path=str(path))
    if tuple(names) != analysis.column_names:
        raise InputError(
            f"the query selects {names}, its header declares {list(analysis.column_names)}",
            path=path,
        )
    return rows


def code_exists(dataset: Dataset, code: str, kinds: tuple[str, ...]) -> bool:
    """Whether a node of one of ``kinds`` (SS, IKU, Unit) has ``sel:code`` ``code``."""
    classes = ", ".join(f"<{iri}>" for kind in kinds for iri in KIND_CLASSES[kind])
    query = f"ASK {{ ?node <{SEL.code}> {literal(code)} ; a ?class FILTER(?class IN ({classes})) }}"
    answer = dataset.store.query(query)
    assert isinstance(answer, ox.QueryBoolean)
    return bool(answer)
