"""Defects of strategy maps: who holds one, who lacks one, whose map cites its parent's.

Rules of ``shapes/maps.ttl``.
"""

from __future__ import annotations

from selaras.generate.build import contract_limit
from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
)
from selaras.generate.model import (
    Unit,
)


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


def _map_refers_parent(p: Planter, office: Unit) -> Plan | None:
    """Breaks MAP-REFERS-PARENT: an office's SS and IKU from its parent become its own."""
    parent = office.parent
    received = [o for o in office.objectives if o.source is not None and o.source.owner is parent]
    if not received or not parent.has_map or len(office.parents) != 1:
        return None
    indicators = [k for o in received for k in o.indicators if k.source is not None]
    sources = [o.source for o in received] + [k.source for k in indicators]

    def apply() -> list[Finding]:
        for objective in received:
            assert objective.source is not None
            objective.source.receivers.remove(objective)
            objective.source, objective.cascading = None, None
        for indicator in indicators:
            assert indicator.source is not None
            indicator.source.receivers.remove(indicator)
            indicator.source, indicator.cascading = None, "NonCascading"
        return [("MAP-REFERS-PARENT", office)]

    return Plan({office}, apply, {*received, *indicators, *sources})


PLANTERS: dict[str, PlanterFunction] = {
    "MAP-HOLDER": _map_holder,
    "MAP-MISSING": _map_missing,
    "MAP-REFERS-PARENT": _map_refers_parent,
}
