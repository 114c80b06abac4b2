"""The measuring half of the builder: indicators with their targets, initiatives, risks and the
contract of each unit, under profile ``kmk-467-2014`` (at most three indicators per objective at
map holders, the contract limits, no forbidden quality), and full and partial IKU cascades that
keep their definitions (a full receiver repeats its source's targets, a partial one takes a part).
"""

from __future__ import annotations

import calendar
import random
from decimal import Decimal

from selaras.generate import realisations, vocab
from selaras.generate.model import (
    FIVE,
    ONE,
    THREE,
    TWO,
    WIDE,
    Contract,
    Indicator,
    Initiative,
    Objective,
    Risk,
    Target,
    Unit,
)

#: (validity, control) pairs allowed everywhere, with weights; map holders also exclude
#: activity-high (profile kmk-467-2014).
QUALITIES: tuple[tuple[str, str, int], ...] = (
    ("Exact", "Moderate", 3),
    ("Exact", "Low", 1),
    ("Proxy", "High", 2),
    ("Proxy", "Moderate", 3),
    ("Proxy", "Low", 1),
    ("Activity", "Moderate", 1),
    ("Activity", "High", 1),
)


def contract_limit(unit: Unit) -> int:
    """Most indicators in the unit's contract under profile kmk-467-2014."""
    if unit.has_map and unit.rank in (ONE, TWO, THREE):
        return 25 if unit.rank == ONE else 20
    return 10


