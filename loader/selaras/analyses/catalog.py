"""The analyses Selaras ships, described by the header of their query files.

Every analysis is a pair ``queries/cypher/NAME.cypher`` and ``queries/sparql/NAME.rq``. Each file
opens with a header of comment lines (``//`` in Cypher, ``#`` in SPARQL) that says what it
answers, its parameters and its columns; both files of a pair carry the same header::

    name: cascade
    description: One line: what the analysis answers.
    param from: SS|IKU code = null -- what the parameter means
    column code: string -- what the column holds
    column parent: string? -- a trailing ? marks a column that may be empty
    order: depth, code, parent

``param NAME: TYPE = DEFAULT -- TEXT``: TYPE is ``string``, ``integer``, or ``KINDS code`` with
KINDS from ``SS``, ``IKU``, ``Unit`` joined by ``|`` (a code of such a node: an unknown one gives
an empty result and a warning); DEFAULT is ``null``, ``required``, an integer or a
``"quoted string"``. ``column NAME: TYPE -- TEXT``: TYPE is ``string``, ``integer``, ``decimal``
(rounded to 4 places), ``level`` (a level notation, sorted by rank) or ``perspective`` (a
perspective notation, sorted by rank). ``order`` lists the columns rows are sorted by (then all
the others). The first comment line that matches none of these ends the header; the comment
lines after it are notes for the reader.

>>> [a.name for a in analyses()]
['cascade', 'coverage', 'line-of-sight', 'misaligned', 'orphans', 'strategy-map']
>>> analysis("cascade").parameter("from").kinds
('SS', 'IKU')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from selaras import resources
from selaras.errors import InputError, UnknownNameError

ColumnType = Literal["string", "integer", "decimal", "level", "perspective"]
COLUMN_TYPES: tuple[ColumnType, ...] = ("string", "integer", "decimal", "level", "perspective")
ParamType = Literal["string", "integer", "code"]
#: Node kinds a code parameter can name.
CODE_KINDS = ("SS", "IKU", "Unit")
Value = str | int | float | None

_COMMENT = {"cypher": "//", "sparql": "#"}
_NAME = r"[A-Za-z][A-Za-z0-9_-]*"
_PARAM = re.compile(
    rf"param (?P<name>{_NAME}): (?P<type>string|integer|(?P<kinds>[A-Za-z|]+) code)"
    r" = (?P<default>null|required|-?[0-9]+|\"[^\"]*\") -- (?P<text>.+)"
)
_COLUMN = re.compile(
    rf"column (?P<name>{_NAME}): (?P<type>[a-z]+)(?P<nullable>\??) -- (?P<text>.+)"
)
_FIELD = re.compile(r"(?P<key>name|description|order): (?P<value>.+)")


@dataclass(frozen=True)
class Parameter:
    """One parameter of an analysis (bound as ``$name`` in Cypher, ``?name`` in SPARQL)."""

    name: str
    type: ParamType
    kinds: tuple[str, ...]
    default: Value
    required: bool
    description: str

    def signature(self) -> str:
        """How ``--list`` shows it, e.g. ``from=CODE (SS|IKU; default: null)``."""
        shape = {"string": "TEXT", "integer": "N", "code": "CODE"}[self.type]
        kinds = f"{'|'.join(self.kinds)}; " if self.kinds else ""
        default = "required" if self.required else f"default: {_show(self.default)}"
        return f"{self.name}={shape} ({kinds}{default})"


@dataclass(frozen=True)
class Column:
    """One column of an analysis's result."""

    name: str
    type: ColumnType
    nullable: bool
    description: str


@dataclass(frozen=True)
class Analysis:
    """A named analysis: what it answers, its parameters and its columns, from its header."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[Column, ...]
    order: tuple[str, ...]
    notes: str

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def parameter(self, name: str) -> Parameter:
        """The parameter ``name``; raises UnknownNameError listing the valid ones."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise UnknownNameError(f"parameter of {self.name}", name, [p.name for p in self.parameters])

    def query_path(self, language: Literal["cypher", "sparql"]) -> Path:
        return resources.query_path(language, self.name)

    def query_text(self, language: Literal["cypher", "sparql"]) -> str:
        return self.query_path(language).read_text(encoding="utf-8")


def _show(value: Value) -> str:
    return "null" if value is None else str(value)


