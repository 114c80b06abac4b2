"""`selaras serve` as a real process: content negotiation with 303 See Other, ETag/304, the
read-only SPARQL endpoint through SPARQLWrapper (an independent client), the analyses over HTTP,
and no path escaping the site."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from publish_helpers import serving
from selaras.read import read_dataset
from selaras.terms import rdflib_graph

ROOT = Path(__file__).resolve().parents[1]
KALTARA = ROOT / "examples" / "kaltara"
SS = "https://w3id.org/selaras/id/ss/SS-KPPN-TRK-1"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def get(
    url: str, headers: dict[str, str] | None = None, *, follow: bool = True
) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(str(KALTARA), "--include-staff", "--max-results", "2000") as url:
        yield url


def description(iri: str) -> rdflib.Graph:
    dataset = _graph_as_written([KALTARA])
    found = rdflib.Graph()
    for p, o in dataset.predicate_objects(rdflib.URIRef(iri)):
        found.add((rdflib.URIRef(iri), p, o))
    return found


@pytest.mark.parametrize(
    ("accept", "ext", "fmt"),
    [
        ("text/turtle", "ttl", "turtle"),
        ("application/ld+json", "jsonld", "json-ld"),
        ("application/n-triples", "nt", "nt"),
        ("application/rdf+xml", "rdf", "xml"),
    ],
)
def test_303_then_the_description(server: str, accept: str, ext: str, fmt: str) -> None:
    thing = server + "id/ss/SS-KPPN-TRK-1"
    status, headers, _ = get(thing, {"Accept": accept}, follow=False)
    assert status == 303
    assert headers["location"] == f"/doc/ss/SS-KPPN-TRK-1.{ext}"
    assert "Accept" in headers["vary"]
    status, headers, body = get(thing, {"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept)
    got = rdflib.Graph().parse(data=body, format=fmt)
    assert isomorphic(got, description(SS))


def test_q_values_choose(server: str) -> None:
    thing = server + "id/unit/KPPN-TRK"
    cases = {
        "text/turtle;q=0.5, application/ld+json;q=0.9": ".jsonld",
        "text/html, application/xhtml+xml, */*;q=0.8": ".html",
        "application/n-triples, text/turtle;q=0": ".nt",
        "text/*;q=0.3, application/rdf+xml;q=0.2": ".html",
        "": ".html",
    }
    for accept, ext in cases.items():
        status, headers, _ = get(thing, {"Accept": accept} if accept else {}, follow=False)
        assert status == 303 and headers["location"].endswith(ext), (accept, headers)


def test_406_for_what_cannot_be_served(server: str) -> None:
    status, _, body = get(server + "id/unit/KPPN-TRK", {"Accept": "image/png"}, follow=False)
    assert status == 406 and body.count(b"\n") == 1


def test_etag_and_304(server: str) -> None:
    url = server + "doc/unit/KPPN-TRK.html"
    status, headers, body = get(url)
    assert status == 200 and headers["etag"] and headers["last-modified"]
    assert b'class="lit"' in body
    status, _, body = get(url, {"If-None-Match": headers["etag"]})
    assert status == 304 and body == b""
    status, _, _ = get(url, {"If-None-Match": '"something-else"'})
    assert status == 200


def test_cors_for_reads(server: str) -> None:
    _, headers, _ = get(server + "doc/unit/KPPN-TRK.ttl", {"Origin": "https://example.org"})
    assert headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    "path",
    [
        "doc/../../../etc/passwd",
        "doc/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "%2e%2e/%2e%2e/etc/passwd",
        "/etc/passwd",
        "doc/unit/KPPN-TRK%00.html",
        "doc/unit/KPPN-TRK.html%00",
        "static/../../pyproject.toml",
        "..%2f..%2fpyproject.toml",
    ],
)
def test_no_path_escapes_the_site(server: str, path: str) -> None:
    # http.client would normalise nothing: the path goes out as written
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", "/" + path)
    answer = connection.getresponse()
    body = answer.read()
    assert answer.status == 404, (path, answer.status)
    assert b"root:" not in body and b"[project]" not in body and body.count(b"\n") <= 1


def sparql(server: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server + "sparql")
    client.setTimeout(30)
    return client


PREFIX = "PREFIX sel: <https://w3id.org/selaras/ontology#>\n"


@pytest.mark.parametrize("how", ["GET", "POST-form", "POST-direct"])
def test_sparql_select_ask_construct(server: str, how: str) -> None:
    def client() -> SPARQLWrapper:
        c = sparql(server)
        if how != "GET":
            c.setMethod(POST)
            c.setRequestMethod(URLENCODED if how == "POST-form" else POSTDIRECTLY)
        return c

    c = client()
    c.setQuery(
        PREFIX
        + "SELECT ?code WHERE { ?s a sel:StrategicObjective ; sel:code ?code } ORDER BY ?code"
    )
    c.setReturnFormat(JSON)
    rows = [b["code"]["value"] for b in c.query().convert()["results"]["bindings"]]  # type: ignore[index]
    graph = _graph_as_written([KALTARA])
    sel = rdflib.Namespace("https://w3id.org/selaras/ontology#")
    expected = sorted(
        str(o)
        for s in graph.subjects(rdflib.RDF.type, sel.StrategicObjective)
        for o in graph.objects(s, sel.code)
    )
    assert rows == expected

    c = client()
    c.setQuery(PREFIX + f'ASK {{ <{SS}> sel:code "SS-KPPN-TRK-1" }}')
    c.setReturnFormat(JSON)
    assert c.query().convert()["boolean"] is True  # type: ignore[index]

    c = client()
    c.setQuery(f"CONSTRUCT {{ <{SS}> ?p ?o }} WHERE {{ <{SS}> ?p ?o }}")
    c.setReturnFormat(TURTLE)
    got = rdflib.Graph().parse(data=c.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert isomorphic(got, description(SS))


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        ("application/sparql-results+xml", b"<sparql"),
        ("text/csv", b"code\r\n"),
        ("text/tab-separated-values", b"?code\n"),
    ],
)
def test_sparql_result_formats(server: str, accept: str, check: bytes) -> None:
    from urllib.parse import quote

    query = quote(PREFIX + "SELECT ?code WHERE { ?s sel:code ?code } LIMIT 3")
    status, headers, body = get(f"{server}sparql?query={query}", {"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept) and check in body


@pytest.mark.filterwarnings("ignore:update operations MUST be done by POST")
def test_update_is_refused(server: str) -> None:
    for method in ("GET", "POST"):
        c = sparql(server)
        c.setMethod(method)
        c.setQuery('INSERT DATA { <urn:x> <urn:y> "z" }')
        with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as caught:
            c.query()
        error = caught.value
        if isinstance(error, urllib.error.HTTPError):
            assert error.code == 403 and b"read-only" in error.read()
        else:
            assert "403" in str(error) or "read-only" in str(error)
    request = urllib.request.Request(
        server + "sparql",
        data=b"update=CLEAR+ALL",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as http_error:
        urllib.request.urlopen(request, timeout=10)
    assert http_error.value.code == 403
    # nothing was written
    c = sparql(server)
    c.setQuery("ASK { <urn:x> ?p ?o }")
    c.setReturnFormat(JSON)
    assert c.query().convert()["boolean"] is False  # type: ignore[index]


def test_malformed_query_is_400(server: str) -> None:
    c = sparql(server)
    c.setQuery("SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryBadFormed):
        c.query()


def test_result_cap(server: str) -> None:
    from urllib.parse import quote

    status, _, body = get(f"{server}sparql?query={quote('SELECT * WHERE { ?s ?p ?o }')}")
    assert status == 413 and b"cap of 2000" in body and body.count(b"\n") == 1


def test_timeout() -> None:
    from urllib.parse import quote

    with serving(str(KALTARA), "--timeout", "0.5", "--max-results", "100000000") as url:
        query = quote("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        status, _, body = get(f"{url}sparql?query={query}")
    assert status == 503 and b"limit of 0.5 s" in body


def selaras_query(name: str, *params: str, fmt: str) -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "selaras",
            "query",
            name,
            str(KALTARA),
            "--format",
            fmt,
            *[f"--param={p}" for p in params],
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("cascade", ()),
        ("coverage", ()),
        ("orphans", ()),
        ("misaligned", ()),
        ("strategy-map", ("unit=KPPN-TRK",)),
        ("line-of-sight", ("from=SS-KPPN-TRK-1",)),
    ],
)
def test_analyses_over_http_equal_selaras_query(
    server: str, name: str, params: tuple[str, ...]
) -> None:
    query = "&".join(params)
    status, headers, body = get(f"{server}analyses/{name}?{query}")
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert json.loads(body) == json.loads(selaras_query(name, *params, fmt="json"))
    status, headers, body = get(f"{server}analyses/{name}?{query}", {"Accept": "text/csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv")
    expected = list(csv.reader(io.StringIO(selaras_query(name, *params, fmt="csv"))))
    assert list(csv.reader(io.StringIO(body.decode("utf-8")))) == expected


def test_analysis_errors_are_one_line(server: str) -> None:
    status, _, body = get(server + "analyses/no-such")
    assert status == 404 and b"unknown" in body and body.count(b"\n") == 1
    status, _, body = get(server + "analyses/line-of-sight")
    assert status == 400 and b"from" in body and body.count(b"\n") == 1
    status, _, body = get(server + "analyses/cascade?bogus=1")
    assert status == 400 and body.count(b"\n") == 1


def test_privacy_by_default() -> None:
    with serving(str(KALTARA)) as url:
        status, _, _ = get(url + "id/unit/KPPN-TRK-UMUM-P1", follow=False)
        assert status == 404
        c = SPARQLWrapper(url + "sparql")
        c.setQuery("ASK { ?p a <https://w3id.org/selaras/ontology#Position> }")
        c.setReturnFormat(JSON)
        assert c.query().convert()["boolean"] is False  # type: ignore[index]
        status, _, body = get(url + ".well-known/void")
        assert status == 200 and b"void:sparqlEndpoint" in body


def _graph_as_written(paths: list[Path]) -> rdflib.Graph:
    """The dataset's triples as parsed (lexical forms kept) as an rdflib graph."""
    return rdflib_graph(read_dataset(paths).triples())
