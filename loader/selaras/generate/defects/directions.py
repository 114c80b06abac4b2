"""Defects of directions: the vision -> mission -> goal -> sasaran -> SS chain.

Rules of ``shapes/directions.ttl``.
"""

from __future__ import annotations

from selaras.generate.defects.core import Finding, Plan, Planter, PlanterFunction, nodes
from selaras.generate.model import Direction, Objective


def _direction_chain(p: Planter, sasaran: Direction) -> Plan | None:
    """Breaks DIRECTION-CHAIN: a sasaran that realises no goal."""
    if not sasaran.realises:
        return None

    def apply() -> list[Finding]:
        sasaran.realises.clear()
        return [("DIRECTION-CHAIN", sasaran)]

    return nodes(apply, sasaran)


def _ss_sasaran(p: Planter, objective: Objective) -> Plan | None:
    """Breaks SS-SASARAN: a ministry SS that no longer names the sasaran it comes from."""
    if not objective.sasaran or objective.source is not None:
        return None

    def apply() -> list[Finding]:
        objective.sasaran.clear()
        return [("SS-SASARAN", objective)]

    return nodes(apply, objective)


PLANTERS: dict[str, PlanterFunction] = {
    "DIRECTION-CHAIN": _direction_chain,
    "SS-SASARAN": _ss_sasaran,
}
