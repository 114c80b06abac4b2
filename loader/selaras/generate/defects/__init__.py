"""Plant defects in a conforming cascade, each aimed at one rule of the catalogue.

Every rule id of the catalogue has a *planter*, in the module of its rule family (mirroring
``shapes/*.ttl``): it lists what it breaks in one line, and for one candidate node prepares a
change that makes validation report that rule, on a known focus node, and nothing else. The
machinery that places the changes without letting them see each other is in :mod:`.core`.
"""

from __future__ import annotations

from selaras.generate.defects import (
    cascading,
    codes,
    contracts,
    directions,
    indicators,
    initiatives,
    maps,
    objectives,
    units,
)
from selaras.generate.defects.core import Finding, Planter, PlanterFunction

#: Every rule id's planter, from the family modules.
PLANTERS: dict[str, PlanterFunction] = {
    **units.PLANTERS,
    **codes.PLANTERS,
    **maps.PLANTERS,
    **directions.PLANTERS,
    **objectives.PLANTERS,
    **cascading.PLANTERS,
    **indicators.PLANTERS,
    **contracts.PLANTERS,
    **initiatives.PLANTERS,
}

#: The rule ids the generator can plant: the whole catalogue.
RULE_IDS: tuple[str, ...] = tuple(sorted(PLANTERS))

__all__ = ["PLANTERS", "RULE_IDS", "Finding", "Planter", "focus_of"]


def focus_of(finding: Finding) -> tuple[str, str]:
    """The focus IRI (without angle brackets) and code of a planted result."""
    node = finding[1]
    if isinstance(node, tuple):
        indicator, target = node
        return indicator.target_iri(target)[1:-1], ""
    code = getattr(node, "code", None)
    return node.iri[1:-1], code or ""
