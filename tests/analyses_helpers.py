"""Helpers for the analysis tests: run an analysis on files with either engine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from selaras.analyses import QueryResult, run_analysis
from selaras.read import read_dataset

Row = tuple[Any, ...]


#: rule id of the catalogue -> the `misaligned` reason that reports the same defect
MISALIGNED_REASONS = {
    "SS-CASCADE-ANCESTOR": "cross-branch",
    "SS-PERSPECTIVE-ORDER": "perspective-lowered",
    "SS-DIRECT-ONE": "direct-to-many",
    "SS-CASCADE-YEAR": "year-mismatch",
    "SS-ORIGIN": "origin-without-map",
    "SS-CASCADE-CYCLE": "cycle",
    "IKU-CASCADE-ANCESTOR": "iku-cross-branch",
    "IKU-FOLLOWS-SS": "iku-not-following-ss",
    "IKU-FULL-SAME": "full-cascade-changed",
}


def embedded(
    name: str, paths: Sequence[Path], params: Mapping[str, str] | None = None
) -> QueryResult:
    return run_analysis(name, dataset=read_dataset(list(paths)), params=params or {})


def load_into_neo4j(driver: Any, database: str, paths: Sequence[Path], name: str = "test") -> None:
    """Empty the database, then load ``paths`` (as parsed: lexical forms kept)."""
    from selaras.neo4j import clear_database, load_triples

    clear_database(driver, database=database)
    load_triples(driver, read_dataset(list(paths)).triples(), name=name, database=database)


def on_neo4j(
    driver: Any, database: str, name: str, params: Mapping[str, str] | None = None
) -> QueryResult:
    return run_analysis(name, engine="neo4j", driver=driver, database=database, params=params or {})
