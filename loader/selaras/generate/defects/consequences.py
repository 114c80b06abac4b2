"""What planted defects imply under the relational warnings, computed on the model.

A defect that re-points or detaches a cascade link changes what other nodes see: the sibling of a
detached indirect receiver is left alone (SS-INDIRECT-MANY), a partial indicator's last sibling
too (IKU-PARTIAL-MANY), an indicator whose objective was re-pointed no longer follows its
objective's cascade (IKU-FOLLOWS-SS), a map whose only link to the parent's map was cut no longer
refers to it (MAP-REFERS-PARENT). These rules are evaluated here exactly as the shapes state
them, so the manifest lists every result validation gives.
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


def consequences(model: Model, findings: list[Finding]) -> list[Finding]:
    """Results of the relational warnings not yet among ``findings``, in model order."""
    have = {(rule, id(node)) for rule, node in findings}
    objectives: list[Objective] = [o for u in model.units for o in u.objectives]
    indicators: list[Indicator] = [k for u in model.units for k in u.indicators]
    present = {id(k) for k in indicators}
    receivers: dict[int, int] = {}
    sources: list[object] = [o.source for o in objectives] + [k.source for k in indicators]
    for node in sources:
        if node is not None:
            receivers[id(node)] = receivers.get(id(node), 0) + 1
    children: dict[int, int] = {}  # unit -> how many units have it as a parent
    for unit in model.units:
        for parent in set(map(id, unit.parents)):
            children[parent] = children.get(parent, 0) + 1

    def judged(source: Objective | Indicator) -> bool:
        """Only a source whose unit has two sub-units in the data is judged (partial datasets)."""
        return source.unit is not None and children.get(id(source.unit), 0) >= 2

    out: list[Finding] = []

    def add(rule: str, node: Any) -> None:
        if (rule, id(node)) not in have:
            have.add((rule, id(node)))
            out.append((rule, node))

    for objective in objectives:
        source: Objective | None = objective.source
        alone = source is not None and receivers.get(id(source), 0) == 1 and judged(source)
        if objective.cascading == "IndirectCascading" and alone:
            add("SS-INDIRECT-MANY", objective)
    for indicator in indicators:
        origin: Indicator | None = indicator.source
        if origin is None:
            continue
        partial = indicator.cascading == "PartialCascading"
        if partial and receivers.get(id(origin), 0) == 1 and judged(origin):
            add("IKU-PARTIAL-MANY", indicator)
        if id(origin) not in present:
            continue
        if indicator.cascading == "FullCascading" and _full_changed(indicator, origin):
            add("IKU-FULL-SAME", indicator)
        if partial and _same_name(indicator, origin) and _same_yearly(indicator, origin):
            add("IKU-PARTIAL-DISTRIBUTES", indicator)
        measured = indicator.measures and origin.measures
        if measured and not any(
            _descends(o, s) for o in indicator.measures for s in origin.measures
        ):
            add("IKU-FOLLOWS-SS", indicator)
    in_graph = {id(o) for o in objectives}
    cited: set[tuple[int, int]] = set()  # (unit, unit its objectives cascade from)
    for objective in objectives:
        source = objective.source
        if objective.unit is None or source is None or source.unit is None:
            continue
        if id(source) in in_graph:
            cited.add((id(objective.unit), id(source.unit)))
    for unit in model.units:
        if unit.has_map and _cites_no_parent(unit, cited):
            add("MAP-REFERS-PARENT", unit)
    return out


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
