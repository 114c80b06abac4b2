"""SHACL conformance: the 93 DASH test cases (core and sparql) of pySHACL's source distribution.

Each case runs as ``selaras validate CASE --shapes CASE`` would (default engine ``auto``) and
must give the case's expected report: the same (focus node, source shape, result path, value)
results and ``sh:conforms``. The cases are downloaded from PyPI and cached, never copied here
(:mod:`dash_cases`). docs/validation.md carries the table this produces.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dash_cases

CASES = dash_cases.cases()


def test_the_suite_is_the_93_core_and_sparql_cases() -> None:
    assert len(CASES) == 93
    assert {p.relative_to(dash_cases.case_folder()).parts[0] for p in CASES} == {"core", "sparql"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.removesuffix(".test.ttl"))
def test_case_gives_the_expected_report(case: Path) -> None:
    outcome = dash_cases.run_case(case)
    assert outcome.conforms_found == outcome.conforms_expected
    assert sorted(outcome.missing) == []
    assert sorted(outcome.extra) == []


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.removesuffix(".test.ttl"))
def test_case_runs_entirely_on_the_sparql_engine(case: Path) -> None:
    outcome = dash_cases.run_case(case, engine="sparql")
    assert outcome.passed, (sorted(outcome.missing), sorted(outcome.extra))


def test_docs_table_is_current() -> None:
    outcomes = [dash_cases.run_case(p) for p in CASES]
    text = dash_cases.DOCS.read_text(encoding="utf-8")
    assert dash_cases.table(outcomes) in text
