"""Analyses stage: the named queries of ``queries/`` on the embedded store or on Neo4j.

One module per step::

    catalog   the analyses and what their file headers declare (parameters, columns, order)
    sparql    embedded engine: SPARQL on the dataset's pyoxigraph store (no server)
    (Neo4j: Cypher on what ``selaras load`` wrote is :mod:`selaras.neo4j.analyses`, so that
    Neo4j code lives only under ``selaras.neo4j``)
    result    QueryResult: typed values, deterministic order (the same on both engines)
    render    table, CSV, JSON

:func:`run_analysis` is the entry point; ``selaras query`` is a thin layer over it.

>>> from selaras.analyses import analysis
>>> analysis("misaligned").column_names
('code', 'unit', 'source', 'reason')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from selaras.analyses.catalog import Analysis, Column, Parameter, Value, analyses, analysis
from selaras.analyses.render import FORMATS, render
from selaras.analyses.result import QueryResult, make_result
from selaras.errors import DatasetError, SelarasError, SettingError, UnknownNameError

if TYPE_CHECKING:
    import neo4j

    from selaras.publish.http import StoreSettings
    from selaras.read import Dataset

Engine = Literal["embedded", "neo4j"]
ENGINES: tuple[Engine, ...] = ("embedded", "neo4j")

__all__ = [
    "ENGINES",
    "FORMATS",
    "Analysis",
    "Column",
    "Engine",
    "MissingParameterError",
    "Parameter",
    "QueryResult",
    "analyses",
    "analysis",
    "render",
    "resolve_params",
    "run_analysis",
]


class MissingParameterError(SettingError):
    """An analysis run without a parameter it requires (``analysis``, ``parameter`` name it)."""

    def __init__(self, analysis: str, parameter: str, description: str) -> None:
        self.analysis = analysis
        self.parameter = parameter
        self.description = description
        super().__init__(f"analysis {analysis!r} needs the parameter {parameter!r} ({description})")
        self.about("params")


def resolve_params(found: Analysis, params: Mapping[str, object]) -> dict[str, Value]:
    """Every parameter of ``found`` with its value: given ones converted to the declared type,
    the rest their defaults. Raises UnknownNameError for a parameter the analysis does not have
    MissingParameterError for a missing required one and SelarasError for a value of the wrong
    type."""
    valid = [p.name for p in found.parameters]
    for key in params:
        if key not in valid:
            raise UnknownNameError(f"parameter of {found.name}", key, valid)
    values: dict[str, Value] = {}
    for parameter in found.parameters:
        raw = params.get(parameter.name)
        if raw is None:
            if parameter.required:
                raise MissingParameterError(found.name, parameter.name, parameter.description)
            values[parameter.name] = parameter.default
        elif parameter.type == "integer":
            try:
                values[parameter.name] = int(str(raw))
            except ValueError:
                raise SelarasError(
                    f"parameter {parameter.name} of {found.name} must be an integer, not {raw!r}"
                ) from None
        else:
            values[parameter.name] = str(raw)
    return values


def run_analysis(
    name: str,
    *,
    engine: Engine = "embedded",
    params: Mapping[str, object] | None = None,
    dataset: Dataset | None = None,
    driver: neo4j.Driver | None = None,
    database: str = "neo4j",
    endpoint: StoreSettings | None = None,
    graph: str | None = None,
) -> QueryResult:
    """Run analysis ``name`` and return its typed, sorted rows.

    ``engine="embedded"`` runs the SPARQL file on ``dataset`` (from
    :func:`selaras.read.read_dataset`); ``engine="neo4j"`` runs the Cypher file through
    ``driver`` on ``database``. A code parameter naming no node of its kinds gives an empty
    result and a warning. Raises UnknownNameError for an unknown analysis, engine or parameter,
    SelarasError for a missing or malformed parameter, DatasetError when the engine's input is
    missing, Neo4jError when Neo4j fails. With ``endpoint`` the SPARQL file runs on that SPARQL
    1.1 Protocol endpoint instead (``graph`` as its default graph; StoreError when it fails).
    """
    found = analysis(name)
    if engine not in ENGINES:
        raise UnknownNameError("engine", engine, ENGINES)
    values = resolve_params(found, params or {})
    warnings: list[str] = []
    if endpoint is not None:
        from selaras.analyses import endpoint as remote

        for parameter, code in _codes(found, values):
            if not remote.code_exists(endpoint, code, parameter.kinds, graph=graph):
                warnings.append(_unknown_code(parameter, code))
        rows: Sequence[Sequence[Any]] = remote.run(found, endpoint, values, graph=graph)
        return make_result(found, engine="endpoint", params=values, rows=rows, warnings=warnings)
    if engine == "embedded":
        from selaras.analyses import sparql

        if dataset is None:
            raise DatasetError(
                "the embedded engine needs a dataset: give PATH (RDF files, folders)"
            )
        for parameter, code in _codes(found, values):
            if not sparql.code_exists(dataset, code, parameter.kinds):
                warnings.append(_unknown_code(parameter, code))
        rows = sparql.run(found, dataset, values)
    else:
        from selaras.neo4j import analyses as cypher

        if driver is None:
            raise DatasetError("the neo4j engine needs a driver (selaras.neo4j.connect)")
        for parameter, code in _codes(found, values):
            if not cypher.code_exists(driver, database=database, code=code, kinds=parameter.kinds):
                warnings.append(_unknown_code(parameter, code))
        rows = cypher.run(found, driver, database=database, params=values)
    return make_result(found, engine=engine, params=values, rows=rows, warnings=warnings)


def _codes(found: Analysis, values: Mapping[str, Value]) -> list[tuple[Parameter, str]]:
    """The code parameters that have a value, with it."""
    return [
        (p, str(values[p.name])) for p in found.parameters if p.kinds and values[p.name] is not None
    ]


def _unknown_code(parameter: Parameter, value: str) -> str:
    kinds = " or ".join(parameter.kinds)
    return f"no {kinds} has code {value!r} (parameter {parameter.name}): the result is empty"
