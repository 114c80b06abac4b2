"""Plant defects in a conforming cascade, each aimed at one rule of the catalogue.

Every rule id of the catalogue has a *planter*: it lists the nodes it could break, and for one
candidate prepares a change that makes validation report that rule, on a known focus node, and
nothing else. Where the regulation makes a defect inseparable from another (a cycle of units
always has a unit whose parent is not higher; a cycle of objectives always has a source outside
the receiver's ancestors) the planter also lists the companion result, so the manifest remains
exactly what validation reports.

Defects must not see each other. A change that alters a unit as a whole (its level, kind,
parents, map, or how many indicators its contract holds) holds that unit exclusively; any other
change holds the objectives, indicators and other nodes it alters or whose properties its result
relies on (which also holds their units against exclusive changes). A change whose holds overlap
earlier ones is skipped. Detaching a receiver from its source does not hold the source: the one
rule that counts a source's receivers (SS-DIRECT-ONE) is planted holding all of them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from selaras.generate.build import Builder, compose, contract_limit, fitting_scopes
from selaras.generate.model import (
    FIVE,
    FOUR,
    ONE,
    THREE,
    TWO,
    Contract,
    Indicator,
    Initiative,
    Model,
    Objective,
    Target,
    Unit,
)

LETTERS = "abcdefghijklmnopqrstuvwxyz"

#: A planted result: the rule id and the focus node (a model entity, or (indicator, target)).
Finding = tuple[str, Any]


@dataclass
class Plan:
    """A prepared defect: the units it changes as a whole (held exclusively), the nodes it
    changes or relies on (each also holds its unit, shared), and the change itself."""

    units: set[Unit]
    apply: Callable[[], list[Finding]]
    nodes: set[Any] = field(default_factory=set)


def _unit_of(node: Any) -> Unit:
    if isinstance(node, Unit):
        return node
    if isinstance(node, Initiative):
        return node.unit
    owner: Unit = node.owner
    return owner


def _nodes(apply: Callable[[], list[Finding]], *nodes: Any) -> Plan:
    """A plan that holds only nodes (objectives, indicators, contracts, initiatives)."""
    return Plan(set(), apply, set(nodes))


@dataclass
class Planter:
    """Plants about ``rate`` x eligible nodes defects per rule, at least one where possible."""

    model: Model
    builder: Builder
    rng: random.Random
    rate: float
    claimed: set[Unit] = field(default_factory=set)
    shared: set[Unit] = field(default_factory=set)
    claimed_nodes: set[Any] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    #: for each finding, the rule whose defect produced it (a companion result differs)
    planted_by: list[str] = field(default_factory=list)
    planted: dict[str, int] = field(default_factory=dict)
    exhausted: dict[str, bool] = field(default_factory=dict)

    def run(self) -> None:
        year = self.model.year
        self.previous_year = str(int(year) - 1)
        units = [u for u in self.model.units if u.rank >= TWO]
        self.positions = [u for u in units if u.position]
        self.sections = [u for u in units if u.rank == FOUR]
        low = [u for u in units if u.rank >= FOUR]
        holders = [u for u in units if u.has_map and u.rank in (TWO, THREE)]
        objectives = [o for u in units for o in u.objectives]
        indicators = [k for u in units for k in u.indicators]
        plain = [k for k in indicators if k.sub_of is None and not k.subs]
        cascaded = [o for o in objectives if o.source is not None]
        candidates: dict[str, list[Any]] = {
            "UNIT-LEVEL": low,
            "UNIT-KIND": low,
            "UNIT-CODE": low + objectives + indicators + [i for u in units for i in u.initiatives],
            "CODE-UNIQUE": self.positions + objectives + plain,
            "UNIT-PARENT": self.positions,
            "UNIT-PARENT-HIGHER": self.positions,
            "UNIT-PARENT-SKIP": self.positions,
            "UNIT-CYCLE": self.positions,
            "MAP-HOLDER": self.sections,
            "MAP-MISSING": holders,
            "SS-ORIGIN": [o for o in cascaded if not o.owner.has_map],
            "SS-STATEMENT-SHORT": objectives,
            "SS-STATEMENT-QUALITATIVE": objectives,
            "SS-PERSPECTIVE": objectives,
            "SS-UNIT-YEAR": [o for o in objectives if o.owner.position],
            "SS-MEASURED": [o for o in objectives if o.owner.position],
            "SS-MAX-IKU": [o for u in holders for o in u.objectives],
            "SS-NOT-ONLY-ACTIVITY": [o for u in holders for o in u.objectives],
            "SS-CASCADING-TYPE": cascaded,
            "SS-CASCADE-ANCESTOR": cascaded,
            "SS-PERSPECTIVE-ORDER": [o for o in cascaded if (o.source.perspective or 4) < 4],  # type: ignore[union-attr]
            "SS-DIRECT-ONE": [o for o in objectives if len(o.receivers) >= 2],
            "SS-DIRECT-SAME-STATEMENT": [o for o in cascaded if o.cascading == "DirectCascading"],
            "SS-CASCADE-YEAR": [o for o in cascaded if o.owner.position],
            "SS-CASCADE-CYCLE": [o for o in cascaded if o.owner.rank == FOUR],
            "SS-CAUSE-SAME-MAP": [o for u in holders for o in u.objectives],
            "IKU-MEASURES-ONE": plain,
            "IKU-SAME-UNIT": plain,
            "IKU-POLARITY": indicators,
            "IKU-MEASURE-UNIT": indicators,
            "IKU-CONSOLIDATION": indicators,
            "IKU-QUALITY": indicators,
            "IKU-QUALITY-FORBIDDEN": plain,
            "IKU-TARGET-YEAR": indicators,
            "IKU-CASCADING-TYPE": [k for k in indicators if k.source is not None],
            "IKU-CASCADE-ANCESTOR": [k for k in indicators if k.source is not None],
            "SUB-IKU-LEVEL": plain,
            "CONTRACT-MAX-IKU": self.positions,
            "CONTRACT-HOLDER": [u.contract for u in units if u.contract is not None],
            "TARGET-PERIOD": [(k, t) for k in indicators for t in k.targets[1:]],
            "IS-INDICATOR": [i for u in units for i in u.initiatives],
        }
        assert set(candidates) == set(PLANTERS), set(candidates) ^ set(PLANTERS)
        pools: dict[str, Iterator[Any]] = {}
        wanted: dict[str, int] = {}
        for rule_id in sorted(candidates):
            pool = list(candidates[rule_id])
            self.rng.shuffle(pool)
            pools[rule_id] = iter(pool)
            wanted[rule_id] = max(1, round(self.rate * len(pool)))
            self.planted[rule_id] = 0
            self.exhausted[rule_id] = False
        order = sorted(candidates, key=lambda r: (len(candidates[r]), r))
        for rule_id in order:  # one of each first, rarest first
            self._plant(rule_id, pools[rule_id], 1)
        active = [r for r in order if self.planted[r] < wanted[r]]
        while active:  # then round-robin, so that no rule is starved by the others
            for rule_id in active:
                self._plant(rule_id, pools[rule_id], 1)
            active = [r for r in active if self.planted[r] < wanted[r] and not self.exhausted[r]]

    def _plant(self, rule_id: str, pool: Iterator[Any], count: int) -> None:
        prepare = PLANTERS[rule_id]
        while count > 0:
            candidate = next(pool, None)
            if candidate is None:
                self.exhausted[rule_id] = True
                return
            plan = prepare(self, candidate)
            if plan is None:
                continue
            node_units = {_unit_of(n) for n in plan.nodes}
            if (
                plan.units & (self.claimed | self.shared)
                or node_units & self.claimed
                or plan.nodes & self.claimed_nodes
            ):
                continue
            self.claimed |= plan.units
            self.shared |= node_units
            self.claimed_nodes |= plan.nodes
            found = plan.apply()
            self.findings.extend(found)
            self.planted_by.extend(rule_id for _ in found)
            self.planted[rule_id] += 1
            count -= 1

    # --- helpers ---------------------------------------------------------------------------

    def free(self, node: Any) -> bool:
        """Whether a defect may still hold ``node`` (a unit, or a node of a unit)."""
        if isinstance(node, Unit):
            return node not in self.claimed and node not in self.shared
        return _unit_of(node) not in self.claimed and node not in self.claimed_nodes

    def new_indicator(self, objective: Objective) -> Indicator:
        """A complete non-cascading indicator of a non-activity quality for ``objective``."""
        unit = objective.owner
        n = unit.objectives.index(objective) + 1
        taken = {k.key for k in unit.indicators}
        key = next(
            f"{unit.key}-IKU{n:02d}{c}" for c in LETTERS if f"{unit.key}-IKU{n:02d}{c}" not in taken
        )
        saved, self.builder.rng = self.builder.rng, self.rng
        try:
            indicator = self.builder._own_indicator(unit, objective, key)
            indicator.validity, indicator.control = "Proxy", "Moderate"
            indicator.targets = self.builder._targets(indicator)
        finally:
            self.builder.rng = saved
        return indicator


def _sources(unit: Unit) -> set[Any]:
    """The objectives and indicators a position's own ones cascade from."""
    found: set[Any] = {o.source for o in unit.objectives if o.source is not None}
    found |= {k.source for k in unit.indicators if k.source is not None}
    return found


