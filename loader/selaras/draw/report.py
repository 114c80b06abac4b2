"""The strategy maps the HTML validation report shows: one per unit with results that holds a
map, its SS with results outlined."""

from __future__ import annotations

from dataclasses import dataclass

from selaras.draw.model import holder_maps
from selaras.draw.strategy_map import draw_strategy_map
from selaras.read import Dataset
from selaras.validate import ValidationReport


@dataclass(frozen=True)
class MapPicture:
    """A unit's strategy map for the report: the unit, its outlined SS and the SVG."""

    unit: str
    unit_label: str
    outlined: tuple[str, ...]
    svg: str


def report_maps(
    dataset: Dataset, report: ValidationReport, *, lang: str = "en"
) -> list[MapPicture]:
    """The map of every unit that has results and holds a map, in the report's unit order.

    Raises SelarasError when Graphviz is missing (the caller decides whether the report goes
    without maps).
    """
    pictures: list[MapPicture] = []
    for picture in holder_maps(dataset, [s.unit_code for s in report.by_unit], lang=lang):
        codes = {ss.code for ss in picture.objectives}
        outlined = sorted(
            {r.focus_code for r in report.results if r.unit_code == picture.unit} & codes
        )
        svg = draw_strategy_map(picture, lang=lang, outlined=outlined)
        pictures.append(MapPicture(picture.unit, picture.unit_label, tuple(outlined), svg))
    return pictures
