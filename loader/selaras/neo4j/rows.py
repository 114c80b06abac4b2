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
from selaras.neo4j.values import Value, encode

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Prefix of the IRI a blank node gets in Neo4j (the rest is a hash of its content).
BNODE_PREFIX = "urn:selaras:bnode:"

Term = ox.NamedNode | ox.BlankNode
#: What the mapping reads: triples, or quads (their graph ignored) as a parser gives them.
Statement = ox.Triple | ox.Quad
_RESOURCE_TERMS = (ox.NamedNode, ox.BlankNode)


@dataclass
class NodeRow:
    """One node to write: ``labels`` besides ``:Resource``, ``rels`` as (type, target IRI)."""

    iri: str
    labels: tuple[str, ...]
    props: dict[str, Any]
    rels: list[tuple[str, str]] = field(default_factory=list)


class _Subject:
    """What the triples say about one subject (duplicates, from two files, removed later).

    ``links`` hold (relationship type, target IRI) for IRI targets, ``blank_links``
    (relationship type, target key) for blank-node targets: the key is the blank node's
    N-Triples text (``_:b0``), as in the subjects of :func:`_node_rows`. ``literals`` hold the
    literal objects by predicate IRI, each literal one shared object however often it occurs.
    """

    __slots__ = ("blank_links", "links", "literals", "term", "types")

    def __init__(self, term: Term) -> None:
        self.term = term
        self.types: set[str] = set()
        self.literals: dict[str, list[ox.Literal]] = {}
        self.links: list[tuple[str, str]] = []
        self.blank_links: list[tuple[str, str]] = []


def node_rows(
    triples: Iterable[Statement], *, dataset: str, mapping: GraphMapping
) -> list[NodeRow]:
    """The node rows of ``triples`` for dataset ``dataset``, in load order (then by IRI).

    Raises DatasetError when a class or predicate has no graph name, or a term cannot be stored
    (an RDF-star quoted triple, a literal class).
    """
    with paused_gc():
        return _node_rows(triples, dataset=dataset, mapping=mapping)


def _node_rows(
    triples: Iterable[Statement], *, dataset: str, mapping: GraphMapping
) -> list[NodeRow]:
    subjects = _subjects(triples, mapping)
    iris = _blank_node_iris(subjects, dataset, mapping)
    typing: dict[frozenset[str], _Typing] = {}
    encoded: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    rows = [
        _row(key, entry, iris, dataset, mapping, typing, encoded) for key, entry in subjects.items()
    ]
    rank = {labels: rank for labels, _asserted, rank in typing.values()}
    rows.sort(key=lambda r: (rank[r.labels], r.iri))
    return rows


def _subjects(triples: Iterable[Statement], mapping: GraphMapping) -> dict[str, _Subject]:
    """What the triples say about each subject, keyed by its N-Triples text (cheap to hash),
    in order of first appearance; DatasetError for terms the mapping cannot carry."""
    subjects: dict[str, _Subject] = {}
    unknown: Counter[str] = Counter()
    unusable: Counter[str] = Counter()
    names = mapping.name_of_predicate
    classes = mapping.labels_of_class
    last: object = None  # the subject of the triple before: a file lists a subject's together
    shared: dict[ox.Literal, ox.Literal] = {}  # each literal once (a cascade repeats them)
    entry = _Subject(ox.BlankNode())  # replaced at the first triple
    for triple in triples:  # the hot loop of a load: kept plain
        s = triple.subject
        if s != last:
            if not isinstance(s, _RESOURCE_TERMS):
                unusable["an RDF-star quoted triple"] += 1
                continue
            key = str(s)
            found = subjects.get(key)
            if found is None:
                found = subjects[key] = _Subject(s)
            entry, last = found, s
        o = triple.object
        p = triple.predicate.value
        if p == RDF_TYPE:
            if type(o) is not ox.NamedNode:
                unusable[_non_iri_class(o)] += 1
            elif o.value not in classes:
                unknown[f"class <{o.value}>"] += 1
            else:
                entry.types.add(o.value)
        elif (name := names.get(p)) is None:
            if isinstance(o, ox.Triple):
                unusable["an RDF-star quoted triple"] += 1
            else:
                unknown[f"predicate <{p}>"] += 1
        elif type(o) is ox.Literal:
            o = shared.setdefault(o, o)
            literals = entry.literals.get(p)
            if literals is None:
                entry.literals[p] = [o]
            else:
                literals.append(o)
        elif type(o) is ox.NamedNode:
            entry.links.append((name, o.value))
        elif type(o) is ox.BlankNode:
            target = str(o)
            entry.blank_links.append((name, target))
            if target not in subjects:
                subjects[target] = _Subject(o)
        else:
            unusable["an RDF-star quoted triple"] += 1
    if unknown:
        listed = ", ".join(f"{name} ({count} triples)" for name, count in sorted(unknown.items()))
        raise DatasetError(
            f"cannot load into Neo4j: the ontology gives no graph name to {listed}; only "
            "ontology terms are loaded (see docs/graph-mapping.md)"
        )
    if unusable:
        listed = ", ".join(f"{name} ({count})" for name, count in sorted(unusable.items()))
        raise DatasetError(f"cannot load into Neo4j: {listed}")
    return subjects


