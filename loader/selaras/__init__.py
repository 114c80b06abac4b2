"""Selaras: the Kemenkeu Balanced Scorecard cascade (KMK 467/KMK.01/2014) as a knowledge graph.

The package is a pipeline of small stages, one module each::

    read       RDF files, folders and spreadsheets -> a Dataset (pyoxigraph store)
    validate   Dataset + shapes + regulation profile -> ValidationReport
    report     ValidationReport -> text, Turtle, JSON-LD, HTML, CSV
    analyses   named analyses (queries/) on the embedded store or on Neo4j
    neo4j      load a Dataset into Neo4j, export it back as RDF
    generate   synthetic Kemenkeu-shaped cascades with planted defects
    cli        the `selaras` command, a thin layer over the stages
"""

__version__ = "0.1.0"
