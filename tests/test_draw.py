"""Pictures: strategy maps and cascade trees drawn by Graphviz dot, checked as SVG structure.

The expected SS, links and cascade are read independently (rdflib over the files, the analyses
of selaras.analyses), then compared with what the SVG holds: one box per SS of the unit, one
arrow per cause-effect link, the bands in the perspective order top to bottom, boxes inside
their band, no two boxes overlapping, every text line inside its box.
"""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from selaras.analyses import run_analysis
from selaras.cli import main
from selaras.draw import cascade_svg, strategy_map_svg
from selaras.draw.svg import text_width
from selaras.generate import generate_cascade
from selaras.read import Dataset, read_dataset

SEL = rdflib.Namespace("https://w3id.org/selaras/ontology#")
NS = {"s": "http://www.w3.org/2000/svg"}
ROOT = Path(__file__).resolve().parents[1]
KALTARA = ROOT / "examples" / "kaltara"
DEFECTS = ROOT / "examples" / "defects"
RANKS = {
    SEL.StakeholderPerspective: 1,
    SEL.CustomerPerspective: 2,
    SEL.InternalProcessPerspective: 3,
    SEL.LearningGrowthPerspective: 4,
}


def _graph(path: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    for file in sorted(path.glob("*.ttl")):
        graph.parse(file, format="turtle")
    return graph


def expected_map(graph: rdflib.Graph, unit_code: str) -> tuple[dict[str, tuple[int, bool]], list]:
    """SS code -> (perspective rank, cascaded?) and the cause-effect links of the unit."""
    unit = next(graph.subjects(SEL.code, rdflib.Literal(unit_code)))
    ss = {}
    for s in graph.subjects(SEL.belongsTo, unit):
        if (s, rdflib.RDF.type, SEL.StrategicObjective) in graph:
            rank = RANKS.get(graph.value(s, SEL.perspective), 5)
            ss[str(graph.value(s, SEL.code))] = (rank, graph.value(s, SEL.cascadesFrom) is not None)
    links = []
    for a, b in graph.subject_objects(SEL.causes):
        ca, cb = str(graph.value(a, SEL.code)), str(graph.value(b, SEL.code))
        if ca in ss and cb in ss:
            links.append((ca, cb))
    return ss, links


def map_units(graph: rdflib.Graph) -> list[str]:
    return sorted(str(graph.value(u, SEL.code)) for u in graph.objects(None, SEL.mapOf))


def _rect(element: ET.Element) -> tuple[float, float, float, float]:
    rect = element.find("s:rect", NS)
    assert rect is not None
    x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
    return x, y, x + float(rect.get("width", 0)), y + float(rect.get("height", 0))


def check_map(svg: str, ss: dict[str, tuple[int, bool]], links: list) -> ET.Element:
    """Assert the structure of a strategy map against the expected SS and links."""
    root = ET.fromstring(svg)
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    bands = root.findall("s:g[@class='band']", NS)
    ranks = [int(b.get("data-rank", 0)) for b in bands]
    assert ranks[:4] == [1, 2, 3, 4], ranks
    assert [b.get("data-perspective") for b in bands[:4]] == [
        "Stakeholder",
        "Customer",
        "Internal Process",
        "Learning and Growth",
    ]
    band_boxes = [_rect(b) for b in bands]
    for upper, lower in itertools.pairwise(band_boxes):  # top to bottom by y, touching
        assert upper[1] < lower[1] and upper[3] == pytest.approx(lower[1], abs=0.02)
    boxes = {}
    for group in root.findall("s:g", NS):
        classes = (group.get("class") or "").split()
        if "ss" not in classes:
            continue
        code = group.get("data-code", "")
        assert code not in boxes, f"two boxes for {code}"
        box = _rect(group)
        boxes[code] = box
        rank, cascaded = ss[code]
        assert ("cascaded" in classes) == cascaded, code
        band = band_boxes[ranks.index(rank)] if rank in ranks else band_boxes[-1]
        assert band[0] <= box[0] and box[2] <= band[2], f"{code} outside its band horizontally"
        assert band[1] <= box[1] and box[3] <= band[3], f"{code} outside its band vertically"
        assert box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
        for text in group.findall("s:text", NS):
            size = float(text.get("font-size", 12))
            bold = text.get("font-weight") == "bold"
            x, y = float(text.get("x", 0)), float(text.get("y", 0))
            assert x + text_width(text.text or "", size, bold=bold) <= box[2] + 0.01, text.text
            assert box[1] < y - size * 0.8 and y + size * 0.3 <= box[3], text.text
    assert sorted(boxes) == sorted(ss)
    for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2):
        apart = ba[2] <= bb[0] or bb[2] <= ba[0] or ba[3] <= bb[1] or bb[3] <= ba[1]
        assert apart, f"{a} and {b} overlap"
    drawn = Counter(
        (g.get("data-cause"), g.get("data-effect"))
        for g in root.findall("s:g", NS)
        if "link" in (g.get("class") or "").split()
    )
    assert drawn == Counter(links)
    for group in root.findall("s:g", NS):
        if "link" in (group.get("class") or "").split():
            path = group.find("s:path", NS)
            assert path is not None and path.get("d", "").startswith("M")
            assert group.find("s:polygon", NS) is not None  # the arrowhead
    return root


