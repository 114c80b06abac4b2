"""A small SVG writer: escaped text, wrapped lines, fixed number formatting, PNG by cairosvg.

Pictures are self-contained (no external fonts, images, styles or scripts; the font is named
with a generic fallback) and the same input gives the same bytes: numbers are written with at
most two decimals and elements in the order the caller adds them.

Text is measured with the advance widths of DejaVu Sans, the widest of the common sans-serif
fonts (Arial, Helvetica and Liberation Sans are narrower), so a wrapped line fits its box in
any of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from selaras.errors import SelarasError

FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"

#: Advance widths of DejaVu Sans, in em, for the characters whose width differs from ``_OTHER``.
_WIDTHS = {
    **dict.fromkeys(" .,:;'!|", 0.32),
    **dict.fromkeys("iljI", 0.28),
    **dict.fromkeys("ft()[]/-", 0.39),
    "r": 0.42,
    "J": 0.3,
    "s": 0.53,
    "z": 0.53,
    "c": 0.56,
    "L": 0.56,
    **dict.fromkeys("kvxy", 0.6),
    **dict.fromkeys("ETZFP", 0.64),
    **dict.fromkeys("abdeghnopqu0123456789SKBAXYR", 0.7),
    **dict.fromkeys("CUNHDGOQ", 0.79),
    **dict.fromkeys("mwMW", 1.0),
}
_OTHER = 0.72  # anything else, accented letters and symbols included: on the wide side
_BOLD = 1.1


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width ``text`` takes at font size ``size`` (an upper estimate)."""
    em = sum(_WIDTHS.get(ch, _OTHER) for ch in text)
    return em * size * (_BOLD if bold else 1.0)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width``: at spaces, and inside a word only
    when the word alone is wider. Every character is kept; nothing is cut off."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold=bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # a word wider than the box is broken where it must be
            if line and text_width(line + ch, size, bold=bold) > width:
                lines.append(line)
                line = ""
            line += ch
    if line:
        lines.append(line)
    return lines or [""]


def num(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(**values: str | float | None) -> str:
    """XML attributes (``class_`` for ``class``, ``_`` in names as ``-``), escaped, in order."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        key = name.rstrip("_").replace("_", "-")
        text = num(value) if isinstance(value, float | int) else value
        parts.append(f" {key}={quoteattr(text)}")
    return "".join(parts)


class Svg:
    """Collects elements; :meth:`text` gives the document."""

    def __init__(self, width: float, height: float, *, title: str, class_: str) -> None:
        self.width = width
        self.height = height
        self.parts: list[str] = [f"<title>{escape(title)}</title>"]
        self.class_ = class_

    def add(self, element: str) -> None:
        self.parts.append(element)

    def open(self, **values: str | float | None) -> None:
        self.parts.append(f"<g{attrs(**values)}>")

    def close(self) -> None:
        self.parts.append("</g>")

    def rect(self, x: float, y: float, w: float, h: float, **values: str | float | None) -> None:
        self.add(f"<rect{attrs(x=x, y=y, width=w, height=h, **values)}/>")

    def line_text(self, x: float, y: float, text: str, **values: str | float | None) -> None:
        self.add(f"<text{attrs(x=x, y=y, **values)}>{escape(text)}</text>")

    def lines(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        size: float,
        **values: str | float | None,
    ) -> float:
        """One ``<text>`` per line from baseline ``y`` down; returns the y below the last."""
        for line in lines:
            self.line_text(x, y, line, font_size=size, **values)
            y += size * LINE
        return y

    def path(self, points: Sequence[tuple[float, float]], **values: str | float | None) -> None:
        """A cubic Bezier path through dot's control points (start, then three per segment)."""
        if not points:
            return
        (x, y), rest = points[0], points[1:]
        d = f"M{num(x)},{num(y)}"
        for i in range(0, len(rest) - len(rest) % 3, 3):
            (ax, ay), (bx, by), (cx, cy) = rest[i : i + 3]
            d += f" C{num(ax)},{num(ay)} {num(bx)},{num(by)} {num(cx)},{num(cy)}"
        self.add(f"<path{attrs(d=d, fill='none', **values)}/>")

    def polygon(self, points: Iterable[tuple[float, float]], **values: str | float | None) -> None:
        text = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        self.add(f"<polygon{attrs(points=text, **values)}/>")

    def text(self) -> str:
        head = (
            '<svg xmlns="http://www.w3.org/2000/svg"'
            f"{attrs(class_=self.class_, width=self.width, height=self.height)}"
            f' viewBox="0 0 {num(self.width)} {num(self.height)}"'
            f'{attrs(font_family=FONT)} role="img">'
        )
        return "\n".join([head, *self.parts, "</svg>"]) + "\n"


LINE = 1.25  # line height, in font sizes


def to_png(svg: str, *, scale: float = 2.0) -> bytes:
    """The picture as PNG, rendered by cairosvg (Cairo), ``scale`` pixels per SVG unit."""
    try:
        import cairosvg
    except (ImportError, OSError) as exc:
        raise SelarasError(
            f"PNG output needs cairosvg and the Cairo library ({exc}): `pip install cairosvg` "
            "and install Cairo (Debian/Ubuntu: `apt-get install libcairo2`), or write SVG"
        ) from None
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
    assert isinstance(png, bytes)
    return png
