"""Realisations of a generated IKU for the four quarters: most near their target, some above it
(a few far enough to hit the cap), some below (yellow and red bands), a few quarters missing, so
that scoring (``selaras score``) has realistic data to work on.

Each quarter's achievement factor ``f`` (realisation / target for maximize) is drawn from a
mixture: 55 % on or above target (1.00 to 1.15), 30 % a little below (0.90 to 1.00), 10 % well
below (0.70 to 0.90), 5 % far above (1.15 to 1.40). Minimize IKU get ``target x (2 - f)`` so
their capaian is the same ``f``; stabilize IKU land within 12 % either side of the target. A
percentage with a target of at most 100 never exceeds 100. A quarter is missing with
probability :data:`MISSING` (the last known value then counts for ``last`` IKU).

>>> import random
>>> quarterly(random.Random(1), ["20.00", "25.00", "25.00", "30.00"], "Maximize", "persen")
['22.54', '26.86', '24.47', '33.76']
"""

from __future__ import annotations

import random
from collections.abc import Sequence

#: Scoring warnings (shapes/scores.ttl) the generator neither triggers nor plants: it writes no
#: sel:weight, a target for every realisation, and quarterly targets that consolidate to the
#: annual one (sum: the fourth quarter is the rest; average: all equal; last: the fourth is it).
NOT_PLANTED = frozenset({"SCORE-WEIGHTS-SUM", "SCORE-REALISATION-TARGET", "SCORE-ANNUAL-TARGET"})

#: Probability that one quarter's realisation is not reported.
MISSING = 0.04
_MIXTURE = ((0.55, 1.00, 1.15), (0.85, 0.90, 1.00), (0.95, 0.70, 0.90), (1.00, 1.15, 1.40))


def factor(rng: random.Random) -> float:
    """One achievement factor from the mixture above."""
    draw = rng.random()
    for upto, low, high in _MIXTURE:
        if draw < upto:
            return rng.uniform(low, high)
    return 1.0


def quarterly(
    rng: random.Random, targets: Sequence[str], polarity: str, measure: str
) -> list[str | None]:
    """Realisations (lexical forms, 2 decimals) for the quarterly ``targets``; None: missing."""
    out: list[str | None] = []
    for target in targets:
        value = float(target)
        f = factor(rng)
        missing = rng.random() < MISSING
        if polarity == "Minimize":
            realised = value * (2 - f)
        elif polarity == "Stabilize":
            realised = value * rng.uniform(0.88, 1.12)
        else:
            realised = value * f
        if measure == "persen" and value <= 100:
            realised = min(realised, 100.0)
        out.append(None if missing else f"{max(realised, 0.0):.2f}")
    return out
