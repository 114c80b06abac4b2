"""SPARQL text of SPARQL-based constraints, rewritten to run once for all focus nodes.

SHACL pre-binds ``$this`` (and ``$value``, ``$PATH``, a component's parameters) in each query and
runs it once per focus node. Here the query runs once: ``$this`` becomes the variable ``?this``
and the shape's focus-node pattern is joined into the query's top-level group, so each solution
is one of a focus node's (a group that opens with a triple pattern on ``$this`` binds it in
every solution: there the caller keeps the focus nodes' solutions and nothing is joined);
``$PATH`` becomes the path's SPARQL text and parameters their values (constants). That equals
pre-binding wherever the query binds ``$this`` itself in every group,
which the checks below make sure of, refusing with a :class:`ShapeError` what they cannot:

* ``MINUS``, ``VALUES``, ``SERVICE`` (SHACL forbids them with pre-binding),
* ``AS ?this`` (re-binding), ``$shapesGraph`` / ``$currentShape`` (no shapes graph in the store),
* a top-level or nested ``SELECT`` that does not project ``?this``.

The text is masked first (strings, IRIs and comments blanked out), so keywords and braces inside
them are left alone; ``tests/test_sparql_query.py`` holds the rewriter to every form it accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from selaras.errors import ShapeError

#: Strings, IRIs and comments: masked before looking for keywords and braces.
_OPAQUE = re.compile(
    r"""#[^\n]*"""
    r'''|"""(?:[^"\\]|\\.|"(?!""))*"""'''
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r'''|"(?:[^"\\\n]|\\.)*"'''
    r"""|'(?:[^'\\\n]|\\.)*'"""
    r"""|<[^<>"{}|^`\\\s]*>""",
    re.DOTALL,
)
_THIS = re.compile(r"[?$]this\b")
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_ASK = re.compile(r"\bASK\b", re.IGNORECASE)
_FORBIDDEN = re.compile(r"(?<![\w:?$])(MINUS|VALUES|SERVICE)\b", re.IGNORECASE)
_REBIND = re.compile(r"\bAS\s+[?$]this\b", re.IGNORECASE)
_PREBOUND = re.compile(r"[?$](shapesGraph|currentShape)\b")
_PATH_VAR = re.compile(r"\$PATH\b")
#: A group whose first element is a triple pattern with ?this as its subject.
_LEADS_WITH_THIS = re.compile(r"\s*\?this\b")
#: LIMIT and OFFSET count the solutions of all focus nodes together: the focus must be joined.
_SLICE = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)

Fail = Callable[[str], ShapeError]


