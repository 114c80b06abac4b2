"""IRIs and the site's paths: which IRIs the site documents, and where.

Slash IRIs with 303 See Other, following W3C "Cool URIs for the Semantic Web" (section 4.2):
a resource's IRI names the thing, and its documents live at a separate path. Under the base
``B``, the thing ``B id/unit/KPPN-TRK`` is described by the documents ``B doc/unit/KPPN-TRK.html``
(``.ttl``, ``.jsonld``, ``.nt``, ``.rdf`` when served); ``selaras serve`` answers the thing's IRI
with ``303 See Other`` to the document its ``Accept`` header asks for. An IRI under the base
outside ``id/`` (the ontology ``B ontology``) is its own document path (``B ontology.html``), and a
hash IRI (``B ontology#Unit``) resolves to its section of that page.

Only IRIs under the base whose path is made of safe segments get documents: each segment holds
unreserved characters, sub-delimiters, ``:``, ``@`` and percent escapes, and is never ``.`` or
``..``; anything else (a query string, an empty segment) is linked to but not published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from selaras.errors import SelarasError

#: The id space of the ontology: the default base of a published site.
DEFAULT_BASE = "https://w3id.org/selaras/"
ONTOLOGY_IRI = "https://w3id.org/selaras/ontology"
#: The document path of the ontology page, whatever the base.
ONTOLOGY_DOC = "ontology"
#: The document path of the dataset description (VoID and DCAT), relative to the base.
DATASET_DOC = "dataset"
_SEGMENT = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%-]+")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class BaseError(SelarasError):
    """A base IRI that cannot serve as the site's base (exit 2)."""


def check_base(base: str) -> str:
    """``base`` if it is an absolute http(s) IRI with a host, no query or fragment, ending in
    ``/``; raises BaseError naming what is wrong otherwise.

    >>> check_base("https://kinerja.kemenkeu.go.id/")
    'https://kinerja.kemenkeu.go.id/'
    """
    if any(c.isspace() or c in '<>"{}|\\^`' for c in base):
        raise BaseError(
            f'the base {base!r} is not an IRI (it holds a space or one of <>"{{}}|\\^`)'
        ).about("base")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BaseError(f"the base {base!r} is not an absolute http(s) IRI with a host").about(
            "base"
        )
    if parts.query or parts.fragment or "#" in base or "?" in base:
        raise BaseError(f"the base {base!r} must not hold a query or a fragment").about("base")
    if not base.endswith("/"):
        raise BaseError(
            f"the base {base!r} must end with '/' (documents are paths under it)"
        ).about("base")
    if not all(_SEGMENT.fullmatch(s) for s in parts.path.strip("/").split("/") if s):
        raise BaseError(f"the base {base!r} has a path segment that is not safe").about("base")
    return base


@dataclass(frozen=True)
class Paths:
    """Where the documents of IRIs under ``base`` live (paths relative to the site root)."""

    base: str = DEFAULT_BASE

    def doc(self, iri: str) -> str | None:
        """The document path (no extension) of ``iri``, or None when it gets no document.

        >>> Paths().doc("https://w3id.org/selaras/id/unit/KPPN-TRK")
        'doc/unit/KPPN-TRK'
        >>> Paths().doc("https://w3id.org/selaras/ontology#Unit")
        'ontology'
        >>> Paths().doc("https://example.org/x") is None
        True
        """
        if iri.split("#", 1)[0] == ONTOLOGY_IRI:
            return ONTOLOGY_DOC
        if not iri.startswith(self.base):
            return None
        rest = iri[len(self.base) :]
        if "#" in rest:
            rest = rest.split("#", 1)[0]
        if not rest or "?" in rest or _PERCENT.search(rest):
            return None
        segments = rest.split("/")
        if any(s in ("", ".", "..") or not _SEGMENT.fullmatch(s) for s in segments):
            return None
        if segments[0] == "id" and len(segments) > 1:
            segments[0] = "doc"
        elif segments[0] in ("doc", "dumps", "static", ".well-known"):
            return None  # those paths hold the site's own files
        return "/".join(segments)

    def thing(self, doc: str) -> str:
        """The IRI a document path describes (the inverse of :meth:`doc`)."""
        if doc == ONTOLOGY_DOC:
            return ONTOLOGY_IRI
        if doc.startswith("doc/"):
            return self.base + "id/" + doc[4:]
        return self.base + doc

    def is_thing_path(self, path: str) -> bool:
        """True when the request path ``path`` (no leading ``/``) names a thing that 303s."""
        return path.startswith("id/") or path in (ONTOLOGY_DOC, DATASET_DOC)


def href(from_doc: str, to_path: str) -> str:
    """A relative link from the page at ``from_doc`` (a site path) to the site path ``to_path``,
    percent-escaped so a browser asks for exactly that file.

    >>> href("doc/unit/A.html", "doc/ss/B.html")
    '../ss/B.html'
    >>> href("index.html", "doc/unit/A%20B.html")
    'doc/unit/A%2520B.html'
    """
    source = from_doc.split("/")[:-1]
    target = to_path.split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    parts = [".."] * (len(source) - common) + target[common:]
    if ":" in parts[0]:
        parts.insert(0, ".")  # "a:b.html" alone would read as a scheme
    return "/".join(quote(p, safe="!$&'()*+,;=:@-._~") for p in parts)
