"""Report stage: a ValidationReport rendered as text, Turtle, JSON-LD, HTML or CSV.

Renderers only format the report's values; they never recompute anything.
"""

from __future__ import annotations

from selaras.errors import UnknownNameError
from selaras.validate import ValidationReport

FORMATS = ("text", "ttl", "jsonld", "html", "csv")


def render(report: ValidationReport, *, fmt: str = "text", lang: str = "en") -> str:
    """Render ``report`` in ``fmt`` with messages in ``lang`` (``id`` or ``en``)."""
    if fmt == "text":
        return render_text(report, lang=lang)
    raise UnknownNameError("report format", fmt, FORMATS)


def render_text(report: ValidationReport, *, lang: str = "en") -> str:
    lines = []
    for r in report.results:
        where = r.focus_code or r.focus
        lines.append(f"{r.severity.upper()} {r.rule_id} {where}: {r.message(lang)}")
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(
        f"{verdict}: {report.count('Violation')} violations, {report.count('Warning')} warnings "
        f"({report.triples} triples, profile {report.profile})"
    )
    return "\n".join(lines) + "\n"
