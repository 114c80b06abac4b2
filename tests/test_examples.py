"""The bundled examples: Kaltara conforms, the defects example reports exactly its manifest.

Both run for every engine in :data:`ENGINES`; the SPARQL engine joins by adding its name.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from selaras.generate import RULE_IDS
from selaras.read import Dataset, read_dataset
from selaras.validate import Engine, ValidationReport, validate

#: Engines the example tests run on; the SPARQL engine joins with one more name here.
ENGINES: list[Engine] = ["sparql", "pyshacl"]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
KALTARA = EXAMPLES / "kaltara"
DEFECTS = EXAMPLES / "defects"
PREFIXES = """
PREFIX sel: <https://w3id.org/selaras/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX unit: <https://w3id.org/selaras/id/unit/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@cache
def dataset(folder: Path) -> Dataset:
    return read_dataset([folder])


@cache
def report(folder: Path, engine: Engine) -> ValidationReport:
    return validate(dataset(folder), engine=engine)


def manifest() -> list[dict[str, str]]:
    with (DEFECTS / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rows(query: str) -> list[tuple[str, ...]]:
    solutions = dataset(KALTARA).store.query(PREFIXES + query)
    assert isinstance(solutions, ox.QuerySolutions)
    return sorted(
        tuple("" if term is None else str(term.value) for term in row) for row in solutions
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_kaltara_conforms_without_warnings(engine: Engine) -> None:
    result = report(KALTARA, engine)
    assert result.results == ()
    assert result.triples > 2000


@pytest.mark.parametrize("engine", ENGINES)
def test_defects_example_reports_exactly_its_manifest(engine: Engine) -> None:
    found = {(r.rule_id, r.focus, r.focus_code) for r in report(DEFECTS, engine).results}
    planted = {(row["rule_id"], row["focus"], row["focus_code"]) for row in manifest()}
    assert found == planted


def test_defects_example_breaks_every_rule_and_says_how() -> None:
    rows_ = manifest()
    assert list(rows_[0]) == ["rule_id", "focus", "focus_code", "note"]
    assert {row["rule_id"] for row in rows_} == set(RULE_IDS)
    assert all(row["note"].strip() for row in rows_)
    assert len({(row["rule_id"], row["focus"]) for row in rows_}) == len(rows_)


def test_kaltara_is_the_treasury_chain_of_north_kalimantan() -> None:
    chain = rows(
        """SELECT ?code ?level ?kind ?parent WHERE {
            ?unit sel:code ?code ; sel:level ?level ; sel:unitKind ?kind .
            OPTIONAL { ?unit sel:partOf/sel:code ?parent }
            FILTER (?code IN ("KEMENKEU", "DJPB", "KANWIL-KALTARA", "KPPN-TRK", "KPPN-NNK"))
        }"""
    )
    ns = "https://w3id.org/selaras/ontology#"
    assert chain == [
        ("DJPB", ns + "KemenkeuOne", ns + "DirektoratJenderal", "KEMENKEU"),
        ("KANWIL-KALTARA", ns + "KemenkeuTwo", ns + "Kanwil", "DJPB"),
        ("KEMENKEU", ns + "KemenkeuWide", ns + "Kementerian", ""),
        ("KPPN-NNK", ns + "KemenkeuThree", ns + "KPPN", "KANWIL-KALTARA"),
        ("KPPN-TRK", ns + "KemenkeuThree", ns + "KPPN", "KANWIL-KALTARA"),
    ]
    assert rows("SELECT ?c WHERE { unit:KANWIL-KALTARA rdfs:comment ?c }") == [
        ("Jalan Sutoyo No. 01, Tanjung Selor, Provinsi Kalimantan Utara",)
    ]
    query = "SELECT ?level (COUNT(?u) AS ?n) WHERE { ?u sel:level ?level } GROUP BY ?level"
    levels = {level: n for level, n in rows(query)}
    assert {level.rsplit("#", 1)[1]: n for level, n in levels.items()} == {
        "KemenkeuWide": "1",
        "KemenkeuOne": "1",
        "KemenkeuTwo": "1",
        "KemenkeuThree": "3",
        "KemenkeuFour": "6",
        "KemenkeuFive": "8",
    }
    assert rows("SELECT (COUNT(?p) AS ?n) WHERE { ?p a sel:Position }") == [("8",)]
    # every unit and every staff position has its 2025 contract
    assert rows(
        """SELECT (COUNT(?u) AS ?n) WHERE { ?u sel:level ?l .
        FILTER NOT EXISTS { ?c sel:holder ?u ; sel:year "2025"^^xsd:gYear } }"""
    ) == [("0",)]


def test_kaltara_uses_the_real_indicator_names_with_targets() -> None:
    targets = rows(
        """SELECT ?name ?unit ?target WHERE {
            ?iku rdfs:label ?name ; sel:belongsTo/sel:code ?unit ; sel:hasTarget ?t .
            ?t sel:period "2025" ; sel:targetValue ?target .
            FILTER (STR(?name) IN ("Indeks Reformasi Birokrasi", "Indeks kepuasan pengguna jasa",
                                   "Tingkat Implementasi SAKTI"))
            FILTER (?unit IN ("DJPB", "KPPN-TRK"))
        }"""
    )
    assert targets == [
        ("Indeks Reformasi Birokrasi", "DJPB", "92"),
        ("Indeks kepuasan pengguna jasa", "KPPN-TRK", "4.38"),
        ("Tingkat Implementasi SAKTI", "DJPB", "100"),
        ("Tingkat Implementasi SAKTI", "KPPN-TRK", "100"),
    ]
    quarters = rows(
        """SELECT (COUNT(DISTINCT ?iku) AS ?all) (COUNT(DISTINCT ?reported) AS ?reported) WHERE {
            ?iku a sel:KeyPerformanceIndicator .
            OPTIONAL { ?iku sel:hasTarget ?q . ?q sel:period "2025-Q2" ; sel:realisation ?r .
                       BIND (?iku AS ?reported) }
        }"""
    )
    assert quarters == [("41", "41")]


def test_examples_readme_names_every_example_and_its_sources() -> None:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for name in ("kaltara", "defects", "kaltara.xlsx", "kaltara-csv", "selaras generate"):
        assert f"`{name}" in text, name
    assert len(re.findall(r"https?://\S+", text)) >= 3
    for fact in (
        "Jalan Sutoyo No. 01",
        "KPPN Tarakan",
        "KPPN Nunukan",
        "Indeks Reformasi Birokrasi",
    ):
        assert fact in text, fact
