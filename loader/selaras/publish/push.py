"""Publish into a real triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

The whole published graph goes in one ``PUT`` to ``URL?graph=IRI``: the store replaces the
named graph in one transaction (Apache Jena Fuseki does), so a refused or broken upload leaves
the old graph as it was, never half-replaced.
"""

from __future__ import annotations

from dataclasses import dataclass

from selaras.publish import rdf
from selaras.publish.graph import Published
from selaras.publish.http import StoreSettings, request, with_params


@dataclass(frozen=True)
class PushSummary:
    url: str
    graph: str
    triples: int

    def text(self) -> str:
        return f"{self.url}: graph <{self.graph}> replaced with {self.triples} triples"


def push_graph(published: Published, settings: StoreSettings, *, graph: str) -> PushSummary:
    """Replace the named graph ``graph`` of the store at ``settings.url`` (its Graph Store
    Protocol endpoint, e.g. ``http://127.0.0.1:3030/selaras/data``) with ``published``."""
    triples = published.triples()
    body = rdf.serialize(triples, "nt")
    request(
        settings,
        "PUT",
        with_params(settings.url, [("graph", graph)]),
        data=body,
        headers={"Content-Type": "application/n-triples; charset=utf-8"},
    )
    return PushSummary(settings.url, graph, len(triples))
