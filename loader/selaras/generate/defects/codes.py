"""Defects of codes: missing or shared (shapes/codes.ttl)."""

from __future__ import annotations

from typing import Any

from selaras.generate.defects.core import (
    Finding,
    Plan,
    Planter,
    PlanterFunction,
    nodes,
    sibling_positions,
)
from selaras.generate.model import (
    Objective,
    Unit,
)


def _unit_code(p: Planter, node: Any) -> Plan | None:
    if node.code is None:
        return None

    def apply() -> list[Finding]:
        node.code = None
        return [("UNIT-CODE", node)]

    return Plan({node}, apply) if isinstance(node, Unit) else nodes(apply, node)


def _code_unique(p: Planter, node: Any) -> Plan | None:
    if isinstance(node, Unit):
        others: list[Any] = sibling_positions(node)
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
    return nodes(apply, node, other)


PLANTERS: dict[str, PlanterFunction] = {
    "UNIT-CODE": _unit_code,
    "CODE-UNIQUE": _code_unique,
}
