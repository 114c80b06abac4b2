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
from selaras.generate.measures import annual_from_quarters
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


def _ss_indirect_many(p: Planter, objective: Objective) -> Plan | None:
    """Breaks SS-INDIRECT-MANY: the only receiver of a source typed indirect."""
    source = objective.source
    if source is None or objective.cascading != "DirectCascading" or len(source.receivers) != 1:
        return None
    if source.unit is None or len(source.unit.children) < 2:  # else not judged (partial data)
        return None

    def apply() -> list[Finding]:
        objective.cascading = "IndirectCascading"
        return [("SS-INDIRECT-MANY", objective)]

    return nodes(apply, objective, source)


def _scaled(value: str | None, factor: float) -> str | None:
    return None if value is None else f"{float(value) * factor:.2f}"


def _iku_partial_many(p: Planter, indicator: Indicator) -> Plan | None:
    """Breaks IKU-PARTIAL-MANY: the only receiver of a source typed partial, its target cut."""
    source = indicator.source
    if source is None or indicator.receivers or indicator.subs or len(source.receivers) != 1:
        return None
    if source.unit is None or len(source.unit.children) < 2:  # else not judged (partial data)
        return None
    if any(t.value is None or float(t.value) == 0 for t in indicator.targets):
        return None

    def apply() -> list[Finding]:
        indicator.cascading = "PartialCascading"
        for target in indicator.targets:
            target.value = _scaled(target.value, 0.9)
        annual_from_quarters(indicator)
        return [("IKU-PARTIAL-MANY", indicator)]

    return nodes(apply, indicator, source)


def _iku_full_same(p: Planter, indicator: Indicator) -> Plan | None:
    """Breaks IKU-FULL-SAME: a fully cascaded indicator renamed."""
    if indicator.source is None or indicator.receivers:
        return None

    def apply() -> list[Finding]:
        indicator.label = f"{indicator.label} (disesuaikan)"
        return [("IKU-FULL-SAME", indicator)]

    return nodes(apply, indicator, indicator.source)


def _iku_partial_distributes(p: Planter, indicator: Indicator) -> Plan | None:
    """Breaks IKU-PARTIAL-DISTRIBUTES: a partial receiver given its source's whole targets."""
    source = indicator.source
    if source is None or indicator.receivers or indicator.label != source.label:
        return None
    if len(indicator.targets) != len(source.targets):
        return None

    def apply() -> list[Finding]:
        for mine, theirs in zip(indicator.targets, source.targets, strict=True):
            mine.value = theirs.value
        return [("IKU-PARTIAL-DISTRIBUTES", indicator)]

    return nodes(apply, indicator, source)


def _iku_follows_ss(p: Planter, indicator: Indicator) -> Plan | None:
    """Breaks IKU-FOLLOWS-SS: an indicator moved to an SS of its unit outside its source's chain."""
    source = indicator.source
    unit = indicator.owner
    if source is None or unit.has_map or indicator.sub_of is not None or indicator.subs:
        return None
    if len(indicator.measures) != 1 or len(indicator.measures[0].indicators) < 2:
        return None
    old = indicator.measures[0]
    chains = [o for o in unit.objectives if o is not old and p.free(o)]
    pool = [o for o in chains if not any(_descends(o, s) for s in source.measures)]
    if not pool:
        return None
    new = p.rng.choice(pool)

    def apply() -> list[Finding]:
        old.indicators.remove(indicator)
        new.indicators.append(indicator)
        indicator.measures = [new]
        return [("IKU-FOLLOWS-SS", indicator)]

    return nodes(apply, indicator, old, new)


def _descends(objective: Objective, ancestor: Objective) -> bool:
    node, seen = objective.source, 0
    while node is not None and seen < 64:
        if node is ancestor:
            return True
        node, seen = node.source, seen + 1
    return False


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
    "SS-INDIRECT-MANY": _ss_indirect_many,
    "IKU-PARTIAL-MANY": _iku_partial_many,
    "IKU-FULL-SAME": _iku_full_same,
    "IKU-PARTIAL-DISTRIBUTES": _iku_partial_distributes,
    "IKU-FOLLOWS-SS": _iku_follows_ss,
}
