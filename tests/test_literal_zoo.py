"""Every writer keeps every literal exactly as written: a zoo of literals, through each and back.

The zoo holds every XSD datatype Selaras may meet with non-canonical lexical forms (the forms
pyoxigraph's store would rewrite: ``"05"^^xsd:integer``, ``"1.5E3"^^xsd:double``,
``"+1.0"^^xsd:decimal``, ``"0.30000000000000004"^^xsd:double``), ill-typed values, language
tags, long and unicode strings; hypothesis adds generated ones. Each writer's output is read back
with the one parser and compared as N-Triples text, so a changed lexical form fails:

* Turtle, N-Triples and JSON-LD (:mod:`selaras.rdf.write`), and a written file read back as a
  Dataset (:func:`selaras.read.read_dataset`);
* Neo4j: loaded (:func:`selaras.neo4j.load_dataset`) and exported back, then written as Turtle
  (marker ``neo4j``);
* the spreadsheet template, for the one typed value it carries (``xsd:decimal`` targets), in
  the forms a planner can write in a cell (no sign, no leading zeros: the importer reads cell
  text, not RDF).

Directional language strings (RDF 1.2) are left out: the pyoxigraph build used does not read them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selaras.rdf import WRITE_FORMATS, RdfFormat
from selaras.rdf.read import parse_text
from selaras.rdf.write import serialize, write_file
from selaras.read import read_dataset

XSD = "http://www.w3.org/2001/XMLSchema#"
SEL = "https://w3id.org/selaras/ontology#"
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ID = "https://w3id.org/selaras/id/"

#: (datatype local name, lexical forms): canonical and non-canonical, valid and ill-typed.
TYPED: dict[str, tuple[str, ...]] = {
    "integer": ("05", "+5", "-0", "007", "0", "123456789012345678901234567890", "x"),
    "int": ("0010", "+3", "-2147483648"),
    "long": ("+3", "09223372036854775807"),
    "short": ("-0032768",),
    "byte": ("+127", "01"),
    "nonNegativeInteger": ("00", "+0"),
    "positiveInteger": ("+1", "01"),
    "negativeInteger": ("-01",),
    "nonPositiveInteger": ("-0", "+0"),
    "unsignedLong": ("018446744073709551615",),
    "unsignedInt": ("0",),
    "unsignedShort": ("065535",),
    "unsignedByte": ("0255",),
    "decimal": (
        "+1.0",
        "92.00",
        "0.30000000000000004",
        ".5",
        "5.",
        "-0.0",
        "1234567890.123456789012345678901",
        "+007",
        "1E3",
        "abc",
    ),
    "double": (
        "1.5E3",
        "0.30000000000000004",
        "1e0",
        "+INF",
        "-INF",
        "NaN",
        "-0",
        "1.0E-10",
        "00.10",
        "1.7976931348623157E308",
        "4.9E-324",
    ),
    "float": ("1.5e3", "3.14", "+.5", "1E39"),
    "boolean": ("1", "0", "true", "false", "TRUE"),
    "date": ("2025-06-30", "2025-06-30Z", "2025-06-30+07:00", "-0044-03-15", "2025-13-01"),
    "dateTime": ("2025-06-30T08:00:00.500+07:00", "2025-06-30T08:00:00.0Z", "2025-06-30T24:00:00"),
    "time": ("08:00:00.000", "23:59:60"),
    "gYear": ("2025", "0900", "-0001", "2025Z"),
    "gYearMonth": ("2025-06",),
    "gMonthDay": ("--06-30",),
    "gDay": ("---30",),
    "gMonth": ("--06",),
    "duration": ("P1Y12M", "PT36H", "P0D", "-P1DT0.50S"),
    "dayTimeDuration": ("PT1H60M",),
    "yearMonthDuration": ("P0Y13M",),
    "string": ("", " padded ", "tab\there", 'quote " and \\ backslash', "baris\nbaru"),
    "normalizedString": ("a  b",),
    "token": ("KPPN-TJS",),
    "language": ("en-GB",),
    "anyURI": ("https://example.org/doc", "relative/path", ""),
    "hexBinary": ("0a0B", ""),
    "base64Binary": ("AQID", "AQ I D"),
}
LANGUAGE_TAGGED = (
    ("Layanan perbendaharaan", "id"),
    ("Treasury office", "en-GB"),
    ("國庫", "zh-Hant-TW"),
    ("", "en"),
)
UNICODE = ("Rp 1.000,00 — “kutip” ✓", "ﬁ ligature", "e\u0301 combining", "😀 emoji", "\u00a0nbsp")


def _zoo() -> list[ox.Literal]:
    literals = [
        ox.Literal(lexical, datatype=ox.NamedNode(XSD + name))
        for name, forms in TYPED.items()
        for lexical in forms
    ]
    literals += [ox.Literal(text, language=tag) for text, tag in LANGUAGE_TAGGED]
    literals += [ox.Literal(text) for text in UNICODE]
    literals.append(ox.Literal("panjang " * 5000))
    return literals


ZOO = _zoo()


def _typed(name: str, lexical: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(XSD + name))


#: Generated non-canonical forms: signs, leading and trailing zeros, exponents.
generated_numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(
        lambda n: _typed("integer", f"+0{n}" if n >= 0 else f"-0{-n}")
    ),
    st.decimals(allow_nan=False, allow_infinity=False, places=6).map(
        lambda d: _typed("decimal", format(d, "f") + "0")
    ),
    st.floats(allow_nan=False).map(lambda f: _typed("double", f"{f:.17E}")),
    st.floats(allow_nan=False, width=32).map(lambda f: _typed("float", repr(f))),
)
generated_text = st.one_of(
    st.text(max_size=60).map(ox.Literal),
    st.tuples(st.text(max_size=30), st.sampled_from(["id", "en", "en-GB", "zh-Hant-TW"])).map(
        lambda pair: ox.Literal(pair[0], language=pair[1])
    ),
)
literals = st.one_of(st.sampled_from(ZOO), generated_numbers, generated_text)

#: Predicates the JSON-LD writer treats differently: coerced to xsd:decimal by the context, a
#: language map, plain (outside the ontology).
PREDICATES = (
    ox.NamedNode(SEL + "targetValue"),
    ox.NamedNode(SEL + "year"),
    RDFS_LABEL,
    ox.NamedNode("http://example.org/elsewhere#value"),
)


def _triples(values: list[ox.Literal], predicates: list[ox.NamedNode]) -> list[ox.Triple]:
    return [
        ox.Triple(ox.NamedNode(f"{ID}test/{i % 7}"), predicates[i % len(predicates)], value)
        for i, value in enumerate(values)
    ]


def _text(triples: object) -> set[str]:
    return {str(t) for t in triples}  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", WRITE_FORMATS)
def test_the_whole_zoo_through_each_writer(fmt: RdfFormat, tmp_path: Path) -> None:
    for predicate in PREDICATES:
        triples = _triples(ZOO, [predicate])
        back = parse_text(serialize(triples, fmt).encode("utf-8"), fmt)
        assert _text(back) == _text(triples), predicate
    path = tmp_path / f"zoo.{fmt.value}"
    everything = _triples(ZOO, list(PREDICATES))
    assert write_file(everything, path, fmt) == len(everything)
    assert _text(read_dataset([path]).triples()) == _text(everything)


@given(values=st.lists(literals, min_size=1, max_size=40), data=st.data())
@settings(max_examples=150, deadline=None)
def test_generated_literals_through_each_writer(
    values: list[ox.Literal], data: st.DataObject
) -> None:
    predicates = data.draw(st.lists(st.sampled_from(PREDICATES), min_size=1, max_size=4))
    triples = _triples(values, predicates)
    for fmt in WRITE_FORMATS:
        back = parse_text(serialize(triples, fmt).encode("utf-8"), fmt)
        assert _text(back) == _text(triples), fmt


def test_the_store_would_have_changed_them() -> None:
    """The zoo is worth its keep: the store, the Dataset's query index, rewrites many of them."""
    from selaras.rdf.dataset import Dataset

    dataset = Dataset(_triples(ZOO, [PREDICATES[-1]]))
    changed = _text(dataset.triples()) - {str(q.triple) for q in dataset.store}
    assert '"05"^^<http://www.w3.org/2001/XMLSchema#integer>' in " ".join(changed)
    assert '"1.5E3"^^<http://www.w3.org/2001/XMLSchema#double>' in " ".join(changed)
    assert len(changed) > 30


