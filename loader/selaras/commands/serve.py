"""``selaras serve``: the published site over HTTP, with content negotiation and SPARQL."""

from __future__ import annotations

from pathlib import Path

import click

from selaras.commands.options import page_lang_option, paths_argument, progress_for, title_option
from selaras.publish.iris import DEFAULT_BASE


@click.command()
@paths_argument
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="Port to bind."
)
@click.option(
    "--base",
    default=DEFAULT_BASE,
    show_default=True,
    help="IRI prefix of the published resources; request paths are IRIs relative to it.",
)
@click.option(
    "--include-staff", is_flag=True, help="Also serve staff positions and their contracts."
)
@page_lang_option
@title_option
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a SPARQL query may run.",
)
@click.option(
    "--max-results",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Most solutions or triples a SPARQL query may return.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress output and no request log.")
def serve(
    paths: tuple[Path, ...],
    host: str,
    port: int,
    base: str,
    include_staff: bool,
    lang: str,
    title: str,
    timeout: float,
    max_results: int,
    quiet: bool,
) -> None:
    """Serve cascades (RDF files, folders, spreadsheets) as linked data over HTTP.

    The same pages as `selaras publish`, plus: content negotiation on every resource IRI
    (303 See Other to the HTML, Turtle, JSON-LD, N-Triples or RDF/XML document), a read-only
    SPARQL 1.1 endpoint at /sparql, and the named analyses at /analyses/NAME (JSON or CSV).
    Binds 127.0.0.1 unless --host says otherwise. Stop with Ctrl-C.
    """
    import uvicorn

    from selaras.publish import build_site
    from selaras.publish.app import create_app
    from selaras.publish.iris import check_base
    from selaras.publish.sparql import Limits
    from selaras.publish.write import site_date
    from selaras.read import read_dataset

    check_base(base)
    site = build_site(
        read_dataset(list(paths), progress=progress_for(quiet)).triples(),
        base=base,
        include_staff=include_staff,
        lang=lang,
        title=title,
        date=site_date(list(paths)),
        sparql_endpoint=base + "sparql",
    )
    app = create_app(site, limits=Limits(timeout=timeout, max_results=max_results))
    click.echo(
        f"selaras: serving {len(site.documents)} resources at http://{host}:{port}/ (Ctrl-C stops)",
        err=True,
    )
    uvicorn.run(
        app, host=host, port=port, log_level="warning", access_log=not quiet, server_header=False
    )
