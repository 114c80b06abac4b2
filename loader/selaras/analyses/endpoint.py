"""The analyses on a SPARQL 1.1 Protocol endpoint (Apache Jena Fuseki or any other store).

The ``queries/sparql/NAME.rq`` files run unchanged (parameters bound as on the embedded engine).
The graph that ``selaras publish --to`` wrote holds the dataset and the ontology together;
``graph`` names it as the query's default graph (the protocol's ``default-graph-uri``).
Results come back as SPARQL JSON; values are taken by their lexical form, as on the embedded
engine.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from selaras.analyses.catalog import Analysis, Value
from selaras.analyses.sparql import KIND_CLASSES, bind, literal
from selaras.errors import InputError
from selaras.namespace import SEL
from selaras.publish.http import StoreError, StoreSettings, request

RESULTS_JSON = "application/sparql-results+json"


def query(settings: StoreSettings, text: str, *, graph: str | None = None) -> dict[str, object]:
    """POST ``text`` (form-encoded) and return the parsed SPARQL JSON answer."""
    import urllib.parse

    fields = [("query", text)] + ([("default-graph-uri", graph)] if graph else [])
    body = request(
        settings,
        "POST",
        settings.url,
        data=urllib.parse.urlencode(fields).encode("utf-8"),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON},
    )
    try:
        answer = json.loads(body)
    except ValueError:
        raise StoreError(f"{settings.url} did not answer SPARQL JSON results") from None
    if not isinstance(answer, dict):
        raise StoreError(f"{settings.url} did not answer SPARQL JSON results")
    return answer


def run(
    analysis: Analysis,
    settings: StoreSettings,
    params: Mapping[str, Value],
    *,
    graph: str | None = None,
) -> list[list[str | None]]:
    """The raw rows of ``analysis`` on the endpoint (one value per declared column)."""
    path = analysis.query_path("sparql")
    answer = query(settings, bind(path.read_text(encoding="utf-8"), analysis, params), graph=graph)
    head = answer.get("head")
    names = list(head.get("vars", [])) if isinstance(head, dict) else []
    if tuple(names) != analysis.column_names:
        raise InputError(
            f"the endpoint answered columns {names}, the header declares "
            f"{list(analysis.column_names)}",
            path=path,
        )
    results = answer.get("results")
    bindings = results.get("bindings", []) if isinstance(results, dict) else []
    return [
        [(b[n]["value"] if n in b else None) for n in names]
        for b in bindings
        if isinstance(b, dict)
    ]


def code_exists(
    settings: StoreSettings, code: str, kinds: tuple[str, ...], *, graph: str | None = None
) -> bool:
    classes = ", ".join(f"<{iri}>" for kind in kinds for iri in KIND_CLASSES[kind])
    text = f"ASK {{ ?node <{SEL.code}> {literal(code)} ; a ?class FILTER(?class IN ({classes})) }}"
    return bool(query(settings, text, graph=graph).get("boolean"))
