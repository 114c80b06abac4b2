"""Report stage: a ValidationReport rendered as text, Turtle, JSON-LD, HTML or CSV.

Renderers only format the report's values (results, counts and summaries are computed when the
report is made, in :mod:`selaras.validate`); they never recompute anything. Every format lists
results in the report's order, so the same report always gives the same bytes.

* ``ttl`` / ``jsonld``: a standard SHACL ``sh:ValidationReport`` (``sh:conforms``, one
  ``sh:result`` per result with ``sh:focusNode``, ``sh:resultSeverity``, ``sh:sourceShape``,
  ``sh:resultPath``, ``sh:value``, ``sh:resultMessage`` in Indonesian and English), each result
  also carrying ``sel:ruleId`` and ``sel:clause``. The two are the same graph.
* ``csv``: one row per result, columns :data:`CSV_COLUMNS`, messages in the chosen language.
* ``html``: a self-contained page for an auditor to read, print and file
  (``templates/report.html.j2``).
* ``text``: results grouped by rule, the verdict line last.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH, XSD

from selaras.errors import UnknownNameError
from selaras.namespace import SEL, SEL_IRI
from selaras.terms import to_rdflib
from selaras.validate import ValidationReport, ValidationResult

if TYPE_CHECKING:
    from selaras.draw.report import MapPicture

FORMATS = ("text", "ttl", "jsonld", "html", "csv")
LANGUAGES = ("id", "en")
CSV_COLUMNS = (
    "rule_id",
    "severity",
    "clause",
    "focus",
    "focus_code",
    "focus_label",
    "focus_type",
    "unit_code",
    "unit_label",
    "level",
    "path",
    "value",
    "message",
)
#: Prefixes used to shorten IRIs in the text and HTML reports and in the Turtle / JSON-LD.
PREFIXES = {
    "sel": SEL_IRI,
    "shape": "https://w3id.org/selaras/shapes#",
    "unit": "https://w3id.org/selaras/id/unit/",
    "ss": "https://w3id.org/selaras/id/ss/",
    "iku": "https://w3id.org/selaras/id/iku/",
    "target": "https://w3id.org/selaras/id/target/",
    "contract": "https://w3id.org/selaras/id/contract/",
    "map": "https://w3id.org/selaras/id/map/",
    "is": "https://w3id.org/selaras/id/is/",
    "direction": "https://w3id.org/selaras/id/direction/",
    "sh": str(SH),
    "xsd": str(XSD),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def render(
    report: ValidationReport,
    *,
    fmt: str = "text",
    lang: str = "en",
    maps: Sequence[MapPicture] = (),
) -> str:
    """Render ``report`` in ``fmt`` with messages in ``lang`` (``id`` or ``en``); the HTML
    shows ``maps`` (from :func:`selaras.draw.report.report_maps`).

    Raises :class:`~selaras.errors.UnknownNameError` for an unknown format or language.
    """
    if lang not in LANGUAGES:
        raise UnknownNameError("language", lang, LANGUAGES)
    renderers: dict[str, Callable[[ValidationReport, str], str]] = {
        "text": lambda r, lg: render_text(r, lang=lg),
        "ttl": lambda r, lg: render_graph(r, fmt="turtle"),
        "jsonld": lambda r, lg: render_graph(r, fmt="json-ld"),
        "html": lambda r, lg: render_html(r, lang=lg, maps=maps),
        "csv": lambda r, lg: render_csv(r, lang=lg),
    }
    if fmt not in renderers:
        raise UnknownNameError("report format", fmt, FORMATS)
    return renderers[fmt](report, lang)


# -- shared formatting ----------------------------------------------------------------------


def shorten(text: str) -> str:
    """``<iri>`` (or a bare IRI) as a prefixed name where a prefix fits; other text unchanged.

    >>> shorten("<https://w3id.org/selaras/ontology#level>")
    'sel:level'
    >>> shorten("^<https://w3id.org/selaras/ontology#measures>")
    '^sel:measures'
    """
    typed = _TYPED.match(text)
    if typed:
        return f"{typed.group(1)}^^{shorten(typed.group(2))}"
    steps = _PATH_STEP.findall(text)
    if len(steps) > 1 and "/".join(steps) == text:  # a sequence path
        return "/".join(shorten(step) for step in steps)
    if text.startswith("^"):
        return "^" + shorten(text[1:])
    iri = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return text


#: One step of a result path: ``<iri>`` or ``^<iri>`` (N-Triples IRIs hold no ``>``).
_PATH_STEP = re.compile(r"\^?<[^>]*>")
_TYPED = re.compile(r'^(".*")\^\^(<[^>]*>)$', re.DOTALL)


def _groups(report: ValidationReport) -> Iterator[tuple[str, list[ValidationResult]]]:
    """Results grouped by rule id, in report order (results are sorted by severity, rule)."""
    for rule_id, group in groupby(report.results, key=lambda r: r.rule_id):
        yield rule_id, list(group)


def _verdict(report: ValidationReport, lang: str) -> str:
    words = TEXTS[lang]
    verdict = words["conforms"] if report.conforms else words["does_not_conform"]
    return (
        f"{verdict}: {report.violations} {words['violations']}, "
        f"{report.warnings} {words['warnings']}"
        + (f", {report.infos} {words['infos']}" if report.infos else "")
    )


# -- text -----------------------------------------------------------------------------------


def render_text(report: ValidationReport, *, lang: str = "en") -> str:
    """Results grouped by rule (rule id, clause, message once, then one line per node)."""
    words = TEXTS[lang]
    # The same data gives the same text, whatever the files were called or when it ran.
    lines = [
        f"{words['title']}: {words['profile']} {report.profile}, {words['engine']} {report.engine}",
        "",
    ]
    if not report.results:
        lines += [words["none"], ""]
    for rule_id, group in _groups(report):
        first = group[0]
        lines.append(f"{first.severity.upper()} {rule_id} ({len(group)})")
        lines.append(f"  {first.message(lang)}")
        if first.clause:
            lines.append(f"  {words['clause']}: {first.clause}")
        for r in group:
            where = r.focus_code or shorten(r.focus)
            label = f" {r.focus_label}" if r.focus_label else ""
            place = []
            if r.unit_code and r.unit_code != r.focus_code:
                place.append(f"{words['unit']} {r.unit_code}")
            if r.level:
                place.append(f"{words['level'].lower()} {r.level}")
            unit = f" [{', '.join(place)}]" if place else ""
            detail = ""
            if r.path:
                detail += f" {shorten(r.path)}"
            if r.value:
                detail += f" = {shorten(r.value)}"
            lines.append(f"  - {where}{label}{unit}{detail}")
        lines.append("")
    lines.append(
        f"{_verdict(report, lang)} ({report.triples} {words['triples']}, "
        f"{words['profile']} {report.profile})"
    )
    return "\n".join(lines) + "\n"


# -- CSV ------------------------------------------------------------------------------------


def render_csv(report: ValidationReport, *, lang: str = "en") -> str:
    """One row per result with the columns of :data:`CSV_COLUMNS` (RFC 4180, CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in report.results:
        row = {name: getattr(r, name, "") for name in CSV_COLUMNS}
        row["message"] = r.message(lang)
        writer.writerow([row[name] for name in CSV_COLUMNS])
    return out.getvalue()


# -- sh:ValidationReport --------------------------------------------------------------------


def report_graph(report: ValidationReport) -> rdflib.Graph:
    """The report as a SHACL validation report graph (results are blank nodes)."""
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    # Blank node ids follow the report's order, so the same report serialises to the same bytes.
    node = rdflib.BNode("report")
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, rdflib.Literal(report.conforms)))
    for number, r in enumerate(report.results, start=1):
        result = rdflib.BNode(f"result{number}")
        graph.add((node, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, _term(r.focus)))
        graph.add((result, SH.resultSeverity, SH[r.severity]))
        if r.shape:
            graph.add((result, SH.sourceShape, _term(r.shape)))
        if r.path:
            graph.add((result, SH.resultPath, _path(graph, r.path, f"result{number}-path")))
        if r.value:
            graph.add((result, SH.value, _term(r.value)))
        graph.add((result, SH.resultMessage, rdflib.Literal(r.message_id, lang="id")))
        graph.add((result, SH.resultMessage, rdflib.Literal(r.message_en, lang="en")))
        graph.add((result, SEL.ruleId, rdflib.Literal(r.rule_id)))
        if r.clause:
            graph.add((result, SEL.clause, rdflib.Literal(r.clause)))
    return graph


