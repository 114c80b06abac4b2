"""The bundled examples round-trip through Neo4j: kaltara validated, defects with
--allow-invalid (it breaks every rule on purpose)."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from neo4j_helpers import assert_isomorphic, exact_graph
from selaras.cli import main
from selaras.neo4j import export_graph

pytestmark = pytest.mark.neo4j
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(("name", "options"), [("kaltara", []), ("defects", ["--allow-invalid"])])
def test_example_round_trips(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], name: str, options: list[str]
) -> None:
    path = EXAMPLES / name
    result = CliRunner().invoke(main, ["load", str(path), "-q", *options])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{name}: ")
    assert_isomorphic(export_graph(neo4j_driver, database="neo4j", dataset=name), exact_graph(path))
