"""Cycles in a set of links, each named once as a closed walk of codes.

>>> cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")])
[('A', 'B', 'C', 'A')]
>>> cycles([("X", "X")])
[('X', 'X')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def _components(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            if i < len(succ[node]):
                work.append((node, i + 1))
                nxt = succ[node][i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def cycles(links: Iterable[tuple[str, str]]) -> list[tuple[str, ...]]:
    """One cycle per strongly connected component that has one, from its smallest code along
    the smallest next code back to it; sorted."""
    succ: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(set(links)):
        succ[a].append(b)
        succ.setdefault(b, [])
    found: list[tuple[str, ...]] = []
    for component in _components(sorted(succ), succ):
        members = set(component)
        start = component[0]
        if len(component) == 1 and start not in succ[start]:
            continue
        # shortest way back to start inside the component (breadth first, smallest codes first)
        previous: dict[str, str] = {}
        frontier = [start]
        seen = {start}
        end = None
        while frontier and end is None:
            following = []
            for node in frontier:
                for nxt in succ[node]:
                    if nxt == start:
                        end = node
                        break
                    if nxt in members and nxt not in seen:
                        seen.add(nxt)
                        previous[nxt] = node
                        following.append(nxt)
                if end is not None:
                    break
            frontier = following
        assert end is not None
        walk = [end]
        while walk[-1] != start:
            walk.append(previous[walk[-1]])
        found.append((*reversed(walk), start))
    return sorted(found)
