"""RDF literals <-> Neo4j property values, exactly.

A literal becomes a typed value analysts can compute with (integer, float, boolean, Date,
string). When that value alone would not give the same literal back, side keys keep what it
loses: ``<key>_lexical`` (the exact lexical form, e.g. ``92.00`` or a decimal with more digits
than a double holds; the canonical forms pyoxigraph's store keeps need none) and
``<key>_datatype`` (a datatype other than the one the key implies, e.g.
``"2025"^^xsd:integer`` where the ontology says ``xsd:gYear``). :func:`encode` adds a side key
exactly when :func:`decode` would otherwise differ, so ``decode(encode(x)) == x`` by construction.

>>> encode("92.00", XSD + "decimal", XSD + "decimal")
Encoded(value=92.0, lexical='92.00', datatype=None)
>>> decode(92.0, XSD + "decimal", lexical="92.00")
('92.00', 'http://www.w3.org/2001/XMLSchema#decimal')
>>> encode("2025", XSD + "gYear", XSD + "gYear")
Encoded(value=2025, lexical=None, datatype=None)
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_BOOLEAN = XSD + "boolean"
XSD_INTEGER = XSD + "integer"
XSD_DECIMAL = XSD + "decimal"
XSD_DOUBLE = XSD + "double"
XSD_GYEAR = XSD + "gYear"
XSD_DATE = XSD + "date"
INTEGERS = frozenset(
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
FLOATS = frozenset({XSD_DECIMAL, XSD_DOUBLE, XSD + "float"})

#: A property value as the driver sends it.
Value = str | int | float | bool | datetime.date

_INT = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\Z")
_DOUBLE = re.compile(r"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)\Z")
_GYEAR = re.compile(r"[0-9]{4}\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_INT64 = 2**63


@dataclass(frozen=True)
class Encoded:
    """A literal as a property value plus the side keys that keep it exact (None: not needed)."""

    value: Value
    lexical: str | None
    datatype: str | None


def to_value(lexical: str, datatype: str) -> Value | None:
    """The typed value of a literal, or None when it has no exact Neo4j type (ill-typed too)."""
    if datatype == XSD_STRING:
        return lexical
    if datatype == XSD_BOOLEAN:
        return {"true": True, "1": True, "false": False, "0": False}.get(lexical)
    if datatype in INTEGERS or datatype == XSD_GYEAR:
        pattern = _GYEAR if datatype == XSD_GYEAR else _INT
        if pattern.match(lexical):
            number = int(lexical)
            if -_INT64 <= number < _INT64:
                return number
        return None
    if datatype in FLOATS:
        if (_DECIMAL if datatype == XSD_DECIMAL else _DOUBLE).match(lexical):
            return float(lexical.replace("INF", "inf"))
        return None
    if datatype == XSD_DATE and _DATE.match(lexical):
        try:
            return datetime.date.fromisoformat(lexical)
        except ValueError:
            return None
    return None


def default_datatype(value: Value, range_: str | None) -> str:
    """The datatype a value stands for without a side key: the ontology range if it fits."""
    if isinstance(value, bool):
        return XSD_BOOLEAN
    if isinstance(value, int):
        if range_ == XSD_GYEAR and 0 <= value <= 9999:
            return XSD_GYEAR
        return range_ if range_ in INTEGERS else XSD_INTEGER
    if isinstance(value, float):
        return range_ if range_ in FLOATS else XSD_DOUBLE
    if isinstance(value, datetime.date):
        return XSD_DATE
    return XSD_STRING


def lexical_of(value: Value, datatype: str) -> str:
    """The lexical form a value is written back with (for ``datatype``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:04d}" if datatype == XSD_GYEAR else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        # Positional notation of the shortest repr, no ".0" for whole numbers: the canonical
        # form XSD 1.1 gives decimals and the one pyoxigraph's store writes for doubles.
        text = format(Decimal(repr(value)), "f")
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def encode(lexical: str, datatype: str, range_: str | None) -> Encoded:
    """A literal (lexical form, datatype IRI) as a value and the side keys it needs."""
    typed = to_value(lexical, datatype)
    value: Value = lexical if typed is None else typed
    side_datatype = None if default_datatype(value, range_) == datatype else datatype
    side_lexical = None if lexical_of(value, datatype) == lexical else lexical
    return Encoded(value, side_lexical, side_datatype)


def decode(
    value: Any,
    range_: str | None,
    *,
    lexical: str | None = None,
    datatype: str | None = None,
) -> tuple[str, str]:
    """The literal (lexical form, datatype IRI) a property value and its side keys stand for."""
    value = native(value)
    dtype = datatype if datatype is not None else default_datatype(value, range_)
    return (lexical if lexical is not None else lexical_of(value, dtype)), dtype


def native(value: Any) -> Value:
    """A value read from Neo4j as a Python value (neo4j.time.Date -> datetime.date)."""
    to_native = getattr(value, "to_native", None)
    if to_native is not None:
        converted = to_native()
        assert isinstance(converted, datetime.date)
        return converted
    assert isinstance(value, str | int | float | datetime.date)
    return value
