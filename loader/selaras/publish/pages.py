"""Resource pages: one HTML page per published resource, from the Jinja2 templates in
``templates/publish/``.

A page shows the labels (Indonesian and English where the data has both), the types, every
property as a link or a typed value, the incoming links, breadcrumbs up the unit hierarchy and,
for a unit holding a strategy map, the map as a perspective table. Every value a page shows from
the data is marked ``class="lit"`` (a test checks each is a literal of the published graph);
the page's own words come from :mod:`selaras.publish.words`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from typing import Any

import jinja2
import pyoxigraph as ox

from selaras import templating
from selaras.publish import rdf
from selaras.publish.iris import href
from selaras.publish.model import RDF_TYPE, RDFS, SEL, SKOS, Site, Subject, Term, text
from selaras.publish.words import INVERSE, WORDS

XSD = "http://www.w3.org/2001/XMLSchema#"
PLAIN = (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
#: child -> parent steps for breadcrumbs, in the order they are tried.
UP = tuple(SEL + p for p in ("partOf", "mapOf", "belongsTo", "holder", "threatens", "measures"))
MAX_INCOMING = 200


@cache
def environment() -> jinja2.Environment:
    """The site's templates (built once: a site renders hundreds of pages)."""
    return templating.environment("templates/publish")


def stylesheet() -> bytes:
    """The site's one stylesheet (``static/site.css``)."""
    loader = environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(environment(), "site.css")
    return source.encode("utf-8")


@cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(rdf.prefixes().items(), key=lambda kv: -len(kv[1])))


def compact(iri: str) -> str:
    """``iri`` as ``prefix:local`` when a known prefix matches, else as it is."""
    for prefix, namespace in _prefixes():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


class Renderer:
    """Builds the values one page shows, with links relative to that page."""

    def __init__(self, site: Site, page: str) -> None:
        self.site = site
        self.page = page  # the page's own site path, e.g. doc/unit/KPPN-TRK.html

    def rel(self, path: str) -> str:
        if "#" in path:
            target, fragment = path.split("#", 1)
            return (href(self.page, target) if target != self.page else "") + "#" + fragment
        return href(self.page, path)

    def value(self, term: Term, *, depth: int = 0) -> dict[str, Any]:
        """One shown value: ``text`` (``lit`` when it is a literal of the graph), ``href``,
        ``lang``, ``datatype`` (compact), ``nested`` (a blank node's own properties)."""
        if isinstance(term, ox.Literal):
            datatype = None if term.datatype.value in PLAIN else compact(term.datatype.value)
            return {"text": term.value, "lit": True, "lang": term.language, "datatype": datatype}
        if isinstance(term, ox.BlankNode):
            nested = self.properties(term, depth=depth + 1) if depth < 2 else []
            return {"text": "[ ]", "lit": False, "nested": nested}
        assert isinstance(term, ox.NamedNode)
        label = self.site.label(term)
        link = self.site.link(term.value)
        found: dict[str, Any] = {
            "text": label.value if label is not None else compact(term.value),
            "lit": label is not None,
            "lang": label.language if label is not None else None,
            "iri": term.value,
        }
        if link is not None:
            found["href"] = self.rel(link)
        elif term.value.startswith(("http://", "https://")):
            found["href"] = term.value
        return found

    def properties(self, subject: Subject, *, depth: int = 0) -> list[dict[str, Any]]:
        groups: dict[str, list[Term]] = defaultdict(list)
        for triple in self.site.outgoing.get(subject, ()):
            groups[triple.predicate.value].append(triple.object)
        rows: list[dict[str, Any]] = []
        for predicate, objects in groups.items():
            values = sorted((self.value(o, depth=depth) for o in objects), key=_order)
            rows.append({"predicate": self.value(ox.NamedNode(predicate)), "objects": values})
        rows.sort(key=lambda r: (r["predicate"]["iri"] != RDF_TYPE, str(r["predicate"]["text"])))
        return rows

    def incoming(self, thing: ox.NamedNode) -> list[dict[str, Any]]:
        groups: dict[str, list[Term]] = defaultdict(list)
        for triple in self.site.incoming.get(thing, ()):
            groups[triple.predicate.value].append(triple.subject)
        rows = []
        for predicate, subjects in sorted(groups.items()):
            local = predicate.rsplit("#", 1)[-1]
            words = INVERSE.get(local)
            heading = (words[0] if self.site.lang == "en" else words[1]) if words else None
            values = sorted((self.value(s) for s in subjects), key=_order)
            rows.append(
                {
                    "heading": heading,
                    "predicate": self.value(ox.NamedNode(predicate)),
                    "objects": values[:MAX_INCOMING],
                    "more": max(0, len(values) - MAX_INCOMING),
                }
            )
        return rows

    def breadcrumbs(self, thing: ox.NamedNode) -> list[dict[str, Any]]:
        chain: list[ox.NamedNode] = []
        current: Subject = thing
        seen = {thing}
        while len(chain) < 30:
            parent = self._parent(current)
            if parent is None or parent in seen:
                break
            seen.add(parent)
            chain.append(parent)
            current = parent
        return [self.value(p) for p in reversed(chain)]

    def _parent(self, node: Subject) -> ox.NamedNode | None:
        for predicate in UP:
            found = [o for o in self.site.values(node, predicate) if isinstance(o, ox.NamedNode)]
            if found:
                return min(found, key=lambda o: o.value)
        if isinstance(node, ox.NamedNode):
            owners = [
                t.subject
                for t in self.site.incoming.get(node, ())
                if t.predicate.value == SEL + "hasTarget" and isinstance(t.subject, ox.NamedNode)
            ]
            if owners:
                return min(owners, key=lambda o: o.value)
        return None

    def strategy_map(self, unit: ox.NamedNode) -> dict[str, Any] | None:
        """The unit's SS by perspective, when a strategy map of the unit is published."""
        maps = [
            t.subject
            for t in self.site.incoming.get(unit, ())
            if t.predicate.value == SEL + "mapOf"
        ]
        if not maps:
            return None
        objectives = [
            t.subject
            for t in self.site.incoming.get(unit, ())
            if t.predicate.value == SEL + "belongsTo"
            and ox.NamedNode(SEL + "StrategicObjective") in self.site.values(t.subject, RDF_TYPE)
        ]
        rows: dict[Term, list[Term]] = defaultdict(list)
        for objective in objectives:
            for perspective in self.site.values(objective, SEL + "perspective"):
                rows[perspective].append(objective)

        def rank(term: Term) -> tuple[int, str]:
            ranks = [int(text(v)) for v in self.site.values(term, SEL + "rank")]
            return (ranks[0] if ranks else 99, str(term))

        return {
            "map": self.value(min(maps, key=str)),
            "picture": _map_picture(self, unit),
            "rows": [
                {
                    "perspective": self.value(p),
                    "objectives": sorted((self.value(o) for o in rows[p]), key=_order),
                }
                for p in sorted(rows, key=rank)
            ],
        }


