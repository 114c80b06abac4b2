"""The dataset described: VoID (sizes, class and property partitions, dumps, the SPARQL endpoint)
and DCAT (a ``dcat:Dataset`` with one ``dcat:Distribution`` per dump format).

No blank nodes: partitions and distributions are hash IRIs of the dataset document
(``B dataset#class-sel-Unit``), so the description is the same bytes for the same input.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from selaras._version import __version__
from selaras.publish import rdf
from selaras.publish.iris import DATASET_DOC, ONTOLOGY_IRI
from selaras.publish.model import RDF_TYPE, SEL, Site, Term, text
from selaras.publish.pages import (
    Renderer,
    alternates,
    common,
    compact,
    embedded_jsonld,
    environment,
)

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DEFAULT_PUBLISHER = "https://www.kemenkeu.go.id/"
PUBLISHER_NAME = "Kementerian Keuangan Republik Indonesia"
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
#: The dumps: file name under ``dumps/``, media type.
DUMPS = (
    ("selaras.ttl.gz", "text/turtle"),
    ("selaras.nt.gz", "application/n-triples"),
    ("selaras.jsonld", "application/ld+json"),
)


@dataclass(frozen=True)
class Publisher:
    iri: str = DEFAULT_PUBLISHER
    license: str = DEFAULT_LICENSE


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def description(
    site: Site, *, dump_sizes: dict[str, int] | None = None, publisher: Publisher | None = None
) -> list[ox.Triple]:
    """The VoID and DCAT triples of ``site``'s published graph."""
    publisher = publisher or Publisher()
    base = site.paths.base
    ds = _n(base + DATASET_DOC)
    triples: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: Term) -> None:
        triples.append(ox.Triple(s, _n(p), o))

    def integer(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=_n(XSD + "integer"))

    everything = site.published.triples()
    add(ds, RDF_TYPE, _n(VOID + "Dataset"))
    add(ds, RDF_TYPE, _n(DCAT + "Dataset"))
    add(ds, DCTERMS + "title", ox.Literal(f"{site.title}", language="en"))
    add(ds, DCTERMS + "title", ox.Literal(f"{site.title}", language="id"))
    add(
        ds,
        DCTERMS + "description",
        ox.Literal(
            "The public part of a Kemenkeu strategy cascade (KMK 467/KMK.01/2014) as linked "
            "data: units, strategy maps, strategic objectives (SS), key performance indicators "
            "(IKU), initiatives and contracts, with the Selaras ontology.",
            language="en",
        ),
    )
    add(
        ds,
        DCTERMS + "description",
        ox.Literal(
            "Bagian publik penjabaran strategi Kementerian Keuangan (KMK 467/KMK.01/2014) "
            "sebagai data tertaut: unit, peta strategi, sasaran strategis (SS), indikator kinerja "
            "utama (IKU), inisiatif dan kontrak, beserta ontologi Selaras.",
            language="id",
        ),
    )
    add(ds, DCTERMS + "publisher", _n(publisher.iri))
    add(_n(publisher.iri), RDF_TYPE, _n(FOAF + "Organization"))
    add(_n(publisher.iri), FOAF + "name", ox.Literal(PUBLISHER_NAME, language="id"))
    add(ds, DCTERMS + "license", _n(publisher.license))
    date = ox.Literal(site.date, datatype=_n(XSD + "date"))
    add(ds, DCTERMS + "issued", date)
    add(ds, DCTERMS + "modified", date)
    add(ds, DCAT + "version", ox.Literal(site.date))
    add(ds, DCTERMS + "creator", ox.Literal(f"selaras {__version__}"))
    add(ds, VOID + "vocabulary", _n(SEL))
    add(ds, DCTERMS + "conformsTo", _n(ONTOLOGY_IRI))
    add(ds, VOID + "uriSpace", ox.Literal(base + "id/"))
    add(ds, VOID + "triples", integer(len(everything)))
    subjects = {t.subject for t in everything if isinstance(t.subject, ox.NamedNode)}
    add(ds, VOID + "entities", integer(len(subjects)))
    add(ds, VOID + "distinctSubjects", integer(len({t.subject for t in everything})))
    classes = Counter(text(t.object) for t in everything if t.predicate.value == RDF_TYPE)
    properties = Counter(t.predicate.value for t in everything)
    add(ds, VOID + "classes", integer(len(classes)))
    add(ds, VOID + "properties", integer(len(properties)))
    if site.sparql_endpoint:
        add(ds, VOID + "sparqlEndpoint", _n(site.sparql_endpoint))
    for doc in list(site.documents)[:3]:
        add(ds, VOID + "exampleResource", site.documents[doc])
    for iri, count in sorted(classes.items()):
        part = _n(f"{base}{DATASET_DOC}#class-{_slug(iri)}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", _n(iri))
        add(part, VOID + "entities", integer(count))
    for iri, count in sorted(properties.items()):
        part = _n(f"{base}{DATASET_DOC}#property-{_slug(iri)}")
        add(ds, VOID + "propertyPartition", part)
        add(part, VOID + "property", _n(iri))
        add(part, VOID + "triples", integer(count))
    for name, media in DUMPS:
        url = _n(f"{base}dumps/{name}")
        dist = _n(f"{base}{DATASET_DOC}#dump-{name.replace('.', '-')}")
        add(ds, VOID + "dataDump", url)
        add(ds, DCAT + "distribution", dist)
        add(dist, RDF_TYPE, _n(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", url)
        add(dist, DCAT + "mediaType", _n(f"https://www.iana.org/assignments/media-types/{media}"))
        if name.endswith(".gz"):
            add(dist, DCAT + "compressFormat", _n(_GZIP))
        add(dist, DCTERMS + "license", _n(publisher.license))
        if dump_sizes and name in dump_sizes:
            add(dist, DCAT + "byteSize", integer(dump_sizes[name]))
    return sorted(set(triples), key=rdf.sort_key)


_GZIP = "https://www.iana.org/assignments/media-types/application/gzip"


def _slug(iri: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in compact(iri))


def dataset_page(
    site: Site, triples: list[ox.Triple], *, formats: tuple[str, ...] = rdf.SITE_FORMATS
) -> str:
    """The dataset page: the VoID and DCAT description in words and tables."""
    r = Renderer(site, f"{DATASET_DOC}.html")
    ds = ox.NamedNode(site.paths.base + DATASET_DOC)
    by_subject: dict[str, dict[str, list[Term]]] = {}
    for t in triples:
        by_subject.setdefault(text(t.subject), {}).setdefault(t.predicate.value, []).append(
            t.object
        )
    own = by_subject[ds.value]

    def one(predicate: str, subject: dict[str, list[Term]] = own) -> str:
        values = subject.get(predicate, [])
        return text(values[0]) if values else ""

    def partitions(kind: str, key: str, count: str) -> list[dict[str, Any]]:
        rows = []
        for part in own.get(VOID + kind, []):
            fields = by_subject[text(part)]
            rows.append(
                {"term": r.value(fields[VOID + key][0]), "count": one(VOID + count, fields)}
            )
        return rows

    dumps = []
    for name, media in DUMPS:
        dist = by_subject.get(f"{site.paths.base}{DATASET_DOC}#dump-{name.replace('.', '-')}", {})
        dumps.append(
            {
                "name": name,
                "media": media,
                "href": r.rel(f"dumps/{name}"),
                "size": one(DCAT + "byteSize", dist),
            }
        )
    return (
        environment()
        .get_template("dataset.html.j2")
        .render(
            **common(site, r),
            iri=ds.value,
            titles=[r.value(v) for v in own.get(DCTERMS + "title", [])],
            descriptions=[r.value(v) for v in own.get(DCTERMS + "description", [])],
            triples=one(VOID + "triples"),
            entities=one(VOID + "entities"),
            issued=one(DCTERMS + "issued"),
            version=one(DCAT + "version"),
            license=r.value(own[DCTERMS + "license"][0]),
            publisher=r.value(own[DCTERMS + "publisher"][0]),
            sparql=one(VOID + "sparqlEndpoint"),
            classes=partitions("classPartition", "class", "entities"),
            properties=partitions("propertyPartition", "property", "triples"),
            dumps=dumps,
            left_out=site.published.left_out,
            alternates=alternates(r, DATASET_DOC, formats),
            jsonld=embedded_jsonld(triples),
        )
    )