@pytest.fixture(scope="module")
def kaltara() -> Dataset:
    return read_dataset([KALTARA])


@pytest.fixture(scope="module")
def kaltara_graph() -> rdflib.Graph:
    return _graph(KALTARA)


def test_every_kaltara_map_has_one_box_per_ss_one_arrow_per_link_and_bands_in_order(
    kaltara: Dataset, kaltara_graph: rdflib.Graph
) -> None:
    units = map_units(kaltara_graph)
    assert len(units) >= 5
    for lang in ("en", "id"):
        for unit in units:
            ss, links = expected_map(kaltara_graph, unit)
            assert ss, unit
            check_map(strategy_map_svg(kaltara, unit, lang=lang), ss, links)


def test_maps_of_a_generated_cascade(tmp_path: Path) -> None:
    """Data nobody wrote by hand: every map of a generated ministry slice."""
    cascade = generate_cascade(staff=150, seed=7, eselon_one=["DJP", "DJPB"])
    path = tmp_path / "generated.ttl"
    cascade.write(path, fmt="ttl")
    graph = rdflib.Graph().parse(path, format="turtle")
    dataset = read_dataset([path])
    units = map_units(graph)
    assert len(units) >= 5
    for unit in units:
        ss, links = expected_map(graph, unit)
        check_map(strategy_map_svg(dataset, unit), ss, links)


def test_title_names_unit_level_and_year(kaltara: Dataset) -> None:
    root = ET.fromstring(strategy_map_svg(kaltara, "KPPN-TRK", lang="en"))
    title = " ".join(t.text or "" for t in root.findall("s:text[@class='title']", NS))
    subtitle = " ".join(t.text or "" for t in root.findall("s:text[@class='subtitle']", NS))
    assert "KPPN Tarakan" in title and "KPPN-TRK" in title
    assert "Kemenkeu-Three" in subtitle and "2025" in subtitle


def test_same_input_same_bytes(kaltara: Dataset) -> None:
    again = read_dataset([KALTARA])
    for unit in ("KEMENKEU", "KANWIL-KALTARA"):
        assert strategy_map_svg(kaltara, unit) == strategy_map_svg(again, unit)
    assert cascade_svg(kaltara, "SS-KEMENKEU-1") == cascade_svg(again, "SS-KEMENKEU-1")
    # the same cascade from the planners' workbook draws the same bytes
    workbook = read_dataset([ROOT / "examples" / "kaltara.xlsx"])
    assert strategy_map_svg(workbook, "DJPB") == strategy_map_svg(kaltara, "DJPB")


def test_svg_is_self_contained(kaltara: Dataset) -> None:
    for svg in (strategy_map_svg(kaltara, "DJPB"), cascade_svg(kaltara, "SS-DJPB-1")):
        assert "href" not in svg and "@import" not in svg and "url(" not in svg
        assert "<script" not in svg
        root = ET.fromstring(svg)
        assert root.get("font-family", "").endswith("sans-serif")


