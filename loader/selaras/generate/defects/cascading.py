"""Defects of cascading, of objectives and of indicators (shapes/cascading.ttl)."""

from __future__ import annotations

from selaras.generate.build import fitting_scopes
from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
    ancestors,
    direct_chain,
    leaf,
    nodes,
    retarget,
    set_statement,
)
from selaras.generate.model import (
    TWO,
    Indicator,
    Objective,
)


def _ss_cascading_type(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.cascading is None:
        return None

    def apply() -> list[Finding]:
        objective.cascading = None
        return [("SS-CASCADING-TYPE", objective)]

    return nodes(apply, objective)


def _ss_cascade_ancestor(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.perspective is None or not source.owner.parents:
        return None
    unit = objective.owner
    above = ancestors(unit)
    pool = [
        o
        for sibling in source.owner.parent.children
        if sibling is not source.owner and sibling not in above
        for o in sibling.objectives
        if o.perspective is not None
        and o.perspective >= objective.perspective
        and o.year == objective.year
        and not direct_chain(o)
        and p.free(o)
    ]
    if not pool:
        return None
    other = p.rng.choice(pool)

    def apply() -> list[Finding]:
        source.receivers.remove(objective)
        objective.source = other
        objective.cascading = "IndirectCascading"
        other.receivers.append(objective)
        return [("SS-CASCADE-ANCESTOR", objective)]

    return nodes(apply, objective, other)


def _ss_perspective_order(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or source.perspective is None or source.perspective >= 4:
        return None
    lower = p.rng.randint(source.perspective + 1, 4)

    def apply() -> list[Finding]:
        objective.perspective = lower
        return [("SS-PERSPECTIVE-ORDER", objective)]

    return nodes(apply, objective, source)


def _ss_direct_one(p: Planter, source: Objective) -> Plan | None:
    receivers = list(source.receivers)
    if len(receivers) < 2 or source.statement is None or source.owner.rank < TWO:
        return None
    if any(r.cascading != "IndirectCascading" for r in receivers):
        return None
    chain = [o for r in receivers for o in direct_chain(r)]

    def apply() -> list[Finding]:
        for receiver in receivers:
            receiver.cascading = "DirectCascading"
            for same in (receiver, *direct_chain(receiver)):
                same.noun, same.scope, same.adjective = source.noun, source.scope, source.adjective
                same.statement = source.statement
        return [("SS-DIRECT-ONE", r) for r in receivers]

    return nodes(apply, source, *receivers, *chain)


def _ss_direct_same_statement(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.cascading != "DirectCascading":
        return None
    scope = p.rng.choice(fitting_scopes(objective.noun, objective.adjective, source.scope))
    chain = direct_chain(objective)

    def apply() -> list[Finding]:
        set_statement(objective, scope)
        return [("SS-DIRECT-SAME-STATEMENT", objective)]

    return nodes(apply, objective, source, *chain)


def _ss_cascade_year(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.year != p.model.year or not leaf(objective):
        return None
    if any(len(k.measures) != 1 for k in objective.indicators):
        return None

    def apply() -> list[Finding]:
        objective.year = p.previous_year
        for indicator in objective.indicators:
            retarget(indicator, p.previous_year)
        return [("SS-CASCADE-YEAR", objective)]

    return nodes(apply, objective, *objective.indicators)


def _ss_cascade_cycle(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or len(objective.receivers) != 1:
        return None
    receiver = objective.receivers[0]
    if receiver.cascading != "DirectCascading" or not receiver.owner.position:
        return None
    if receiver.receivers or receiver.perspective != objective.perspective:
        return None

    def apply() -> list[Finding]:
        source.receivers.remove(objective)
        objective.source = receiver
        objective.cascading = "DirectCascading"
        receiver.receivers.append(objective)
        return [
            ("SS-CASCADE-CYCLE", objective),
            ("SS-CASCADE-CYCLE", receiver),
            ("SS-CASCADE-ANCESTOR", objective),
        ]

    return nodes(apply, objective, receiver)


def _iku_cascading_type(p: Planter, indicator: Indicator) -> Plan | None:
    source = indicator.source
    if source is None or indicator.cascading not in ("FullCascading", "PartialCascading"):
        return None

    def apply() -> list[Finding]:
        source.receivers.remove(indicator)
        indicator.source = None
        return [("IKU-CASCADING-TYPE", indicator)]

    return nodes(apply, indicator)


def _iku_cascade_ancestor(p: Planter, indicator: Indicator) -> Plan | None:
    source = indicator.source
    if source is None or not source.owner.parents:
        return None
    above = ancestors(indicator.owner)
    pool = [
        k
        for u in source.owner.parent.children
        if u is not source.owner and u not in above
        for k in u.indicators
        if k.sub_of is None and p.free(k)
    ]
    if not pool:
        return None
    other = p.rng.choice(pool)

    def apply() -> list[Finding]:
        source.receivers.remove(indicator)
        indicator.source = other
        other.receivers.append(indicator)
        return [("IKU-CASCADE-ANCESTOR", indicator)]

    return nodes(apply, indicator, other)


PLANTERS: dict[str, PlanterFunction] = {
    "SS-CASCADING-TYPE": _ss_cascading_type,
    "SS-CASCADE-ANCESTOR": _ss_cascade_ancestor,
    "SS-PERSPECTIVE-ORDER": _ss_perspective_order,
    "SS-DIRECT-ONE": _ss_direct_one,
    "SS-DIRECT-SAME-STATEMENT": _ss_direct_same_statement,
    "SS-CASCADE-YEAR": _ss_cascade_year,
    "SS-CASCADE-CYCLE": _ss_cascade_cycle,
    "IKU-CASCADING-TYPE": _iku_cascading_type,
    "IKU-CASCADE-ANCESTOR": _iku_cascade_ancestor,
}