def _neo4j_triples(values: list[ox.Literal]) -> list[ox.Triple]:
    """One period target per literal: typed ones under sel:realisation, text under rdfs:comment."""
    triples = []
    for i, value in enumerate(values):
        subject = ox.NamedNode(f"{ID}target/ZOO-{i}")
        plain = value.language or value.datatype.value == XSD + "string"
        predicate = RDFS_COMMENT if plain else ox.NamedNode(SEL + "realisation")
        triples.append(ox.Triple(subject, RDF_TYPE, ox.NamedNode(SEL + "PeriodTarget")))
        triples.append(ox.Triple(subject, predicate, value))
    return triples


def _neo4j_round_trip(driver: object, database: str, triples: list[ox.Triple]) -> set[str]:
    from selaras.neo4j import export_graph, load_dataset
    from selaras.rdf.dataset import Dataset

    load_dataset(
        driver,  # type: ignore[arg-type]
        Dataset(triples),
        name="zoo",
        database=database,
        validate=False,
        replace=True,
    )
    exported = export_graph(driver, database=database, dataset="zoo")  # type: ignore[arg-type]
    written = serialize(exported, RdfFormat.TURTLE)
    return _text(parse_text(written.encode("utf-8"), RdfFormat.TURTLE))


@pytest.mark.neo4j
def test_the_whole_zoo_through_neo4j(neo4j_driver: object, neo4j_settings: object) -> None:
    triples = _neo4j_triples(ZOO)
    database = neo4j_settings.database  # type: ignore[attr-defined]
    assert _neo4j_round_trip(neo4j_driver, database, triples) == _text(triples)


