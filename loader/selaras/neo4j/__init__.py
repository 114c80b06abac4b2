"""Neo4j stage: load a Dataset into a Neo4j property graph and export it back as RDF, losslessly.

One module per step::

    connection settings (NEO4J_URI, _USER, _PASSWORD, _DATABASE or options), a verified
              driver, driver exceptions -> Neo4jError
    mapping   the RDF -> property-graph rules, derived from ontology/*.ttl (sel:graphName)
    values    literals <-> property values (datatypes, language tags, exact lexical forms)
    rows      triples -> node rows for ``UNWIND $rows`` batches
    load      the gate (validate, refuse what does not conform), schema, replacing a dataset
    write     batched idempotent writes: nodes, bare targets, then relationships found by
              the element ids the node writes returned; two transactions in flight
    export    a dataset's nodes -> pyoxigraph triples, literals as loaded
    analyses  the Cypher files of the named analyses, run on what a load wrote

The contract is ``docs/graph-mapping.md``; how to use it is ``docs/neo4j.md``. Importing this
package does not import the driver's ``neo4j`` package under another name: the driver stays
``neo4j`` and this is ``selaras.neo4j``.
"""

from __future__ import annotations

from selaras.neo4j.connection import Neo4jSettings, connect
from selaras.neo4j.export import datasets, export_graph
from selaras.neo4j.load import (
    LoadSummary,
    clear_database,
    delete_dataset,
    load_dataset,
    load_triples,
)

__all__ = [
    "LoadSummary",
    "Neo4jSettings",
    "clear_database",
    "connect",
    "datasets",
    "delete_dataset",
    "export_graph",
    "load_dataset",
    "load_triples",
]
