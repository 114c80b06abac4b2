"""Helpers for the Neo4j tests: exact graphs and a stand-in for what Neo4j gives back."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from selaras.neo4j.export import node_triples, rdflib_graph
from selaras.neo4j.mapping import BLANK_KEY, RESOURCE, graph_mapping
from selaras.neo4j.rows import NodeRow
from selaras.read import read_triples


def exact_graph(*paths: Path | str) -> rdflib.Graph:
    """The graph of files, literals exactly as written."""
    return triples_graph(read_triples(list(paths)))


def triples_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib graph of pyoxigraph triples, literals exactly as they are."""
    return rdflib_graph(triples)


def triples_of(text: str) -> list[ox.Triple]:
    """The triples of Turtle text as parsed (no store: lexical forms kept)."""
    return [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    ]


def as_exported(rows: list[NodeRow]) -> rdflib.Graph:
    """What export makes of node rows, as if they had gone through Neo4j (no server)."""
    mapping = graph_mapping()
    blank = {row.iri for row in rows if row.props.get(BLANK_KEY)}
    graph = rdflib.Graph()
    for row in rows:
        record: dict[str, Any] = {
            "iri": row.iri,
            "labels": [RESOURCE, *row.labels],
            "props": row.props,
            "rels": [[t, o, o in blank] for t, o in row.rels],
        }
        for triple in node_triples(record, mapping):
            graph.add(triple)
    return graph


def assert_isomorphic(actual: rdflib.Graph, expected: rdflib.Graph) -> None:
    """Isomorphic graphs, or an assertion that shows the differing triples."""
    if isomorphic(actual, expected):
        return
    _both, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(only_actual)][:20]
    lines += [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(only_expected)][:20]
    raise AssertionError(
        f"graphs differ ({len(actual)} vs {len(expected)} triples):\n" + "\n".join(lines)
    )