def mask(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (same length, same positions).

    >>> mask('SELECT ?x WHERE { ?x <urn:a{b> "}" } # }')
    'SELECT ?x WHERE { ?x              }    '
    """
    return _OPAQUE.sub(lambda m: " " * len(m.group(0)), text)


def _check(masked: str, fail: Fail) -> None:
    for pattern, why in (
        (_FORBIDDEN, "MINUS, VALUES and SERVICE are not allowed in SPARQL constraints"),
        (_REBIND, "AS ?this would re-bind the pre-bound $this"),
        (_PREBOUND, "$shapesGraph and $currentShape are not supported"),
    ):
        if pattern.search(masked):
            raise fail(why)


def substitute(
    text: str, path: str | None, bindings: Mapping[str, str], fail: Fail
) -> tuple[str, str]:
    """(text, masked) with ``$PATH``, ``$this`` and the ``bindings`` (name -> term) replaced."""
    masked = mask(text)
    _check(masked, fail)
    if _PATH_VAR.search(masked):
        if path is None:
            raise fail("$PATH in a SPARQL constraint of a node shape")
        text = _replace(text, masked, _PATH_VAR, path)
        masked = mask(text)
    for variable, term in sorted(bindings.items()):
        found = re.compile(r"[?$]" + re.escape(variable) + r"\b")
        text = _replace(text, masked, found, term)
        masked = mask(text)
    text = _replace(text, masked, _THIS, "?this")
    return text, mask(text)


def rewrite_select(
    text: str,
    *,
    focus: str,
    path: str | None,
    prefixes: Mapping[str, str],
    bindings: Mapping[str, str],
    fail: Fail,
) -> str:
    """The SELECT ``text`` run once for the focus nodes bound by the group pattern ``focus``."""
    text, masked = substitute(text, path, bindings, fail)
    selects = list(_SELECT.finditer(masked))
    if not selects:
        raise fail("sh:select holds no SELECT query")
    for number, select in enumerate(selects):
        brace = masked.find("{", select.end())
        if brace < 0:
            raise fail("sh:select has no WHERE group")
        projection = re.split(r"\bWHERE\b", masked[select.end() : brace], flags=re.IGNORECASE)[0]
        if "?this" not in projection.split() and not (number == 0 and "*" in projection):
            where = "the query" if number == 0 else "a nested SELECT"
            raise fail(f"{where} must select ?this ($this)")
    start = masked.find("{", selects[0].end())
    end = closing_brace(masked, start)
    if end < 0:
        raise fail("sh:select has unbalanced braces")
    if _binds_this_itself(masked, start):
        # The group opens with a triple pattern on ?this: every solution binds it, and the
        # caller keeps those of the focus nodes. Joining the focus pattern too would only cost
        # (a second pass over, say, every period target) and may lead pyoxigraph astray.
        return header(prefixes) + text
    # The focus pattern closes the top-level group: joined with everything the group binds
    # (?this included), like a pre-binding; placed first, pyoxigraph may pick a plan that
    # starts from it and takes minutes.
    # A triple pattern may end the group without its ".": then the pattern needs one.
    before = masked[:end].rstrip()
    joint = " " if before.endswith((".", "{")) else " . "
    return header(prefixes) + f"{text[:end]}{joint}{focus} {text[end:]}"


def focus_free(text: str, *, path: str | None, bindings: Mapping[str, str], fail: Fail) -> bool:
    """Whether :func:`rewrite_select` runs the SELECT ``text`` without joining the focus
    pattern (its group opens with a triple pattern on ?this): the rewritten query is then the
    same whatever the focus nodes are."""
    _text, masked = substitute(text, path, bindings, fail)
    select = _SELECT.search(masked)
    return select is not None and _binds_this_itself(masked, masked.find("{", select.end()))


def _binds_this_itself(masked: str, start: int) -> bool:
    """The top-level group opening at ``start`` begins with a triple pattern on ?this, and no
    LIMIT or OFFSET depends on which solutions come first."""
    return bool(_LEADS_WITH_THIS.match(masked, start + 1)) and not _SLICE.search(masked)


def ask_body(text: str, *, path: str | None, bindings: Mapping[str, str], fail: Fail) -> str:
    """The group pattern of an ASK validator, ``$this`` as ``?this`` and ``$value`` kept as
    the variable ``?value`` (the caller binds both)."""
    text, masked = substitute(text, path, bindings, fail)
    ask = _ASK.search(masked)
    if ask is None:
        raise fail("sh:ask holds no ASK query")
    start = masked.find("{", ask.end())
    end = closing_brace(masked, start)
    if start < 0 or end < 0:
        raise fail("sh:ask has unbalanced braces")
    if masked[end + 1 :].strip():
        raise fail("sh:ask has text after its group (solution modifiers)")
    if _SELECT.search(masked):
        raise fail("a nested SELECT in an ASK validator")
    body = text[start : end + 1]
    return _replace(body, mask(body), re.compile(r"\$value\b"), "?value")


def header(prefixes: Mapping[str, str]) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))


def closing_brace(masked: str, start: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``start`` (-1 when there is none)."""
    if start < 0:
        return -1
    depth = 0
    for index in range(start, len(masked)):
        char = masked[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _replace(text: str, masked: str, pattern: re.Pattern[str], new: str) -> str:
    """Replace the matches of ``pattern`` found in code (not in strings, IRIs or comments)."""
    out = []
    last = 0
    for match in pattern.finditer(masked):
        out.append(text[last : match.start()])
        out.append(new)
        last = match.end()
    out.append(text[last:])
    return "".join(out)
