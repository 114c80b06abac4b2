"""A cascade tree as SVG: one box per SS or IKU (code, statement or name, unit and level),
edges typed by how the child was cascaded, misaligned and orphan nodes outlined in red with
their reasons.

SVG structure: ``<g class="node ss|iku [flagged] [start]" data-code data-depth>`` per node,
``<g class="edge" data-kind data-parent data-child>`` per edge; ``data-kind`` is ``direct``,
``indirect``, ``full``, ``partial``, ``none`` (non-cascading) or ``measures``.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

import graphviz

from selaras.draw import layout
from selaras.draw.model import CascadeTree, Node
from selaras.draw.svg import LINE, Svg, wrap

TEXT_WIDTH = 176.0
PAD = 8.0
CODE_SIZE = 11.0
LABEL_SIZE = 11.0
SMALL = 10.0
MARGIN = 16.0
INK = "#1d2430"
MUTED = "#5b6472"
FLAG = "#a61b1b"
FILLS = {"SS": "#e8f0fa", "IKU": "#fff5db"}

#: Edge kind -> (stroke colour, width, dash pattern or None).
EDGE_STYLES: dict[str, tuple[str, float, str | None]] = {
    "direct": (INK, 1.6, None),
    "indirect": (INK, 1.6, "7 4"),
    "full": ("#1f4e8c", 2.2, None),
    "partial": ("#1f4e8c", 2.2, "7 4"),
    "none": (MUTED, 1.4, "2 3"),
    "measures": ("#8a5a00", 1.4, "1 3"),
}
UNKNOWN_STYLE = ("#888888", 1.2, None)

WORDS = {
    "en": {
        "title": "Cascade below",
        "depth": "depth up to",
        "nodes": "nodes",
        "direct": "SS cascaded directly",
        "indirect": "SS cascaded indirectly",
        "full": "IKU cascaded fully",
        "partial": "IKU cascaded partially",
        "none": "IKU not cascaded",
        "measures": "IKU measures SS",
        "flagged": "misaligned or orphan (reason in the box)",
        "level": "level",
        "SS": "SS (strategic objective)",
        "IKU": "IKU (key performance indicator)",
    },
    "id": {
        "title": "Cascading di bawah",
        "depth": "kedalaman hingga",
        "nodes": "simpul",
        "direct": "SS diturunkan langsung",
        "indirect": "SS diturunkan tidak langsung",
        "full": "IKU diturunkan penuh",
        "partial": "IKU diturunkan sebagian",
        "none": "IKU tidak diturunkan",
        "measures": "IKU mengukur SS",
        "flagged": "tidak selaras atau yatim (alasan di kotak)",
        "level": "level",
        "SS": "SS (sasaran strategis)",
        "IKU": "IKU (indikator kinerja utama)",
    },
}


def _lines(node: Node, words: Mapping[str, str]) -> list[tuple[str, float, str]]:
    """(text, size, role) of each line of a node's box."""
    lines = [(t, CODE_SIZE, "code") for t in wrap(node.code, TEXT_WIDTH, CODE_SIZE, bold=True)]
    lines += [(t, LABEL_SIZE, "label") for t in wrap(node.label, TEXT_WIDTH, LABEL_SIZE)]
    level = f"{words['level']} {node.level}" if node.level else ""
    place = " \u00b7 ".join(p for p in (node.kind, node.unit, level) if p)
    lines += [(t, SMALL, "unit") for t in wrap(place, TEXT_WIDTH, SMALL)] if place else []
    for reason in node.reasons:
        lines += [(t, SMALL, "reason") for t in wrap(f"\u26a0 {reason}", TEXT_WIDTH, SMALL)]
    return lines


def _height(lines: list[tuple[str, float, str]]) -> float:
    return 2 * PAD + sum(size * LINE for _, size, _ in lines)