def _direct_chain(objective: Objective) -> list[Objective]:
    """Objectives that repeat ``objective``'s statement: its direct receivers, recursively."""
    out: list[Objective] = []
    seen = {id(objective)}
    todo = [objective]
    while todo:
        for receiver in todo.pop().receivers:
            if receiver.cascading == "DirectCascading" and id(receiver) not in seen:
                seen.add(id(receiver))
                out.append(receiver)
                todo.append(receiver)
    return out


def _set_statement(objective: Objective, scope: str) -> None:
    objective.scope = scope
    objective.statement = compose(objective.noun, scope, objective.adjective)
    for receiver in _direct_chain(objective):
        receiver.scope, receiver.statement = scope, objective.statement


def _retarget(indicator: Indicator, year: str) -> None:
    old = indicator.year or ""
    indicator.year = year
    for target in indicator.targets:
        target.period = target.period.replace(old, year, 1)
        target.key = target.key.replace(old, year, 1)


def _drop_contents(unit: Unit) -> None:
    """Remove a position's objectives and indicators (nothing cascades from a position)."""
    for objective in unit.objectives:
        if objective.source is not None:
            objective.source.receivers.remove(objective)
    for indicator in unit.indicators:
        if indicator.source is not None:
            indicator.source.receivers.remove(indicator)
    unit.objectives.clear()
    unit.indicators.clear()


