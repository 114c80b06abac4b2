"""docker-compose.yml is checked by Debian's docker-compose (no Docker engine runs here)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from tools import require_program

ROOT = Path(__file__).resolve().parents[1]


def compose_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    program = require_program("docker-compose")
    return subprocess.run(
        [program, "-f", str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=False,
    )


def test_compose_file_resolves_with_a_password() -> None:
    done = compose_config({"NEO4J_PASSWORD": "s3cret-for-test"})
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load(done.stdout)
    neo4j = config["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.26")
    assert "apoc" in neo4j["environment"]["NEO4J_PLUGINS"]
    assert neo4j["environment"]["NEO4J_AUTH"] == "neo4j/s3cret-for-test"
    # Published on the host's loopback only: "127.0.0.1:7687:7687/tcp".
    assert sorted(neo4j["ports"]) == ["127.0.0.1:7474:7474/tcp", "127.0.0.1:7687:7687/tcp"]
    assert "neo4j-data" in config["volumes"]
    selaras = config["services"]["selaras"]
    assert selaras["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"


def test_compose_file_refuses_to_run_without_a_password() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    program = require_program("docker-compose")
    done = subprocess.run(
        [program, "-f", str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode != 0
    assert "NEO4J_PASSWORD" in done.stderr


def test_compose_file_has_fuseki_on_loopback() -> None:
    done = compose_config({"NEO4J_PASSWORD": "a-password", "FUSEKI_PASSWORD": "f-password"})
    assert done.returncode == 0, done.stderr
    fuseki = yaml.safe_load(done.stdout)["services"]["fuseki"]
    assert fuseki["environment"]["FUSEKI_PASSWORD"] == "f-password"
    assert fuseki["ports"] == ["127.0.0.1:3030:3030/tcp"]
    dockerfile = (ROOT / "fuseki-server" / "Dockerfile").read_text(encoding="utf-8")
    assert "FusekiMainCmd" in dockerfile and "--auth=basic" in dockerfile