def test_outlined_and_coloured_boxes(kaltara: Dataset) -> None:
    svg = strategy_map_svg(
        kaltara,
        "KPPN-TRK",
        outlined=["SS-KPPN-TRK-2"],
        colours={"SS-KPPN-TRK-1": "#2e8b57"},
        colour_legend=[("#2e8b57", "green: 100 and above")],
    )
    root = ET.fromstring(svg)
    groups = {g.get("data-code"): g for g in root.findall("s:g", NS) if g.get("data-code")}
    assert "outlined" in (groups["SS-KPPN-TRK-2"].get("class") or "")
    rect = groups["SS-KPPN-TRK-1"].find("s:rect", NS)
    assert rect is not None and rect.get("fill") == "#2e8b57"
    assert "green: 100 and above" in svg


@pytest.mark.parametrize("period", ["2025-Q2", "2025-Q4"])
def test_period_fills_each_ss_with_the_colour_of_its_score(tmp_path: Path, period: str) -> None:
    # The SS colours the scorecard states (selaras score, JSON) are the boxes' fills, in the
    # legend's order of the profile's bands; an SS without a score keeps its own fill.
    scored = CliRunner().invoke(
        main, ["score", str(KALTARA), "--unit", "KPPN-TRK", "--period", period, "--format", "json"]
    )
    assert scored.exit_code == 0, scored.output
    rows = json.loads(scored.stdout)
    wanted = {r["code"]: r.get("colour") for r in rows if r.get("kind") == "SS"}
    assert wanted and any(wanted.values())
    out = tmp_path / "map.svg"
    args = ["strategy-map", str(KALTARA), "--unit", "KPPN-TRK", "--period", period]
    drawn = CliRunner().invoke(main, ["draw", *args, "-q", "-o", str(out)])
    assert drawn.exit_code == 0, drawn.output
    root = ET.parse(out).getroot()
    legend = {text.text for text in root.iter("{http://www.w3.org/2000/svg}text")}
    for colour in ("green", "yellow", "red"):
        assert any(t and t.startswith(f"{colour} ({period}: ") for t in legend), legend
    groups = {g.get("data-code"): g for g in root.iter("{http://www.w3.org/2000/svg}g")}
    fills = {code: groups[code].find("s:rect", NS).get("fill") for code in wanted}  # type: ignore[union-attr]
    for code, colour in wanted.items():
        if colour is None:
            assert fills[code] in ("#ffffff", "#f4f6f9"), code
    coloured = {c for c, colour in wanted.items() if colour}
    # boxes of the same band share one fill, boxes of different bands differ
    for a, b in itertools.combinations(sorted(coloured), 2):
        assert (fills[a] == fills[b]) == (wanted[a] == wanted[b]), (a, b, fills, wanted)


#: A statement with a word wider than a box: broken inside the word, never cut off.
LONG = "Sasaran C dengan kata " + "Pengelolaanperbendaharaannegara" * 2
CYCLE_TTL = """
@prefix sel: <https://w3id.org/selaras/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix u: <https://example.org/unit/> .
@prefix ss: <https://example.org/ss/> .
u:X a sel:Unit ; sel:code "X" ; rdfs:label "Unit X"@id ; sel:level sel:KemenkeuOne .
<https://example.org/map/X> a sel:StrategyMap ; sel:mapOf u:X .
ss:A a sel:StrategicObjective ; sel:code "X-A" ; sel:belongsTo u:X ;
  sel:statement "Sasaran A yang optimal"@id ; sel:perspective sel:LearningGrowthPerspective ;
  sel:causes ss:B .
ss:B a sel:StrategicObjective ; sel:code "X-B" ; sel:belongsTo u:X ;
  sel:statement "Sasaran B yang optimal"@id ; sel:perspective sel:StakeholderPerspective ;
  sel:causes ss:A , ss:C .
ss:C a sel:StrategicObjective ; sel:code "X-C" ; sel:belongsTo u:X ;
  sel:statement "LONG"@id ;
  sel:perspective sel:StakeholderPerspective .
"""


