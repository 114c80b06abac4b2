"""Shared fixtures. Tests marked ``neo4j`` need a server at NEO4J_URI: in CI (CI=true) a missing
server is a failure, never a skip; elsewhere they are skipped with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