def render_graph(report: ValidationReport, *, fmt: str) -> str:
    """The report graph as Turtle (``turtle``) or JSON-LD (``json-ld``)."""
    graph = report_graph(report)
    if fmt == "json-ld":
        return graph.serialize(format="json-ld", context=PREFIXES, indent=2) + "\n"
    return graph.serialize(format="turtle")


def _term(text: str) -> rdflib.term.Node:
    """A focus node or value as written in a result: IRI, ``<iri>`` or N-Triples term."""
    if text.startswith(("<", '"', "_:")):
        quads = ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES)
        return to_rdflib(next(iter(quads)).object)
    return rdflib.URIRef(text)


def _path(graph: rdflib.Graph, text: str, name: str) -> rdflib.term.Node:
    """A SHACL path node for the path text of a result (``<p>``, ``^<p>``, ``<p>/^<q>``)."""
    steps = _PATH_STEP.findall(text) or [text]
    nodes: list[rdflib.term.Node] = []
    for number, step in enumerate(steps):
        if step.startswith("^"):
            inverse = rdflib.BNode(f"{name}{number}")
            graph.add((inverse, SH.inversePath, _term(step[1:])))
            nodes.append(inverse)
        else:
            nodes.append(_term(step))
    if len(nodes) == 1:
        return nodes[0]
    head = rdflib.BNode(name)
    items = [rdflib.BNode(f"{name}-list{n}") for n in range(1, len(nodes))]
    for this, item, rest in zip([head, *items], nodes, [*items, RDF.nil], strict=True):
        graph.add((this, RDF.first, item))
        graph.add((this, RDF.rest, rest))
    return head


