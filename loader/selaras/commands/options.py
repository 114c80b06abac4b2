"""Options and arguments several commands share, each defined once.

The closed lists (report formats, engines, languages) come from the library modules that own
them, so the CLI cannot drift from what the library accepts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from selaras import resources
from selaras.errors import SelarasError
from selaras.report import LANGUAGES
from selaras.validate import ENGINES

if TYPE_CHECKING:
    from selaras.progress import Progress

F = TypeVar("F", bound=Callable[..., Any])

#: The option of the command line for each setting a library error may name
#: (:attr:`selaras.errors.SelarasError.settings`).
OPTION_FOR_SETTING = {
    "base": "--base",
    "uri": "--uri",
    "user": "--user",
    "password": "--password",
    "database": "--database",
    "params": "--param",
    "profile": "--profile",
    "staff": "--staff",
    "eselon_one": "--eselon-one",
    "defect_rate": "--defects",
    "period": "--period",
    "unit": "--unit",
    "force": "--force",
}


def error_text(exc: SelarasError) -> str:
    """The message of ``exc`` with the options that would fix it, e.g. ``(option --base)``."""
    options = [OPTION_FOR_SETTING[s] for s in exc.settings if s in OPTION_FOR_SETTING]
    if not options:
        return str(exc)
    plural = "s" if len(options) > 1 else ""
    return f"{exc} (option{plural} {' and '.join(options)})"


paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))

profile_option = click.option(
    "--profile",
    default=resources.DEFAULT_PROFILE,
    show_default=True,
    help="Regulation profile: a name from shapes/profiles/ or a path to a profile .ttl.",
)

base_option = click.option(
    "--base",
    help="IRI prefix for identifiers minted from spreadsheet codes "
    "[default: https://w3id.org/selaras/id/].",
)

engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="SHACL engine: auto (the SPARQL engine; a shape it cannot compile runs with pySHACL, "
    "and the report says so), sparql (only the SPARQL engine: refuses such a shape), or "
    "pyshacl (the slow reference; same results).",
)


def _language_option(what: str) -> Callable[[F], F]:
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default="en",
        show_default=True,
        help=f"Language of {what}.",
    )


lang_option = _language_option("the messages and of the text and HTML reports")
#: The published site's options (`selaras publish` and `selaras serve`).
page_lang_option = _language_option("the pages' own words and preferred labels")
title_option = click.option(
    "--title", default="Selaras cascade", show_default=True, help="The dataset's title."
)

quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress output (there is none unless stderr is a terminal).",
)


def progress_for(quiet: bool) -> Progress:
    """The progress display a command reports to: none with ``-q``."""
    from selaras.progress import SILENT, RichProgress

    return SILENT if quiet else RichProgress()


def neo4j_options(func: F) -> F:
    """--uri, --user, --password, --database; each falls back to its NEO4J_* variable. The
    command gets them as one ``neo4j_settings: Neo4jSettings``."""
    options = [
        click.option(
            "--uri",
            help="Neo4j URI [env NEO4J_URI; default bolt://127.0.0.1:7687]; "
            "neo4j://HOST:7687 for a cluster, neo4j+s://... for Aura.",
        ),
        click.option("--user", help="Neo4j user [env NEO4J_USER; default neo4j]."),
        click.option(
            "--password",
            help="Neo4j password [env NEO4J_PASSWORD; prefer the variable: options are "
            "visible in the process list]. Never printed.",
        ),
        click.option("--database", help="Neo4j database [env NEO4J_DATABASE; default neo4j]."),
    ]

    @functools.wraps(func)
    def with_settings(
        *args: Any,
        uri: str | None,
        user: str | None,
        password: str | None,
        database: str | None,
        **kwargs: Any,
    ) -> Any:
        from selaras.neo4j import Neo4jSettings

        settings = Neo4jSettings.from_env(uri=uri, user=user, password=password, database=database)
        return func(*args, neo4j_settings=settings, **kwargs)

    command: Callable[..., Any] = with_settings
    for option in reversed(options):
        command = option(command)
    return cast(F, command)
