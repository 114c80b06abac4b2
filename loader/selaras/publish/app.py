"""The ASGI app of ``selaras serve`` (Starlette): the site's pages from memory, content
negotiation, a read-only SPARQL 1.1 Protocol endpoint and the named analyses.

Routes (paths relative to the base)::

    id/...  ontology  dataset     the things: 303 See Other to the document Accept asks for
    doc/....html|.ttl|.jsonld|.nt|.rdf, ontology.*, dataset.*   the documents (ETag, 304)
    /  index.html  static/site.css  context.jsonld  .well-known/void  dumps/...  sitemap.xml
    sparql                         SPARQL 1.1 Protocol (GET, POST direct and form); a query page
    analyses, analyses/NAME        the named analyses as JSON (default) or CSV

Nothing is read from the file system by request path: a path that is not one of the site's
documents (``..``, ``%2e%2e``, absolute, NUL) is a 404. Every error is one line of text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import urllib.parse
from collections.abc import Callable
from email.utils import format_datetime
from functools import lru_cache

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from selaras.errors import SelarasError
from selaras.publish import rdf
from selaras.publish.conneg import choose
from selaras.publish.dataset import DUMPS, dataset_page, description
from selaras.publish.index_page import index_page
from selaras.publish.iris import DATASET_DOC, ONTOLOGY_DOC
from selaras.publish.model import Site
from selaras.publish.ontology_page import ontology_page, ontology_triples
from selaras.publish.pages import environment, resource_page, stylesheet
from selaras.publish.sparql import Limits, QueryError, evaluate, serialize
from selaras.publish.words import WORDS
from selaras.publish.write import gz, sitemap

MAX_BODY = 1_000_000
SERVED_FORMATS = ("ttl", "jsonld", "nt", "rdf")
DOC_TYPES = tuple(rdf.MEDIA_TYPES.values())
EXT_BY_TYPE = {media: ext for ext, media in rdf.MEDIA_TYPES.items()}
SHORT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
}
MEDIA_WITH_CHARSET = (
    "text/",
    "application/ld+json",
    "application/n-triples",
    "application/sparql-results",
)


def error(status: int, message: str) -> Response:
    return PlainTextResponse(message.splitlines()[0] + "\n", status_code=status)


class Documents:
    """Every document of the site as bytes, made when first asked for and kept."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.void = description(site)
        self.last_modified = format_datetime(
            dt.datetime.fromisoformat(site.date).replace(tzinfo=dt.UTC), usegmt=True
        )

    def has(self, doc: str) -> bool:
        return doc in self.site.documents or doc in (ONTOLOGY_DOC, DATASET_DOC)

    @lru_cache(maxsize=8192)  # noqa: B019 (one instance per app, lives as long as it)
    def get(self, doc: str, ext: str) -> bytes:
        site = self.site
        if ext == "html":
            if doc == ONTOLOGY_DOC:
                return ontology_page(site, formats=SERVED_FORMATS).encode("utf-8")
            if doc == DATASET_DOC:
                return dataset_page(site, self.void, formats=SERVED_FORMATS).encode("utf-8")
            return resource_page(site, doc, formats=SERVED_FORMATS).encode("utf-8")
        if doc == ONTOLOGY_DOC:
            triples = ontology_triples()
        elif doc == DATASET_DOC:
            triples = self.void
        else:
            triples = site.description(site.documents[doc])
        return rdf.serialize(triples, ext)

    @lru_cache(maxsize=16)  # noqa: B019
    def extra(self, path: str) -> tuple[bytes, str] | None:
        """The site's other files: front page, stylesheet, dumps, VoID, sitemap."""
        site = self.site
        everything = site.published.triples()
        makers: dict[str, Callable[[], tuple[bytes, str]]] = {
            "index.html": lambda: (index_page(site).encode("utf-8"), "text/html"),
            "static/site.css": lambda: (stylesheet(), "text/css"),
            ".well-known/void": lambda: (rdf.serialize(self.void, "ttl"), "text/turtle"),
            "dumps/selaras.ttl.gz": lambda: (
                gz(rdf.serialize(everything, "ttl")),
                "application/gzip",
            ),
            "dumps/selaras.nt.gz": lambda: (
                gz(rdf.serialize(everything, "nt")),
                "application/gzip",
            ),
            "dumps/selaras.jsonld": lambda: (
                rdf.serialize(everything, "jsonld", whole_context=True),
                "application/ld+json",
            ),
            "sitemap.xml": lambda: (self._sitemap(), "application/xml"),
        }
        assert {f"dumps/{n}" for n, _ in DUMPS} <= set(makers)
        maker = makers.get(path)
        return maker() if maker else None

    def _sitemap(self) -> bytes:
        pages = [f"{d}.html" for d in self.site.documents] + [
            "ontology.html",
            "dataset.html",
            "index.html",
        ]
        return sitemap(self.site.paths.base, pages).encode("utf-8")


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith(MEDIA_WITH_CHARSET) else media


