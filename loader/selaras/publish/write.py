"""Write the static site: every document, the dumps, the sitemap, into a fresh folder.

The site is built in a temporary folder beside the target and moved into place at the end, so
an interrupted run leaves the previous site as it was. A folder that exists, is not empty and
holds no ``.selaras-site`` marker is refused unless ``force``. Same input, same bytes: documents
are sorted, gzip headers carry no time or file name, and the dataset's date comes from the
caller (``SOURCE_DATE_EPOCH`` or the newest input file, see :func:`site_date`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from selaras._version import __version__
from selaras.context import context_text
from selaras.errors import SelarasError
from selaras.progress import SILENT, Progress
from selaras.publish import rdf
from selaras.publish.dataset import DUMPS, dataset_page, description
from selaras.publish.index_page import index_page
from selaras.publish.iris import DATASET_DOC, ONTOLOGY_DOC
from selaras.publish.model import Site
from selaras.publish.ontology_page import ontology_page, ontology_triples
from selaras.publish.pages import resource_page, stylesheet

MARKER = ".selaras-site"


class OutputFolderError(SelarasError):
    """The output folder holds something that is not a Selaras site (exit 2)."""


@dataclass(frozen=True)
class SiteSummary:
    folder: Path
    pages: int
    files: int
    bytes: int
    left_out: int

    def text(self) -> str:
        return f"{self.folder}: {self.pages} pages, {self.files} files, {self.bytes:,} bytes" + (
            f"; {self.left_out} staff resources left out" if self.left_out else ""
        )


def site_date(paths: Sequence[Path]) -> str:
    """The dataset's date: ``SOURCE_DATE_EPOCH`` when set, else the newest input file's day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        times = [
            f.stat().st_mtime
            for p in paths
            for f in ([p] if p.is_file() else sorted(p.rglob("*")))
            if f.is_file()
        ]
        epoch = str(int(max(times, default=0)))
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()


def check_output(folder: Path, *, force: bool) -> None:
    """Refuse a folder that exists, is not empty and is not a previous site (unless force)."""
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file() and not force:
        raise OutputFolderError(
            f"{folder}: the folder is not empty and is not a Selaras site; choose another "
            "folder, or let the site replace its contents"
        ).about("force")


def gz(data: bytes) -> bytes:
    """``data`` gzipped with no time and no file name in the header (same bytes every run)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def htaccess() -> str:
    """Apache rules that give the thing IRIs their 303 See Other (a static host cannot)."""
    lines = [
        "# Cool URIs on Apache: a thing's IRI answers 303 See Other to its document.",
        "Options -MultiViews",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples .nt",
        "AddCharset utf-8 .html .ttl .jsonld .nt",
        "RewriteEngine On",
    ]
    for pattern, target in (("^id/(.+)$", "doc/$1"), ("^(ontology|dataset)$", "$1")):
        for media, ext in (
            ("text/turtle", "ttl"),
            ("application/ld\\+json", "jsonld"),
            ("application/n-triples", "nt"),
        ):
            lines.append(f"RewriteCond %{{HTTP_ACCEPT}} {media}")
            lines.append(f"RewriteRule {pattern} {target}.{ext} [R=303,L]")
        lines.append(f"RewriteRule {pattern} {target}.html [R=303,L]")
    return "\n".join(lines) + "\n"


def sitemap(base: str, pages: Sequence[str]) -> str:
    urls = "".join(f"  <url><loc>{_xml(base + p)}</loc></url>\n" for p in sorted(pages))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n"
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_site(
    site: Site, folder: Path, *, force: bool = False, progress: Progress = SILENT
) -> SiteSummary:
    """Write every document of ``site`` into ``folder`` (replacing a previous site there)."""
    check_output(folder, force=force)
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    temp.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
    try:
        summary = _write(site, temp, progress)
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            folder.rename(old)
            temp.rename(folder)
            shutil.rmtree(old)
        else:
            temp.rename(folder)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return SiteSummary(folder, summary.pages, summary.files, summary.bytes, summary.left_out)


def _write(site: Site, root: Path, progress: Progress) -> SiteSummary:
    files = 0
    size = 0
    pages: list[str] = []

    def put(path: str, data: bytes | str) -> None:
        nonlocal files, size
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        files += 1
        size += len(payload)
        if path.endswith(".html"):
            pages.append(path)

    with progress.task("Writing resource pages", total=len(site.documents)) as task:
        for doc, thing in site.documents.items():
            put(f"{doc}.html", resource_page(site, doc))
            triples = site.description(thing)
            for fmt in rdf.SITE_FORMATS:
                put(f"{doc}.{fmt}", rdf.serialize(triples, fmt))
            task.advance()
    with progress.task("Writing the ontology, dumps and dataset description"):
        put(f"{ONTOLOGY_DOC}.html", ontology_page(site))
        for fmt in rdf.SITE_FORMATS:
            put(f"{ONTOLOGY_DOC}.{fmt}", rdf.serialize(ontology_triples(), fmt))
        everything = site.published.triples()
        dumps = {
            "selaras.ttl.gz": gz(rdf.serialize(everything, "ttl")),
            "selaras.nt.gz": gz(rdf.serialize(everything, "nt")),
            "selaras.jsonld": rdf.serialize(everything, "jsonld", whole_context=True),
        }
        assert set(dumps) == {name for name, _ in DUMPS}
        for name, data in dumps.items():
            put(f"dumps/{name}", data)
        void = description(site, dump_sizes={k: len(v) for k, v in dumps.items()})
        put(f"{DATASET_DOC}.html", dataset_page(site, void))
        for fmt in rdf.SITE_FORMATS:
            put(f"{DATASET_DOC}.{fmt}", rdf.serialize(void, fmt))
        put(".well-known/void", rdf.serialize(void, "ttl"))
        put("index.html", index_page(site))
        put("static/site.css", stylesheet())
        put("context.jsonld", context_text())
        put(".htaccess", htaccess())
        put("sitemap.xml", sitemap(site.paths.base, pages))
        put(
            MARKER,
            json.dumps({"generator": f"selaras {__version__}", "base": site.paths.base}) + "\n",
        )
    return SiteSummary(root, len(pages), files, size, site.published.left_out)
