"""Defects of strategic objectives: origin, wording, perspective, owner, measures, causes.

Rules of ``shapes/objectives.ttl``.
"""

from __future__ import annotations

from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
    direct_chain,
    leaf,
    nodes,
)
from selaras.generate.measures import contract_limit
from selaras.generate.model import (
    TWO,
    Objective,
)


def _ss_origin(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.owner.has_map:
        return None

    def apply() -> list[Finding]:
        source.receivers.remove(objective)
        objective.source = objective.cascading = None
        return [("SS-ORIGIN", objective)]

    return nodes(apply, objective)  # the source only loses a receiver


def _plain_wording(objective: Objective) -> bool:
    """Its statement is not tied to another's by a direct cascade."""
    return (
        objective.statement is not None
        and objective.cascading != "DirectCascading"
        and not direct_chain(objective)
    )


LONG_TAIL = (
    "secara berkelanjutan bagi seluruh pemangku kepentingan di seluruh wilayah Republik Indonesia"
)


def _ss_statement_short(p: Planter, objective: Objective) -> Plan | None:
    if not _plain_wording(objective):
        return None

    def apply() -> list[Finding]:
        objective.statement = f"{objective.statement} {LONG_TAIL}"
        return [("SS-STATEMENT-SHORT", objective)]

    return nodes(apply, objective)


def _ss_statement_qualitative(p: Planter, objective: Objective) -> Plan | None:
    if not _plain_wording(objective):
        return None
    noun, adjective = objective.noun, objective.adjective
    wording = p.rng.choice(
        (
            f"Jumlah {noun.lower()} yang {adjective}",
            f"Persentase {noun.lower()} yang {adjective}",
            f"{noun} yang {adjective} minimal 90%",
        )
    )

    def apply() -> list[Finding]:
        objective.statement = wording
        return [("SS-STATEMENT-QUALITATIVE", objective)]

    return nodes(apply, objective)


def _ss_perspective(p: Planter, objective: Objective) -> Plan | None:
    if objective.perspective is None:
        return None

    def apply() -> list[Finding]:
        objective.perspective = None
        return [("SS-PERSPECTIVE", objective)]

    return nodes(apply, objective)


def _ss_unit_year(p: Planter, objective: Objective) -> Plan | None:
    if objective.year is None or not leaf(objective):
        return None

    def apply() -> list[Finding]:
        objective.year = None
        return [("SS-UNIT-YEAR", objective)]

    return nodes(apply, objective)


def _ss_measured(p: Planter, objective: Objective) -> Plan | None:
    indicators = objective.indicators
    if not indicators or not leaf(objective):
        return None
    if any(k.subs or k.sub_of or k.initiatives or len(k.measures) != 1 for k in indicators):
        return None

    def apply() -> list[Finding]:
        for indicator in indicators:
            objective.owner.indicators.remove(indicator)
            if indicator.source is not None:
                indicator.source.receivers.remove(indicator)
        indicators.clear()
        return [("SS-MEASURED", objective)]

    return nodes(apply, objective, *indicators)


def _ss_max_iku(p: Planter, objective: Objective) -> Plan | None:
    unit = objective.owner
    missing = 4 - len(objective.indicators)
    if not unit.has_map or any(k.subs or k.sub_of for k in objective.indicators):
        return None
    if len(unit.indicators) + missing > contract_limit(unit):
        return None

    def apply() -> list[Finding]:
        for _ in range(missing):
            p.new_indicator(objective)
        return [("SS-MAX-IKU", objective)]

    # the contract stands for the unit's indicator count: one addition per unit
    return nodes(apply, objective, *objective.indicators, unit.contract)


def _ss_not_only_activity(p: Planter, objective: Objective) -> Plan | None:
    if not objective.owner.has_map or not objective.indicators:
        return None

    def apply() -> list[Finding]:
        for indicator in objective.indicators:
            indicator.validity, indicator.control = "Activity", "Moderate"
        return [("SS-NOT-ONLY-ACTIVITY", objective)]

    return nodes(apply, objective, *objective.indicators)


def _ss_cause_same_map(p: Planter, objective: Objective) -> Plan | None:
    unit = objective.owner
    if not unit.parents or objective.unit is None:
        return None
    siblings = [u for u in unit.parent.children if u is not unit and u.has_map]
    others = [o for u in siblings for o in u.objectives if o.unit is not None and p.free(o)]
    if not others:  # any other unit's objective will do
        others = [
            o
            for u in p.model.units
            if u is not unit and u.rank >= TWO
            for o in u.objectives
            if o.unit is not None and p.free(o)
        ]
    if not others:
        return None
    effect = p.rng.choice(others)

    def apply() -> list[Finding]:
        objective.causes.append(effect)
        return [("SS-CAUSE-SAME-MAP", objective)]

    return nodes(apply, objective, effect)


PLANTERS: dict[str, PlanterFunction] = {
    "SS-ORIGIN": _ss_origin,
    "SS-STATEMENT-SHORT": _ss_statement_short,
    "SS-STATEMENT-QUALITATIVE": _ss_statement_qualitative,
    "SS-PERSPECTIVE": _ss_perspective,
    "SS-UNIT-YEAR": _ss_unit_year,
    "SS-MEASURED": _ss_measured,
    "SS-MAX-IKU": _ss_max_iku,
    "SS-NOT-ONLY-ACTIVITY": _ss_not_only_activity,
    "SS-CAUSE-SAME-MAP": _ss_cause_same_map,
}