def test_a_cause_effect_cycle_is_drawn_and_named(tmp_path: Path) -> None:
    path = tmp_path / "cycle.ttl"
    path.write_text(CYCLE_TTL.replace("LONG", LONG), encoding="utf-8")
    dataset = read_dataset([path])
    ss = {"X-A": (4, False), "X-B": (1, False), "X-C": (1, False)}
    links = [("X-A", "X-B"), ("X-B", "X-A"), ("X-B", "X-C")]
    root = check_map(strategy_map_svg(dataset, "X"), ss, links)
    cyclic = {
        (g.get("data-cause"), g.get("data-effect"))
        for g in root.findall("s:g", NS)
        if "cycle" in (g.get("class") or "").split()
    }
    assert cyclic == {("X-A", "X-B"), ("X-B", "X-A")}
    notes = [t.text for t in root.findall("s:text[@class='note']", NS)]
    assert notes == ["Cause-effect cycle: X-A \u2192 X-B \u2192 X-A"]
    result = CliRunner().invoke(main, ["draw", "strategy-map", str(path), "--unit", "X"])
    assert result.exit_code == 0
    assert "selaras: warning: cause-effect cycle: X-A -> X-B -> X-A" in result.stderr


def test_cascade_tree_holds_the_cascade_analysis_nodes(kaltara: Dataset) -> None:
    for start, depth in (("SS-KEMENKEU-1", 6), ("SS-DJPB-2", 6), ("SS-KEMENKEU-1", 2)):
        root = ET.fromstring(cascade_svg(kaltara, start, depth=depth))
        nodes = {
            g.get("data-code"): int(g.get("data-depth", -1))
            for g in root.findall("s:g", NS)
            if "node" in (g.get("class") or "").split()
        }
        rows = run_analysis("cascade", dataset=kaltara, params={"from": start}).records()
        expected = {r["code"]: r["depth"] for r in rows if int(str(r["depth"])) <= depth}
        assert nodes == expected
        kinds = Counter(
            g.get("data-kind")
            for g in root.findall("s:g", NS)
            if "edge" in (g.get("class") or "").split()
        )
        assert set(kinds) <= {"direct", "indirect", "full", "partial", "none", "measures"}
        assert sum(kinds.values()) >= len(nodes) - 1  # every node below the start is reached


def test_cascade_highlights_misaligned_and_orphan_nodes_with_reasons() -> None:
    dataset = read_dataset([DEFECTS])
    misaligned = run_analysis("misaligned", dataset=dataset).records()
    orphans = run_analysis("orphans", dataset=dataset).records()
    flagged_codes = {str(r["code"]) for r in misaligned} | {str(r["code"]) for r in orphans}
    seen_flagged = set()
    for start in ("SS-KEMENKEU-1", "SS-KEMENKEU-2", "SS-KEMENKEU-3", "SS-KEMENKEU-4"):
        root = ET.fromstring(cascade_svg(dataset, start, max_nodes=1000))
        for g in root.findall("s:g", NS):
            classes = (g.get("class") or "").split()
            if "node" not in classes:
                continue
            code = g.get("data-code")
            assert ("flagged" in classes) == (code in flagged_codes), code
            if "flagged" in classes:
                seen_flagged.add(code)
                words = " ".join(t.text or "" for t in g.findall("s:text", NS))
                assert "misaligned:" in words or "orphan:" in words
    assert any(str(r["code"]) in seen_flagged for r in misaligned)