def _non_iri_class(o: object) -> str:
    if isinstance(o, ox.Triple):
        return "an RDF-star quoted triple"
    return f"rdf:type with a non-IRI object {o}"


#: A node's labels, its ``types`` side key (None: not needed) and its write rank.
_Typing = tuple[tuple[str, ...], list[str] | None, int]


def _row(
    key: str,
    entry: _Subject,
    iris: dict[str, str],
    dataset: str,
    mapping: GraphMapping,
    typing: dict[frozenset[str], _Typing],
    encoded: dict[str, dict[int, dict[str, Any]]],
) -> NodeRow:
    """The row of one subject. ``typing`` and ``encoded`` are caches shared by the rows: the
    labels of each combination of classes, the properties of each (predicate, literal), the
    literal by its ``id`` (one object per literal while the subjects live: see _Subject)."""
    blank = key in iris
    iri = iris[key] if blank else key[1:-1]
    props: dict[str, Any] = {IRI_KEY: iri, DATASET_KEY: dataset}
    if blank:
        props[BLANK_KEY] = True
    types = frozenset(entry.types)
    typed = typing.get(types)
    if typed is None:  # a handful of type combinations in a whole cascade
        typed = typing[types] = _labels(types, mapping)
    labels, asserted, _rank = typed
    if asserted is not None:
        props[TYPES_KEY] = asserted
    for predicate, literals in entry.literals.items():
        if len(literals) > 1:
            literals = list(dict.fromkeys(literals))
        if len(literals) == 1:  # the cascade's case: the same few literals over and over
            cache = encoded[predicate]
            (literal,) = literals
            found = cache.get(id(literal))
            if found is None:
                found = cache[id(literal)] = literal_props(mapping, predicate, literals)
            props.update(found)
        else:
            props.update(literal_props(mapping, predicate, literals))
    rels = set(entry.links)
    if entry.blank_links:
        rels.update((name, iris[target]) for name, target in entry.blank_links)
    return NodeRow(iri=iri, labels=labels, props=props, rels=sorted(rels))


def _labels(types: frozenset[str], mapping: GraphMapping) -> _Typing:
    """The labels of a node with these classes, its ``types`` side key (None: not needed) and
    its write rank."""
    labels: set[str] = set()
    for cls in types:
        labels.update(mapping.labels_of_class[cls])
    asserted = sorted(_own_label(cls, mapping) for cls in types)
    side = None if asserted == mapping.most_specific(labels) else asserted
    return tuple(sorted(labels)), side, mapping.write_rank(labels)


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


def _blank_node_iris(
    subjects: dict[str, _Subject], dataset: str, mapping: GraphMapping
) -> dict[str, str]:
    """A stable IRI for each blank node, from its content and its neighbours (not its label).

    Blank nodes that do not reach themselves through other blank nodes (trees, chains, shared
    sub-structures: all that Turtle's ``[ ]`` writes) are named in linear time: a hash of each
    node's content and the hashes of the blank nodes it points to (children first), then a hash
    of that and the names of the nodes pointing to it (parents first). Cyclic blank structures
    fall back to colour refinement (:func:`_refined`), quadratic at worst. Blank nodes neither
    tells apart are interchangeable and are numbered in a stable order. Keyed like ``subjects``.
    """
    blanks = [key for key, entry in subjects.items() if isinstance(entry.term, ox.BlankNode)]
    if not blanks:
        return {}
    predicate = mapping.predicate_of_name
    incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, entry in subjects.items():
        for name, target in entry.blank_links:
            incoming[target].append((key, predicate[name]))
    order = _children_first(blanks, subjects)
    if order is None:
        colours = _refined(blanks, subjects, incoming, dataset, predicate)
    else:
        down: dict[str, str] = {}
        for b in order:
            entry = subjects[b]
            parts = _content(entry, dataset)
            parts += sorted(
                [f"> {predicate[n]} <{t}>" for n, t in set(entry.links)]
                + [f"> {predicate[n]} _:{down[t]}" for n, t in set(entry.blank_links)]
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
    iris: dict[str, str] = {}
    for b in sorted(blanks, key=lambda b: colours[b]):
        seen[colours[b]] += 1
        suffix = "" if seen[colours[b]] == 1 else f"-{seen[colours[b]]}"
        iris[b] = BNODE_PREFIX + colours[b] + suffix
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
        for t in {t for _, t in subjects[b].blank_links}:
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
    predicate: dict[str, str],
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
            parts += sorted(
                {f"> {predicate[n]} <{t}>" for n, t in entry.links}
                | {f"> {predicate[n]} {name(t, colours)}" for n, t in entry.blank_links}
            )
            parts += sorted(f"< {p} {name(s, colours)}" for s, p in incoming[b])
            new[b] = _digest(parts)
        stable = len(set(new.values())) == len(set(colours.values()))
        colours = new
        if stable and _round > 0:
            break
    return colours
