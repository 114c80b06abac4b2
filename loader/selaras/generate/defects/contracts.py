"""Defects of performance contracts: holder, year, size, kind (shapes/contracts.ttl)."""

from __future__ import annotations

from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
    nodes,
)
from selaras.generate.measures import contract_limit
from selaras.generate.model import (
    FIVE,
    Contract,
    Unit,
)


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

    return nodes(apply, contract)


def _contract_kind(p: Planter, contract: Contract) -> Plan | None:
    """Breaks CONTRACT-KIND: a staff member's contract typed as the Vice Minister's."""
    if contract.kind is not None or not contract.holder:
        return None

    def apply() -> list[Finding]:
        contract.kind = "ViceMinisterContract"
        return [("CONTRACT-KIND", contract)]

    return nodes(apply, contract)


PLANTERS: dict[str, PlanterFunction] = {
    "CONTRACT-MAX-IKU": _contract_max_iku,
    "CONTRACT-HOLDER": _contract_holder,
    "CONTRACT-KIND": _contract_kind,
}
