"""One dataset of a Neo4j graph as a :class:`~selaras.read.Dataset`, for ``query --dataset``.

What a dataset filter means, when datasets share nodes by IRI: Neo4j holds one node per IRI,
and a node carries the name of the dataset that loaded it **last** (``dataset`` property). The
dataset ``D`` is the nodes whose ``dataset`` is ``D``, with their labels, properties and the
relationships they start, exactly what ``selaras export --dataset D`` writes; the ontology's
concept nodes (levels, perspectives) are added by the analyses themselves. A node another
dataset loaded later is not part of ``D``: a relationship from ``D`` to it is kept (its IRI),
but its properties and labels are that other dataset's business. Load datasets that share IRIs
with ``--replace`` in the order you want them to win, or give each its own IRIs (``--base``).

The analysis then runs on those triples with the embedded engine (its SPARQL file): the two
stores answer every analysis with the same rows on the same data.
"""

from __future__ import annotations

import neo4j

from selaras.neo4j.export import export_graph
from selaras.progress import SILENT, Progress
from selaras.rdf.dataset import Dataset


def dataset_subset(
    driver: neo4j.Driver, *, name: str, database: str, progress: Progress = SILENT
) -> Dataset:
    """The triples of dataset ``name`` in Neo4j as a Dataset (see the module doc for what a
    dataset holds). Raises UnknownNameError listing the loaded datasets for an unknown name."""
    return Dataset(export_graph(driver, database=database, dataset=name, progress=progress))
