"""The SPARQL engine, feature by feature, on tiny shapes graphs of its own.

Each SHACL feature the engine supports gets a conforming and a violating data graph; the test
asserts the exact results the engine gives (focus, shape, severity, path, value) and that stock
pySHACL gives the very same. What the engine does not compile raises ShapeError naming the shape
and the construct (``--engine auto`` then hands that shape to pySHACL: tested here too).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pytest
import rdflib

from selaras.errors import ShapeError
from selaras.shacl_sparql import RawResult, Unsupported, validate_store
from selaras.shacl_sparql.compile import shape_nodes
from selaras.shacl_sparql.fallback import run_engines, run_pyshacl

PROLOGUE = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
"""
EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def ex(name: str) -> str:
    return f"<{EX}{name}>"


@dataclass(frozen=True)
class Feature:
    name: str
    shapes: str
    conforming: str
    violating: str
    #: (focus, shape, path, value) of every result of the violating graph (severity: Violation)
    expected: frozenset[tuple[str, str, str | None, str | None]]


def found(focus: str, shape: str, path: str | None = None, value: str | None = None) -> tuple:
    return (ex(focus), ex(shape), path, value)


FEATURES = [
    Feature(
        "targetClass-subclasses-minCount-maxCount",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .
           ex:P sh:path ex:p ; sh:minCount 1 ; sh:maxCount 2 .""",
        """ex:D rdfs:subClassOf ex:C . ex:a a ex:C ; ex:p 1 . ex:b a ex:D ; ex:p 1, 2 .""",
        """ex:D rdfs:subClassOf ex:C . ex:E rdfs:subClassOf ex:D .
           ex:a a ex:C . ex:b a ex:E ; ex:p 1, 2, 3 . ex:c a ex:Other .""",
        frozenset(
            {found("a", "P", ex("p")), found("b", "P", ex("p"))},
        ),
    ),
    Feature(
        "targetSubjectsOf-targetObjectsOf-minCount-3",
        """ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:q ; sh:targetObjectsOf ex:r ;
             sh:property ex:P .
           ex:P sh:path ex:p ; sh:minCount 3 .""",
        """ex:a ex:q 1 ; ex:p 1, 2, 3 . ex:x ex:r ex:b . ex:b ex:p 4, 5, 6 .""",
        """ex:a ex:q 1 ; ex:p 1, 2 . ex:x ex:r ex:b . ex:y ex:r ex:a .""",
        frozenset({found("a", "P", ex("p")), found("b", "P", ex("p"))}),
    ),
    Feature(
        "inverse-and-sequence-paths",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:Inv , ex:Seq .
           ex:Inv sh:path [ sh:inversePath ex:measures ] ; sh:minCount 1 ; sh:maxCount 1 .
           ex:Seq sh:path ( ex:p [ sh:inversePath ex:q ] ) ; sh:class ex:K .""",
        """ex:a a ex:C ; ex:p ex:m . ex:i ex:measures ex:a . ex:k ex:q ex:m ; a ex:K .""",
        """ex:a a ex:C ; ex:p ex:m . ex:k ex:q ex:m . ex:b a ex:C .
           ex:i ex:measures ex:b . ex:j ex:measures ex:b .""",
        frozenset(
            {
                found("a", "Inv", f"^{ex('measures')}"),
                found("b", "Inv", f"^{ex('measures')}"),
                found("a", "Seq", f"{ex('p')}/^{ex('q')}", ex("k")),
            }
        ),
    ),
    Feature(
        "class-literals-and-blank-nodes",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .
           ex:P sh:path ex:p ; sh:class ex:K .""",
        """ex:Sub rdfs:subClassOf ex:K . ex:a a ex:C ; ex:p ex:k , [ a ex:Sub ] . ex:k a ex:K .""",
        """ex:a a ex:C ; ex:p "literal" , ex:untyped .""",
        frozenset({found("a", "P", ex("p"), '"literal"'), found("a", "P", ex("p"), ex("untyped"))}),
    ),
    Feature(
        "datatype-ill-typed-and-strings",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ;
             sh:property ex:Dec , ex:Str , ex:Lang , ex:Year .
           ex:Dec sh:path ex:dec ; sh:datatype xsd:decimal .
           ex:Str sh:path ex:str ; sh:datatype xsd:string .
           ex:Lang sh:path ex:lang ; sh:datatype rdf:langString .
           ex:Year sh:path ex:year ; sh:datatype xsd:gYear .""",
        """ex:a a ex:C ; ex:dec 1.5 , "2"^^xsd:decimal ; ex:str "x" , "y"^^xsd:string ;
             ex:lang "kata"@id ; ex:year "2025"^^xsd:gYear .""",
        """ex:a a ex:C ; ex:dec "abc"^^xsd:decimal , 7 , "1.5" ; ex:str "x"@id , ex:iri ;
             ex:lang "plain" ; ex:year "2025" .""",
        frozenset(
            {
                found("a", "Dec", ex("dec"), f'"abc"^^<{XSD}decimal>'),
                found("a", "Dec", ex("dec"), f'"7"^^<{XSD}integer>'),
                found("a", "Dec", ex("dec"), '"1.5"'),
                found("a", "Str", ex("str"), '"x"@id'),
                found("a", "Str", ex("str"), ex("iri")),
                found("a", "Lang", ex("lang"), '"plain"'),
                found("a", "Year", ex("year"), '"2025"'),
            }
        ),
    ),
    Feature(
        "in-hasValue",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:In , ex:Has .
           ex:In sh:path ex:colour ; sh:in ( ex:Red ex:Green "blue" 3 ) .
           ex:Has sh:path ex:tag ; sh:hasValue "must" .""",
        """ex:a a ex:C ; ex:colour ex:Red , "blue" , 3 ; ex:tag "must" , "other" .""",
        """ex:a a ex:C ; ex:colour ex:Blue , "blue"@en , 3.0 ; ex:tag "other" . ex:b a ex:C .""",
        frozenset(
            {
                found("a", "In", ex("colour"), ex("Blue")),
                found("a", "In", ex("colour"), '"blue"@en'),
                found("a", "In", ex("colour"), f'"3"^^<{XSD}decimal>'),  # the store's form of 3.0
                found("a", "Has", ex("tag")),
                found("b", "Has", ex("tag")),
            }
        ),
    ),
    Feature(
        "nodeKind",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:Iri , ex:Lit .
           ex:Iri sh:path ex:iri ; sh:nodeKind sh:IRI .
           ex:Lit sh:path ex:lit ; sh:nodeKind sh:BlankNodeOrLiteral .""",
        """ex:a a ex:C ; ex:iri ex:x ; ex:lit "l" , [ ex:p 1 ] .""",
        """ex:a a ex:C ; ex:iri "x" ; ex:lit ex:y .""",
        frozenset({found("a", "Iri", ex("iri"), '"x"'), found("a", "Lit", ex("lit"), ex("y"))}),
    ),
    Feature(
        "pattern-flags-and-lengths",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:Pat , ex:Len .
           ex:Pat sh:path ex:code ; sh:pattern "^ab-\\\\d+$" ; sh:flags "i" .
           ex:Len sh:path ex:name ; sh:minLength 2 ; sh:maxLength 4 .""",
        """ex:a a ex:C ; ex:code "AB-12" , "ab-3" ; ex:name "abcd" , "xy" .""",
        """ex:a a ex:C ; ex:code "ab-x" , "zab-1" , ex:ab-1 ; ex:name "a" , "abcde" .""",
        frozenset(
            {
                found("a", "Pat", ex("code"), '"ab-x"'),
                found("a", "Pat", ex("code"), '"zab-1"'),
                found("a", "Pat", ex("code"), ex("ab-1")),
                found("a", "Len", ex("name"), '"a"'),
                found("a", "Len", ex("name"), '"abcde"'),
            }
        ),
    ),
    Feature(
        "minInclusive-maxInclusive",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:R .
           ex:R sh:path ex:v ; sh:minInclusive 0 ; sh:maxInclusive 100 .""",
        """ex:a a ex:C ; ex:v 0 , 100 , 99.5 , "50"^^xsd:decimal .""",
        """ex:a a ex:C ; ex:v -1 , 100.01 , "text" , ex:iri .""",
        frozenset(
            {
                found("a", "R", ex("v"), f'"-1"^^<{XSD}integer>'),
                found("a", "R", ex("v"), f'"100.01"^^<{XSD}decimal>'),
                found("a", "R", ex("v"), '"text"'),
                found("a", "R", ex("v"), ex("iri")),
            }
        ),
    ),
    Feature(
        "sparql-prefixes-value-and-path",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql ex:Q , ex:QP , ex:Off .
           ex:Q sh:prefixes ex:ont ; sh:select \"\"\"
             SELECT $this ?value WHERE { $this ex:parent ?value . ?value ex:rank ?r .
               $this ex:rank ?mine . FILTER (?r >= ?mine) }\"\"\" .
           ex:QP sh:prefixes ex:ont ; sh:select \"\"\"
             SELECT $this ?path WHERE { $this ?path ?x . FILTER (?path = ex:forbidden) }\"\"\" .
           ex:Off sh:deactivated true ; sh:select "SELECT $this WHERE { $this ?p ?o }" .
           ex:ont a owl:Ontology ; sh:declare [ sh:prefix "ex" ;
             sh:namespace "http://example.org/"^^xsd:anyURI ] .""",
        """ex:a a ex:C ; ex:rank 2 ; ex:parent ex:b . ex:b ex:rank 1 .""",
        """ex:a a ex:C ; ex:rank 2 ; ex:parent ex:b . ex:b ex:rank 3 .
           ex:c a ex:C ; ex:forbidden 1 .""",
        frozenset({found("a", "S", None, ex("b")), found("c", "S", ex("forbidden"), ex("c"))}),
    ),
    Feature(
        "sparql-group-by-and-nested-select",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql ex:Q .
           ex:Q sh:prefixes ex:ont ; sh:select \"\"\"
             SELECT $this WHERE {
               { SELECT $this (COUNT(?i) AS ?n) WHERE { $this ex:item ?i } GROUP BY $this }
               FILTER (?n > 2)
             }\"\"\" .
           ex:ont a owl:Ontology ; sh:declare [ sh:prefix "ex" ;
             sh:namespace "http://example.org/"^^xsd:anyURI ] .""",
        """ex:a a ex:C ; ex:item 1 , 2 . ex:z ex:item 1 , 2 , 3 .""",
        """ex:a a ex:C ; ex:item 1 , 2 , 3 . ex:z ex:item 1 , 2 , 3 .""",
        frozenset({found("a", "S", None, ex("a"))}),
    ),
    Feature(
        "severity-and-deactivated",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:W , ex:Off .
           ex:Dead a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true ;
             sh:property ex:P2 .
           ex:W sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning .
           ex:Off sh:path ex:p ; sh:maxCount 0 ; sh:deactivated true .
           ex:P2 sh:path ex:q ; sh:minCount 1 .""",
        """ex:a a ex:C ; ex:p 1 .""",
        """ex:a a ex:C .""",
        frozenset({found("a", "W", ex("p"))}),
    ),
    Feature(
        "targetNode-implicit-class-node-or-not",
        """ex:K a rdfs:Class, sh:NodeShape ; sh:property ex:KP .
           ex:KP sh:path ex:p ; sh:node ex:Named .
           ex:Named sh:property [ sh:path ex:name ; sh:minCount 1 ] .
           ex:T sh:targetNode ex:t , "lit" ; sh:or ( [ sh:nodeKind sh:Literal ]
             [ sh:class ex:K ] ) ; sh:not [ sh:hasValue ex:never ] .""",
        """ex:k a ex:K ; ex:p ex:n . ex:n ex:name "n" . ex:t a ex:K .""",
        """ex:k a ex:K ; ex:p ex:n , ex:m . ex:n ex:name "n" . ex:t ex:p 1 .""",
        frozenset({found("k", "KP", ex("p"), ex("m")), found("t", "T", None, ex("t"))}),
    ),
    Feature(
        "closed-pairs-exclusive-languages",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ;
             sh:ignoredProperties ( rdf:type ) ; sh:property ex:L , ex:Lo , ex:Hi .
           ex:L sh:path ex:label ; sh:languageIn ( "id" "en" ) ; sh:uniqueLang true .
           ex:Lo sh:path ex:lo ; sh:lessThan ex:hi ; sh:minExclusive 0 .
           ex:Hi sh:path ex:hi ; sh:maxExclusive 10 ; sh:disjoint ex:lo .""",
        """ex:a a ex:C ; ex:label "a"@id , "b"@en ; ex:lo 1 ; ex:hi 2 .""",
        """ex:a a ex:C ; ex:label "a"@de ; ex:lo 0 ; ex:hi 10 ; ex:other 1 .""",
        frozenset(
            {
                found("a", "S", ex("other"), f'"1"^^<{XSD}integer>'),
                found("a", "L", ex("label"), '"a"@de'),
                found("a", "Lo", ex("lo"), f'"0"^^<{XSD}integer>'),
                found("a", "Hi", ex("hi"), f'"10"^^<{XSD}integer>'),
            }
        ),
    ),
    Feature(
        "all-path-kinds-qualified-and-nested",
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:Alt , ex:Star , ex:Q .
           ex:Alt sh:path [ sh:alternativePath ( ex:a ex:b ) ] ; sh:maxCount 1 .
           ex:Star sh:path [ sh:oneOrMorePath [ sh:inversePath ex:up ] ] ; sh:property ex:In .
           ex:In sh:path ex:name ; sh:minCount 1 .
           ex:Q sh:path [ sh:zeroOrOnePath ex:c ] ;
             sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 1 .""",
        """ex:x a ex:C ; ex:a 1 ; ex:c ex:x . ex:y ex:up ex:x ; ex:name "y" .""",
        """ex:x ex:a 1 ; ex:b 2 . ex:x a ex:D . ex:D rdfs:subClassOf ex:C .
           ex:y ex:up ex:x . ex:z ex:up ex:y ; ex:name "z" .""",
        frozenset(
            {
                found("x", "Alt", f"{ex('a')}|{ex('b')}"),
                found("y", "In", ex("name")),
            }
        ),
    ),
]


def _keys(results: set[RawResult]) -> set[tuple[str, str, str | None, str | None]]:
    return {(f, s, p, v) for f, s, _severity, p, v in (r.key() for r in results)}


def store_of(data: str) -> ox.Store:
    store = ox.Store()
    store.load((PROLOGUE + data).encode(), format=ox.RdfFormat.TURTLE)
    return store


def shapes_of(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PROLOGUE + text, format="turtle")


def both(store: ox.Store, shapes: rdflib.Graph) -> set[RawResult]:
    """The SPARQL engine's results, after checking pySHACL gives the very same."""
    mine = validate_store(store, shapes)
    assert len(mine) == len(set(mine))
    reference = set(run_pyshacl(store, shapes))
    assert set(mine) == reference
    return set(mine)


@pytest.mark.parametrize("feature", FEATURES, ids=lambda f: f.name)
def test_feature_conforming_graph_gives_nothing(feature: Feature) -> None:
    assert both(store_of(feature.conforming), shapes_of(feature.shapes)) == set()


@pytest.mark.parametrize("feature", FEATURES, ids=lambda f: f.name)
def test_feature_violating_graph_gives_exactly_these_results(feature: Feature) -> None:
    results = both(store_of(feature.violating), shapes_of(feature.shapes))
    severities = {r.focus: r.severity_name for r in results}
    expected_severity = "Warning" if feature.name == "severity-and-deactivated" else "Violation"
    assert set(severities.values()) == {expected_severity}
    assert _keys(results) == feature.expected


def test_blank_node_values_keep_their_ids_in_both_engines() -> None:
    store = store_of("ex:a a ex:C ; ex:p _:b1 .")
    shapes = shapes_of(
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
        "ex:P sh:path ex:p ; sh:nodeKind sh:IRI ."
    )
    (result,) = both(store, shapes)
    assert isinstance(result.value, ox.BlankNode)


@pytest.mark.parametrize(
    ("shapes", "words"),
    [
        (
            "ex:S sh:target [ a sh:SPARQLTarget ; "
            'sh:select "SELECT ?this WHERE { ?this ?p ?o }" ] ;'
            " sh:property ex:P . ex:P sh:path ex:p ; sh:minCount 1 .",
            ["<http://example.org/S>", "sh:target"],
        ),
        (
            "ex:S sh:targetClass ex:C ; sh:node ex:T . ex:T sh:node ex:S .",
            ["<http://example.org/S>", "recursive"],
        ),
        (
            'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { '
            'VALUES ?x { 1 } $this ?p ?x }" ] .',
            ["<http://example.org/S>", "VALUES"],
        ),
        (
            'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { '
            '$this ?p $currentShape }" ] .',
            ["<http://example.org/S>", "$currentShape"],
        ),
        (
            "ex:S sh:targetClass ex:C ; "
            'sh:sparql [ sh:select "SELECT ?x WHERE { $this ?p ?x }" ] .',
            ["<http://example.org/S>", "must select ?this"],
        ),
        (
            'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { '
            '{ SELECT ?x WHERE { $this ?p ?x } } }" ] .',
            ["<http://example.org/S>", "nested SELECT"],
        ),
    ],
)
def test_unsupported_features_raise_naming_the_shape(shapes: str, words: list[str]) -> None:
    with pytest.raises(Unsupported) as info:
        validate_store(store_of("ex:a a ex:C ; ex:p 1 ."), shapes_of(shapes))
    for word in words:
        assert word in str(info.value)
    assert "\n" not in str(info.value)


def test_auto_runs_only_the_shapes_the_engine_cannot_compile_with_pyshacl() -> None:
    """A SPARQL-based target is beyond the SPARQL engine: auto runs that shape, and only it,
    with pySHACL, says so, and the results are pySHACL's for both shapes."""
    shapes = shapes_of(
        """ex:Slow sh:target [ a sh:SPARQLTarget ;
             sh:select "SELECT ?this WHERE { ?this <http://example.org/q> ?o }" ] ;
             sh:property ex:SP . ex:SP sh:path ex:p ; sh:minCount 1 .
           ex:Fast sh:targetClass ex:C ; sh:property ex:FP .
           ex:FP sh:path ex:p ; sh:maxCount 1 ."""
    )
    store = store_of("ex:a a ex:C ; ex:p 1 , 2 . ex:b ex:q 1 .")
    run = run_engines(store, shapes, "auto")
    assert run.fast == ("<http://example.org/Fast>",)
    assert [(f.shape, f.reason) for f in run.fallbacks] == [
        ("<http://example.org/Slow>", "sh:target (SPARQL-based targets)")
    ]
    assert run.engine == "sparql+pyshacl"
    assert _keys(set(run.results)) == {found("a", "FP", ex("p")), found("b", "SP", ex("p"))}
    assert set(run.results) == set(run_pyshacl(store, shapes))
    with pytest.raises(Unsupported, match="sh:target"):
        run_engines(store, shapes, "sparql")


def test_user_defined_sparql_component_is_never_skipped() -> None:
    """Regression: a SPARQL-based constraint component (typed by a subclass of
    sh:ConstraintComponent, parameters, an ASK validator) was silently ignored, and its
    sh:parameter declaration (it has sh:path) was taken for a property shape."""
    shapes = shapes_of(
        """ex:Kind rdfs:subClassOf sh:ConstraintComponent .
           ex:Prefix a ex:Kind ;
             sh:parameter [ sh:path ex:prefix ] , [ sh:path ex:caseless ; sh:optional true ] ;
             sh:message "{$value} does not start with {$prefix}" ;
             sh:validator [ a sh:SPARQLAskValidator ;
               sh:ask "ASK { FILTER(STRSTARTS(STR($value), $prefix)) }" ] .
           ex:S sh:targetClass ex:C ; sh:property ex:P .
           ex:P sh:path ex:code ; ex:prefix "KMK-" ."""
    )
    store = store_of('ex:a a ex:C ; ex:code "KMK-1" , "PMK-2" .')
    results = set(validate_store(store, shapes))
    assert _keys(results) == {found("a", "P", ex("code"), '"PMK-2"')}
    (result,) = results
    assert result.component == "http://example.org/Prefix"
    assert [m.value for m in result.messages] == ["PMK-2 does not start with KMK-"]
    # pySHACL finds the same focus node, shape and path, but leaves out the sh:value that
    # SHACL 6.5.2 gives an ASK validator's result on a property shape.
    (reference,) = run_pyshacl(store, shapes)
    assert reference.key()[:4] == result.key()[:4] and reference.value is None
    # the parameter declarations carry sh:path, yet are no shapes
    parameters = set(shapes.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#parameter")))
    assert len(parameters) == 2 and not parameters & shape_nodes(shapes)


def test_undeclared_prefix_is_a_one_line_shape_error_naming_the_shape() -> None:
    shapes = shapes_of(
        "ex:S sh:targetClass ex:C ; "
        'sh:sparql [ sh:select "SELECT $this WHERE { $this nope:p ?x }" ] .'
    )
    with pytest.raises(ShapeError) as info:
        validate_store(store_of("ex:a a ex:C ."), shapes)
    message = str(info.value)
    assert message.startswith("shape <http://example.org/S>: ") and "\n" not in message
    assert message.endswith(
        "its SPARQL query uses the undeclared prefix nope: (declare it with sh:prefixes and "
        "sh:declare)"
    )


def test_sparql_text_in_strings_and_iris_is_left_alone() -> None:
    shapes = shapes_of(
        """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql ex:Q .
           ex:Q sh:select \"\"\"
             SELECT $this ?value WHERE {
               $this <http://example.org/values> ?value .  # a comment with VALUES {
               FILTER (?value != "MINUS { $this }")
             }\"\"\" ."""
    )
    store = store_of('ex:a a ex:C ; <http://example.org/values> "x" , "MINUS { $this }" .')
    # pySHACL refuses this query: its check for MINUS reads the string literal too.
    assert {str(r.value) for r in validate_store(store, shapes)} == {'"x"'}
