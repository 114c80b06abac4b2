"""Publishing into a real Apache Jena Fuseki 5.6.0 (scripts/fuseki-local): the Graph Store
Protocol round trip, the analyses' SPARQL files run unchanged there with the same rows as the
embedded engine, and a store that is down or refuses the credentials changes nothing."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner, Result
from rdflib.compare import isomorphic

from publish_helpers import FUSEKI_PASSWORD, FUSEKI_USER, fuseki_or_unavailable
from selaras.analyses import analyses, run_analysis
from selaras.cli import main
from selaras.generate import generate_cascade
from selaras.publish.graph import published_graph
from selaras.publish.http import StoreSettings
from selaras.read import Dataset

pytestmark = pytest.mark.fuseki
ROOT = Path(__file__).resolve().parents[1]
KALTARA = ROOT / "examples" / "kaltara"
#: Fresh graph names every run: TDB2 replaces a graph by deleting its quads one by one, which
#: takes minutes for a generated cascade on a busy machine; a new name has nothing to delete.
RUN = uuid.uuid4().hex[:12]


@pytest.fixture(scope="module")
def fuseki() -> str:
    return fuseki_or_unavailable()


def credentials(password: str = FUSEKI_PASSWORD) -> dict[str, str]:
    return {"SELARAS_STORE_USER": FUSEKI_USER, "SELARAS_STORE_PASSWORD": password}


def publish(*args: str, env: dict[str, str]) -> Result:
    return CliRunner().invoke(main, ["publish", *args], env=env)


def construct(fuseki: str, graph: str) -> rdflib.Graph:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    token = base64.b64encode(f"{FUSEKI_USER}:{FUSEKI_PASSWORD}".encode()).decode()
    request = urllib.request.Request(
        fuseki + "/sparql",
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Authorization": f"Basic {token}", "Accept": "application/n-triples"},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return rdflib.Graph().parse(data=answer.read(), format="nt")


def test_round_trip(fuseki: str) -> None:
    graph = f"https://w3id.org/selaras/test/{RUN}/round-trip"
    done = publish(
        str(KALTARA), "--to", fuseki + "/data", "--graph", graph, "-q", env=credentials()
    )
    assert done.exit_code == 0, done.output
    got = construct(fuseki, graph)
    from selaras.read import read_dataset

    published = published_graph(read_dataset([KALTARA]).triples())
    expected = rdflib.Graph().parse(
        data="".join(f"{t} .\n" for t in published.triples()), format="nt"
    )
    assert len(got) == len(expected) > 2500
    # TDB2 stores an xsd:decimal as its value: "80.00" comes back as "80.0". Every other term
    # comes back exactly; the decimals come back with the same values (docs/publishing.md).
    changed = set(expected) - set(got)
    assert changed and all(o.datatype == rdflib.XSD.decimal for _, _, o in changed)
    assert isomorphic(_decimals_as_values(got), _decimals_as_values(expected))


def _decimals_as_values(graph: rdflib.Graph) -> rdflib.Graph:
    from decimal import Decimal

    found = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype == rdflib.XSD.decimal:
            o = rdflib.Literal(str(Decimal(str(o)).normalize()), datatype=rdflib.XSD.decimal)
        found.add((s, p, o))
    return found


def test_refused_credentials_and_a_down_store_change_nothing(fuseki: str) -> None:
    graph = f"https://w3id.org/selaras/test/{RUN}/kept"
    assert (
        publish(
            str(KALTARA), "--to", fuseki + "/data", "--graph", graph, "-q", env=credentials()
        ).exit_code
        == 0
    )
    before = construct(fuseki, graph)
    done = publish(
        str(KALTARA),
        "--include-staff",
        "--to",
        fuseki + "/data",
        "--graph",
        graph,
        "-q",
        env=credentials("wrong-password"),
    )
    assert done.exit_code == 2
    assert done.output.startswith("selaras: error:") and done.output.count("\n") == 1
    assert "refused the credentials" in done.output and "wrong-password" not in done.output
    done = publish(
        str(KALTARA),
        "--to",
        "http://127.0.0.1:9/selaras/data",
        "--graph",
        graph,
        "-q",
        env=credentials(),
    )
    assert done.exit_code == 2 and "cannot reach" in done.output and done.output.count("\n") == 1
    # an upload that breaks half-way (a malformed last line) leaves the old graph whole
    token = base64.b64encode(f"{FUSEKI_USER}:{FUSEKI_PASSWORD}".encode()).decode()
    body = "".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(5000)) + "<urn:broken\n"
    request = urllib.request.Request(
        fuseki + "/data?" + urllib.parse.urlencode({"graph": graph}),
        data=body.encode(),
        method="PUT",
        headers={"Authorization": f"Basic {token}", "Content-Type": "application/n-triples"},
    )
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=60)
    assert isomorphic(construct(fuseki, graph), before)


def _codes(dataset: Dataset) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    solutions = dataset.store.query(
        "PREFIX sel: <https://w3id.org/selaras/ontology#> SELECT ?kind ?code WHERE { "
        'VALUES (?c ?kind) { (sel:StrategicObjective "SS") (sel:KeyPerformanceIndicator "IKU") '
        '(sel:Unit "Unit") } ?n a ?c ; sel:code ?code } ORDER BY ?kind ?code'
    )
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        found.setdefault(row["kind"].value, []).append(row["code"].value)  # type: ignore[union-attr]
    return found


@pytest.mark.parametrize("source", ["kaltara", "generated"])
def test_every_analysis_on_fuseki_equals_the_embedded_engine(fuseki: str, source: str) -> None:
    if source == "kaltara":
        from selaras.read import read_dataset

        triples = list(read_dataset([KALTARA]).triples())
    else:
        triples = list(generate_cascade(staff=150, seed=21, defect_rate=0.05).triples())
    published = published_graph(triples, include_staff=True)
    graph = f"https://w3id.org/selaras/test/{RUN}/differential-{source}"
    settings = StoreSettings(fuseki + "/data", FUSEKI_USER, FUSEKI_PASSWORD)
    from selaras.publish.push import push_graph

    push_graph(published, settings, graph=graph)
    endpoint = StoreSettings(fuseki + "/sparql", FUSEKI_USER, FUSEKI_PASSWORD)
    dataset = Dataset()
    dataset.add_triples(triples)
    codes = _codes(dataset)
    tried: dict[str, list[dict[str, Any]]] = {
        "cascade": [{}, {"from": codes["SS"][len(codes["SS"]) // 2]}, {"from": "NO-SUCH"}],
        "line-of-sight": [
            {"from": codes["SS"][-1]},
            {"from": codes["IKU"][len(codes["IKU"]) // 2]},
        ],
        "strategy-map": [{}, {"unit": codes["Unit"][len(codes["Unit"]) // 2]}],
        "scores": [
            {"period": period, **unit}
            for period in (_year(dataset), f"{_year(dataset)}-Q2")
            for unit in ({}, {"unit": codes["Unit"][len(codes["Unit"]) // 3]})
        ],
    }
    compared = 0
    for found in analyses():
        for params in tried.get(found.name, [{}]):
            embedded = run_analysis(found.name, dataset=dataset, params=params)
            remote = run_analysis(found.name, params=params, endpoint=endpoint, graph=graph)
            assert remote.rows == embedded.rows, (found.name, params)
            assert remote.warnings == embedded.warnings
            compared += len(embedded.rows)
    assert compared > 50


def test_query_cli_with_endpoint(fuseki: str) -> None:
    graph = f"https://w3id.org/selaras/test/{RUN}/cli"
    assert (
        publish(
            str(KALTARA),
            "--include-staff",
            "--to",
            fuseki + "/data",
            "--graph",
            graph,
            "-q",
            env=credentials(),
        ).exit_code
        == 0
    )
    runner = CliRunner()
    remote = runner.invoke(
        main,
        [
            "query",
            "cascade",
            "--endpoint",
            fuseki + "/sparql",
            "--graph",
            graph,
            "--format",
            "json",
        ],
        env=credentials(),
    )
    local = runner.invoke(main, ["query", "cascade", str(KALTARA), "--format", "json"])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output)
    refused = runner.invoke(
        main,
        ["query", "cascade", "--endpoint", fuseki + "/sparql", "--graph", graph],
        env=credentials("nope"),
    )
    assert refused.exit_code == 2 and "refused the credentials" in refused.output


def _year(dataset: Dataset) -> str:
    """The year of the dataset's quarterly targets (the scores analysis needs a period)."""
    from selaras.score import last_reported_period

    period = last_reported_period(dataset)
    assert period is not None
    return period[:4]
