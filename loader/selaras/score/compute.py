"""From the ``scores`` analysis (IKU capaian, on either store) to a scorecard: SS, perspective
and NKO values, colour bands, and the target and realisation literals exactly as written.

The IKU rows are the analysis's (the same on both stores, so the differential test covers them).
The roll-up is exact decimal arithmetic on those rows: an SS value is the weighted mean of its
IKU capaian (``sel:weight`` when every scored IKU of the SS has one and the profile uses
weights, the plain mean otherwise), a perspective value the mean of its SS values, the NKO the
sum of perspective values x the profile's weights for the unit's level, over the perspectives
the unit has values in, divided by the sum of those weights. Every value is rounded half away
from zero to the profile's decimal places before the next stage uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from selaras.analyses import QueryResult
from selaras.score.settings import Band, ScoringSettings

Kind = Literal["IKU", "SS", "perspective", "NKO"]
#: Output columns, in order (docs/scores.md).
COLUMNS = (
    "code",
    "kind",
    "unit",
    "level",
    "period",
    "perspective",
    "ss",
    "weight",
    "polarity",
    "consolidation",
    "target",
    "realisation",
    "capaian",
    "colour",
    "band",
    "reason",
)
PERSPECTIVE_ORDER = ("Stakeholder", "Customer", "Internal Process", "Learning and Growth")


@dataclass(frozen=True)
class ScoreRow:
    """One scored item: an IKU, an SS, a perspective or a unit's NKO."""

    code: str
    kind: Kind
    unit: str
    level: str | None
    period: str
    perspective: str | None = None
    ss: str | None = None
    weight: str | None = None
    polarity: str | None = None
    consolidation: str | None = None
    target: str | None = None
    realisation: str | None = None
    capaian: Decimal | None = None
    colour: Band | None = None
    band: Band | None = None
    reason: str | None = None
    target_from: str | None = None
    realisation_from: str | None = None
    #: the IRI of the SS (on SS rows) or of the SS the IKU measures (on IKU rows)
    ss_iri: str | None = None

    def values(self, places: int) -> dict[str, str | None]:
        """The row's columns as text (numbers exactly as written or as rounded)."""
        return {
            "code": self.code,
            "kind": self.kind,
            "unit": self.unit,
            "level": self.level,
            "period": self.period,
            "perspective": self.perspective,
            "ss": self.ss,
            "weight": self.weight,
            "polarity": self.polarity,
            "consolidation": self.consolidation,
            "target": self.target,
            "realisation": self.realisation,
            "capaian": None if self.capaian is None else f"{self.capaian:.{places}f}",
            "colour": self.colour.colour if self.colour else None,
            "band": self.band.label_id if self.band else None,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class UnitCard:
    """The scores of one unit: its rows (IKU, SS, perspective) with its NKO row last."""

    unit: str
    level: str | None
    rows: tuple[ScoreRow, ...]

    @property
    def nko(self) -> ScoreRow:
        return self.rows[-1]


@dataclass(frozen=True)
class Scorecard:
    """Scores of every unit asked for, for one period, on one store, under one profile."""

    period: str
    store: str
    settings: ScoringSettings
    units: tuple[UnitCard, ...]
    warnings: tuple[str, ...] = field(default=())

    def rows(self) -> list[ScoreRow]:
        return [row for card in self.units for row in card.rows]

    def ss_bands(self, unit: str) -> dict[str, Band | None]:
        """{SS IRI: colour band} of one unit (for strategy maps)."""
        for card in self.units:
            if card.unit == unit:
                return {r.ss_iri: r.colour for r in card.rows if r.kind == "SS" and r.ss_iri}
        return {}


def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))


def _text(value: Decimal | None, places: int) -> str | None:
    return None if value is None else f"{value:.{places}f}"


