"""Layout by Graphviz ``dot`` (through the ``graphviz`` binding): where boxes go, how edges run.

The drawing modules describe a graph of fixed-size boxes with :class:`graphviz.Digraph`; ``dot``
places them and routes the edges around them as splines; :func:`run` returns those positions in
SVG coordinates (points, origin top left). The pictures themselves are written by
:mod:`selaras.draw.svg`, so their text, fonts and structure do not depend on the Graphviz version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import graphviz

from selaras.errors import SelarasError

Point = tuple[float, float]

INSTALL_HINT = (
    "Graphviz's `dot` program was not found: install Graphviz (Debian/Ubuntu: "
    "`apt-get install graphviz`; Fedora: `dnf install graphviz`; macOS: `brew install graphviz`; "
    "Windows: the installer from graphviz.org) so that `dot` is on PATH, then try again"
)


@dataclass(frozen=True)
class Box:
    """A laid-out node: its centre and size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2

    @property
    def left(self) -> float:
        return self.x - self.width / 2


@dataclass(frozen=True)
class Route:
    """A laid-out edge: cubic Bezier points (start, then three per segment) and the arrowhead
    polygon, if any. ``key`` is the edge's ``id`` attribute."""

    key: str
    curve: tuple[Point, ...]
    arrow: tuple[Point, ...]


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: dict[str, Box]
    routes: tuple[Route, ...]


def inches(points: float) -> str:
    """A size in points as dot's inches."""
    return f"{points / 72:.4f}"


def run(graph: graphviz.Digraph) -> Layout:
    """Lay ``graph`` out with ``dot``. Raises SelarasError when Graphviz is missing or fails."""
    try:
        data = graph.pipe(format="json", engine="dot", quiet=True)
    except graphviz.ExecutableNotFound:
        raise SelarasError(INSTALL_HINT) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise SelarasError(
            "Graphviz's dot failed to lay out the picture"
            + (f": {detail[-1]}" if detail else f" (exit {exc.returncode})")
        ) from None
    return parse(json.loads(data))


def parse(data: dict[str, Any]) -> Layout:
    """The positions in dot's JSON output, turned to SVG coordinates (y down)."""
    x0, y0, x1, y1 = (float(v) for v in str(data["bb"]).split(","))
    height = y1 - y0

    def point(x: float, y: float) -> Point:
        return (round(x - x0, 2), round(height - (y - y0), 2))

    boxes: dict[str, Box] = {}
    names: dict[int, str] = {}
    for obj in data.get("objects", []):
        if "pos" not in obj:
            continue  # a subgraph
        names[int(obj["_gvid"])] = obj["name"]
        x, y = (float(v) for v in str(obj["pos"]).split(","))
        cx, cy = point(x, y)
        boxes[obj["name"]] = Box(
            cx, cy, round(float(obj["width"]) * 72, 2), round(float(obj["height"]) * 72, 2)
        )
    routes = []
    for edge in data.get("edges", []):
        if edge.get("style") == "invis":
            continue
        curve: tuple[Point, ...] = ()
        for op in edge.get("_draw_", []):
            if op["op"] in ("b", "B"):
                curve = tuple(point(*p) for p in op["points"])
        arrow: tuple[Point, ...] = ()
        for op in edge.get("_hdraw_", []):
            if op["op"] in ("p", "P"):
                arrow = tuple(point(*p) for p in op["points"])
        key = str(edge.get("id") or f"{names[edge['tail']]}->{names[edge['head']]}")
        routes.append(Route(key, curve, arrow))
    return Layout(round(x1 - x0, 2), round(height, 2), boxes, tuple(routes))
