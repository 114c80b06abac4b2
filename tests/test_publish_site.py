"""`selaras publish` on the Kaltara example: a static site whose links all resolve, whose pages
show only what the published graph holds, the same bytes every run, staff left out."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from click.testing import CliRunner, Result
from rdflib.compare import isomorphic

from publish_helpers import parse_page
from selaras.cli import main
from selaras.read import read_dataset
from selaras.terms import rdflib_graph
from tools import Browser, chromium

ROOT = Path(__file__).resolve().parents[1]
KALTARA = ROOT / "examples" / "kaltara"
SEL = "https://w3id.org/selaras/ontology#"
EPOCH = "1767225600"  # 2026-01-01


def publish(*args: str) -> Result:
    return CliRunner().invoke(main, ["publish", *args], env={"SOURCE_DATE_EPOCH": EPOCH})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "kaltara"
    done = publish(str(KALTARA), "-o", str(folder), "-q")
    assert done.exit_code == 0, done.output
    return folder


def _graph(path: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    graph.parse(data=data, format="nt")
    return graph


def test_every_internal_link_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 200
    ids = {page: parse_page(page).ids for page in pages}
    broken = []
    for page in pages:
        for link in parse_page(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external: the IRI of a thing outside the site
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and parts.fragment not in (ids.get(target) or parse_page(target).ids)
            ):
                broken.append(f"{page.relative_to(site)} -> {link} (no such id)")
    assert not broken, broken[:10]


def test_unit_pages_show_their_strategy_map_as_a_picture(site: Path) -> None:
    # One picture per map-holding unit (and none elsewhere), one box per SS of the unit.
    graph = _graph(site / "dumps" / "selaras.nt.gz")
    sel = rdflib.Namespace(SEL)
    holders = set(graph.objects(None, sel.mapOf))
    units = set(graph.subjects(rdflib.RDF.type, sel.Unit))
    assert holders and units - holders
    prefix = "https://w3id.org/selaras/id/"
    for unit in sorted(units):
        page = (site / "doc" / str(unit).removeprefix(prefix)).with_suffix(".html")
        text = page.read_text(encoding="utf-8")
        pictures = re.findall(r'<svg [^>]*class="strategy-map".*?</svg>', text, re.S)
        if unit not in holders:
            assert pictures == [], page
            continue
        assert len(pictures) == 1, page
        boxes = set(re.findall(r'<g class="ss [^"]*" data-code="([^"]+)"', pictures[0]))
        objectives = [
            s
            for s in graph.subjects(sel.belongsTo, unit)
            if (s, rdflib.RDF.type, sel.StrategicObjective) in graph
        ]
        assert boxes == {str(graph.value(s, sel.code)) for s in objectives}, page
        # each box links to its own SS's page (the link check above finds those pages)
        linked = dict(
            re.findall(
                r'<g class="ss [^"]*" data-code="([^"]+)">\s*<a href="([^"]+)">', pictures[0]
            )
        )
        expected = {
            str(graph.value(s, sel.code)): os.path.relpath(
                site / "doc" / (str(s).removeprefix(prefix) + ".html"), page.parent
            )
            for s in objectives
        }
        assert {code: unquote(target) for code, target in linked.items()} == expected, page


def test_a_click_on_a_map_box_opens_that_ss_page_in_chromium(site: Path) -> None:
    # a real mouse click in the middle of a box on the unit's page lands on the SS's own page
    page = site / "doc" / "unit" / "DJPB.html"
    with Browser(1200, 1400) as browser:
        browser.open(page.as_uri())
        selector = 'svg.strategy-map g.ss[data-code="SS-DJPB-3"] rect'
        box = browser.wait_for(
            "document.readyState === 'complete' && (() => { const r = document"
            f".querySelector({json.dumps(selector)})"
            "?.getBoundingClientRect(); return r && [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            browser.send(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )
        landed = browser.wait_for(
            "location.href.endsWith('/doc/ss/SS-DJPB-3.html') && document.readyState === 'complete'"
            " && document.querySelector('h1').textContent"
        )
    assert "Pengelolaan kas negara yang optimal" in landed


def test_every_literal_shown_is_in_the_published_graph(site: Path) -> None:
    graph = _graph(site / "dumps" / "selaras.nt.gz") + _graph(site / "dataset.nt")
    literals = {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    shown = 0
    for page in sorted(site.rglob("*.html")):
        for text in parse_page(page).literals:
            assert text in literals, f"{page.relative_to(site)} shows {text!r}"
            shown += 1
    assert shown > 2000


def test_each_document_is_the_resource_description(site: Path) -> None:
    dataset = _graph_as_written([KALTARA])
    iri = rdflib.URIRef("https://w3id.org/selaras/id/ss/SS-KPPN-TRK-1")
    expected = rdflib.Graph()
    for p, o in dataset.predicate_objects(iri):
        expected.add((iri, p, o))
    page = site / "doc" / "ss" / "SS-KPPN-TRK-1"
    for ext, fmt in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        got = rdflib.Graph().parse(page.with_suffix(f".{ext}"), format=fmt)
        assert isomorphic(got, expected), ext
    html = page.with_suffix(".html").read_text(encoding="utf-8")
    embedded = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.S)
    assert embedded is not None
    got = rdflib.Graph().parse(data=embedded.group(1).replace("<\\/", "</"), format="json-ld")
    assert isomorphic(got, expected)
    assert '<link rel="alternate" type="text/turtle" href="SS-KPPN-TRK-1.ttl">' in html


def test_literals_keep_their_lexical_form(site: Path) -> None:
    page = site / "doc" / "target" / "IKU-KEMENKEU-1a" / "2025"
    assert "sel:targetValue 80.00 ." in page.with_suffix(".ttl").read_text(encoding="utf-8")
    nt = '"80.00"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert nt in page.with_suffix(".nt").read_text(encoding="utf-8")
    assert '"targetValue": "80.00"' in page.with_suffix(".jsonld").read_text(encoding="utf-8")
    assert '<span class="lit">80.00</span>' in page.with_suffix(".html").read_text(encoding="utf-8")


def test_staff_positions_are_left_out_unless_asked(site: Path, tmp_path: Path) -> None:
    dump = _graph(site / "dumps" / "selaras.nt.gz")
    position = rdflib.URIRef(SEL + "Position")
    assert not list(dump.subjects(rdflib.RDF.type, position))
    assert not (site / "doc" / "unit" / "KPPN-TRK-UMUM-P1.html").exists()
    staff_contract = rdflib.URIRef("https://w3id.org/selaras/id/contract/KPPN-TRK-UMUM-P1/2025")
    assert (staff_contract, None, None) not in dump and (None, None, staff_contract) not in dump
    assert "KPPN-TRK-UMUM-P1" not in (site / "dumps" / "selaras.jsonld").read_text(encoding="utf-8")
    done = publish(str(KALTARA), "-o", str(tmp_path / "all"), "--include-staff", "-q")
    assert done.exit_code == 0, done.output
    everything = _graph(tmp_path / "all" / "dumps" / "selaras.nt.gz")
    assert len(list(everything.subjects(rdflib.RDF.type, position))) == 8
    assert (tmp_path / "all" / "doc" / "unit" / "KPPN-TRK-UMUM-P1.html").is_file()
    dataset = _graph_as_written([KALTARA])
    assert all(t in everything for t in dataset)  # the whole dataset, nothing changed


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_input_same_bytes(site: Path, tmp_path: Path) -> None:
    done = publish(str(KALTARA), "-o", str(tmp_path / "again"), "-q")
    assert done.exit_code == 0, done.output
    assert _tree(tmp_path / "again") == _tree(site)


def test_dataset_description(site: Path) -> None:
    void = rdflib.Graph().parse(site / ".well-known" / "void", format="turtle")
    dataset = rdflib.URIRef("https://w3id.org/selaras/dataset")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dump = _graph(site / "dumps" / "selaras.nt.gz")
    assert int(void.value(dataset, VOID.triples)) == len(dump)
    assert (dataset, rdflib.RDF.type, DCAT.Dataset) in void
    assert len(list(void.objects(dataset, DCAT.distribution))) == 3
    for url in void.objects(dataset, VOID.dataDump):
        assert (site / str(url).removeprefix("https://w3id.org/selaras/")).is_file()
    titles = {o.language for o in void.objects(dataset, rdflib.DCTERMS.title)}
    assert titles == {"id", "en"}
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://w3id.org/selaras/doc/unit/KPPN-TRK.html</loc>" in sitemap


def test_ontology_terms_resolve_to_their_section(site: Path) -> None:
    ids = parse_page(site / "ontology.html").ids
    ontology = rdflib.Graph().parse(site / "ontology.ttl", format="turtle")
    terms = {
        str(s).split("#")[1]
        for s in ontology.subjects()
        if isinstance(s, rdflib.URIRef) and str(s).startswith(SEL)
    }
    assert terms and terms <= ids, sorted(terms - ids)[:5]


def test_refusals(site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    done = publish(str(KALTARA), "-o", str(other), "-q")
    assert done.exit_code == 2 and "not a Selaras site" in done.output
    assert (other / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert publish(str(KALTARA), "-o", str(other), "-q", "--force").exit_code == 0
    assert not (other / "notes.txt").exists()
    # a previous site is replaced without --force
    assert publish(str(KALTARA), "-o", str(other), "-q").exit_code == 0
    for base in (
        "ftp://example.org/",
        "https://example.org/no-slash",
        "not an iri/",
        "https://x/?q/",
    ):
        done = publish(str(KALTARA), "-o", str(tmp_path / "b"), "--base", base, "-q")
        assert done.exit_code == 2 and done.output.count("\n") == 1, (base, done.output)
    done = publish(str(KALTARA), "-o", str(tmp_path / "b"), "--base", "https://example.org/")
    assert done.exit_code == 2 and "no resource" in done.output
    done = publish(str(ROOT / "examples" / "defects"), "-o", str(tmp_path / "d"), "-q")
    assert done.exit_code == 1 and "publish refused" in done.output
    assert not (tmp_path / "d").exists()
    done = publish(
        str(ROOT / "examples" / "defects"), "-o", str(tmp_path / "d"), "-q", "--allow-invalid"
    )
    assert done.exit_code == 0, done.output


def test_another_base(tmp_path: Path) -> None:
    """A ministry's own IRIs: the spreadsheet importer minted them under its base."""
    data = tmp_path / "data.ttl"
    data.write_text(
        "@prefix sel: <https://w3id.org/selaras/ontology#> .\n"
        '<https://kinerja.example.go.id/id/unit/A> a sel:Unit ; sel:code "A" ;\n'
        '  <http://www.w3.org/2000/01/rdf-schema#label> "Unit A"@id .\n',
        encoding="utf-8",
    )
    done = CliRunner().invoke(
        main,
        [
            "publish",
            str(data),
            "-o",
            str(tmp_path / "s"),
            "--base",
            "https://kinerja.example.go.id/",
            "--allow-invalid",
            "-q",
        ],
    )
    assert done.exit_code == 0, done.output
    assert (tmp_path / "s" / "doc" / "unit" / "A.html").is_file()
    sitemap = (tmp_path / "s" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://kinerja.example.go.id/doc/unit/A.html" in sitemap


@pytest.mark.parametrize(
    "page", ["doc/unit/KPPN-TRK.html", "doc/ss/SS-KPPN-TRK-1.html", "ontology.html", "dataset.html"]
)
def test_screenshot(site: Path, tmp_path: Path, page: str) -> None:
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,1600", (site / page).as_uri())
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
    keep = os.environ.get("SELARAS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / page.replace("/", "_").replace(".html", ".png")).write_bytes(
            shot.read_bytes()
        )


def test_marker_names_the_generator(site: Path) -> None:
    marker = json.loads((site / ".selaras-site").read_text(encoding="utf-8"))
    assert marker["base"] == "https://w3id.org/selaras/"


def test_publishing_options_are_documented() -> None:
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + (
        ROOT / "docs" / "publishing.md"
    ).read_text(encoding="utf-8")
    for name in ("publish", "serve"):
        command = main.commands[name]
        assert command.help
        for param in command.params:
            for option in param.opts:
                if option.startswith("--"):
                    assert option in docs, f"selaras {name} {option} is not documented"
    assert "--endpoint" in docs and "--graph" in docs


def _graph_as_written(paths: list[Path]) -> rdflib.Graph:
    """The dataset's triples as parsed (lexical forms kept) as an rdflib graph."""
    return rdflib_graph(read_dataset(paths).triples())
