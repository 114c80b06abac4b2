"""The answer of an analysis as a value: columns, typed rows in a fixed order, warnings.

Both engines hand their raw rows to :func:`make_result`, which gives every value the type its
column declares (``integer`` -> int, ``decimal`` -> float rounded to 4 places, the rest -> str;
empty stays None) and sorts the rows by the analysis's ``order`` columns, then by all the
others, empty values first, levels and perspectives by their rank. So the same data gives the
same rows on both engines, and renderers only format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from selaras.analyses.catalog import Analysis, Column, Value

DECIMAL_PLACES = 4
SKOS_NOTATION = "http://www.w3.org/2004/02/skos/core#notation"


@dataclass(frozen=True)
class QueryResult:
    """Rows of one analysis run; ``params`` are the values used (defaults filled in)."""

    analysis: Analysis
    engine: str
    params: Mapping[str, Value]
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    warnings: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Value]]:
        """Rows as dicts keyed by column, in column order."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def convert(value: Any, column: Column) -> Value:
    """A raw value (Python value from Neo4j, lexical form from SPARQL) as its column's type."""
    if value is None:
        return None
    if column.type == "integer":
        return int(value)
    if column.type == "decimal":
        return round(float(value), DECIMAL_PLACES)
    return str(value)


@cache
def _ranks() -> dict[str, dict[str, int]]:
    """Notation -> rank of the level and perspective concepts (from ontology/concepts.ttl)."""
    import pyoxigraph as ox

    from selaras import resources
    from selaras.namespace import SEL

    store = ox.Store()
    for path in resources.ontology_paths():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    found: dict[str, dict[str, int]] = {"level": {}, "perspective": {}}
    query = (
        "SELECT ?type ?notation ?rank WHERE { "
        f"?concept a ?type ; <{SKOS_NOTATION}> ?notation ; <{SEL.rank}> ?rank . "
        f"VALUES ?type {{ <{SEL.Level}> <{SEL.Perspective}> }} }}"
    )
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        kind = "level" if row["type"] == ox.NamedNode(str(SEL.Level)) else "perspective"
        notation, rank = row["notation"], row["rank"]
        assert isinstance(notation, ox.Literal) and isinstance(rank, ox.Literal)
        found[kind][notation.value] = int(rank.value)
    return found


def _sort_value(value: Value, column: Column) -> tuple[int, Any]:
    """Empty first; ranked notations by rank (unknown ones after, by text); the rest by value."""
    if value is None:
        return (0, 0)
    if column.type in ("level", "perspective"):
        rank = _ranks()[column.type].get(str(value))
        return (1, (0, rank, "")) if rank is not None else (1, (1, 0, str(value)))
    return (1, value)


def make_result(
    analysis: Analysis,
    *,
    engine: str,
    params: Mapping[str, Value],
    rows: Iterable[Sequence[Any]],
    warnings: Sequence[str] = (),
) -> QueryResult:
    """Typed, sorted rows: raw ``rows`` hold one value per column, in column order."""
    columns = analysis.columns
    typed = [tuple(convert(v, c) for v, c in zip(row, columns, strict=True)) for row in rows]
    index = {c.name: i for i, c in enumerate(columns)}
    keys = [index[name] for name in analysis.order]
    keys += [i for i in range(len(columns)) if i not in keys]
    typed.sort(key=lambda row: tuple(_sort_value(row[i], columns[i]) for i in keys))
    return QueryResult(
        analysis=analysis,
        engine=engine,
        params=dict(params),
        columns=analysis.column_names,
        rows=tuple(typed),
        warnings=tuple(warnings),
    )
