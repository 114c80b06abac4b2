"""Shared fixtures. Tests marked ``neo4j`` need a server at NEO4J_URI: in CI (CI=true) a missing
server is a failure, never a skip; elsewhere they are skipped with the reason."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import neo4j

    from selaras.neo4j import Neo4jSettings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
#: The password `scripts/neo4j-local` gives the local server unless NEO4J_PASSWORD says otherwise.
LOCAL_PASSWORD = "selaras-dev-password"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    """Settings of the test server (NEO4J_* variables, the local server's password by default).

    Unreachable server: pytest.fail when CI is set, pytest.skip with the reason otherwise.
    """
    from selaras.errors import Neo4jError
    from selaras.neo4j import Neo4jSettings, connect
    from tools import unavailable

    settings = Neo4jSettings.from_env(password=os.environ.get("NEO4J_PASSWORD", LOCAL_PASSWORD))
    try:
        with connect(settings):
            pass
    except Neo4jError as exc:
        unavailable(f"no Neo4j server: {exc}")
    return settings


@pytest.fixture(scope="session")
def neo4j_session_driver(neo4j_settings: Neo4jSettings) -> Iterator[neo4j.Driver]:
    from selaras.neo4j import connect

    with connect(neo4j_settings) as driver:
        yield driver


@pytest.fixture
def neo4j_driver(neo4j_session_driver: neo4j.Driver, neo4j_settings: Neo4jSettings) -> neo4j.Driver:
    """A driver on an empty database: every node and relationship is deleted before the test.

    Community Edition has one database, so Neo4j tests run one after another on it.
    """
    from selaras.neo4j import clear_database

    clear_database(neo4j_session_driver, database=neo4j_settings.database)
    return neo4j_session_driver


@pytest.fixture
def neo4j_env(neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """NEO4J_* variables for running the CLI against the test server."""
    env = {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password or "",
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env
