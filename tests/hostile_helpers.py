"""Running the real ``selaras`` script on hostile inputs, and what every run must look like."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HOSTILE = Path(__file__).resolve().parent / "hostile"


def script() -> str:
    """The installed console script of this environment."""
    beside = Path(sys.executable).with_name("selaras")
    found = str(beside) if beside.exists() else shutil.which("selaras")
    assert found, "the selaras script is not installed (pip install -e .)"
    return found


def run(
    *args: str | Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``selaras ARGS`` in a subprocess; never a traceback, always exit 0, 1 or 2."""
    environment = {**os.environ, **(env or {})}
    result = subprocess.run(
        [script(), *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2), (result.returncode, result.stderr)
    return result


def one_error(*args: str | Path, env: dict[str, str] | None = None) -> str:
    """The one error line of a run that must fail with exit 2 (without its prefix)."""
    result = run(*args, env=env)
    assert result.returncode == 2, (result.returncode, result.stdout[:500], result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("selaras: error: "), result.stderr
    return lines[0].removeprefix("selaras: error: ")


def problems(*args: str | Path) -> list[str]:
    """The problem lines of a spreadsheet refused with exit 2 (summary line, then problems)."""
    result = run(*args)
    assert result.returncode == 2, result.stderr
    first, *rest = result.stderr.splitlines()
    assert first.startswith("selaras: error: ") and "nothing imported" in first, result.stderr
    return rest
