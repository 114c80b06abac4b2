"""The ontology documented at its namespace: one page, a section per term.

Every class, property, concept scheme and concept of ``ontology/`` has a section whose id is
the term's local name, so the hash IRI ``…/ontology#Unit`` resolves to ``ontology.html#Unit``.
A section shows the labels and definitions in Indonesian and English, the superclasses or
superproperties, domain and range, and the name the term takes in Neo4j.

The project's own template, not pyLODE: pyLODE 3.4.1, looked at in Chromium on this ontology,
runs the Indonesian and English titles together without a break, takes the SKOS concept schemes'
titles for the ontology's own (and shows the ontology's IRI as ``#ValueScheme``), documents no
concept (``ontology#KemenkeuWide`` resolves to no section), and its 3.4.1 wheel does not start
without a patch (it reads a ``pyproject.toml`` it does not ship). See ``docs/publishing.md``.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from selaras import resources
from selaras.publish import rdf
from selaras.publish.iris import ONTOLOGY_DOC, ONTOLOGY_IRI
from selaras.publish.model import RDF_TYPE, RDFS, SEL, SKOS, Site, text
from selaras.publish.pages import Renderer, alternates, common, embedded_jsonld, environment

OWL = "http://www.w3.org/2002/07/owl#"
DCTERMS = "http://purl.org/dc/terms/"
#: (words key, rdf:type of the terms), in page order.
KINDS = (
    ("classes", OWL + "Class"),
    ("object_properties", OWL + "ObjectProperty"),
    ("datatype_properties", OWL + "DatatypeProperty"),
    ("annotation_properties", OWL + "AnnotationProperty"),
    ("schemes", SKOS + "ConceptScheme"),
)


def ontology_triples() -> list[ox.Triple]:
    return sorted(resources.ontology_triples(), key=rdf.sort_key)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _term(site: Site, r: Renderer, term: ox.NamedNode) -> dict[str, Any]:
    def show(predicate: str) -> list[dict[str, Any]]:
        values = [r.value(v) for v in site.values(term, predicate)]
        return sorted(values, key=lambda v: (v.get("lang") != site.lang, str(v["text"])))

    concepts = [
        t.subject
        for t in site.incoming_ontology.get(term, ())
        if t.predicate.value == SKOS + "inScheme" and isinstance(t.subject, ox.NamedNode)
    ]
    return {
        "id": _local(term.value),
        "iri": term.value,
        "title": r.value(term),
        "labels": show(RDFS + "label"),
        "definitions": show(SKOS + "definition"),
        "notation": show(SKOS + "notation"),
        "superclasses": show(RDFS + "subClassOf"),
        "superproperties": show(RDFS + "subPropertyOf"),
        "domain": show(RDFS + "domain"),
        "range": show(RDFS + "range"),
        "graph_name": show(SEL + "graphName"),
        "concepts": [_term(site, r, c) for c in sorted(concepts, key=_concept_order(site))],
    }


def _concept_order(site: Site) -> Any:
    def key(concept: ox.NamedNode) -> tuple[int, str]:
        ranks = [text(v) for v in site.values(concept, SEL + "rank")]
        return (int(ranks[0]) if ranks and ranks[0].isdigit() else 99, concept.value)

    return key


def ontology_page(site: Site, *, formats: tuple[str, ...] = rdf.SITE_FORMATS) -> str:
    r = Renderer(site, f"{ONTOLOGY_DOC}.html")
    ontology = ox.NamedNode(ONTOLOGY_IRI)
    sections = []
    for key, kind in KINDS:
        terms = sorted(
            (
                t.subject
                for t in site.published.triples()
                if t.predicate.value == RDF_TYPE
                and text(t.object) == kind
                and isinstance(t.subject, ox.NamedNode)
                and t.subject.value.startswith(SEL)
            ),
            key=lambda s: _local(s.value).lower(),
        )
        unique = list(dict.fromkeys(terms))
        sections.append({"key": key, "terms": [_term(site, r, t) for t in unique]})
    meta = {
        name: [r.value(v) for v in sorted(site.values(ontology, iri), key=str)]
        for name, iri in (
            ("title", DCTERMS + "title"),
            ("description", DCTERMS + "description"),
            ("version", OWL + "versionInfo"),
            ("license", DCTERMS + "license"),
            ("source", DCTERMS + "source"),
        )
    }
    return (
        environment()
        .get_template("ontology.html.j2")
        .render(
            **common(site, r),
            iri=ONTOLOGY_IRI,
            meta=meta,
            sections=sections,
            alternates=alternates(r, ONTOLOGY_DOC, formats),
            jsonld=embedded_jsonld(ontology_triples()),
        )
    )
