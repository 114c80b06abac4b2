"""Values as the input wrote them, for results found in a store that canonicalises literals.

The pyoxigraph store keeps numbers, booleans and dates by value: ``"05"^^xsd:integer`` comes
back as ``"5"``, ``"1.5E3"^^xsd:double`` as ``"1500"``. A result's value must be the literal
as written, so :meth:`WrittenForms.of` (over the dataset's triples as parsed) notes every literal of
such a datatype whose canonical form differs (keyed by subject, predicate and the store's
form), and :meth:`WrittenForms.restore` maps a result's value back.

>>> forms = WrittenForms()
>>> x = ox.NamedNode("urn:x")
>>> t = ox.Triple(x, x, ox.Literal("05", datatype=ox.NamedNode(_XSD + "integer")))
>>> _ = list(forms.collect([t]))
>>> str(forms.restore(x, x, ox.Literal("5", datatype=ox.NamedNode(_XSD + "integer"))))
'"05"^^<http://www.w3.org/2001/XMLSchema#integer>'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
T = TypeVar("T", ox.Triple, ox.Quad)
#: Datatypes whose literals the store may keep in another lexical form.
CANONICALISED = frozenset(
    _XSD + name
    for name in (
        *("integer", "decimal", "double", "float", "boolean", "long", "int", "short", "byte"),
        *("nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger"),
        *("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
        *("date", "dateTime", "dateTimeStamp", "time", "duration", "dayTimeDuration"),
        *("yearMonthDuration", "gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay"),
    )
)

Key = tuple[str, str, ox.Literal]
#: Pending literals settled at a time: bounds the memory of a pass over millions of triples.
_BATCH = 200_000


class WrittenForms:
    """Literals whose written form the store does not keep, and where they were written."""

    def __init__(self) -> None:
        self._pending: list[tuple[OxTerm, ox.NamedNode, ox.Literal]] = []
        # Keyed by the subject's and predicate's N-Triples text and the store's form: a ministry
        # has hundreds of thousands of rewritten literals, and two strings and a shared literal
        # take a third of the memory of three pyoxigraph terms per place. Predicates, written
        # and stored forms are shared objects (few distinct ones).
        self._by_place: dict[Key, ox.Literal] = {}
        self._by_value: dict[ox.Literal, set[ox.Literal]] = {}
        self._names: dict[str, str] = {}

    @classmethod
    def of(cls, triples: Iterable[ox.Triple]) -> WrittenForms:
        """The written forms of ``triples`` (the dataset's triples as parsed)."""
        forms = cls()
        for _ in forms.collect(triples):
            pass
        return forms

    def collect(self, triples: Iterable[T]) -> Iterator[T]:
        """Pass ``triples`` (or quads) through, noting the literals the store may rewrite."""
        pending = self._pending
        literal = ox.Literal
        for triple in triples:
            obj = triple.object
            if type(obj) is literal and obj.datatype.value in CANONICALISED:
                pending.append((triple.subject, triple.predicate, obj))  # type: ignore[arg-type]
                if len(pending) >= _BATCH:
                    self._settle()
            yield triple

    def settle(self) -> None:
        """Do now the work :meth:`restore` would do first (for a thread with time to spare)."""
        self._settle()

    def _settle(self) -> None:
        """Find the store's form of each pending literal (one scratch store, in bulk); keep
        only those it rewrites."""
        if not self._pending:
            return
        distinct = {lit for _, _, lit in self._pending}
        rewritten = {lit: (lit, stored) for lit, stored in stored_forms(distinct) if stored != lit}
        names = self._names
        for subject, pred, lit in self._pending:
            found = rewritten.get(lit)
            if found is not None:
                written, stored = found  # the objects shared by every place they are written
                name = pred.value
                key = (str(subject), names.setdefault(name, name), stored)
                self._by_place.setdefault(key, written)
                self._by_value.setdefault(stored, set()).add(written)
        self._pending.clear()

    def restore(self, subject: OxTerm, predicate: ox.NamedNode | None, value: OxTerm) -> OxTerm:
        """The written form of ``value`` on ``subject``'s ``predicate``; with no predicate (a
        value reached by a longer path), the written form when the data has only one for it;
        else ``value`` itself (the store kept it as written)."""
        if not isinstance(value, ox.Literal):
            return value
        self._settle()
        if predicate is not None:
            return self._by_place.get((str(subject), predicate.value, value), value)
        forms = self._by_value.get(value)
        if forms and len(forms) == 1:
            return next(iter(forms))
        return value


def stored_forms(literals: Iterable[ox.Literal]) -> Iterator[tuple[ox.Literal, ox.Literal]]:
    """Each of ``literals`` (distinct) with the form the store keeps it in, in bulk."""
    distinct = list(literals)
    scratch = ox.Store()
    predicate = ox.NamedNode("urn:selaras:written")
    scratch.bulk_extend(
        ox.Quad(ox.NamedNode(f"urn:selaras:n{i}"), predicate, lit) for i, lit in enumerate(distinct)
    )
    for quad in scratch:
        stored = quad.object
        assert isinstance(stored, ox.Literal)
        yield distinct[int(quad.subject.value.rsplit("n", 1)[-1])], stored
