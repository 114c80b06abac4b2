"""A unit's strategy map as SVG: four perspective bands, one box per SS, cause-effect arrows.

The bands are horizontal and follow the ontology's perspective ranks (Stakeholder, rank 1, at
the top); an SS without a perspective goes into an extra band at the bottom. ``dot`` lays the
boxes out bottom to top (causes below their effects) and routes the arrows around the boxes;
each band is one rank of the layout, held in order by an invisible chain of anchors. A link
that points down or sideways does not constrain the ranks, so a cause-effect cycle is drawn
too, in red, and named under the title.

SVG structure (what tests and styles rely on): ``<g class="band" data-rank data-perspective>``
per band, top to bottom; ``<g class="ss own|cascaded [outlined]" data-code>`` per SS (its box
inside an ``<a href>`` when the caller links SS to pages);
``<g class="link [cycle]" data-cause data-effect>`` per cause-effect link.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from xml.sax.saxutils import escape

import graphviz

from selaras.draw import layout
from selaras.draw.cycles import cycles
from selaras.draw.model import Objective, Perspective, StrategyMap
from selaras.draw.svg import LINE, Svg, attrs, wrap

TEXT_WIDTH = 184.0  # the statement's wrapping width inside a box
PAD = 9.0
CODE_SIZE = 11.0
STATEMENT_SIZE = 12.0
NOTE_SIZE = 10.0
LABEL_WIDTH = 160.0  # the column of band labels
MARGIN = 16.0
BAND_PAD = 14.0
INK = "#1d2430"
MUTED = "#5b6472"
CYCLE = "#c0392b"
OUTLINE = "#a61b1b"
ARROW = " \u2192 "
BAND_FILLS = ("#e8f0fa", "#eaf4e6", "#fbf3e4", "#f2ecf8", "#eeeeee")

WORDS = {
    "en": {
        "own": "SS formulated by the unit",
        "cascaded": "SS received by cascading",
        "from": "from",
        "link": "cause \u2192 effect",
        "cycle": "Cause-effect cycle",
        "outlined": "SS with validation results",
        "no_perspective": "(no perspective)",
        "no_ss": "No SS on this map.",
    },
    "id": {
        "own": "SS dirumuskan unit sendiri",
        "cascaded": "SS hasil penurunan (cascading)",
        "from": "dari",
        "link": "sebab \u2192 akibat",
        "cycle": "Siklus sebab-akibat",
        "outlined": "SS dengan temuan validasi",
        "no_perspective": "(tanpa perspektif)",
        "no_ss": "Tidak ada SS pada peta ini.",
    },
}


def _box_lines(ss: Objective, words: Mapping[str, str]) -> tuple[list[str], list[str], list[str]]:
    code = wrap(ss.code, TEXT_WIDTH, CODE_SIZE, bold=True)
    statement = wrap(ss.statement, TEXT_WIDTH, STATEMENT_SIZE) if ss.statement else []
    note: list[str] = []
    if ss.cascaded:
        kind = f" ({ss.cascading})" if ss.cascading else ""
        note = wrap(f"\u21b3 {words['from']} {ss.source}{kind}", TEXT_WIDTH, NOTE_SIZE)
    return code, statement, note


def _box_height(code: list[str], statement: list[str], note: list[str]) -> float:
    return (
        2 * PAD
        + len(code) * CODE_SIZE * LINE
        + len(statement) * STATEMENT_SIZE * LINE
        + len(note) * NOTE_SIZE * LINE
        + (3.0 if statement else 0.0)
    )


def draw_strategy_map(
    picture: StrategyMap,
    *,
    lang: str = "en",
    colours: Mapping[str, str] | None = None,
    colour_legend: Sequence[tuple[str, str]] = (),
    outlined: Collection[str] = (),
    links: Callable[[str], str | None] | None = None,
) -> str:
    """The SVG text of ``picture``.

    ``colours`` maps SS codes to box fill colours (the score bands of a period, when scores are
    computed), explained by ``colour_legend`` (colour, label) pairs; ``outlined`` SS codes get a
    red outline (the validation report marks SS with results this way). ``links`` gives the
    address an SS's box links to from its IRI (None: no link), e.g. its page on a published site.
    """
    words = WORDS[lang]
    bands: list[Perspective] = list(picture.perspectives)
    if any(ss.perspective is None for ss in picture.objectives):
        bands.append(Perspective(len(bands) + 1, "", words["no_perspective"]))
    band_of = {p.rank: i for i, p in enumerate(bands)}
    spare = len(bands) - 1

    def band_index(ss: Objective) -> int:
        if ss.perspective is None:
            return spare
        return band_of.get(ss.perspective, spare)

    box_width = TEXT_WIDTH + 2 * PAD
    texts = {ss.node: _box_lines(ss, words) for ss in picture.objectives}
    graph = graphviz.Digraph(
        graph_attr={
            "rankdir": "BT",
            "nodesep": "0.45",
            "ranksep": "0.7",
            "splines": "true",
            "margin": "0",
            "outputorder": "edgesfirst",
        },
        node_attr={"shape": "box", "fixedsize": "true", "label": ""},
        edge_attr={"arrowsize": "0.8"},
    )
    names = {ss.node: f"s{i}" for i, ss in enumerate(picture.objectives)}
    for i in range(len(bands)):
        with graph.subgraph() as rank:
            rank.attr(rank="same")
            rank.node(f"a{i}", shape="point", width="0.01", height="0.01", style="invis")
            for ss in picture.objectives:
                if band_index(ss) == i:
                    rank.node(
                        names[ss.node],
                        width=layout.inches(box_width),
                        height=layout.inches(_box_height(*texts[ss.node])),
                    )
    for i in range(len(bands) - 1, 0, -1):  # bottom band first: ranks grow upwards
        graph.edge(f"a{i}", f"a{i - 1}", style="invis", weight="10")
    by_node = {ss.node: ss for ss in picture.objectives}
    for n, (cause, effect) in enumerate(picture.links):
        upward = band_index(by_node[effect]) < band_index(by_node[cause])
        graph.edge(
            names[cause], names[effect], id=f"l{n}", constraint="true" if upward else "false"
        )
    placed = layout.run(graph)

    loops = cycles(picture.links)
    in_cycle = {(c, e) for loop in loops for c, e in itertools.pairwise(loop)}
    named_loops = [[by_node[n].code for n in loop] for loop in loops]
    title = f"{picture.unit_label} ({picture.unit})"
    # the map's own name only when it says more than the unit's name in the title
    named = picture.map_label if picture.unit_label not in picture.map_label else ""
    subtitle = " \u00b7 ".join(
        part for part in (picture.level, ", ".join(picture.years), named) if part
    )
    notes = [f"{words['cycle']}: " + ARROW.join(loop) for loop in named_loops]
    if not picture.objectives:
        notes.append(words["no_ss"])
    width = max(2 * MARGIN + LABEL_WIDTH + placed.width + 2 * BAND_PAD, 640.0)
    inner = width - 2 * MARGIN
    title_lines = wrap(title, inner, 16, bold=True)
    subtitle_lines = wrap(subtitle, inner, 12)
    note_lines = [line for note in notes for line in wrap(note, inner, 12)]
    top = (
        MARGIN
        + len(title_lines) * 16 * LINE
        + len(subtitle_lines) * 12 * LINE
        + len(note_lines) * 12 * LINE
        + 8
    )

    # band edges: halfway between the lowest box of a band and the highest of the next
    extents: list[tuple[float, float]] = []
    for i in range(len(bands)):
        members = [placed.boxes[names[ss.node]] for ss in picture.objectives if band_index(ss) == i]
        anchor = placed.boxes[f"a{i}"]
        if members:
            extents.append((min(b.top for b in members), max(b.bottom for b in members)))
        else:
            extents.append((anchor.y - 24, anchor.y + 24))
    edges = [extents[0][0] - BAND_PAD]
    for (_, bottom), (next_top, _) in itertools.pairwise(extents):
        edges.append((bottom + next_top) / 2)
    edges.append(extents[-1][1] + BAND_PAD)
    shift_y = top - edges[0]
    shift_x = MARGIN + LABEL_WIDTH + (inner - LABEL_WIDTH - placed.width) / 2 + 0.0
    legend_top = edges[-1] + shift_y + 14
    legend = _legend_items(words, bool(outlined), colour_legend)
    height = legend_top + 22 * ((len(legend) + 1) // 2 - 1) + 16 + MARGIN

    svg = Svg(width, height, title=f"{title}: {subtitle}", class_="strategy-map")
    svg.rect(0, 0, width, height, fill="#ffffff", class_="background")
    y = MARGIN + 16
    for line in title_lines:
        svg.line_text(MARGIN, y, line, font_size=16, font_weight="bold", fill=INK, class_="title")
        y += 16 * LINE
    for line in subtitle_lines:
        svg.line_text(MARGIN, y - 2, line, font_size=12, fill=MUTED, class_="subtitle")
        y += 12 * LINE
    for line in note_lines:
        svg.line_text(MARGIN, y - 2, line, font_size=12, fill=CYCLE, class_="note")
        y += 12 * LINE

    for i, band in enumerate(bands):
        y0, y1 = edges[i] + shift_y, edges[i + 1] + shift_y
        svg.open(class_="band", data_rank=str(band.rank), data_perspective=band.notation)
        svg.rect(MARGIN, y0, inner, y1 - y0, fill=BAND_FILLS[min(i, 4)], stroke="#c9d1db")
        label = wrap(band.label, LABEL_WIDTH - 20, 12, bold=True)
        ly = (y0 + y1) / 2 - (len(label) - 1) * 12 * LINE / 2 + 4
        svg.lines(MARGIN + 10, ly, label, 12, font_weight="bold", fill=INK)
        svg.close()

    def move(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] + shift_x, point[1] + shift_y)

    routes = {route.key: route for route in placed.routes}
    for n, (cause, effect) in enumerate(picture.links):
        route = routes[f"l{n}"]
        colour = CYCLE if (cause, effect) in in_cycle else INK
        cause_code, effect_code = by_node[cause].code, by_node[effect].code
        svg.open(
            class_="link cycle" if colour == CYCLE else "link",
            data_cause=cause_code,
            data_effect=effect_code,
        )
        svg.add(f"<title>{escape(cause_code)} \u2192 {escape(effect_code)}</title>")
        svg.path([move(p) for p in route.curve], stroke=colour, stroke_width=1.6)
        svg.polygon([move(p) for p in route.arrow], fill=colour, stroke=colour)
        svg.close()

    for ss in picture.objectives:
        box = placed.boxes[names[ss.node]]
        x, y = box.left + shift_x, box.top + shift_y
        kind = "cascaded" if ss.cascaded else "own"
        marked = ss.code in outlined
        svg.open(class_=f"ss {kind}" + (" outlined" if marked else ""), data_code=ss.code)
        target = links(ss.node) if links is not None else None
        if target is not None:
            svg.add(f"<a{attrs(href=target)}>")
        fill = (colours or {}).get(ss.code) or ("#f4f6f9" if ss.cascaded else "#ffffff")
        svg.rect(
            x,
            y,
            box.width,
            box.height,
            rx=6,
            fill=fill,
            stroke=OUTLINE if marked else (MUTED if ss.cascaded else INK),
            stroke_width=3 if marked else 1.5,
            stroke_dasharray="5 3" if ss.cascaded else None,
        )
        code, statement, note = texts[ss.node]
        ty = y + PAD + CODE_SIZE
        ty = svg.lines(x + PAD, ty, code, CODE_SIZE, font_weight="bold", fill=INK)
        ty = svg.lines(x + PAD, ty + 3, statement, STATEMENT_SIZE, fill=INK)
        svg.lines(x + PAD, ty, note, NOTE_SIZE, fill=MUTED, font_style="italic")
        if target is not None:
            svg.add("</a>")
        svg.close()

    _draw_legend(svg, legend, legend_top, inner)
    return svg.text()


def _legend_items(
    words: Mapping[str, str], outlined: bool, colour_legend: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    items = [("own", words["own"]), ("cascaded", words["cascaded"]), ("link", words["link"])]
    if outlined:
        items.append(("outlined", words["outlined"]))
    items += [(f"colour:{colour}", label) for colour, label in colour_legend]
    return items


def _draw_legend(svg: Svg, items: list[tuple[str, str]], top: float, inner: float) -> None:
    svg.open(class_="legend")
    column = inner / 2
    for n, (kind, label) in enumerate(items):
        x = MARGIN + (n % 2) * column
        y = top + (n // 2) * 22
        if kind == "link":
            svg.path(
                [(x, y + 7), (x + 10, y + 7), (x + 18, y + 7), (x + 24, y + 7)],
                stroke=INK,
                stroke_width=1.6,
            )
            svg.polygon([(x + 24, y + 3), (x + 32, y + 7), (x + 24, y + 11)], fill=INK)
        else:
            fill = (
                kind.removeprefix("colour:")
                if kind.startswith("colour:")
                else ("#f4f6f9" if kind == "cascaded" else "#ffffff")
            )
            svg.rect(
                x,
                y,
                32,
                14,
                rx=3,
                fill=fill,
                stroke=OUTLINE if kind == "outlined" else (MUTED if kind == "cascaded" else INK),
                stroke_width=3 if kind == "outlined" else 1.5,
                stroke_dasharray="5 3" if kind == "cascaded" else None,
            )
        fitted = wrap(label, column - 50, 11)[0]
        svg.line_text(x + 40, y + 11, fitted if fitted == label else label, font_size=11, fill=INK)
    svg.close()
