"""The site as a value: the published graph indexed for pages, with its documents' paths.

:class:`Site` is what both ``selaras publish`` (writes every document) and ``selaras serve``
(renders a document when asked) work from, so the two show the same pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import pyoxigraph as ox

from selaras.publish.graph import Published
from selaras.publish.iris import DATASET_DOC, ONTOLOGY_DOC, Paths
from selaras.rdf.dataset import Dataset

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SEL = "https://w3id.org/selaras/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = RDF + "type"
#: Properties whose values name a thing, most preferred first.
LABELS = (
    SKOS + "prefLabel",
    RDFS + "label",
    DCTERMS + "title",
    SEL + "statement",
    SEL + "text",
    SEL + "code",
    SEL + "period",
)
Subject = ox.NamedNode | ox.BlankNode
#: An RDF term (RDF-star quoted triples are not published).
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def text(term: Term) -> str:
    """The IRI, blank node id or lexical form of ``term``."""
    return str(term) if isinstance(term, ox.Triple) else term.value


@dataclass
class Site:
    """The published graph, its paths under the base, and the page language."""

    published: Published
    paths: Paths = field(default_factory=Paths)
    lang: str = "en"
    #: The SPARQL endpoint named in the dataset description (``selaras serve`` sets it).
    sparql_endpoint: str | None = None
    #: ``dcterms:issued`` / ``modified`` of the dataset (an ``xsd:date`` lexical form).
    date: str = "1970-01-01"
    title: str = "Selaras cascade"

    @cached_property
    def outgoing(self) -> dict[Subject, list[ox.Triple]]:
        found: dict[Subject, list[ox.Triple]] = defaultdict(list)
        for triple in self.published.triples():
            if isinstance(triple.subject, ox.NamedNode | ox.BlankNode):
                found[triple.subject].append(triple)
        return dict(found)

    @cached_property
    def incoming(self) -> dict[ox.NamedNode, list[ox.Triple]]:
        """Data triples by object (the ontology's own links are not shown as incoming)."""
        found: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
        for triple in self.published.data:
            if isinstance(triple.object, ox.NamedNode) and triple.predicate.value != RDF_TYPE:
                found[triple.object].append(triple)
        return dict(found)

    @cached_property
    def incoming_ontology(self) -> dict[ox.NamedNode, list[ox.Triple]]:
        """The ontology's triples by object (a concept scheme's concepts, a class's subclasses)."""
        found: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
        for triple in self.published.ontology:
            if isinstance(triple.object, ox.NamedNode):
                found[triple.object].append(triple)
        return dict(found)

    @cached_property
    def documents(self) -> dict[str, ox.NamedNode]:
        """Document path (no extension) -> the data resource it describes, sorted by path."""
        found: dict[str, ox.NamedNode] = {}
        data_subjects = {t.subject for t in self.published.data}
        for subject in data_subjects:
            if not isinstance(subject, ox.NamedNode):
                continue
            doc = self.paths.doc(subject.value)
            if doc is None or doc in (ONTOLOGY_DOC, DATASET_DOC):
                continue
            found[doc] = subject
        return dict(sorted(found.items()))

    @cached_property
    def dataset(self) -> Dataset:
        """The whole published graph as a dataset (the analyses of ``selaras serve`` run on it)."""
        return self.published.dataset()

    @property
    def store(self) -> ox.Store:
        return self.dataset.store

    def values(self, subject: Term, predicate: str) -> list[Term]:
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            return []
        return [t.object for t in self.outgoing.get(subject, ()) if t.predicate.value == predicate]

    def types(self, subject: Subject) -> list[ox.NamedNode]:
        found = [o for o in self.values(subject, RDF_TYPE) if isinstance(o, ox.NamedNode)]
        return sorted(found, key=lambda o: o.value)

    @cached_property
    def _labels(self) -> dict[tuple[Term, str], ox.Literal | None]:
        return {}

    def label(self, term: Term, lang: str | None = None) -> ox.Literal | None:
        """The literal that names ``term`` best in ``lang`` (then any language), or None."""
        if not isinstance(term, ox.NamedNode | ox.BlankNode):
            return None
        lang = lang or self.lang
        key = (term, lang)
        if key not in self._labels:
            self._labels[key] = self._label(term, lang)
        return self._labels[key]

    def _label(self, term: Subject, lang: str) -> ox.Literal | None:
        for predicate in LABELS:
            literals = [v for v in self.values(term, predicate) if isinstance(v, ox.Literal)]
            if not literals:
                continue
            literals.sort(key=lambda v: (v.language != lang, v.language or "", v.value))
            return literals[0]
        return None

    def description(self, thing: Subject) -> list[ox.Triple]:
        """The concise bounded description of ``thing``: its triples, and those of every blank
        node they reach."""
        found: list[ox.Triple] = []
        todo: list[Subject] = [thing]
        seen: set[Subject] = {thing}
        while todo:
            for triple in self.outgoing.get(todo.pop(), ()):
                found.append(triple)
                if isinstance(triple.object, ox.BlankNode) and triple.object not in seen:
                    seen.add(triple.object)
                    todo.append(triple.object)
        return found

    def link(self, iri: str) -> str | None:
        """The site path of the HTML page that documents ``iri`` (with its ``#section``)."""
        doc = self.paths.doc(iri)
        if doc is None:
            return None
        if doc == ONTOLOGY_DOC:
            fragment = iri.split("#", 1)[1] if "#" in iri else ""
            return f"{ONTOLOGY_DOC}.html" + (f"#{fragment}" if fragment else "")
        if doc not in self.documents and doc != DATASET_DOC:
            return None
        return f"{doc}.html"
