"""The JSON-LD context of Selaras data: a short name for every term of the ontology.

``ontology/context.jsonld`` is derived from the ontology by :func:`build_context` and kept in
step with it by a test (``python -m selaras.context > ontology/context.jsonld`` rewrites it).
With it a cascade reads as plain JSON::

    {"id": "ss:SS-KPPN-TRK-1", "type": "StrategicObjective", "belongsTo": "unit:KPPN-TRK",
     "perspective": "StakeholderPerspective", "statement": {"id": "Pelaksanaan anggaran ..."},
     "year": "2025"}

* classes and concepts (levels, perspectives, polarities, ...) by their local name;
* object properties as ``{"@type": "@id"}``, or ``"@vocab"`` when their range is a concept
  scheme's class, so a value is the concept's short name (``"level": "KemenkeuThree"``);
* datatype properties with their XSD range as ``@type`` (values stay strings, exactly as
  written), ``rdf:langString`` ones, ``label`` and ``definition`` as language maps;
* prefixes for the vocabularies used and for Selaras identifiers (``unit:``, ``ss:``, ...).

``selaras export --format jsonld`` writes compact JSON-LD with this context inline.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from selaras import resources
from selaras.namespace import SEL_IRI

#: Where Selaras identifiers live; the spreadsheet importer and the generator mint them so.
ID_BASE = "https://w3id.org/selaras/id/"
ID_KINDS = ("unit", "ss", "iku", "target", "contract", "map", "is", "direction", "risk")
VOCABULARIES = {
    "sel": SEL_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "org": "http://www.w3.org/ns/org#",
    "dcterms": str(DCTERMS),
}
CONTEXT_FILE = "context.jsonld"
#: The IRI a JSON-LD document may use for this context (``"@context": CONTEXT_IRI``); Selaras
#: reads it from ``ontology/context.jsonld``, never from the network.
CONTEXT_IRI = "https://w3id.org/selaras/context.jsonld"


def _local(term: rdflib.term.Node) -> str | None:
    text = str(term)
    return text[len(SEL_IRI) :] if text.startswith(SEL_IRI) else None


def build_context(ontology: rdflib.Graph) -> dict[str, Any]:
    """The context's mapping (the value of ``@context``) for the terms of ``ontology``."""
    concept_classes = set(ontology.transitive_subjects(RDFS.subClassOf, SKOS.Concept))
    terms: dict[str, Any] = {}

    def add(name: str, definition: Any) -> None:
        if name in terms:
            raise ValueError(f"two ontology terms would share the JSON-LD name {name!r}")
        terms[name] = definition

    for cls in ontology.subjects(RDF.type, OWL.Class):
        if (name := _local(cls)) is not None:
            add(name, f"sel:{name}")
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if (name := _local(prop)) is None:
                continue
            rng = ontology.value(prop, RDFS.range)
            definition: dict[str, str] = {"@id": f"sel:{name}"}
            if kind == OWL.ObjectProperty:
                definition["@type"] = "@vocab" if rng in concept_classes else "@id"
            elif rng == RDF.langString:
                definition["@container"] = "@language"
            elif (
                isinstance(rng, rdflib.URIRef)
                and str(rng).startswith(str(XSD))
                and rng != XSD.string
            ):
                definition["@type"] = f"xsd:{str(rng)[len(str(XSD)) :]}"
            add(name, definition)
    concepts = {c for cls in concept_classes for c in ontology.subjects(RDF.type, cls)}
    for concept in concepts | set(ontology.subjects(RDF.type, SKOS.Concept)):
        if (name := _local(concept)) is not None:
            add(name, f"sel:{name}")
    context: dict[str, Any] = {"@version": 1.1, **VOCABULARIES}
    context.update({kind: f"{ID_BASE}{kind}/" for kind in ID_KINDS})
    context.update({"id": "@id", "type": "@type"})
    context["label"] = {"@id": "rdfs:label", "@container": "@language"}
    context["definition"] = {"@id": "skos:definition", "@container": "@language"}
    context["comment"] = {"@id": "rdfs:comment", "@container": "@language"}
    for name in sorted(terms):
        if name in context:
            raise ValueError(f"the ontology term {name!r} clashes with a name of the context")
        context[name] = terms[name]
    return context


def context_text(ontology: rdflib.Graph | None = None) -> str:
    """``ontology/context.jsonld`` as it should read (built from the shipped ontology)."""
    if ontology is None:
        ontology = resources.ontology_graph()
    document = {"@context": build_context(ontology)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@cache
def context() -> dict[str, Any]:
    """The shipped context's mapping (the value of ``@context`` in ``ontology/context.jsonld``)."""
    path = resources.folder("ontology") / CONTEXT_FILE
    mapping: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["@context"]
    return mapping


def inline_context(document: Any) -> Any:
    """``document`` (parsed JSON) with every reference to :data:`CONTEXT_IRI` in an
    ``@context`` replaced by the context itself, so no processor needs to fetch it."""
    if isinstance(document, list):
        return [inline_context(item) for item in document]
    if not isinstance(document, dict):
        return document
    out = {}
    for key, value in document.items():
        if key == "@context":
            if value == CONTEXT_IRI:
                value = context()
            elif isinstance(value, list):
                value = [context() if item == CONTEXT_IRI else item for item in value]
        out[key] = inline_context(value) if key != "@context" else value
    return out


if __name__ == "__main__":
    print(context_text(), end="")
