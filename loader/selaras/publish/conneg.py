"""Content negotiation: the ``Accept`` header's media ranges with their q-values (RFC 9110
section 12.5.1) choose among the media types a resource offers.

>>> offered = ["text/html", "text/turtle", "application/ld+json"]
>>> choose("text/turtle;q=0.9, application/ld+json", offered)
'application/ld+json'
>>> choose("text/*;q=0.5, */*;q=0.1", ["application/n-triples", "text/turtle"])
'text/turtle'
>>> choose("image/png", ["text/html"]) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str) -> list[tuple[str, float]]:
    """``(range, q)`` for each media range of ``header`` (a malformed q counts as 0)."""
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for field in fields[1:]:
            key, _, value = field.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
                q = q if 0.0 <= q <= 1.0 else 0.0
        ranges.append((media, q))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``media`` (0 when none does)."""
    kind = media.split("/", 1)[0]
    best: tuple[int, float] = (-1, 0.0)
    for candidate, q in ranges:
        if candidate == media:
            specificity = 2
        elif candidate == f"{kind}/*":
            specificity = 1
        elif candidate == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best[0]:
            best = (specificity, q)
    return best[1]


def choose(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers most (ties go to the first offered), or None
    when the client accepts none of them. No header accepts anything."""
    if not header or not header.strip():
        return offered[0] if offered else None
    ranges = parse_accept(header)
    scored = [(_quality(media, ranges), -i, media) for i, media in enumerate(offered)]
    q, _, media = max(scored, default=(0.0, 0, ""))
    return media if q > 0 else None
