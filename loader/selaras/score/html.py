"""The scorecard as a printable HTML page (Jinja2 template ``templates/score.html.j2``).

One section per unit (a page each when printed): its NKO with band and colour swatch, then its
perspectives in order, each SS with its IKU; every IKU shows the target and realisation its
capaian comes from, and which period target each was read from. A legend gives the colour and
NKO bands and says which profile settings are assumptions. All data is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from selaras.score.compute import Scorecard, ScoreRow


@dataclass(frozen=True)
class _Perspective:
    row: ScoreRow | None
    objectives: list[tuple[ScoreRow | None, list[ScoreRow]]]


def _sections(rows: tuple[ScoreRow, ...]) -> list[_Perspective]:
    """The rows of one unit grouped as perspective -> SS -> IKU (rows come ordered that way)."""
    sections: list[_Perspective] = []
    pending: list[tuple[ScoreRow | None, list[ScoreRow]]] = []
    ikus: list[ScoreRow] = []
    for row in rows:
        if row.kind == "IKU":
            ikus.append(row)
        elif row.kind == "SS":
            pending.append((row, ikus))
            ikus = []
        elif row.kind == "perspective":
            if ikus:
                pending.append((None, ikus))
                ikus = []
            sections.append(_Perspective(row, pending))
            pending = []
    if ikus:
        pending.append((None, ikus))
    if pending:
        sections.append(_Perspective(None, pending))
    return sections


def to_html(card: Scorecard, *, maps: Mapping[str, str] | None = None) -> str:
    """The page as text; ``maps`` (unit code -> SVG, :func:`selaras.draw.scores.scorecard_maps`)
    puts each unit's coloured strategy map under its NKO."""
    from selaras.templating import environment

    env = environment()
    places = card.settings.places

    def number(row: ScoreRow | None) -> str:
        if row is None or row.capaian is None:
            return ""
        return f"{row.capaian:.{places}f}"

    template = env.get_template("score.html.j2")
    return template.render(
        card=card,
        settings=card.settings,
        units=[(unit, _sections(unit.rows[:-1])) for unit in card.units],
        maps=maps or {},
        number=number,
    )
