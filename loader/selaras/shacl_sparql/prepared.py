"""pySHACL's SPARQL, parsed once.

pySHACL hands rdflib the text of every SPARQL-based constraint once per focus shape and run, and
rdflib parses it again each time: parsing is about five sixths of a pySHACL run on a small graph.
While pySHACL runs (:func:`prepared_queries`), rdflib's SPARQL processor is one that keeps each
text's prepared query (rdflib's own prepareQuery, made to be run many times), so a text is parsed
once per process. A module of its own: importing rdflib's SPARQL takes a fifth of a second, which
a validation that never falls back to pySHACL does not pay.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import rdflib
from rdflib.plugins.sparql.processor import SPARQLProcessor, prepareQuery
from rdflib.query import Processor


@lru_cache(maxsize=4096)
def _prepared(text: str, base: str | None, namespaces: tuple[tuple[str, Any], ...]) -> Any:
    return prepareQuery(text, initNs=dict(namespaces), base=base)


class PreparedQueries(SPARQLProcessor):
    """rdflib's SPARQL processor, with each query text parsed and translated once."""

    def query(  # type: ignore[override]
        self,
        strOrQuery: Any,
        initBindings: Mapping[str, Any] | None = None,
        initNs: Mapping[str, Any] | None = None,
        base: str | None = None,
        DEBUG: bool = False,
    ) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


@contextmanager
def prepared_queries() -> Iterator[None]:
    """rdflib's SPARQL processor keeps each text's prepared query meanwhile."""
    rdflib.plugin.register("sparql", Processor, __name__, "PreparedQueries")
    try:
        yield
    finally:
        rdflib.plugin.register(
            "sparql", Processor, "rdflib.plugins.sparql.processor", "SPARQLProcessor"
        )
