"""The analyses on Neo4j: an analysis's Cypher file, run as it is, parameters bound as ``$name``.

Reads whatever ``selaras load`` wrote to the database (every dataset in it). Runs in a managed
read transaction (``execute_read``) on the named database, so routing drivers (clusters, Aura)
send it to a reader. Driver errors become :class:`~selaras.errors.Neo4jError` via
:mod:`selaras.neo4j.connection`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, LiteralString, cast

import neo4j

from selaras.analyses.catalog import Analysis, Value, unordered
from selaras.errors import InputError

#: Labels of the node kinds a code parameter can name (closed: query text only from here).
KIND_LABELS: dict[str, LiteralString] = {"SS": "SS", "IKU": "IKU", "Unit": "Unit"}


def _query(text: str) -> LiteralString:
    # The text is one of the query files Selaras ships, never input: values travel as parameters.
    return cast(LiteralString, text)  # type: ignore[redundant-cast]


def _session(driver: neo4j.Driver, database: str) -> neo4j.Session:
    # No server notifications: a query that names a property no node has yet (statement for
    # untagged statements) is correct, and the warning would only be noise on stderr.
    return driver.session(database=database, notifications_min_severity="OFF")


def collected(query: str, columns: tuple[str, ...]) -> LiteralString:
    """``query`` as a subquery whose rows come back as one list of lists, in column order.

    The driver builds a Python record per row (about 15 us each for six columns: half a second
    for 34,000 rows), while one list of lists is decoded in one go by its packstream extension.
    The query's final sort is left out (:func:`unordered`). The columns are the analysis's
    declared names (``[A-Za-z][A-Za-z0-9_-]*``), quoted.
    """
    listed = ", ".join(f"`{name}`" for name in columns)
    body = unordered(query)
    return _query(f"CALL () {{\n{body}\n}}\nRETURN collect([{listed}]) AS rows")


def run(
    analysis: Analysis, driver: neo4j.Driver, *, database: str, params: Mapping[str, Value]
) -> list[list[Any]]:
    """The raw rows of ``analysis`` (one value per declared column).

    The file's columns are read from its plan (``EXPLAIN``, cached by the server), then its rows
    in one list (:func:`collected`, without the file's final sort); the row order is left to
    :func:`make_result`.
    """
    path = analysis.query_path("cypher")
    text = path.read_text(encoding="utf-8")
    bound = {p.name: params.get(p.name) for p in analysis.parameters}

    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
        explained = tx.run(_query("EXPLAIN " + text), bound)
        keys = list(explained.keys())
        explained.consume()
        if tuple(keys) != analysis.column_names:
            return keys, []
        record = tx.run(collected(text, analysis.column_names), bound).single(strict=True)
        return keys, record[0]

    with _session(driver, database) as session:
        keys, rows = session.execute_read(work)
    if tuple(keys) != analysis.column_names:
        raise InputError(
            f"the query returns {keys}, its header declares {list(analysis.column_names)}",
            path=path,
        )
    return rows


def code_exists(driver: neo4j.Driver, *, database: str, code: str, kinds: tuple[str, ...]) -> bool:
    """Whether a node with one of the labels of ``kinds`` has ``code`` (uses the code indexes)."""

    def work(tx: neo4j.ManagedTransaction) -> bool:
        for kind in kinds:
            label = KIND_LABELS[kind]
            query: LiteralString = "MATCH (n:" + label + " {code: $code}) RETURN n LIMIT 1"
            if tx.run(query, code=code).single() is not None:
                return True
        return False

    with _session(driver, database) as session:
        return session.execute_read(work)


def profile(
    analysis: Analysis, driver: neo4j.Driver, *, database: str, params: Mapping[str, Value]
) -> str:
    """The ``PROFILE`` plan of ``analysis`` as text (operators, rows, db hits), for the docs."""
    text = "PROFILE " + analysis.query_path("cypher").read_text(encoding="utf-8")
    bound = {p.name: params.get(p.name) for p in analysis.parameters}
    with _session(driver, database) as session:
        result = session.run(_query(text), bound)
        for _record in result:  # the profiler counts rows once they are read
            pass
        summary = result.consume()
    plan = summary.profile
    if plan is None:
        return ""
    return "\n".join(_plan_lines(plan, 0))


def _plan_lines(plan: Mapping[str, Any], depth: int) -> list[str]:
    args = plan.get("args", {})
    name = str(plan.get("operatorType", "?")).split("@")[0]
    details = str(args.get("Details", ""))
    rows = plan.get("rows", 0)
    hits = plan.get("dbHits", 0)
    line = f"{'  ' * depth}+{name}"
    if details:
        line += f"  {details}"
    line += f"  (rows {rows}, db hits {hits})"
    out = [line]
    for child in plan.get("children", []):
        out.extend(_plan_lines(child, depth + 1))
    return out
