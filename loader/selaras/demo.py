"""Demo stage: the main job end to end on the bundled examples, embedded engine only.

1. read ``examples/kaltara`` (the North Kalimantan treasury chain) and validate it;
2. read ``examples/defects`` (the same chain with planted defects) and validate it;
3. write each validation report as HTML (to read and file), CSV, Turtle (``sh:ValidationReport``)
   and text;
4. run the alignment analyses (``orphans``, ``misaligned``, ``coverage``) on both and write
   them as CSV.

Nothing needs a server; the output folder holds everything the demo wrote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.table import Table

from selaras import output, resources
from selaras.analyses import QueryResult, run_analysis
from selaras.analyses import render as render_rows
from selaras.draw.report import MapPicture, report_maps
from selaras.progress import SILENT, Progress
from selaras.read import read_dataset
from selaras.report import render
from selaras.validate import ValidationReport, validate

T = TypeVar("T")
EXAMPLES = ("kaltara", "defects")
#: Report formats the demo writes, with their file suffixes.
REPORT_FORMATS = {"html": "html", "csv": "csv", "ttl": "ttl", "text": "txt"}
ANALYSES = ("orphans", "misaligned", "coverage")


@dataclass
class DemoOutcome:
    """What the demo found and wrote."""

    reports: dict[str, ValidationReport] = field(default_factory=dict)
    analyses: dict[tuple[str, str], QueryResult] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)


def run_demo(
    *,
    out_dir: Path,
    console: Console | None = None,
    progress: Progress = SILENT,
    lang: str = "en",
) -> DemoOutcome:
    """Validate and analyse the bundled examples, writing reports into ``out_dir``."""
    console = console or Console()
    output.check_folder(out_dir)
    outcome = DemoOutcome()
    for name in EXAMPLES:
        path = resources.example_path(name)
        console.rule(f"[bold]examples/{name}")
        dataset = read_dataset([path], progress=progress)
        report = validate(dataset, progress=progress)
        outcome.reports[name] = report
        verdict = "[green]conforms" if report.conforms else "[red]does not conform"
        console.print(
            f"{len(dataset):,} triples from {len(dataset.sources)} files: {verdict}[/] "
            f"({report.count('Violation')} violations, {report.count('Warning')} warnings)"
        )
        if report.results:
            console.print(_rule_table(report))
        no_maps: list[MapPicture] = []
        maps = _without_graphviz(console, partial(report_maps, dataset, report, lang=lang), no_maps)
        for fmt, suffix in REPORT_FORMATS.items():
            target = out_dir / f"{name}-validation.{suffix}"
            output.write_text(target, render(report, fmt=fmt, lang=lang, maps=maps))
            outcome.written.append(target)
        counts = []
        for analysis in ANALYSES:
            result = run_analysis(analysis, dataset=dataset)
            outcome.analyses[(name, analysis)] = result
            target = out_dir / f"{name}-{analysis}.csv"
            output.write_text(target, render_rows(result, "csv"))
            outcome.written.append(target)
            counts.append(f"{analysis} {len(result.rows)}")
        console.print("analyses (rows): " + ", ".join(counts))
    _scores(out_dir, console, outcome, progress)
    console.rule("[bold]written")
    for path in outcome.written:
        console.print(f"  {path}")
    console.print(f"Open {out_dir / 'defects-validation.html'} in a browser to read the report.")
    return outcome


def _rule_table(report: ValidationReport) -> Table:
    counts = Counter((r.rule_id, r.severity) for r in report.results)
    table = Table("rule", "severity", "results", title="results by rule")
    for (rule_id, severity), count in sorted(counts.items()):
        table.add_row(rule_id, severity, str(count))
    return table


def _scores(out_dir: Path, console: Console, outcome: DemoOutcome, progress: Progress) -> None:
    """The NKO of the Kaltara units (positions aside) for the last reported quarter, and the
    HTML scorecard of every unit."""
    from selaras.draw.scores import scorecard_maps
    from selaras.score import score_dataset
    from selaras.score.html import to_html

    dataset = read_dataset([resources.example_path("kaltara")], progress=progress)
    card = score_dataset(dataset, progress=progress)
    console.rule(f"[bold]NKO of the Kaltara units, {card.period} (selaras score)")
    table = Table("unit", "level", "NKO", "colour", "band")
    for unit in card.units:
        if unit.level != "Five":
            nko = unit.nko.values(card.settings.places)
            table.add_row(
                unit.unit,
                unit.level or "",
                nko["capaian"] or "",
                nko["colour"] or "",
                nko["band"] or "",
            )
    console.print(table)
    target = out_dir / "kaltara-scores.html"
    maps = _without_graphviz(console, partial(scorecard_maps, dataset, card), dict[str, str]())
    target.write_text(to_html(card, maps=maps), encoding="utf-8")
    outcome.written.append(target)


def _without_graphviz(console: Console, draw: Callable[[], T], empty: T) -> T:
    """``draw()``, or ``empty`` with a note when Graphviz is missing: the demo's HTML pages go
    without their strategy maps then (`apt-get install graphviz` brings them)."""
    from selaras.errors import SelarasError

    try:
        return draw()
    except SelarasError as exc:
        console.print(f"[yellow]note:[/] no strategy maps in the HTML: {exc}")
        return empty