def parse_header(text: str, *, language: Literal["cypher", "sparql"], path: Path) -> Analysis:
    """The :class:`Analysis` a query file's header describes; InputError names a bad line."""
    prefix = _COMMENT[language]
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    columns: list[Column] = []
    notes: list[str] = []
    in_header = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line.startswith(prefix):
            break
        body = line[len(prefix) :].strip()
        if not in_header:
            notes.append(body)
            continue
        if match := _FIELD.fullmatch(body):
            fields[match["key"]] = match["value"].strip()
        elif match := _PARAM.fullmatch(body):
            parameters.append(_parameter(match, path=path, line=number))
        elif match := _COLUMN.fullmatch(body):
            if match["type"] not in COLUMN_TYPES:
                raise InputError(
                    f"column type {match['type']!r} is not one of {', '.join(COLUMN_TYPES)}",
                    path=path,
                    line=number,
                )
            columns.append(
                Column(
                    name=match["name"],
                    type=match["type"],
                    nullable=bool(match["nullable"]),
                    description=match["text"].strip(),
                )
            )
        elif body.startswith(("param ", "column ")):
            raise InputError(f"malformed header line: {body}", path=path, line=number)
        else:
            in_header = False
            if body:
                notes.append(body)
    for key in ("name", "description", "order"):
        if key not in fields:
            raise InputError(f"the header has no '{key}:' line", path=path, line=1)
    names = [c.name for c in columns]
    order = tuple(part.strip() for part in fields["order"].split(","))
    unknown = [name for name in order if name not in names]
    if not columns or unknown:
        raise InputError(f"'order:' names unknown columns {unknown}", path=path, line=1)
    return Analysis(
        name=fields["name"],
        description=fields["description"],
        parameters=tuple(parameters),
        columns=tuple(columns),
        order=order,
        notes="\n".join(notes).strip(),
    )


def _parameter(match: re.Match[str], *, path: Path, line: int) -> Parameter:
    kinds: tuple[str, ...] = ()
    type_: ParamType = "string"
    if match["kinds"]:
        kinds = tuple(match["kinds"].split("|"))
        bad = [k for k in kinds if k not in CODE_KINDS]
        if bad:
            raise InputError(
                f"code kinds {bad} are not among {', '.join(CODE_KINDS)}", path=path, line=line
            )
        type_ = "code"
    elif match["type"] == "integer":
        type_ = "integer"
    text = match["default"]
    default: Value = None
    if text.startswith('"'):
        default = text[1:-1]
    elif text not in ("null", "required"):
        default = int(text)
    return Parameter(
        name=match["name"],
        type=type_,
        kinds=kinds,
        default=default,
        required=text == "required",
        description=match["text"].strip(),
    )


@cache
def _load(name: str) -> Analysis:
    path = resources.query_path("cypher", name)
    found = parse_header(path.read_text(encoding="utf-8"), language="cypher", path=path)
    if found.name != name:
        raise InputError(f"the header names {found.name!r}, the file {name!r}", path=path, line=1)
    return found


def analyses() -> list[Analysis]:
    """Every analysis that has both a Cypher and a SPARQL file, sorted by name."""
    return [_load(name) for name in resources.query_names()]


def analysis(name: str) -> Analysis:
    """The analysis ``name``; raises UnknownNameError listing the valid names."""
    if name not in resources.query_names():
        raise UnknownNameError("analysis", name, resources.query_names())
    return _load(name)


#: A query's last line when it is an ``ORDER BY`` (the query's final sort).
_FINAL_ORDER = re.compile(r"\n[ \t]*ORDER[ \t]+BY\b[^\n]*\s*\Z", re.IGNORECASE)
_PAGING = re.compile(r"\b(SKIP|LIMIT|OFFSET)\b", re.IGNORECASE)


def unordered(query: str) -> str:
    """``query`` (Cypher or SPARQL) without its final ``ORDER BY`` line, when it has one
    with no SKIP, LIMIT or OFFSET: what both stores run.

    :func:`~selaras.analyses.result.make_result` sorts the rows again by the header's order and
    then every column (a total order), so the store's sort only costs time: on Neo4j 0.3 to
    0.5 s for the 34,000 rows of ``scores`` at 20,000 staff, on pyoxigraph 0.2 to 0.6 s for
    ``cascade``'s 33,651. An ``ORDER BY`` that pages chooses rows, and stays; so does one
    spread over several lines. The files keep theirs, for whoever runs them by hand.
    """
    match = _FINAL_ORDER.search(query)
    if match is None or _PAGING.search(match.group()):
        return query
    return query[: match.start()]
