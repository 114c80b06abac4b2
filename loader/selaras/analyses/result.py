"""The answer of an analysis as a value: columns, typed rows in a fixed order, warnings.

Both engines hand their raw rows to :func:`make_result`, which gives every value the type its
column declares (``integer`` -> int, ``decimal`` -> float rounded to 4 places, the rest -> str;
empty stays None) and sorts the rows by the analysis's ``order`` columns, then by all the
others, empty values first, levels and perspectives by their rank. So the same data gives the
same rows on both engines, and renderers only format.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    return _sort_key(column)(value)


def _plain_key(value: Value) -> tuple[int, Any]:
    return (0, 0) if value is None else (1, value)


def _sort_key(column: Column) -> Callable[[Value], tuple[int, Any]]:
    """The sort key of one column's values (:func:`_sort_value`), made once per column."""
    if column.type not in ("level", "perspective"):
        return _plain_key
    ranks = _ranks()[column.type]

    def ranked(value: Value) -> tuple[int, Any]:
        if value is None:
            return (0, 0)
        rank = ranks.get(str(value))
        return (1, (0, rank, "")) if rank is not None else (1, (1, 0, str(value)))

    return ranked


def _column_keys(values: Sequence[Value], column: Column) -> Sequence[Any]:
    """The sort values of one column's values, ordered as :func:`_sort_value` orders them.

    A column with no empty value and no rank needs no wrapping: its values compare alike.
    """
    if column.type not in ("level", "perspective"):
        if None not in values:
            return values
        return [(0, 0) if v is None else (1, v) for v in values]
    key = _sort_key(column)
    made: dict[Value, tuple[int, Any]] = {}
    return [made[v] if v in made else made.setdefault(v, key(v)) for v in values]


def _convert_column(values: Sequence[Any], column: Column) -> Sequence[Value]:
    """:func:`convert` of every value of one column; values already of the type stay as they
    are (most of them: Neo4j gives ints and strings, SPARQL strings)."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if column.type == "decimal":
        return [None if v is None else round(float(v), DECIMAL_PLACES) for v in values]
    if column.type == "integer":
        return values if kinds <= {int} else [None if v is None else int(v) for v in values]
    return values if kinds <= {str} else [None if v is None else str(v) for v in values]


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
    width = len(columns)
    raw = [tuple(row) for row in rows]
    for row in raw:
        if len(row) != width:
            raise ValueError(f"a row of {len(row)} values for {width} columns")
    # Column by column: each column's values are typed, and their sort values made, in one go.
    by_column = list(zip(*raw, strict=True)) if raw else [() for _ in columns]
    typed_columns = [_convert_column(v, c) for v, c in zip(by_column, columns, strict=True)]
    index = {c.name: i for i, c in enumerate(columns)}
    keys = [index[name] for name in analysis.order]
    keys += [i for i in range(width) if i not in keys]
    # Rows are sorted by the tuple of their columns' sort values (the order columns, then all
    # the others); Python's sort is stable, so rows equal on every column keep their order. The
    # order columns alone tell most rows apart: the other columns' sort values are made only
    # for the rows that tie on them, and sort each such run of rows in place.
    ordered, rest = keys[: len(analysis.order)], keys[len(analysis.order) :]
    order_keys = list(
        zip(*(_column_keys(typed_columns[i], columns[i]) for i in ordered), strict=True)
    )
    order = sorted(range(len(raw)), key=order_keys.__getitem__)
    if rest:
        start = 0
        for _, run in itertools.groupby(order, key=order_keys.__getitem__):
            size = len(list(run))
            if size > 1:
                order[start : start + size] = sorted(
                    order[start : start + size],
                    key=lambda j: tuple(_sort_value(typed_columns[i][j], columns[i]) for i in rest),
                )
            start += size
    typed = list(zip(*typed_columns, strict=True)) if raw else []
    typed = [typed[j] for j in order]
    return QueryResult(
        analysis=analysis,
        engine=engine,
        params=dict(params),
        columns=analysis.column_names,
        rows=tuple(typed),
        warnings=tuple(warnings),
    )
