"""docs/analyses.md and the README show real output: every `$ selaras query ...` block is run
and compared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from selaras.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "analyses.md"
BLOCK = re.compile(r"```console\n\$ (selaras query [^\n]*)\n((?:(?!```).*\n)*)```")
README = ROOT / "README.md"
BLOCKS = BLOCK.findall(DOC.read_text(encoding="utf-8"))
README_BLOCKS = BLOCK.findall(README.read_text(encoding="utf-8"))


@pytest.mark.parametrize("blocks", [BLOCKS, README_BLOCKS], ids=["docs", "readme"])
def test_the_page_shows_every_analysis(blocks: list[tuple[str, str]]) -> None:
    shown = {shlex.split(command)[2] for command, _ in blocks}
    assert shown == {
        "cascade",
        "line-of-sight",
        "orphans",
        "misaligned",
        "coverage",
        "strategy-map",
    }


@pytest.mark.parametrize(
    ("command", "output"),
    BLOCKS + README_BLOCKS,
    ids=[f"docs: {c}" for c, _ in BLOCKS] + [f"readme: {c}" for c, _ in README_BLOCKS],
)
def test_documented_output_is_what_the_command_prints(
    command: str, output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert result.stdout == output


def test_the_whole_cascade_count_quoted_on_the_page() -> None:
    result = CliRunner().invoke(main, ["query", "cascade", str(ROOT / "examples" / "kaltara")])
    rows = result.stdout.splitlines()[-1]
    assert f"({rows.split()[0]} rows for Kaltara)" in DOC.read_text(encoding="utf-8")
