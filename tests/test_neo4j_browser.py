"""Neo4j Browser, the analysts' web UI, is served by the local server at /browser/ and renders
in a real browser (headless Chromium), ready to connect to the Bolt port."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import neo4j
import pytest

from selaras.draw import browser_style
from selaras.neo4j import Neo4jSettings, load_triples
from selaras.read import read_dataset
from tools import Browser, chromium, unavailable

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.neo4j


def _http_address(driver: neo4j.Driver, database: str) -> str:
    settings = {
        record["name"]: record["value"]
        for record in driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name IN "
            "['server.http.enabled', 'server.http.listen_address'] RETURN name, value",
            database_=database,
        ).records
    }
    if settings.get("server.http.enabled") != "true":
        unavailable("the Neo4j server has no HTTP connector, so no Browser")
    host, _, port = str(settings["server.http.listen_address"]).rpartition(":")
    return f"http://{host or '127.0.0.1'}:{port}"


def test_browser_is_served_and_renders_its_connect_form(
    neo4j_session_driver: neo4j.Driver, neo4j_settings: Neo4jSettings
) -> None:
    base = _http_address(neo4j_session_driver, neo4j_settings.database)
    with urllib.request.urlopen(f"{base}/browser/", timeout=30) as response:
        assert response.status == 200
        assert "Neo4j Browser" in response.read().decode("utf-8")
    dom = chromium("--virtual-time-budget=15000", "--dump-dom", f"{base}/browser/").stdout
    assert "Connect to Neo4j" in dom


CASCADE_QUERY = (
    "MATCH path = (:SS {code: 'SS-KEMENKEU-1'})<-[:CASCADES_FROM|MEASURES*1..3]-() RETURN path"
)
#: Label -> the colour browser.grass gives it (checked in the rendered page).
STYLE_COLOURS = {"SS": "#2E8B57", "IKU": "#E0A526"}


def run_in_editor(browser: Browser, text: str) -> None:
    """Type ``text`` into Browser's editor as a person would, then press its Run button."""
    editor = "document.querySelector('[data-testid=\"activeEditor\"] textarea')"
    browser.wait_for(f"!!{editor}")
    browser.evaluate(f"{editor}.focus()")
    browser.send("Input.insertText", text=text)
    for _ in range(3):  # what the editor closed by itself after a typed bracket
        for kind in ("keyDown", "keyUp"):
            browser.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key="Delete",
                code="Delete",
                windowsVirtualKeyCode=46,
            )
    browser.evaluate("document.querySelector('[data-testid=\"editor-Run\"]').click()")


def test_browser_renders_a_cascade_with_the_selaras_style(
    neo4j_driver: neo4j.Driver, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    """Kaltara loaded; in Browser `:style` with the shipped sheet, then a cascade query: the
    nodes are drawn in the style's colours with captions by code. The screenshot is kept in
    out/browser-cascade.png for a person to look at."""
    load_triples(
        neo4j_driver,
        read_dataset([ROOT / "examples" / "kaltara"]).triples(),
        name="kaltara",
        database=neo4j_settings.database,
    )
    base = _http_address(neo4j_driver, neo4j_settings.database)
    host = neo4j_settings.uri.split("://", 1)[1]
    with Browser(1400, 1000) as browser:
        # the password is typed into the form, never put in the URL
        browser.open(f"{base}/browser/?connectURL=bolt://neo4j@{host}")
        browser.wait_for("!!document.querySelector('[data-testid=\"password\"]')")
        browser.evaluate(
            "(() => { const input = document.querySelector('[data-testid=\"password\"]');"
            " Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')"
            f".set.call(input, {json.dumps(neo4j_settings.password)});"
            " input.dispatchEvent(new Event('input', {bubbles: true}));"
            " document.querySelector('[data-testid=\"connect\"]').click(); })()"
        )
        browser.wait_for("!document.querySelector('[data-testid=\"password\"]')")
        run_in_editor(browser, ":style " + browser_style())
        ss_style = browser.wait_for(
            "(JSON.parse(localStorage.getItem('neo4j.grass') || 'null') || {})['node.SS']"
        )
        assert ss_style["color"] == STYLE_COLOURS["SS"]
        run_in_editor(browser, CASCADE_QUERY)
        nodes = browser.wait_for(
            "(() => { const nodes = [...document.querySelectorAll('svg g.node')];"
            " return nodes.length > 5 && nodes.map(n => [n.querySelector('circle.b-outline')"
            "?.getAttribute('fill'), n.textContent]); })()",
            timeout=90,
        )
        time.sleep(3)  # let the force layout settle before the picture
        out = ROOT / "out"
        out.mkdir(exist_ok=True)
        browser.screenshot(str(out / "browser-cascade.png"))
    for fill, text in nodes:  # each node in the colour of its label
        code = str(text).split()[0] if text else ""
        if code.startswith("SS-"):
            assert str(fill).upper() == STYLE_COLOURS["SS"], (code, fill)
        elif code.startswith("IKU-"):
            assert str(fill).upper() == STYLE_COLOURS["IKU"], (code, fill)
    fills = {str(fill).upper() for fill, _ in nodes}
    assert STYLE_COLOURS["SS"] in fills and STYLE_COLOURS["IKU"] in fills, fills
    captions = " ".join(str(text) for _, text in nodes)
    # captions by code and statement (SS) or name (IKU); Browser shortens long ones with "…"
    assert "SS-DJPB-1 Pelaksanaan" in captions and "IKU-DJPB-1a Indeks" in captions
