"""What is published: the dataset without its staff, plus the ontology.

Privacy by default: staff positions (``sel:Position``, or any unit at level Kemenkeu-Five) are
people's posts, and their performance contracts say what one person is held to. They and
everything that hangs off them are left out unless ``include_staff``:

* a position, and a unit at ``sel:KemenkeuFive``;
* whatever points at something left out through an ownership property (``sel:belongsTo``,
  ``sel:holder``, ``sel:mapOf``, ``sel:partOf``, ``sel:threatens``, ``sel:measures``): the
  position's contract, its SS and IKU, the risks to those SS;
* whatever something left out points at through ``sel:hasTarget`` (the IKU's period targets)
  and every blank node a left-out subject points at.

Then every triple whose subject or object is left out is dropped, so a public SS no longer names
the staff SS cascaded from it. The published graph is the rest, with the ontology's own triples
(classes, properties, concept schemes) beside it, so it can be read and queried on its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from selaras import resources
from selaras.namespace import SEL
from selaras.read import Dataset

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: child --property--> owner: the child goes with its owner.
OWNED_BY = tuple(
    str(p) for p in (SEL.belongsTo, SEL.holder, SEL.mapOf, SEL.partOf, SEL.threatens, SEL.measures)
)
#: owner --property--> child.
OWNS = (str(SEL.hasTarget),)


@dataclass(frozen=True)
class Published:
    """The published graph: ``data`` (the dataset's public triples), ``ontology``, and how many
    resources the privacy filter left out."""

    data: tuple[ox.Triple, ...]
    ontology: tuple[ox.Triple, ...]
    left_out: int

    def triples(self) -> tuple[ox.Triple, ...]:
        return self.data + self.ontology

    def dataset(self) -> Dataset:
        """A fresh dataset of the whole published graph (its store built on first use)."""
        return Dataset(self.triples())


def private_resources(triples: Iterable[ox.Triple]) -> set[ox.NamedNode | ox.BlankNode]:
    """The staff positions and everything owned by them (see the module docstring)."""
    position, five = str(SEL.Position), str(SEL.KemenkeuFive)
    level = str(SEL.level)
    owners: dict[object, list[object]] = defaultdict(list)  # owner -> children
    private: set[ox.NamedNode | ox.BlankNode] = set()
    for t in triples:
        p, o = t.predicate.value, t.object
        value = o.value if isinstance(o, ox.NamedNode) else None
        staff = (p == RDF_TYPE and value == position) or (p == level and value == five)
        if staff and isinstance(t.subject, ox.NamedNode | ox.BlankNode):
            private.add(t.subject)
        if p in OWNED_BY:
            owners[o].append(t.subject)
        elif p in OWNS or isinstance(o, ox.BlankNode):
            owners[t.subject].append(o)
    todo = list(private)
    while todo:
        for child in owners.get(todo.pop(), ()):
            if child not in private and isinstance(child, ox.NamedNode | ox.BlankNode):
                private.add(child)
                todo.append(child)
    return private


def published_graph(triples: Iterable[ox.Triple], *, include_staff: bool = False) -> Published:
    """The published graph of a dataset's ``triples`` (``Dataset.triples()``, as parsed: lexical
    forms kept, where the dataset's store would turn ``"80.00"`` into ``"80"``):
    without the staff (unless ``include_staff``), and with the ontology's triples not already in
    it. A triple given twice is published once."""
    data = list(set(triples))
    left_out: set[ox.NamedNode | ox.BlankNode] = set()
    if not include_staff:
        left_out = private_resources(data)
        data = [t for t in data if t.subject not in left_out and t.object not in left_out]
    data.sort(key=_key)
    present = set(data)
    ontology = sorted((t for t in resources.ontology_triples() if t not in present), key=_key)
    return Published(data=tuple(data), ontology=tuple(ontology), left_out=len(left_out))


def _key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))
