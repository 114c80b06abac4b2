"""``selaras publish``: a static linked-data site, and the published graph into a triple store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selaras.commands.options import (
    engine_option,
    page_lang_option,
    paths_argument,
    profile_option,
    progress_for,
    quiet_option,
    title_option,
)
from selaras.publish.iris import DEFAULT_BASE

if TYPE_CHECKING:
    from selaras.progress import Progress
    from selaras.read import Dataset


def refuse_invalid(
    paths: tuple[Path, ...], dataset: Dataset, *, profile: str, engine: str, progress: Progress
) -> None:
    """The load gate: exit 1 with one line when the dataset does not conform."""
    from selaras.terms import quiet_rdflib
    from selaras.validate import validate as run_validation

    with quiet_rdflib():
        report = run_validation(
            dataset,
            profile=profile,
            engine=engine,  # type: ignore[arg-type]
            progress=progress,
        )
    if not report.conforms:
        shown = " ".join(str(p) for p in paths)
        click.echo(
            f"selaras: publish refused: the dataset has {report.count('Violation')} violations "
            f"and {report.count('Warning')} warnings; nothing written. See `selaras validate "
            f"{shown}` for the report, or publish anyway with --allow-invalid.",
            err=True,
        )
        sys.exit(1)


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the static site into this folder.",
)
@click.option(
    "--base",
    default=DEFAULT_BASE,
    show_default=True,
    help="IRI prefix the site is hosted at: resources whose IRIs start with it get pages "
    "(thing B id/X, documents B doc/X.html|.ttl|.jsonld|.nt).",
)
@click.option(
    "--include-staff",
    is_flag=True,
    help="Also publish staff positions (Kemenkeu-Five) and their contracts, SS and IKU.",
)
@page_lang_option
@title_option
@click.option("--force", is_flag=True, help="Replace an output folder that is not a Selaras site.")
@click.option("--allow-invalid", is_flag=True, help="Publish data that does not validate.")
@click.option(
    "--to",
    "to_url",
    metavar="URL",
    help="Also replace a named graph of this triple store (its Graph Store Protocol endpoint, "
    "e.g. http://127.0.0.1:3030/selaras/data); credentials from SELARAS_STORE_USER and "
    "SELARAS_STORE_PASSWORD.",
)
@click.option(
    "--graph", metavar="IRI", help="The named graph --to replaces [default: BASE + 'dataset']."
)
@profile_option
@engine_option
@quiet_option
def publish(
    paths: tuple[Path, ...],
    output: Path | None,
    base: str,
    include_staff: bool,
    lang: str,
    title: str,
    force: bool,
    allow_invalid: bool,
    to_url: str | None,
    graph: str | None,
    profile: str,
    engine: str,
    quiet: bool,
) -> None:
    """Publish cascades (RDF files, folders, spreadsheets) as linked data.

    With -o SITE: a static site (a page per resource with its Turtle, JSON-LD and N-Triples,
    the ontology documented, VoID/DCAT, dumps, sitemap) any web server can host. With --to URL:
    the published graph into a triple store, replacing one named graph in one request. Staff
    positions are left out unless --include-staff. Exit 1 when the data does not validate
    (unless --allow-invalid); exit 2 for a malformed base, an output folder that is not a site
    (unless --force), or a triple store that is down or refuses the credentials.
    """
    from selaras.publish import build_site
    from selaras.publish.iris import check_base
    from selaras.publish.write import check_output, site_date, write_site
    from selaras.read import read_dataset

    if output is None and to_url is None:
        raise click.UsageError("give -o SITE (a static site), --to URL (a triple store), or both")
    check_base(base)
    settings = None
    if to_url is not None:
        from selaras.publish.http import StoreSettings

        settings = StoreSettings.from_env(to_url)
    if output is not None:
        check_output(output, force=force)
    progress = progress_for(quiet)
    dataset = read_dataset(list(paths), progress=progress)
    if not allow_invalid:
        refuse_invalid(paths, dataset, profile=profile, engine=engine, progress=progress)
    site = build_site(
        dataset.triples(),
        base=base,
        include_staff=include_staff,
        lang=lang,
        title=title,
        date=site_date(list(paths)),
    )
    if settings is not None:
        from selaras.publish.push import push_graph

        with progress.task("Replacing the graph in the triple store"):
            pushed = push_graph(site.published, settings, graph=graph or base + "dataset")
        click.echo(pushed.text())
    if output is not None:
        summary = write_site(site, output, force=force, progress=progress)
        click.echo(summary.text())