def _sibling_positions(unit: Unit) -> list[Unit]:
    return [u for u in unit.parent.children if u.position and u is not unit and len(u.parents) == 1]


def _leaf(objective: Objective) -> bool:
    return not objective.receivers and all(not k.receivers for k in objective.indicators)


# --- units -------------------------------------------------------------------------------------


def _unit_level(p: Planter, unit: Unit) -> Plan | None:
    if unit.level is None or unit.has_map:
        return None

    def apply() -> list[Finding]:
        unit.level = None
        return [("UNIT-LEVEL", unit)]

    return Plan({unit, *unit.children}, apply)


def _unit_kind(p: Planter, unit: Unit) -> Plan | None:
    if unit.kind is None or unit.has_map:
        return None

    def apply() -> list[Finding]:
        unit.kind = None
        return [("UNIT-KIND", unit)]

    return Plan({unit}, apply)


def _unit_code(p: Planter, node: Any) -> Plan | None:
    if node.code is None:
        return None

    def apply() -> list[Finding]:
        node.code = None
        return [("UNIT-CODE", node)]

    return Plan({node}, apply) if isinstance(node, Unit) else _nodes(apply, node)


def _code_unique(p: Planter, node: Any) -> Plan | None:
    if isinstance(node, Unit):
        others: list[Any] = _sibling_positions(node)
    elif isinstance(node, Objective):
        others = [o for o in node.owner.objectives if o is not node]
    else:
        others = [k for k in node.owner.indicators if k is not node and k.sub_of is None]
    others = [o for o in others if o.code is not None and p.free(o)]
    if node.code is None or not others:
        return None
    other = p.rng.choice(others)

    def apply() -> list[Finding]:
        other.code = node.code
        return [("CODE-UNIQUE", node), ("CODE-UNIQUE", other)]

    if isinstance(node, Unit):
        return Plan({node, other}, apply)
    return _nodes(apply, node, other)


