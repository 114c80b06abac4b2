"""``selaras score``: capaian, SS, perspective and NKO values of every unit for one period."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from selaras import output as output_module
from selaras import resources
from selaras.analyses import ENGINES
from selaras.commands.options import base_option, neo4j_options, progress_for, quiet_option
from selaras.score.render import FORMATS

if TYPE_CHECKING:
    from selaras.neo4j import Neo4jSettings
    from selaras.read import Dataset
    from selaras.score.compute import Scorecard


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--unit",
    "unit",
    is_flag=False,
    flag_value="",
    default="",
    metavar="CODE",
    help="Score only this unit (or position); --unit without CODE, or no --unit: every unit.",
)
@click.option(
    "--period",
    metavar="2025|2025-Q3|2025-07",
    help="Reporting period: a year, a quarter or a month [default: the last quarter with a "
    "realisation].",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="embedded",
    show_default=True,
    help="Store: embedded (SPARQL on PATH, no server) or neo4j (Cypher on what `selaras load` "
    "wrote).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table: aligned text; csv; json; xlsx: a sheet per unit with colours (needs -o); "
    "html: a printable scorecard per unit.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the scores here.")
@click.option(
    "--profile",
    default=resources.DEFAULT_PROFILE,
    show_default=True,
    help="Regulation profile whose scoring settings apply: a name from shapes/profiles/ or a "
    "path to a profile .ttl (docs/scores.md).",
)
@base_option
@neo4j_options
@quiet_option
def score(
    paths: tuple[Path, ...],
    unit: str,
    period: str | None,
    engine: str,
    fmt: str,
    output: Path | None,
    profile: str,
    base: str | None,
    neo4j_settings: Neo4jSettings,
    quiet: bool,
) -> None:
    """Score the IKU, SS, perspectives and NKO of every unit in PATH for one period.

    Capaian by polarity, clamped and rounded as the profile says; SS, perspective and NKO values
    with colour bands; a row without a score says why in `reason`. Formulas and settings:
    docs/scores.md.
    """
    from selaras import score as scoring
    from selaras.api import read_dataset, score_performance
    from selaras.score.render import render

    scoring.scoring_settings(profile)  # an unknown profile fails before any work
    if period is not None:
        scoring.check_period(period)
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give -o FILE.xlsx")
    if output is not None:
        output_module.check_file(output)
    progress = progress_for(quiet)
    dataset: Dataset | None = None
    if engine == "neo4j":
        if paths:
            raise click.UsageError("--engine neo4j reads what `selaras load` wrote: give no PATH")
        if period is None:
            raise click.UsageError("--engine neo4j needs --period")
        card = score_performance(
            store="neo4j",
            settings=neo4j_settings,
            period=period,
            unit=unit or None,
            profile=profile,
            progress=progress,
        )
    else:
        if not paths:
            raise click.UsageError("the embedded store reads PATH: give RDF files or folders")
        dataset = read_dataset(list(paths), base=base, progress=progress)
        card = score_performance(
            dataset=dataset, period=period, unit=unit or None, profile=profile, progress=progress
        )
    for warning in card.warnings:
        click.echo(f"selaras: warning: {output_module.printable(warning)}", err=True)
    if fmt == "xlsx":
        from selaras.score.workbook import to_xlsx

        assert output is not None  # checked before any work
        output_module.write_bytes(output, to_xlsx(card))
        click.echo(f"{output}: {len(card.units)} units, period {card.period}", err=True)
        return
    if fmt == "html":
        from selaras.score.html import to_html

        text = to_html(card, maps=_maps(dataset, card) if dataset is not None else {})
    else:
        text = render(card, fmt)
    if output is not None:
        output_module.write_text(output, text)
        click.echo(f"{output}: {len(card.units)} units, period {card.period}", err=True)
    else:
        output_module.emit(text)


def _maps(dataset: Dataset, card: Scorecard) -> dict[str, str]:
    """The coloured strategy map of each map-holding unit, for the HTML scorecard (none, with
    a warning, when Graphviz is missing)."""
    from selaras.draw.scores import scorecard_maps
    from selaras.errors import SelarasError

    try:
        return scorecard_maps(dataset, card)
    except SelarasError as exc:
        click.echo(f"selaras: warning: no strategy maps in the scorecard: {exc}", err=True)
        return {}
