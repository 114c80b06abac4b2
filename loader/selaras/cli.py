"""The ``selaras`` command: a thin layer that parses options, calls one stage, maps errors.

Each subcommand is one module of :mod:`selaras.commands`; the options several share are in
:mod:`selaras.commands.options`. Exit codes: 0 success (data conforms), 1 the data does not
conform (violations found, or a load refused), 2 bad input, usage or infrastructure error.
Tracebacks only with ``--debug``.
"""

from __future__ import annotations

from typing import Any

import click

from selaras import output
from selaras._version import __version__
from selaras.commands.demo import demo
from selaras.commands.draw import draw
from selaras.commands.export import export
from selaras.commands.generate import generate
from selaras.commands.import_ import import_command
from selaras.commands.load import load
from selaras.commands.options import error_text
from selaras.commands.publish import publish
from selaras.commands.query import query
from selaras.commands.score import score
from selaras.commands.serve import serve
from selaras.commands.template import template
from selaras.commands.validate import validate
from selaras.errors import SelarasError


class _Group(click.Group):
    """Maps Selaras exceptions to one-line errors and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SelarasError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            message = output.printable(error_text(exc), newlines=True)  # no escape codes from data
            click.echo(f"selaras: error: {message}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # stdout closed early (`| head`): see selaras.output
            output.stdout_closed()
            ctx.exit(0)
        except click.UsageError as exc:
            # One line, like every other error; click's own form spans four.
            if ctx.obj and ctx.obj.get("debug"):
                raise
            names = []  # the subcommand's path below the group: `selaras draw strategy-map`
            sub = exc.ctx
            while sub is not None and sub.parent is not None:
                names.append(sub.info_name or "")
                sub = sub.parent
            where = " ".join(["selaras", *reversed(names)])
            click.echo(f"selaras: error: {exc.format_message()} (see '{where} --help')", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("selaras: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="selaras")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Selaras: the Kemenkeu Balanced Scorecard cascade (KMK 467/KMK.01/2014) as a knowledge graph.

    Exit codes: 0 success, 1 data does not conform, 2 bad input, usage or infrastructure error.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


main.add_command(validate)
main.add_command(import_command)
main.add_command(template)
main.add_command(load)
main.add_command(export)
main.add_command(generate)
main.add_command(demo)
main.add_command(query)
main.add_command(score)
main.add_command(draw)
main.add_command(publish)
main.add_command(serve)