def cached(request: Request, body: bytes, media: str, last_modified: str) -> Response:
    """``body`` with an ETag and Last-Modified, or 304 when the client has it."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {
        "ETag": etag,
        "Last-Modified": last_modified,
        "Vary": "Accept",
        "Cache-Control": "public, max-age=300",
    }
    match = request.headers.get("if-none-match")
    if match and (match.strip() == "*" or etag in [m.strip() for m in match.split(",")]):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=_content_type(media), headers=headers)


def create_app(site: Site, *, limits: Limits | None = None) -> Starlette:
    """The app serving ``site`` (its ``sparql_endpoint`` should name this server's ``/sparql``)."""
    limits = limits or Limits()
    docs = Documents(site)
    dataset = site.dataset
    queries = anyio.CapacityLimiter(4)

    async def sparql(request: Request) -> Response:
        text: str | None = None
        params = request.query_params
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await request.body()
            if len(body) > MAX_BODY:
                return error(413, f"the request body is over {MAX_BODY} bytes")
            if kind == "application/x-www-form-urlencoded":
                form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace")))
                if "update" in form:
                    return error(403, "SPARQL Update is not allowed: this endpoint is read-only")
                text = form.get("query")
                params = form  # type: ignore[assignment]
            elif kind == "application/sparql-query":
                text = body.decode("utf-8", "replace")
            elif kind == "application/sparql-update":
                return error(403, "SPARQL Update is not allowed: this endpoint is read-only")
            else:
                return error(
                    415, "POST a query as application/sparql-query or as a form (query=...)"
                )
        else:
            if "update" in params:
                return error(403, "SPARQL Update is not allowed: this endpoint is read-only")
            text = params.get("query")
            if text is None:
                page = (
                    environment()
                    .get_template("sparql.html.j2")
                    .render(
                        w=WORDS[site.lang],
                        lang=site.lang,
                        css="static/site.css",
                        home="index.html",
                        dataset_href="dataset.html",
                        ontology_href="ontology.html",
                        sparql_href="sparql",
                        site_title=site.title,
                        limits=limits,
                    )
                )
                return Response(page, media_type="text/html; charset=utf-8")
        if not text or not text.strip():
            return error(400, "give a query: ?query=... or POST it")
        cancelled = [False]
        try:
            with anyio.fail_after(limits.timeout + 1):
                async with queries:
                    answer = await anyio.to_thread.run_sync(
                        lambda: evaluate(site.store, text, limits, cancelled=cancelled),
                        abandon_on_cancel=True,
                    )
        except TimeoutError:
            cancelled[0] = True
            return error(503, f"the query ran longer than the limit of {limits.timeout:g} s")
        except QueryError as exc:
            return error(exc.status, str(exc))
        short = params.get("format") or params.get("output")
        media = SHORT_FORMATS.get(str(short)) if short else None
        if media not in answer.offered():  # a format= the answer has not: Accept decides
            media = choose(request.headers.get("accept"), answer.offered())
        if media is None:
            return error(
                406,
                f"cannot answer this query as {request.headers.get('accept')}; "
                f"offered: {', '.join(answer.offered())}",
            )
        body = await anyio.to_thread.run_sync(lambda: serialize(answer, media))
        return Response(body, media_type=_content_type(media), headers={"Vary": "Accept"})

    async def analyses_list(request: Request) -> Response:
        from selaras.analyses import analyses

        listing = [
            {
                "name": a.name,
                "description": a.description,
                "parameters": [p.name for p in a.parameters],
            }
            for a in analyses()
        ]
        return Response(json.dumps(listing, indent=2) + "\n", media_type="application/json")

    async def analysis(request: Request) -> Response:
        from selaras import analyses

        name = request.path_params["name"]
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        fmt = request.query_params.get("format")
        if fmt is None:
            media = choose(request.headers.get("accept"), ["application/json", "text/csv"])
            if media is None:
                return error(406, "analyses are served as application/json or text/csv")
            fmt = "json" if media == "application/json" else "csv"
        if fmt not in ("json", "csv"):
            return error(400, f"format must be json or csv, not {fmt!r}")
        try:
            analyses.analysis(name)
        except SelarasError as exc:
            return error(404, str(exc))
        try:
            async with queries:
                result = await anyio.to_thread.run_sync(
                    lambda: analyses.run_analysis(
                        name, engine="embedded", params=params, dataset=dataset
                    )
                )
        except SelarasError as exc:
            return error(400, str(exc))
        body = analyses.render(result, fmt)
        media = "application/json" if fmt == "json" else "text/csv"
        headers = {"Vary": "Accept"}
        if result.warnings:
            headers["Warning"] = '199 selaras "' + result.warnings[0].replace('"', "'") + '"'
        return Response(body, media_type=_content_type(media), headers=headers)

    async def resource(request: Request) -> Response:
        path = request.path_params.get("path", "")
        if "\x00" in path or any(s in ("..", ".") for s in path.split("/")) or path.startswith("/"):
            return error(404, "not found")
        if path in ("", "index.html"):
            path = "index.html"
        found = docs.extra(path)
        if found is not None:
            body, media = found
            return cached(request, body, media, docs.last_modified)
        if path == "context.jsonld":
            from selaras.context import context_text

            return cached(
                request, context_text().encode("utf-8"), "application/ld+json", docs.last_modified
            )
        thing_doc = site.paths.doc(site.paths.base + path) if path else None
        if site.paths.is_thing_path(path) and thing_doc is not None and docs.has(thing_doc):
            chosen = choose(request.headers.get("accept"), DOC_TYPES)
            if chosen is None:
                return error(406, f"offered: {', '.join(DOC_TYPES)}")
            target = "/" + thing_doc + "." + EXT_BY_TYPE[chosen]
            return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
        doc, dot, ext = path.rpartition(".")
        if (
            dot
            and ext in rdf.MEDIA_TYPES
            and docs.has(doc)
            and (ext == "html" or ext in SERVED_FORMATS)
        ):
            body = await anyio.to_thread.run_sync(lambda: docs.get(doc, ext))
            return cached(request, body, rdf.MEDIA_TYPES[ext], docs.last_modified)
        return error(404, f"not found: /{path}")

    routes = [
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/analyses", analyses_list, methods=["GET"]),
        Route("/analyses/{name}", analysis, methods=["GET"]),
        Route("/{path:path}", resource, methods=["GET"]),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
            expose_headers=["ETag", "Location", "Vary"],
        )
    ]
    return Starlette(routes=routes, middleware=middleware)
