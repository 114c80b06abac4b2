"""The ``selaras`` command: a thin layer that parses options, calls one stage, maps errors.

Exit codes: 0 success (data conforms), 1 the data does not conform (violations found, or a
load refused), 2 bad input, usage or infrastructure error. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from selaras import __version__, resources
from selaras.errors import SelarasError, UnknownNameError

if TYPE_CHECKING:
    from selaras.neo4j import Neo4jSettings

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """Maps Selaras exceptions to one-line errors and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SelarasError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"selaras: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except click.UsageError as exc:
            # One line, like every other error; click's own form spans four.
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f"selaras {exc.ctx.info_name}" if exc.ctx and exc.ctx.parent else "selaras"
            click.echo(f"selaras: error: {exc.format_message()} (see '{where} --help')", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("selaras: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="selaras")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Selaras: the Kemenkeu Balanced Scorecard cascade (KMK 467/KMK.01/2014) as a knowledge graph.

    Exit codes: 0 success, 1 data does not conform, 2 bad input, usage or infrastructure error.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _progress(quiet: bool) -> Any:
    from selaras.progress import SILENT, RichProgress

    return SILENT if quiet else RichProgress()


paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
profile_option = click.option(
    "--profile",
    default=resources.DEFAULT_PROFILE,
    show_default=True,
    help="Regulation profile: a name from shapes/profiles/ or a path to a profile .ttl.",
)

base_option = click.option(
    "--base",
    help="IRI prefix for identifiers minted from spreadsheet codes "
    "[default: https://w3id.org/selaras/id/].",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(["auto", "sparql", "pyshacl"]),
    default="auto",
    show_default=True,
    help="SHACL engine: auto (the SPARQL engine; a shape it cannot compile runs with pySHACL, "
    "and the report says so), sparql (only the SPARQL engine: refuses such a shape), or "
    "pyshacl (the slow reference; same results).",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="en",
    show_default=True,
    help="Language of the messages and of the text and HTML reports.",
)


@main.command()
@paths_argument
@profile_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "ttl", "jsonld", "html", "csv"]),
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
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress output (there is none unless stderr is a terminal), no notes.",
)
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
    from selaras.errors import InputError
    from selaras.read import Dataset, expand_paths, read_triples
    from selaras.report import render
    from selaras.shacl_sparql.written import WrittenForms
    from selaras.validate import validate as run_validation

    resources.profile_path(profile)  # an unknown profile fails before any reading
    progress = _progress(quiet)
    # Read once: the store indexes the triples, the written forms keep each literal as written.
    written = WrittenForms()
    dataset = Dataset(sources=expand_paths(list(paths)))
    dataset.add_triples(written.collect(read_triples(list(paths), base=base, progress=progress)))
    report = run_validation(
        dataset,
        profile=profile,
        engine=engine,  # type: ignore[arg-type]
        shapes=list(shapes),
        written=written,
        progress=progress,
    )
    if not quiet:
        for fallback in report.fallbacks:
            click.echo(
                f"selaras: note: shape {fallback.shape} runs with pySHACL: {fallback.reason}",
                err=True,
            )
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


@main.command("import")
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


@main.command()
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="File or folder."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
    help="A workbook, or a folder of CSV files.",
)
def template(output: Path, fmt: str) -> None:
    """Write an empty spreadsheet template: header rows, drop-down lists, instructions."""
    from selaras.spreadsheet import write_template

    write_template(output, fmt=fmt)
    click.echo(f"{output}: empty template written", err=True)


def neo4j_options(func: F) -> F:
    """--uri, --user, --password, --database; each falls back to its NEO4J_* variable. The
    command gets them as one ``neo4j_settings: Neo4jSettings``."""
    options = [
        click.option(
            "--uri",
            help="Neo4j URI [env NEO4J_URI; default bolt://127.0.0.1:7687]; "
            "neo4j://HOST:7687 for a cluster, neo4j+s://... for Aura.",
        ),
        click.option("--user", help="Neo4j user [env NEO4J_USER; default neo4j]."),
        click.option(
            "--password",
            help="Neo4j password [env NEO4J_PASSWORD; prefer the variable: options are "
            "visible in the process list]. Never printed.",
        ),
        click.option("--database", help="Neo4j database [env NEO4J_DATABASE; default neo4j]."),
    ]

    @functools.wraps(func)
    def with_settings(
        *args: Any,
        uri: str | None,
        user: str | None,
        password: str | None,
        database: str | None,
        **kwargs: Any,
    ) -> Any:
        from selaras.neo4j import Neo4jSettings

        settings = Neo4jSettings.from_env(uri=uri, user=user, password=password, database=database)
        return func(*args, neo4j_settings=settings, **kwargs)

    command: Callable[..., Any] = with_settings
    for option in reversed(options):
        command = option(command)
    return cast(F, command)


