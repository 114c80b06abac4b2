"""``selaras demo``: the main job on the bundled examples, no server."""

from __future__ import annotations

from pathlib import Path

import click

from selaras.commands.options import lang_option, progress_for, quiet_option


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("out/demo"),
    show_default=True,
    help="Folder for the reports the demo writes.",
)
@lang_option
@quiet_option
def demo(output: Path, lang: str, quiet: bool) -> None:
    """Run the main job on the bundled examples with the embedded engine (no server).

    Validates examples/kaltara (conforms) and examples/defects (planted defects), writes their
    reports (HTML, CSV, Turtle, text) and the orphans, misaligned and coverage analyses (CSV).
    """
    from selaras.demo import run_demo

    run_demo(out_dir=output, progress=progress_for(quiet), lang=lang)
