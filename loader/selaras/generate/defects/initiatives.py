"""Defects of strategic initiatives (shapes/initiatives.ttl)."""

from __future__ import annotations

from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
    nodes,
)
from selaras.generate.model import (
    Initiative,
)


def _is_indicator(p: Planter, initiative: Initiative) -> Plan | None:
    if not initiative.drives:
        return None

    def apply() -> list[Finding]:
        for indicator in initiative.drives:
            indicator.initiatives.remove(initiative)
        initiative.drives.clear()
        return [("IS-INDICATOR", initiative)]

    return nodes(apply, initiative, *initiative.drives)


PLANTERS: dict[str, PlanterFunction] = {
    "IS-INDICATOR": _is_indicator,
}
