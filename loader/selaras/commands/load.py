"""``selaras load``: cascades into Neo4j, validated first."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selaras.commands.options import (
    base_option,
    engine_option,
    neo4j_options,
    paths_argument,
    profile_option,
    progress_for,
    quiet_option,
)

if TYPE_CHECKING:
    from selaras.neo4j import Neo4jSettings


def default_dataset_name(paths: tuple[Path, ...]) -> str:
    """The input's folder or file name (several inputs: their names joined by '+')."""
    names = [p.resolve().name if p.is_dir() else p.stem for p in paths]
    return "+".join(dict.fromkeys(names))


@click.command()
@paths_argument
@click.option(
    "--dataset",
    "dataset_name",
    help="Name the loaded nodes carry (property `dataset`) [default: the input's folder or "
    "file name].",
)
@click.option(
    "--replace", is_flag=True, help="Remove this dataset's nodes from earlier loads first."
)
@click.option(
    "--allow-invalid",
    is_flag=True,
    help="Load without validating (for data known to break rules, such as examples/defects).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="Subjects written per transaction.",
)
@profile_option
@engine_option
@base_option
@neo4j_options
@quiet_option
def load(
    paths: tuple[Path, ...],
    dataset_name: str | None,
    replace: bool,
    allow_invalid: bool,
    batch_size: int,
    profile: str,
    engine: str,
    base: str | None,
    neo4j_settings: Neo4jSettings,
    quiet: bool,
) -> None:
    """Load cascades (RDF files, folders, spreadsheets) into Neo4j, validating them first.

    Data that does not conform is refused (exit 1, nothing written) unless --allow-invalid.
    Loading is idempotent: running it again, also after an interrupted load, gives the same
    graph. Exit 2 when Neo4j cannot be reached or refuses the credentials.
    """
    from selaras.api import read_dataset
    from selaras.errors import NotConformingError
    from selaras.neo4j import connect, load_dataset
    from selaras.read import expand_paths

    progress = progress_for(quiet)
    expand_paths(list(paths))  # a missing input is an error before anything else
    name = dataset_name or default_dataset_name(paths)
    with connect(neo4j_settings) as driver:
        # validating: files straight into the store, their triples read again for the writes
        # (less memory than holding both); --allow-invalid needs the triples only
        dataset = read_dataset(
            list(paths), base=base, progress=progress, keep_triples=allow_invalid
        )
        try:
            summary = load_dataset(
                driver,
                dataset,
                name=name,
                database=neo4j_settings.database,
                validate=not allow_invalid,
                profile=profile,
                engine=engine,  # type: ignore[arg-type]
                replace=replace,
                batch_size=batch_size,
                progress=progress,
            )
        except NotConformingError as exc:
            shown = " ".join(str(p) for p in paths)
            click.echo(
                f"selaras: load refused: {exc}. See `selaras validate {shown}` for the report, "
                "or load anyway with --allow-invalid.",
                err=True,
            )
            sys.exit(exc.exit_code)
    click.echo(summary.text())
