"""Load one RDF file into Neo4j with rdflib-neo4j (Neo4j Labs' RDFLib store), the peer of
``selaras load`` in ``benchmarks/peers.py``.

    .venv-rdflib-neo4j/bin/python rdflib_neo4j_load.py FILE.nt

Runs in its own virtual environment (benchmarks/peers/.venv-rdflib-neo4j, made by peers.py),
never in Selaras'. The store is set up as its README shows: batching on (5,000 per batch), the
vocabulary IRIs' namespaces ignored (labels and property names are local names). Connection from
NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.
"""

from __future__ import annotations

import os
import sys

from rdflib import Graph
from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig


def main() -> None:
    path = sys.argv[1]
    auth = {
        "uri": os.environ["NEO4J_URI"],
        "database": os.environ.get("NEO4J_DATABASE", "neo4j"),
        "user": os.environ.get("NEO4J_USER", "neo4j"),
        "pwd": os.environ["NEO4J_PASSWORD"],
    }
    config = Neo4jStoreConfig(
        auth_data=auth,
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE,
        batching=True,
    )
    graph = Graph(store=Neo4jStore(config=config))
    graph.parse(path, format="nt")
    graph.close(True)


if __name__ == "__main__":
    main()
