"""Neo4j Browser, the analysts' web UI, is served by the local server at /browser/ and renders
in a real browser (headless Chromium), ready to connect to the Bolt port."""

from __future__ import annotations

import urllib.request

import neo4j
import pytest

from selaras.neo4j import Neo4jSettings
from tools import chromium, unavailable

pytestmark = pytest.mark.neo4j


def _http_address(driver: neo4j.Driver, database: str) -> str:
    settings = {
        record["name"]: record["value"]
        for record in driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name IN "
            "['server.http.enabled', 'server.http.listen_address'] RETURN name, value",
            database_=database,
        ).records
    }
    if settings.get("server.http.enabled") != "true":
        unavailable("the Neo4j server has no HTTP connector, so no Browser")
    host, _, port = str(settings["server.http.listen_address"]).rpartition(":")
    return f"http://{host or '127.0.0.1'}:{port}"


def test_browser_is_served_and_renders_its_connect_form(
    neo4j_session_driver: neo4j.Driver, neo4j_settings: Neo4jSettings
) -> None:
    base = _http_address(neo4j_session_driver, neo4j_settings.database)
    with urllib.request.urlopen(f"{base}/browser/", timeout=30) as response:
        assert response.status == 200
        assert "Neo4j Browser" in response.read().decode("utf-8")
    dom = chromium("--virtual-time-budget=15000", "--dump-dom", f"{base}/browser/").stdout
    assert "Connect to Neo4j" in dom