def cascade_turtle(staff: int, seed: int) -> str:
    """A synthetic Kemenkeu-shaped cascade in Turtle with about ``staff`` positions.

    A stand-in for ``selaras.generate`` (being written on the examples branch) so the Neo4j
    tests have cascades of any size: units on six levels, strategy maps, SS with statements in
    two languages, cascades, IKU with targets (decimals, gYear), initiatives with dates, and
    one contract per holder. It is not meant to conform to every rule.
    """
    import random

    rnd = random.Random(seed)
    out = [
        "@prefix sel: <https://w3id.org/selaras/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix id: <https://w3id.org/selaras/id/> .",
    ]
    levels = ["Wide", "One", "Two", "Three", "Four", "Five"]
    kinds = ["Kementerian", "DirektoratJenderal", "Kanwil", "KPPN", "Seksi", "Pelaksana"]
    perspectives = [
        "StakeholderPerspective",
        "CustomerPerspective",
        "InternalProcessPerspective",
        "LearningGrowthPerspective",
    ]
    fan = [1, 2, 3, 4, 3]  # children per unit on the way down
    above = max(1, staff // 72)
    counts = [1, min(12, above), 0, 0, 0, 0]
    units: list[list[tuple[str, str | None, str | None]]] = [[("KEMENKEU", None, None)]]
    for depth in range(1, 6):
        level: list[tuple[str, str | None, str | None]] = []
        parents = units[depth - 1]
        target = staff if depth == 5 else max(1, len(parents) * fan[depth - 1])
        if depth == 1:
            target = counts[1]
        for i in range(target):
            parent, _p, parent_ss = parents[i % len(parents)]
            level.append(
                (f"{parent}-{i + 1}" if depth < 5 else f"{parent}-P{i + 1}", parent, parent_ss)
            )
        units.append(level)
        units[depth] = [(code, parent, f"SS-{parent}-1") for code, parent, _ in level]
    year = 2025
    for depth, level in enumerate(units):
        for code, parent, parent_ss in level:
            u = f"id:unit\\/{code}"
            cls = "sel:Position" if depth == 5 else "sel:Unit"
            out.append(
                f'{u} a {cls} ; sel:code "{code}" ;'
                f' rdfs:label "Unit {code}"@id , "Unit {code}"@en ;'
                f" sel:level sel:Kemenkeu{levels[depth]} ; sel:unitKind sel:{kinds[depth]}"
                + (f" ; sel:partOf id:unit\\/{parent} ." if parent else " .")
            )
            if depth <= 3:
                out.append(f"id:map\\/{code} a sel:StrategyMap ; sel:mapOf {u} .")
            n_ss = 2 if depth < 5 else 1
            iku_codes = []
            for k in range(1, n_ss + 1):
                ss = f"SS-{code}-{k}"
                ss_iri = f"id:ss\\/{ss}"
                p = perspectives[min(depth, 3) if k == 1 else rnd.randrange(4)]
                out.append(
                    f'{ss_iri} a sel:StrategicObjective ; sel:code "{ss}" ;'
                    f' sel:statement "Layanan {code} yang andal"@id ,'
                    f' "Reliable {code} service"@en ;'
                    f' sel:belongsTo {u} ; sel:year "{year}"^^xsd:gYear ; sel:perspective sel:{p}'
                    + (
                        f" ; sel:cascadesFrom id:ss\\/{parent_ss} ;"
                        " sel:cascading sel:IndirectCascading ."
                        if parent_ss and k == 1
                        else " ."
                    )
                )
                iku = f"IKU-{code}-{k}"
                iku_codes.append(iku)
                value = rnd.choice(["100", "92.5", "87.25", "1000000", "0.75"])
                out.append(
                    f'id:iku\\/{iku} a sel:KeyPerformanceIndicator ; sel:code "{iku}" ;'
                    f' rdfs:label "Persentase {code}"@id ; sel:measures {ss_iri} ;'
                    f" sel:belongsTo {u} ;"
                    f' sel:year "{year}"^^xsd:gYear ; sel:measureUnit "persen" ;'
                    f" sel:polarity sel:{rnd.choice(['Maximize', 'Minimize', 'Stabilize'])} ;"
                    f" sel:consolidation sel:LastValueConsolidation ;"
                    f" sel:validity sel:{rnd.choice(['ExactValidity', 'ProxyValidity'])} ;"
                    f" sel:control sel:ModerateControl ; sel:cascading sel:NonCascading ;"
                    f" sel:hasTarget id:target\\/{iku}\\/{year} , id:target\\/{iku}\\/{year}-Q1 ."
                )
                for period in (str(year), f"{year}-Q1"):
                    out.append(
                        f'id:target\\/{iku}\\/{period} a sel:PeriodTarget ; sel:period "{period}" ;'
                        f' sel:targetValue "{value}"^^xsd:decimal ;'
                        f' sel:realisation "{rnd.randrange(0, 12000) / 100}"^^xsd:decimal .'
                    )
            if depth <= 2:
                out.append(
                    f'id:is\\/IS-{code} a sel:StrategicInitiative ; sel:code "IS-{code}" ;'
                    f' rdfs:label "Inisiatif {code}"@id ; sel:drives id:iku\\/{iku_codes[0]} ;'
                    f" sel:belongsTo {u} ;"
                    f' sel:deadline "{year}-{rnd.randrange(1, 13):02d}-28"^^xsd:date ;'
                    f' sel:status "berjalan" .'
                )
            includes = " , ".join(
                [f"id:ss\\/SS-{code}-{k}" for k in range(1, n_ss + 1)]
                + [f"id:iku\\/{c}" for c in iku_codes]
            )
            out.append(
                f"id:contract\\/{code}\\/{year} a sel:PerformanceContract ; sel:holder {u} ;"
                f' sel:year "{year}"^^xsd:gYear ; sel:includes {includes} .'
            )
    return "\n".join(out) + "\n"


def graph_state(driver: Any, database: str = "neo4j") -> tuple[list[Any], list[Any]]:
    """Every node (IRI, labels, properties) and relationship of the database, sorted."""

    def work(tx: Any) -> tuple[list[Any], list[Any]]:
        nodes = sorted(
            (
                r["iri"] or "",
                sorted(r["labels"]),
                sorted((k, repr(v)) for k, v in r["props"].items()),
            )
            for r in tx.run(
                "MATCH (n) RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props"
            )
        )
        rels = sorted(
            (r["s"], r["t"], r["o"])
            for r in tx.run("MATCH (s)-[r]->(o) RETURN s.iri AS s, type(r) AS t, o.iri AS o")
        )
        return nodes, rels

    with driver.session(database=database) as session:
        return session.execute_read(work)  # type: ignore[no-any-return]


def count(driver: Any, query: str, database: str = "neo4j", **params: Any) -> int:
    """The single number a counting query returns."""
    records, _summary, _keys = driver.execute_query(query, params, database_=database)
    return int(records[0][0])
