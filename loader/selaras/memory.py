"""Memory behaviour for the stages that build millions of small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector off for a while (what it does meanwhile is kept for later).

    Building millions of small objects that live on (the triples of a generated cascade, the
    rows of a load) sets it off again and again, each time scanning all of them: that took more
    than half of the time. Those objects hold no reference cycles, so nothing is lost by pausing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
