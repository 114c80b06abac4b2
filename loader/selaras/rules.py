"""What each shape says about itself: the rule id, clause, severity and messages of its results.

The KMK 467 shapes carry ``sel:ruleId``, ``sel:clause`` and messages in Indonesian and English
(:func:`rules`); any other shape gets a rule id from the shape (the local name of its IRI, or
for a blank property shape its holder's id and path) and messages from ``sh:message``, with
``{$param}`` filled in (:func:`generic_rule`, :func:`generic_messages`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import rdflib
from rdflib.namespace import RDF, SH

from selaras.namespace import SEL
from selaras.shacl_sparql.compile import stable_id
from selaras.shacl_sparql.results import RawResult
from selaras.terms import to_ox, to_rdflib

Severity = str


@dataclass(frozen=True)
class Rule:
    """What a shape says about itself: its stable id, clause and messages."""

    rule_id: str
    severity: Severity
    clause: str
    message_id: str
    message_en: str
    description: str


def rules(shapes: rdflib.Graph, *, strict: bool = True) -> dict[str, Rule]:
    """Rule metadata keyed by the N-Triples form of every shape with a ``sel:ruleId``.

    A property shape without its own ``sel:ruleId`` inherits the one of the node shape that
    holds it. ``strict`` (the built-in shapes): such shapes must be IRIs.
    """
    found: dict[str, Rule] = {}

    def describe(shape: rdflib.term.Node, inherit: Rule | None) -> Rule | None:
        rule_id = shapes.value(shape, SEL.ruleId)
        if rule_id is None:
            return inherit
        severity = shapes.value(shape, SH.severity) or SH.Violation
        messages = {
            m.language: str(m)
            for m in shapes.objects(shape, SH.message)
            if isinstance(m, rdflib.Literal)
        }
        return Rule(
            rule_id=str(rule_id),
            severity=str(severity).rsplit("#", 1)[-1],
            clause=str(shapes.value(shape, SEL.clause) or ""),
            message_id=messages.get("id", messages.get("en", "")),
            message_en=messages.get("en", messages.get("id", "")),
            description=str(shapes.value(shape, rdflib.RDFS.comment) or ""),
        )

    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    for node_shape in sorted(node_shapes, key=str):
        rule = describe(node_shape, None)
        if rule is not None:
            found[_shape_key(shapes, node_shape, strict)] = rule
        for prop in shapes.objects(node_shape, SH.property):
            prop_rule = describe(prop, rule)
            if prop_rule is not None:
                found[_shape_key(shapes, prop, strict)] = prop_rule
        for constraint in shapes.objects(node_shape, SH.sparql):
            if rule is not None:
                found[_shape_key(shapes, constraint, strict)] = rule
    return found


def _shape_key(shapes: rdflib.Graph, node: rdflib.term.Node, strict: bool = True) -> str:
    """A stable key for a shape; blank property shapes are keyed by their path and parent."""
    if isinstance(node, rdflib.BNode) and strict:
        raise ValueError(
            "every property shape and SPARQL constraint in shapes/ must have an IRI "
            f"(found a blank node with {sorted(str(p) for p in shapes.predicates(node))})"
        )
    return str(to_ox(node))


def generic_rule(shapes: rdflib.Graph, r: RawResult) -> Rule:
    """The rule of a shape without ``sel:ruleId``: id from the shape, messages from
    ``sh:message``."""
    node = to_rdflib(r.shape)
    description = shapes.value(node, SH.description) or shapes.value(node, rdflib.RDFS.comment)
    return Rule(
        rule_id=stable_id(shapes, node),
        severity=r.severity_name,
        clause="",
        message_id="",
        message_en="",
        description=str(description or ""),
    )


def generic_messages(shapes: rdflib.Graph, r: RawResult) -> tuple[str, str]:
    """(Indonesian, English) message of a result of a shape without ``sel:ruleId``: the
    engine's own (SPARQL ``{?var}`` filled in), else the shape's ``sh:message`` with
    ``{$param}`` replaced by the shape's parameter values, else one naming the component."""
    node = to_rdflib(r.shape)
    texts: dict[str | None, str] = {}
    for m in r.messages:
        texts.setdefault(m.language or None, m.value)
    if not texts:
        for message in shapes.objects(node, SH.message):
            if isinstance(message, rdflib.Literal):
                texts.setdefault(message.language or None, _fill(shapes, node, str(message)))
    if not texts:
        component = r.component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
        texts[None] = f"{component or 'constraint'} not met"
    plain = texts.get(None) or next(iter(sorted(texts.items(), key=lambda kv: kv[0] or "")))[1]
    return texts.get("id", texts.get("en", plain)), texts.get("en", plain)


_PARAM = re.compile(r"\{\$([A-Za-z_]\w*)\}")


def _fill(shapes: rdflib.Graph, node: rdflib.term.Node, text: str) -> str:
    """``text`` with ``{$name}`` replaced by the shape's value for the parameter ``name``."""

    def value(match: re.Match[str]) -> str:
        wanted = match.group(1)
        for predicate, obj in shapes.predicate_objects(node):
            if str(predicate).rsplit("#", 1)[-1].rsplit("/", 1)[-1] == wanted:
                return str(obj)
        return match.group(0)

    return _PARAM.sub(value, text)
