"""Defects of strategy maps: who holds one, who lacks one, whose map cites its parent's.

Rules of ``shapes/maps.ttl``.
"""

from __future__ import annotations

from selaras.generate import vocab
from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
)
from selaras.generate.measures import contract_limit
from selaras.generate.model import (
    THREE,
    TWO,
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


def _map_refers_parent(p: Planter, parent: Unit) -> Plan | None:
    """Breaks MAP-REFERS-PARENT: a new office under ``parent`` whose map has only its own SS."""
    if parent.rank != TWO or not parent.has_map:
        return None
    vertical = vocab.ESELON_ONE[parent.eselon].vertical if parent.eselon >= 0 else None
    kind = vertical.office_kind if vertical is not None else "BalaiDiklatKeuangan"
    taken = {u.key for u in parent.children}
    key = next(
        f"{parent.key}-BARU{n:02d}"
        for n in range(1, 100)
        if f"{parent.key}-BARU{n:02d}" not in taken
    )

    def apply() -> list[Finding]:
        builder = p.builder
        saved, builder.rng = builder.rng, p.rng
        try:
            label = f"Kantor Pelayanan Baru {key[-2:]}, {parent.short}"
            office = builder._unit(key, label, THREE, kind, parent, has_map=True)
            office.eselon = parent.eselon
            builder._originate(office)
            builder._finish(office)
        finally:
            builder.rng = saved
        return [("MAP-REFERS-PARENT", office)]

    return Plan(set(), apply, {parent})


PLANTERS: dict[str, PlanterFunction] = {
    "MAP-HOLDER": _map_holder,
    "MAP-MISSING": _map_missing,
    "MAP-REFERS-PARENT": _map_refers_parent,
}
