"""``selaras validate``: check cascades against the shapes and write the report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from selaras import resources
from selaras.commands.options import (
    base_option,
    engine_option,
    lang_option,
    paths_argument,
    profile_option,
    progress_for,
    quiet_option,
)
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
    engine: str,
    base: str | None,
    quiet: bool,
) -> None:
    """Check cascades (RDF files, folders, spreadsheets) against the KMK 467 shapes.

    Exit 0 when the data conforms, 1 when violations are found (warnings too with --strict),
    2 for bad input (missing or malformed file, empty dataset, unknown profile or format).
    """
    from selaras.errors import InputError
    from selaras.read import read_dataset
    from selaras.report import render
    from selaras.validate import validate as run_validation

    resources.profile_path(profile)  # an unknown profile fails before any reading
    progress = progress_for(quiet)
    dataset = read_dataset(list(paths), base=base, progress=progress)
    report = run_validation(dataset, profile=profile, engine=engine, progress=progress)  # type: ignore[arg-type]
    text = render(report, fmt=fmt, lang=lang)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write the report: {exc.strerror}", path=output) from exc
        click.echo(
            f"{output}: {report.violations} violations, {report.warnings} warnings", err=True
        )
    else:
        click.echo(text, nl=not text.endswith("\n"))
    sys.exit(report.exit_code(strict=strict))