def _mean(pairs: Sequence[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Weighted mean of (value, weight) pairs; None when there are none or the weights sum to 0."""
    total = sum((w for _v, w in pairs), Decimal(0))
    if not pairs or total == 0:
        return None
    return sum((v * w for v, w in pairs), Decimal(0)) / total


def build_scorecard(
    result: QueryResult,
    settings: ScoringSettings,
    *,
    lexical: Callable[[Iterable[str]], Mapping[tuple[str, str], str]],
) -> Scorecard:
    """The scorecard of the ``scores`` analysis's rows.

    ``lexical`` gives, for period-target IRIs, ``{(iri, "target"|"realisation"): lexical form}``
    of their literals as written, so a target or realisation taken from one literal is shown
    exactly; computed ones are shown rounded to the profile's places.
    """
    records = result.records()
    places = settings.places
    iris = {str(r[k]) for r in records for k in ("targetFrom", "realisationFrom") if r[k]}
    written = lexical(sorted(iris))
    period = str(result.params["period"])
    by_unit: dict[str, list[Mapping[str, object]]] = {}
    levels: dict[str, str | None] = {}
    for record in records:
        unit = str(record["unit"] or "")
        by_unit.setdefault(unit, []).append(record)
        levels.setdefault(unit, None if record["level"] is None else str(record["level"]))
    cards = []
    for unit, unit_records in by_unit.items():
        cards.append(
            _unit_card(unit, levels[unit], unit_records, settings, written, period, places)
        )
    level_rank = {"Wide": 1, "One": 2, "Two": 3, "Three": 4, "Four": 5, "Five": 6}
    cards.sort(key=lambda c: (level_rank.get(c.level or "", 9), c.unit))
    return Scorecard(
        period=period,
        store=result.engine,
        settings=settings,
        units=tuple(cards),
        warnings=result.warnings,
    )


def _shown(
    record: Mapping[str, object],
    column: str,
    written: Mapping[tuple[str, str], str],
    places: int,
) -> str | None:
    source = record[f"{column}From"]
    if source is not None and (str(source), column) in written:
        return written[(str(source), column)]
    return _text(_decimal(record[column]), places)


def _unit_card(
    unit: str,
    level: str | None,
    records: list[Mapping[str, object]],
    settings: ScoringSettings,
    written: Mapping[tuple[str, str], str],
    period: str,
    places: int,
) -> UnitCard:
    def opt(value: object) -> str | None:
        return None if value is None else str(value)

    iku_rows: list[ScoreRow] = []
    for r in records:
        capaian = _decimal(r["capaian"])
        weight = _decimal(r["weight"])
        iku_rows.append(
            ScoreRow(
                code=str(r["code"] or ""),
                kind="IKU",
                unit=unit,
                level=level,
                period=period,
                perspective=opt(r["perspective"]),
                ss=opt(r["ss"]),
                weight=None if weight is None else format(weight.normalize(), "f"),
                polarity=opt(r["polarity"]),
                consolidation=opt(r["consolidation"]),
                target=_shown(r, "target", written, places),
                realisation=_shown(r, "realisation", written, places),
                capaian=None if capaian is None else settings.round(capaian),
                colour=settings.colour(capaian),
                reason=opt(r["reason"]),
                target_from=opt(r["targetFrom"]),
                realisation_from=opt(r["realisationFrom"]),
                ss_iri=opt(r["ssIri"]),
            )
        )
    rows: list[ScoreRow] = []
    perspective_values: list[tuple[str, Decimal]] = []
    ss_perspective = {row.ss: row.perspective for row in iku_rows if row.ss}
    perspectives = sorted(
        {row.perspective for row in iku_rows},
        key=lambda p: (p is None, PERSPECTIVE_ORDER.index(p) if p in PERSPECTIVE_ORDER else 9, p),
    )
    for perspective in perspectives:
        ss_values: list[Decimal] = []
        for ss in sorted({s for s, p in ss_perspective.items() if p == perspective and s}):
            members = [row for row in iku_rows if row.ss == ss]
            rows.extend(members)
            scored = [row for row in members if row.capaian is not None]
            values = [row.capaian for row in scored if row.capaian is not None]
            given = [_decimal(row.weight) for row in scored]
            weights = [w for w in given if w is not None]
            if not (settings.use_weights and scored and len(weights) == len(scored)):
                weights = [Decimal(1)] * len(values)
            mean = _mean(list(zip(values, weights, strict=True)))
            value = None if mean is None else settings.round(mean)
            if value is not None:
                ss_values.append(value)
            rows.append(
                ScoreRow(
                    code=ss,
                    kind="SS",
                    ss_iri=members[0].ss_iri if members else None,
                    unit=unit,
                    level=level,
                    period=period,
                    perspective=perspective,
                    capaian=value,
                    colour=settings.colour(value),
                    reason=None if value is not None else "no IKU of this SS has a capaian",
                )
            )
        loose = [row for row in iku_rows if row.perspective == perspective and not row.ss]
        rows.extend(loose)
        if perspective is None:
            continue
        mean = _mean([(v, Decimal(1)) for v in ss_values])
        value = None if mean is None else settings.round(mean)
        if value is not None:
            perspective_values.append((perspective, value))
        rows.append(
            ScoreRow(
                code=perspective,
                kind="perspective",
                unit=unit,
                level=level,
                period=period,
                perspective=perspective,
                capaian=value,
                colour=settings.colour(value),
                reason=None if value is not None else "no SS in this perspective has a value",
            )
        )
    by_level = settings.perspective_weights.get(level or "", {})
    if by_level:
        pairs = [(v, by_level.get(p, Decimal(0))) for p, v in perspective_values]
    else:
        pairs = [(v, Decimal(1)) for _p, v in perspective_values]
    mean = _mean(pairs)
    nko = None if mean is None else settings.round(mean)
    rows.append(
        ScoreRow(
            code=unit,
            kind="NKO",
            unit=unit,
            level=level,
            period=period,
            capaian=nko,
            colour=settings.colour(nko),
            band=settings.nko_band(nko),
            reason=None if nko is not None else "no perspective has a value",
        )
    )
    return UnitCard(unit=unit, level=level, rows=tuple(rows))