def draw_cascade(tree: CascadeTree, *, lang: str = "en") -> str:
    """The SVG text of ``tree``."""
    words = WORDS[lang]
    box_width = TEXT_WIDTH + 2 * PAD
    texts = {node.key: _lines(node, words) for node in tree.nodes}
    names = {node.key: f"n{i}" for i, node in enumerate(tree.nodes)}
    codes = {node.key: node.code for node in tree.nodes}
    graph = graphviz.Digraph(
        graph_attr={
            "rankdir": "TB",
            "nodesep": "0.25",
            "ranksep": "0.6",
            "margin": "0",
            "splines": "true",
        },
        node_attr={"shape": "box", "fixedsize": "true", "label": ""},
        edge_attr={"arrowsize": "0.7"},
    )
    for node in tree.nodes:
        graph.node(
            names[node.key],
            width=layout.inches(box_width),
            height=layout.inches(_height(texts[node.key])),
        )
    for n, edge in enumerate(tree.edges):
        graph.edge(names[edge.parent], names[edge.child], id=f"e{n}")
    placed = layout.run(graph)

    title = f"{words['title']} {tree.start}"
    subtitle = f"{words['depth']} {tree.depth} \u00b7 {len(tree.nodes)} {words['nodes']}"
    used = sorted(
        {edge.kind for edge in tree.edges},
        key=lambda k: list(EDGE_STYLES).index(k) if k in EDGE_STYLES else 99,
    )
    legend = [k for k in used if k in EDGE_STYLES]
    flagged = any(node.reasons for node in tree.nodes)
    rows = (len(legend) + int(flagged) + 2 + 1) // 2
    width = max(placed.width + 2 * MARGIN, 560.0)
    inner = width - 2 * MARGIN
    title_lines = wrap(title, inner, 16, bold=True)
    top = MARGIN + len(title_lines) * 16 * LINE + 12 * LINE + 10
    height = top + placed.height + 16 + (rows - 1) * 22 + 16 + MARGIN
    shift_x = MARGIN + (inner - placed.width) / 2

    svg = Svg(width, height, title=f"{title}: {subtitle}", class_="cascade")
    svg.rect(0, 0, width, height, fill="#ffffff", class_="background")
    y = MARGIN + 16
    for line in title_lines:
        svg.line_text(MARGIN, y, line, font_size=16, font_weight="bold", fill=INK, class_="title")
        y += 16 * LINE
    svg.line_text(MARGIN, y - 2, subtitle, font_size=12, fill=MUTED, class_="subtitle")

    def move(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] + shift_x, p[1] + top)

    routes = {route.key: route for route in placed.routes}
    for n, edge in enumerate(tree.edges):
        colour, stroke, dash = EDGE_STYLES.get(edge.kind, UNKNOWN_STYLE)
        route = routes[f"e{n}"]
        parent, child = codes[edge.parent], codes[edge.child]
        svg.open(class_="edge", data_kind=edge.kind, data_parent=parent, data_child=child)
        svg.add(
            f"<title>{escape(parent)} \u2192 {escape(child)}: "
            f"{escape(words.get(edge.kind, edge.kind))}</title>"
        )
        svg.path(
            [move(p) for p in route.curve],
            stroke=colour,
            stroke_width=stroke,
            stroke_dasharray=dash,
        )
        svg.polygon([move(p) for p in route.arrow], fill=colour, stroke=colour)
        svg.close()

    for node in tree.nodes:
        box = placed.boxes[names[node.key]]
        x, y = box.left + shift_x, box.top + top
        classes = ["node", node.kind.lower()]
        if node.reasons:
            classes.append("flagged")
        if node.depth == 0:
            classes.append("start")
        svg.open(class_=" ".join(classes), data_code=node.code, data_depth=str(node.depth))
        svg.rect(
            x,
            y,
            box.width,
            box.height,
            rx=5,
            fill=FILLS.get(node.kind, "#ffffff"),
            stroke=FLAG if node.reasons else INK,
            stroke_width=3 if node.reasons or node.depth == 0 else 1.2,
        )
        ty = y + PAD + CODE_SIZE
        for text, size, role in texts[node.key]:
            svg.line_text(
                x + PAD,
                ty,
                text,
                font_size=size,
                font_weight="bold" if role == "code" else None,
                fill=FLAG if role == "reason" else (MUTED if role == "unit" else INK),
            )
            ty += size * LINE
        svg.close()

    legend_top = top + placed.height + 16
    svg.open(class_="legend")
    column = inner / 2
    kinds = sorted({node.kind for node in tree.nodes}, reverse=True)  # SS, IKU
    items: list[str] = [*kinds, *legend, *(["flagged"] if flagged else [])]
    for n, kind in enumerate(items):
        x = MARGIN + (n % 2) * column
        y = legend_top + (n // 2) * 22
        if kind == "flagged":
            svg.rect(x, y, 32, 14, rx=3, fill="#ffffff", stroke=FLAG, stroke_width=3)
        elif kind in FILLS:
            svg.rect(x, y, 32, 14, rx=3, fill=FILLS[kind], stroke=INK, stroke_width=1.2)
        else:
            colour, stroke, dash = EDGE_STYLES[kind]
            svg.path(
                [(x, y + 7), (x + 8, y + 7), (x + 16, y + 7), (x + 24, y + 7)],
                stroke=colour,
                stroke_width=stroke,
                stroke_dasharray=dash,
            )
            svg.polygon([(x + 24, y + 3), (x + 32, y + 7), (x + 24, y + 11)], fill=colour)
        svg.line_text(x + 40, y + 11, words[kind], font_size=11, fill=INK)
    svg.close()
    return svg.text()
