"""The public face of Selaras: one function per stage, keyword-only options, typed results.

``import selaras`` gives these functions (see ``docs/api.md``); the ``selaras`` command calls
them. Each imports its stage when called, so importing Selaras stays cheap. The names say what
they take and give (``read_dataset``, not ``read``): a package attribute named like one of its
modules (``selaras.read``) would be replaced by that module as soon as it is imported.

>>> import selaras
>>> dataset = selaras.read_dataset(["examples/kaltara"])  # doctest: +SKIP
>>> selaras.validate_dataset(dataset).conforms  # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from selaras.progress import SILENT, Progress
from selaras.resources import DEFAULT_PROFILE

if TYPE_CHECKING:
    import pyoxigraph as ox

    from selaras.analyses import QueryResult
    from selaras.generate import GeneratedCascade
    from selaras.neo4j import LoadSummary, Neo4jSettings
    from selaras.rdf import RdfFormat
    from selaras.rdf.dataset import Dataset
    from selaras.score.compute import Scorecard
    from selaras.validate import Engine, ValidationReport

Store = Literal["embedded", "neo4j"]


def read_dataset(
    paths: Sequence[Path | str],
    *,
    base: str | None = None,
    progress: Progress = SILENT,
    keep_triples: bool = True,
) -> Dataset:
    """RDF files, folders and spreadsheets as one Dataset, every literal as written.

    ``base``: the IRI prefix for identifiers minted from spreadsheet codes. ``keep_triples=False``:
    RDF files go straight into the store, their triples read again when asked for (for
    validation and analyses of large files: the store's time and memory only). Raises InputError
    (missing or malformed input: file, line, column), DatasetError (no triples at all).
    """
    from selaras.read import read_dataset as read

    return read(paths, base=base, progress=progress, keep_triples=keep_triples)


def validate_dataset(
    dataset: Dataset,
    *,
    profile: str = DEFAULT_PROFILE,
    engine: Engine = "auto",
    shapes: Sequence[Path | str] = (),
    progress: Progress = SILENT,
) -> ValidationReport:
    """The validation report of ``dataset`` under regulation profile ``profile`` (a name from
    ``shapes/profiles/`` or a path to a profile ``.ttl``), with SHACL engine ``engine``
    (``auto``: the SPARQL engine, pySHACL for a shape it does not compile; ``sparql``;
    ``pyshacl``). With ``shapes`` (SHACL files), those shapes instead of the KMK 467 ones,
    no profile and no ontology added.

    Raises UnknownNameError for an unknown profile or engine, InputError for a shapes file that
    does not parse, ShapeError for a malformed shape.
    """
    from selaras.validate import validate

    return validate(dataset, profile=profile, engine=engine, shapes=shapes, progress=progress)


def load_dataset(
    dataset: Dataset,
    *,
    name: str,
    settings: Neo4jSettings | None = None,
    validate: bool = True,
    profile: str = DEFAULT_PROFILE,
    engine: Engine = "sparql",
    replace: bool = False,
    batch_size: int = 2000,
    progress: Progress = SILENT,
) -> LoadSummary:
    """Validate ``dataset``, then load it into Neo4j as dataset ``name``, idempotently.

    Data that does not conform is refused with NotConformingError (exit code 1; nothing is
    written) unless ``validate=False``. ``settings`` default to the ``NEO4J_*`` variables.
    Raises Neo4jError when Neo4j cannot be used, DatasetError for input the mapping cannot carry.
    """
    from selaras.neo4j import Neo4jSettings, connect
    from selaras.neo4j import load_dataset as load

    settings = settings or Neo4jSettings.from_env()
    with connect(settings) as driver:
        return load(
            driver,
            dataset,
            name=name,
            database=settings.database,
            validate=validate,
            profile=profile,
            engine=engine,
            replace=replace,
            batch_size=batch_size,
            progress=progress,
        )


def export_dataset(
    *,
    settings: Neo4jSettings | None = None,
    dataset: str | None = None,
    progress: Progress = SILENT,
) -> list[ox.Triple]:
    """The triples of dataset ``dataset`` in Neo4j (default: every one but ``ontology``), each
    literal as it was loaded; write them with :func:`write_rdf`.

    Raises UnknownNameError (no such dataset, lists the loaded ones), Neo4jError.
    """
    from selaras.neo4j import Neo4jSettings, connect, export_graph

    settings = settings or Neo4jSettings.from_env()
    with connect(settings) as driver:
        return export_graph(driver, database=settings.database, dataset=dataset, progress=progress)


def write_rdf(triples: Sequence[ox.Triple], path: Path | str, fmt: RdfFormat | str) -> int:
    """Write ``triples`` to ``path`` as ``ttl``, ``nt`` or ``jsonld``, every literal exactly as
    it is; returns how many were written (duplicates once)."""
    from selaras.rdf.write import write_file

    return write_file(triples, Path(path), fmt)


def run_query(
    name: str,
    *,
    store: Store = "embedded",
    dataset: Dataset | None = None,
    settings: Neo4jSettings | None = None,
    params: Mapping[str, object] | None = None,
) -> QueryResult:
    """Run the analysis ``name`` (``queries/``): SPARQL on ``dataset`` (``store="embedded"``)
    or Cypher on Neo4j (``store="neo4j"``, ``settings`` default to the ``NEO4J_*`` variables).

    Raises UnknownNameError (analysis, parameter), SettingError (missing parameter),
    DatasetError (no dataset for the embedded store), Neo4jError.
    """
    from selaras.analyses import run_analysis

    if store == "embedded":
        return run_analysis(name, engine="embedded", params=params, dataset=dataset)
    from selaras.neo4j import Neo4jSettings, connect

    settings = settings or Neo4jSettings.from_env()
    with connect(settings) as driver:
        return run_analysis(
            name, engine="neo4j", params=params, driver=driver, database=settings.database
        )


def score_performance(
    *,
    store: Store = "embedded",
    dataset: Dataset | None = None,
    settings: Neo4jSettings | None = None,
    period: str | None = None,
    unit: str | None = None,
    profile: str = DEFAULT_PROFILE,
    progress: Progress = SILENT,
) -> Scorecard:
    """Performance scores for ``period`` (capaian of every IKU, SS and perspective values, each
    unit's NKO; docs/scores.md) on ``dataset`` (``store="embedded"``; ``period`` None: the last
    quarter with a realisation) or on Neo4j (``store="neo4j"``, ``period`` required).

    Raises SelarasError (malformed or missing period), DatasetError (no dataset for the
    embedded store), UnknownNameError (profile), Neo4jError.
    """
    from selaras import score as scoring
    from selaras.errors import DatasetError, SettingError

    if store == "embedded":
        if dataset is None:
            raise DatasetError("the embedded store scores a dataset: give dataset=")
        return scoring.score_dataset(
            dataset, period=period, unit=unit, profile=profile, progress=progress
        )
    if period is None:
        raise SettingError("scoring on Neo4j needs the period").about("period")
    from selaras.neo4j import Neo4jSettings, connect

    settings = settings or Neo4jSettings.from_env()
    with connect(settings) as driver, progress.task("Scoring on Neo4j"):
        return scoring.score_neo4j(
            driver, period=period, unit=unit, database=settings.database, profile=profile
        )


def import_spreadsheet(path: Path | str, *, base: str | None = None) -> list[ox.Triple]:
    """The triples of a planners' spreadsheet (``FILE.xlsx`` or a folder of CSV files).

    Raises SpreadsheetError listing every ``sheet!cell: problem`` (nothing imported).
    """
    from selaras.spreadsheet import import_spreadsheet as import_book_file
    from selaras.terms import ox_triples

    return ox_triples(import_book_file(path, base=base))


def generate_cascade(
    *,
    staff: int,
    seed: int = 0,
    defect_rate: float = 0.0,
    year: int = 2025,
    eselon_one: Sequence[str] | None = None,
) -> GeneratedCascade:
    """A deterministic synthetic Kemenkeu-shaped cascade with ``staff`` positions, defects
    planted on about ``defect_rate`` of the eligible nodes of every rule.

    Raises UnknownNameError (Eselon I code) and SettingError (too few staff, rate outside [0, 1]).
    """
    from selaras.generate import generate_cascade as generate

    return generate(
        staff=staff, seed=seed, defect_rate=defect_rate, year=year, eselon_one=eselon_one
    )
