"""The read-only SPARQL endpoint's engine: one query on the published store, with a time limit
and a result cap, answered in the format the client asks for.

SELECT: SPARQL JSON, XML, CSV, TSV; ASK: JSON, XML; CONSTRUCT and DESCRIBE: Turtle, JSON-LD,
N-Triples, RDF/XML. Anything that is not a query (SPARQL Update, LOAD, ...) is refused: the
store is only ever asked to ``query``, which cannot write.

The time limit is checked between solutions; a query that computes for long before its first
solution (a big aggregate) is answered with the timeout error at the limit while its worker
thread finishes in the background (a limiter bounds how many run at once).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from selaras.publish import rdf
from selaras.publish.model import Term, text

SELECT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
)
ASK_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "application/json",
)
GRAPH_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
_GRAPH_FMT = {
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdf",
}
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Limits:
    """Seconds a query may run, and the most solutions or triples it may return."""

    timeout: float = 10.0
    max_results: int = 10_000


class QueryError(Exception):
    """A query the endpoint does not answer: ``status`` is the HTTP status, the message one line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Answer:
    kind: str  # "select", "ask" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool = False
    triples: tuple[ox.Triple, ...] = ()

    def offered(self) -> tuple[str, ...]:
        return {"select": SELECT_TYPES, "ask": ASK_TYPES, "graph": GRAPH_TYPES}[self.kind]


def is_update(text: str) -> bool:
    return bool(_UPDATE.match(_strip_comments(text)))


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def evaluate(
    store: ox.Store, text: str, limits: Limits, *, cancelled: list[bool] | None = None
) -> Answer:
    """Run ``text`` on ``store``; QueryError (400 malformed, 403 an update, 503 over time,
    413 over the result cap)."""
    if is_update(text):
        raise QueryError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    deadline = time.monotonic() + limits.timeout
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise QueryError(400, f"malformed query: {str(exc).splitlines()[0]}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(400, f"the query failed: {str(exc).splitlines()[0]}") from None

    def check(count: int) -> None:
        if time.monotonic() > deadline or (cancelled and cancelled[0]):
            raise QueryError(503, f"the query ran longer than the limit of {limits.timeout:g} s")
        if count > limits.max_results:
            raise QueryError(
                413,
                f"the query gives more than the cap of {limits.max_results} results; "
                "narrow it or add LIMIT",
            )

    try:
        if isinstance(result, ox.QueryBoolean):
            return Answer("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = tuple(v.value for v in result.variables)
            rows = []
            for solution in result:
                rows.append(tuple(solution[n] for n in names))
                check(len(rows))
            check(0)
            return Answer("select", variables=names, rows=tuple(rows))
        triples = []
        for triple in result:
            triples.append(triple)
            check(len(triples))
        check(0)
        return Answer("graph", triples=tuple(triples))
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(400, f"the query failed: {str(exc).splitlines()[0]}") from None


def serialize(answer: Answer, media: str) -> bytes:
    """``answer`` in ``media`` (one of ``answer.offered()``)."""
    if answer.kind == "graph":
        return rdf.serialize(answer.triples, _GRAPH_FMT[media])
    if media in ("application/sparql-results+json", "application/json"):
        return _json(answer)
    if media == "application/sparql-results+xml":
        return _xml(answer)
    if media == "text/csv":
        return _csv(answer)
    return _tsv(answer)


def _term_json(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    assert isinstance(term, ox.Literal)
    found = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        found["datatype"] = term.datatype.value
    return found


def _json(answer: Answer) -> bytes:
    if answer.kind == "ask":
        document: dict[str, object] = {"head": {}, "boolean": answer.boolean}
    else:
        bindings = [
            {n: _term_json(t) for n, t in zip(answer.variables, row, strict=True) if t is not None}
            for row in answer.rows
        ]
        document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _xml(answer: Answer) -> bytes:
    out = [
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>\n'
    ]
    out += [f"<variable name={quoteattr(n)}/>\n" for n in answer.variables]
    out.append("</head>\n")
    if answer.kind == "ask":
        out.append(f"<boolean>{'true' if answer.boolean else 'false'}</boolean>\n")
    else:
        out.append("<results>\n")
        for row in answer.rows:
            out.append("<result>")
            for name, term in zip(answer.variables, row, strict=True):
                if term is None:
                    continue
                out.append(f"<binding name={quoteattr(name)}>{_term_xml(term)}</binding>")
            out.append("</result>\n")
        out.append("</results>\n")
    out.append("</sparql>\n")
    return "".join(out).encode("utf-8")


def _term_xml(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    assert isinstance(term, ox.Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"


def _csv(answer: Answer) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(answer.variables)
    for row in answer.rows:
        writer.writerow(["" if t is None else text(t) for t in row])
    return buffer.getvalue().encode("utf-8")


def _tsv(answer: Answer) -> bytes:
    lines = ["\t".join(f"?{n}" for n in answer.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in answer.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")
