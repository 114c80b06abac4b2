"""A line chart as a self-contained SVG, for the benchmark pages (no plotting library needed).

``line_chart`` draws one panel per measure side by side, sharing the x values (e.g. staff), one
polyline with dots per series, linear axes from zero with round ticks, and a legend under each
panel (where no line can cross it). The output
is deterministic text.
"""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT = 420, 300  # one panel
LEFT, RIGHT, TOP, BOTTOM = 64, 30, 40, 48
LEGEND_LINE = 16  # a legend entry's height, below each panel
COLOURS = ("#1f5fa8", "#c0392b", "#7f8c8d", "#27ae60", "#8e44ad")
DASHES = ("", "", "6 4", "", "")


def ticks(top: float) -> list[float]:
    """Round tick values from 0 to at least ``top`` (about five)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(math.ceil(top / step) + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:g}"


def _panel(
    ox: float, title: str, x: list[float], series: dict[str, list[float]], x_label: str
) -> list[str]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x_ticks = ticks(max(x))
    y_ticks = ticks(max(max(v) for v in series.values()))

    def sx(v: float) -> float:
        return ox + LEFT + plot_w * v / x_ticks[-1]

    def sy(v: float) -> float:
        return TOP + plot_h * (1 - v / y_ticks[-1])

    out = [f'<text x="{ox + LEFT}" y="{TOP - 24}" class="title">{escape(title)}</text>']
    for t in y_ticks:
        out.append(f'<line x1="{sx(0):.1f}" x2="{sx(x_ticks[-1]):.1f}" y1="{sy(t):.1f}" '
                   f'y2="{sy(t):.1f}" class="grid"/>')  # fmt: skip
        out.append(f'<text x="{sx(0) - 6:.1f}" y="{sy(t) + 4:.1f}" class="y">{_number(t)}</text>')
    for t in x_ticks:
        out.append(f'<text x="{sx(t):.1f}" y="{TOP + plot_h + 16}" class="x">{_number(t)}</text>')
    out.append(f'<text x="{sx(x_ticks[-1] / 2):.1f}" y="{HEIGHT - 10}" class="x">'
               f"{escape(x_label)}</text>")  # fmt: skip
    for i, (label, values) in enumerate(series.items()):
        colour, dash = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)]
        points = " ".join(f"{sx(a):.1f},{sy(b):.1f}" for a, b in zip(x, values, strict=True))
        style = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{points}" stroke="{colour}" class="line"{style}/>')
        out += [f'<circle cx="{sx(a):.1f}" cy="{sy(b):.1f}" r="3" fill="{colour}"/>'
                for a, b in zip(x, values, strict=True)]  # fmt: skip
        ly = HEIGHT + 4 + LEGEND_LINE * i  # below the axis label: no line ever crosses it
        out.append(f'<line x1="{ox + LEFT}" x2="{ox + LEFT + 20}" y1="{ly}" y2="{ly}" '
                   f'stroke="{colour}" class="line"{style}/>')  # fmt: skip
        out.append(f'<text x="{ox + LEFT + 26}" y="{ly + 4}" class="legend">{escape(label)}</text>')
    return out


def line_chart(
    *, title: str, x: list[float], x_label: str, panels: list[tuple[str, dict[str, list[float]]]]
) -> str:
    """An SVG document: ``panels`` ((panel title, {series label: y values}), ...) over ``x``."""
    width = WIDTH * len(panels)
    height = HEIGHT + 24 + LEGEND_LINE * max(len(series) for _, series in panels) + 8
    body = []
    for i, (panel_title, series) in enumerate(panels):
        body += _panel(WIDTH * i, panel_title, x, series, x_label)
    style = (
        "text{font-family:sans-serif;font-size:11px;fill:#222}"
        ".title{font-size:13px;font-weight:bold}.y{text-anchor:end}.x{text-anchor:middle}"
        ".grid{stroke:#ddd;stroke-width:1}.line{fill:none;stroke-width:2}"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">\n'
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n"
        f'<rect width="{width}" height="{height}" fill="#fff"/>\n'
        f'<g transform="translate(0,24)">\n' + "\n".join(body) + "\n</g>\n</svg>\n"
    )
