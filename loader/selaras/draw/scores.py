"""Strategy maps coloured by scores: each SS box filled with its colour band in a period.

The bands come from a :class:`~selaras.score.compute.Scorecard` (what `selaras score` computed),
so a map and the scorecard beside it never disagree. The fill is the band's colour code mixed
with white (the box's text stays legible); the legend names each band with its bound.
"""

from __future__ import annotations

from collections.abc import Mapping

from selaras.draw.model import StrategyMap, holder_maps
from selaras.draw.strategy_map import draw_strategy_map
from selaras.read import Dataset
from selaras.score.compute import Scorecard
from selaras.score.settings import Band, ScoringSettings


def tint(code: str, share: float = 0.4) -> str:
    """``code`` (#RRGGBB) mixed with white: ``share`` of the colour, the rest white."""
    channels = [int(code[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def score_colours(
    picture: StrategyMap,
    bands: Mapping[str, Band | None],
    settings: ScoringSettings,
    period: str,
    *,
    lang: str = "en",
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """{SS code: fill} of ``picture``'s SS by their band in ``bands`` (keyed by SS IRI; an SS
    without a band keeps its own fill), and the legend: every colour band of ``settings``."""
    colours = {
        ss.code: tint(band.colour_code)
        for ss in picture.objectives
        if (band := bands.get(ss.node)) is not None and band.colour_code
    }
    lowest = min((b.minimum for b in settings.colour_bands if b.minimum is not None), default=0)
    legend = [
        (
            tint(band.colour_code),
            f"{band.label_id if lang == 'id' else band.label_en} ({period}: "
            + (f"≥ {band.minimum})" if band.minimum is not None else f"< {lowest})"),
        )
        for band in settings.colour_bands
        if band.colour_code
    ]
    return colours, legend


def scorecard_maps(dataset: Dataset, card: Scorecard, *, lang: str = "en") -> dict[str, str]:
    """{unit code: SVG} for every unit of ``card`` that holds a strategy map in ``dataset``,
    its SS coloured by the card's bands. Raises SelarasError when Graphviz is missing."""
    maps: dict[str, str] = {}
    for picture in holder_maps(dataset, [unit.unit for unit in card.units], lang=lang):
        colours, legend = score_colours(
            picture, card.ss_bands(picture.unit), card.settings, card.period, lang=lang
        )
        maps[picture.unit] = draw_strategy_map(
            picture, lang=lang, colours=colours, colour_legend=legend
        )
    return maps
