"""The site's front page: every published resource, grouped by class, linked to its page."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from selaras.publish.model import Site
from selaras.publish.pages import Renderer, common, compact, environment


def index_page(site: Site) -> str:
    r = Renderer(site, "index.html")
    groups: dict[str, list[ox.NamedNode]] = defaultdict(list)
    for thing in site.documents.values():
        types = site.types(thing)
        groups[types[0].value if types else ""].append(thing)
    rendered = []
    for kind in sorted(groups):
        items = [r.value(t) for t in groups[kind]]
        items.sort(key=lambda v: (str(v["text"]), str(v.get("iri", ""))))
        heading = r.value(ox.NamedNode(kind)) if kind else {"text": "(untyped)", "lit": False}
        heading.pop("href", None)
        slug = "".join(c if c.isalnum() else "-" for c in compact(kind)) if kind else "untyped"
        rendered.append({"id": slug, "heading": heading, "members": items})
    rendered.sort(key=lambda g: str(g["heading"]["text"]))  # type: ignore[call-overload,index]
    return environment().get_template("index.html.j2").render(**common(site, r), groups=rendered)
