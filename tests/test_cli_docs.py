"""The command line is documented completely (in the style of sqlite-utils' docs tests).

Every command of ``selaras`` appears in the README or a page of ``docs/`` as ``selaras NAME``,
every option of it (its long or short name) appears on a page that names the command, and every
command and option has help text of its own.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from selaras.cli import main

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
    for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
}
COMMANDS = sorted(main.commands)


def _options(command: click.Command) -> list[list[str]]:
    """The names of each option of a command (``-o`` and ``--output`` are one option)."""
    return [
        param.opts + param.secondary_opts
        for param in command.params
        if isinstance(param, click.Option) and "--help" not in param.opts
    ]


def test_the_command_list_is_the_expected_one() -> None:
    assert {"validate", "import", "template", "load", "export", "generate", "demo", "query"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name: str) -> None:
    pages = [page for page, text in PAGES.items() if f"selaras {name}" in text]
    assert pages, f"no page of README.md or docs/ shows `selaras {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_options_are_documented(name: str) -> None:
    texts = [text for text in PAGES.values() if f"selaras {name}" in text]
    missing = [
        names[-1]
        for names in _options(main.commands[name])
        if not any(f"`{n}" in t or f"{n} " in t or f"{n}`" in t for n in names for t in texts)
    ]
    assert not missing, f"`selaras {name}` options documented nowhere near it: {missing}"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_and_options_have_help(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"`selaras {name}` has no help"
    result = CliRunner().invoke(main, [name, "--help"])
    summary = " ".join(command.help.strip().splitlines()[0].split())
    assert result.exit_code == 0 and summary in " ".join(result.output.split())
    bare = [
        param.opts[0]
        for param in command.params
        if isinstance(param, click.Option) and not (param.help or "").strip()
    ]
    assert not bare, f"`selaras {name}` options without help: {bare}"


def test_main_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output or f"  {name}\n" in result.output
