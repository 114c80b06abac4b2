"""``selaras load --offline``: neo4j-admin database import into the local server, then a switch.

Against the real local server of ``scripts/neo4j-local`` (the one at NEO4J_URI; its data folder
is NEO4J_DATA_DIR, else ``.neo4j``): the graph after an offline load is the graph after the
online load of the same input, node for node with every property's value and type (and its
export isomorphic); a failing import and a failure after the server was stopped both leave the
previous graph; the server is up at the same URI after each test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner

from neo4j_helpers import assert_isomorphic, graph_state, write_generated
from selaras.cli import main
from selaras.errors import DatasetError, Neo4jError
from selaras.neo4j import Neo4jSettings, load_triples
from selaras.neo4j import bulk_import as bulk
from selaras.neo4j.local_server import LocalServer
from selaras.rdf.write import write_file
from selaras.read import read_dataset
from test_literal_zoo import ZOO, _neo4j_triples

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.neo4j


@pytest.fixture
def local_server(
    neo4j_settings: Neo4jSettings, neo4j_session_driver: neo4j.Driver
) -> Iterator[LocalServer]:
    """The local server at NEO4J_URI; afterwards the suite's driver is told of the new store."""
    from tools import unavailable

    home = Path(os.environ.get("NEO4J_DATA_DIR") or ROOT / ".neo4j")
    try:
        server = LocalServer.find(home)
        server.check_serves(neo4j_settings.uri)
    except Neo4jError as exc:
        unavailable(f"no local server of scripts/neo4j-local at NEO4J_URI: {exc}")
    yield server
    bulk.forget_bookmarks(neo4j_session_driver, neo4j_settings.database)


def _constraints(driver: neo4j.Driver, database: str) -> set[str]:
    with driver.session(database=database) as session:
        names = session.execute_read(
            lambda tx: (
                [r["name"] for r in tx.run("SHOW CONSTRAINTS YIELD name")]
                + [r["name"] for r in tx.run("SHOW INDEXES YIELD name")]
            )
        )
    return set(names)


def _mixed_input(path: Path) -> None:
    """Kaltara, the hand-written literals, the literal zoo and a small generated cascade."""
    generated = path.parent / "generated.ttl"
    write_generated(generated, staff=40, seed=3)
    triples = read_dataset(
        [ROOT / "examples" / "kaltara", ROOT / "tests" / "data" / "neo4j" / "literals.ttl"]
    ).triples()
    triples = [*triples, *_neo4j_triples(ZOO), *read_dataset([generated]).triples()]
    write_file(triples, path, "nt")


def test_offline_load_writes_the_online_graph(
    neo4j_driver: neo4j.Driver,
    neo4j_env: dict[str, str],
    local_server: LocalServer,
    tmp_path: Path,
) -> None:
    source = tmp_path / "mix.nt"
    _mixed_input(source)
    database = neo4j_env["NEO4J_DATABASE"]
    runner = CliRunner()
    args = ["load", str(source), "--allow-invalid", "--dataset", "mix", "-q"]
    online = runner.invoke(main, args)
    assert online.exit_code == 0, online.output
    expected = graph_state(neo4j_driver, database)
    exported = runner.invoke(main, ["export", "--dataset", "mix", "--format", "nt"])
    assert exported.exit_code == 0, exported.output

    # the dataset is in the database already: the offline load replaces it
    offline = runner.invoke(
        main, [*args, "--offline"], env={"NEO4J_DATA_DIR": str(local_server.home)}
    )
    assert offline.exit_code == 0, offline.output
    assert "imported offline" in offline.output
    bulk.forget_bookmarks(neo4j_driver, database)
    assert graph_state(neo4j_driver, database) == expected
    again = runner.invoke(main, ["export", "--dataset", "mix", "--format", "nt"])
    assert again.exit_code == 0, again.output
    assert_isomorphic(_parsed(again.output), _parsed(exported.output))
    assert {"selaras_resource_iri", "selaras_resource_dataset"} <= _constraints(
        neo4j_driver, database
    )
    assert not (local_server.home / bulk.WORK_FOLDER).exists()


def _parsed(text: str) -> Any:
    import pyoxigraph as ox

    return [q.triple for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]


def _kaltara(driver: neo4j.Driver, database: str, size: int | None = None) -> list[Any]:
    """Kaltara's triples (the first ``size``), loaded online as dataset ``kaltara``."""
    triples = list(read_dataset([ROOT / "examples" / "kaltara"]).triples())[:size]
    load_triples(driver, triples, name="kaltara", database=database)
    return triples


