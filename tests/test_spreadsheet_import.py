"""The spreadsheet importer: what a valid book becomes, and every problem it reports, with the
exact ``sheet!cell`` message, for a workbook and for a CSV folder alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from openpyxl import Workbook
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS
from rdflib.term import Literal, URIRef

from books import Sheets, valid, write, write_csv, write_xlsx
from selaras import resources
from selaras.errors import InputError, SpreadsheetError
from selaras.namespace import SEL
from selaras.spreadsheet import import_spreadsheet
from selaras.spreadsheet.template import closed_lists, mint, segment

ID = "https://w3id.org/selaras/id/"
XSD = rdflib.namespace.Namespace("http://www.w3.org/2001/XMLSchema#")
FORMS = ["xlsx", "csv"]


def iri(path: str) -> URIRef:
    return URIRef(ID + path)


def problems_of(sheets: Sheets, tmp_path: Path, form: str) -> list[str]:
    with pytest.raises(SpreadsheetError) as caught:
        import_spreadsheet(write(sheets, tmp_path, form))
    return caught.value.problems


# ---------------------------------------------------------------------------------------------
# A valid book
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, rdflib.Graph]:
    tmp = tmp_path_factory.mktemp("valid")
    return {form: import_spreadsheet(write(valid(), tmp, form)) for form in FORMS}


def test_workbook_and_csv_folder_give_the_same_graph(graphs: dict[str, rdflib.Graph]) -> None:
    assert len(graphs["xlsx"]) > 0
    assert isomorphic(graphs["xlsx"], graphs["csv"])


@pytest.mark.parametrize("form", FORMS)
def test_units_maps_and_positions(graphs: dict[str, rdflib.Graph], form: str) -> None:
    g = graphs[form]
    kemenkeu, djpb, staff = iri("unit/KEMENKEU"), iri("unit/DJPB"), iri("unit/STAF-1")
    assert set(g.objects(kemenkeu, RDF.type)) == {SEL.Unit}
    assert set(g.objects(staff, RDF.type)) == {SEL.Position}
    assert g.value(djpb, RDFS.label) == Literal("Direktorat Jenderal Perbendaharaan", lang="id")
    assert g.value(djpb, SEL.level) == SEL.KemenkeuOne
    assert g.value(djpb, SEL.unitKind) == SEL.DirektoratJenderal
    assert g.value(djpb, SEL.partOf) == kemenkeu
    assert g.value(kemenkeu, SEL.partOf) is None
    assert set(g.subjects(SEL.mapOf, None)) == {iri("map/KEMENKEU"), iri("map/DJPB")}
    assert (iri("map/DJPB"), RDF.type, SEL.StrategyMap) in g
    assert g.value(djpb, SEL.code) == Literal("DJPB")


@pytest.mark.parametrize("form", FORMS)
def test_objectives_indicators_targets(graphs: dict[str, rdflib.Graph], form: str) -> None:
    g = graphs[form]
    ss1, ss2, iku = iri("ss/SS-1"), iri("ss/SS-2"), iri("iku/IKU-1")
    assert g.value(ss1, SEL.supportsGoal) == iri("direction/T-1")
    assert (iri("direction/T-1"), RDF.type, SEL.Goal) in g
    assert g.value(ss1, SEL.year) == Literal("2025", datatype=XSD.gYear)
    assert g.value(ss2, SEL.perspective) == SEL.CustomerPerspective
    assert g.value(ss2, SEL.cascadesFrom) == ss1
    assert g.value(ss2, SEL.cascading) == SEL.IndirectCascading
    assert g.value(ss1, SEL.cascading) is None
    assert (ss2, SEL.causes, ss1) in g
    assert g.value(ss2, SEL.statement) == Literal("Layanan yang andal", lang="id")
    assert g.value(iku, SEL.measures) == ss2
    assert g.value(iku, SEL.measureUnit) == Literal("indeks")
    assert g.value(iku, SEL.polarity) == SEL.Maximize
    assert g.value(iku, SEL.consolidation) == SEL.AverageConsolidation
    assert g.value(iku, SEL.validity) == SEL.ExactValidity
    assert g.value(iku, SEL.control) == SEL.ModerateControl
    assert g.value(iku, SEL.cascading) == SEL.NonCascading
    target = iri("target/IKU-1/2025")
    assert g.value(iku, SEL.hasTarget) == target
    assert g.value(target, SEL.period) == Literal("2025")
    assert str(g.value(target, SEL.targetValue)) == "4.38"
    assert g.value(target, SEL.targetValue).datatype == XSD.decimal  # type: ignore[union-attr]
    assert g.value(target, SEL.realisation) is None
    initiative = iri("is/IS-1")
    assert g.value(initiative, SEL.drives) == iku
    assert g.value(initiative, SEL.deadline) == Literal("2025-06-30", datatype=XSD.date)
    assert g.value(initiative, SEL.status) == Literal("berjalan")


@pytest.mark.parametrize("form", FORMS)
def test_one_contract_per_unit_and_year(graphs: dict[str, rdflib.Graph], form: str) -> None:
    g = graphs[form]
    contracts = set(g.subjects(RDF.type, SEL.PerformanceContract))
    assert contracts == {iri("contract/KEMENKEU/2025"), iri("contract/DJPB/2025")}
    djpb = iri("contract/DJPB/2025")
    assert g.value(djpb, SEL.holder) == iri("unit/DJPB")
    assert g.value(djpb, SEL.year) == Literal("2025", datatype=XSD.gYear)
    assert set(g.objects(djpb, SEL.includes)) == {iri("ss/SS-2"), iri("iku/IKU-1")}


def test_only_ontology_terms_are_used(graphs: dict[str, rdflib.Graph]) -> None:
    ontology = rdflib.Graph()
    for path in resources.ontology_paths():
        ontology.parse(path)
    defined = set(ontology.subjects())
    graph = graphs["csv"]
    used = set(graph.predicates()) | {o for o in graph.objects() if isinstance(o, URIRef)}
    data = {u for u in used if str(u).startswith(ID)}
    assert used - data - {RDF.type, RDFS.label} <= defined


# ---------------------------------------------------------------------------------------------
# Every problem, with its exact message, in both forms
# ---------------------------------------------------------------------------------------------


def _set(sheet: str, row: int, column: str, value: str) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        header = sheets[sheet][0]
        sheets[sheet][row - 1][header.index(column)] = value

    return change


def _append(sheet: str, row: list[str]) -> Callable[[Sheets], None]:
    return lambda sheets: sheets[sheet].append(row)


def _add_column(sheet: str, name: str, value: str) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets[sheet][0].append(name)
        for row in sheets[sheet][1:]:
            row.append(value)

    return change


def _drop_column(sheet: str, name: str) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        index = sheets[sheet][0].index(name)
        for row in sheets[sheet]:
            del row[index]

    return change


def _add_sheet(name: str) -> Callable[[Sheets], None]:
    return lambda sheets: sheets.update({name: [["a"], ["b"]]})


PERSPECTIVES = "Stakeholder, Customer, Internal Process, Learning and Growth"
CASES: dict[str, tuple[Callable[[Sheets], None], str]] = {
    "unknown sheet": (
        _add_sheet("risks"),
        "risks: unknown sheet; expected one of units, directions, objectives, causes, "
        "indicators, targets, initiatives",
    ),
    "unknown column": (
        _add_column("units", "colour", "red"),
        "units!G1: unknown column 'colour'; expected one of code, name, level, parent, kind, "
        "strategy_map",
    ),
    "missing column": (_drop_column("units", "level"), "units: missing column 'level'"),
    "duplicate column": (
        _add_column("targets", "Target", "1"),
        "targets!E1: column 'target' appears twice (first at targets!C1)",
    ),
    "values without a header": (
        _add_column("causes", "", "x"),
        "causes!C1: values in a column without a header",
    ),
    "missing required value": (
        _set("units", 3, "name", "  "),
        "units!B3: missing required value for 'name'",
    ),
    "perspective outside the list": (
        _set("objectives", 2, "perspective", "Keuangan"),
        f"objectives!D2: 'Keuangan' is not a perspective; expected one of {PERSPECTIVES}",
    ),
    "level outside the list": (
        _set("units", 4, "level", "Six"),
        "units!C4: 'Six' is not a level; expected one of Wide, One, Two, Three, Four, Five",
    ),
    "indicator cascading outside the list": (
        _set("indicators", 2, "cascading", "direct"),
        "indicators!L2: 'direct' is not an indicator cascading type; expected one of full, "
        "partial, none",
    ),
    "strategy map not yes or no": (
        _set("units", 2, "strategy_map", "maybe"),
        "units!F2: 'maybe' is not yes or no; expected one of yes, no",
    ),
    "direction kind outside the list": (
        _set("directions", 2, "kind", "sasaran"),
        "directions!C2: 'sasaran' is not a direction kind; expected one of vision, mission, goal",
    ),
    "not a year": (
        _set("objectives", 3, "year", "25"),
        "objectives!C3: '25' is not a year; expected four digits such as 2025",
    ),
    "not a number": (
        _set("targets", 2, "target", "92%"),
        "targets!C2: '92%' is not a number; write digits with a decimal comma or point, "
        "such as 92,5",
    ),
    "thousands separators are not a number": (
        _set("targets", 2, "realisation", "1.234,5"),
        "targets!D2: '1.234,5' is not a number; write digits with a decimal comma or point, "
        "such as 92,5",
    ),
    "not a period": (
        _set("targets", 2, "period", "2025-13"),
        "targets!B2: '2025-13' is not a period; expected a year (2025), a quarter (2025-Q1 to "
        "2025-Q4) or a month (2025-01 to 2025-12)",
    ),
    "not a date": (
        _set("initiatives", 2, "deadline", "31/02/2025"),
        "initiatives!E2: '31/02/2025' is not a date; expected YYYY-MM-DD or DD/MM/YYYY",
    ),
    "code referenced but not defined": (
        _set("objectives", 3, "cascades_from", "SS-9"),
        "objectives!G3: 'SS-9' is not defined in sheet objectives",
    ),
    "code of the wrong sheet": (
        _set("indicators", 2, "objective", "DJPB"),
        "indicators!B2: 'DJPB' is not defined in sheet objectives (units!A3 defines it as a unit)",
    ),
    "goal that is not a goal": (
        _append("directions", ["V-1", "KEMENKEU", "visi", "Visi"]),
        "",  # completed below: needs the reference too
    ),
    "duplicate code in one sheet": (
        _append("units", ["DJPB", "Lagi", "One", "KEMENKEU", "Direktorat Jenderal", "no"]),
        "units!A5: duplicate code 'DJPB' (first defined at units!A3)",
    ),
    "duplicate code across sheets": (
        _append("initiatives", ["SS-1", "IKU-1", "DJPB", "Nama", "", ""]),
        "initiatives!A3: duplicate code 'SS-1' (first defined at objectives!A2)",
    ),
    "duplicate code differing in case only": (
        _append("initiatives", ["ss-1", "IKU-1", "DJPB", "Nama", "", ""]),
        "initiatives!A3: duplicate code 'ss-1' (first defined at objectives!A2)",
    ),
    "duplicate target": (
        _append("targets", ["IKU-1", " 2025 ", "5", ""]),
        "targets!B3: duplicate target for indicator 'IKU-1' and period '2025' (first at "
        "targets!B2)",
    ),
}


def _goal_is_vision(sheets: Sheets) -> None:
    sheets["directions"].append(["V-1", "KEMENKEU", "visi", "Visi"])
    _set("objectives", 2, "goal", "V-1")(sheets)


CASES["goal that is not a goal"] = (_goal_is_vision, "objectives!F2: 'V-1' is a vision, not a goal")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_each_problem_has_its_exact_message(tmp_path: Path, form: str, case: str) -> None:
    change, message = CASES[case]
    sheets = valid()
    change(sheets)
    assert problems_of(sheets, tmp_path, form) == [message]


@pytest.mark.parametrize("form", FORMS)
def test_all_problems_are_listed_in_sheet_then_cell_order(tmp_path: Path, form: str) -> None:
    sheets = valid()
    for case in ("not a date", "perspective outside the list", "unknown sheet", "not a year"):
        CASES[case][0](sheets)
    _set("units", 3, "name", "")(sheets)
    assert problems_of(sheets, tmp_path, form) == [
        CASES["unknown sheet"][1],
        "units!B3: missing required value for 'name'",
        CASES["perspective outside the list"][1],
        CASES["not a year"][1],
        CASES["not a date"][1],
    ]


def test_the_error_message_has_a_summary_then_one_problem_per_line(tmp_path: Path) -> None:
    sheets = valid()
    CASES["not a year"][0](sheets)
    CASES["not a date"][0](sheets)
    path = write(sheets, tmp_path, "csv")
    with pytest.raises(SpreadsheetError) as caught:
        import_spreadsheet(path)
    assert isinstance(caught.value, InputError)
    assert str(caught.value).splitlines() == [
        f"{path}: 2 problems, nothing imported",
        CASES["not a year"][1],
        CASES["not a date"][1],
    ]


def test_a_csv_file_that_is_not_utf8(tmp_path: Path) -> None:
    folder = write_csv(valid(), tmp_path / "book")
    (folder / "directions.csv").write_bytes(
        "code,unit,kind,text\nT,KEMENKEU,goal,Caf\xe9\n".encode("latin-1")
    )
    with pytest.raises(SpreadsheetError) as caught:
        import_spreadsheet(folder)
    # the unreadable file alone: no follow-on error for every reference into it
    assert caught.value.problems == [
        "directions: directions.csv is not UTF-8 text (line 2: byte 0xE9); save it as CSV UTF-8",
    ]


def test_a_folder_without_csv_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"folder holds no \.csv files; expected units\.csv"):
        import_spreadsheet(tmp_path)


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_text("not a zip")
    with pytest.raises(InputError, match=r"not a readable \.xlsx workbook"):
        import_spreadsheet(path)


# ---------------------------------------------------------------------------------------------
# What planners type: case, spaces, Indonesian spellings, decimal commas, Excel cell types
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_case_and_surrounding_spaces_are_ignored(
    tmp_path: Path, form: str, graphs: dict[str, rdflib.Graph]
) -> None:
    sheets = valid()
    renamed = {"Units ": sheets.pop("units")}
    renamed.update(sheets)
    renamed["Units "][0] = [" Code", "NAME", "level ", "Parent", "kind", "Strategy_Map"]
    renamed["Units "][2] = [" DJPB ", " Direktorat Jenderal Perbendaharaan", " one ", "kemenkeu"]
    renamed["Units "][2] += ["DIREKTORAT  JENDERAL", " YES "]
    renamed["objectives"][2][3] = "  customer"
    renamed["indicators"][1][6:12] = ["MAXIMIZE", "Average ", " EXACT", "Moderate", "", "NONE"]
    graph = import_spreadsheet(write(renamed, tmp_path, form))
    assert isomorphic(graph, graphs[form])


#: (sheet, column, spelling, the term it must give)
INDONESIAN = [
    ("objectives", "perspective", "Pemangku Kepentingan", SEL.StakeholderPerspective),
    ("objectives", "perspective", "Pelanggan", SEL.CustomerPerspective),
    ("objectives", "perspective", "proses internal", SEL.InternalProcessPerspective),
    ("objectives", "perspective", "Pembelajaran dan Pertumbuhan", SEL.LearningGrowthPerspective),
    ("objectives", "cascading", "tidak langsung", SEL.IndirectCascading),
    ("indicators", "polarity", "maksimal", SEL.Maximize),
    ("indicators", "polarity", "Minimal", SEL.Minimize),
    ("indicators", "polarity", "stabil", SEL.Stabilize),
    ("indicators", "consolidation", "rata-rata", SEL.AverageConsolidation),
    ("indicators", "consolidation", "jumlah", SEL.SumConsolidation),
    ("indicators", "consolidation", "nilai terakhir", SEL.LastValueConsolidation),
    ("indicators", "control", "tinggi", SEL.HighControl),
    ("indicators", "control", "sedang", SEL.ModerateControl),
    ("indicators", "control", "rendah", SEL.LowControl),
    ("indicators", "cascading", "tidak diturunkan", SEL.NonCascading),
    ("indicators", "cascading", "sebagian", SEL.PartialCascading),
    ("units", "kind", "Kantor Wilayah", SEL.Kanwil),
    ("units", "kind", "Kantor Pelayanan Perbendaharaan Negara", SEL.KPPN),
    ("units", "level", "Kemenkeu-One", SEL.KemenkeuOne),
]
PROPERTY = {
    "perspective": SEL.perspective,
    "cascading": SEL.cascading,
    "polarity": SEL.polarity,
    "consolidation": SEL.consolidation,
    "control": SEL.control,
    "kind": SEL.unitKind,
    "level": SEL.level,
}
SUBJECT = {"objectives": "ss/SS-2", "indicators": "iku/IKU-1", "units": "unit/DJPB"}


@pytest.mark.parametrize(("sheet", "column", "spelling", "term"), INDONESIAN)
def test_indonesian_spellings(
    tmp_path: Path, sheet: str, column: str, spelling: str, term: URIRef
) -> None:
    sheets = valid()
    row = 3 if sheet != "indicators" else 2
    _set(sheet, row, column, spelling)(sheets)
    graph = import_spreadsheet(write(sheets, tmp_path, "csv"))
    assert graph.value(iri(SUBJECT[sheet]), PROPERTY[column]) == term


def test_strategy_map_and_direction_kind_in_indonesian(tmp_path: Path) -> None:
    sheets = valid()
    _set("units", 2, "strategy_map", "tidak")(sheets)
    _set("units", 3, "strategy_map", "Ya")(sheets)
    _set("directions", 2, "kind", "Tujuan")(sheets)
    graph = import_spreadsheet(write(sheets, tmp_path, "csv"))
    assert set(graph.subjects(SEL.mapOf, None)) == {iri("map/DJPB")}
    assert (iri("direction/T-1"), RDF.type, SEL.Goal) in graph


def test_every_closed_list_has_unambiguous_spellings() -> None:
    for values in closed_lists().values():
        keys = [key for key, _value, _written in values.spellings]
        assert len(keys) == len(set(keys))
        for value in values.values:
            assert values.lookup(value) == value
            assert values.lookup(f"  {value.upper()} ") == value


@pytest.mark.parametrize(
    ("written", "lexical"),
    [("92,00", "92.00"), ("4,38", "4.38"), ("92.5", "92.5"), ("+7", "7"), ("-0,50", "-0.50")],
)
def test_decimal_comma_or_point_keeps_the_written_precision(
    tmp_path: Path, written: str, lexical: str
) -> None:
    sheets = valid()
    _set("targets", 2, "target", written)(sheets)
    _set("targets", 2, "realisation", written)(sheets)
    graph = import_spreadsheet(write(sheets, tmp_path, "csv"))
    target = iri("target/IKU-1/2025")
    assert graph.value(target, SEL.targetValue) == Literal(lexical, datatype=XSD.decimal)
    assert str(graph.value(target, SEL.realisation)) == lexical


def test_typed_excel_cells(tmp_path: Path) -> None:
    """Numbers keep the decimals their format shows, % is times 100, dates become text."""
    sheets = valid()
    sheets["objectives"][1][2] = 2025
    sheets["targets"][1] = ["IKU-1", 2025, 92.0, 0.925]
    sheets["targets"].append(["IKU-1", dt.datetime(2025, 1, 1), 4.5, None])
    sheets["initiatives"][1][4] = dt.datetime(2025, 6, 30)
    path = write_xlsx(sheets, tmp_path / "book.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook["targets"]["C2"].number_format = "0.00"
    workbook["targets"]["D2"].number_format = "0.0%"
    workbook.save(path)
    graph = import_spreadsheet(path)
    year = iri("target/IKU-1/2025")
    assert str(graph.value(year, SEL.targetValue)) == "92.00"
    assert str(graph.value(year, SEL.realisation)) == "92.5"
    month = iri("target/IKU-1/2025-01")
    assert graph.value(month, SEL.period) == Literal("2025-01")
    assert str(graph.value(month, SEL.targetValue)) == "4.5"
    assert graph.value(iri("ss/SS-1"), SEL.year) == Literal("2025", datatype=XSD.gYear)
    assert graph.value(iri("is/IS-1"), SEL.deadline) == Literal("2025-06-30", datatype=XSD.date)


def test_periods_and_dates_in_the_other_spellings(tmp_path: Path) -> None:
    sheets = valid()
    sheets["targets"] += [["IKU-1", "2025-q2", "1", ""], ["IKU-1", "2025-12", "1", ""]]
    _set("initiatives", 2, "deadline", "30/06/2025")(sheets)
    graph = import_spreadsheet(write(sheets, tmp_path, "csv"))
    periods = {str(p) for p in graph.objects(None, SEL.period)}
    assert periods == {"2025", "2025-Q2", "2025-12"}
    assert graph.value(iri("is/IS-1"), SEL.deadline) == Literal("2025-06-30", datatype=XSD.date)


def test_empty_optional_fields_give_no_triples(tmp_path: Path) -> None:
    sheets = valid()
    _set("units", 2, "strategy_map", "")(sheets)
    _set("objectives", 2, "goal", "")(sheets)
    _set("initiatives", 2, "deadline", "")(sheets)
    _set("initiatives", 2, "status", "")(sheets)
    graph = import_spreadsheet(write(sheets, tmp_path, "xlsx"))
    assert graph.value(iri("map/KEMENKEU"), SEL.mapOf) is None
    assert graph.value(iri("ss/SS-1"), SEL.supportsGoal) is None
    assert graph.value(iri("is/IS-1"), SEL.deadline) is None
    assert graph.value(iri("is/IS-1"), SEL.status) is None
    assert graph.value(iri("target/IKU-1/2025"), SEL.realisation) is None


def test_optional_columns_may_be_left_out_and_sheets_too(tmp_path: Path) -> None:
    sheets = valid()
    for change in (
        _drop_column("units", "strategy_map"),
        _drop_column("units", "parent"),
        _drop_column("targets", "realisation"),
    ):
        change(sheets)
    for name in ("causes", "initiatives", "directions"):
        del sheets[name]
    _set("objectives", 2, "goal", "")(sheets)
    graph = import_spreadsheet(write(sheets, tmp_path, "csv"))
    assert graph.value(iri("unit/DJPB"), SEL.partOf) is None
    assert not set(graph.subjects(RDF.type, SEL.StrategyMap))
    assert (iri("iku/IKU-1"), RDF.type, SEL.KeyPerformanceIndicator) in graph


def test_references_ignore_case_and_take_the_defined_spelling(tmp_path: Path) -> None:
    sheets = valid()
    _set("units", 3, "parent", " kemenkeu ")(sheets)
    graph = import_spreadsheet(write(sheets, tmp_path, "csv"))
    assert graph.value(iri("unit/DJPB"), SEL.partOf) == iri("unit/KEMENKEU")


def test_semicolon_csv_with_a_bom(tmp_path: Path, graphs: dict[str, rdflib.Graph]) -> None:
    folder = write_csv(valid(), tmp_path / "book")
    for path in folder.glob("*.csv"):
        text = path.read_text(encoding="utf-8").replace(",", ";")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert isomorphic(import_spreadsheet(folder), graphs["csv"])


def test_instructions_and_list_sheets_are_skipped(tmp_path: Path) -> None:
    sheets = {"petunjuk": [["anything"]], "daftar": [["x"]], **valid()}
    graph = import_spreadsheet(write(sheets, tmp_path, "xlsx"))
    assert (iri("unit/DJPB"), RDF.type, SEL.Unit) in graph


def test_empty_workbook_gives_an_empty_graph(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.save(tmp_path / "empty.xlsx")
    with pytest.raises(SpreadsheetError, match="Sheet: unknown sheet"):
        import_spreadsheet(tmp_path / "empty.xlsx")
    assert len(import_spreadsheet(write_xlsx({"units": []}, tmp_path / "u.xlsx"))) == 0
    with pytest.raises(SpreadsheetError) as caught:
        import_spreadsheet(write_xlsx({"units": [["code"]]}, tmp_path / "u.xlsx"))
    assert caught.value.problems == [
        "units: missing column 'name'",
        "units: missing column 'level'",
        "units: missing column 'kind'",
    ]


# ---------------------------------------------------------------------------------------------
# IRIs
# ---------------------------------------------------------------------------------------------


def test_iris_are_minted_from_the_code_percent_encoded() -> None:
    assert segment("IKU 1a-CP") == "IKU%201a-CP"
    assert segment("KPPN/TJS") == "KPPN%2FTJS"
    assert segment("Seksi Ü~._-") == "Seksi%20%C3%9C~._-"
    assert mint(ID, "target", "IKU 1a", "2025-Q1") == iri("target/IKU%201a/2025-Q1")


def test_iris_are_stable_and_follow_base(tmp_path: Path) -> None:
    sheets = valid()
    _set("indicators", 2, "code", "IKU 1a/CP")(sheets)
    _set("targets", 2, "indicator", "IKU 1a/CP")(sheets)
    _set("initiatives", 2, "indicator", "IKU 1a/CP")(sheets)
    path = write(sheets, tmp_path, "csv")
    first, second = import_spreadsheet(path), import_spreadsheet(path)
    assert set(first) == set(second)
    assert (iri("iku/IKU%201a%2FCP"), SEL.code, Literal("IKU 1a/CP")) in first
    other = import_spreadsheet(path, base="http://example.org/kaltara")
    assert (URIRef("http://example.org/kaltara/unit/DJPB"), RDF.type, SEL.Unit) in other
    assert not any(str(s).startswith(ID) for s in other.subjects())


def test_a_base_that_is_not_an_iri(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is not an absolute IRI"):
        import_spreadsheet(write(valid(), tmp_path, "csv"), base="not an iri")


def test_a_sheet_twice_in_a_csv_folder(tmp_path: Path) -> None:
    folder = write_csv(valid(), tmp_path / "book")
    (folder / "Units.csv").write_text("code,name,level,kind\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError) as caught:
        import_spreadsheet(folder)
    assert caught.value.problems == ["Units: sheet 'units' appears twice"]
