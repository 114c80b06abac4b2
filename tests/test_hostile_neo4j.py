"""Hostile and concurrent work against a real Neo4j: concurrent loads, one dataset of several,
a 10,000-deep blank-node chain, an over-long literal given to ``load``."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import neo4j
import pytest

from hostile import make_corpus
from hostile_helpers import one_error, run
from selaras import limits
from selaras.neo4j import Neo4jSettings, load_triples
from selaras.read import read_dataset

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parents[1]
KALTARA = ROOT / "examples" / "kaltara"
DEFECTS = ROOT / "examples" / "defects"


def _count(driver: neo4j.Driver, database: str, query: str) -> int:
    with driver.session(database=database) as session:
        record = session.run(query).single()
        assert record is not None
        return int(record[0])


def test_concurrent_loads_sharing_nodes_both_succeed(
    neo4j_driver: neo4j.Driver, neo4j_settings: Neo4jSettings
) -> None:
    """Both loads CREATE the ontology's concept nodes on an empty database at the same time:
    one of them hits the uniqueness constraint and tries its batch again."""
    database = neo4j_settings.database
    kaltara = list(read_dataset([KALTARA]).triples())
    defects = list(read_dataset([DEFECTS]).triples())
    errors: list[BaseException] = []

    def load(triples: list, name: str) -> None:  # type: ignore[type-arg]
        try:
            load_triples(neo4j_driver, triples, name=name, database=database, batch_size=50)
        except BaseException as exc:  # reported below
            errors.append(exc)

    for _round in range(2):
        _count(neo4j_driver, database, "MATCH (n) DETACH DELETE n RETURN count(*)")
        threads = [
            threading.Thread(target=load, args=(kaltara, "k")),
            threading.Thread(target=load, args=(defects, "d")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        concepts = _count(
            neo4j_driver, database, "MATCH (n:Resource {dataset: 'ontology'}) RETURN count(n)"
        )
        iris = _count(neo4j_driver, database, "MATCH (n:Resource) RETURN count(DISTINCT n.iri)")
        nodes = _count(neo4j_driver, database, "MATCH (n:Resource) RETURN count(n)")
        assert concepts > 0 and nodes == iris  # one node per IRI


def _rows(result: str) -> list[str]:
    return sorted(result.splitlines())


def test_query_one_dataset_of_two(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], tmp_path: Path
) -> None:
    env = neo4j_env
    assert run("load", "--dataset", "d", "--allow-invalid", "-q", DEFECTS, env=env).returncode == 0
    other = tmp_path / "other"  # the Kaltara chain under other IRIs: shares no data node
    other.mkdir()
    for source in KALTARA.glob("*.ttl"):
        text = source.read_text(encoding="utf-8").replace(
            "https://w3id.org/selaras/id/", "https://example.org/other/"
        )
        (other / source.name).write_text(text, encoding="utf-8")
    assert run("load", "--dataset", "o", "-q", other, env=env).returncode == 0
    for analysis in ("orphans", "coverage"):
        both = run("query", analysis, "--engine", "neo4j", "--format", "csv", env=env)
        only = run(
            "query", analysis, "--engine", "neo4j", "--dataset", "d", "--format", "csv", env=env
        )
        embedded = run("query", analysis, DEFECTS, "--format", "csv")
        assert only.returncode == 0, only.stderr
        assert _rows(only.stdout) == _rows(embedded.stdout)
        if analysis == "coverage":  # every unit of both datasets: the filter leaves half
            assert len(_rows(both.stdout)) > len(_rows(only.stdout))
    line = one_error("query", "orphans", "--engine", "neo4j", "--dataset", "nope", env=env)
    assert line == "unknown dataset in Neo4j 'nope'; valid: d, o, ontology"
    assert "--dataset picks a dataset in Neo4j" in one_error(
        "query", "orphans", DEFECTS, "--dataset", "d"
    )


def test_a_10000_deep_blank_node_chain_loads(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], tmp_path: Path
) -> None:
    chain = make_corpus.blank_chain(tmp_path, 10_000)
    started = time.perf_counter()
    result = run("load", "--allow-invalid", "-q", "--dataset", "chain", chain, env=neo4j_env)
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - started < 120  # was 285 s of blank-node naming alone
    blanks = _count(
        neo4j_driver, "neo4j", "MATCH (n:Resource {dataset: 'chain', blank: true}) RETURN count(n)"
    )
    assert blanks == 10_000


def test_load_refuses_an_over_long_literal(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    past = make_corpus.long_literal(tmp_path, limits.TOKEN_BYTES + 1)
    line = one_error("load", "--allow-invalid", past, env=neo4j_env)
    assert line.startswith(f"{past}:2: a literal or IRI (with what precedes it in its statement)")