def _offline(
    driver: neo4j.Driver,
    settings: Neo4jSettings,
    server: LocalServer,
    triples: list[Any],
    name: str = "kaltara",
) -> bulk.BulkSummary:
    """``triples`` loaded offline as dataset ``name`` into the suite's database."""
    return bulk.bulk_load_triples(
        driver,
        triples,
        name=name,
        database=settings.database,
        server=server,
        password=settings.password,
    )


def test_a_failing_import_leaves_the_graph_and_the_server(
    neo4j_driver: neo4j.Driver,
    neo4j_settings: Neo4jSettings,
    local_server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = neo4j_settings.database
    triples = _kaltara(neo4j_driver, database, 300)
    before = graph_state(neo4j_driver, database)
    real = bulk.write_import_files

    def corrupt(*args: Any, **kwargs: Any) -> Any:
        files = real(*args, **kwargs)
        with files.nodes[-1].open("a", encoding="utf-8") as handle:
            handle.write("0,Resource\n")  # a second node 0: the tool refuses duplicate ids
        return files

    monkeypatch.setattr(bulk, "write_import_files", corrupt)
    with pytest.raises(DatasetError, match="neo4j-admin database import failed"):
        _offline(neo4j_driver, neo4j_settings, local_server, triples)
    assert LocalServer.find(local_server.home).pid == local_server.pid  # never stopped
    assert graph_state(neo4j_driver, database) == before
    assert not (local_server.home / bulk.WORK_FOLDER / "previous").exists()


def test_a_failure_after_the_stop_puts_the_previous_store_back(
    neo4j_driver: neo4j.Driver,
    neo4j_settings: Neo4jSettings,
    local_server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = neo4j_settings.database
    triples = _kaltara(neo4j_driver, database, 300)
    before = graph_state(neo4j_driver, database)
    starts: list[int] = []
    real_start = LocalServer.start

    def start_fails_once(self: LocalServer, password: str | None) -> None:
        starts.append(1)
        if len(starts) == 1:  # the new store: as if the server did not come up
            raise Neo4jError("planted: the server did not start")
        real_start(self, password)

    monkeypatch.setattr(LocalServer, "start", start_fails_once)
    with pytest.raises(Neo4jError, match="previous database is back"):
        _offline(neo4j_driver, neo4j_settings, local_server, triples[:10])
    assert len(starts) == 2
    assert graph_state(neo4j_driver, database) == before
    assert "selaras_resource_iri" in _constraints(neo4j_driver, database)
    assert not (local_server.home / bulk.WORK_FOLDER / "previous").exists()


def test_other_datasets_are_never_replaced(
    neo4j_driver: neo4j.Driver, neo4j_settings: Neo4jSettings, local_server: LocalServer
) -> None:
    database = neo4j_settings.database
    triples = _kaltara(neo4j_driver, database, 20)
    with pytest.raises(DatasetError, match="holds kaltara"):
        _offline(neo4j_driver, neo4j_settings, local_server, triples, name="other")


def test_cli_needs_a_local_server_folder(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["load", str(ROOT / "examples" / "kaltara"), "--offline", "--data-dir", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "is not the data folder of a local server" in result.output


def test_a_store_left_aside_by_an_interrupted_switch_refuses_the_next_offline_load(
    neo4j_driver: neo4j.Driver, neo4j_settings: Neo4jSettings, local_server: LocalServer
) -> None:
    """A process killed between the stop and the start leaves ``previous/``: the next offline
    load touches nothing (the graph stays, the server is never stopped) and says where it is."""
    database = neo4j_settings.database
    triples = _kaltara(neo4j_driver, database, 40)
    before = graph_state(neo4j_driver, database)
    left = local_server.home / bulk.WORK_FOLDER / "previous" / "databases" / database
    left.mkdir(parents=True)
    try:
        with pytest.raises(Neo4jError, match="interrupted offline load") as caught:
            _offline(neo4j_driver, neo4j_settings, local_server, triples)
        assert str(local_server.home / bulk.WORK_FOLDER / "previous") in str(caught.value)
        assert left.is_dir()  # never deleted: it may be the only copy of a database
        assert graph_state(neo4j_driver, database) == before
    finally:
        import shutil

        shutil.rmtree(local_server.home / bulk.WORK_FOLDER)
