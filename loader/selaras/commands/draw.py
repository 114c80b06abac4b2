"""``selaras draw``: strategy maps and cascade trees as SVG or PNG, and the Neo4j Browser style."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from selaras import output as output_module
from selaras.commands.options import (
    base_option,
    lang_option,
    paths_argument,
    profile_option,
    progress_for,
    quiet_option,
)
from selaras.profile_check import checked_profile_path

if TYPE_CHECKING:
    from selaras.draw.model import StrategyMap
    from selaras.read import Dataset

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the picture here: .svg (self-contained SVG) or .png; default: SVG on stdout.",
)


def _write(svg: str, output: Path | None) -> None:
    if output is None:
        output_module.emit(svg)
        return
    from selaras.draw import to_png

    data = to_png(svg) if output.suffix.lower() == ".png" else svg.encode("utf-8")
    output_module.write_bytes(output, data)
    click.echo(f"{output}: {len(data):,} bytes", err=True)


def _check_output(output: Path | None) -> None:
    if output is not None and output.suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter("the picture must end in .svg or .png", param_hint="-o")
    if output is not None:
        output_module.check_file(output)


@click.group()
def draw() -> None:
    """Draw strategy maps and cascade trees (SVG or PNG, laid out by Graphviz dot)."""


@draw.command("strategy-map")
@paths_argument
@click.option("--unit", required=True, metavar="CODE", help="Code of the map-holding unit.")
@output_option
@click.option(
    "--period",
    metavar="P",
    help="Fill each SS with its score colour in period P (2025, 2025-Q3 or 2025-07), as "
    "`selaras score` computes it under the profile.",
)
@profile_option
@lang_option
@base_option
@quiet_option
def strategy_map(
    paths: tuple[Path, ...],
    unit: str,
    output: Path | None,
    period: str | None,
    profile: str,
    lang: str,
    base: str | None,
    quiet: bool,
) -> None:
    """Draw the strategy map of unit CODE: four perspective bands (Stakeholder at the top),
    one box per SS with its code and statement, cause-effect arrows.

    SS received by cascading have a dashed, grey box that names their source. A cause-effect
    cycle is drawn in red and named (also on stderr). With --period each SS is filled with the
    colour of its score band in that period (the profile's bands, named in the legend); an SS
    without a score keeps a white box. Exit 2 for an unknown unit (the closest codes are named),
    a unit that holds no strategy map, a malformed period, or a missing Graphviz.
    """
    from selaras.draw.cycles import cycles
    from selaras.draw.model import read_map
    from selaras.draw.strategy_map import draw_strategy_map
    from selaras.read import read_dataset

    _check_output(output)
    checked_profile_path(profile)  # an unknown or broken profile fails before any reading
    progress = progress_for(quiet)
    dataset = read_dataset(list(paths), base=base, progress=progress)
    with progress.task(f"Drawing the strategy map of {unit}"):
        picture = read_map(dataset, unit, lang=lang)
        colours, legend = _score_colours(dataset, picture, period, profile, lang)
        svg = draw_strategy_map(picture, lang=lang, colours=colours, colour_legend=legend)
    for loop in cycles(picture.links):
        named = " -> ".join(picture.code(node) for node in loop)
        click.echo(f"selaras: warning: cause-effect cycle: {named}", err=True)
    _write(svg, output)


def _score_colours(
    dataset: Dataset, picture: StrategyMap, period: str | None, profile: str, lang: str
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """{SS code: fill} by each SS's score band in ``period``, and the legend of the bands."""
    if period is None:
        return {}, []
    from selaras.draw.scores import score_colours
    from selaras.score import check_period, ss_bands
    from selaras.score.settings import scoring_settings

    check_period(period)
    bands = ss_bands(dataset, unit=picture.unit, period=period, profile=profile)
    return score_colours(picture, bands, scoring_settings(profile), period, lang=lang)


@draw.command("cascade")
@paths_argument
@click.option(
    "--from", "start", required=True, metavar="CODE", help="Code of the SS or IKU to start from."
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=6,
    show_default=True,
    help="Steps down from the start (an SS to the SS cascaded from it or an IKU measuring it).",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=300,
    show_default=True,
    help="Refuse (exit 2, saying which --depth fits) a tree with more nodes than this.",
)
@output_option
@lang_option
@base_option
@quiet_option
def cascade(
    paths: tuple[Path, ...],
    start: str,
    depth: int,
    max_nodes: int,
    output: Path | None,
    lang: str,
    base: str | None,
    quiet: bool,
) -> None:
    """Draw the cascade tree below an SS or IKU: SS cascading, the IKU measuring each SS and
    IKU cascading, down to staff contracts.

    Each node shows its code, statement or name, unit and level; edges are typed (SS direct or
    indirect, IKU full, partial or not cascaded, IKU measures SS); misaligned and orphan nodes
    (the `misaligned` and `orphans` analyses) are outlined in red with their reasons. Exit 2
    for an unknown code (the closest codes are named), a tree over --max-nodes, or a missing
    Graphviz.
    """
    from selaras.draw import cascade_svg
    from selaras.read import read_dataset

    _check_output(output)
    progress = progress_for(quiet)
    dataset = read_dataset(list(paths), base=base, progress=progress)
    with progress.task(f"Drawing the cascade below {start}"):
        svg = cascade_svg(dataset, start, depth=depth, max_nodes=max_nodes, lang=lang)
    _write(svg, output)


@draw.command("browser-style")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the style sheet here (default: stdout).",
)
def browser_style(output: Path | None) -> None:
    """Print the Neo4j Browser style sheet (GraSS) for a loaded Selaras graph.

    Drag the file onto Browser's style panel, or paste it after `:style` (docs/neo4j.md).
    """
    from selaras.draw import browser_style as style

    text = style()
    if output is None:
        output_module.emit(text)
    else:
        output_module.write_text(output, text)
        click.echo(f"{output}: Neo4j Browser style written", err=True)
