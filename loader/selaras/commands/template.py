"""``selaras template``: an empty spreadsheet template."""

from __future__ import annotations

from pathlib import Path

import click

from selaras.spreadsheet import SPREADSHEET_FORMATS


@click.command()
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="File or folder."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SPREADSHEET_FORMATS),
    default="xlsx",
    show_default=True,
    help="A workbook, or a folder of CSV files.",
)
def template(output: Path, fmt: str) -> None:
    """Write an empty spreadsheet template: header rows, drop-down lists, instructions."""
    from selaras.spreadsheet import write_template

    write_template(output, fmt=fmt)
    click.echo(f"{output}: empty template written", err=True)
