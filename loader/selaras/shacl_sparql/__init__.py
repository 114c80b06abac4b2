"""SHACL on pyoxigraph: every constraint of every shape as SPARQL run once over all focus nodes.

pySHACL checks one focus node at a time in Python; at ministry scale that takes minutes. Here
each constraint becomes one SELECT over *all* focus nodes of its shape, evaluated by pyoxigraph,
and only the failing (focus, value) pairs come back to Python. The results are the ones stock
pySHACL reports (same focus nodes, source shapes, severities, paths and values);
``tests/test_engine_equality.py`` and the DASH conformance test hold the engine to that.

The package follows the SHACL specification:

==================  =====================================================================
``compile``         shapes discovery, targets, paths (SHACL 2)
``engine``          focus and value nodes; a shape's constraints run over all focus nodes
``value_type``      ``sh:class``, ``sh:datatype``, ``sh:nodeKind`` (4.1)
``cardinality``     ``sh:minCount``, ``sh:maxCount`` (4.2)
``value_range``     ``sh:min/maxExclusive``, ``sh:min/maxInclusive`` (4.3)
``string``          ``sh:min/maxLength``, ``sh:pattern``, ``sh:languageIn``, ``sh:uniqueLang`` (4.4)
``property_pair``   ``sh:equals``, ``sh:disjoint``, ``sh:lessThan``, ``sh:lessThanOrEquals`` (4.5)
``logical``         ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone`` (4.6)
``shape_based``     ``sh:node``, qualified value shapes (4.7; ``sh:property`` is the engine's)
``other``           ``sh:closed``, ``sh:hasValue``, ``sh:in`` (4.8)
``sparql``          ``sh:sparql`` and SPARQL-based constraint components (5, 6)
``query``           SPARQL text rewritten to run once for all focus nodes (pre-binding)
``fallback``        shapes the engine does not compile, run by pySHACL (``--engine auto``)
``results``         results with real terms; result paths as structures
``written``         values reported as the input wrote them, not as the store keeps them
==================  =====================================================================

Anything the engine cannot compile raises :class:`~selaras.shacl_sparql.compile.Unsupported`
naming the shape and the construct; nothing is skipped silently.
"""

from selaras.shacl_sparql.compile import Unsupported
from selaras.shacl_sparql.engine import validate_store
from selaras.shacl_sparql.results import Path, RawResult

__all__ = ["Path", "RawResult", "Unsupported", "validate_store"]
