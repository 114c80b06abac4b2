"""Defects of directions: the vision -> mission -> goal -> sasaran -> SS chain.

Rules of ``shapes/directions.ttl``.
"""

from __future__ import annotations

from selaras.generate.defects.core import PlanterFunction

PLANTERS: dict[str, PlanterFunction] = {}