@pytest.mark.neo4j
@given(values=st.lists(literals, min_size=1, max_size=25))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_literals_through_neo4j(
    values: list[ox.Literal], neo4j_session_driver: object, neo4j_settings: object
) -> None:
    triples = _neo4j_triples(values)
    database = neo4j_settings.database  # type: ignore[attr-defined]
    assert _neo4j_round_trip(neo4j_session_driver, database, triples) == _text(triples)


#: Decimals as a planner writes them in a cell and the importer keeps them: trailing zeros,
#: many digits; the store would turn "92.00" into "92".
cell_decimals = st.decimals(min_value=0, max_value=10**12, allow_nan=False, places=8).map(
    lambda d: format(d, "f")
)


@given(values=st.lists(cell_decimals, min_size=1, max_size=8))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_target_values_through_the_spreadsheet(values: list[str]) -> None:
    from selaras.spreadsheet import export_book, import_book
    from selaras.terms import ox_triples, rdflib_graph

    small = Path(__file__).parent / "data" / "spreadsheet" / "small.ttl"
    target_value = ox.NamedNode(SEL + "targetValue")
    triples = list(read_dataset([small]).triples())
    slots = [i for i, t in enumerate(triples) if t.predicate == target_value]
    for n, i in enumerate(slots):
        lexical = values[n % len(values)] if n < len(values) else "92.00"
        triples[i] = ox.Triple(triples[i].subject, target_value, _typed("decimal", lexical))
    back = ox_triples(import_book(export_book(rdflib_graph(triples))))
    assert _text(t for t in back if t.predicate == target_value) == _text(triples[i] for i in slots)


def test_the_zoo_has_every_kind() -> None:
    kinds = {lit.datatype.value[len(XSD) :] for lit in ZOO if lit.datatype.value.startswith(XSD)}
    assert {
        "integer",
        "decimal",
        "double",
        "float",
        "boolean",
        "date",
        "dateTime",
        "gYear",
    } <= kinds
    assert any(lit.language for lit in ZOO) and any(len(lit.value) > 10000 for lit in ZOO)
    assert Decimal("0.30000000000000004")  # the value the issue cites is in the zoo
    assert _typed("double", "0.30000000000000004") in ZOO
