"""Pictures: strategy maps and cascade trees as SVG (or PNG), laid out by Graphviz ``dot``.

One module per step::

    model         what a strategy map shows, read by SPARQL from the embedded store
    tree          the cascade below an SS or IKU, level by level, with the analyses' reasons
    cycles        cause-effect cycles, named
    layout        Graphviz dot (positions and edge routes) through the ``graphviz`` binding
    svg           the SVG writer (escaped, wrapped, deterministic) and PNG by cairosvg
    strategy_map  the strategy map picture
    cascade       the cascade tree picture
    report        the maps the HTML validation report embeds

:func:`strategy_map_svg` and :func:`cascade_svg` are the entry points; ``selaras draw`` is a
thin layer over them. The Neo4j Browser style sheet ships beside them (:func:`browser_style`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from importlib import resources as importlib_resources

from selaras.draw.model import StrategyMap, TooLargeError, read_map
from selaras.draw.svg import to_png
from selaras.draw.tree import MAX_NODES, cascade_tree
from selaras.errors import UnknownNameError
from selaras.read import Dataset

LANGUAGES = ("id", "en")

__all__ = [
    "LANGUAGES",
    "MAX_NODES",
    "StrategyMap",
    "TooLargeError",
    "browser_style",
    "cascade_svg",
    "strategy_map_svg",
    "to_png",
]


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise UnknownNameError("language", lang, LANGUAGES)


def strategy_map_svg(
    dataset: Dataset,
    unit: str,
    *,
    lang: str = "en",
    colours: Mapping[str, str] | None = None,
    colour_legend: Sequence[tuple[str, str]] = (),
    outlined: Collection[str] = (),
    links: Callable[[str], str | None] | None = None,
) -> str:
    """The strategy map of the unit with code ``unit``, as SVG text.

    ``colours`` (SS code -> fill colour) and ``colour_legend`` ((colour, label) pairs) colour
    the boxes, e.g. by the score band of a period; ``outlined`` SS codes get a red outline;
    ``links`` gives the address an SS's box links to from its IRI (None: no link).
    Raises DatasetError for an unknown unit (naming the closest codes) or a unit without a map,
    SelarasError when Graphviz is missing.
    """
    _check(lang)
    from selaras.draw.strategy_map import draw_strategy_map

    picture = read_map(dataset, unit, lang=lang)
    return draw_strategy_map(
        picture,
        lang=lang,
        colours=colours,
        colour_legend=colour_legend,
        outlined=outlined,
        links=links,
    )


def cascade_svg(
    dataset: Dataset,
    start: str,
    *,
    depth: int = 6,
    max_nodes: int = MAX_NODES,
    lang: str = "en",
) -> str:
    """The cascade tree below the SS or IKU with code ``start``, ``depth`` steps down, as SVG.

    Raises DatasetError for an unknown code, TooLargeError when more than ``max_nodes`` nodes
    lie within ``depth`` (the message says which depth fits), SelarasError when Graphviz is
    missing.
    """
    _check(lang)
    from selaras.draw.cascade import draw_cascade

    tree = cascade_tree(dataset, start, depth=depth, max_nodes=max_nodes, lang=lang)
    return draw_cascade(tree, lang=lang)


def browser_style() -> str:
    """The Neo4j Browser style sheet (GraSS) for a loaded Selaras graph."""
    return (
        importlib_resources.files("selaras.draw")
        .joinpath("browser.grass")
        .read_text(encoding="utf-8")
    )
