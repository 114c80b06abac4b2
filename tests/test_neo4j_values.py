"""Literals <-> property values: typed values analysts can use, and every literal exact again."""

from __future__ import annotations

import datetime

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from selaras.neo4j.values import (
    FLOATS,
    INTEGERS,
    XSD,
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_DOUBLE,
    XSD_GYEAR,
    XSD_INTEGER,
    XSD_STRING,
    Encoded,
    decode,
    encode,
    lexical_of,
)


@pytest.mark.parametrize(
    ("lexical", "datatype", "range_", "expected"),
    [
        ("KPPN-TJS", XSD_STRING, XSD_STRING, Encoded("KPPN-TJS", None, None)),
        ("2025", XSD_GYEAR, XSD_GYEAR, Encoded(2025, None, None)),
        ("2025", XSD_INTEGER, XSD_GYEAR, Encoded(2025, None, XSD_INTEGER)),
        ("2025", XSD_STRING, XSD_GYEAR, Encoded("2025", None, None)),
        ("92.5", XSD_DECIMAL, XSD_DECIMAL, Encoded(92.5, None, None)),
        ("92", XSD_DECIMAL, XSD_DECIMAL, Encoded(92.0, None, None)),
        ("92.00", XSD_DECIMAL, XSD_DECIMAL, Encoded(92.0, "92.00", None)),
        ("90", XSD_INTEGER, XSD_DECIMAL, Encoded(90, None, None)),
        ("abc", XSD_DECIMAL, XSD_DECIMAL, Encoded("abc", None, XSD_DECIMAL)),
        (
            "93.123456789012345678901",
            XSD_DECIMAL,
            XSD_DECIMAL,
            Encoded(93.12345678901235, "93.123456789012345678901", None),
        ),
        ("1.5E3", XSD_DOUBLE, None, Encoded(1500.0, "1.5E3", None)),
        ("1.5", XSD_DOUBLE, None, Encoded(1.5, None, None)),
        ("1500", XSD_DOUBLE, None, Encoded(1500.0, None, None)),
        ("1.5", XSD_DECIMAL, None, Encoded(1.5, None, XSD_DECIMAL)),
        ("2025-06-30", XSD_DATE, XSD_DATE, Encoded(datetime.date(2025, 6, 30), None, None)),
        ("2025-02-30", XSD_DATE, XSD_DATE, Encoded("2025-02-30", None, XSD_DATE)),
        ("true", XSD_BOOLEAN, None, Encoded(True, None, None)),
        ("1", XSD_BOOLEAN, None, Encoded(True, "1", None)),
        ("+007", XSD_INTEGER, None, Encoded(7, "+007", None)),
        ("3", XSD + "long", XSD_INTEGER, Encoded(3, None, XSD + "long")),
        ("9" * 30, XSD_INTEGER, None, Encoded("9" * 30, None, XSD_INTEGER)),
        ("x", XSD + "anyURI", None, Encoded("x", None, XSD + "anyURI")),
    ],
)
def test_encode(lexical: str, datatype: str, range_: str | None, expected: Encoded) -> None:
    encoded = encode(lexical, datatype, range_)
    assert encoded == expected
    assert decode(encoded.value, range_, lexical=encoded.lexical, datatype=encoded.datatype) == (
        lexical,
        datatype,
    )


DATATYPES = sorted(
    {XSD_STRING, XSD_BOOLEAN, XSD_GYEAR, XSD_DATE, XSD + "anyURI", "https://example.org/dt"}
    | INTEGERS
    | FLOATS
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.from_regex(r"[+-]?[0-9]{0,25}(\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?", fullmatch=True),
    st.floats(allow_nan=True).map(repr),
    st.sampled_from(["INF", "-INF", "NaN", "+INF", "0.0", "-0.0", "1", "0", "true", "false"]),
)
lexicals = st.one_of(
    numbers,
    st.dates().map(datetime.date.isoformat),
    st.from_regex(r"[0-9]{4}(-[0-9]{2}){0,2}", fullmatch=True),
    st.text(max_size=20),
)


@given(
    lexical=lexicals,
    datatype=st.sampled_from(DATATYPES),
    range_=st.sampled_from([None, *DATATYPES]),
)
def test_every_literal_comes_back_exactly(lexical: str, datatype: str, range_: str | None) -> None:
    encoded = encode(lexical, datatype, range_)
    assert decode(encoded.value, range_, lexical=encoded.lexical, datatype=encoded.datatype) == (
        lexical,
        datatype,
    )


@given(value=st.floats(allow_nan=False, allow_infinity=False))
def test_canonical_doubles_and_decimals_need_no_side_key(value: float) -> None:
    for datatype in (XSD_DOUBLE, XSD_DECIMAL):
        assert encode(lexical_of(value, datatype), datatype, None).lexical is None


def _stored(lexical: str, datatype: str) -> str:
    """The lexical form pyoxigraph's store keeps (it canonicalises valid literals)."""
    store = ox.Store()
    node = ox.NamedNode("https://example.org/s")
    store.add(ox.Quad(node, node, ox.Literal(lexical, datatype=ox.NamedNode(datatype))))
    (quad,) = list(store)
    assert isinstance(quad.object, ox.Literal)
    return quad.object.value


@given(
    value=st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, width=64).map(repr),
        st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
        st.integers(min_value=-(10**15), max_value=10**15).map(str),
    ),
    datatype=st.sampled_from([XSD_DOUBLE, XSD_DECIMAL, XSD_INTEGER]),
)
def test_what_the_store_keeps_needs_no_lexical_side_key(value: str, datatype: str) -> None:
    lexical = _stored(value, datatype)
    encoded = encode(lexical, datatype, None)
    if datatype == XSD_DECIMAL and len(lexical.lstrip("-").replace(".", "").lstrip("0")) > 15:
        return  # more digits than a double holds: the side key is the point
    if encoded.datatype is None:  # a valid literal of its type
        assert encoded.lexical is None, lexical


def test_doctests() -> None:
    import doctest

    import selaras.neo4j.connection
    import selaras.neo4j.values

    for module in (selaras.neo4j.values, selaras.neo4j.connection):
        failures, tried = doctest.testmod(module)
        assert tried > 0 and failures == 0, module.__name__
