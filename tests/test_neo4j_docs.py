"""The Neo4j docs stay true: the relationship table is the ontology's, every Cypher example runs."""

from __future__ import annotations

import re
from pathlib import Path

import neo4j
import pytest

from neo4j_helpers import generated
from selaras.neo4j import load_triples
from selaras.neo4j.mapping import graph_mapping

DOCS = Path(__file__).resolve().parents[1] / "docs"
PREFIXES = {
    "sel": "https://w3id.org/selaras/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def test_relationship_table_is_the_ontology() -> None:
    mapping = graph_mapping()
    text = (DOCS / "graph-mapping.md").read_text(encoding="utf-8")
    table = text.split("## Relationship types", 1)[1].split("\n\n", 1)[0]
    checked = 0
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        types = re.findall(r"`([A-Z_]+)`", cells[0])
        curies = re.findall(r"`(\w+):(\w+)`", cells[3])
        for rel_type, (prefix, local) in zip(types, curies, strict=False):
            assert mapping.name_of_predicate[PREFIXES[prefix] + local] == rel_type, line
            checked += 1
    assert checked >= 19


def cypher_examples() -> list[str]:
    found = []
    for name in ("graph-mapping.md", "neo4j.md"):
        text = (DOCS / name).read_text(encoding="utf-8")
        for block in re.findall(r"```cypher\n(.*?)```", text, flags=re.S):
            found += [s.strip() for s in block.split("\n\n") if s.strip()]
    return found


@pytest.mark.neo4j
def test_every_cypher_example_runs_and_answers(neo4j_driver: neo4j.Driver) -> None:
    load_triples(neo4j_driver, generated(60, 1), name="docs", database="neo4j")
    examples = cypher_examples()
    assert len(examples) >= 3
    for query in examples:
        records, _, _ = neo4j_driver.execute_query(query, database_="neo4j")  # type: ignore[arg-type]
        assert records, query
