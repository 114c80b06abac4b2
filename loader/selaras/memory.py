"""Memory behaviour for the stages that build millions of small objects."""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache


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


def return_free_memory() -> None:
    """Give the C allocator's free memory back to the system (glibc's ``malloc_trim``; nothing
    elsewhere).

    A thread that builds and drops many small objects leaves them in its own allocator arena,
    which no other thread reuses: after reading a ministry's file beside ``bulk_load`` that is
    tens of megabytes the validation that follows would carry as dead weight.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc (Windows: no CDLL(None))
        return None
    return trim
