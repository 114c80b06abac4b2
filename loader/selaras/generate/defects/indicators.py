"""Defects of indicators: Manual IKU fields, quality, targets and sub-indicators.

Rules of ``shapes/indicators.ttl``.
"""

from __future__ import annotations

from collections.abc import Callable

from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
    nodes,
    retarget,
)
from selaras.generate.model import (
    ONE,
    Indicator,
    Target,
)


def _iku_measures_one(p: Planter, indicator: Indicator) -> Plan | None:
    if len(indicator.measures) != 1:
        return None
    objective = indicator.measures[0]
    rest = [k for k in objective.indicators if k is not indicator]
    if not rest:
        return None
    if indicator.owner.has_map and all(k.validity == "Activity" for k in rest):
        return None

    def apply() -> list[Finding]:
        indicator.measures.clear()
        objective.indicators.remove(indicator)
        return [("IKU-MEASURES-ONE", indicator)]

    return nodes(apply, indicator, objective)


def _iku_same_unit(p: Planter, indicator: Indicator) -> Plan | None:
    if indicator.year != p.model.year or len(indicator.measures) != 1:
        return None

    def apply() -> list[Finding]:
        retarget(indicator, p.previous_year)
        return [("IKU-SAME-UNIT", indicator)]

    return nodes(apply, indicator, *indicator.measures)


def _remove(attribute: str, rule_id: str) -> Callable[[Planter, Indicator], Plan | None]:
    def prepare(p: Planter, indicator: Indicator) -> Plan | None:
        if getattr(indicator, attribute) is None:
            return None

        def apply() -> list[Finding]:
            setattr(indicator, attribute, None)
            return [(rule_id, indicator)]

        return nodes(apply, indicator, *indicator.measures)

    return prepare


def _iku_quality_forbidden(p: Planter, indicator: Indicator) -> Plan | None:
    if indicator.validity is None or indicator.control is None or len(indicator.measures) != 1:
        return None
    options = [("Exact", "High")]
    rest = [k for k in indicator.measures[0].indicators if k is not indicator]
    if indicator.owner.has_map:
        if any(k.validity not in (None, "Activity") for k in rest):
            options.append(("Activity", "High"))
    else:
        options.append(("Activity", "Low"))
    quality = p.rng.choice(options)

    def apply() -> list[Finding]:
        indicator.validity, indicator.control = quality
        return [("IKU-QUALITY-FORBIDDEN", indicator)]

    return nodes(apply, indicator, *indicator.measures)


def _iku_target_year(p: Planter, indicator: Indicator) -> Plan | None:
    yearly = [t for t in indicator.targets if t.period == indicator.year]
    if indicator.year is None or not yearly:
        return None

    def apply() -> list[Finding]:
        for target in yearly:
            indicator.targets.remove(target)
        return [("IKU-TARGET-YEAR", indicator)]

    return nodes(apply, indicator)


def _sub_iku_level(p: Planter, indicator: Indicator) -> Plan | None:
    if indicator.owner.rank <= ONE or indicator.sub_of is not None or indicator.subs:
        return None
    others = [
        k
        for k in indicator.owner.indicators
        if k is not indicator and k.sub_of is None and p.free(k)
    ]
    if not others:
        return None
    parent = p.rng.choice(others)

    def apply() -> list[Finding]:
        indicator.sub_of = parent
        parent.subs.append(indicator)
        return [("SUB-IKU-LEVEL", indicator)]

    return nodes(apply, indicator, parent)


def _target_period(p: Planter, item: tuple[Indicator, Target]) -> Plan | None:
    indicator, target = item
    if target.period == indicator.year or target not in indicator.targets:
        return None
    if target.value_type != "decimal" or target.value is None:
        return None
    variant = p.rng.randrange(4)
    full = indicator.cascading == "FullCascading" or any(
        k.cascading == "FullCascading" for k in indicator.receivers
    )
    if variant == 3 and full:  # a string target beside a full cascade's decimal: compared
        return None

    def apply() -> list[Finding]:
        if variant == 0:
            target.period = target.period[:-1] + "5"
        elif variant == 1:
            year, quarter = target.period.split("-")
            target.period = f"{quarter}-{year}"
        elif variant == 2:
            target.period = target.period.split("-")[0] + "-13"
        else:
            target.value_type = "string"
        return [("TARGET-PERIOD", item)]

    return nodes(apply, indicator)


PLANTERS: dict[str, PlanterFunction] = {
    "IKU-MEASURES-ONE": _iku_measures_one,
    "IKU-SAME-UNIT": _iku_same_unit,
    "IKU-POLARITY": _remove("polarity", "IKU-POLARITY"),
    "IKU-MEASURE-UNIT": _remove("measure_unit", "IKU-MEASURE-UNIT"),
    "IKU-CONSOLIDATION": _remove("consolidation", "IKU-CONSOLIDATION"),
    "IKU-QUALITY": _remove("control", "IKU-QUALITY"),
    "IKU-QUALITY-FORBIDDEN": _iku_quality_forbidden,
    "IKU-TARGET-YEAR": _iku_target_year,
    "SUB-IKU-LEVEL": _sub_iku_level,
    "TARGET-PERIOD": _target_period,
}
