"""The engine's target sets answer membership from the store's index before reading every node.

A shape's targets are read lazily (:class:`selaras.shacl_sparql.scope.TargetNodes`): asked
whether one node is a focus node, the engine looks it up; asked for all of them, it reads them.
Both answers must be the same for every kind of target, every kind of term and every graph.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from selaras.shacl_sparql.engine import Engine
from selaras.shacl_sparql.scope import TargetNodes

EX = "http://example.org/"
DATA = f"""
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Sub rdfs:subClassOf ex:C .
ex:a a ex:C ; ex:p ex:b , "lit" , [ ex:q 1 ] .
ex:b a ex:Sub ; ex:p "x"@en .
_:blank a ex:C ; ex:r ex:a .
ex:c ex:r "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""
SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <{EX}> .
ex:ByClass a sh:NodeShape ; sh:targetClass ex:C .
ex:Subjects a sh:NodeShape ; sh:targetSubjectsOf ex:p .
ex:Objects a sh:NodeShape ; sh:targetObjectsOf ex:p , ex:r .
ex:Nodes a sh:NodeShape ; sh:targetNode ex:a , ex:nowhere .
ex:Mixed a sh:NodeShape ; sh:targetClass ex:C ; sh:targetObjectsOf ex:r ; sh:targetNode ex:c .
"""


def _engine(store: ox.Store | None = None) -> Engine:
    if store is not None:  # a second engine on the same store (same blank nodes)
        return Engine(store, rdflib.Graph().parse(data=SHAPES, format="turtle"))
    store = ox.Store()
    store.load(DATA.encode(), ox.RdfFormat.TURTLE)
    # a quad in a named graph is outside the data graph: no target may see it
    store.add(ox.Quad(ox.NamedNode(EX + "g"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "hidden"),
                      ox.NamedNode(EX + "graph")))  # fmt: skip
    store.add(ox.Quad(ox.NamedNode(EX + "hidden"), ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(EX + "C"),
        ox.NamedNode(EX + "graph")))  # fmt: skip
    return Engine(store, rdflib.Graph().parse(data=SHAPES, format="turtle"))


def _every_term(store: ox.Store) -> set[object]:
    terms: set[object] = {
        ox.NamedNode(EX + "hidden"),
        ox.NamedNode(EX + "g"),
        ox.Literal("nowhere"),
        ox.NamedNode(EX + "nowhere"),
    }
    for q in store:
        terms.update((q.subject, q.object))
    return terms


@pytest.mark.parametrize("shape", ["ByClass", "Subjects", "Objects", "Nodes", "Mixed"])
def test_membership_asked_one_by_one_is_membership_in_the_set_read(shape: str) -> None:
    lazy = _engine()
    focus = lazy.targets(rdflib.URIRef(EX + shape))
    assert isinstance(focus.nodes, TargetNodes)
    asked = {t for t in _every_term(lazy.store) if t in focus.nodes}  # before reading them
    if shape != "Nodes":  # a node list is read at once (VALUES): no store look-up is cheaper
        assert focus.nodes._nodes is None
    read = set(_engine(lazy.store).targets(rdflib.URIRef(EX + shape)).nodes)
    assert asked == read
    expected = {
        "ByClass": {f"<{EX}a>", f"<{EX}b>", "blank"},
        "Subjects": {f"<{EX}a>", f"<{EX}b>"},
        "Objects": {
            f"<{EX}b>",
            '"lit"',
            '"x"@en',
            "blank",
            f"<{EX}a>",
            '"5"^^<http://www.w3.org/2001/XMLSchema#integer>',
        },
        "Nodes": {f"<{EX}a>", f"<{EX}nowhere>"},
        "Mixed": {
            f"<{EX}a>",
            f"<{EX}b>",
            "blank",
            f"<{EX}c>",
            '"5"^^<http://www.w3.org/2001/XMLSchema#integer>',
        },
    }[shape]
    assert {"blank" if isinstance(t, ox.BlankNode) else str(t) for t in read} == expected
    assert bool(focus.nodes) and len(focus.nodes) == len(read)


def test_a_target_set_asked_often_is_read_once_then_answers_from_memory() -> None:
    engine = _engine()
    nodes = engine.targets(rdflib.URIRef(EX + "ByClass")).nodes
    assert isinstance(nodes, TargetNodes)
    a = ox.NamedNode(EX + "a")
    for _ in range(TargetNodes.LOOKUPS + 1):
        assert a in nodes
    assert nodes._nodes is not None
    assert ox.NamedNode(EX + "c") not in nodes


def test_set_operators_give_plain_sets_and_empty_targets_are_false() -> None:
    engine = _engine()
    nodes = engine.targets(rdflib.URIRef(EX + "Subjects")).nodes
    a, z = ox.NamedNode(EX + "a"), ox.NamedNode(EX + "z")
    assert {a, z} & nodes == frozenset({a})
    assert nodes - {a} == frozenset({ox.NamedNode(EX + "b")})
    empty = _engine()
    sh = "http://www.w3.org/ns/shacl#"
    shape = f"<{EX}None> a <{sh}NodeShape> ; <{sh}targetClass> <{EX}Nothing> ."
    empty.g.parse(data=shape, format="turtle")
    assert not empty.targets(rdflib.URIRef(EX + "None")).nodes


def test_results_do_not_depend_on_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shapes split into tasks on several threads give the results one thread gives."""
    from pathlib import Path

    import selaras.shacl_sparql.engine as engine
    from selaras.read import read_dataset
    from selaras.validate import validate

    files = sorted(Path(__file__).parent.parent.joinpath("examples", "defects").glob("*.ttl"))
    reports = []
    for threads in (1, 2, 3):
        monkeypatch.setattr(engine, "THREADS", threads)
        report = validate(read_dataset(files, keep_triples=False))
        reports.append([(r.rule_id, str(r.focus), str(r.value)) for r in report.results])
    assert len(reports[0]) > 40
    assert reports[0] == reports[1] == reports[2]
