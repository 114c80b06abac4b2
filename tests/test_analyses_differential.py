"""Differential test: Cypher on a real Neo4j and SPARQL on the embedded store give the same rows.

Generated cascades of several seeds, with planted defects of every rule (cycles, cross-branch
cascades, missing codes and levels, duplicate codes, ...), are loaded into Neo4j as parsed; every
analysis then runs on both engines, with default parameters and with some given ones.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from selaras.analyses import analyses, run_analysis
from selaras.generate import generate_cascade
from selaras.neo4j import clear_database, load_triples
from selaras.read import Dataset

pytestmark = pytest.mark.neo4j
SEEDS = (11, 12, 13)


def _params(dataset: Dataset) -> dict[str, list[dict[str, str]]]:
    """Parameter sets to try: defaults, a staff IKU, an office SS, a unit, an unknown code."""
    codes: dict[str, list[str]] = {}
    query = """
        PREFIX sel: <https://w3id.org/selaras/ontology#>
        SELECT ?kind ?code WHERE {
          VALUES (?class ?kind) { (sel:StrategicObjective "SS") (sel:KeyPerformanceIndicator "IKU")
                                  (sel:Unit "Unit") }
          ?n a ?class ; sel:code ?code .
        } ORDER BY ?kind ?code
    """
    solutions = dataset.store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        kind, code = row["kind"], row["code"]
        assert isinstance(kind, ox.Literal) and isinstance(code, ox.Literal)
        codes.setdefault(kind.value, []).append(code.value)
    ss, iku, units = codes["SS"], codes["IKU"], codes["Unit"]
    picks_ss = [ss[len(ss) // 3], ss[len(ss) // 2]]
    picks_iku = [iku[-1], iku[len(iku) // 2]]
    return {
        "cascade": [{}, {"from": picks_ss[0]}, {"from": picks_iku[1]}, {"from": "NO-SUCH"}],
        "line-of-sight": [{"from": c} for c in [*picks_ss, *picks_iku]],
        "strategy-map": [{}, {"unit": units[len(units) // 2]}, {"unit": units[-1]}],
        "scores": [
            {"period": "2025-Q3"},
            {"period": "2025", "unit": units[len(units) // 3]},
            {"period": "2025-02", "places": "1", "prorate": "0"},
        ],
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_both_engines_give_the_same_rows(
    seed: int, neo4j_session_driver: Any, neo4j_settings: Any
) -> None:
    generated = generate_cascade(staff=120, seed=seed, defect_rate=0.05)
    triples = generated.triples()
    dataset = Dataset()
    dataset.add_triples(triples)
    database = neo4j_settings.database
    clear_database(neo4j_session_driver, database=database)
    load_triples(neo4j_session_driver, triples, name=f"seed-{seed}", database=database)
    tried = _params(dataset)
    compared = 0
    for found in analyses():
        for params in tried.get(found.name, [{}]):
            embedded = run_analysis(found.name, dataset=dataset, params=params)
            neo4j = run_analysis(
                found.name,
                engine="neo4j",
                driver=neo4j_session_driver,
                database=database,
                params=params,
            )
            assert neo4j.rows == embedded.rows, (found.name, params)
            assert neo4j.warnings == embedded.warnings
            compared += len(embedded.rows)
    assert compared > 500
