"""The analyses on generated cascades (selaras.generate) with planted defects, embedded engine.

misaligned and unmeasured must list exactly what the defects manifest implies; unlinked,
cascade and coverage's staff are checked against plain-Python walks (tests/analyses_oracle.py);
line-of-sight must be the reverse of cascade.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pyoxigraph as ox
import pytest

import analyses_oracle as oracle
from analyses_helpers import MISALIGNED_REASONS
from selaras.analyses import QueryResult, run_analysis
from selaras.generate import GeneratedCascade, generate_cascade
from selaras.read import Dataset

#: rule id of the catalogue -> the misaligned reason / orphan kind that reports the same thing
RULE_REASONS = {**MISALIGNED_REASONS, "SS-MEASURED": "unmeasured"}
SEEDS = (1, 2)


@cache
def cascade_of(seed: int) -> tuple[GeneratedCascade, Dataset, oracle.Graph]:
    generated = generate_cascade(staff=240, seed=seed, defect_rate=0.04)
    dataset = generated.to_dataset()
    graph = oracle.graph_of(q.triple for q in dataset.store)
    return generated, dataset, graph


def run(seed: int, name: str, **params: str) -> QueryResult:
    return run_analysis(name, dataset=cascade_of(seed)[1], params=params)


def expected_from_manifest(
    generated: GeneratedCascade, reasons: set[str]
) -> Counter[tuple[str | None, str]]:
    return Counter(
        (entry.focus_code or None, RULE_REASONS[entry.rule_id])
        for entry in generated.manifest
        if RULE_REASONS.get(entry.rule_id) in reasons
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_misaligned_is_exactly_what_was_planted(seed: int) -> None:
    generated = cascade_of(seed)[0]
    reasons = {"cross-branch", "perspective-lowered", "direct-to-many", "year-mismatch",
               "origin-without-map", "cycle", "iku-cross-branch", "iku-not-following-ss",
               "full-cascade-changed"}  # fmt: skip
    expected = expected_from_manifest(generated, reasons)
    assert set(reason for _, reason in expected) == reasons  # every reason was planted
    rows = run(seed, "misaligned").rows
    assert Counter((code, reason) for code, _unit, _source, reason in rows) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_unmeasured_is_exactly_what_was_planted_and_unlinked_what_a_walk_finds(seed: int) -> None:
    generated, _, graph = cascade_of(seed)
    rows = run(seed, "orphans").rows
    unmeasured = Counter((code, kind) for code, _u, _l, kind in rows if kind == "unmeasured")
    assert unmeasured == expected_from_manifest(generated, {"unmeasured"})
    unlinked = sorted(str(code or "") for code, _u, _l, kind in rows if kind == "unlinked")
    assert unlinked == oracle.unlinked(graph)
    assert unlinked  # the planted cycles and origins cut SS off the ministry


def _codes_or_none(codes: list[str]) -> list[str | None]:
    return [*codes] if codes else [None]


@pytest.mark.parametrize("seed", SEEDS)
def test_cascade_matches_a_breadth_first_walk(seed: int) -> None:
    _, _, graph = cascade_of(seed)
    walk = oracle.cascade(graph, oracle.wide_ss(graph))
    expected: list[tuple[str | None, int, str | None]] = [
        (code, depth, parent)
        for node, (depth, parent) in walk.items()
        for code in _codes_or_none(graph.code[node])
    ]
    rows = run(seed, "cascade").rows
    assert sorted(((r[0], r[4], r[5]) for r in rows), key=str) == sorted(expected, key=str)
    depths = [int(str(r[4])) for r in rows]
    assert depths == sorted(depths)  # sorted by depth


@pytest.mark.parametrize("seed", SEEDS)
def test_line_of_sight_is_the_reverse_of_cascade(seed: int) -> None:
    _, _, graph = cascade_of(seed)
    counts = Counter(c for codes in graph.code.values() for c in codes)
    staff_iku = [
        codes[0]
        for node, codes in sorted(graph.code.items())
        if oracle.SEL + "KeyPerformanceIndicator" in graph.types[node]
        and len(codes) == 1
        and counts[codes[0]] == 1
        and any(lv.endswith("KemenkeuFive") for u in graph.owner[node] for lv in graph.level[u])
    ]
    assert staff_iku
    for code in staff_iku[:: max(1, len(staff_iku) // 4)][:4]:
        above = run(seed, "line-of-sight", **{"from": code}).rows
        assert above[0][:1] == (code,) and above[0][4] == 0
        for upper, _kind, _unit, _level, depth in above:
            if not isinstance(upper, str) or counts[upper] != 1:
                continue
            below = {r[0]: r[4] for r in run(seed, "cascade", **{"from": upper}).rows}
            assert below[code] == depth


@pytest.mark.parametrize("seed", SEEDS)
def test_coverage_counts(seed: int) -> None:
    _, _, graph = cascade_of(seed)
    staff = oracle.staff_reached(graph)
    rows = run(seed, "coverage").rows
    units = [u for u in graph.of("Unit") if oracle.SEL + "Position" not in graph.types[u]]
    assert len(rows) == sum(len(graph.code[u]) or 1 for u in units)
    by_code = {graph.code[u][0]: u for u in units if len(graph.code[u]) == 1}
    checked = 0
    for unit, _level, ss, iku, measured, cascaded, reached in rows:
        node = by_code.get(str(unit))
        if node is None:
            continue
        objectives = [s for s in graph.of("StrategicObjective") if node in graph.owner[s]]
        assert ss == len(objectives)
        assert iku == len(
            [i for i in graph.of("KeyPerformanceIndicator") if node in graph.owner[i]]
        )
        if ss:
            assert measured == round(sum(s in graph.measured for s in objectives) / ss, 4)
            assert cascaded == round(sum(s in graph.received for s in objectives) / ss, 4)
        else:
            assert measured is None and cascaded is None
        assert reached == staff.get(node, 0)
        checked += 1
    assert checked > 50


def test_results_do_not_depend_on_the_store_holding_the_ontology() -> None:
    _, dataset, _ = cascade_of(1)
    before = len(dataset)
    first = run(1, "strategy-map")
    assert len(dataset) == before  # the ontology's triples are taken out again
    assert first.rows and all(r[0] is not None for r in first.rows)
    assert not any(True for _ in dataset.store.named_graphs())
    assert isinstance(dataset.store, ox.Store)


def test_ontology_triples_the_data_holds_stay() -> None:
    from selaras import resources
    from selaras.read import parse_file

    dataset = generate_cascade(staff=24, seed=5).to_dataset()
    concepts = [p for p in resources.ontology_paths() if p.name == "concepts.ttl"]
    dataset.add_triples(parse_file(concepts[0]))
    before = len(dataset)
    assert run_analysis("strategy-map", dataset=dataset).rows
    assert len(dataset) == before
