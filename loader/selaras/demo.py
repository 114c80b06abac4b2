"""Demo stage: the main job end to end on the bundled Kaltara example, embedded engine only.

1. read ``examples/kaltara`` (the North Kalimantan treasury chain) and validate it;
2. read ``examples/defects`` (the same chain with planted defects) and validate it;
3. write both reports into the output folder.

Nothing needs a server; the output folder holds everything the demo wrote.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from selaras import resources
from selaras.progress import SILENT, Progress
from selaras.read import Dataset, read_dataset
from selaras.report import render
from selaras.validate import ValidationReport, validate


@dataclass
class DemoOutcome:
    """What the demo found and wrote."""

    reports: dict[str, ValidationReport] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)


def run_demo(
    *, out_dir: Path, console: Console | None = None, progress: Progress = SILENT
) -> DemoOutcome:
    """Validate and analyse the bundled examples, writing reports into ``out_dir``."""
    console = console or Console()
    out_dir.mkdir(parents=True, exist_ok=True)
    outcome = DemoOutcome()
    datasets: dict[str, Dataset] = {}
    for name in ("kaltara", "defects"):
        path = resources.example_path(name)
        console.rule(f"[bold]examples/{name}")
        dataset = read_dataset([path], progress=progress)
        datasets[name] = dataset
        report = validate(dataset, progress=progress)
        outcome.reports[name] = report
        verdict = "[green]conforms" if report.conforms else "[red]does not conform"
        console.print(
            f"{len(dataset):,} triples from {len(dataset.sources)} files: {verdict}[/] "
            f"({report.count('Violation')} violations, {report.count('Warning')} warnings)"
        )
        if report.results:
            console.print(_rule_table(report))
        target = out_dir / f"{name}-validation.txt"
        target.write_text(render(report, fmt="text", lang="en"), encoding="utf-8")
        outcome.written.append(target)
    console.rule("[bold]written")
    for path in outcome.written:
        console.print(f"  {path}")
    return outcome


def _rule_table(report: ValidationReport) -> Table:
    counts = Counter((r.rule_id, r.severity) for r in report.results)
    table = Table("rule", "severity", "results", title="results by rule")
    for (rule_id, severity), count in sorted(counts.items()):
        table.add_row(rule_id, severity, str(count))
    return table
