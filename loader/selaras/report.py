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
from rdflib.namespace import RDF, SH, XSD

from selaras.errors import UnknownNameError
from selaras.jsonld import write_jsonld
from selaras.namespace import SEL_IRI
from selaras.output import printable
from selaras.terms import OxTerm
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
    >>> shorten("(<https://w3id.org/selaras/ontology#a>|<urn:b>)*")
    '(sel:a|<urn:b>)*'
    """
    typed = _TYPED.match(text)
    if typed:
        return f"{typed.group(1)}^^{shorten(typed.group(2))}"
    if text.startswith("<") and text.endswith(">") and text.count("<") == 1:
        iri = text[1:-1]
    elif "<" in text and not text.startswith('"'):  # a path: ^<p>, <p>/<q>, <a>|<b>*, ...
        return _PATH_IRI.sub(lambda m: shorten(m.group(0)), text)
    else:
        iri = text
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return text


#: An IRI in a result path (N-Triples IRIs hold no ``>``).
_PATH_IRI = re.compile(r"<[^<>]*>")
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
    checked = _checked(report, lang)
    lines = [f"{words['title']}: {checked}, {words['engine']} {report.engine}"]
    for fallback in report.fallbacks:
        lines.append(f"  {words['fallback']}: {fallback.shape} ({fallback.reason})")
    lines.append("")
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
    lines.append(f"{_verdict(report, lang)} ({report.triples} {words['triples']}, {checked})")
    return "\n".join(printable(line) for line in lines) + "\n"  # data's control chars escaped


def _checked(report: ValidationReport, lang: str) -> str:
    """What the data was checked against: the profile, or the user's shapes."""
    words = TEXTS[lang]
    return words["custom"] if report.shapes else f"{words['profile']} {report.profile}"


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


def report_graph(report: ValidationReport) -> list[ox.Triple]:
    """The report as the triples of a SHACL validation report (results are blank nodes).

    Terms are the engine's: the focus node, source shape and value exactly as the input wrote
    them (``"05"^^xsd:integer`` stays ``"05"``), the path written back as a SHACL path.
    Blank node ids follow the report's order, so the same report gives the same bytes.
    """
    node = ox.BlankNode("report")
    head = [
        ox.Triple(node, _RDF_TYPE, _sh("ValidationReport")),
        ox.Triple(node, _sh("conforms"), _boolean(report.conforms)),
    ]
    triples: list[ox.Triple] = []
    for number, r in enumerate(report.results, start=1):
        result = ox.BlankNode(f"result{number}")
        counter = iter(range(1, 1_000_000))
        head.append(ox.Triple(node, _sh("result"), result))
        triples.append(ox.Triple(result, _RDF_TYPE, _sh("ValidationResult")))
        raw = r.raw
        focus = raw.focus if raw is not None else _term(r.focus)
        triples.append(ox.Triple(result, _sh("focusNode"), focus))
        severity = raw.severity if raw is not None else _sh(r.severity)
        triples.append(ox.Triple(result, _sh("resultSeverity"), severity))
        if raw is not None and raw.component:
            component = ox.NamedNode(raw.component)
            triples.append(ox.Triple(result, _sh("sourceConstraintComponent"), component))
        if r.shape:
            shape = raw.shape if raw is not None else _term(r.shape)
            triples.append(ox.Triple(result, _sh("sourceShape"), shape))
        if raw is not None and raw.path is not None:
            path, more = raw.path.to_rdf(
                lambda number=number, counter=counter: ox.BlankNode(  # type: ignore[misc]
                    f"result{number}-path{next(counter)}"
                )
            )
            triples.append(ox.Triple(result, _sh("resultPath"), path))
            triples += more
        elif r.path:
            triples.append(ox.Triple(result, _sh("resultPath"), _term(r.path)))
        value = raw.value if raw is not None else (_term(r.value) if r.value else None)
        if value is not None:
            triples.append(ox.Triple(result, _sh("value"), value))
        for text, lang in ((r.message_id, "id"), (r.message_en, "en")):
            if text:
                triples.append(
                    ox.Triple(result, _sh("resultMessage"), ox.Literal(text, language=lang))
                )
        triples.append(ox.Triple(result, _SEL_RULE, ox.Literal(r.rule_id)))
        if r.clause:
            triples.append(ox.Triple(result, _SEL_CLAUSE, ox.Literal(r.clause)))
    return head + triples


def render_graph(report: ValidationReport, *, fmt: str) -> str:
    """The report graph as Turtle (``turtle``, pyoxigraph's writer) or JSON-LD (``json-ld``,
    :mod:`selaras.jsonld`): every lexical form as written, never rdflib's number rewriting."""
    triples = report_graph(report)
    if fmt == "json-ld":
        return write_jsonld(triples, context=_REPORT_CONTEXT)
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert data is not None
    return data.decode("utf-8")


def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(SH) + name)


def _boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=ox.NamedNode(str(XSD.boolean)))


_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SEL_RULE = ox.NamedNode(SEL_IRI + "ruleId")
_SEL_CLAUSE = ox.NamedNode(SEL_IRI + "clause")
#: The JSON-LD report's context: the prefixes, ``id`` and ``type`` as in the Selaras context.
_REPORT_CONTEXT = {"id": "@id", "type": "@type", **PREFIXES}


def _term(text: str) -> OxTerm:
    """A focus node, shape or value as written in a result: IRI, ``<iri>`` or N-Triples term."""
    if text.startswith(("<", '"', "_:")):
        quads = ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES)
        term = next(iter(quads)).object
        assert isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal)
        return term
    return ox.NamedNode(text)


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
    import markupsafe

    from selaras.templating import environment

    env = environment(short=shorten, path=display_path, count="{:,}".format)
    template = env.get_template("report.html.j2")
    return template.render(
        report=report,
        lang=lang,
        t=_Words(TEXTS[lang]),
        verdict=_verdict(report, lang),
        groups=list(_groups(report)),
        maps=[(picture, markupsafe.Markup(picture.svg)) for picture in maps],
    )


class _Words(dict[str, str]):
    """Interface words; a word not in the table (another shape's own severity) is itself."""

    def __missing__(self, key: str) -> str:
        return key


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
        "custom": "shapes given with --shapes",
        "fallback": "run by pySHACL, as the SPARQL engine does not compile it",
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
        "custom": "shape dari --shapes",
        "fallback": "dijalankan pySHACL, karena mesin SPARQL tidak dapat mengompilasinya",
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