def _unit_parent(p: Planter, unit: Unit) -> Plan | None:
    if len(unit.parents) != 1 or len(unit.parent.parents) != 1:
        return None
    others = [u for u in unit.parent.parent.children if u.rank == FOUR and u is not unit.parent]
    others = others or [u for u in p.sections if u is not unit.parent]
    others = [u for u in others if p.free(u)]
    if not others:
        return None
    second = p.rng.choice(others)

    def apply() -> list[Finding]:
        unit.parents.append(second)
        second.children.append(unit)
        return [("UNIT-PARENT", unit)]

    return Plan({unit, second}, apply)


def _unit_parent_higher(p: Planter, unit: Unit) -> Plan | None:
    if len(unit.parents) != 1:
        return None
    siblings = [u for u in _sibling_positions(unit) if p.free(u)]
    if not siblings:
        return None
    sibling = p.rng.choice(siblings)

    def apply() -> list[Finding]:
        unit.parent.children.remove(unit)
        unit.parents[:] = [sibling]
        sibling.children.append(unit)
        return [("UNIT-PARENT-HIGHER", unit)]

    return Plan({unit, sibling}, apply)


def _unit_parent_skip(p: Planter, unit: Unit) -> Plan | None:
    if len(unit.parents) != 1 or len(unit.parent.parents) != 1:
        return None
    section = unit.parent
    office = section.parent
    if office.rank != THREE:
        return None

    def apply() -> list[Finding]:
        _drop_contents(unit)
        section.children.remove(unit)
        unit.parents[:] = [office]
        office.children.append(unit)
        return [("UNIT-PARENT-SKIP", unit)]

    return Plan({unit}, apply)


def _unit_cycle(p: Planter, unit: Unit) -> Plan | None:
    if len(unit.parents) != 1:
        return None
    siblings = [u for u in _sibling_positions(unit) if p.free(u)]
    if not siblings:
        return None
    other = p.rng.choice(siblings)
    section = unit.parent

    def apply() -> list[Finding]:
        for u, parent in ((unit, other), (other, unit)):
            _drop_contents(u)
            section.children.remove(u)
            u.parents[:] = [parent]
            parent.children.append(u)
        return [
            ("UNIT-CYCLE", unit),
            ("UNIT-CYCLE", other),
            ("UNIT-PARENT-HIGHER", unit),
            ("UNIT-PARENT-HIGHER", other),
        ]

    return Plan({unit, other}, apply)


def _map_holder(p: Planter, unit: Unit) -> Plan | None:
    if unit.has_map or unit.level is None or unit.kind is None:
        return None
    if len(unit.indicators) > contract_limit(unit):
        return None

    def apply() -> list[Finding]:
        unit.has_map = True
        for indicator in unit.indicators:  # what a map holder may not have
            if (indicator.validity, indicator.control) == ("Activity", "High"):
                indicator.control = "Moderate"
        for objective in unit.objectives:
            if all(k.validity == "Activity" for k in objective.indicators):
                objective.indicators[0].validity = "Proxy"
        return [("MAP-HOLDER", unit)]

    return Plan({unit}, apply)


def _map_missing(p: Planter, unit: Unit) -> Plan | None:
    if not unit.has_map or any(o.source is None for o in unit.objectives):
        return None
    if len(unit.indicators) > 10:  # the default limit, once the unit holds no map
        return None

    def apply() -> list[Finding]:
        unit.has_map = False
        return [("MAP-MISSING", unit)]

    return Plan({unit}, apply)


