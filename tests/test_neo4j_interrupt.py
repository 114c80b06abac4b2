"""A load killed part way (SIGKILL, so the open transaction is lost), then run again, gives
exactly the graph of a clean load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

from neo4j_helpers import assert_isomorphic, count, graph_state, write_generated
from selaras.neo4j import clear_database, export_graph

pytestmark = pytest.mark.neo4j
DB = "neo4j"


def selaras(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from selaras.cli import main; main()", *args]
    return subprocess.Popen(
        command, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_killed_load_then_load_again_equals_a_clean_load(
    neo4j_driver: neo4j.Driver, neo4j_env: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "cascade.ttl"
    write_generated(source, 400, 21, defect_rate=0.02)
    load = ["load", str(source), "--dataset", "cut", "--allow-invalid", "-q"]
    query = "MATCH (n:Resource {dataset: 'cut'}) RETURN count(n)"

    # clean load: the reference
    assert selaras(*load, env=neo4j_env).wait(timeout=300) == 0
    clean_state = graph_state(neo4j_driver)
    clean_export = export_graph(neo4j_driver, database=DB, dataset="cut")
    total = count(neo4j_driver, query)
    clear_database(neo4j_driver, database=DB)

    # killed once some batches (of 60 subjects, one transaction each) are committed
    process = selaras(*load, "--batch-size", "60", env=neo4j_env)
    deadline = time.monotonic() + 120
    while count(neo4j_driver, query) < total // 4:
        assert process.poll() is None, "the load ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    partial = count(neo4j_driver, query)
    assert 0 < partial < total, (partial, total)

    # load again (other batch size on purpose): the same graph as the clean load
    again = selaras(*load, "--batch-size", "250", env=neo4j_env)
    _out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    assert graph_state(neo4j_driver) == clean_state
    assert_isomorphic(export_graph(neo4j_driver, database=DB, dataset="cut"), clean_export)
