"""Score stage: achievement (capaian) of every IKU, SS and perspective values, the NKO of every
unit, with colour bands, for one reporting period, on the embedded store or on Neo4j.

One module per step::

    settings  the profile's scoring settings (cap, floor, rounding, bands, weights ...)
    compute   the ``scores`` analysis's IKU rows -> SS, perspective, NKO (a Scorecard value)
    render    table, CSV, JSON; ``workbook`` xlsx; ``html`` the printable scorecard

:func:`score_paths` (files), :func:`score_dataset` and :func:`score_neo4j` are the entry
points; ``selaras score`` is a thin layer over them. :func:`ss_bands` gives {SS IRI: colour
band} of a unit, for strategy maps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from selaras import resources
from selaras.analyses import run_analysis
from selaras.errors import SelarasError
from selaras.namespace import SEL
from selaras.progress import SILENT, Progress
from selaras.score.compute import COLUMNS, Scorecard, ScoreRow, UnitCard, build_scorecard
from selaras.score.settings import Band, ScoringSettings, scoring_settings

if TYPE_CHECKING:
    import neo4j

    from selaras.read import Dataset

__all__ = [
    "COLUMNS",
    "Band",
    "ScoreRow",
    "Scorecard",
    "ScoringSettings",
    "UnitCard",
    "check_period",
    "last_reported_period",
    "lexical_forms",
    "score_dataset",
    "score_neo4j",
    "score_paths",
    "scoring_settings",
    "ss_bands",
]

_PERIOD = re.compile(r"[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?")


def check_period(period: str) -> str:
    """``period`` if it is a year (2025), quarter (2025-Q3) or month (2025-07).

    Raises SelarasError otherwise."""
    if not _PERIOD.fullmatch(period):
        raise SelarasError(
            f"period {period!r} is not a year (2025), a quarter (2025-Q3) or a month (2025-07)"
        )
    return period


def _params(period: str, unit: str | None, settings: ScoringSettings) -> dict[str, object]:
    return {"period": check_period(period), "unit": unit or None, **settings.query_params()}


def score_dataset(
    dataset: Dataset,
    *,
    period: str | None = None,
    unit: str | None = None,
    profile: str = resources.DEFAULT_PROFILE,
    progress: Progress = SILENT,
) -> Scorecard:
    """Scores on the embedded store (SPARQL); targets and realisations shown as the dataset's
    triples wrote them (:func:`lexical_forms`), not as the store keeps them ("70.00", not
    "70"). ``period`` None: the last quarter with a realisation (:func:`last_reported_period`)."""
    if period is None:
        period = last_reported_period(dataset)
        if period is None:
            raise SelarasError("no IKU has a quarterly realisation: give the period").about(
                "period"
            )
    settings = scoring_settings(profile)
    with progress.task(f"Scoring {period}"):
        result = run_analysis("scores", dataset=dataset, params=_params(period, unit, settings))
        known = lexical_forms(dataset.triples())

        def lexical(iris: Iterable[str]) -> dict[tuple[str, str], str]:
            wanted = set(iris)  # a set: the IRIs come as a list, and `in` on it is linear
            return {k: v for k, v in known.items() if k[0] in wanted}

        return build_scorecard(result, settings, lexical=lexical)


def score_paths(
    paths: Sequence[Path | str],
    *,
    period: str | None = None,
    unit: str | None = None,
    profile: str = resources.DEFAULT_PROFILE,
    base: str | None = None,
    progress: Progress = SILENT,
) -> Scorecard:
    """Scores of RDF files, folders or spreadsheets on the embedded store, literals as written.
    ``period`` None: the last quarter with a realisation (:func:`last_reported_period`)."""
    from selaras.read import read_dataset

    if period is not None:
        check_period(period)
    dataset = read_dataset(paths, base=base, progress=progress)
    return score_dataset(dataset, period=period, unit=unit, profile=profile, progress=progress)


def lexical_forms(triples: Iterable[ox.Triple]) -> dict[tuple[str, str], str]:
    """{(subject IRI, "target"|"realisation"): lexical form} of the period targets' literals."""
    names = {str(SEL.targetValue): "target", str(SEL.realisation): "realisation"}
    found: dict[tuple[str, str], str] = {}
    for triple in triples:
        name = names.get(triple.predicate.value)
        subject = triple.subject
        if name and isinstance(triple.object, ox.Literal) and isinstance(subject, ox.NamedNode):
            found[(subject.value, name)] = triple.object.value
    return found


def score_neo4j(
    driver: neo4j.Driver,
    *,
    period: str,
    unit: str | None = None,
    database: str = "neo4j",
    profile: str = resources.DEFAULT_PROFILE,
) -> Scorecard:
    """Scores on Neo4j (Cypher) of what ``selaras load`` wrote; literals from their side keys."""
    settings = scoring_settings(profile)
    result = run_analysis(
        "scores",
        engine="neo4j",
        driver=driver,
        database=database,
        params=_params(period, unit, settings),
    )

    def lexical(iris: Iterable[str]) -> dict[tuple[str, str], str]:
        query = (
            "MATCH (t:Resource) WHERE t.iri IN $iris RETURN t.iri AS iri, t.target AS target, "
            "t.target_lexical AS targetLexical, t.realisation AS realisation, "
            "t.realisation_lexical AS realisationLexical"
        )
        records, _summary, _keys = driver.execute_query(
            query, {"iris": list(iris)}, database_=database, routing_="r"
        )
        found: dict[tuple[str, str], str] = {}
        for record in records:
            for name in ("target", "realisation"):
                text = record[f"{name}Lexical"]
                value = record[name]
                if text is None and isinstance(value, int | float) and not isinstance(value, bool):
                    text = _canonical(value)
                if text is not None:
                    found[(record["iri"], name)] = str(text)
        return found

    return build_scorecard(result, settings, lexical=lexical)


def _canonical(value: float | int) -> str:
    """The canonical decimal form of a number Neo4j holds without a side key (it was canonical)."""
    from decimal import Decimal

    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)).normalize(), "f")


def last_reported_period(dataset: Dataset) -> str | None:
    """The latest quarter any IKU has a realisation for (embedded store), or None."""
    query = (
        f"SELECT (MAX(STR(?p)) AS ?last) WHERE {{ ?t <{SEL.period}> ?p ; <{SEL.realisation}> ?r "
        'FILTER(REGEX(STR(?p), "^[0-9]{4}-Q[1-4]$")) }'
    )
    solutions = dataset.store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        term = row["last"]
        return None if term is None else term.value
    return None


def ss_bands(
    dataset: Dataset, *, unit: str, period: str, profile: str = resources.DEFAULT_PROFILE
) -> dict[str, Band | None]:
    """{SS IRI: colour band} of ``unit``'s SS for ``period`` on the embedded store (None: the SS
    has no value), for colouring strategy maps; ``band.colour`` (green, yellow, red) and
    ``band.colour_code`` (#1E8E3E) say how.

    >>> from selaras.read import read_dataset
    >>> bands = ss_bands(read_dataset([resources.example_path("kaltara")]), unit="KPPN-TRK",
    ...                  period="2025-Q4")
    >>> bands["https://w3id.org/selaras/id/ss/SS-KPPN-TRK-1"].colour
    'red'
    """
    return score_dataset(dataset, period=period, unit=unit, profile=profile).ss_bands(unit)
