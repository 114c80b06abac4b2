"""`selaras score` on Kaltara: the CLI, every format, the xlsx colours (openpyxl), the HTML
scorecard in headless Chromium, and the demo's NKO table."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

from click.testing import CliRunner

from selaras.cli import main
from selaras.score import Scorecard, score_paths
from tools import chromium

KALTARA = Path(__file__).resolve().parents[1] / "examples" / "kaltara"
MAP_HOLDERS = {
    "KEMENKEU",
    "DJPB",
    "KANWIL-KALTARA",
    "KANWIL-KALTARA-PAPK",
    "KPPN-NNK",
    "KPPN-TRK",
}


@cache
def q4() -> Scorecard:
    return score_paths([KALTARA], period="2025-Q4")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_kaltara_has_realisations_for_every_quarter_and_an_nko_per_map_holder() -> None:
    card = q4()
    ikus = [r for r in card.rows() if r.kind == "IKU"]
    assert ikus and all(r.capaian is not None and r.reason is None for r in ikus)
    nko = {u.unit: u.nko.values(2)["capaian"] for u in card.units}
    assert set(nko) >= MAP_HOLDERS
    assert nko["KEMENKEU"] == "101.97"
    assert nko["KPPN-TRK"] == "93.69"
    # Every unit's NKO is its last row.
    assert all(u.rows[-1].kind == "NKO" for u in card.units)
    # The last reported quarter is the default period.
    assert score_paths([KALTARA]).period == "2025-Q4"


def test_cli_formats_agree(tmp_path: Path) -> None:
    code, table, _ = run("score", str(KALTARA), "--period", "2025-Q4", "--unit", "KPPN-TRK")
    assert code == 0
    last = [line for line in table.splitlines() if line.startswith("KPPN-TRK ")][-1].split()
    assert last[:3] == ["KPPN-TRK", "NKO", "KPPN-TRK"] and "93.69" in last
    code, text, _ = run("score", str(KALTARA), "--period", "2025-Q4", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {
        "code",
        "kind",
        "unit",
        "period",
        "target",
        "realisation",
        "capaian",
        "colour",
        "reason",
    } <= set(rows[0])
    code, text, _ = run("score", str(KALTARA), "--period", "2025-Q4", "--format", "json")
    assert json.loads(text) == rows_as_json(rows)
    code, _, err = run("score", str(KALTARA), "--period", "2025-13")
    assert code == 2 and err.startswith("selaras: error: period '2025-13'")
    code, _, err = run("score", str(KALTARA), "--format", "xlsx")
    assert code == 2 and "-o FILE.xlsx" in err


def rows_as_json(rows: list[dict[str, str]]) -> list[dict[str, str | None]]:
    return [{k: (v if v != "" else None) for k, v in row.items()} for row in rows]


def test_xlsx_has_a_sheet_per_unit_typed_cells_and_band_fills(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "scores.xlsx"
    code, _, _ = run(
        "score", str(KALTARA), "--period", "2025-Q4", "--format", "xlsx", "-o", str(out)
    )
    assert code == 0
    book = load_workbook(out)
    assert set(book.sheetnames) >= MAP_HOLDERS and "about" in book.sheetnames
    sheet = book["KPPN-TRK"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) for name in header}
    body = list(sheet.iter_rows(min_row=2))
    fills = {}
    for row in body:
        capaian = row[col["capaian"]]
        if capaian.value is not None:
            assert isinstance(capaian.value, int | float)
            assert capaian.number_format == "0.00"
        colour = row[col["colour"]].value
        if colour:
            fills[colour] = row[col["colour"]].fill.fgColor.rgb
    assert fills["green"].endswith("1E8E3E") and fills["yellow"].endswith("F9C80E")
    nko = body[-1]
    assert nko[col["kind"]].value == "NKO" and nko[col["capaian"]].value == 93.69
    # A target written "100.00" is the number 100 shown with two decimals.
    target = next(r[col["target"]] for r in body if r[col["code"]].value == "IKU-KPPN-TRK-2b")
    assert (target.value, target.number_format) == (100, "0.00")
    rules = [r for rng in sheet.conditional_formatting for r in rng.rules]
    assert [(r.operator, r.formula) for r in rules] == [
        ("greaterThanOrEqual", ["100.0"]),
        ("greaterThanOrEqual", ["80.0"]),
        ("lessThan", ["80.0"]),
    ]


def test_html_scorecard_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "scores.html"
    code, _, _ = run(
        "score", str(KALTARA), "--period", "2025-Q4", "--format", "html", "-o", str(page)
    )
    assert code == 0
    dom = chromium("--dump-dom", page.as_uri()).stdout
    assert "KPPN-TRK" in dom and "93.69" in dom and "Cukup / Fair" in dom
    # perspectives in order within a unit, each value traceable to its period target
    section = dom.split("<h2>KPPN-TRK")[1].split("</section>")[0]
    order = [
        section.index(p)
        for p in ("Stakeholder", "Customer", "Internal Process", "Learning and Growth")
    ]
    assert order == sorted(order)
    assert 'title="https://w3id.org/selaras/id/target/IKU-KPPN-TRK-1a/2025-Q4"' in section
    shot = tmp_path / "scores.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri())
    assert shot.stat().st_size > 20_000


def test_html_scorecard_shows_each_map_coloured_by_its_ss_values(tmp_path: Path) -> None:
    # Every map-holding unit's section holds its strategy map, each SS box filled by the colour
    # band the scorecard gives that SS (boxes of one band share a fill, bands differ).
    import re

    page = tmp_path / "scores.html"
    code, _, _ = run(
        "score", str(KALTARA), "--period", "2025-Q2", "--format", "html", "-o", str(page)
    )
    assert code == 0
    _, out, _ = run("score", str(KALTARA), "--period", "2025-Q2", "--format", "json")
    colour = {(r["unit"], r["code"]): r["colour"] for r in json.loads(out) if r["kind"] == "SS"}
    html = page.read_text(encoding="utf-8")
    import rdflib

    graph = rdflib.Graph()
    for file in sorted(KALTARA.glob("*.ttl")):
        graph.parse(file, format="turtle")
    sel = rdflib.Namespace("https://w3id.org/selaras/ontology#")
    holders = {str(graph.value(u, sel.code)) for u in graph.objects(None, sel.mapOf)}
    assert len(holders) >= 3
    seen = set()
    for section in html.split('<section class="unit">')[1:]:
        unit = re.search(r"<h2>([^<\s]+)", section).group(1)  # type: ignore[union-attr]
        pictures = re.findall(r'<svg [^>]*class="strategy-map".*?</svg>', section, re.S)
        if unit not in holders:
            assert pictures == [], unit
            continue
        seen.add(unit)
        boxes = dict(
            re.findall(
                r'<g class="ss [^"]*" data-code="([^"]+)">\s*<rect [^>]*fill="([^"]+)"', pictures[0]
            )
        )
        mine = {c: colour[(unit, c)] for c in boxes}
        assert set(boxes) == {c for u, c in colour if u == unit}
        for a in boxes:
            for b in boxes:
                if mine[a] and mine[b]:
                    assert (boxes[a] == boxes[b]) == (mine[a] == mine[b]), (unit, a, b)
    assert seen == holders


def test_demo_prints_the_kaltara_nko(tmp_path: Path) -> None:
    code, out, _ = run("demo", "-o", str(tmp_path), "-q")
    assert code == 0
    assert "NKO of the Kaltara units, 2025-Q4" in out
    assert "KPPN-TRK" in out and "93.69" in out
    assert (tmp_path / "kaltara-scores.html").is_file()