# -- HTML -----------------------------------------------------------------------------------


def display_path(source: str) -> str:
    """An input path as the reader knows it: relative to the working folder when inside it
    (no machine-specific prefix in a filed report), else as given."""
    path = Path(source)
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return source
    return source


def render_html(
    report: ValidationReport, *, lang: str = "en", maps: Sequence[MapPicture] = ()
) -> str:
    """A self-contained, print-friendly HTML page (Jinja2 template, all data escaped).

    ``maps`` are the strategy maps of units with results, shown after the summaries; their SVG
    comes from :mod:`selaras.draw`, which escapes every text it writes.
    """
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("selaras", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["short"] = shorten
    env.filters["path"] = display_path
    env.filters["count"] = "{:,}".format
    template = env.get_template("report.html.j2")
    return template.render(
        report=report,
        lang=lang,
        t=TEXTS[lang],
        verdict=_verdict(report, lang),
        groups=list(_groups(report)),
        maps=[(picture, markupsafe.Markup(picture.svg)) for picture in maps],
    )


#: Interface words of the text and HTML reports.
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Selaras validation report",
        "subtitle": "Balanced Scorecard cascade checked against KMK 467/KMK.01/2014",
        "conforms": "conforms",
        "does_not_conform": "does not conform",
        "violations": "violations",
        "warnings": "warnings",
        "infos": "notes",
        "sources": "Dataset",
        "sources_n": "inputs",
        "triples": "triples",
        "profile": "profile",
        "engine": "engine",
        "date": "Date",
        "rules_checked": "Rules checked",
        "verdict": "Verdict",
        "by_rule": "Summary by rule",
        "by_unit": "Summary by unit",
        "results": "Results",
        "rule": "Rule",
        "severity": "Severity",
        "clause": "Clause",
        "count": "Results",
        "message": "Message",
        "unit": "unit",
        "unit_h": "Unit",
        "level": "Level",
        "node": "Node",
        "type": "Type",
        "path": "Path",
        "value": "Value",
        "no_unit": "(no unit)",
        "none": "No results: every rule holds.",
        "held": "Rules with no result",
        "Violation": "Violation",
        "Warning": "Warning",
        "Info": "Note",
        "maps": "Strategy maps of the units with results",
        "maps_note": "SS with results are outlined in red; dashed boxes are SS received by "
        "cascading.",
    },
    "id": {
        "title": "Laporan validasi Selaras",
        "subtitle": "Cascade Balanced Scorecard diperiksa terhadap KMK 467/KMK.01/2014",
        "conforms": "sesuai",
        "does_not_conform": "tidak sesuai",
        "violations": "pelanggaran",
        "warnings": "peringatan",
        "infos": "catatan",
        "sources": "Dataset",
        "sources_n": "masukan",
        "triples": "tripel",
        "profile": "profil",
        "engine": "mesin",
        "date": "Tanggal",
        "rules_checked": "Aturan diperiksa",
        "verdict": "Kesimpulan",
        "by_rule": "Ringkasan per aturan",
        "by_unit": "Ringkasan per unit",
        "results": "Temuan",
        "rule": "Aturan",
        "severity": "Tingkat",
        "clause": "Ketentuan",
        "count": "Temuan",
        "message": "Pesan",
        "unit": "unit",
        "unit_h": "Unit",
        "level": "Level",
        "node": "Simpul",
        "type": "Jenis",
        "path": "Jalur",
        "value": "Nilai",
        "no_unit": "(tanpa unit)",
        "none": "Tidak ada temuan: semua aturan terpenuhi.",
        "held": "Aturan tanpa temuan",
        "Violation": "Pelanggaran",
        "Warning": "Peringatan",
        "Info": "Catatan",
        "maps": "Peta strategi unit yang memiliki temuan",
        "maps_note": "SS yang memiliki temuan bergaris merah; kotak putus-putus adalah SS hasil "
        "penurunan (cascading).",
    },
}
