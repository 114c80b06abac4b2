"""The SPARQL rewriter (``selaras.shacl_sparql.query``) on every form of query it accepts.

SHACL pre-binds ``$this`` and runs the query once per focus node; the engine runs it once for
all focus nodes, joined with their pattern. Each form below runs through both the engine and
stock pySHACL (true pre-binding) on the same data, and must give the same results; the forms
the rewriter refuses are listed with the reason it gives.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from selaras.shacl_sparql import Unsupported, validate_store
from selaras.shacl_sparql.fallback import run_pyshacl
from selaras.shacl_sparql.query import mask, rewrite_select

PROLOGUE = """@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""
DATA = """ex:a a ex:C ; ex:rank 2 ; ex:parent ex:b ; ex:item 1 , 2 , 3 ; ex:name "a" .
ex:b a ex:C ; ex:rank 3 ; ex:item 1 ; ex:name "b"@en , "b2"@en .
ex:c a ex:C ; ex:rank 1 ; ex:parent ex:a .
ex:d a ex:Other ; ex:rank 9 ; ex:parent ex:c .
"""
#: Every form the rewriter accepts: (name, the sh:select of a node shape targeting ex:C).
FORMS = [
    ("plain", "SELECT $this ?value WHERE { $this ex:parent ?value }"),
    ("star projection", "SELECT * WHERE { $this ex:parent ?value }"),
    ("question-mark this", "SELECT ?this WHERE { ?this ex:rank ?r FILTER(?r > 1) }"),
    (
        "filter comparing two nodes",
        "SELECT $this ?value WHERE { $this ex:parent ?value . "
        "?value ex:rank ?r . $this ex:rank ?mine FILTER (?r > ?mine) }",
    ),
    (
        "optional and bound",
        "SELECT $this WHERE { $this ex:rank ?r "
        "OPTIONAL { $this ex:parent ?p } FILTER(!BOUND(?p)) }",
    ),
    (
        "filter not exists",
        "SELECT $this WHERE { $this ex:rank ?r FILTER NOT EXISTS { $this ex:parent ?p } }",
    ),
    (
        "union",
        "SELECT $this ?value WHERE { { $this ex:parent ?value } UNION { $this ex:name ?value } }",
    ),
    (
        "group by having",
        "SELECT $this (COUNT(?i) AS ?value) WHERE { $this ex:item ?i } "
        "GROUP BY $this HAVING (COUNT(?i) > 2)",
    ),
    (
        "nested select",
        "SELECT $this WHERE { { SELECT $this (COUNT(?i) AS ?n) WHERE "
        "{ $this ex:item ?i } GROUP BY $this } FILTER (?n > 2) }",
    ),
    (
        "bind",
        # a computed value: STR (rdflib types 2 * 10 as xsd:decimal, SPARQL says integer)
        "SELECT $this ?value WHERE { $this ex:rank ?r BIND(STR(?r) AS ?value) "
        'FILTER(?value != "1") }',
    ),
    ("path in query", "SELECT $this ?value WHERE { $this ex:parent/ex:parent ?value }"),
    (
        "language tags",
        "SELECT $this ?value WHERE { $this ex:name ?value "
        "FILTER(langMatches(lang(?value), 'en')) }",
    ),
    (
        "keywords in strings, IRIs and comments",
        "SELECT $this WHERE { $this ex:name ?n # VALUES {\n"
        ' FILTER(?n != "MINUS { $this }" && ?n != <http://example.org/VALUES>) }',
    ),
    ("lower-case keywords", "select $this where { $this ex:rank ?r filter(?r = 3) }"),
    ("solution modifiers", "SELECT $this WHERE { $this ex:rank ?r } ORDER BY ?r LIMIT 100"),
]
#: Forms the rewriter refuses (so `auto` hands the shape to pySHACL), and what it says.
REFUSED = [
    ("SELECT $this WHERE { VALUES ?x { 1 } $this ex:rank ?x }", "MINUS, VALUES and SERVICE"),
    ("SELECT $this WHERE { $this ex:rank ?r MINUS { $this ex:parent ?p } }", "MINUS"),
    ("SELECT ?x WHERE { $this ex:rank ?x }", "must select ?this"),
    ("SELECT $this WHERE { { SELECT ?r WHERE { $this ex:rank ?r } } }", "nested SELECT"),
    ("SELECT $this WHERE { ex:a ex:rank ?r BIND(ex:a AS ?this) }", "AS ?this"),
    ("SELECT $this WHERE { $this ?p $shapesGraph }", "$shapesGraph"),
]


def shapes_of(select: str) -> rdflib.Graph:
    text = select.replace("\\", "\\\\").replace('"', '\\"')
    return rdflib.Graph().parse(
        data=PROLOGUE
        + "ex:S sh:targetClass ex:C ; "
        + f'sh:sparql [ sh:prefixes ex:ont ; sh:select """{text}""" ] .\n'
        + 'ex:ont a owl:Ontology ; sh:declare [ sh:prefix "ex" ; '
        'sh:namespace "http://example.org/"^^xsd:anyURI ] .',
        format="turtle",
    )


