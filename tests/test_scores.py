"""Scores (issue #10) on both stores: the real figures, the undefined cases, the roll-up, the
profile's proration choice, the literals as written, and the same rows on SPARQL and Cypher."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from selaras.rdf.dataset import Dataset
from selaras.read import read_dataset
from selaras.score import Scorecard, score_dataset, score_neo4j

FIGURES = Path(__file__).parent / "data" / "scores" / "figures.ttl"
STORES = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(scope="module")
def loaded(request: pytest.FixtureRequest) -> Any:
    """A driver on a database holding figures.ttl (loaded once for the module)."""
    from selaras.neo4j import clear_database, load_triples

    driver = request.getfixturevalue("neo4j_session_driver")
    settings = request.getfixturevalue("neo4j_settings")
    clear_database(driver, database=settings.database)
    load_triples(
        driver, list(read_dataset([FIGURES]).triples()), name="figures", database=settings.database
    )
    return driver, settings.database


def scores(
    store: str, request: pytest.FixtureRequest, period: str, profile: str = "kmk-467-2014"
) -> Scorecard:
    if store == "neo4j":
        driver, database = request.getfixturevalue("loaded")
        return score_neo4j(driver, period=period, database=database, profile=profile)
    return score_dataset(read_dataset([FIGURES]), period=period, profile=profile)


def rows(card: Scorecard) -> dict[str, dict[str, str | None]]:
    return {r.code: r.values(card.settings.places) for r in card.rows()}


@pytest.mark.parametrize("store", STORES)
def test_the_real_figures_of_2019(store: str, request: pytest.FixtureRequest) -> None:
    got = rows(scores(store, request, "2019"))
    capaian = {
        c: got[c]["capaian"] for c in got if c.startswith("FIG-") and got[c]["kind"] == "IKU"
    }
    assert capaian == {
        "FIG-MAX-70": "120.00",  # 128.57 capped at 120
        "FIG-MAX-438": "105.02",
        "FIG-MAX-903": "110.74",
        "FIG-MIN-9": "110.00",
        "FIG-MIN-12": "80.00",
    }
    # Literals exactly as written, never rewritten ("4.6", not 4.60 or 4.5999...).
    assert (got["FIG-MAX-438"]["target"], got["FIG-MAX-438"]["realisation"]) == ("4.38", "4.6")
    assert (got["FIG-MAX-903"]["target"], got["FIG-MAX-903"]["realisation"]) == ("90.3", "100")
    # SS-A: IKU weights 60 and 40: (120 x 60 + 105.02 x 40) / 100 = 114.008 -> 114.01.
    assert got["SS-A"]["capaian"] == "114.01"
    # NKO of a Kemenkeu-Three unit: Stakeholder 30, Customer 25, Internal Process 25 (scaled).
    # (114.01 x 30 + 110.37 x 25 + 80 x 25) / 80 = 102.24
    assert (got["FIG-UNIT"]["kind"], got["FIG-UNIT"]["capaian"]) == ("NKO", "102.24")
    assert (got["FIG-UNIT"]["colour"], got["FIG-UNIT"]["band"]) == ("green", "Baik")
    assert got["FIG-MIN-12"]["colour"] == "yellow"


@pytest.mark.parametrize("store", STORES)
def test_consolidation_proration_and_polarities(store: str, request: pytest.FixtureRequest) -> None:
    got = rows(scores(store, request, "2025-Q3"))
    # Sum of 20 + 25 + 30 against an annual 100 prorated to Q3 (9 of 12 months): 75 / 75.
    assert [got["FIG-SUM"][k] for k in ("target", "realisation", "capaian")] == [
        "75.00",
        "75.00",
        "100.00",
    ]
    # With quarterly targets of its own: 20 + 25 + 25 = 70 against 75.
    assert got["FIG-SUM-Q"]["target"] == "70.00"
    assert got["FIG-SUM-Q"]["capaian"] == "107.14"
    # Stabilize: within 5 % scores 100; 10 % off costs 5 points.
    assert got["FIG-STAB-IN"]["capaian"] == "100.00"
    assert got["FIG-STAB-OUT"]["capaian"] == "95.00"
    # Minimize far above the target: clamped at the floor.
    assert got["FIG-MIN-FLOOR"]["capaian"] == "0.00"
    # Undefined: no score, a reason, no crash.
    reasons = {code: (got[code]["capaian"], got[code]["reason"]) for code in got}
    assert reasons["FIG-ZERO"] == (None, "target is 0")
    assert reasons["FIG-NONE"] == (None, "no realisation up to 2025-Q3")
    assert reasons["FIG-NAN"] == (None, "non-numeric realisation")
    assert reasons["FIG-NOTARGET"] == (None, "no target for 2025-Q3")
    assert reasons["SS-D"] == (None, "no IKU of this SS has a capaian")


@pytest.mark.parametrize("store", STORES)
def test_monthly_data_rolls_up(store: str, request: pytest.FixtureRequest) -> None:
    got = rows(scores(store, request, "2025-Q1"))
    # Average of the months 01..03 (3.90, 4.10, 4.35 -> 4.12) against the Q1 target 4.00.
    assert [got["FIG-AVG-M"][k] for k in ("target", "realisation", "capaian")] == [
        "4.00",
        "4.12",
        "103.00",
    ]
    month = rows(scores(store, request, "2025-02"))
    assert month["FIG-AVG-M"]["realisation"] == "4.00"  # (3.90 + 4.10) / 2


@pytest.mark.parametrize("store", STORES)
def test_a_profile_that_does_not_prorate(
    store: str, request: pytest.FixtureRequest, tmp_path: Path, root: Path
) -> None:
    text = (root / "shapes" / "profiles" / "kmk-467-2014.ttl").read_text(encoding="utf-8")
    assert "sel:prorateAnnualTarget true" in text
    profile = tmp_path / "no-proration.ttl"
    profile.write_text(
        text.replace("sel:prorateAnnualTarget true", "sel:prorateAnnualTarget false")
    )
    got = rows(scores(store, request, "2025-Q3", profile=str(profile)))
    assert (got["FIG-SUM"]["capaian"], got["FIG-SUM"]["reason"]) == (None, "no target for 2025-Q3")
    assert got["FIG-SUM-Q"]["capaian"] == "107.14"


@pytest.mark.neo4j
@pytest.mark.parametrize("seed", (21, 22))
def test_both_stores_give_the_same_scores_on_generated_cascades(
    seed: int, neo4j_session_driver: Any, neo4j_settings: Any
) -> None:
    from selaras.generate import generate_cascade
    from selaras.neo4j import clear_database, load_triples

    triples = generate_cascade(staff=150, seed=seed, defect_rate=0.05).triples()
    dataset = Dataset(triples)
    database = neo4j_settings.database
    clear_database(neo4j_session_driver, database=database)
    load_triples(neo4j_session_driver, triples, name=f"seed-{seed}", database=database)
    compared = 0
    for period in ("2025", "2025-Q2", "2025-Q4", "2025-05"):
        embedded = score_dataset(dataset, period=period)
        neo4j = score_neo4j(neo4j_session_driver, period=period, database=database)
        places = embedded.settings.places
        assert [r.values(places) for r in neo4j.rows()] == [
            r.values(places) for r in embedded.rows()
        ]
        compared += len(embedded.rows())
    assert compared > 500