def test_cli_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    cases = [
        (["strategy-map", str(KALTARA), "--unit", "KPPN-TRX"], "closest: KPPN-TRK"),
        (["strategy-map", str(KALTARA), "--unit", "KPPN-TRK-VERA"], "holds no strategy map"),
        (["cascade", str(KALTARA), "--from", "SS-DJPB-9"], "closest: SS-DJPB-"),
        (
            ["cascade", str(KALTARA), "--from", "SS-KEMENKEU-1", "--max-nodes", "8"],
            "--depth 2 (5 nodes)",
        ),
        (
            ["strategy-map", str(KALTARA), "--unit", "DJPB", "-o", str(tmp_path / "m.gif")],
            ".svg or .png",
        ),
        (
            ["strategy-map", str(KALTARA), "--unit", "DJPB", "--period", "2025-13"],
            "not a year (2025), a quarter",
        ),
    ]
    for args, words in cases:
        result = runner.invoke(main, ["draw", *args])
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("selaras: error: "), result.stderr
        assert words in lines[0]


def test_missing_dot_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot on this PATH
    result = CliRunner().invoke(
        main,
        ["draw", "cascade", str(KALTARA), "--from", "SS-DJPB-1", "-o", str(tmp_path / "t.svg")],
    )
    assert result.exit_code == 2
    assert "apt-get install graphviz" in result.stderr
    assert not (tmp_path / "t.svg").exists()


def test_png_and_svg_files(tmp_path: Path) -> None:
    runner = CliRunner()
    png = tmp_path / "map.png"
    result = runner.invoke(
        main, ["draw", "strategy-map", str(KALTARA), "--unit", "DJPB", "-o", str(png)]
    )
    assert result.exit_code == 0, result.output
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    svg = strategy_map_svg(read_dataset([KALTARA]), "DJPB")
    assert width == round(2 * float(ET.fromstring(svg).get("width", 0)))
    tree = tmp_path / "tree.svg"
    result = runner.invoke(
        main,
        ["draw", "cascade", str(KALTARA), "--from", "SS-DJPB-1", "--lang", "id", "-o", str(tree)],
    )
    assert result.exit_code == 0, result.output
    assert "Cascading di bawah SS-DJPB-1" in tree.read_text(encoding="utf-8")


