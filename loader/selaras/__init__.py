"""Selaras: the Kemenkeu Balanced Scorecard cascade (KMK 467/KMK.01/2014) as a knowledge graph.

The public face, one function per stage (``docs/api.md``)::

    read_dataset        RDF files, folders, spreadsheets -> Dataset (triples as written + store)
    validate_dataset    Dataset + shapes + regulation profile -> ValidationReport
    load_dataset        Dataset -> Neo4j, validated first (NotConformingError refuses it)
    export_dataset      a dataset in Neo4j -> triples, literals as loaded
    write_rdf           triples -> Turtle / N-Triples / JSON-LD file, no literal rewritten
    run_query           a named analysis on the embedded store or on Neo4j -> QueryResult
    score_performance   capaian, SS and perspective values, NKO for a period -> Scorecard
    import_spreadsheet  a planners' workbook or CSV folder -> triples
    generate_cascade    a synthetic Kemenkeu-shaped cascade with planted defects

Everything else is internal (``docs/architecture.md`` describes the modules). Importing this
package is cheap: each function imports its stage when called.
"""

from selaras._version import __version__
from selaras.api import (
    export_dataset,
    generate_cascade,
    import_spreadsheet,
    load_dataset,
    read_dataset,
    run_query,
    score_performance,
    validate_dataset,
    write_rdf,
)
from selaras.errors import (
    DatasetError,
    InputError,
    Neo4jError,
    NotConformingError,
    SelarasError,
    SettingError,
    ShapeError,
    SpreadsheetError,
    UnknownNameError,
)
from selaras.rdf import RdfFormat
from selaras.rdf.dataset import Dataset

__all__ = [
    "Dataset",
    "DatasetError",
    "InputError",
    "Neo4jError",
    "NotConformingError",
    "RdfFormat",
    "SelarasError",
    "SettingError",
    "ShapeError",
    "SpreadsheetError",
    "UnknownNameError",
    "__version__",
    "export_dataset",
    "generate_cascade",
    "import_spreadsheet",
    "load_dataset",
    "read_dataset",
    "run_query",
    "score_performance",
    "validate_dataset",
    "write_rdf",
]
