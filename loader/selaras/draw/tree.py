"""The cascade below an SS or IKU, read level by level from the embedded store.

One step down from an SS is an SS that cascades from it (``sel:cascadesFrom``) or an IKU that
measures it (``sel:measures``); one step down from an IKU is an IKU that cascades from it: the
steps of the ``cascade`` analysis. Each node is kept once, at its smallest depth; an edge to a
node already kept is drawn too. The ``misaligned`` and ``orphans`` analyses say which nodes to
highlight and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from selaras.analyses import run_analysis
from selaras.analyses.sparql import literal, select, with_ontology
from selaras.draw.model import (
    NODE_CLASSES,
    PREFIXES,
    CascadeTree,
    Edge,
    Node,
    TooLargeError,
    closest,
    codes,
    pick,
)
from selaras.read import Dataset

#: More nodes than this make a tree nobody can read on a screen or a page.
MAX_NODES = 300


def _iris(nodes: Iterable[str]) -> str:
    return " ".join(str(ox.NamedNode(n)) for n in sorted(nodes))


def cascade_tree(
    dataset: Dataset,
    start: str,
    *,
    depth: int = 6,
    max_nodes: int = MAX_NODES,
    lang: str = "en",
    highlight: bool = True,
) -> CascadeTree:
    """The tree below the SS or IKU with code ``start``, ``depth`` steps down at most.

    Raises DatasetError for an unknown code (naming the closest SS and IKU codes) and
    TooLargeError when more than ``max_nodes`` nodes lie within ``depth`` (the message says
    which depth fits). ``highlight`` runs the misaligned and orphans analyses.
    """
    with with_ontology(dataset.store) as store:
        _, rows = select(
            store,
            PREFIXES
            + f"""SELECT DISTINCT ?n WHERE {{
              ?n sel:code {literal(start)} ; a ?t FILTER(?t IN ({NODE_CLASSES}) && isIRI(?n))
            }}""",
        )
        if not rows:
            raise closest("SS or IKU", start, codes(store, NODE_CLASSES))
        depth_of = {str(r[0]): 0 for r in rows}
        frontier = sorted(depth_of)
        counts = [len(frontier)]
        links: set[tuple[str, str, str]] = set()
        for level in range(1, depth + 1):
            if not frontier:
                break
            _, rows = select(
                store,
                PREFIXES
                + f"""SELECT DISTINCT ?p ?n ?rel ?kind WHERE {{
                  VALUES ?p {{ {_iris(frontier)} }}
                  {{ ?n sel:cascadesFrom ?p . BIND("cascade" AS ?rel) }}
                  UNION {{ ?n sel:measures ?p . BIND("measures" AS ?rel) }}
                  ?n a ?t FILTER(?t IN ({NODE_CLASSES}) && isIRI(?n))
                  OPTIONAL {{ ?n sel:cascading/skos:notation ?kind }}
                }}""",
            )
            found: set[str] = set()
            for parent, child, rel, kind in rows:
                assert parent is not None and child is not None
                links.add((parent, child, "measures" if rel == "measures" else kind or "?"))
                if child not in depth_of:
                    found.add(child)
            for child in found:
                depth_of[child] = level
            frontier = sorted(found)
            if frontier:
                counts.append(len(frontier))
            if len(depth_of) > max_nodes:
                raise TooLargeError(_too_large(start, depth, level, counts, max_nodes))
        nodes = _describe(store, depth_of, lang)
    reasons = _reasons(dataset, set(nodes.values())) if highlight else {}
    tree_nodes = tuple(
        Node(
            key=iri,
            code=code,
            kind=kind,
            label=label,
            unit=unit,
            level=unit_level,
            depth=depth_of[iri],
            reasons=tuple(reasons.get(code, ())),
        )
        for iri, (code, kind, label, unit, unit_level) in sorted(
            nodes.items(), key=lambda item: (depth_of[item[0]], item[1][0])
        )
    )
    edges = sorted(
        {Edge(p, c, kind) for p, c, kind in links if p in nodes and c in nodes and p != c},
        key=lambda e: (nodes[e.parent][0], nodes[e.child][0], e.kind, e.parent, e.child),
    )
    return CascadeTree(
        start=start, depth=depth, nodes=tree_nodes, edges=tuple(edges), counts=tuple(counts)
    )


def _too_large(start: str, depth: int, level: int, counts: list[int], max_nodes: int) -> str:
    total = 0
    fits = 0
    for d, count in enumerate(counts):
        total += count
        if total <= max_nodes:
            fits = d
    shown = ", ".join(f"depth {d}: {c:,}" for d, c in enumerate(counts))
    advice = f"draw --depth {fits} ({sum(counts[: fits + 1]):,} nodes)" if fits else "start lower"
    return (
        f"the cascade below {start} holds more than {max_nodes:,} nodes within depth "
        f"{min(depth, level)} ({shown}), more than a readable picture holds: {advice}, start "
        "lower with --from, or raise --max-nodes"
    )


def _describe(
    store: ox.Store, depth_of: dict[str, int], lang: str
) -> dict[str, tuple[str, str, str, str, str]]:
    """IRI -> (code, kind, label, unit code, level notation) of every node."""
    _, rows = select(
        store,
        PREFIXES
        + f"""SELECT ?n ?code ?t ?label (LANG(?label) AS ?tag) ?unit ?level WHERE {{
          VALUES ?n {{ {_iris(depth_of)} }}
          ?n a ?t FILTER(?t IN ({NODE_CLASSES}))
          OPTIONAL {{ ?n sel:code ?code }}
          OPTIONAL {{ ?n sel:statement|rdfs:label ?label }}
          OPTIONAL {{ ?n sel:belongsTo ?u . OPTIONAL {{ ?u sel:code ?unit }}
                      OPTIONAL {{ ?u sel:level/skos:notation ?level }} }}
        }}""",
    )
    parts: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    for n, code, kind, label, tag, unit, level in rows:
        assert n is not None
        entry = parts[n]
        entry["code"].add((code or n, ""))
        entry["kind"].add(("SS" if kind and kind.endswith("StrategicObjective") else "IKU", ""))
        if label is not None:
            entry["label"].add((label, tag or ""))
        if unit is not None:
            entry["unit"].add((unit, ""))
        if level is not None:
            entry["level"].add((level, ""))
    described: dict[str, tuple[str, str, str, str, str]] = {}
    for n, entry in parts.items():
        described[n] = (
            min(entry["code"])[0],
            min(entry["kind"])[0],
            pick(sorted(entry["label"]), lang),
            ", ".join(sorted(u for u, _ in entry["unit"])),
            ", ".join(sorted(lv for lv, _ in entry["level"])),
        )
    return described


def _reasons(dataset: Dataset, shown: set[tuple[str, str, str, str, str]]) -> dict[str, list[str]]:
    """Code -> what the misaligned and orphans analyses say of it, for the nodes shown."""
    wanted = {code for code, *_ in shown}
    reasons: dict[str, list[str]] = defaultdict(list)
    for row in run_analysis("misaligned", dataset=dataset).rows:
        code, _unit, source, reason = row
        if code in wanted:
            reasons[str(code)].append(
                f"misaligned: {reason}" + (f" (from {source})" if source else "")
            )
    for row in run_analysis("orphans", dataset=dataset).rows:
        code, _unit, _level, kind = row
        if code in wanted:
            reasons[str(code)].append(f"orphan: {kind}")
    return reasons
