"""Where the benchmark scripts write their tables: a marked section of a Markdown page.

A section is the text between two HTML comments (``<!-- NAME:start -->`` ... ``<!-- NAME:end
-->``); a script replaces its own section and leaves the rest of the page alone.
"""

from __future__ import annotations

from pathlib import Path


def replace_between(text: str, start: str, end: str, body: str) -> str:
    """``text`` with what lies between the markers ``start`` and ``end`` replaced by ``body``."""
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    return f"{before}{start}\n{body.strip(chr(10))}\n{end}{after}"


def write_section(page: Path, start: str, end: str, body: str, heading: str) -> None:
    """Put ``body`` between the markers on ``page``; a page without them gets a new section
    ``## heading`` at its end (a missing page is created)."""
    text = page.read_text(encoding="utf-8") if page.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = replace_between(text, start, end, body)
    else:
        text = f"{text.rstrip(chr(10))}\n\n## {heading}\n\n{start}\n{body.strip(chr(10))}\n{end}\n"
    page.write_text(text, encoding="utf-8")
