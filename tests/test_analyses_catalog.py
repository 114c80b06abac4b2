"""The query files themselves: headers, pairs, parameters, bounded patterns; docs complete."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import pytest

from selaras import resources
from selaras.analyses import analyses, analysis
from selaras.analyses.catalog import parse_header
from selaras.analyses.sparql import placeholder
from selaras.errors import InputError, UnknownNameError

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {"cascade", "line-of-sight", "orphans", "misaligned", "coverage", "strategy-map"}
COLUMNS = {
    "cascade": ("code", "kind", "unit", "level", "depth", "parent"),
    "line-of-sight": ("code", "kind", "unit", "level", "depth"),
    "orphans": ("code", "unit", "level", "kind"),
    "misaligned": ("code", "unit", "source", "reason"),
    "strategy-map": ("perspective", "code", "statement", "causes"),
}


def test_the_required_analyses_exist_with_their_columns() -> None:
    assert {a.name for a in analyses()} >= REQUIRED
    for name, columns in COLUMNS.items():
        assert analysis(name).column_names == columns
    assert analysis("coverage").column_names[:2] == ("unit", "level")


@pytest.mark.parametrize("name", resources.query_names())
def test_both_files_of_a_pair_declare_the_same_header(name: str) -> None:
    cypher = resources.query_path("cypher", name)
    sparql = resources.query_path("sparql", name)
    from_cypher = parse_header(cypher.read_text(), language="cypher", path=cypher)
    from_sparql = parse_header(sparql.read_text(), language="sparql", path=sparql)
    assert from_cypher.name == name
    assert (from_cypher.description, from_cypher.parameters, from_cypher.columns) == (
        from_sparql.description,
        from_sparql.parameters,
        from_sparql.columns,
    )
    assert from_cypher.order == from_sparql.order
    assert from_cypher.description and all(c.description for c in from_cypher.columns)


@pytest.mark.parametrize("name", resources.query_names())
def test_parameters_are_bound_never_pasted(name: str) -> None:
    found = analysis(name)
    cypher = found.query_text("cypher")
    sparql = found.query_text("sparql")
    body = "\n".join(line for line in cypher.splitlines() if not line.lstrip().startswith("//"))
    for parameter in found.parameters:
        assert f"${parameter.name}" in body
        assert placeholder(parameter.name) in sparql
    assert set(re.findall(r"\$(\w+)", body)) == {p.name for p in found.parameters}


@pytest.mark.parametrize("name", resources.query_names())
def test_variable_length_patterns_are_bounded_or_say_why(name: str) -> None:
    found = analysis(name)
    body = "\n".join(
        line
        for line in found.query_text("cypher").splitlines()
        if not line.lstrip().startswith("//")
    )
    lengths = re.findall(r"\*(\d*)\.\.(\d*)\]", body)
    assert "*]" not in body  # a bare * is unbounded
    notes = " ".join(found.notes.split())
    for _low, high in lengths:
        if not high:
            assert "not bounded on purpose" in notes or "without its 8-step bound" in notes
        else:
            assert int(high) <= 8


def test_unknown_analysis_lists_the_valid_names() -> None:
    with pytest.raises(UnknownNameError) as caught:
        analysis("casade")
    assert "cascade" in str(caught.value) and "strategy-map" in str(caught.value)


def test_a_malformed_header_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.cypher"
    text = "// name: bad\n// description: x\n// column code: strng -- x\n// order: code\nRETURN 1"
    with pytest.raises(InputError, match=r"bad.cypher:3: column type 'strng'"):
        parse_header(text, language="cypher", path=path)
    with pytest.raises(InputError, match="no 'order:' line"):
        parse_header("// name: bad\n// description: x\nRETURN 1", language="cypher", path=path)


def test_every_analysis_is_documented() -> None:
    docs = (ROOT / "docs" / "analyses.md").read_text(encoding="utf-8")
    for found in analyses():
        assert f"## `{found.name}`" in docs
        assert f"selaras query {found.name}" in docs
        for column in found.columns:
            assert f"`{column.name}`" in docs


@pytest.mark.parametrize("language", ["cypher", "sparql"])
def test_every_shipped_file_runs_without_its_final_sort(
    language: Literal["cypher", "sparql"],
) -> None:
    from selaras.analyses.catalog import unordered
    from selaras.neo4j.analyses import collected

    # Every shipped file ends with its ORDER BY, which make_result redoes.
    for found in analyses():
        text = found.query_path(language).read_text(encoding="utf-8")
        body = unordered(text)
        assert text.startswith(body)
        assert text[len(body) :].strip().upper().startswith("ORDER BY")
        if language == "cypher":
            assert text[len(body) :].strip() not in collected(text, found.column_names)


def test_only_a_last_line_sort_that_does_not_page_is_left_out() -> None:
    from selaras.analyses.catalog import unordered

    paged = "MATCH (n) RETURN n.code AS code\nORDER BY code\nLIMIT 3\n"
    assert unordered(paged) == paged
    assert unordered("MATCH (n) RETURN n.code AS code ORDER BY code SKIP 1") == (
        "MATCH (n) RETURN n.code AS code ORDER BY code SKIP 1"
    )
    assert unordered("RETURN 1 AS x\n  order by x  \n") == "RETURN 1 AS x"
    # An ORDER BY inside a subquery, or followed by more lines, stays.
    inner = "CALL () {\n  MATCH (n) RETURN n ORDER BY n.code\n}\nRETURN n"
    assert unordered(inner) == inner
    paged = "SELECT ?code WHERE { ?s ?p ?code }\nORDER BY ?code\nLIMIT 3\n"
    assert unordered(paged) == paged
    assert unordered("SELECT ?c WHERE { ?s ?p ?c }\nORDER BY ?c OFFSET 2") == (
        "SELECT ?c WHERE { ?s ?p ?c }\nORDER BY ?c OFFSET 2"
    )
