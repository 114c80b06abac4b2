"""``selaras generate``: a synthetic Kemenkeu-shaped cascade, optionally with planted defects."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from selaras import output as output_module


@click.command()
@click.option(
    "--staff",
    type=click.IntRange(min=1),
    required=True,
    help="Staff positions at Kemenkeu-Five (the whole ministry is about 80000).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option(
    "--defects",
    "defect_rate",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Share of eligible nodes to break for every rule (0: a conforming cascade).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the cascade here (.ttl Turtle, .nt N-Triples); default: Turtle on stdout.",
)
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the planted defects here as CSV (rule_id, focus, focus_code).",
)
@click.option(
    "--year",
    type=click.IntRange(1900, 9999),
    default=2025,
    show_default=True,
    help="Plan year of the cascade (sel:year of SS, IKU and contracts).",
)
@click.option(
    "--eselon-one",
    "eselon_one",
    multiple=True,
    metavar="CODE",
    help="Only this Eselon I unit (repeatable), e.g. DJPB; default all twelve.",
)
def generate(
    staff: int,
    seed: int,
    defect_rate: float,
    output: Path | None,
    manifest: Path | None,
    year: int,
    eselon_one: tuple[str, ...],
) -> None:
    """Generate a synthetic Kemenkeu-shaped cascade, optionally with planted defects.

    The same options always give the same bytes. With --defects RATE every rule of the
    catalogue is broken on about RATE x its eligible nodes (at least once when possible), and
    --manifest lists exactly the (rule, focus) results validation must report.
    """
    from selaras.api import generate_cascade as build_cascade

    if output is not None and output.suffix not in (".ttl", ".nt"):
        raise click.BadParameter("the output must end in .ttl or .nt", param_hint="-o")
    for target in (output, manifest):
        if target is not None:
            output_module.check_file(target)
    cascade = build_cascade(
        staff=staff,
        seed=seed,
        defect_rate=defect_rate,
        year=year,
        eselon_one=list(eselon_one) or None,
    )
    if output is None:
        cascade.write(sys.stdout)
    else:
        with output_module.replacing(output) as temporary:
            triples = cascade.write(temporary, fmt=output.suffix[1:])
        stats = cascade.stats
        click.echo(
            f"{output}: {triples} triples, {stats['units']} units "
            f"({stats['positions']} positions), {stats['objectives']} SS, "
            f"{stats['indicators']} IKU, {len(cascade.manifest)} planted results",
            err=True,
        )
    if manifest is not None:
        output_module.write_text(manifest, cascade.manifest_csv())
