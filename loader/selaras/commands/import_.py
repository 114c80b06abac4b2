"""``selaras import``: a planners' spreadsheet to Turtle."""

from __future__ import annotations

from pathlib import Path

import click

from selaras.commands.options import base_option


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the Turtle here.")
@base_option
def import_command(source: Path, output: Path | None, base: str | None) -> None:
    """Turn a spreadsheet (FILE.xlsx or a folder of CSV files) into Turtle.

    Every problem is listed as `sheet!cell: problem` and nothing is written (exit 2).
    Data that imports but breaks the regulation is for `selaras validate` to report.
    """
    from selaras.spreadsheet import import_spreadsheet

    graph = import_spreadsheet(source, base=base)
    graph.bind("sel", "https://w3id.org/selaras/ontology#")
    text = graph.serialize(format="turtle")
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"{output}: {len(graph)} triples", err=True)