class Measures:
    """Mixin of :class:`selaras.generate.build.Builder`: what measures each unit's objectives."""

    rng: random.Random
    realised: random.Random
    year: str
    units: list[Unit]

    def _lone_partials_are_full(self) -> None:
        """A partial cascade goes to two or more receivers: a lone one takes the whole target.

        No randomness is drawn here, so the rest of the cascade is what it was.
        """
        for unit in self.units:
            for source in unit.indicators:
                if len(source.receivers) != 1:
                    continue
                receiver = source.receivers[0]
                if receiver.cascading != "PartialCascading":
                    continue
                receiver.cascading = "FullCascading"
                _copy_targets(receiver, source)

    def _finish(self, unit: Unit) -> None:
        rng = self.rng
        order = {id(o): i for i, o in enumerate(unit.objectives)}
        unit.objectives.sort(key=lambda o: (o.perspective or 0, order[id(o)]))
        for n, objective in enumerate(unit.objectives, 1):
            objective.key = objective.code = f"{unit.key}-SS{n:02d}"
        if unit.has_map:
            self._causes(unit)
        self._indicators(unit)
        if unit.has_map:
            for objective in unit.objectives:
                if rng.random() < 0.3:
                    description = rng.choice(vocab.RISKS).format(n=objective.noun.lower())
                    objective.risks.append(Risk(f"{objective.key}-R1", objective, description))
            count = 0
            for indicator in unit.indicators:
                if indicator.sub_of is None and rng.random() < 0.2:
                    count += 1
                    month = rng.randint(3, 12)
                    day = calendar.monthrange(int(self.year), month)[1]
                    noun = indicator.measures[0].noun.lower()
                    initiative = Initiative(
                        key=f"{unit.key}-IS{count:02d}",
                        code=f"{unit.key}-IS{count:02d}",
                        label=rng.choice(vocab.INITIATIVES).format(n=noun),
                        drives=[indicator],
                        unit=unit,
                        deadline=f"{self.year}-{month:02d}-{day:02d}",
                        status=rng.choice(vocab.INITIATIVE_STATUS),
                    )
                    unit.initiatives.append(initiative)
                    indicator.initiatives.append(initiative)
        kind = "MinisterCommitment" if unit.rank == WIDE else None
        unit.contract = Contract(unit, self.year, kind=kind)

    def _causes(self, unit: Unit) -> None:
        by_perspective: dict[int, list[Objective]] = {}
        for objective in unit.objectives:
            by_perspective.setdefault(objective.perspective or 0, []).append(objective)
        for objective in unit.objectives:
            rank = objective.perspective or 0
            for higher in range(rank - 1, 0, -1):
                effects = by_perspective.get(higher)
                if effects:
                    count = 2 if len(effects) > 1 and self.rng.random() < 0.2 else 1
                    objective.causes.extend(self.rng.sample(effects, count))
                    break

    def _indicator_counts(self, unit: Unit) -> list[int]:
        rng = self.rng
        n = len(unit.objectives)
        if unit.rank == WIDE:
            return [1] * n
        if unit.has_map:
            weights = (0.4, 0.4, 0.2) if unit.rank == ONE else (0.5, 0.35, 0.15)
        elif unit.rank == FIVE:
            weights = (0.9, 0.1, 0.0)
        else:
            weights = (0.7, 0.3, 0.0)
        counts = [rng.choices((1, 2, 3), weights)[0] for _ in range(n)]
        limit = contract_limit(unit) - (2 if unit.rank == ONE else 0)
        while sum(counts) > limit and max(counts) > 1:
            counts[counts.index(max(counts))] -= 1
        return counts

    def _indicators(self, unit: Unit) -> None:
        rng = self.rng
        counts = self._indicator_counts(unit)
        for n, (objective, count) in enumerate(zip(unit.objectives, counts, strict=True), 1):
            for j in range(count):
                key = f"{unit.key}-IKU{n:02d}{'abc'[j]}"
                sources = (
                    []
                    if objective.source is None
                    else [k for k in objective.source.indicators if k.sub_of is None]
                )
                if unit.rank == WIDE:
                    indicator = self._ministry_indicator(unit, objective, key)
                elif j == 0 and sources:
                    indicator = self._cascaded_indicator(unit, objective, key, rng.choice(sources))
                else:
                    indicator = self._own_indicator(unit, objective, key)
                indicator.validity, indicator.control = self._quality(
                    unit, activity=j > 0 or not unit.has_map
                )
                indicator.targets = self._targets(indicator)
        if unit.rank in (WIDE, ONE):
            self._sub_indicators(unit)

    def _base_indicator(self, unit: Unit, objective: Objective, key: str, label: str) -> Indicator:
        indicator = Indicator(
            key=key,
            code=key,
            owner=unit,
            label=label,
            measures=[objective],
            unit=unit,
            year=self.year,
            measure_unit=None,
            polarity=None,
            consolidation=None,
            validity=None,
            control=None,
        )
        objective.indicators.append(indicator)
        unit.indicators.append(indicator)
        return indicator

    def _ministry_indicator(self, unit: Unit, objective: Objective, key: str) -> Indicator:
        spec = next(s for s in vocab.MINISTRY_OBJECTIVES if s[1] == objective.noun)[4]
        name, measure, polarity, consolidation, target = spec
        indicator = self._base_indicator(unit, objective, key, name)
        indicator.measure_unit, indicator.polarity = measure, polarity
        indicator.consolidation, indicator.yearly = consolidation, target
        indicator.cascading = "NonCascading"
        return indicator

    def _own_indicator(self, unit: Unit, objective: Objective, key: str) -> Indicator:
        rng = self.rng
        template, measure, polarity, consolidations, (low, high) = rng.choice(
            vocab.INDICATOR_TEMPLATES
        )
        label = template.format(n=objective.noun.lower())
        if any(k.label == label for k in objective.indicators):
            label = f"{label} {objective.scope}".strip() + " (lanjutan)"
        indicator = self._base_indicator(unit, objective, key, label)
        indicator.measure_unit, indicator.polarity = measure, polarity
        indicator.consolidation = rng.choice(consolidations)
        value = rng.uniform(low, high)
        indicator.yearly = round(value) if measure == "dokumen" else round(value, 2)
        indicator.cascading = "NonCascading"
        return indicator

    def _cascaded_indicator(
        self, unit: Unit, objective: Objective, key: str, source: Indicator
    ) -> Indicator:
        indicator = self._base_indicator(unit, objective, key, source.label)
        indicator.measure_unit, indicator.polarity = source.measure_unit, source.polarity
        indicator.consolidation = source.consolidation
        full = objective.cascading == "DirectCascading" or self.rng.random() < 0.3
        indicator.cascading = "FullCascading" if full else "PartialCascading"
        indicator.yearly = source.yearly
        if not full:
            factor = self.rng.uniform(0.95, 1.05)
            indicator.yearly = round(source.yearly * factor, 2)
            if indicator.measure_unit == "dokumen":
                indicator.yearly = max(1.0, round(source.yearly / 2))
            if indicator.yearly == source.yearly:  # a partial cascade distributes the target
                indicator.yearly = round(source.yearly * 0.9, 2)
        indicator.source = source
        source.receivers.append(indicator)
        return indicator

    def _sub_indicators(self, unit: Unit) -> None:
        rng = self.rng
        limit = contract_limit(unit)
        if unit.rank == WIDE:
            wanted = 1
            parents = [k for k in unit.indicators if k.label == "Indeks Reformasi Birokrasi"]
        else:
            wanted = rng.randint(0, 2)
            parents = [k for k in unit.indicators if len(k.measures[0].indicators) < 3]
        for parent in rng.sample(parents, min(wanted, len(parents))):
            objective = parent.measures[0]
            if len(objective.indicators) >= 3 or len(unit.indicators) >= limit:
                continue
            letter = "abc"[len(objective.indicators)]
            key = f"{parent.key[:-1]}{letter}"
            if unit.rank == WIDE:
                label, measure, target = vocab.MINISTRY_SUB_INDICATOR
            else:
                label, measure, target = f"{parent.label} (sub-IKU)", "persen", 90.0
            sub = self._base_indicator(unit, objective, key, label)
            sub.measure_unit, sub.polarity, sub.consolidation = measure, "Maximize", "LastValue"
            sub.yearly, sub.cascading, sub.sub_of = target, "NonCascading", parent
            sub.validity, sub.control = "Proxy", "Moderate"
            sub.targets = self._targets(sub)
            parent.subs.append(sub)

    def _quality(self, unit: Unit, *, activity: bool) -> tuple[str, str]:
        choices = [
            q
            for q in QUALITIES
            if (activity or q[0] != "Activity")
            and not (unit.has_map and q[:2] == ("Activity", "High"))
        ]
        validity, control, _weight = self.rng.choices(choices, [q[2] for q in choices])[0]
        return validity, control

    def _targets(self, indicator: Indicator) -> list[Target]:
        year = self.year
        yearly = indicator.yearly
        if indicator.consolidation == "Sum":
            shares = (0.2, 0.25, 0.25, 0.3)
            quarters = [yearly * s for s in shares[:3]]
            quarters.append(yearly - sum(round(q, 2) for q in quarters))
        elif indicator.consolidation == "Average":
            quarters = [yearly] * 4
        else:
            quarters = [yearly * f for f in (0.7, 0.8, 0.9, 1.0)]
        targets = [Target(year, year, f"{yearly:.2f}")]
        values = [f"{value:.2f}" for value in quarters]
        realised = realisations.quarterly(
            self.realised, values, indicator.polarity or "", indicator.measure_unit or ""
        )
        for q, (value, realisation) in enumerate(zip(values, realised, strict=True), 1):
            targets.append(Target(f"{year}-Q{q}", f"{year}-Q{q}", value, "decimal", realisation))
        return targets


