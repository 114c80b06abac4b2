"""The RDF -> property-graph rules, derived from the ontology (``sel:graphName``).

Every label, relationship type and property key the loader writes comes from here, and every
name that reaches Cypher text passes :meth:`GraphMapping.label` or :meth:`GraphMapping.rel_type`,
which accept only names the ontology gives. See ``docs/graph-mapping.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import LiteralString, cast

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from selaras import resources
from selaras.namespace import SEL
from selaras.resources import ontology_graph

#: Label every loaded node carries; the uniqueness constraint is on ``:Resource(iri)``.
RESOURCE: LiteralString = "Resource"
#: The dataset name of the ontology's concept nodes.
ONTOLOGY_DATASET = "ontology"
#: Property keys the loader itself sets on every node (never an ontology graph name).
IRI_KEY = "iri"
DATASET_KEY = "dataset"
BLANK_KEY = "blank"
TYPES_KEY = "types"
RESERVED_KEYS = frozenset({IRI_KEY, DATASET_KEY, BLANK_KEY, TYPES_KEY})
#: Suffixes of the side keys that keep a literal exact (``target_lexical``, ``year_datatype``).
LEXICAL = "lexical"
DATATYPE = "datatype"
SIDE_SUFFIXES = frozenset({LEXICAL, DATATYPE})
#: A key suffix after ``_``: a (lower-case) language tag or a side suffix.
_SUFFIX = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_XSD = "http://www.w3.org/2001/XMLSchema#"


class MappingError(ValueError):
    """The ontology's graph names break a rule the mapping needs (a bug in ``ontology/``)."""


@dataclass(frozen=True)
class GraphMapping:
    """What the ontology says about the property graph: labels, types, keys, datatypes.

    ``labels_of_class`` maps a class IRI to its own label and those of its superclasses (sorted);
    ``name_of_predicate`` maps a predicate IRI to its relationship type / property key;
    ``range_of_predicate`` holds the XSD ``rdfs:range`` of datatype properties.
    """

    labels_of_class: dict[str, tuple[str, ...]]
    class_of_label: dict[str, str]
    ancestors_of_label: dict[str, frozenset[str]]
    name_of_predicate: dict[str, str]
    predicate_of_name: dict[str, str]
    range_of_predicate: dict[str, str]
    concept_labels: frozenset[str]
    rank_of_label: dict[str, int]

    @property
    def class_labels(self) -> tuple[str, ...]:
        """Every label a class gives (not ``Resource``), sorted."""
        return tuple(sorted(self.class_of_label))

    @property
    def data_labels(self) -> tuple[str, ...]:
        """Labels of data classes (not SKOS concepts or schemes): each gets an index on ``code``."""
        return tuple(sorted(set(self.class_of_label) - self.concept_labels))

    def label(self, name: str) -> LiteralString:
        """``name`` as Cypher text, if the ontology gives it as a label; else ValueError."""
        if name != RESOURCE and name not in self.class_of_label:
            raise ValueError(f"{name!r} is not a label the ontology gives")
        return _safe(name)

    def rel_type(self, name: str) -> LiteralString:
        """``name`` as Cypher text, if the ontology gives it to a predicate; else ValueError."""
        if name not in self.predicate_of_name:
            raise ValueError(f"{name!r} is not a name the ontology gives a predicate")
        return _safe(name)

    def key(self, name: str) -> LiteralString:
        """``name`` as Cypher text, if the ontology gives it as a property key; else ValueError."""
        return self.rel_type(name)

    def label_text(self, names: Iterable[str]) -> LiteralString:
        """``:A:B`` for whitelisted labels (empty text for none)."""
        text: LiteralString = ""
        for name in sorted(names):
            text = text + ":" + self.label(name)
        return text

    def write_rank(self, labels: Iterable[str]) -> int:
        """Where a node with ``labels`` goes in the load order: the nodes a class points to
        (the ``rdfs:range`` of its properties) come first, so fewer targets are created bare and
        completed later."""
        return max((self.rank_of_label.get(label, 0) for label in labels), default=0)

    def most_specific(self, labels: Iterable[str]) -> list[str]:
        """The labels of ``labels`` that are no other one's superclass, sorted."""
        present = {label for label in labels if label in self.class_of_label}
        implied: set[str] = set()
        for label in present:
            implied |= self.ancestors_of_label[label]
        return sorted(present - implied)

    def split_key(self, key: str) -> tuple[str, str | None]:
        """A property key as (predicate IRI, suffix): ``label_id`` -> (rdfs:label, "id").

        The suffix is None, a language tag, ``lexical`` or ``datatype``. Raises KeyError for a
        key the mapping does not produce.
        """
        if key in self.predicate_of_name:
            return self.predicate_of_name[key], None
        best = ""
        for name in self.predicate_of_name:
            if len(name) > len(best) and key.startswith(name + "_"):
                best = name
        suffix = key[len(best) + 1 :]
        if not best or not _SUFFIX.match(suffix):
            raise KeyError(key)
        return self.predicate_of_name[best], suffix