def default_dataset_name(paths: tuple[Path, ...]) -> str:
    """The input's folder or file name (several inputs: their names joined by '+')."""
    names = [p.resolve().name if p.is_dir() else p.stem for p in paths]
    return "+".join(dict.fromkeys(names))


@main.command()
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
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
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
    from selaras.neo4j import connect, load_triples
    from selaras.read import expand_paths, read_dataset, read_triples
    from selaras.terms import quiet_rdflib
    from selaras.validate import validate as run_validation

    progress = _progress(quiet)
    expand_paths(list(paths))  # a missing input is an error before anything else
    name = dataset_name or default_dataset_name(paths)
    with connect(neo4j_settings) as driver:
        if not allow_invalid:
            dataset = read_dataset(list(paths), base=base, progress=progress)
            with quiet_rdflib():
                report = run_validation(
                    dataset,
                    profile=profile,
                    engine=engine,  # type: ignore[arg-type]
                    progress=progress,
                )
            del dataset
            if not report.conforms:
                shown = " ".join(str(p) for p in paths)
                click.echo(
                    f"selaras: load refused: {name} has {report.count('Violation')} violations "
                    f"and {report.count('Warning')} warnings; nothing written. See "
                    f"`selaras validate {shown}` for the report, or load anyway with "
                    "--allow-invalid.",
                    err=True,
                )
                sys.exit(1)
        # the triples as parsed, not the validated store: it canonicalises "92.00" to "92"
        summary = load_triples(
            driver,
            read_triples(list(paths), base=base, progress=progress),
            name=name,
            database=neo4j_settings.database,
            replace=replace,
            batch_size=batch_size,
            progress=progress,
        )
    click.echo(summary.text())


#: ``export --format`` choices: RDF (one file) and the spreadsheet template (xlsx, CSV folder).
RDF_EXPORT_FORMATS = ["ttl", "nt", "jsonld"]
SPREADSHEET_EXPORT_FORMATS = ["xlsx", "csv"]


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RDF_EXPORT_FORMATS + SPREADSHEET_EXPORT_FORMATS),
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
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
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
    if fmt in SPREADSHEET_EXPORT_FORMATS and output is None:
        raise click.UsageError(f"--format {fmt} needs -o FILE (or -o FOLDER for csv)")
    progress = _progress(quiet)
    if paths:
        from selaras.neo4j.export import rdflib_graph
        from selaras.read import read_triples

        if dataset is not None:
            raise click.UsageError("--dataset picks a dataset in Neo4j; leave out PATH to use it")
        # triples as parsed: the store of read_dataset would turn "92.00"^^xsd:decimal into "92"
        graph = rdflib_graph(read_triples(list(paths), base=base, progress=progress))
    else:
        from selaras.neo4j import connect, export_graph

        with connect(neo4j_settings) as driver:
            graph = export_graph(
                driver, database=neo4j_settings.database, dataset=dataset, progress=progress
            )
    if fmt in SPREADSHEET_EXPORT_FORMATS:
        from selaras.spreadsheet import describe, export_spreadsheet

        assert output is not None
        result = export_spreadsheet(graph, output, fmt=fmt)
        click.echo(f"{output}: " + "\n".join(describe(result)), err=True)
        return
    from selaras.neo4j.export import serialize

    text = serialize(graph, fmt)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"{output}: {len(graph):,} triples", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


