"""The ``selaras`` command: a thin layer that parses options, calls one stage, maps errors.

Exit codes: 0 success (data conforms), 1 the data does not conform (violations found, or a
load refused), 2 bad input, usage or infrastructure error. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from selaras import __version__, resources
from selaras.errors import SelarasError, UnknownNameError

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


@main.command()
@paths_argument
@profile_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "ttl", "jsonld", "html", "csv"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report here.")
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="en",
    show_default=True,
    help="Language of the messages.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--engine",
    type=click.Choice(["sparql", "pyshacl"]),
    default="sparql",
    show_default=True,
    help="SHACL engine (pyshacl is the slow reference).",
)
@click.option("--base", help="IRI prefix for identifiers minted from spreadsheet codes.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
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
    2 for bad input.
    """
    from selaras.read import read_dataset
    from selaras.report import render
    from selaras.validate import validate as run_validation

    progress = _progress(quiet)
    dataset = read_dataset(list(paths), base=base, progress=progress)
    report = run_validation(dataset, profile=profile, engine=engine, progress=progress)  # type: ignore[arg-type]
    text = render(report, fmt=fmt, lang=lang)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        click.echo(
            f"{output}: {report.count('Violation')} violations, {report.count('Warning')} warnings",
            err=True,
        )
    else:
        click.echo(text, nl=not text.endswith("\n"))
    sys.exit(report.exit_code(strict=strict))


base_option = click.option(
    "--base",
    help="IRI prefix for identifiers minted from spreadsheet codes "
    "[default: https://w3id.org/selaras/id/].",
)


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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    required=True,
    help="xlsx: a template workbook; csv: a folder of template CSV files.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="File or folder."
)
@base_option
def export(paths: tuple[Path, ...], fmt: str, output: Path, base: str | None) -> None:
    """Write a cascade (RDF files, folders, spreadsheets) as the spreadsheet template.

    Says on stderr what the template could not carry. Import -> export -> import gives the same
    graph.
    """
    from selaras.read import read_graph
    from selaras.spreadsheet import export_csv, export_workbook
    from selaras.spreadsheet.exporter import describe

    if not paths:
        raise click.UsageError("no input: give RDF files, or load into Neo4j (coming)")
    graph = read_graph(list(paths), base=base)
    result = export_csv(graph, output) if fmt == "csv" else export_workbook(graph, output)
    click.echo(f"{output}: " + "\n".join(describe(result)), err=True)


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
