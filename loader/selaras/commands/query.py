"""``selaras query``: a named analysis on files (embedded store) or on Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from selaras import analyses
from selaras import output as output_module
from selaras.commands.options import base_option, neo4j_options, progress_for, quiet_option
from selaras.errors import SelarasError

if TYPE_CHECKING:
    from selaras.neo4j import Neo4jSettings


@click.command()
@click.argument("name", required=False)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--list", "list_analyses", is_flag=True, help="List the analyses and their parameters."
)
@click.option(
    "--engine",
    type=click.Choice(analyses.ENGINES),
    default="embedded",
    show_default=True,
    help="embedded: SPARQL on PATH, no server; neo4j: Cypher on what `selaras load` wrote.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the analysis (repeatable), e.g. --param from=DJPB-SS01.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(analyses.FORMATS),
    default="table",
    show_default=True,
    help="table: aligned text; csv: with a header row; json: an array of objects; "
    "xlsx: an Excel workbook (needs -o).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the result here.")
@click.option(
    "--dataset",
    "dataset_name",
    help="--engine neo4j only: analyse only this loaded dataset (its nodes as `export "
    "--dataset` reads them; see docs/neo4j.md) [default: the whole graph].",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Run the SPARQL file on this SPARQL 1.1 endpoint (e.g. Fuseki's "
    "http://127.0.0.1:3030/selaras/sparql) instead; credentials from SELARAS_STORE_USER and "
    "SELARAS_STORE_PASSWORD.",
)
@click.option(
    "--graph",
    metavar="IRI",
    help="With --endpoint: the named graph to query (what `selaras publish --to` wrote).",
)
@base_option
@neo4j_options
@quiet_option
def query(
    name: str | None,
    paths: tuple[Path, ...],
    list_analyses: bool,
    engine: str,
    dataset_name: str | None,
    params: tuple[str, ...],
    fmt: str,
    output: Path | None,
    endpoint: str | None,
    graph: str | None,
    base: str | None,
    neo4j_settings: Neo4jSettings,
    quiet: bool,
) -> None:
    """Run the analysis NAME on PATH (embedded engine), on Neo4j (--engine neo4j) or on a
    SPARQL endpoint (--endpoint URL).

    `selaras query --list` lists the analyses. An unknown analysis or parameter exits 2 with the
    valid names; an unknown code in a code parameter gives an empty result and a warning.
    """
    try:
        _query(
            name,
            paths,
            list_analyses,
            engine,
            params,
            fmt,
            output,
            dataset_name,
            endpoint,
            graph,
            base,
            neo4j_settings,
            quiet,
        )
    except analyses.MissingParameterError as exc:
        message = f"analysis {exc.analysis!r} needs --param {exc.parameter}=... ({exc.description})"
        raise SelarasError(message) from exc


def _query(
    name: str | None,
    paths: tuple[Path, ...],
    list_analyses: bool,
    engine: str,
    params: tuple[str, ...],
    fmt: str,
    output: Path | None,
    dataset_name: str | None,
    endpoint: str | None,
    graph: str | None,
    base: str | None,
    neo4j_settings: Neo4jSettings,
    quiet: bool,
) -> None:
    if list_analyses:
        for found in analyses.analyses():
            click.echo(f"{found.name}: {found.description}")
            for parameter in found.parameters:
                click.echo(f"    --param {parameter.signature()}: {parameter.description}")
        return
    if name is None:
        raise click.UsageError("give the analysis NAME (see `selaras query --list`)")
    analyses.analysis(name)  # an unknown name fails before any work
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give -o FILE.xlsx")
    if output is not None:
        output_module.check_file(output)
    progress = progress_for(quiet)
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param takes KEY=VALUE, not {item!r}")
        values[key.strip()] = value
    if endpoint is not None:
        if paths:
            raise click.UsageError("--endpoint queries the SPARQL server: give no PATH")
        from selaras.publish.http import StoreSettings

        settings = StoreSettings.from_env(endpoint)
        with progress.task(f"Running {name} on {endpoint}"):
            result = analyses.run_analysis(name, params=values, endpoint=settings, graph=graph)
    elif engine == "neo4j":
        if paths:
            raise click.UsageError("--engine neo4j reads what `selaras load` wrote: give no PATH")
        from selaras.api import run_query

        if dataset_name is not None:  # one dataset: selaras.neo4j.subset says what that is
            from selaras.neo4j import connect
            from selaras.neo4j.subset import dataset_subset

            with connect(neo4j_settings) as driver, progress.task(f"Running {name} on Neo4j"):
                subset = dataset_subset(driver, name=dataset_name, database=neo4j_settings.database)
                result = run_query(name, store="embedded", dataset=subset, params=values)
        else:
            with progress.task(f"Running {name} on Neo4j"):
                result = run_query(name, store="neo4j", settings=neo4j_settings, params=values)
    else:
        if not paths:
            raise click.UsageError("the embedded engine reads PATH: give RDF files or folders")
        if dataset_name is not None:
            raise click.UsageError("--dataset picks a dataset in Neo4j: use it with --engine neo4j")
        from selaras.api import read_dataset, run_query

        analyses.resolve_params(analyses.analysis(name), values)  # bad parameters before reading
        dataset = read_dataset(list(paths), base=base, progress=progress, keep_triples=False)
        with progress.task(f"Running {name}"):
            result = run_query(name, store="embedded", dataset=dataset, params=values)
    for warning in result.warnings:
        click.echo(f"selaras: warning: {output_module.printable(warning)}", err=True)
    if fmt == "xlsx":
        from selaras.analyses.render import to_xlsx

        assert output is not None  # checked before any work
        output_module.write_bytes(output, to_xlsx(result))
        click.echo(f"{output}: {len(result)} rows", err=True)
        return
    text = analyses.render(result, fmt)
    if output is not None:
        output_module.write_text(output, text)
        click.echo(f"{output}: {len(result)} rows", err=True)
    else:
        output_module.emit(text)
