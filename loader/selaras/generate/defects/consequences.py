"""What planted defects imply under the relational warnings, computed on the model.

A defect that re-points or detaches a cascade link changes what other nodes see: the sibling of a
detached indirect receiver is left alone (SS-INDIRECT-MANY), a partial indicator's last sibling
too (IKU-PARTIAL-MANY), an indicator whose objective was re-pointed no longer follows its
objective's cascade (IKU-FOLLOWS-SS), a map whose only link to the parent's map was cut no longer
refers to it (MAP-REFERS-PARENT). These rules are evaluated here exactly as the shapes state
them, so the manifest lists every result validation gives; and a planted result of one of them
that a later defect undid is taken out of it (:func:`settle`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from selaras.generate.model import Indicator, Model, Objective, Unit

Finding = tuple[str, Any]


def _descends(objective: Objective, ancestor: Objective) -> bool:
    """Whether ``ancestor`` is reached from ``objective`` along sel:cascadesFrom (one or more)."""
    seen: set[int] = set()
    node = objective.source
    while node is not None and id(node) not in seen:
        if node is ancestor:
            return True
        seen.add(id(node))
        node = node.source
    return False


class _Relations:
    """The relational warnings evaluated on the final model, exactly as the shapes state them."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.objectives: list[Objective] = [o for u in model.units for o in u.objectives]
        self.indicators: list[Indicator] = [k for u in model.units for k in u.indicators]
        self.present = {id(k) for k in self.indicators}
        self.receivers: dict[int, int] = {}
        sources: list[object] = [o.source for o in self.objectives]
        sources += [k.source for k in self.indicators]
        for node in sources:
            if node is not None:
                self.receivers[id(node)] = self.receivers.get(id(node), 0) + 1
        self.children: dict[int, int] = {}  # unit -> how many units have it as a parent
        for unit in model.units:
            for parent in set(map(id, unit.parents)):
                self.children[parent] = self.children.get(parent, 0) + 1
        in_graph = {id(o) for o in self.objectives}
        self.cited: set[tuple[int, int]] = set()  # (unit, unit its objectives cascade from)
        for objective in self.objectives:
            source = objective.source
            if objective.unit is None or source is None or source.unit is None:
                continue
            if id(source) in in_graph:
                self.cited.add((id(objective.unit), id(source.unit)))

    def judged(self, source: Objective | Indicator) -> bool:
        """Only a source whose unit has two sub-units in the data is judged (partial datasets)."""
        return source.unit is not None and self.children.get(id(source.unit), 0) >= 2

    def alone(self, source: Objective | Indicator) -> bool:
        return self.receivers.get(id(source), 0) == 1 and self.judged(source)

    def objective_rules(self, objective: Objective) -> list[str]:
        source = objective.source
        if objective.cascading == "IndirectCascading" and source is not None and self.alone(source):
            return ["SS-INDIRECT-MANY"]
        return []

    def indicator_rules(self, indicator: Indicator) -> list[str]:
        origin = indicator.source
        if origin is None:
            return []
        found: list[str] = []
        partial = indicator.cascading == "PartialCascading"
        if partial and self.alone(origin):
            found.append("IKU-PARTIAL-MANY")
        if id(origin) not in self.present:
            return found
        if indicator.cascading == "FullCascading" and _full_changed(indicator, origin):
            found.append("IKU-FULL-SAME")
        if partial and _same_name(indicator, origin) and _same_yearly(indicator, origin):
            found.append("IKU-PARTIAL-DISTRIBUTES")
        measured = indicator.measures and origin.measures
        if measured and not any(
            _descends(o, s) for o in indicator.measures for s in origin.measures
        ):
            found.append("IKU-FOLLOWS-SS")
        return found

    def unit_rules(self, unit: Unit) -> list[str]:
        if unit.has_map and _cites_no_parent(unit, self.cited):
            return ["MAP-REFERS-PARENT"]
        return []

    def rules(self, node: Any) -> list[str]:
        """The relational warnings ``node`` gets in the final model."""
        if isinstance(node, Objective):
            return self.objective_rules(node)
        if isinstance(node, Indicator):
            return self.indicator_rules(node)
        if isinstance(node, Unit):
            return self.unit_rules(node)
        return []


#: The warnings judged here: a planted one of these holds only while the final model meets it.
RELATIONAL = frozenset(
    {
        "SS-INDIRECT-MANY",
        "IKU-PARTIAL-MANY",
        "IKU-FULL-SAME",
        "IKU-PARTIAL-DISTRIBUTES",
        "IKU-FOLLOWS-SS",
        "MAP-REFERS-PARENT",
    }
)


def settle(model: Model, findings: list[Finding]) -> tuple[list[Finding], list[int]]:
    """The relational warnings' results in the final model that ``findings`` lack (in model
    order), and the indexes of the ``findings`` of those warnings that it no longer gives: a
    defect planted later changed what the rule sees (the source of an indicator moved out of its
    objective's chain was itself detached from its objective: the shape skips a source that
    measures nothing, so the first defect is no longer reported)."""
    relations = _Relations(model)
    nodes: list[Any] = [*relations.objectives, *relations.indicators, *model.units]
    given = [(rule, node) for node in nodes for rule in relations.rules(node)]
    keys = {(rule, id(node)) for rule, node in given}
    have = {(rule, id(node)) for rule, node in findings}
    added = [(rule, node) for rule, node in given if (rule, id(node)) not in have]
    undone = [
        n
        for n, (rule, node) in enumerate(findings)
        if rule in RELATIONAL and (rule, id(node)) not in keys
    ]
    return added, undone


def _name(indicator: Indicator) -> str:
    return "".join(indicator.label.lower().split())


def _same_name(indicator: Indicator, source: Indicator) -> bool:
    return _name(indicator) == _name(source)


def _values(indicator: Indicator) -> dict[str, Decimal]:
    """Decimal target values by period (non-decimal or missing values left out)."""
    out: dict[str, Decimal] = {}
    for target in indicator.targets:
        if target.value is None or target.value_type != "decimal":
            continue
        try:
            out[target.period] = Decimal(target.value)
        except InvalidOperation:
            continue
    return out


def _full_changed(indicator: Indicator, source: Indicator) -> bool:
    """IKU-FULL-SAME: name, polarity, unit of measure or a shared period's target differ."""
    if not _same_name(indicator, source):
        return True
    if indicator.polarity and source.polarity and indicator.polarity != source.polarity:
        return True
    mine, theirs = indicator.measure_unit, source.measure_unit
    if mine is not None and theirs is not None and mine.lower() != theirs.lower():
        return True
    values, source_values = _values(indicator), _values(source)
    return any(v != source_values[p] for p, v in values.items() if p in source_values)


def _same_yearly(indicator: Indicator, source: Indicator) -> bool:
    year = indicator.year
    if year is None:
        return False
    mine, theirs = _values(indicator).get(year), _values(source).get(year)
    return mine is not None and mine == theirs


def _cites_no_parent(unit: Unit, cited: set[tuple[int, int]]) -> bool:
    return any(p.has_map and (id(unit), id(p)) not in cited for p in unit.parents)
