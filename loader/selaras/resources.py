"""The plain-file knowledge Selaras ships: ontology, shapes, profiles, queries, examples.

Everything is read by name through this one registry. In an installed wheel the folders live in
``selaras/_data/``; in a source checkout they are the top-level folders of the repository. A wrong
name raises :class:`~selaras.errors.UnknownNameError` listing the valid ones.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from selaras.errors import UnknownNameError

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

Folder = Literal["ontology", "shapes", "queries", "examples"]
ENGINES = ("cypher", "sparql")
_QUERY_SUFFIX = {"cypher": ".cypher", "sparql": ".rq"}


@cache
def folder(name: Folder) -> Path:
    """Return the folder holding one kind of shipped knowledge."""
    packaged = Path(str(files("selaras"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"Selaras data folder {name!r} is missing from this installation")


def ontology_paths() -> list[Path]:
    """The Turtle files of the ontology, in a stable order."""
    return sorted(folder("ontology").glob("*.ttl"))


@cache
def ontology_graph() -> rdflib.Graph:
    """The ontology files as one rdflib graph (shared: do not change it)."""
    import rdflib

    graph = rdflib.Graph()
    for path in ontology_paths():
        graph.parse(path, format="turtle")
    return graph


@cache
def ontology_triples() -> tuple[ox.Triple, ...]:
    """The triples of the ontology files, as parsed (pyoxigraph terms).

    Parsed here with pyoxigraph itself, not through the read stage: this registry is the bottom
    layer and imports no stage (the shipped Turtle needs no error positions nor JSON-LD context).
    """
    import pyoxigraph as ox

    return tuple(
        q.triple
        for path in ontology_paths()
        for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    )


def shape_paths() -> list[Path]:
    """The SHACL shape files (one per concern), in a stable order; profiles are not included."""
    return sorted(folder("shapes").glob("*.ttl"))


def profile_names() -> list[str]:
    """Names of the regulation profiles, e.g. ``kmk-467-2014``."""
    return sorted(p.stem for p in (folder("shapes") / "profiles").glob("*.ttl"))


DEFAULT_PROFILE = "kmk-467-2014"


def profile_path(name: str) -> Path:
    """The Turtle file of profile ``name``; a path to a ``.ttl`` file is accepted as is (unchecked:
    :func:`selaras.profile_check.checked_profile_path` checks it against its shape)."""
    candidate = Path(name)
    if candidate.suffix == ".ttl" and candidate.is_file():
        return candidate
    path = folder("shapes") / "profiles" / f"{name}.ttl"
    if not path.is_file():
        raise UnknownNameError("profile", name, profile_names())
    return path


def query_names() -> list[str]:
    """Names of the analyses that exist for both engines."""
    base = folder("queries")
    cypher = {p.stem for p in (base / "cypher").glob("*.cypher")}
    sparql = {p.stem for p in (base / "sparql").glob("*.rq")}
    return sorted(cypher & sparql)


def query_path(engine: str, name: str) -> Path:
    """The file of analysis ``name`` for ``engine`` (``cypher`` or ``sparql``)."""
    if engine not in _QUERY_SUFFIX:
        raise UnknownNameError("query language", engine, ENGINES)
    path = folder("queries") / engine / f"{name}{_QUERY_SUFFIX[engine]}"
    if name not in query_names() or not path.is_file():
        raise UnknownNameError("analysis", name, query_names())
    return path


def example_path(name: str) -> Path:
    """The folder or file of a bundled example, e.g. ``kaltara``."""
    base = folder("examples")
    path = base / name
    if not path.exists():
        valid = [p.name for p in base.iterdir() if not p.name.startswith((".", "_"))]
        raise UnknownNameError("example", name, valid)
    return path