def _safe(name: str) -> LiteralString:
    if not _NAME.match(name):
        raise ValueError(f"{name!r} cannot be a Cypher name")
    # The name is one the ontology gives, checked against the whitelist by the caller and
    # against _NAME here: safe to place in query text.
    return cast(LiteralString, name)  # type: ignore[redundant-cast]  # mypy: LiteralString is str


@cache
def graph_mapping() -> GraphMapping:
    """The mapping of the shipped ontology (cached)."""
    return build_mapping(ontology_graph())


def build_mapping(onto: rdflib.Graph) -> GraphMapping:
    """Derive the mapping from an ontology graph; raises MappingError for unusable names."""
    named = {
        s: str(o) for s, o in onto.subject_objects(SEL.graphName) if isinstance(s, rdflib.URIRef)
    }
    classes = {
        s
        for s in named
        if (s, RDF.type, OWL.Class) in onto
        or (s, RDF.type, RDFS.Class) in onto
        or (None, RDFS.subClassOf, s) in onto
        or (None, RDF.type, s) in onto
    }
    predicates = set(named) - classes

    names = list(named.values())
    problems = sorted({n for n in names if names.count(n) > 1})
    problems += [n for n in names if not _NAME.match(n) or n in RESERVED_KEYS or n == RESOURCE]
    for a in names:
        for b in names:
            if b.startswith(a + "_") and _SUFFIX.match(b[len(a) + 1 :]):
                problems.append(f"{b} (reads as {a} with a suffix)")
    if problems:
        raise MappingError("unusable sel:graphName values: " + ", ".join(problems))

    def ancestors(cls: rdflib.URIRef) -> set[rdflib.URIRef]:
        found: set[rdflib.URIRef] = set()
        todo = [cls]
        while todo:
            for parent in onto.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(parent, rdflib.URIRef) and parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    labels_of_class: dict[str, tuple[str, ...]] = {}
    ancestors_of_label: dict[str, frozenset[str]] = {}
    concept_labels: set[str] = set()
    for cls in classes:
        up = {named[a] for a in ancestors(cls) if a in classes}
        labels_of_class[str(cls)] = tuple(sorted({named[cls], *up}))
        ancestors_of_label[named[cls]] = frozenset(up)
        if cls in (SKOS.Concept, SKOS.ConceptScheme) or SKOS.Concept in ancestors(cls):
            concept_labels.add(named[cls])

    ranges: dict[str, str] = {}
    points_to: dict[rdflib.URIRef, set[rdflib.URIRef]] = {cls: set() for cls in classes}
    for pred in predicates:
        rng = onto.value(pred, RDFS.range)
        if isinstance(rng, rdflib.URIRef) and str(rng).startswith(_XSD):
            ranges[str(pred)] = str(rng)
        domain = onto.value(pred, RDFS.domain)
        if domain in points_to and rng in classes and rng != domain:
            points_to[domain].add(rng)  # type: ignore[index,arg-type]

    rank: dict[rdflib.URIRef, int] = {}

    def depth(cls: rdflib.URIRef, seen: frozenset[rdflib.URIRef]) -> int:
        if cls not in rank:
            targets = set(points_to[cls])
            for parent in ancestors(cls) & classes:
                targets |= points_to[parent]
            rank[cls] = 1 + max((depth(t, seen | {cls}) for t in targets - seen), default=-1)
        return rank[cls]

    for cls in classes:
        depth(cls, frozenset())

    return GraphMapping(
        labels_of_class=labels_of_class,
        class_of_label={named[c]: str(c) for c in classes},
        ancestors_of_label=ancestors_of_label,
        name_of_predicate={str(p): named[p] for p in predicates},
        predicate_of_name={named[p]: str(p) for p in predicates},
        range_of_predicate=ranges,
        concept_labels=frozenset(concept_labels),
        rank_of_label={named[c]: rank[c] for c in classes},
    )


@cache
def concept_triples() -> tuple[ox.Triple, ...]:
    """The concept nodes of the ontology (SKOS concepts and schemes) as triples.

    These are loaded as dataset ``ontology`` so analysts can traverse levels, perspectives and
    the other closed lists.
    """
    onto = ontology_graph()
    mapping = graph_mapping()
    concept_classes = {
        rdflib.URIRef(mapping.class_of_label[label]) for label in mapping.concept_labels
    }
    subjects = {
        str(s)
        for cls in concept_classes
        for s in onto.subjects(RDF.type, cls)
        if isinstance(s, rdflib.URIRef)
    }
    return tuple(
        t
        for t in resources.ontology_triples()
        if isinstance(t.subject, ox.NamedNode) and t.subject.value in subjects
    )
