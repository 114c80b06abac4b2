"""Publish stage: the public part of a cascade as linked data.

One module per step::

    graph          what is published: the dataset without its staff, plus the ontology
    iris           the base, and where each IRI's documents live (slash IRIs, 303 See Other)
    model          Site: the published graph indexed for pages
    rdf            documents as Turtle, N-Triples, RDF/XML (pyoxigraph) and JSON-LD (selaras.jsonld)
    pages          resource pages (Jinja2 templates in templates/publish/)
    ontology_page  the ontology documented at its namespace
    dataset        VoID and DCAT, the dataset page
    index_page     the front page
    write          the static site folder (dumps, sitemap, .htaccess)
    http, push     the Graph Store Protocol client (``--to``)
    sparql         the read-only SPARQL endpoint's engine: timeout, result cap, result formats
    app            the ASGI app of ``selaras serve`` (Starlette)

:func:`build_site` makes the :class:`Site` both ``selaras publish`` and ``selaras serve`` use.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from selaras.errors import DatasetError
from selaras.publish.graph import Published, published_graph
from selaras.publish.iris import DEFAULT_BASE, Paths, check_base
from selaras.publish.model import Site

__all__ = ["DEFAULT_BASE", "Published", "Site", "build_site", "published_graph"]


def build_site(
    triples: Iterable[ox.Triple],
    *,
    base: str = DEFAULT_BASE,
    include_staff: bool = False,
    lang: str = "en",
    date: str = "1970-01-01",
    title: str = "Selaras cascade",
    sparql_endpoint: str | None = None,
) -> Site:
    """The site of a dataset's ``triples`` (as parsed) under ``base``.

    Raises BaseError for a malformed base and
    DatasetError when no resource of the dataset has an IRI under it."""
    paths = Paths(check_base(base))
    site = Site(
        published=published_graph(triples, include_staff=include_staff),
        paths=paths,
        lang=lang,
        date=date,
        title=title,
        sparql_endpoint=sparql_endpoint,
    )
    if not site.documents:
        raise DatasetError(
            f"no resource of the dataset has an IRI under the base {base} (documented IRIs "
            f"start with it; the default is {DEFAULT_BASE})"
        )
    return site
