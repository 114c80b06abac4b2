"""``selaras export``: a cascade (from Neo4j or from files) as RDF or as the spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from selaras import output as output_module
from selaras.commands.options import base_option, neo4j_options, progress_for, quiet_option
from selaras.rdf import WRITE_FORMATS
from selaras.spreadsheet import SPREADSHEET_FORMATS

if TYPE_CHECKING:
    from selaras.neo4j import Neo4jSettings


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in WRITE_FORMATS] + list(SPREADSHEET_FORMATS)),
    default="ttl",
    show_default=True,
    help="RDF (ttl, nt, jsonld), or the spreadsheet template: xlsx (a workbook), csv (a folder "
    "of CSV files).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File (or folder for csv) to write [default for RDF: stdout; required for xlsx, csv].",
)
@click.option(
    "--dataset",
    help="Neo4j only: the dataset to export [default: every dataset but 'ontology'].",
)
@base_option
@neo4j_options
@quiet_option
def export(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    dataset: str | None,
    base: str | None,
    neo4j_settings: Neo4jSettings,
    quiet: bool,
) -> None:
    """Write a cascade as RDF or as the spreadsheet template.

    The source is Neo4j when no PATH is given (the graph `selaras load` wrote, datatypes and
    language tags as they were loaded; exit 2 when Neo4j cannot be reached), else the PATHs (RDF
    files, folders, spreadsheets). For xlsx and csv it says on stderr what the template could
    not carry; import -> export -> import gives the same graph.
    """
    if fmt in SPREADSHEET_FORMATS and output is None:
        raise click.UsageError(f"--format {fmt} needs -o FILE (or -o FOLDER for csv)")
    if output is not None:  # before the work: a Neo4j export can take minutes
        (output_module.check_folder if fmt == "csv" else output_module.check_file)(output)
    progress = progress_for(quiet)
    if paths:
        from selaras.api import read_dataset

        if dataset is not None:
            raise click.UsageError("--dataset picks a dataset in Neo4j; leave out PATH to use it")
        triples = list(read_dataset(list(paths), base=base, progress=progress).triples())
    else:
        from selaras.api import export_dataset

        triples = export_dataset(settings=neo4j_settings, dataset=dataset, progress=progress)
    if fmt in SPREADSHEET_FORMATS:
        from selaras.spreadsheet import describe, export_spreadsheet
        from selaras.terms import rdflib_graph

        assert output is not None
        result = export_spreadsheet(rdflib_graph(triples), output, fmt=fmt)
        click.echo(f"{output}: " + "\n".join(describe(result)), err=True)
        return
    from selaras.api import write_rdf
    from selaras.rdf.write import serialize

    if output is not None:
        written = write_rdf(triples, output, fmt)
        click.echo(f"{output}: {written:,} triples", err=True)
    else:
        output_module.emit(serialize(triples, fmt))
