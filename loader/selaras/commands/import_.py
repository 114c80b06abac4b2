"""``selaras import``: a planners' spreadsheet to Turtle."""

from __future__ import annotations

from pathlib import Path

import click

from selaras import output as output_module
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
    from selaras.api import import_spreadsheet, write_rdf
    from selaras.rdf.write import serialize

    if output is not None:
        output_module.check_file(output)
    triples = import_spreadsheet(source, base=base)
    if output is None:
        output_module.emit(serialize(triples, "ttl"))
    else:
        written = write_rdf(triples, output, "ttl")
        click.echo(f"{output}: {written} triples", err=True)
