"""``selaras validate``: check cascades against the shapes and write the report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from selaras import output as output_module
from selaras.commands.options import (
    base_option,
    engine_option,
    lang_option,
    paths_argument,
    profile_option,
    progress_for,
    quiet_option,
)
from selaras.profile_check import checked_profile_path
from selaras.report import FORMATS


@click.command()
@paths_argument
@profile_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: text, SHACL report as Turtle or JSON-LD, HTML for auditors, CSV.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write the report to this file."
)
@lang_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--shapes",
    "shapes",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Validate against these SHACL shapes files (repeatable) instead of the built-in KMK 467 "
    "shapes and profile: any SHACL, any data.",
)
@engine_option
@base_option
@quiet_option
def validate(
    paths: tuple[Path, ...],
    profile: str,
    fmt: str,
    output: Path | None,
    lang: str,
    strict: bool,
    shapes: tuple[Path, ...],
    engine: str,
    base: str | None,
    quiet: bool,
) -> None:
    """Check cascades (RDF files, folders, spreadsheets) against the KMK 467 shapes, or any
    data against any SHACL shapes (--shapes).

    Exit 0 when the data conforms, 1 when violations are found (warnings too with --strict),
    2 for bad input (missing or malformed file, empty dataset, unknown profile or format, a
    malformed shape, or with --engine sparql a shape that engine does not compile).
    """
    from selaras.api import read_dataset, validate_dataset
    from selaras.report import render

    checked_profile_path(profile)  # an unknown or broken profile fails before any reading
    source = click.get_current_context().get_parameter_source("profile")
    if shapes and source is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError(
            "--profile sets the numbers of the built-in shapes: not with --shapes"
        )
    if output is not None:
        output_module.check_file(output)
    progress = progress_for(quiet)
    # only the store is queried: files go straight into it, no triple held twice
    dataset = read_dataset(list(paths), base=base, progress=progress, keep_triples=False)
    report = validate_dataset(
        dataset,
        profile=profile,
        engine=engine,  # type: ignore[arg-type]
        shapes=list(shapes),
        progress=progress,
    )
    for fallback in report.fallbacks:  # said even with -q: it changes what ran
        click.echo(
            f"selaras: note: shape {fallback.shape} runs with pySHACL: {fallback.reason}",
            err=True,
        )
    maps = []
    if fmt == "html":  # the strategy maps of the units with results
        from selaras.draw.report import report_maps
        from selaras.errors import SelarasError

        try:
            maps = report_maps(dataset, report, lang=lang)
        except SelarasError as exc:  # Graphviz missing: the report without its maps
            click.echo(f"selaras: warning: no strategy maps in the report: {exc}", err=True)
    text = render(report, fmt=fmt, lang=lang, maps=maps)
    if output is not None:
        output_module.write_text(output, text)
        click.echo(
            f"{output}: {report.violations} violations, {report.warnings} warnings", err=True
        )
    else:
        output_module.emit(text)  # a closed stdout still exits with the verdict
    sys.exit(report.exit_code(strict=strict))
