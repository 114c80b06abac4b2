"""JSON-LD writer: triples as compact JSON-LD in the Selaras context, exactly and fast.

The context (:mod:`selaras.context`) is derived from the ontology, so compaction here is a
lookup, not the general JSON-LD compaction algorithm: for each subject (sorted by IRI) and
predicate, the term of the context that matches the value exactly is used, and anything it
does not match keeps an explicit form under the predicate's compact IRI:

* an IRI under an ``@id`` term: its compact IRI (``"unit:KPPN-TRK"``); under a ``@vocab`` term,
  or as a ``type``: the short name when the context has one (``"KemenkeuThree"``);
* a literal of exactly a term's coerced datatype, or a plain string under a plain term: the
  lexical form as a JSON string (never a JSON number: lexical forms are data);
* language-tagged literals under a language-map term: ``{"id": "...", "en": "..."}``;
* anything else (an ill-typed or unexpected value, a predicate outside the ontology):
  ``{"@value": ..., "@type"|"@language": ...}`` or ``{"@id": ...}`` under the compact IRI.

So reading the document back (pyoxigraph, rdflib, pyld) gives the same triples, every lexical
form kept; the tests check this with pyoxigraph and with pyld, the reference JSON-LD processor.
(rdflib's JSON-LD writer drops unreferenced blank nodes and writes doubles as JSON numbers;
pyld compacts correctly but had not finished after 5 minutes on a 186,000-triple cascade.)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import pyoxigraph as ox

from selaras.context import context as selaras_context

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _Compactor:
    def __init__(self, context: Mapping[str, Any]) -> None:
        self.prefixes: list[tuple[str, str]] = sorted(
            (
                (name, value)
                for name, value in context.items()
                if isinstance(value, str)
                and not name.startswith("@")
                and value.endswith(("/", "#"))
                and "://" in value
            ),
            key=lambda p: -len(p[1]),
        )
        self.namespaces = dict(self.prefixes)
        self.terms_of: dict[str, str] = {}  # IRI of a class or concept -> its short name
        self.definitions: dict[str, tuple[str, dict[str, str]]] = {}  # predicate -> term
        for name, value in context.items():
            if name.startswith("@") or (isinstance(value, str) and value.startswith("@")):
                continue
            if isinstance(value, str):
                if not value.endswith(("/", "#")):
                    self.terms_of[self.expand(value)] = name
            elif isinstance(value, dict) and "@id" in value:
                self.definitions[self.expand(value["@id"])] = (name, value)

    def expand(self, text: str) -> str:
        prefix, sep, rest = text.partition(":")
        namespace = self.namespaces.get(prefix) if sep else None
        return namespace + rest if namespace else text

    def iri(self, iri: str) -> str:
        """A compact IRI when a prefix of the context fits, else the IRI itself."""
        for name, namespace in self.prefixes:
            if iri.startswith(namespace):
                rest = iri[len(namespace) :]
                if rest and not rest.startswith("//"):
                    return f"{name}:{rest}"
        return iri

    def vocab(self, iri: str) -> str:
        return self.terms_of.get(iri) or self.iri(iri)

    def node_id(self, term: ox.NamedNode | ox.BlankNode) -> str:
        return self.iri(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"

    def explicit(self, term: Any) -> dict[str, str]:
        if isinstance(term, ox.Literal):
            if term.language:
                return {"@value": term.value, "@language": term.language}
            if term.datatype.value == _XSD_STRING:
                return {"@value": term.value}
            return {"@value": term.value, "@type": self.iri(term.datatype.value)}
        return {"@id": self.node_id(term)}

    def node(self, subject: Any, values: dict[str, list[Any]]) -> dict[str, Any]:
        node: dict[str, Any] = {"id": self.node_id(subject)}
        entries: dict[str, list[Any]] = defaultdict(list)
        for predicate, objects in values.items():
            if predicate == _RDF_TYPE:
                for obj in objects:
                    if isinstance(obj, ox.NamedNode):
                        entries["type"].append(self.vocab(obj.value))
                    else:
                        entries[self.iri(predicate)].append(self.explicit(obj))
                continue
            name, definition = self.definitions.get(predicate, (None, {}))
            coerce = definition.get("@type")
            languages: dict[str, list[str]] = defaultdict(list)
            for obj in objects:
                if name is None:
                    entries[self.iri(predicate)].append(self.explicit(obj))
                elif definition.get("@container") == "@language":
                    if isinstance(obj, ox.Literal) and obj.language:
                        languages[obj.language].append(obj.value)
                    else:
                        entries[self.iri(predicate)].append(self.explicit(obj))
                elif coerce in ("@id", "@vocab") and isinstance(obj, ox.NamedNode | ox.BlankNode):
                    text = self.vocab(obj.value) if coerce == "@vocab" else None
                    entries[name].append(text or self.node_id(obj))
                elif (
                    isinstance(obj, ox.Literal)
                    and not obj.language
                    and coerce
                    not in (
                        "@id",
                        "@vocab",
                    )
                ):
                    wanted = self.expand(coerce) if coerce else _XSD_STRING
                    if obj.datatype.value == wanted:
                        entries[name].append(obj.value)
                    else:
                        entries[self.iri(predicate)].append(self.explicit(obj))
                else:
                    entries[self.iri(predicate)].append(self.explicit(obj))
            if languages:
                entries[name or self.iri(predicate)].append(
                    {lang: _one(sorted(texts)) for lang, texts in sorted(languages.items())}
                )
        for key in sorted(entries, key=lambda k: (k != "type", k)):
            items = sorted(entries[key], key=_sort_key)
            node[key] = _one(items)
        return node


@cache
def _default_compactor() -> _Compactor:
    """The compactor of the Selaras context, built once (pages write thousands of documents)."""
    return _Compactor(selaras_context())


def _one(items: list[Any]) -> Any:
    return items[0] if len(items) == 1 else items


def _sort_key(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def compact_document(
    triples: Iterable[ox.Triple], context: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """``triples`` as a compact JSON-LD document: ``{"@context": ..., "@graph": [nodes]}``,
    nodes sorted by ``id``, keys and values sorted, the context inline."""
    if context is None:
        context, compactor = dict(selaras_context()), _default_compactor()
    else:
        context = dict(context)
        compactor = _Compactor(context)
    subjects: dict[Any, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for triple in triples:
        subjects[triple.subject][triple.predicate.value].append(triple.object)
    nodes = [compactor.node(subject, values) for subject, values in subjects.items()]
    nodes.sort(key=lambda n: n["id"])
    return {"@context": context, "@graph": nodes}


def write_jsonld(triples: Iterable[ox.Triple], context: Mapping[str, Any] | None = None) -> str:
    """:func:`compact_document` as text (UTF-8, two-space indent, newline at the end)."""
    return json.dumps(compact_document(triples, context), indent=2, ensure_ascii=False) + "\n"