@main.command()
@click.option(
    "--staff",
    type=click.IntRange(min=1),
    required=True,
    help="Staff positions at Kemenkeu-Five (the whole ministry is about 80000).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option(
    "--defects",
    "defect_rate",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Share of eligible nodes to break for every rule (0: a conforming cascade).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the cascade here (.ttl Turtle, .nt N-Triples); default: Turtle on stdout.",
)
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the planted defects here as CSV (rule_id, focus, focus_code).",
)
@click.option("--year", type=click.IntRange(1900, 9999), default=2025, show_default=True)
@click.option(
    "--eselon-one",
    "eselon_one",
    multiple=True,
    metavar="CODE",
    help="Only this Eselon I unit (repeatable), e.g. DJPB; default all twelve.",
)
def generate(
    staff: int,
    seed: int,
    defect_rate: float,
    output: Path | None,
    manifest: Path | None,
    year: int,
    eselon_one: tuple[str, ...],
) -> None:
    """Generate a synthetic Kemenkeu-shaped cascade, optionally with planted defects.

    The same options always give the same bytes. With --defects RATE every rule of the
    catalogue is broken on about RATE x its eligible nodes (at least once when possible), and
    --manifest lists exactly the (rule, focus) results validation must report.
    """
    from selaras.generate import generate_cascade as build_cascade

    if output is not None and output.suffix not in (".ttl", ".nt"):
        raise click.BadParameter("the output must end in .ttl or .nt", param_hint="-o")
    from selaras.generate import ESELON_ONE_CODES

    unknown = sorted(set(eselon_one) - set(ESELON_ONE_CODES))
    if unknown:
        raise UnknownNameError("Eselon I unit", unknown[0], ESELON_ONE_CODES)
    if staff < len(set(eselon_one) or ESELON_ONE_CODES):
        raise click.BadParameter(
            "at least one staff position per Eselon I unit", param_hint="--staff"
        )
    cascade = build_cascade(
        staff=staff,
        seed=seed,
        defect_rate=defect_rate,
        year=year,
        eselon_one=list(eselon_one) or None,
    )
    if output is None:
        cascade.write(sys.stdout)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        triples = cascade.write(output, fmt=output.suffix[1:])
        stats = cascade.stats
        click.echo(
            f"{output}: {triples} triples, {stats['units']} units "
            f"({stats['positions']} positions), {stats['objectives']} SS, "
            f"{stats['indicators']} IKU, {len(cascade.manifest)} planted results",
            err=True,
        )
    if manifest is not None:
        manifest.parent.mkdir(parents=True, exist_ok=True)
        cascade.write_manifest(manifest)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("out/demo"),
    show_default=True,
    help="Folder for the reports the demo writes.",
)
@lang_option
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
def demo(output: Path, lang: str, quiet: bool) -> None:
    """Run the main job on the bundled examples with the embedded engine (no server).

    Validates examples/kaltara (conforms) and examples/defects (planted defects), writes their
    reports (HTML, CSV, Turtle, text) and the orphans, misaligned and coverage analyses (CSV).
    """
    from selaras.demo import run_demo

    run_demo(out_dir=output, progress=_progress(quiet), lang=lang)


@main.command()
@click.argument("name", required=False)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--list", "list_analyses", is_flag=True, help="List the analyses and their parameters."
)
@click.option(
    "--engine",
    type=click.Choice(["embedded", "neo4j"]),
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
    type=click.Choice(["table", "csv", "json", "xlsx"]),
    default="table",
    show_default=True,
    help="table: aligned text; csv: with a header row; json: an array of objects; "
    "xlsx: an Excel workbook (needs -o).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the result here.")
@base_option
@neo4j_options
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress output (there is none unless stderr is a terminal).",
)
def query(
    name: str | None,
    paths: tuple[Path, ...],
    list_analyses: bool,
    engine: str,
    params: tuple[str, ...],
    fmt: str,
    output: Path | None,
    base: str | None,
    neo4j_settings: Neo4jSettings,
    quiet: bool,
) -> None:
    """Run the analysis NAME on PATH (embedded engine) or on Neo4j (--engine neo4j).

    `selaras query --list` lists the analyses. An unknown analysis or parameter exits 2 with the
    valid names; an unknown code in a code parameter gives an empty result and a warning.
    """
    from selaras import analyses

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
    progress = _progress(quiet)
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param takes KEY=VALUE, not {item!r}")
        values[key.strip()] = value
    if engine == "neo4j":
        if paths:
            raise click.UsageError("--engine neo4j reads what `selaras load` wrote: give no PATH")
        from selaras.neo4j import connect

        with connect(neo4j_settings) as driver, progress.task(f"Running {name} on Neo4j"):
            result = analyses.run_analysis(
                name, engine="neo4j", params=values, driver=driver, database=neo4j_settings.database
            )
    else:
        if not paths:
            raise click.UsageError("the embedded engine reads PATH: give RDF files or folders")
        from selaras.read import read_dataset

        analyses.resolve_params(analyses.analysis(name), values)  # bad parameters before reading
        dataset = read_dataset(list(paths), base=base, progress=progress)
        with progress.task(f"Running {name}"):
            result = analyses.run_analysis(name, engine="embedded", params=values, dataset=dataset)
    for warning in result.warnings:
        click.echo(f"selaras: warning: {warning}", err=True)
    if fmt == "xlsx":
        from selaras.analyses.render import to_xlsx

        assert output is not None  # checked before any work
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(to_xlsx(result))
        click.echo(f"{output}: {len(result)} rows", err=True)
        return
    text = analyses.render(result, fmt)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"{output}: {len(result)} rows", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))
