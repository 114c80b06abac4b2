"""Defects of units: level, kind, parents, cycles (shapes/units.ttl)."""

from __future__ import annotations

from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
    drop_contents,
    sibling_positions,
)
from selaras.generate.model import (
    FOUR,
    THREE,
    Unit,
)


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
    siblings = [u for u in sibling_positions(unit) if p.free(u)]
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
    if unit.kind != "Pelaksana":  # functional officials are placed at Five wherever they sit
        return None
    if len(unit.parents) != 1 or len(unit.parent.parents) != 1:
        return None
    section = unit.parent
    office = section.parent
    if office.rank != THREE:
        return None

    def apply() -> list[Finding]:
        drop_contents(unit)
        section.children.remove(unit)
        unit.parents[:] = [office]
        office.children.append(unit)
        return [("UNIT-PARENT-SKIP", unit)]

    return Plan({unit}, apply)


def _unit_cycle(p: Planter, unit: Unit) -> Plan | None:
    if len(unit.parents) != 1:
        return None
    siblings = [u for u in sibling_positions(unit) if p.free(u)]
    if not siblings:
        return None
    other = p.rng.choice(siblings)
    section = unit.parent

    def apply() -> list[Finding]:
        for u, parent in ((unit, other), (other, unit)):
            drop_contents(u)
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


def _unit_kind_level(p: Planter, unit: Unit) -> Plan | None:
    """Breaks UNIT-KIND-LEVEL: a staff position (Kemenkeu-Five) typed as a section (Four)."""
    if unit.kind != "Pelaksana" or unit.has_map:
        return None

    def apply() -> list[Finding]:
        unit.kind = "Seksi"
        return [("UNIT-KIND-LEVEL", unit)]

    return Plan({unit}, apply)


PLANTERS: dict[str, PlanterFunction] = {
    "UNIT-LEVEL": _unit_level,
    "UNIT-KIND": _unit_kind,
    "UNIT-PARENT": _unit_parent,
    "UNIT-PARENT-HIGHER": _unit_parent_higher,
    "UNIT-PARENT-SKIP": _unit_parent_skip,
    "UNIT-CYCLE": _unit_cycle,
    "UNIT-KIND-LEVEL": _unit_kind_level,
}
