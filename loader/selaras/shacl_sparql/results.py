"""What a SHACL engine finds: results carrying real RDF terms, and result paths as structures.

Neutral ground between the engines (:mod:`selaras.shacl_sparql`, the pySHACL fallback) and the
validate stage, so neither imports the other. A result's focus node, value and source shape are
pyoxigraph terms; its path is a :class:`Path` that is written back as a SHACL path in RDF
(:meth:`Path.to_rdf`) and shown as SPARQL property-path text (:meth:`Path.sparql`).

>>> p = Path.sequence(Path.iri("urn:p"), Path.inverse(Path.iri("urn:q")))
>>> p.sparql()
'<urn:p>/^<urn:q>'
>>> Path.alternative(Path.iri("urn:a"), Path.zero_or_more(Path.iri("urn:b"))).sparql()
'<urn:a>|<urn:b>*'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import pyoxigraph as ox

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PathKind = Literal[
    "iri", "inverse", "sequence", "alternative", "zeroOrMore", "oneOrMore", "zeroOrOne"
]
#: SHACL path predicate of each unary kind.
UNARY: dict[str, str] = {
    "inverse": SH + "inversePath",
    "zeroOrMore": SH + "zeroOrMorePath",
    "oneOrMore": SH + "oneOrMorePath",
    "zeroOrOne": SH + "zeroOrOnePath",
}
_SUFFIX = {"zeroOrMore": "*", "oneOrMore": "+", "zeroOrOne": "?"}
#: Binding strength in SPARQL property paths: alternative < sequence < inverse/modifiers.
_RANK = {"alternative": 0, "sequence": 1, "inverse": 2, "zeroOrMore": 3, "oneOrMore": 3}
_RANK["zeroOrOne"] = 3


@dataclass(frozen=True)
class Path:
    """A SHACL property path: an IRI, or a kind applied to its parts."""

    kind: PathKind
    iri_: ox.NamedNode | None = None
    parts: tuple[Path, ...] = ()

    @staticmethod
    def iri(iri: str | ox.NamedNode) -> Path:
        return Path("iri", iri if isinstance(iri, ox.NamedNode) else ox.NamedNode(iri))

    @staticmethod
    def inverse(path: Path) -> Path:
        return Path("inverse", parts=(path,))

    @staticmethod
    def sequence(*paths: Path) -> Path:
        return Path("sequence", parts=paths)

    @staticmethod
    def alternative(*paths: Path) -> Path:
        return Path("alternative", parts=paths)

    @staticmethod
    def zero_or_more(path: Path) -> Path:
        return Path("zeroOrMore", parts=(path,))

    @staticmethod
    def one_or_more(path: Path) -> Path:
        return Path("oneOrMore", parts=(path,))

    @staticmethod
    def zero_or_one(path: Path) -> Path:
        return Path("zeroOrOne", parts=(path,))

    @property
    def predicate(self) -> ox.NamedNode | None:
        """The IRI when the path is one predicate, else None."""
        return self.iri_ if self.kind == "iri" else None

    def is_simple(self) -> bool:
        """An IRI or the inverse of one: each (node, value) pair occurs once."""
        if self.kind == "iri":
            return True
        return self.kind == "inverse" and self.parts[0].kind == "iri"

    def is_bounded(self) -> bool:
        """IRIs, inverse IRIs and sequences of these: cheap to run for every subject."""
        if self.is_simple():
            return True
        return self.kind == "sequence" and all(p.is_bounded() for p in self.parts)

    def sparql(self) -> str:
        """SPARQL 1.1 property-path text, IRIs written in full."""
        if self.kind == "iri":
            assert self.iri_ is not None
            return str(self.iri_)
        if self.kind == "inverse":
            return "^" + self._inner(self.parts[0], 2)
        if self.kind in _SUFFIX:
            return self._inner(self.parts[0], 3) + _SUFFIX[self.kind]
        join = "/" if self.kind == "sequence" else "|"
        return join.join(self._inner(p, _RANK[self.kind] + 1) for p in self.parts)

    @staticmethod
    def _inner(part: Path, rank: int) -> str:
        text = part.sparql()
        return text if part.kind == "iri" or _RANK[part.kind] >= rank else f"({text})"

    def to_rdf(self, new_node: Callable[[], ox.BlankNode]) -> tuple[OxTerm, list[ox.Triple]]:
        """The SHACL path node for this path and the triples describing it."""
        if self.kind == "iri":
            assert self.iri_ is not None
            return self.iri_, []
        triples: list[ox.Triple] = []
        node = new_node()
        if self.kind in UNARY:
            inner, more = self.parts[0].to_rdf(new_node)
            triples += [ox.Triple(node, ox.NamedNode(UNARY[self.kind]), inner), *more]
            return node, triples
        items = []
        for part in self.parts:
            item, more = part.to_rdf(new_node)
            items.append(item)
            triples += more
        head: OxTerm = node
        if self.kind == "alternative":
            list_head = new_node()
            triples.append(ox.Triple(node, ox.NamedNode(SH + "alternativePath"), list_head))
            head = list_head
        cells = [head, *(new_node() for _ in items[1:])]
        rests: list[OxTerm] = [*cells[1:], ox.NamedNode(RDF + "nil")]
        for cell, item, rest in zip(cells, items, rests, strict=True):
            assert not isinstance(cell, ox.Literal)
            triples.append(ox.Triple(cell, ox.NamedNode(RDF + "first"), item))
            triples.append(ox.Triple(cell, ox.NamedNode(RDF + "rest"), rest))
        return node, triples

    def iris(self) -> Iterator[ox.NamedNode]:
        if self.iri_ is not None:
            yield self.iri_
        for part in self.parts:
            yield from part.iris()


@dataclass(frozen=True)
class RawResult:
    """One SHACL result as an engine found it, before the report adds context.

    Two results are equal when focus node, source shape, severity, path and value are equal
    (what the engines are compared on); the constraint component and messages ride along.
    """

    focus: OxTerm
    shape: OxTerm
    severity: ox.NamedNode
    path: Path | None
    value: OxTerm | None
    #: sh:sourceConstraintComponent (IRI text), e.g. ``...#MinCountConstraintComponent``
    component: str = field(default="", compare=False)
    #: sh:resultMessage values made by the engine (SPARQL ``{?var}`` substitution), if any
    messages: tuple[ox.Literal, ...] = field(default=(), compare=False)

    @property
    def severity_name(self) -> str:
        """``Violation``, ``Warning``, ``Info``, or the local name of another severity IRI."""
        return local_name(self.severity.value)

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (
            str(self.shape),
            str(self.focus),
            self.severity.value,
            self.path.sparql() if self.path else "",
            str(self.value) if self.value is not None else "",
        )

    def key(self) -> tuple[str, str, str, str | None, str | None]:
        """(focus, shape, severity name, path text, value) as N-Triples text, for comparisons."""
        return (
            str(self.focus),
            str(self.shape),
            self.severity_name,
            self.path.sparql() if self.path else None,
            str(self.value) if self.value is not None else None,
        )


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#``, ``/`` or ``:``.

    >>> local_name("http://www.w3.org/ns/shacl#Violation")
    'Violation'
    """
    for sep in ("#", "/", ":"):
        if sep in iri and not iri.endswith(sep):
            iri = iri.rsplit(sep, 1)[-1]
    return iri


def severity(name: str) -> ox.NamedNode:
    """The SHACL severity IRI of ``Violation``, ``Warning`` or ``Info``."""
    return ox.NamedNode(SH + name)
