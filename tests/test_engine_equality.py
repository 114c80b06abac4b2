"""The SPARQL engine and stock pySHACL give identical results on the project's own shapes.

Identical means the same set of raw results: focus node, source shape, severity, result path and
value, as N-Triples text. Checked on

* every graph of the rule tests (``tests/test_shapes.py``: the base cascade changed by one SPARQL
  Update per case, and the profile-switch case under the strict profile), and
* a cascade from :mod:`selaras.generate` with defects planted for every rule.

pySHACL takes one to two seconds per small graph, so the reference runs go to a pool of two
processes (the machines have two cores) and are computed once per test session.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

import test_shapes as rule_tests
from selaras import resources
from selaras.generate import ESELON_ONE_CODES, generate_cascade
from selaras.read import parse_file
from selaras.shacl_sparql import RawResult, validate_store
from selaras.validate import (
    _added,
    rules,
    run_pyshacl,
    shapes_graph,
)

#: (name, update, profile) of every graph of tests/test_shapes.py.
RULE_GRAPHS = [
    *((case.id, case.update, resources.DEFAULT_PROFILE) for case in rule_tests.CASES),
    ("profile-switch", rule_tests.PROFILE_CASE, resources.DEFAULT_PROFILE),
    ("profile-switch:strict", rule_tests.PROFILE_CASE, str(rule_tests.STRICT_PROFILE)),
]
#: The generated cascade: one Eselon I unit, 40 staff, defects for every rule.
GENERATED = {"staff": 40, "seed": 7, "defect_rate": 0.05, "eselon_one": ESELON_ONE_CODES[5:6]}

Results = frozenset[RawResult]


def _rule_graph(update: str) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(rule_tests._base_quads())
    if update:
        store.update(rule_tests.UPDATE_PROLOGUE + update)
    return store


def _generated_graph() -> ox.Store:
    return generate_cascade(**GENERATED).to_dataset().store  # type: ignore[arg-type]


def _run(store: ox.Store, profile: str, engine: str, shapes: rdflib.Graph) -> Results:
    extra = [*resources.ontology_triples(), *parse_file(Path(resources.profile_path(profile)))]
    with _added(store, extra):
        if engine == "pyshacl":
            return frozenset(run_pyshacl(store, shapes))
        return frozenset(validate_store(store, shapes))


def _reference(job: tuple[str, str, str]) -> tuple[str, Results]:
    """pySHACL's results for one graph (run in a worker process)."""
    name, update, profile = job
    store = _generated_graph() if name == "generated" else _rule_graph(update)
    return name, _run(store, profile, "pyshacl", shapes_graph())


@pytest.fixture(scope="session")
def reference() -> dict[str, Results]:
    jobs = [*RULE_GRAPHS, ("generated", "", resources.DEFAULT_PROFILE)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        return dict(pool.map(_reference, jobs, chunksize=4))


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return shapes_graph()


def _differences(mine: Results, theirs: Results) -> Iterator[str]:
    for r in sorted(mine - theirs, key=RawResult.sort_key):
        yield f"only the SPARQL engine: {r}"
    for r in sorted(theirs - mine, key=RawResult.sort_key):
        yield f"only pySHACL: {r}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "update", "profile"), RULE_GRAPHS, ids=[g[0] for g in RULE_GRAPHS]
)
def test_rule_graph_gives_pyshacls_results(
    name: str, update: str, profile: str, reference: dict[str, Results], shapes: rdflib.Graph
) -> None:
    mine = _run(_rule_graph(update), profile, "sparql", shapes)
    assert list(_differences(mine, reference[name])) == []


@pytest.mark.slow
def test_generated_cascade_gives_pyshacls_results_and_its_manifest(
    reference: dict[str, Results], shapes: rdflib.Graph
) -> None:
    cascade = generate_cascade(**GENERATED)  # type: ignore[arg-type]
    mine = _run(cascade.to_dataset().store, resources.DEFAULT_PROFILE, "sparql", shapes)
    assert list(_differences(mine, reference["generated"])) == []
    # The cascade is a real test: defects of many rules, every planted one found.
    assert len({r.shape for r in mine}) >= 30
    rule_of = rules(shapes)
    found = {(rule_of[str(r.shape)].rule_id, r.focus.value) for r in mine}
    assert {(m.rule_id, m.focus) for m in cascade.manifest} <= found