def store() -> ox.Store:
    s = ox.Store()
    s.load((PROLOGUE + DATA).encode(), format=ox.RdfFormat.TURTLE)
    return s


@pytest.mark.parametrize(("name", "select"), FORMS, ids=[f[0] for f in FORMS])
def test_form_gives_pyshacls_results(name: str, select: str) -> None:
    data = store()
    shapes = shapes_of(select)
    mine = set(validate_store(data, shapes))
    if name != "keywords in strings, IRIs and comments":  # pySHACL misreads this one
        assert mine == set(run_pyshacl(data, shapes))
    assert mine, "every form finds something on this data"


@pytest.mark.parametrize(("select", "why"), REFUSED)
def test_refused_forms_name_the_reason(select: str, why: str) -> None:
    with pytest.raises(Unsupported, match=r"<http://example.org/S>") as info:
        validate_store(store(), shapes_of(select))
    assert why in str(info.value)


def test_focus_pattern_closes_the_top_level_group() -> None:
    text = rewrite_select(
        "SELECT $this WHERE { ?o <urn:p> $this } ORDER BY ?o",
        focus="?this a <urn:C> .",
        path=None,
        prefixes={"ex": "urn:ex:"},
        bindings={"limit": "3"},
        fail=lambda why: AssertionError(why),  # type: ignore[arg-type, return-value]
    )
    assert text == (
        "PREFIX ex: <urn:ex:>\n"
        "SELECT ?this WHERE { ?o <urn:p> ?this  . ?this a <urn:C> . } ORDER BY ?o"
    )


@pytest.mark.parametrize(
    ("select", "joined"),
    [
        ("SELECT $this WHERE { $this <urn:p> ?o }", False),  # binds ?this in every solution
        ("SELECT $this WHERE {\n  # a comment\n  $this <urn:p> ?o }", False),
        ("SELECT $this WHERE { $this <urn:p> ?o } LIMIT 1", True),  # counts all focus nodes
        ("SELECT $this WHERE { OPTIONAL { $this <urn:p> ?o } }", True),
        ("SELECT $this WHERE { ?o <urn:p> ?x . FILTER(?x = $this) }", True),
        ("SELECT $this WHERE { $thisOther <urn:p> $this }", True),
    ],
)
def test_focus_joined_unless_the_group_opens_on_this(select: str, joined: bool) -> None:
    text = rewrite_select(
        select,
        focus="?this a <urn:C> .",
        path=None,
        prefixes={},
        bindings={},
        fail=lambda why: AssertionError(why),  # type: ignore[arg-type, return-value]
    )
    assert ("?this a <urn:C>" in text) == joined


def test_mask_keeps_positions() -> None:
    text = 'SELECT ?x WHERE { ?x <urn:a#b> "}" , """{""" } # }'
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked.count("{") == masked.count("}") == 1 and "#" not in masked


def test_shapes_asking_the_same_text_share_one_run() -> None:
    """Two shapes whose query binds ?this itself (no focus pattern joined) ask the same text:
    it runs once, and each shape keeps its own focus nodes' rows (as pySHACL's)."""
    from selaras.shacl_sparql.compile import shape_nodes, targeted
    from selaras.shacl_sparql.engine import Engine, run_shapes

    select = "SELECT $this ?value WHERE { $this ex:parent ?value }"
    shape = 'sh:sparql [ sh:select """' + select + '""" ; sh:prefixes ex:ont ] .\n'
    shapes = rdflib.Graph().parse(
        data=PROLOGUE
        + f"ex:S sh:targetClass ex:C ; {shape}"
        + f"ex:T sh:targetClass ex:Other ; {shape}"
        + 'ex:ont a owl:Ontology ; sh:declare [ sh:prefix "ex" ; '
        'sh:namespace "http://example.org/"^^xsd:anyURI ] .',
        format="turtle",
    )
    data = store()
    asked: list[str] = []

    class Counting:  # the store, counting the queries that bind ?this to ex:parent's subjects
        def query(self, query: str) -> object:
            if "ex:parent ?value" in query:
                asked.append(query)
            return data.query(query)

        def __contains__(self, quad: object) -> bool:
            return quad in data

        def __getattr__(self, attribute: str) -> object:
            return getattr(data, attribute)

    engine = Engine(Counting(), shapes)  # type: ignore[arg-type]
    roots = targeted(shapes, shape_nodes(shapes))
    for root in roots:
        engine.check(root)
    mine = set(run_shapes(engine, roots, threads=2))
    assert len(asked) == 1
    assert mine == set(run_pyshacl(data, shapes))
    assert {str(r.focus) for r in mine} == {
        "<http://example.org/a>",
        "<http://example.org/c>",
        "<http://example.org/d>",
    }
