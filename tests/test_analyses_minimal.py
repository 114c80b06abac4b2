"""Every analysis on hand-made minimal graphs (tests/data/analyses/), expected rows written out.

Each case runs on the embedded engine (SPARQL, no server) and, marked ``neo4j``, on a real
Neo4j after loading the same file: both must give exactly these rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from analyses_helpers import embedded, load_into_neo4j, on_neo4j

DATA = Path(__file__).resolve().parent / "data" / "analyses"
N = None

# (file, analysis, params, expected rows in the result's order)
CASES: list[tuple[str, str, dict[str, str], list[tuple[Any, ...]]]] = [
    (
        "chain.ttl",
        "cascade",
        {},
        [
            ("W-SS1", "SS", "KEMENKEU", "Wide", 0, N),
            ("W-SS2", "SS", "KEMENKEU", "Wide", 0, N),
            ("DJPB-SS1", "SS", "DJPB", "One", 1, "W-SS1"),
            ("W-IKU1", "IKU", "KEMENKEU", "Wide", 1, "W-SS1"),
            ("W-IKU2", "IKU", "KEMENKEU", "Wide", 1, "W-SS2"),
            # reached from DJPB-SS1 (measures) and W-IKU1 (cascades): the smaller code
            ("DJPB-IKU1", "IKU", "DJPB", "One", 2, "DJPB-SS1"),
            ("DJPB-IKU2", "IKU", "DJPB", "One", 2, "DJPB-SS1"),
            ("KANWIL-SS1", "SS", "KANWIL", "Two", 2, "DJPB-SS1"),
            ("KANWIL-IKU1", "IKU", "KANWIL", "Two", 3, "DJPB-IKU1"),
            ("KPPN-SS1", "SS", "KPPN", "Three", 3, "KANWIL-SS1"),
            ("KPPN-IKU1", "IKU", "KPPN", "Three", 4, "KANWIL-IKU1"),
            ("SEKSI-SS1", "SS", "SEKSI", "Four", 4, "KPPN-SS1"),
            ("SEKSI-IKU1", "IKU", "SEKSI", "Four", 5, "KPPN-IKU1"),
            ("STAFF-SS1", "SS", "STAFF", "Five", 5, "SEKSI-SS1"),
            ("STAFF-IKU1", "IKU", "STAFF", "Five", 6, "SEKSI-IKU1"),
        ],
    ),
    (
        "chain.ttl",
        "cascade",
        {"from": "KANWIL-IKU1"},
        [
            ("KANWIL-IKU1", "IKU", "KANWIL", "Two", 0, N),
            ("KPPN-IKU1", "IKU", "KPPN", "Three", 1, "KANWIL-IKU1"),
            ("SEKSI-IKU1", "IKU", "SEKSI", "Four", 2, "KPPN-IKU1"),
            ("STAFF-IKU1", "IKU", "STAFF", "Five", 3, "SEKSI-IKU1"),
        ],
    ),
    (
        "orphans.ttl",
        "cascade",
        {},
        [
            ("W-SS1", "SS", "KEMENKEU", "Wide", 0, N),
            ("DJPB-SS1", "SS", "DJPB", "One", 1, "W-SS1"),
            ("NO-UNIT-SS1", "SS", N, N, 1, "W-SS1"),
            ("W-IKU1", "IKU", N, N, 1, "W-SS1"),
            ("DJPB-IKU1", "IKU", N, N, 2, "DJPB-SS1"),
            ("KANWIL-SS1", "SS", "KANWIL", "Two", 2, "DJPB-SS1"),
            ("NO-UNIT-IKU1", "IKU", N, N, 2, "NO-UNIT-SS1"),
        ],
    ),
    (
        "misaligned.ttl",
        "cascade",
        {"from": "DJP-SS2"},
        # a cycle: each is listed once, at its shortest depth
        [("DJP-SS2", "SS", "DJP", "One", 0, N), ("DJP-SS3", "SS", "DJP", "One", 1, "DJP-SS2")],
    ),
    (
        "chain.ttl",
        "line-of-sight",
        {"from": "STAFF-IKU1"},
        [
            ("STAFF-IKU1", "IKU", "STAFF", "Five", 0),
            ("SEKSI-IKU1", "IKU", "SEKSI", "Four", 1),
            ("STAFF-SS1", "SS", "STAFF", "Five", 1),
            ("KPPN-IKU1", "IKU", "KPPN", "Three", 2),
            ("SEKSI-SS1", "SS", "SEKSI", "Four", 2),
            ("KANWIL-IKU1", "IKU", "KANWIL", "Two", 3),
            ("KPPN-SS1", "SS", "KPPN", "Three", 3),
            ("DJPB-IKU1", "IKU", "DJPB", "One", 4),
            ("KANWIL-SS1", "SS", "KANWIL", "Two", 4),
            ("DJPB-SS1", "SS", "DJPB", "One", 5),
            ("W-IKU1", "IKU", "KEMENKEU", "Wide", 5),
            ("W-SS1", "SS", "KEMENKEU", "Wide", 6),
        ],
    ),
    (
        "chain.ttl",
        "line-of-sight",
        {"from": "DJPB-IKU2"},
        [
            ("DJPB-IKU2", "IKU", "DJPB", "One", 0),
            ("DJPB-SS1", "SS", "DJPB", "One", 1),
            ("W-SS1", "SS", "KEMENKEU", "Wide", 2),
        ],
    ),
    (
        "misaligned.ttl",
        "line-of-sight",
        {"from": "KANWIL-SS1"},
        [
            ("KANWIL-SS1", "SS", "KANWIL", "Two", 0),
            ("DJP-SS1", "SS", "DJP", "One", 1),
            ("W-SS1", "SS", "KEMENKEU", "Wide", 2),
        ],
    ),
    ("chain.ttl", "orphans", {}, []),
    (
        "orphans.ttl",
        "orphans",
        {},
        [
            ("DJPB-SS2", "DJPB", "One", "unlinked"),
            ("KANWIL-SS1", "KANWIL", "Two", "unmeasured"),
            ("KANWIL-SS2", "KANWIL", "Two", "unlinked"),
            ("KANWIL-SS3", "KANWIL", "Two", "unlinked"),
            ("KANWIL-SS3", "KANWIL", "Two", "unmeasured"),
        ],
    ),
    ("chain.ttl", "misaligned", {}, []),
    (
        "misaligned.ttl",
        "misaligned",
        {},
        [
            ("DJP-SS1", "DJP", "W-SS1", "direct-to-many"),
            ("DJP-SS2", "DJP", "DJP-SS3", "cross-branch"),
            ("DJP-SS2", "DJP", "DJP-SS3", "cycle"),
            ("DJP-SS3", "DJP", "DJP-SS2", "cross-branch"),
            ("DJP-SS3", "DJP", "DJP-SS2", "cycle"),
            ("DJPB-SS1", "DJPB", "W-SS1", "direct-to-many"),
            ("DJPB-SS2", "DJPB", "W-SS2", "perspective-lowered"),
            ("DJPB-SS3", "DJPB", "W-SS2", "year-mismatch"),
            ("KANWIL-SS1", "KANWIL", "DJP-SS1", "cross-branch"),
            ("SEKSI-SS2", "SEKSI", N, "origin-without-map"),
        ],
    ),
    (
        "chain.ttl",
        "coverage",
        {},
        [
            ("KEMENKEU", "Wide", 2, 2, 1.0, 0.5, 1),
            ("DJPB", "One", 1, 2, 1.0, 1.0, 1),
            ("KANWIL", "Two", 1, 1, 1.0, 1.0, 1),
            ("KPPN", "Three", 1, 1, 1.0, 1.0, 1),
            ("KPPN2", "Three", 0, 0, N, N, 0),
            ("SEKSI", "Four", 1, 1, 1.0, 1.0, 1),
        ],
    ),
    (
        "orphans.ttl",
        "coverage",
        {},
        [
            ("KEMENKEU", "Wide", 1, 0, 1.0, 1.0, 0),
            ("DJPB", "One", 2, 0, 1.0, 1.0, 0),
            ("KANWIL", "Two", 3, 0, 0.3333, 0.0, 0),
        ],
    ),
    (
        "chain.ttl",
        "strategy-map",
        {},
        [
            ("Stakeholder", "W-SS1", "Penerimaan negara yang optimal", N),
            ("Customer", "W-SS2", "Layanan publik yang prima", "W-SS1"),
        ],
    ),
    (
        "chain.ttl",
        "strategy-map",
        {"unit": "KANWIL"},
        [("Stakeholder", "KANWIL-SS1", "Penerimaan negara di wilayah yang optimal", N)],
    ),
    (
        "misaligned.ttl",
        "strategy-map",
        {"unit": "DJPB"},
        [
            ("Stakeholder", "DJPB-SS1", N, N),
            ("Stakeholder", "DJPB-SS4", N, N),
            ("Stakeholder", "DJPB-SS5", N, N),
            ("Customer", "DJPB-SS3", N, N),
            ("Internal Process", "DJPB-SS2", N, N),
        ],
    ),
]
IDS = [
    f"{name}-{file.removesuffix('.ttl')}-{'-'.join(p.values()) or 'default'}"
    for file, name, p, _ in CASES
]


@pytest.mark.parametrize(("file", "name", "params", "expected"), CASES, ids=IDS)
def test_embedded(
    file: str, name: str, params: dict[str, str], expected: list[tuple[Any, ...]]
) -> None:
    result = embedded(name, [DATA / file], params)
    assert list(result.rows) == expected
    assert result.warnings == ()


@pytest.fixture(scope="module")
def loaded(neo4j_session_driver: Any, neo4j_settings: Any) -> Iterator[Any]:
    """Load each file once; yields a function that makes ``file`` the database's content."""
    current: dict[str, str] = {}

    def use(file: str) -> None:
        if current.get("file") != file:
            load_into_neo4j(neo4j_session_driver, neo4j_settings.database, [DATA / file])
            current["file"] = file

    yield use


@pytest.mark.neo4j
@pytest.mark.parametrize(("file", "name", "params", "expected"), CASES, ids=IDS)
def test_neo4j(
    loaded: Any,
    neo4j_session_driver: Any,
    neo4j_settings: Any,
    file: str,
    name: str,
    params: dict[str, str],
    expected: list[tuple[Any, ...]],
) -> None:
    loaded(file)
    result = on_neo4j(neo4j_session_driver, neo4j_settings.database, name, params)
    assert list(result.rows) == expected
    assert result.warnings == ()
