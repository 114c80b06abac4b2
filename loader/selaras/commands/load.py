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
    from selaras.errors import NotConformingError
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
@click.option(
    "--offline",
    is_flag=True,
    help="Replace the whole database with this input by `neo4j-admin database import` (the "
    "local server of scripts/neo4j-local only; it is restarted): for first loads of a whole "
    "ministry. See docs/neo4j.md.",
)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="With --offline: the local server's data folder [env NEO4J_DATA_DIR; default .neo4j "
    "of the source checkout].",
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
    offline: bool,
    data_dir: Path | None,
    profile: str,
    engine: str,
    base: str | None,
    neo4j_settings: Neo4jSettings,
    quiet: bool,
) -> None:
    """Load cascades (RDF files, folders, spreadsheets) into Neo4j, validating them first.

    Data that does not conform is refused (exit 1, nothing written) unless --allow-invalid.
    Loading is idempotent: running it again, also after an interrupted load, gives the same
    graph. --offline replaces the whole database of the local server instead (neo4j-admin
    database import, then a restart; a failure leaves the database as it was). Exit 2 when
    Neo4j cannot be reached or refuses the credentials.
    """
    from selaras.api import read_dataset
    from selaras.errors import NotConformingError
    from selaras.neo4j import connect, load_dataset, load_triples
    from selaras.read import expand_paths, stream_inputs

    progress = progress_for(quiet)
    expand_paths(list(paths))  # a missing input is an error before anything else
    name = dataset_name or default_dataset_name(paths)
    if offline:
        given = click.get_current_context().get_parameter_source("batch_size")
        if given == click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError("--batch-size does not apply to --offline")
        _offline(paths, name, allow_invalid, profile, engine, base, data_dir, neo4j_settings, quiet)
        return
    with connect(neo4j_settings) as driver:
        if allow_invalid:  # the triples are read once, straight into the mapping: none held
            summary = load_triples(
                driver,
                stream_inputs(list(paths), base=base, progress=progress),
                name=name,
                database=neo4j_settings.database,
                replace=replace,
                batch_size=batch_size,
                progress=progress,
            )
        else:
            # files straight into the store for validation, their triples read again for the
            # writes (less memory than holding both)
            dataset = read_dataset(list(paths), base=base, progress=progress, keep_triples=False)
            try:
                summary = load_dataset(
                    driver,
                    dataset,
                    name=name,
                    database=neo4j_settings.database,
                    profile=profile,
                    engine=engine,  # type: ignore[arg-type]
                    replace=replace,
                    batch_size=batch_size,
                    progress=progress,
                )
            except NotConformingError as exc:
                _refused(exc, paths)
    click.echo(summary.text())


def _offline(
    paths: tuple[Path, ...],
    name: str,
    allow_invalid: bool,
    profile: str,
    engine: str,
    base: str | None,
    data_dir: Path | None,
    neo4j_settings: Neo4jSettings,
    quiet: bool,
) -> None:
    """``selaras load --offline``: validate, then replace the local server's database."""
    from selaras.api import read_dataset
    from selaras.errors import NotConformingError
    from selaras.neo4j import connect
    from selaras.neo4j.bulk_import import bulk_load_dataset
    from selaras.neo4j.local_server import LocalServer, default_data_dir

    progress = progress_for(quiet)
    server = LocalServer.find(data_dir or default_data_dir())
    server.check_serves(neo4j_settings.uri)
    with connect(neo4j_settings) as driver:
        dataset = read_dataset(
            list(paths), base=base, progress=progress, keep_triples=allow_invalid
        )
        try:
            summary = bulk_load_dataset(
                driver,
                dataset,
                name=name,
                database=neo4j_settings.database,
                server=server,
                password=neo4j_settings.password,
                validate=not allow_invalid,
                profile=profile,
                engine=engine,  # type: ignore[arg-type]
                progress=progress,
            )
        except NotConformingError as exc:
            _refused(exc, paths)
    click.echo(summary.text())


def _refused(exc: NotConformingError, paths: tuple[Path, ...]) -> None:
    shown = " ".join(str(p) for p in paths)
    click.echo(
        f"selaras: load refused: {exc}. See `selaras validate {shown}` for the report, "
        "or load anyway with --allow-invalid.",
        err=True,
    )
    sys.exit(exc.exit_code)
