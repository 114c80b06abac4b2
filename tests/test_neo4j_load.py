"""Loading into a real Neo4j and exporting back: isomorphic, idempotent, exact after re-loads."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from neo4j_helpers import (
    assert_isomorphic,
    count,
    exact_graph,
    generated,
    graph_state,
    triples_graph,
    triples_of,
    write_generated,
)
from selaras.cli import main
from selaras.neo4j import Neo4jSettings, export_graph, load_triples
from selaras.neo4j.mapping import concept_triples
from selaras.read import read_dataset

pytestmark = pytest.mark.neo4j
DB = "neo4j"


def load_text(driver: neo4j.Driver, text: str, name: str, **options: object):  # type: ignore[no-untyped-def]
    return load_triples(driver, triples_of(text), name=name, database=DB, **options)  # type: ignore[arg-type]


def test_literals_round_trip(neo4j_driver: neo4j.Driver, data_dir: Path) -> None:
    path = data_dir / "neo4j" / "literals.ttl"
    summary = load_text(neo4j_driver, path.read_text(encoding="utf-8"), "literals")
    assert summary.nodes == 11 and summary.relationships == 14
    assert_isomorphic(
        export_graph(neo4j_driver, database=DB, dataset="literals"), exact_graph(path)
    )


def test_typed_values_analysts_can_use(neo4j_driver: neo4j.Driver, data_dir: Path) -> None:
    load_text(neo4j_driver, (data_dir / "neo4j" / "literals.ttl").read_text(), "literals")
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (t:Target)<-[:HAS_TARGET]-(i:IKU)-[:MEASURES]->(ss:SS)-[:BELONGS_TO]->(u:Unit) "
        "WHERE t.period = '2025' "
        "RETURN u.code AS unit, u.label_id AS label, ss.year AS year, t.target AS target, "
        "t.realisation AS real, t.realisation_lexical AS exact",
        database_=DB,
    )
    assert [r.data() for r in records] == [
        {
            "unit": "KPPN-TJS",
            "label": "KPPN Tanjung Selor",
            "year": 2025,
            "target": 92.0,
            "real": 93.12345678901235,
            "exact": "93.123456789012345678901",
        }
    ]
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (i:IS) RETURN i.deadline AS deadline", database_=DB
    )
    assert records[0]["deadline"] == neo4j.time.Date(2025, 6, 30)


def load_generated(driver: neo4j.Driver, triples: list[ox.Triple], name: str, **options: object):  # type: ignore[no-untyped-def]
    return load_triples(driver, triples, name=name, database=DB, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("staff", "seed", "defect_rate"), [(50, 1, 0.0), (120, 2, 0.05), (300, 3, 0.0), (500, 4, 0.02)]
)
def test_generated_cascades_round_trip(
    neo4j_driver: neo4j.Driver, staff: int, seed: int, defect_rate: float
) -> None:
    triples = generated(staff, seed, defect_rate)
    summary = load_generated(neo4j_driver, triples, f"gen-{seed}", batch_size=1500)
    assert summary.nodes > staff
    assert_isomorphic(
        export_graph(neo4j_driver, database=DB, dataset=f"gen-{seed}"), triples_graph(triples)
    )


def test_loading_again_changes_nothing(neo4j_driver: neo4j.Driver) -> None:
    triples = generated(60, 5)
    first = load_generated(neo4j_driver, triples, "again", batch_size=700)
    before = graph_state(neo4j_driver)
    second = load_generated(neo4j_driver, triples, "again", batch_size=333)
    assert graph_state(neo4j_driver) == before
    assert first.nodes_created >= first.nodes and first.relationships_created == first.relationships
    assert (second.nodes_created, second.relationships_created) == (0, 0)
    assert second.relationships_deleted == 0


def test_a_changed_subject_is_exact_after_loading_again(neo4j_driver: neo4j.Driver) -> None:
    old = """
    @prefix sel: <https://w3id.org/selaras/ontology#> . @prefix id: <https://w3id.org/selaras/id/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    id:u a sel:Position ; sel:code "U" ; rdfs:label "lama"@id ; sel:partOf id:p , id:q .
    """
    new = """
    @prefix sel: <https://w3id.org/selaras/ontology#> . @prefix id: <https://w3id.org/selaras/id/> .
    id:u a sel:Unit ; sel:code "U2" ; sel:partOf id:q .
    """
    load_text(neo4j_driver, old, "change")
    load_text(neo4j_driver, new, "change")
    assert_isomorphic(export_graph(neo4j_driver, database=DB, dataset="change"), exact_of(new))
    clean = graph_state(neo4j_driver)
    assert next(n for n in clean[0] if n[0] == "https://w3id.org/selaras/id/u")[1] == [
        "Resource",
        "Unit",
    ]


def exact_of(text: str):  # type: ignore[no-untyped-def]
    return triples_graph(triples_of(text))


def test_replace_removes_what_the_new_data_lacks(neo4j_driver: neo4j.Driver) -> None:
    load_generated(neo4j_driver, generated(120, 6), "rep")
    smaller = generated(50, 7)
    summary = load_generated(neo4j_driver, smaller, "rep", replace=True, batch_size=2000)
    assert summary.replaced > summary.nodes
    assert_isomorphic(
        export_graph(neo4j_driver, database=DB, dataset="rep"), triples_graph(smaller)
    )
    after_replace = graph_state(neo4j_driver)
    from selaras.neo4j import clear_database

    clear_database(neo4j_driver, database=DB)
    load_generated(neo4j_driver, smaller, "rep")
    assert graph_state(neo4j_driver) == after_replace


def test_replace_keeps_other_datasets_relationships(neo4j_driver: neo4j.Driver) -> None:
    head = (
        "@prefix sel: <https://w3id.org/selaras/ontology#> . "
        "@prefix id: <https://w3id.org/selaras/id/> ."
    )
    units = head + 'id:office a sel:Unit ; sel:code "OFFICE" ; sel:partOf id:ministry .'
    staff = head + 'id:staff a sel:Position ; sel:code "STAFF" ; sel:partOf id:office .'
    load_text(neo4j_driver, units, "units")
    load_text(neo4j_driver, staff, "staff")
    load_text(neo4j_driver, head + 'id:other a sel:Unit ; sel:code "O" .', "units", replace=True)
    assert_isomorphic(export_graph(neo4j_driver, database=DB, dataset="staff"), exact_of(staff))
    # the office is a bare node now (staff still points to it); the ministry is gone
    assert (
        count(
            neo4j_driver,
            "MATCH (n {iri: $iri}) RETURN count(n)",
            iri="https://w3id.org/selaras/id/ministry",
        )
        == 0
    )
    labels = neo4j_driver.execute_query(
        "MATCH (n {iri: 'https://w3id.org/selaras/id/office'}) RETURN labels(n) AS l, keys(n) AS k",
        database_=DB,
    ).records[0]
    assert (labels["l"], labels["k"]) == (["Resource"], ["iri"])


def test_ontology_concepts_are_nodes_analysts_traverse(neo4j_driver: neo4j.Driver) -> None:
    load_generated(neo4j_driver, generated(50, 8), "gen")
    assert_isomorphic(
        export_graph(neo4j_driver, database=DB, dataset="ontology"),
        triples_graph(concept_triples()),
    )
    # the example query of docs/graph-mapping.md
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (ss:SS)-[:IN_PERSPECTIVE]->(p:Perspective) "
        "RETURN p.rank AS rank, p.label_en AS perspective, count(*) AS n ORDER BY rank",
        database_=DB,
    )
    assert next(r["perspective"] for r in records) == "Stakeholder"
    assert sum(r["n"] for r in records) == count(neo4j_driver, "MATCH (s:SS) RETURN count(s)")
    level = neo4j_driver.execute_query(
        "MATCH (l:Level:Concept {notation: 'Five'})-[:IN_SCHEME]->(s:ConceptScheme) "
        "RETURN l.rank AS rank, s.label_en AS scheme",
        database_=DB,
    ).records
    assert [(r["rank"], r["scheme"]) for r in level] == [(6, "Performance-management levels")]


def test_default_export_leaves_out_the_ontology(neo4j_driver: neo4j.Driver, data_dir: Path) -> None:
    a = generated(50, 9)
    b = (data_dir / "neo4j" / "literals.ttl").read_text(encoding="utf-8")
    load_generated(neo4j_driver, a, "a")
    load_text(neo4j_driver, b, "b")
    assert_isomorphic(export_graph(neo4j_driver, database=DB), triples_graph(a + triples_of(b)))


def test_schema_constraint_and_indexes(neo4j_driver: neo4j.Driver) -> None:
    load_generated(neo4j_driver, generated(50, 11), "gen")
    constraints = neo4j_driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type", database_=DB
    ).records
    assert (["Resource"], ["iri"], "UNIQUENESS") in [
        (r["labelsOrTypes"], r["properties"], r["type"]) for r in constraints
    ]
    indexes = {
        (r["labelsOrTypes"][0], r["properties"][0])
        for r in neo4j_driver.execute_query(
            "SHOW INDEXES YIELD labelsOrTypes, properties WHERE labelsOrTypes IS NOT NULL",
            database_=DB,
        ).records
    }
    for label in ("SS", "IKU", "Unit", "IS", "Direction", "Contract", "Target"):
        assert (label, "code") in indexes
    assert ("Resource", "dataset") in indexes


def test_values_never_become_query_text(neo4j_driver: neo4j.Driver) -> None:
    text = """
    @prefix sel: <https://w3id.org/selaras/ontology#> . @prefix id: <https://w3id.org/selaras/id/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    id:x a sel:Unit ; sel:code "x'}) DETACH DELETE n //" ;
        rdfs:label "`]->() MATCH (m) DETACH DELETE m //"@id-x-evil .
    """
    load_text(neo4j_driver, text, "evil")
    assert_isomorphic(export_graph(neo4j_driver, database=DB, dataset="evil"), exact_of(text))
    assert count(neo4j_driver, "MATCH (n:Level) RETURN count(n)") == 6


# ---------------------------------------------------------------------------------- the CLI


def test_cli_load_refuses_invalid_data_and_writes_nothing(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], data_dir: Path
) -> None:
    result = CliRunner().invoke(main, ["load", str(data_dir / "neo4j" / "literals.ttl"), "-q"])
    assert result.exit_code == 1, result.output
    assert "load refused" in result.output and "violations" in result.output
    assert "selaras validate" in result.output and "--allow-invalid" in result.output
    assert count(neo4j_driver, "MATCH (n) RETURN count(n)") == 0


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_cli_load_then_export(
    neo4j_driver: neo4j.Driver,
    neo4j_env: dict[str, str],
    data_dir: Path,
    tmp_path: Path,
    fmt: str,
) -> None:
    source = data_dir / "neo4j" / "literals.ttl"
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(source), "--allow-invalid", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("literals: 11 nodes and 14 relationships written")
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(main, ["export", "--format", fmt, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert_isomorphic(exact_graph(out), exact_graph(source))


def test_cli_export_unknown_dataset_lists_the_loaded_ones(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], data_dir: Path
) -> None:
    runner = CliRunner()
    runner.invoke(main, ["load", str(data_dir / "neo4j" / "literals.ttl"), "--allow-invalid"])
    result = runner.invoke(main, ["export", "--dataset", "nope"])
    assert result.exit_code == 2
    assert "unknown dataset in Neo4j 'nope'; valid: literals, ontology" in result.output


def test_cli_wrong_credentials(
    neo4j_settings: Neo4jSettings, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "wrong-s3cret-never-shown"
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", secret)
    # another user than the tests' own, so the server's lock-out after failed logins does not
    # hit the other tests
    result = CliRunner().invoke(
        main, ["load", str(data_dir / "neo4j" / "literals.ttl"), "--user", "selaras-nobody"]
    )
    assert result.exit_code == 2
    assert "refused the credentials of user 'selaras-nobody'" in result.output
    assert neo4j_settings.uri in result.output and secret not in result.output


def test_cli_unknown_database(neo4j_env: dict[str, str], data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--database", "nosuchdb"])
    assert result.exit_code == 2
    assert "has no database 'nosuchdb'" in result.output


def test_cli_export_from_neo4j_as_spreadsheet(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], data_dir: Path, tmp_path: Path
) -> None:
    from selaras.spreadsheet import import_spreadsheet

    small = data_dir / "spreadsheet" / "small.ttl"
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(small), "-q", "--engine", "pyshacl"])
    assert result.exit_code == 0, result.output
    from_neo4j, from_file = tmp_path / "neo4j.xlsx", tmp_path / "file.xlsx"
    result = runner.invoke(main, ["export", "--format", "xlsx", "-o", str(from_neo4j), "-q"])
    assert result.exit_code == 0, result.output
    assert "rows: units 6, directions 3" in result.stderr
    runner.invoke(main, ["export", str(small), "--format", "xlsx", "-o", str(from_file)])
    assert_isomorphic(import_spreadsheet(from_neo4j), import_spreadsheet(from_file))
    assert_isomorphic(
        export_graph(neo4j_driver, database=DB, dataset="small"),
        triples_graph(read_dataset([small]).triples()),
    )


def test_cli_loads_a_spreadsheet(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], data_dir: Path, tmp_path: Path
) -> None:
    from selaras.spreadsheet import import_spreadsheet

    book = tmp_path / "small.xlsx"
    runner = CliRunner()
    small = str(data_dir / "spreadsheet" / "small.ttl")
    assert (
        runner.invoke(main, ["export", small, "--format", "xlsx", "-o", str(book)]).exit_code == 0
    )
    result = runner.invoke(main, ["load", str(book), "-q", "--allow-invalid"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("small: ")
    assert_isomorphic(
        export_graph(neo4j_driver, database=DB, dataset="small"), import_spreadsheet(book)
    )


def test_cli_validates_then_loads_or_refuses_a_generated_cascade(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], tmp_path: Path
) -> None:
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    write_generated(good, 12, 1)
    write_generated(bad, 12, 1, defect_rate=0.1)
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(bad), "-q"])
    assert result.exit_code == 1, result.output
    assert "load refused: bad has" in result.output
    assert count(neo4j_driver, "MATCH (n) RETURN count(n)") == 0
    result = runner.invoke(main, ["load", str(good), "-q"])
    assert result.exit_code == 0, result.output
    assert_isomorphic(export_graph(neo4j_driver, database=DB, dataset="good"), exact_graph(good))
