"""Independent answers to some analyses, computed in plain Python from the triples.

The tests compare the engines against these on generated cascades: breadth-first walks over
dictionaries, nothing shared with the query files.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

SEL = "https://w3id.org/selaras/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LEVELS = {
    SEL + "KemenkeuWide": "Wide",
    SEL + "KemenkeuOne": "One",
    SEL + "KemenkeuTwo": "Two",
    SEL + "KemenkeuThree": "Three",
    SEL + "KemenkeuFour": "Four",
    SEL + "KemenkeuFive": "Five",
}


@dataclass
class Graph:
    """The few relations the analyses use, as dictionaries of IRIs."""

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    code: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    owner: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    level: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    up: dict[str, set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )  # cascadesFrom|measures
    down: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    source: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # cascadesFrom
    measured: set[str] = field(default_factory=set)
    received: set[str] = field(default_factory=set)
    holder: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    includes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def of(self, kind: str) -> list[str]:
        return sorted(n for n, t in self.types.items() if SEL + kind in t)


def graph_of(triples: Iterable[ox.Triple]) -> Graph:
    g = Graph()
    for t in triples:
        subject, p, o = t.subject, t.predicate.value, t.object
        assert not isinstance(subject, ox.Triple) and not isinstance(o, ox.Triple)
        s = subject.value
        value = o.value
        if p == RDF_TYPE:
            g.types[s].add(value)
        elif p == SEL + "code":
            g.code[s].append(value)
        elif p == SEL + "belongsTo":
            g.owner[s].append(value)
        elif p == SEL + "level" and isinstance(o, ox.NamedNode):
            g.level[s].append(value)
        elif p in (SEL + "cascadesFrom", SEL + "measures") and isinstance(o, ox.NamedNode):
            g.up[s].add(value)
            g.down[value].add(s)
            if p == SEL + "cascadesFrom":
                g.source[s].add(value)
                g.received.add(value)
            else:
                g.measured.add(value)
        elif p == SEL + "holder":
            g.holder[s].add(value)
        elif p == SEL + "includes":
            g.includes[s].add(value)
    return g


def wide_ss(g: Graph) -> set[str]:
    return {
        s
        for s in g.of("StrategicObjective")
        if any(LEVELS.get(lv) == "Wide" for u in g.owner[s] for lv in g.level[u])
    }


def unlinked(g: Graph) -> list[str]:
    """Codes of SS from which no chain of cascadesFrom reaches a Wide SS."""
    linked = set(wide_ss(g))
    queue = deque(linked)
    below: dict[str, set[str]] = defaultdict(set)
    for s, sources in g.source.items():
        for src in sources:
            below[src].add(s)
    while queue:
        node = queue.popleft()
        for child in below[node]:
            if child not in linked:
                linked.add(child)
                queue.append(child)
    return sorted(
        c for s in g.of("StrategicObjective") if s not in linked for c in g.code[s] or [""]
    )


def cascade(g: Graph, starts: Iterable[str], bound: int = 12) -> dict[str, tuple[int, str | None]]:
    """Node -> (shortest depth, smallest code one step up on a shortest way) below ``starts``."""
    depth = {s: 0 for s in starts}
    frontier = sorted(depth)
    for d in range(1, bound + 1):
        nxt: set[str] = set()
        for node in frontier:
            for child in g.down[node]:
                if child not in depth:
                    nxt.add(child)
        for child in nxt:
            depth[child] = d
        frontier = sorted(nxt)
    out: dict[str, tuple[int, str | None]] = {}
    for node, d in depth.items():
        if d == 0:
            out[node] = (0, None)
            continue
        ups = [p for p in g.up[node] if depth.get(p) == d - 1]
        codes = sorted(c for p in ups for c in (g.code[p] or [""]))
        out[node] = (d, codes[0] or None)
    return out


def staff_reached(g: Graph) -> dict[str, int]:
    """Unit -> number of positions whose contract includes something below the unit's SS."""
    reached: dict[str, set[str]] = defaultdict(set)
    positions = set(g.of("Position"))
    for contract, holders in g.holder.items():
        for person in holders & positions:
            for item in g.includes[contract]:
                seen = {item}
                queue = deque([item])
                while queue:
                    node = queue.popleft()
                    for up in g.up[node]:
                        if up not in seen:
                            seen.add(up)
                            queue.append(up)
                for node in seen:
                    if SEL + "StrategicObjective" in g.types[node]:
                        for unit in g.owner[node]:
                            reached[unit].add(person)
    return {unit: len(people) for unit, people in reached.items()}