def _map_picture(renderer: Renderer, unit: ox.NamedNode) -> str | None:
    """The unit's strategy map as inline SVG (selaras.draw), each SS's box a link to its page,
    or None when it cannot be drawn: no code, codes shared with another unit, or no Graphviz
    (the page then shows the table)."""
    from selaras.errors import SelarasError

    site = renderer.site

    def page_of(iri: str) -> str | None:
        link = site.link(iri)
        return renderer.rel(link) if link is not None else None

    codes = site.values(unit, SEL + "code")
    if len(codes) != 1 or not isinstance(codes[0], ox.Literal):
        return None
    from selaras.draw import strategy_map_svg

    try:  # the SVG has no XML declaration: it goes inline as it is
        return strategy_map_svg(site.dataset, codes[0].value, lang=site.lang, links=page_of)
    except SelarasError:
        return None


def _order(value: dict[str, Any]) -> tuple[str, str]:
    return (str(value.get("text", "")), str(value.get("iri", "")))


def embedded_jsonld(triples: list[ox.Triple]) -> str:
    """The JSON-LD of ``triples`` (context inline) safe inside ``<script>``."""
    document = rdf.jsonld_document(triples)
    text = json.dumps(document, indent=1, ensure_ascii=False, sort_keys=False)
    return text.replace("</", "<\\/")


def alternates(renderer: Renderer, doc: str, formats: tuple[str, ...]) -> list[dict[str, str]]:
    return [
        {"fmt": fmt, "type": rdf.MEDIA_TYPES[fmt], "href": renderer.rel(f"{doc}.{fmt}")}
        for fmt in formats
    ]


def common(site: Site, renderer: Renderer) -> dict[str, Any]:
    """What every page's frame needs: words, the links of the header."""
    return {
        "w": WORDS[site.lang],
        "lang": site.lang,
        "css": renderer.rel("static/site.css"),
        "home": renderer.rel("index.html"),
        "dataset_href": renderer.rel("dataset.html"),
        "ontology_href": renderer.rel("ontology.html"),
        "sparql_href": renderer.rel("sparql") if site.sparql_endpoint else None,
        "site_title": site.title,
    }


def resource_page(site: Site, doc: str, *, formats: tuple[str, ...] = rdf.SITE_FORMATS) -> str:
    """The HTML page of the resource documented at ``doc`` (a key of ``site.documents``)."""
    thing = site.documents[doc]
    renderer = Renderer(site, f"{doc}.html")
    labels = [
        renderer.value(v)
        for p in (SKOS + "prefLabel", RDFS + "label")
        for v in site.values(thing, p)
    ]
    title = site.label(thing)
    return (
        environment()
        .get_template("resource.html.j2")
        .render(
            **common(site, renderer),
            title=renderer.value(title) if title is not None else {"text": compact(thing.value)},
            iri=thing.value,
            labels=sorted(labels, key=lambda v: (v.get("lang") != site.lang, v["text"])),
            types=[renderer.value(t) for t in site.types(thing)],
            breadcrumbs=renderer.breadcrumbs(thing),
            properties=renderer.properties(thing),
            incoming=renderer.incoming(thing),
            strategy_map=renderer.strategy_map(thing),
            alternates=alternates(renderer, doc, formats),
            jsonld=embedded_jsonld(site.description(thing)),
        )
    )
