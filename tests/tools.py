"""Helpers for tests that need a tool outside Python (docker-compose, chromium, a server).

In CI (environment variable CI set) a missing tool is a failure, never a skip: CI installs
everything the tests need. On a developer machine the test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import pytest


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def unavailable(reason: str) -> None:
    """Fail in CI, skip elsewhere."""
    if in_ci():
        pytest.fail(f"{reason} (CI must provide it: see .ci/run)")
    pytest.skip(reason)


def require_program(*names: str) -> str:
    """The path of the first program found among ``names``."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    unavailable(f"none of {', '.join(names)} is installed")
    raise AssertionError("unreachable")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a throw-away profile and no network of its own."""
    binary = require_program("chromium", "chromium-browser")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
