"""String-based constraint components (SHACL 4.4): ``sh:minLength``, ``sh:maxLength``,
``sh:pattern`` (with ``sh:flags``), ``sh:languageIn``, ``sh:uniqueLang``.

``sh:pattern`` uses Python regular expressions on the distinct values, as pySHACL does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import SH

from selaras.errors import ShapeError
from selaras.shacl_sparql.cardinality import count
from selaras.shacl_sparql.compile import Shape, members, name, single
from selaras.shacl_sparql.results import OxTerm, RawResult

if TYPE_CHECKING:
    from selaras.shacl_sparql.scope import Engine, Focus


def pattern(e: Engine, shape: Shape, focus: Focus) -> Iterable[RawResult]:
    flags = next(iter(sorted(e.g.objects(shape.node, SH.flags), key=str)), None)
    re_flags = 0
    if flags is not None:
        text = str(flags).lower()
        re_flags |= re.IGNORECASE if "i" in text else 0
        re_flags |= re.MULTILINE if "m" in text else 0
        re_flags |= re.DOTALL if "s" in text else 0
        re_flags |= re.VERBOSE if "x" in text else 0
    matchers = []
    for regex in sorted(e.g.objects(shape.node, SH.pattern), key=str):
        if not isinstance(regex, rdflib.Literal):
            raise ShapeError(name(shape.node), "sh:pattern must be a literal")
        try:
            matchers.append(re.compile(str(regex), re_flags))
        except re.error as exc:
            raise ShapeError(name(shape.node), f"sh:pattern {str(regex)!r}: {exc}") from exc

    def failing(term: OxTerm) -> bool:
        return not all(m.search(term.value) for m in matchers)

    return [
        *e.value_results(shape, focus, "isBlank(?v)", "Pattern"),
        *e.checked_results(shape, focus, "!isBlank(?v)", failing, "Pattern"),
    ]


def min_length(e: Engine, shape: Shape, focus: Focus) -> Iterable[RawResult]:
    n = count(e, shape, SH.minLength)
    if n == 0:
        return e.value_results(shape, focus, "isBlank(?v)", "MinLength")
    return e.value_results(shape, focus, f"isBlank(?v) || STRLEN(STR(?v)) < {n}", "MinLength")


def max_length(e: Engine, shape: Shape, focus: Focus) -> Iterable[RawResult]:
    n = count(e, shape, SH.maxLength)
    return e.value_results(shape, focus, f"isBlank(?v) || STRLEN(STR(?v)) > {n}", "MaxLength")


def language_in(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    for head in sorted(e.g.objects(shape.node, SH.languageIn), key=str):
        tags = members(e.g, shape.node, head, "sh:languageIn")
        if not all(isinstance(t, rdflib.Literal) for t in tags):
            raise ShapeError(name(shape.node), "sh:languageIn holds a non-literal")
        tests = " || ".join(f"langMatches(lang(?v), {_string(str(t))})" for t in tags)
        condition = f"!isLiteral(?v) || !({tests or 'false'})"
        yield from e.value_results(shape, focus, condition, "LanguageIn")


def unique_lang(e: Engine, shape: Shape, focus: Focus) -> Iterator[RawResult]:
    value = single(e.g, shape.node, SH.uniqueLang)
    if not (isinstance(value, rdflib.Literal) and value.value is True):
        return
    if shape.path is None:
        raise ShapeError(name(shape.node), "sh:uniqueLang on a node shape")
    for node, values in sorted(e.values(shape, focus).items(), key=lambda kv: str(kv[0])):
        languages: dict[str, int] = {}
        for v in values:
            language = getattr(v, "language", None)
            if language:
                languages[language.lower()] = languages.get(language.lower(), 0) + 1
        for _language in sorted(lang for lang, n in languages.items() if n > 1):
            yield shape.result(node, None, "UniqueLang")


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
