"""The planting machinery: plans, the planter that places them without overlap, shared helpers.

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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from selaras.generate.build import Builder, compose
from selaras.generate.defects.consequences import settle
from selaras.generate.model import (
    FOUR,
    THREE,
    TWO,
    Direction,
    Indicator,
    Initiative,
    Model,
    Objective,
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


#: Prepares a plan for one candidate, or None when the candidate does not fit.
PlanterFunction = Callable[["Planter", Any], Plan | None]


def unit_of(node: Any) -> Unit:
    if isinstance(node, Unit):
        return node
    if isinstance(node, (Initiative, Direction)):
        return node.unit
    owner: Unit = node.owner
    return owner


def nodes(apply: Callable[[], list[Finding]], *nodes: Any) -> Plan:
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
    #: rule id -> its planter (the families' tables, merged in selaras.generate.defects)
    planters: Mapping[str, PlanterFunction] = field(default_factory=dict)
    #: rules planted before all others (those a previous attempt found no place for)
    first: tuple[str, ...] = ()

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
        ministry = self.model.ministry
        self.sasaran = [d for d in ministry.directions if d.kind == "Sasaran"]
        full = [k for k in indicators if k.cascading == "FullCascading" and not k.receivers]
        partial = [k for k in indicators if k.cascading == "PartialCascading" and not k.receivers]
        candidates: dict[str, list[Any]] = {
            "UNIT-KIND-LEVEL": self.positions,
            "MAP-REFERS-PARENT": holders,
            "SS-INDIRECT-MANY": [o for o in cascaded if o.cascading == "DirectCascading"],
            "IKU-PARTIAL-MANY": [k for k in full if k.source and len(k.source.receivers) == 1],
            "IKU-FULL-SAME": full,
            "IKU-PARTIAL-DISTRIBUTES": partial,
            "IKU-FOLLOWS-SS": [k for k in indicators if k.source is not None and not k.receivers],
            "CONTRACT-KIND": [u.contract for u in self.positions if u.contract is not None],
            "DIRECTION-CHAIN": self.sasaran,
            "SS-SASARAN": [o for o in ministry.objectives if o.sasaran],
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
        assert set(candidates) == set(self.planters), set(candidates) ^ set(self.planters)
        pools: dict[str, Iterator[Any]] = {}
        wanted: dict[str, int] = {}
        for rule_id in sorted(candidates):
            pool = list(candidates[rule_id])
            self.rng.shuffle(pool)
            pools[rule_id] = iter(pool)
            wanted[rule_id] = max(1, round(self.rate * len(pool)))
            self.planted[rule_id] = 0
            self.exhausted[rule_id] = False
        order = sorted(candidates, key=lambda r: (r not in self.first, len(candidates[r]), r))
        for rule_id in order:  # one of each first, rarest first
            self._plant(rule_id, pools[rule_id], 1)
        active = [r for r in order if self.planted[r] < wanted[r]]
        while active:  # then round-robin, so that no rule is starved by the others
            for rule_id in active:
                self._plant(rule_id, pools[rule_id], 1)
            active = [r for r in active if self.planted[r] < wanted[r] and not self.exhausted[r]]
        # What the planted changes imply under the relational warnings (a detached receiver
        # leaves its source's other receiver alone, ...) is reported too: list it; and a
        # planted relational result that a later defect undid is not reported: drop it.
        added, undone = settle(self.model, self.findings)
        for n in reversed(undone):
            del self.findings[n]
            del self.planted_by[n]
        self.findings.extend(added)
        self.planted_by.extend("" for _ in added)

    def _plant(self, rule_id: str, pool: Iterator[Any], count: int) -> None:
        prepare = self.planters[rule_id]
        while count > 0:
            candidate = next(pool, None)
            if candidate is None:
                self.exhausted[rule_id] = True
                return
            plan = prepare(self, candidate)
            if plan is None:
                continue
            node_units = {unit_of(n) for n in plan.nodes}
            if (
                any(u in self.claimed or u in self.shared for u in plan.units)
                or not node_units.isdisjoint(self.claimed)
                or not plan.nodes.isdisjoint(self.claimed_nodes)
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
        return unit_of(node) not in self.claimed and node not in self.claimed_nodes

    def new_indicator(self, objective: Objective) -> Indicator:
        """A complete non-cascading indicator of a non-activity quality for ``objective``."""
        unit = objective.owner
        taken = {k.key for k in unit.indicators}
        # follow the objective's own indicator codes (IKU-X-1a -> IKU-X-1b), else the generator's
        first = objective.indicators[0].key if objective.indicators else ""
        if first[-1:] in LETTERS:
            stem = first[:-1]
        else:
            stem = f"{unit.key}-IKU{unit.objectives.index(objective) + 1:02d}"
        key = next(f"{stem}{c}" for c in LETTERS if f"{stem}{c}" not in taken)
        saved, self.builder.rng = self.builder.rng, self.rng
        try:
            indicator = self.builder._own_indicator(unit, objective, key)
            indicator.validity, indicator.control = "Proxy", "Moderate"
            indicator.targets = self.builder._targets(indicator)
        finally:
            self.builder.rng = saved
        return indicator


def sources(unit: Unit) -> set[Any]:
    """The objectives and indicators a position's own ones cascade from."""
    found: set[Any] = {o.source for o in unit.objectives if o.source is not None}
    found |= {k.source for k in unit.indicators if k.source is not None}
    return found


def direct_chain(objective: Objective) -> list[Objective]:
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


def set_statement(objective: Objective, scope: str) -> None:
    objective.scope = scope
    objective.statement = compose(objective.noun, scope, objective.adjective)
    for receiver in direct_chain(objective):
        receiver.scope, receiver.statement = scope, objective.statement


def retarget(indicator: Indicator, year: str) -> None:
    old = indicator.year or ""
    indicator.year = year
    for target in indicator.targets:
        target.period = target.period.replace(old, year, 1)
        target.key = target.key.replace(old, year, 1)


def drop_contents(unit: Unit) -> None:
    """Remove a position's objectives and indicators (nothing cascades from a position)."""
    for objective in unit.objectives:
        if objective.source is not None:
            objective.source.receivers.remove(objective)
    for indicator in unit.indicators:
        if indicator.source is not None:
            indicator.source.receivers.remove(indicator)
    unit.objectives.clear()
    unit.indicators.clear()


def sibling_positions(unit: Unit) -> list[Unit]:
    return [u for u in unit.parent.children if u.position and u is not unit and len(u.parents) == 1]


def leaf(objective: Objective) -> bool:
    return not objective.receivers and all(not k.receivers for k in objective.indicators)


def ancestors(unit: Unit) -> set[Unit]:
    seen: set[Unit] = set()
    todo = list(unit.parents)
    while todo:
        u = todo.pop()
        if u not in seen:
            seen.add(u)
            todo.extend(u.parents)
    return seen