def test_html_report_embeds_the_maps_of_units_with_results(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["validate", str(DEFECTS), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    html = out.read_text(encoding="utf-8")
    dataset = read_dataset([DEFECTS])
    graph = _graph(DEFECTS)
    holders = set(map_units(graph))
    from selaras.validate import validate

    report = validate(dataset)
    with_results = {u.unit_code for u in report.by_unit if u.unit_code} & holders
    assert with_results
    figures = html.split('<figure class="strategy-map"')[1:]
    assert len(figures) == len(with_results)
    for figure in figures:
        unit = figure.split('data-unit="', 1)[1].split('"', 1)[0]
        assert unit in with_results
        svg = figure[figure.index("<svg") : figure.index("</svg>") + 6]
        ss, links = expected_map(graph, unit)
        root = check_map(svg, ss, links)
        outlined = {
            g.get("data-code")
            for g in root.findall("s:g", NS)
            if "outlined" in (g.get("class") or "").split()
        }
        expected = {r.focus_code for r in report.results if r.unit_code == unit} & set(ss)
        assert outlined == expected


def test_the_pictures_in_the_docs_are_kaltara_as_drawn(kaltara_graph: rdflib.Graph) -> None:
    """docs/img holds what the README and docs/pictures.md show; regenerate them with the
    commands in docs/pictures.md."""
    svg = (ROOT / "docs" / "img" / "kaltara-strategy-map.svg").read_text(encoding="utf-8")
    ss, links = expected_map(kaltara_graph, "KANWIL-KALTARA")
    check_map(svg, ss, links)
    assert "docs/img/kaltara-strategy-map.svg" in (ROOT / "README.md").read_text(encoding="utf-8")
    tree = ET.fromstring((ROOT / "docs" / "img" / "kaltara-cascade.svg").read_text("utf-8"))
    codes = {g.get("data-code") for g in tree.findall("s:g", NS) if g.get("data-code")}
    rows = run_analysis(
        "cascade", dataset=read_dataset([KALTARA]), params={"from": "SS-KEMENKEU-2"}
    ).records()
    assert codes == {r["code"] for r in rows if int(str(r["depth"])) <= 6}


def test_two_ss_sharing_a_code_get_two_boxes(tmp_path: Path) -> None:
    """Broken data (CODE-UNIQUE) is still drawn as it is: one box per SS, not per code."""
    path = tmp_path / "twins.ttl"
    path.write_text(
        CYCLE_TTL.replace("LONG", "Sasaran C")
        + '<https://example.org/ss/A2> a sel:StrategicObjective ; sel:code "X-A" ;\n'
        '  sel:belongsTo u:X ; sel:statement "Sasaran kembar"@id ;\n'
        "  sel:perspective sel:CustomerPerspective ; sel:causes ss:B .\n",
        encoding="utf-8",
    )
    root = ET.fromstring(strategy_map_svg(read_dataset([path]), "X"))
    boxes = [
        _rect(g)
        for g in root.findall("s:g", NS)
        if "ss" in (g.get("class") or "").split() and g.get("data-code") == "X-A"
    ]
    assert len(boxes) == 2
    a, b = boxes
    assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    links = [
        (g.get("data-cause"), g.get("data-effect"))
        for g in root.findall("s:g", NS)
        if "link" in (g.get("class") or "").split()
    ]
    assert sorted(links) == [("X-A", "X-B"), ("X-A", "X-B"), ("X-B", "X-A"), ("X-B", "X-C")]


def big_map_ttl(count: int) -> str:
    """A map of ``count`` SS spread over the perspectives, each causing one or two SS of the
    band above (a dense map, larger than any real one), with statements of varied length."""
    lines = [
        "@prefix sel: <https://w3id.org/selaras/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        '<https://example.org/u/B> a sel:Unit ; sel:code "B" ; rdfs:label "Unit B"@id .',
        "<https://example.org/m/B> a sel:StrategyMap ; sel:mapOf <https://example.org/u/B> .",
    ]
    perspectives = ["Stakeholder", "Customer", "InternalProcess", "LearningGrowth"]
    bands: list[list[int]] = [[], [], [], []]
    for n in range(count):
        bands[n * 4 // count].append(n)
    for band, members in enumerate(bands):
        for n in members:
            words = " ".join(["pengelolaan", "anggaran", "yang", "berkualitas"] * (1 + n % 3))
            causes = ""
            if band > 0:
                above = bands[band - 1]
                targets = {above[n % len(above)], above[(n * 5 + 2) % len(above)]}
                causes = " ; sel:causes " + " , ".join(
                    f"<https://example.org/ss/{t}>" for t in sorted(targets)
                )
            lines.append(
                f'<https://example.org/ss/{n}> a sel:StrategicObjective ; sel:code "B-{n:02d}" ;'
                f' sel:belongsTo <https://example.org/u/B> ; sel:statement "{words}"@id ;'
                f" sel:perspective sel:{perspectives[band]}Perspective{causes} ."
            )
    return "\n".join(lines) + "\n"


def test_a_dense_map_keeps_boxes_apart_and_inside_their_bands(tmp_path: Path) -> None:
    path = tmp_path / "big.ttl"
    path.write_text(big_map_ttl(24), encoding="utf-8")
    graph = rdflib.Graph().parse(path, format="turtle")
    ss, links = expected_map(graph, "B")
    assert len(ss) == 24 and len(links) >= 30
    check_map(strategy_map_svg(read_dataset([path]), "B"), ss, links)


def test_every_draw_command_and_option_is_documented() -> None:
    from selaras.commands.draw import draw

    pages = {
        "strategy-map": ROOT / "docs" / "pictures.md",
        "cascade": ROOT / "docs" / "pictures.md",
        "browser-style": ROOT / "docs" / "neo4j.md",
    }
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(draw.commands) == set(pages)
    for name, command in draw.commands.items():
        text = pages[name].read_text(encoding="utf-8")
        assert f"selaras draw {name}" in text and f"selaras draw {name}" in readme
        assert command.help
        for parameter in command.params:
            documented = any(f"{opt} " in text or f"{opt}]" in text for opt in parameter.opts)
            assert documented or parameter.name in ("paths", "help"), (
                name,
                parameter.opts,
            )