# --- objectives --------------------------------------------------------------------------------


def _ss_origin(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.owner.has_map:
        return None

    def apply() -> list[Finding]:
        source.receivers.remove(objective)
        objective.source = objective.cascading = None
        return [("SS-ORIGIN", objective)]

    return _nodes(apply, objective)  # the source only loses a receiver


def _plain_wording(objective: Objective) -> bool:
    """Its statement is not tied to another's by a direct cascade."""
    return (
        objective.statement is not None
        and objective.cascading != "DirectCascading"
        and not _direct_chain(objective)
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

    return _nodes(apply, objective)


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

    return _nodes(apply, objective)


def _ss_perspective(p: Planter, objective: Objective) -> Plan | None:
    if objective.perspective is None:
        return None

    def apply() -> list[Finding]:
        objective.perspective = None
        return [("SS-PERSPECTIVE", objective)]

    return _nodes(apply, objective)


def _ss_unit_year(p: Planter, objective: Objective) -> Plan | None:
    if objective.year is None or not _leaf(objective):
        return None

    def apply() -> list[Finding]:
        objective.year = None
        return [("SS-UNIT-YEAR", objective)]

    return _nodes(apply, objective)


def _ss_measured(p: Planter, objective: Objective) -> Plan | None:
    indicators = objective.indicators
    if not indicators or not _leaf(objective):
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

    return _nodes(apply, objective, *indicators)


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
    return _nodes(apply, objective, *objective.indicators, unit.contract)


def _ss_not_only_activity(p: Planter, objective: Objective) -> Plan | None:
    if not objective.owner.has_map or not objective.indicators:
        return None

    def apply() -> list[Finding]:
        for indicator in objective.indicators:
            indicator.validity, indicator.control = "Activity", "Moderate"
        return [("SS-NOT-ONLY-ACTIVITY", objective)]

    return _nodes(apply, objective, *objective.indicators)


def _ss_cascading_type(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.cascading is None:
        return None

    def apply() -> list[Finding]:
        objective.cascading = None
        return [("SS-CASCADING-TYPE", objective)]

    return _nodes(apply, objective)


def _ss_cascade_ancestor(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.perspective is None or not source.owner.parents:
        return None
    unit = objective.owner
    ancestors = _ancestors(unit)
    pool = [
        o
        for sibling in source.owner.parent.children
        if sibling is not source.owner and sibling not in ancestors
        for o in sibling.objectives
        if o.perspective is not None
        and o.perspective >= objective.perspective
        and o.year == objective.year
        and not _direct_chain(o)
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

    return _nodes(apply, objective, other)


def _ancestors(unit: Unit) -> set[Unit]:
    seen: set[Unit] = set()
    todo = list(unit.parents)
    while todo:
        u = todo.pop()
        if u not in seen:
            seen.add(u)
            todo.extend(u.parents)
    return seen


def _ss_perspective_order(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or source.perspective is None or source.perspective >= 4:
        return None
    lower = p.rng.randint(source.perspective + 1, 4)

    def apply() -> list[Finding]:
        objective.perspective = lower
        return [("SS-PERSPECTIVE-ORDER", objective)]

    return _nodes(apply, objective, source)


def _ss_direct_one(p: Planter, source: Objective) -> Plan | None:
    receivers = list(source.receivers)
    if len(receivers) < 2 or source.statement is None or source.owner.rank < TWO:
        return None
    if any(r.cascading != "IndirectCascading" for r in receivers):
        return None
    chain = [o for r in receivers for o in _direct_chain(r)]

    def apply() -> list[Finding]:
        for receiver in receivers:
            receiver.cascading = "DirectCascading"
            for same in (receiver, *_direct_chain(receiver)):
                same.noun, same.scope, same.adjective = source.noun, source.scope, source.adjective
                same.statement = source.statement
        return [("SS-DIRECT-ONE", r) for r in receivers]

    return _nodes(apply, source, *receivers, *chain)


def _ss_direct_same_statement(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.cascading != "DirectCascading":
        return None
    scope = p.rng.choice(fitting_scopes(objective.noun, objective.adjective, source.scope))
    chain = _direct_chain(objective)

    def apply() -> list[Finding]:
        _set_statement(objective, scope)
        return [("SS-DIRECT-SAME-STATEMENT", objective)]

    return _nodes(apply, objective, source, *chain)


def _ss_cascade_year(p: Planter, objective: Objective) -> Plan | None:
    source = objective.source
    if source is None or objective.year != p.model.year or not _leaf(objective):
        return None
    if any(len(k.measures) != 1 for k in objective.indicators):
        return None

    def apply() -> list[Finding]:
        objective.year = p.previous_year
        for indicator in objective.indicators:
            _retarget(indicator, p.previous_year)
        return [("SS-CASCADE-YEAR", objective)]

    return _nodes(apply, objective, *objective.indicators)


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

    return _nodes(apply, objective, receiver)


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

    return _nodes(apply, objective, effect)


# --- indicators --------------------------------------------------------------------------------


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

    return _nodes(apply, indicator, objective)


def _iku_same_unit(p: Planter, indicator: Indicator) -> Plan | None:
    if indicator.year != p.model.year or len(indicator.measures) != 1:
        return None

    def apply() -> list[Finding]:
        _retarget(indicator, p.previous_year)
        return [("IKU-SAME-UNIT", indicator)]

    return _nodes(apply, indicator, *indicator.measures)


def _remove(attribute: str, rule_id: str) -> Callable[[Planter, Indicator], Plan | None]:
    def prepare(p: Planter, indicator: Indicator) -> Plan | None:
        if getattr(indicator, attribute) is None:
            return None

        def apply() -> list[Finding]:
            setattr(indicator, attribute, None)
            return [(rule_id, indicator)]

        return _nodes(apply, indicator, *indicator.measures)

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

    return _nodes(apply, indicator, *indicator.measures)


def _iku_target_year(p: Planter, indicator: Indicator) -> Plan | None:
    yearly = [t for t in indicator.targets if t.period == indicator.year]
    if indicator.year is None or not yearly:
        return None

    def apply() -> list[Finding]:
        for target in yearly:
            indicator.targets.remove(target)
        return [("IKU-TARGET-YEAR", indicator)]

    return _nodes(apply, indicator)


def _iku_cascading_type(p: Planter, indicator: Indicator) -> Plan | None:
    source = indicator.source
    if source is None or indicator.cascading not in ("FullCascading", "PartialCascading"):
        return None

    def apply() -> list[Finding]:
        source.receivers.remove(indicator)
        indicator.source = None
        return [("IKU-CASCADING-TYPE", indicator)]

    return _nodes(apply, indicator)


def _iku_cascade_ancestor(p: Planter, indicator: Indicator) -> Plan | None:
    source = indicator.source
    if source is None or not source.owner.parents:
        return None
    ancestors = _ancestors(indicator.owner)
    pool = [
        k
        for u in source.owner.parent.children
        if u is not source.owner and u not in ancestors
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

    return _nodes(apply, indicator, other)


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

    return _nodes(apply, indicator, parent)


# --- contracts, targets, initiatives -------------------------------------------------------------


def _contract_max_iku(p: Planter, unit: Unit) -> Plan | None:
    if unit.contract is None or not unit.objectives or unit.rank != FIVE:
        return None
    missing = contract_limit(unit) + 1 - len(unit.indicators)
    if missing <= 0:
        return None

    def apply() -> list[Finding]:
        for i in range(missing):
            p.new_indicator(unit.objectives[i % len(unit.objectives)])
        return [("CONTRACT-MAX-IKU", unit.contract)]

    return Plan({unit}, apply)


def _contract_holder(p: Planter, contract: Contract) -> Plan | None:
    if not contract.has_year or not contract.holder:
        return None

    def apply() -> list[Finding]:
        contract.has_year = False
        return [("CONTRACT-HOLDER", contract)]

    return _nodes(apply, contract)


def _target_period(p: Planter, item: tuple[Indicator, Target]) -> Plan | None:
    indicator, target = item
    if target.period == indicator.year or target not in indicator.targets:
        return None
    if target.value_type != "decimal" or target.value is None:
        return None
    variant = p.rng.randrange(4)

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

    return _nodes(apply, indicator)


def _is_indicator(p: Planter, initiative: Initiative) -> Plan | None:
    if not initiative.drives:
        return None

    def apply() -> list[Finding]:
        for indicator in initiative.drives:
            indicator.initiatives.remove(initiative)
        initiative.drives.clear()
        return [("IS-INDICATOR", initiative)]

    return _nodes(apply, initiative, *initiative.drives)


PLANTERS: dict[str, Callable[[Planter, Any], Plan | None]] = {
    "UNIT-LEVEL": _unit_level,
    "UNIT-KIND": _unit_kind,
    "UNIT-CODE": _unit_code,
    "CODE-UNIQUE": _code_unique,
    "UNIT-PARENT": _unit_parent,
    "UNIT-PARENT-HIGHER": _unit_parent_higher,
    "UNIT-PARENT-SKIP": _unit_parent_skip,
    "UNIT-CYCLE": _unit_cycle,
    "MAP-HOLDER": _map_holder,
    "MAP-MISSING": _map_missing,
    "SS-ORIGIN": _ss_origin,
    "SS-STATEMENT-SHORT": _ss_statement_short,
    "SS-STATEMENT-QUALITATIVE": _ss_statement_qualitative,
    "SS-PERSPECTIVE": _ss_perspective,
    "SS-UNIT-YEAR": _ss_unit_year,
    "SS-MEASURED": _ss_measured,
    "SS-MAX-IKU": _ss_max_iku,
    "SS-NOT-ONLY-ACTIVITY": _ss_not_only_activity,
    "SS-CASCADING-TYPE": _ss_cascading_type,
    "SS-CASCADE-ANCESTOR": _ss_cascade_ancestor,
    "SS-PERSPECTIVE-ORDER": _ss_perspective_order,
    "SS-DIRECT-ONE": _ss_direct_one,
    "SS-DIRECT-SAME-STATEMENT": _ss_direct_same_statement,
    "SS-CASCADE-YEAR": _ss_cascade_year,
    "SS-CASCADE-CYCLE": _ss_cascade_cycle,
    "SS-CAUSE-SAME-MAP": _ss_cause_same_map,
    "IKU-MEASURES-ONE": _iku_measures_one,
    "IKU-SAME-UNIT": _iku_same_unit,
    "IKU-POLARITY": _remove("polarity", "IKU-POLARITY"),
    "IKU-MEASURE-UNIT": _remove("measure_unit", "IKU-MEASURE-UNIT"),
    "IKU-CONSOLIDATION": _remove("consolidation", "IKU-CONSOLIDATION"),
    "IKU-QUALITY": _remove("control", "IKU-QUALITY"),
    "IKU-QUALITY-FORBIDDEN": _iku_quality_forbidden,
    "IKU-TARGET-YEAR": _iku_target_year,
    "IKU-CASCADING-TYPE": _iku_cascading_type,
    "IKU-CASCADE-ANCESTOR": _iku_cascade_ancestor,
    "SUB-IKU-LEVEL": _sub_iku_level,
    "CONTRACT-MAX-IKU": _contract_max_iku,
    "CONTRACT-HOLDER": _contract_holder,
    "TARGET-PERIOD": _target_period,
    "IS-INDICATOR": _is_indicator,
}

#: The rule ids the generator can plant: the whole catalogue.
RULE_IDS: tuple[str, ...] = tuple(sorted(PLANTERS))


def focus_of(finding: Finding) -> tuple[str, str]:
    """The focus IRI (without angle brackets) and code of a planted result."""
    node = finding[1]
    if isinstance(node, tuple):
        indicator, target = node
        return indicator.target_iri(target)[1:-1], ""
    code = getattr(node, "code", None)
    return node.iri[1:-1], code or ""