def _copy_targets(receiver: Indicator, source: Indicator) -> None:
    """Give a full receiver its source's targets, and pass them on down its cascade."""
    receiver.yearly = source.yearly
    for mine, theirs in zip(receiver.targets, source.targets, strict=True):
        mine.value = theirs.value
    _pass_on(receiver)


def _pass_on(indicator: Indicator) -> None:
    """Full receivers repeat ``indicator``'s targets; a partial one never equals them."""
    for below in indicator.receivers:
        if below.cascading == "FullCascading":
            _copy_targets(below, indicator)
        elif below.targets and below.targets[0].value == indicator.targets[0].value:
            for target in below.targets:
                if target.value is not None:
                    target.value = f"{float(target.value) * 0.9:.2f}"
            below.yearly = round(below.yearly * 0.9, 2)
            annual_from_quarters(below)
            _pass_on(below)


def annual_from_quarters(indicator: Indicator) -> None:
    """Make a summed indicator's annual target the sum of its quarterly ones again, after they
    were scaled and rounded one by one (which can leave them a cent apart, and SCORE-ANNUAL-TARGET
    is not planted: :data:`realisations.NOT_PLANTED`). Averaged and last-value targets stay
    consistent under scaling (equal quarters; the fourth equal to the annual one)."""
    if indicator.consolidation != "Sum":
        return
    annual = [t for t in indicator.targets if t.period.isdigit()]
    quarters = [t.value for t in indicator.targets if "-Q" in t.period]
    if len(annual) != 1 or len(quarters) != 4 or annual[0].value_type != "decimal":
        return
    if any(value is None for value in quarters):
        return
    annual[0].value = f"{sum(Decimal(value) for value in quarters if value is not None):.2f}"
