"""Property: for any book the importer accepts, import -> export -> import gives the same graph,
whatever the codes, texts, spellings and decimals (random books, both forms)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from books import Sheets, write
from selaras.spreadsheet import export_csv, export_workbook, import_spreadsheet
from selaras.spreadsheet.template import closed_list, sheet

_CODE_CHARS = st.characters(
    whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" -/_.%é", max_codepoint=0x24F
)
codes = st.text(_CODE_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)
texts = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), max_codepoint=0x2FFF),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


def spelling(list_name: str) -> st.SearchStrategy[str]:
    """Any accepted spelling of the list, in any case."""
    written = [w for _k, _v, w in closed_list(list_name).spellings]
    return st.sampled_from(written).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.lower(), f" {w} "])
    )


decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=4, allow_nan=False).flatmap(
    lambda d: st.sampled_from([format(d, "f"), format(d, "f").replace(".", ",")])
)


@st.composite
def books(draw: st.DrawFn) -> Sheets:
    all_codes = draw(
        st.lists(codes, min_size=9, max_size=9, unique_by=lambda c: " ".join(c.split()).casefold())
    )
    units = all_codes[:3]
    ss = all_codes[3:6]
    iku = all_codes[6:9]
    sheets: Sheets = {name: [list(sheet(name).names)] for name in ("units", "objectives")}
    sheets["indicators"] = [list(sheet("indicators").names)]
    sheets["targets"] = [list(sheet("targets").names)]
    for index, code in enumerate(units):
        row = [code, draw(texts), draw(spelling("level")), units[index - 1] if index else ""]
        row += [draw(spelling("unit kind")), draw(st.sampled_from(["", "ya", "no", "YES"]))]
        sheets["units"].append(row)
    for index, code in enumerate(ss):
        source = ss[index - 1] if index else ""
        cascading = draw(spelling("objective cascading type")) if source else ""
        row = [code, draw(st.sampled_from(units)), "2025", draw(spelling("perspective"))]
        row += [draw(texts), "", source, cascading]
        sheets["objectives"].append(row)
    for code in iku:
        row = [code, draw(st.sampled_from(ss)), draw(st.sampled_from(units)), "2025"]
        row += [draw(texts), draw(texts), draw(spelling("polarity"))]
        row += [draw(spelling("consolidation")), draw(spelling("validity"))]
        row += [draw(spelling("control")), "", draw(spelling("indicator cascading type"))]
        sheets["indicators"].append(row)
        periods = draw(st.sets(st.sampled_from(["2025", "2025-Q2", "2025-q4", "2025-07"])))
        for period in sorted(periods):
            realisation = draw(st.one_of(st.just(""), decimals))
            sheets["targets"].append([code, period, draw(decimals), realisation])
    return sheets


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=books(), form=st.sampled_from(["xlsx", "csv"]))
def test_import_export_import_is_isomorphic(book: Sheets, form: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = import_spreadsheet(write(book, Path(tmp), form))
        out = Path(tmp) / ("again.xlsx" if form == "xlsx" else "again")
        result = (export_workbook if form == "xlsx" else export_csv)(first, out)
        assert result.problems == () and result.dropped == {}
        assert isomorphic(import_spreadsheet(out), first)
