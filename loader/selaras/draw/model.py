"""What a picture shows, read from the dataset by SPARQL on the embedded store.

:func:`read_map` reads one unit's map (its SS by perspective, their cause-effect links, the
SS they cascade from); :func:`cascade` walks down from an SS or IKU level by level (SS cascading,
the IKU measuring each SS, IKU cascading) and marks what the ``misaligned`` and ``orphans``
analyses say about each node. Values are the literals as the store holds them; nothing is
rewritten. Codes are bound into the queries as literals pyoxigraph serialises (escaped), IRIs as
pyoxigraph prints them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from selaras.analyses.sparql import literal, select, with_ontology
from selaras.errors import DatasetError, SelarasError
from selaras.read import Dataset

PREFIXES = """
PREFIX sel: <https://w3id.org/selaras/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@dataclass(frozen=True, order=True)
class Perspective:
    """A band of the map: its rank (1 = Stakeholder, the top), notation and label."""

    rank: int
    notation: str
    label: str


@dataclass(frozen=True)
class Objective:
    """One SS on a map. ``node`` is its IRI (two SS may share a code in broken data),
    ``source`` the code of the SS it cascades from (None: formulated by the unit itself),
    ``cascading`` the notation of its cascading type."""

    node: str
    code: str
    statement: str
    perspective: int | None
    source: str | None = None
    cascading: str | None = None

    @property
    def cascaded(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class StrategyMap:
    """A unit's strategy map as the data states it."""

    unit: str
    unit_label: str
    level: str
    map_label: str
    years: tuple[str, ...]
    perspectives: tuple[Perspective, ...]
    objectives: tuple[Objective, ...]
    links: tuple[tuple[str, str], ...]  # (cause IRI, effect IRI), in code order

    def code(self, node: str) -> str:
        """The code of the SS ``node`` (its IRI)."""
        return next(ss.code for ss in self.objectives if ss.node == node)


@dataclass(frozen=True)
class Node:
    """A node of a cascade tree: an SS or an IKU (``key``: its IRI) with its unit and the
    unit's level."""

    key: str
    code: str
    kind: str  # "SS" or "IKU"
    label: str
    unit: str
    level: str
    depth: int
    reasons: tuple[str, ...] = ()  # misaligned / orphan reasons, e.g. "misaligned: cycle"


@dataclass(frozen=True)
class Edge:
    """``parent`` -> ``child`` (the nodes' keys); ``kind`` is the child's cascading notation
    (direct, indirect, full, partial, none) or ``measures`` for an IKU measuring an SS."""

    parent: str
    child: str
    kind: str


@dataclass(frozen=True)
class CascadeTree:
    """The nodes below ``start`` (by depth, then code) and the edges among them."""

    start: str
    depth: int  # the depth asked for
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    counts: tuple[int, ...] = field(default=())  # nodes at each depth 0, 1, ...


class TooLargeError(SelarasError):
    """The picture would hold more nodes than can be read."""


@dataclass
class _Gathered:
    """The rows of one SS (one per combination of its optional values), gathered."""

    node: str
    code: str
    statements: set[tuple[str, str]] = field(default_factory=set)
    ranks: set[int] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    cascading: set[str] = field(default_factory=set)

    def add(
        self,
        statement: str | None,
        tag: str | None,
        rank: str | None,
        source: str | None,
        cascading: str | None,
    ) -> None:
        if statement is not None:
            self.statements.add((statement, tag or ""))
        if rank is not None:
            self.ranks.add(int(rank))
        if source is not None:
            self.sources.add(source)
        if cascading is not None:
            self.cascading.add(cascading)

    def objective(self, lang: str) -> Objective:
        return Objective(
            node=self.node,
            code=self.code,
            statement=pick(sorted(self.statements), lang),
            perspective=min(self.ranks) if self.ranks else None,
            source=", ".join(sorted(self.sources)) or None,
            cascading=", ".join(sorted(self.cascading)) or None,
        )


def pick(options: Sequence[tuple[str, str]], lang: str) -> str:
    """The text in ``lang``, else Indonesian, else untagged, else the first: as written."""
    for wanted in (lang, "id", ""):
        for text, tag in options:
            if tag.lower() == wanted:
                return text
    return sorted(options)[0][0] if options else ""


def closest(kind: str, code: str, valid: Sequence[str]) -> SelarasError:
    close = difflib.get_close_matches(code, valid, n=5, cutoff=0.5)
    hint = f"; closest: {', '.join(close)}" if close else f"; e.g. {', '.join(sorted(valid)[:5])}"
    if not valid:
        hint = "; the dataset has none"
    return DatasetError(f"no {kind} has code {code!r}{hint}")


def codes(store: ox.Store, classes: str) -> list[str]:
    _, rows = select(
        store,
        PREFIXES
        + f"SELECT DISTINCT ?code WHERE {{ ?n sel:code ?code ; a ?t FILTER(?t IN ({classes})) }}",
    )
    return sorted(str(r[0]) for r in rows if r[0] is not None)


UNIT_CLASSES = "sel:Unit, sel:Position"
NODE_CLASSES = "sel:StrategicObjective, sel:KeyPerformanceIndicator"


def perspectives(store: ox.Store, lang: str) -> tuple[Perspective, ...]:
    """The ontology's perspectives in rank order (run inside :func:`with_ontology`)."""
    _, rows = select(
        store,
        PREFIXES
        + """SELECT ?p ?rank ?notation ?label (LANG(?label) AS ?tag) WHERE {
          ?p a sel:Perspective ; sel:rank ?rank ; skos:notation ?notation .
          OPTIONAL { ?p skos:prefLabel ?label }
        }""",
    )
    found: dict[str, tuple[int, str, list[tuple[str, str]]]] = {}
    for iri, rank, notation, label, tag in rows:
        assert iri is not None and rank is not None and notation is not None
        entry = found.setdefault(iri, (int(rank), notation, []))
        if label is not None:
            entry[2].append((label, tag or ""))
    return tuple(
        sorted(
            Perspective(rank, notation, pick(labels, lang) or notation)
            for rank, notation, labels in found.values()
        )
    )


def read_map(dataset: Dataset, unit: str, *, lang: str = "en") -> StrategyMap:
    """The strategy map of the unit with code ``unit``.

    Raises DatasetError for an unknown code (naming the closest unit codes) and for a unit that
    holds no strategy map.
    """
    with with_ontology(dataset.store) as store:
        return map_in(store, unit, lang=lang)


def holder_maps(
    dataset: Dataset, units: Iterable[str], *, lang: str = "en"
) -> Iterator[StrategyMap]:
    """The strategy map of each of ``units`` (codes, in their order) that holds one, read with
    the ontology added once for all; a unit whose map cannot be read (a code two units share)
    is left out. For the pages that show many maps (the reports, the scorecard)."""
    with with_ontology(dataset.store) as store:  # once: adding the ontology is not free
        holders = map_holders(store)
        for unit in units:
            if unit not in holders:
                continue
            try:
                yield map_in(store, unit, lang=lang)
            except DatasetError:
                continue


def map_holders(store: ox.Store) -> set[str]:
    """The codes of the units a strategy map is ``sel:mapOf``."""
    _, rows = select(
        store,
        PREFIXES
        + f"""SELECT DISTINCT ?code WHERE {{
          ?map sel:mapOf ?u . ?u sel:code ?code ; a ?t FILTER(?t IN ({UNIT_CLASSES}))
        }}""",
    )
    return {str(r[0]) for r in rows}


def map_in(store: ox.Store, unit: str, *, lang: str = "en") -> StrategyMap:
    """:func:`read_map` on a store that holds the ontology too (inside :func:`with_ontology`,
    which is worth entering once for many maps)."""
    code = literal(unit)
    _, units = select(
        store,
        PREFIXES
        + f"""SELECT ?u ?label (LANG(?label) AS ?tag) ?map ?mapLabel
               (LANG(?mapLabel) AS ?mapTag) ?level (LANG(?level) AS ?levelTag) WHERE {{
          VALUES ?code {{ {code} }}
          ?u sel:code ?code ; a ?t FILTER(?t IN ({UNIT_CLASSES}))
          OPTIONAL {{ ?u rdfs:label ?label }}
          OPTIONAL {{ ?u sel:level/skos:prefLabel ?level }}
          OPTIONAL {{ ?map sel:mapOf ?u . OPTIONAL {{ ?map rdfs:label ?mapLabel }} }}
        }}""",
    )
    if not units:
        raise closest("unit", unit, codes(store, UNIT_CLASSES))
    if not any(row[3] is not None for row in units):
        raise DatasetError(
            f"unit {unit!r} holds no strategy map (no sel:StrategyMap is sel:mapOf it): only "
            "map-holding units have one; its SS come by cascading, see `selaras draw cascade`"
        )
    labels = sorted({(r[1], r[2] or "") for r in units if r[1] is not None})
    map_labels = sorted({(r[4], r[5] or "") for r in units if r[4] is not None})
    levels = sorted({(r[6], r[7] or "") for r in units if r[6] is not None})
    bands = perspectives(store, lang)
    _, rows = select(
        store,
        PREFIXES
        + f"""SELECT ?s ?scode ?statement (LANG(?statement) AS ?tag) ?rank ?year ?source
               ?cascading WHERE {{
          VALUES ?code {{ {code} }}
          ?u sel:code ?code ; a ?t FILTER(?t IN ({UNIT_CLASSES}))
          ?s a sel:StrategicObjective ; sel:belongsTo ?u .
          OPTIONAL {{ ?s sel:code ?scode }}
          OPTIONAL {{ ?s sel:statement ?statement }}
          OPTIONAL {{ ?s sel:perspective/sel:rank ?rank }}
          OPTIONAL {{ ?s sel:year ?year }}
          OPTIONAL {{ ?s sel:cascadesFrom/sel:code ?source }}
          OPTIONAL {{ ?s sel:cascading/skos:notation ?cascading }}
        }}""",
    )
    _, link_rows = select(
        store,
        PREFIXES
        + f"""SELECT DISTINCT ?a ?b WHERE {{
          VALUES ?code {{ {code} }}
          ?u sel:code ?code ; a ?t FILTER(?t IN ({UNIT_CLASSES}))
          ?a a sel:StrategicObjective ; sel:belongsTo ?u ; sel:causes ?b .
          ?b a sel:StrategicObjective ; sel:belongsTo ?u .
        }}""",
    )
    found: dict[str, _Gathered] = {}
    years: set[str] = set()
    for s, scode, statement, tag, rank, year, source, cascading in rows:
        assert s is not None
        entry = found.setdefault(s, _Gathered(s, scode or s))
        entry.add(statement, tag, rank, source, cascading)
        if year is not None:
            years.add(year)
    objectives = [entry.objective(lang) for entry in found.values()]
    return StrategyMap(
        unit=unit,
        unit_label=pick(labels, lang) or unit,
        level=pick(levels, lang),
        map_label=pick(map_labels, lang),
        years=tuple(sorted(years)),
        perspectives=bands,
        objectives=tuple(sorted(objectives, key=lambda o: o.code)),
        links=tuple(
            sorted(
                {(str(a), str(b)) for a, b in link_rows if a in found and b in found},
                key=lambda link: (found[link[0]].code, found[link[1]].code, link),
            )
        ),
    )
