"""A regulation profile given as a file, checked before use against ``shapes/meta/profile.ttl``.

The shapes read their numbers from the profile, which is added to the data before validation.
So a profile that leaves a setting out switches the rules that read it off without a word, and a
data file given as ``--profile`` is merged into the data. :func:`check_profile` refuses both
(:class:`~selaras.errors.InputError`, exit 2): the file holds exactly one
``sel:RegulationProfile`` node and nothing but it and its blank nodes, and that node conforms to
the profile shape (checked with pySHACL, the reference engine: a profile is a few dozen triples).
The bundled profiles are checked by the test suite instead.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SH

from selaras import resources
from selaras.errors import InputError
from selaras.namespace import SEL_IRI

REGULATION_PROFILE = rdflib.URIRef(SEL_IRI + "RegulationProfile")
_PROBLEMS = {
    SH.MinCountConstraintComponent: "missing",
    SH.MaxCountConstraintComponent: "given more than once",
    SH.DatatypeConstraintComponent: "a value of the wrong datatype",
    SH.NodeKindConstraintComponent: "a value that is not an IRI or node",
    SH.NodeConstraintComponent: "a value without its required parts",
}


def shape_path() -> Path:
    """The profile shape file."""
    return resources.folder("shapes") / "meta" / "profile.ttl"


def checked_profile_path(name: str) -> Path:
    """:func:`selaras.resources.profile_path`, a user's profile file checked first (once per
    version of the file): UnknownNameError for an unknown name, InputError for a file that is
    not a complete profile."""
    path = resources.profile_path(name)
    shipped = resources.folder("shapes") / "profiles"
    if path.resolve().parent != shipped.resolve():
        stat = path.stat()
        _checked(path.resolve(), stat.st_mtime_ns, stat.st_size)
    return path


@lru_cache(maxsize=32)
def _checked(path: Path, _mtime: int, _size: int) -> None:
    check_profile(path)


def check_profile(path: Path) -> None:
    """Raise InputError unless ``path`` holds one regulation profile that fits its shape."""
    from selaras.rdf.read import parse_file

    lines = "".join(f"{triple} .\n" for triple in parse_file(path))  # InputError: bad syntax
    graph = rdflib.Graph().parse(data=lines, format="nt")
    profiles = sorted(set(graph.subjects(RDF.type, REGULATION_PROFILE)), key=str)
    if len(profiles) != 1:
        raise InputError(
            f"not a regulation profile: it holds {len(profiles)} sel:RegulationProfile nodes, "
            "a profile file holds exactly one (see docs/profiles.md)",
            path=path,
        )
    # Besides the profile, a file may declare the unit kinds it names as map-holding kinds
    # (the regulation's list of UPT is an example list): nothing else.
    declared = {
        kind
        for kind in graph.objects(profiles[0], rdflib.URIRef(SEL_IRI + "mapHoldingKind"))
        if (kind, RDF.type, rdflib.URIRef(SEL_IRI + "UnitKind")) in graph
    }
    others = sorted(
        {
            str(s)
            for s in graph.subjects()
            if s != profiles[0] and s not in declared and not isinstance(s, rdflib.BNode)
        }
    )
    if others:
        raise InputError(
            f"not a regulation profile: it also describes {len(others)} other nodes (first "
            f"<{others[0]}>); a profile file holds only the profile, data goes in PATH",
            path=path,
        )
    problems = _shape_problems(graph)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(
            f"not a complete regulation profile: {problems[0]}{more}; every setting of "
            "shapes/meta/profile.ttl is needed (see docs/profiles.md)",
            path=path,
        )


def _shape_problems(graph: rdflib.Graph) -> list[str]:
    from pyshacl import validate

    from selaras.terms import quiet_rdflib

    shapes = rdflib.Graph().parse(shape_path(), format="turtle")
    with quiet_rdflib():
        conforms, report, _text = validate(graph, shacl_graph=shapes, advanced=False)
    if conforms:
        return []
    assert isinstance(report, rdflib.Graph)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        where = str(report.value(result, SH.resultPath) or "?").replace(SEL_IRI, "sel:")
        component = report.value(result, SH.sourceConstraintComponent)
        problem = _PROBLEMS.get(component, "not as the shape says")  # type: ignore[call-overload]
        found.append(f"{where} is {problem}")
    return sorted(found)
