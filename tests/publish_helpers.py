"""Helpers for the publishing tests: a real `selaras serve` process, a real Fuseki, the site's
links and literals."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from tools import unavailable

#: The ports `selaras serve` uses in these tests (this worktree's share of the machine).
SERVE_PORTS = range(int(os.environ.get("SELARAS_TEST_PORT_FIRST", "8091")), 8100)
FUSEKI_URL = os.environ.get("FUSEKI_URL", "http://127.0.0.1:3030/selaras")
FUSEKI_USER = os.environ.get("FUSEKI_USER", "admin")
FUSEKI_PASSWORD = os.environ.get("FUSEKI_PASSWORD", "selaras-dev-password")


def free_port() -> int:
    for port in SERVE_PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {SERVE_PORTS}")


@contextmanager
def serving(*args: str) -> Iterator[str]:
    """``selaras serve ARGS`` as a real process on a free port; yields its root URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "selaras", "serve", *args, "--port", str(port), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError(f"selaras serve exited: {process.stderr.read()}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(url + "index.html", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fuseki_or_unavailable() -> str:
    """The Fuseki dataset URL, after checking it answers a query with the password."""
    import base64

    request = urllib.request.Request(
        FUSEKI_URL + "/sparql?query=ASK%7B%7D",
        headers={
            "Authorization": "Basic "
            + base64.b64encode(f"{FUSEKI_USER}:{FUSEKI_PASSWORD}".encode()).decode(),
            "Accept": "application/sparql-results+json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=5):
            pass
    except OSError as exc:
        unavailable(f"no Fuseki at {FUSEKI_URL} ({exc}): scripts/fuseki-local start")
    return FUSEKI_URL


class PageParser(HTMLParser):
    """Links (href, src), element ids, and the text of ``class="lit"`` elements of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.literals: list[str] = []
        self._depth: list[bool] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(values[key] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag in ("meta", "link", "br", "img", "input"):
            return
        is_literal = "lit" in (values.get("class") or "").split()
        self._depth.append(is_literal)
        if is_literal:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "link", "br", "img", "input") or not self._depth:
            return
        if self._depth.pop():
            self.literals.append("".join(self._text))

    def handle_data(self, data: str) -> None:
        if any(self._depth):
            self._text.append(data)


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
