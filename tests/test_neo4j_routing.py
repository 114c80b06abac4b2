"""A `neo4j://` routing URI works unchanged: the driver asks the server for its routing table
(a single server answers with itself, a cluster or Aura with its members), then load, query and
export run as with `bolt://`."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import neo4j
import pytest
from click.testing import CliRunner

from neo4j_helpers import assert_isomorphic, exact_graph
from selaras.cli import main

pytestmark = pytest.mark.neo4j
KALTARA = Path(__file__).resolve().parents[1] / "examples" / "kaltara"


def test_load_query_and_export_through_a_routing_uri(
    neo4j_driver: neo4j.Driver,
    neo4j_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    address = urlsplit(neo4j_env["NEO4J_URI"]).netloc
    monkeypatch.setenv("NEO4J_URI", f"neo4j://{address}")
    runner = CliRunner()

    result = runner.invoke(main, ["load", str(KALTARA), "-q"])
    assert result.exit_code == 0, result.output

    query = ["query", "line-of-sight", "--engine", "neo4j", "--format", "csv"]
    result = runner.invoke(main, [*query, "--param", "from=IKU-KPPN-TRK-PD-P1-1a"])
    assert result.exit_code == 0, result.output
    codes = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert codes[0] == "IKU-KPPN-TRK-PD-P1-1a" and codes[-1] == "SS-KEMENKEU-2"

    out = tmp_path / "kaltara.nt"
    result = runner.invoke(main, ["export", "--format", "nt", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert_isomorphic(exact_graph(out), exact_graph(KALTARA))
