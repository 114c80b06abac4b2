"""Triples -> node rows: one row per subject (and per blank node), ready for ``UNWIND $rows``.

A row carries the node's IRI, its labels, its full property map (so ``SET n = row.props`` makes
it exact) and its outgoing relationships. Nothing from the input becomes a label or type: a
class or predicate the ontology gives no graph name is refused with
:class:`~selaras.errors.DatasetError` naming it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from selaras.errors import DatasetError
from selaras.memory import paused_gc
from selaras.neo4j.mapping import (
    BLANK_KEY,
    DATASET_KEY,
    DATATYPE,
    IRI_KEY,
    LEXICAL,
    SIDE_SUFFIXES,
    TYPES_KEY,
    GraphMapping,
)
from selaras.neo4j.values import XSD_STRING, Value, encode

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Prefix of the IRI a blank node gets in Neo4j (the rest is a hash of its content).
BNODE_PREFIX = "urn:selaras:bnode:"

Term = ox.NamedNode | ox.BlankNode
_RESOURCE_TERMS = (ox.NamedNode, ox.BlankNode)


@dataclass
class NodeRow:
    """One node to write: ``labels`` besides ``:Resource``, ``rels`` as (type, target IRI)."""

    iri: str
    labels: tuple[str, ...]
    props: dict[str, Any]
    rels: list[tuple[str, str]] = field(default_factory=list)


class _Subject:
    """What the triples say about one subject (duplicates, from two files, removed later)."""

    __slots__ = ("links", "literals", "term", "types")

    def __init__(self, term: Term) -> None:
        self.term = term
        self.types: set[str] = set()
        self.literals: dict[str, list[ox.Literal]] = {}
        self.links: list[tuple[str, Term]] = []


def node_rows(
    triples: Iterable[ox.Triple], *, dataset: str, mapping: GraphMapping
) -> list[NodeRow]:
    """The node rows of ``triples`` for dataset ``dataset``, in load order (then by IRI).

    Raises DatasetError when a class or predicate has no graph name, or a term cannot be stored
    (an RDF-star quoted triple, a literal class).
    """
    with paused_gc():
        return _node_rows(triples, dataset=dataset, mapping=mapping)


def _node_rows(
    triples: Iterable[ox.Triple], *, dataset: str, mapping: GraphMapping
) -> list[NodeRow]:
    subjects: dict[str, _Subject] = {}  # keyed by N-Triples text: cheap to hash
    unknown: Counter[str] = Counter()
    unusable: Counter[str] = Counter()
    names = mapping.name_of_predicate
    classes = mapping.labels_of_class
    for triple in triples:  # the hot loop of a load: kept plain
        s, o = triple.subject, triple.object
        if isinstance(o, ox.Triple) or not isinstance(s, _RESOURCE_TERMS):
            unusable["an RDF-star quoted triple"] += 1
            continue
        key = str(s)
        entry = subjects.get(key)
        if entry is None:
            entry = subjects[key] = _Subject(s)
        p = triple.predicate.value
        if p == RDF_TYPE:
            if not isinstance(o, ox.NamedNode):
                unusable[f"rdf:type with a non-IRI object {o}"] += 1
            elif o.value not in classes:
                unknown[f"class <{o.value}>"] += 1
            else:
                entry.types.add(o.value)
        elif p not in names:
            unknown[f"predicate <{p}>"] += 1
        elif isinstance(o, ox.Literal):
            literals = entry.literals.get(p)
            if literals is None:
                entry.literals[p] = [o]
            else:
                literals.append(o)
        else:
            entry.links.append((p, o))
            if isinstance(o, ox.BlankNode) and str(o) not in subjects:
                subjects[str(o)] = _Subject(o)
    if unknown:
        listed = ", ".join(f"{name} ({count} triples)" for name, count in sorted(unknown.items()))
        raise DatasetError(
            f"cannot load into Neo4j: the ontology gives no graph name to {listed}; only "
            "ontology terms are loaded (see docs/graph-mapping.md)"
        )
    if unusable:
        listed = ", ".join(f"{name} ({count})" for name, count in sorted(unusable.items()))
        raise DatasetError(f"cannot load into Neo4j: {listed}")

    iris = _blank_node_iris(subjects, dataset)
    typing: dict[frozenset[str], tuple[tuple[str, ...], list[str] | None]] = {}
    rows = [_row(entry, iris, dataset, mapping, typing) for entry in subjects.values()]
    rows.sort(key=lambda r: (mapping.write_rank(r.labels), r.iri))
    return rows


def _iri(term: Term, iris: dict[ox.BlankNode, str]) -> str:
    return iris[term] if isinstance(term, ox.BlankNode) else term.value


def _row(
    entry: _Subject,
    iris: dict[ox.BlankNode, str],
    dataset: str,
    mapping: GraphMapping,
    typing: dict[frozenset[str], tuple[tuple[str, ...], list[str] | None]],
) -> NodeRow:
    term = entry.term
    iri = _iri(term, iris)
    props: dict[str, Any] = {IRI_KEY: iri, DATASET_KEY: dataset}
    if isinstance(term, ox.BlankNode):
        props[BLANK_KEY] = True
    types = frozenset(entry.types)
    if types not in typing:  # a handful of type combinations in a whole cascade
        typing[types] = _labels(types, mapping)
    labels, asserted = typing[types]
    if asserted is not None:
        props[TYPES_KEY] = asserted
    names = mapping.name_of_predicate
    for predicate, literals in entry.literals.items():
        if len(literals) > 1:
            literals = list(dict.fromkeys(literals))
        if len(literals) == 1:
            (literal,) = literals
            if literal.language:
                tag = literal.language.lower()
                if tag not in SIDE_SUFFIXES:
                    props[f"{names[predicate]}_{tag}"] = literal.value
                    continue
            elif (
                literal.datatype == _XSD_STRING
                and mapping.range_of_predicate.get(predicate, XSD_STRING) == XSD_STRING
            ):
                props[names[predicate]] = literal.value
                continue
        props.update(literal_props(mapping, predicate, list(literals)))
    rels = sorted({(names[p], _iri(target, iris)) for p, target in entry.links})
    return NodeRow(iri=iri, labels=labels, props=props, rels=rels)


_XSD_STRING = ox.NamedNode(XSD_STRING)


def _labels(
    types: frozenset[str], mapping: GraphMapping
) -> tuple[tuple[str, ...], list[str] | None]:
    """The labels of a node with these classes, and its ``types`` side key (None: not needed)."""
    labels: set[str] = set()
    for cls in types:
        labels.update(mapping.labels_of_class[cls])
    asserted = sorted(_own_label(cls, mapping) for cls in types)
    return tuple(sorted(labels)), (None if asserted == mapping.most_specific(labels) else asserted)


def _own_label(cls: str, mapping: GraphMapping) -> str:
    for label in mapping.labels_of_class[cls]:
        if mapping.class_of_label[label] == cls:
            return label
    raise AssertionError(cls)


def literal_props(
    mapping: GraphMapping, predicate: str, literals: list[ox.Literal]
) -> dict[str, Any]:
    """The property keys and values for the literal objects of one predicate of one subject.

    Language-tagged literals go to ``<key>_<tag>``; others to ``<key>`` (a sorted list when
    several), with ``<key>_lexical`` / ``<key>_datatype`` only when needed to stay exact.
    Several values that are not all of one plain type are kept as lexical forms in ``<key>``
    with a parallel list of datatypes in ``<key>_datatype``.
    """
    key = mapping.name_of_predicate[predicate]
    range_ = mapping.range_of_predicate.get(predicate)
    props: dict[str, Any] = {}
    tagged: dict[str, list[str]] = defaultdict(list)
    plain: list[ox.Literal] = []
    for literal in literals:
        if literal.language:
            tag = literal.language.lower()
            if tag in SIDE_SUFFIXES:
                raise DatasetError(
                    f"cannot load into Neo4j: language tag {tag!r} on <{predicate}> is "
                    "reserved by the mapping"
                )
            tagged[tag].append(literal.value)
        else:
            plain.append(literal)
    for tag, texts in tagged.items():
        props[f"{key}_{tag}"] = texts[0] if len(texts) == 1 else sorted(texts)
    if len(plain) == 1:
        enc = encode(plain[0].value, plain[0].datatype.value, range_)
        props[key] = enc.value
        if enc.lexical is not None:
            props[f"{key}_{LEXICAL}"] = enc.lexical
        if enc.datatype is not None:
            props[f"{key}_{DATATYPE}"] = enc.datatype
    elif plain:
        encoded = [encode(lit.value, lit.datatype.value, range_) for lit in plain]
        kinds = {type(e.value) for e in encoded}
        if len(kinds) == 1 and all(e.lexical is None and e.datatype is None for e in encoded):
            values: list[Value] = [e.value for e in encoded]
            props[key] = sorted(values)
        else:
            pairs = sorted((lit.value, lit.datatype.value) for lit in plain)
            props[key] = [lexical for lexical, _ in pairs]
            props[f"{key}_{DATATYPE}"] = [dtype for _, dtype in pairs]
    return props


def _blank_node_iris(subjects: dict[str, _Subject], dataset: str) -> dict[ox.BlankNode, str]:
    """A stable IRI for each blank node, from its content and its neighbours (not its label).

    Blank nodes that do not reach themselves through other blank nodes (trees, chains, shared
    sub-structures: all that Turtle's ``[ ]`` writes) are named in linear time: a hash of each
    node's content and the hashes of the blank nodes it points to (children first), then a hash
    of that and the names of the nodes pointing to it (parents first). Cyclic blank structures
    fall back to colour refinement (:func:`_refined`), quadratic at worst. Blank nodes neither
    tells apart are interchangeable and are numbered in a stable order.
    """
    blanks = [key for key, entry in subjects.items() if isinstance(entry.term, ox.BlankNode)]
    if not blanks:
        return {}
    incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, entry in subjects.items():
        for p, target in entry.links:
            if isinstance(target, ox.BlankNode):
                incoming[str(target)].append((key, p))
    order = _children_first(blanks, subjects)
    if order is None:
        colours = _refined(blanks, subjects, incoming, dataset)
    else:
        down: dict[str, str] = {}
        for b in order:
            entry = subjects[b]
            parts = _content(entry, dataset)
            parts += sorted(
                f"> {p} " + (f"_:{down[str(t)]}" if isinstance(t, ox.BlankNode) else str(t))
                for p, t in set(entry.links)
            )
            down[b] = _digest(parts)
        colours = {}
        for b in reversed(order):
            parts = [down[b]]
            parts += sorted(
                f"< {p} " + (f"_:{colours[s]}" if s in colours else s) for s, p in incoming[b]
            )
            colours[b] = _digest(parts)
    seen: Counter[str] = Counter()
    iris: dict[ox.BlankNode, str] = {}
    for b in sorted(blanks, key=lambda b: colours[b]):
        seen[colours[b]] += 1
        suffix = "" if seen[colours[b]] == 1 else f"-{seen[colours[b]]}"
        term = subjects[b].term
        assert isinstance(term, ox.BlankNode)
        iris[term] = BNODE_PREFIX + colours[b] + suffix
    return iris


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def _content(entry: _Subject, dataset: str) -> list[str]:
    parts = [dataset, *sorted(entry.types)]
    parts += sorted({f"{p} {lit}" for p, lits in entry.literals.items() for lit in lits})
    return parts


def _children_first(blanks: list[str], subjects: dict[str, _Subject]) -> list[str] | None:
    """The blank nodes, each after every blank node it points to; None when there is a cycle."""
    pending = {b: 0 for b in blanks}
    parents: dict[str, list[str]] = defaultdict(list)
    for b in blanks:
        for t in {str(t) for _, t in subjects[b].links if isinstance(t, ox.BlankNode)}:
            pending[b] += 1
            parents[t].append(b)
    ready = [b for b in blanks if pending[b] == 0]
    order: list[str] = []
    while ready:
        b = ready.pop()
        order.append(b)
        for parent in parents[b]:
            pending[parent] -= 1
            if pending[parent] == 0:
                ready.append(parent)
    return order if len(order) == len(blanks) else None


def _refined(
    blanks: list[str],
    subjects: dict[str, _Subject],
    incoming: dict[str, list[tuple[str, str]]],
    dataset: str,
) -> dict[str, str]:
    """Colour refinement: each round hashes a node's edges with its neighbours' colours."""

    def name(key: str, colours: dict[str, str]) -> str:
        return "_:" + colours[key] if key in colours else key

    colours = {b: "" for b in blanks}
    for _round in range(len(blanks) + 1):
        new: dict[str, str] = {}
        for b in blanks:
            entry = subjects[b]
            parts = _content(entry, dataset)
            parts += sorted({f"> {p} {name(str(t), colours)}" for p, t in entry.links})
            parts += sorted(f"< {p} {name(s, colours)}" for s, p in incoming[b])
            new[b] = _digest(parts)
        stable = len(set(new.values())) == len(set(colours.values()))
        colours = new
        if stable and _round > 0:
            break
    return colours
