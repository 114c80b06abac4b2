"""Hostile and broken inputs (``tests/hostile/``): one line, exit 2, quickly; never a traceback.

Each test runs the real ``selaras`` script on one input of the corpus; ``tests/hostile/README.md``
says what each attacks.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hostile import make_corpus
from hostile_helpers import HOSTILE, one_error, problems, run
from selaras import limits

MiB = 2**20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def test_rdf_xml_entity_bomb_is_refused_in_well_under_a_second() -> None:
    started = time.perf_counter()
    line = one_error("validate", HOSTILE / "entity-bomb.rdf")
    assert time.perf_counter() - started < 10  # the process: mostly Python's start-up
    assert line.startswith(f"{HOSTILE / 'entity-bomb.rdf'}:6: the DTD entity 'e1' refers to")
    head = (HOSTILE / "entity-bomb.rdf").read_bytes()
    started = time.perf_counter()
    with pytest.raises(limits.InputError):
        limits.check_rdf_xml(HOSTILE / "entity-bomb.rdf", head)
    assert time.perf_counter() - started < 0.05  # the check itself


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("entity-external.rdf", ":5: the DTD declares the external entity 'secret'"),
        ("entity-parameter.rdf", ":4: the DTD declares the parameter entity 'remote'"),
    ],
)
def test_external_and_parameter_entities_are_refused(name: str, message: str) -> None:
    line = one_error("validate", HOSTILE / name)
    assert line.startswith(str(HOSTILE / name) + message)


def test_flat_entities_of_owl_files_still_read() -> None:
    result = run("export", "--format", "nt", HOSTILE / "entity-plain.rdf")
    assert result.returncode == 0, result.stderr
    assert "<https://w3id.org/selaras/id/unit/PLAIN>" in result.stdout
    assert "<https://w3id.org/selaras/ontology#Unit>" in result.stdout


def test_entity_expansion_at_and_past_the_limit(corpus: Path) -> None:
    at = make_corpus.entity_expansion(corpus, limits.XML_ENTITY_EXPANSION_BYTES, name="at.rdf")
    result = run("export", "--format", "nt", at)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > limits.XML_ENTITY_EXPANSION_BYTES
    past = make_corpus.entity_expansion(
        corpus, limits.XML_ENTITY_EXPANSION_BYTES + 1, name="past.rdf"
    )
    assert "the DTD entities expand to more than 32 MiB" in one_error("validate", past)


def test_entity_count_at_and_past_the_limit(corpus: Path) -> None:
    at = make_corpus.entity_expansion(corpus, 10, count=limits.XML_ENTITIES, name="n-at.rdf")
    assert run("export", "--format", "nt", at).returncode == 0
    past = make_corpus.entity_expansion(
        corpus, 10, count=limits.XML_ENTITIES + 1, name="n-past.rdf"
    )
    assert "declares 1,001 entities, more than Selaras reads (1,000)" in one_error("validate", past)


def test_literal_at_and_past_the_token_limit(corpus: Path) -> None:
    at = make_corpus.long_literal(corpus, limits.TOKEN_BYTES - 1024, name="at.nt")
    result = run("export", "--format", "nt", at)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > limits.TOKEN_BYTES - 1024
    past = make_corpus.long_literal(corpus, limits.TOKEN_BYTES + 1, name="past.nt")
    line = one_error("validate", past)  # load: tests/test_hostile_neo4j.py
    assert line.startswith(f"{past}:2: a literal or IRI (with what precedes it in its ")
    assert "longer than 16 MiB, the reader's limit" in line


def test_turtle_literal_past_the_token_limit(corpus: Path) -> None:
    path = corpus / "long.ttl"
    path.write_text(
        '<https://w3id.org/selaras/id/ss/A> <https://w3id.org/selaras/ontology#statement> """'
        + "y\n" * (limits.TOKEN_BYTES // 2 + 1)
        + '""" .\n',
        encoding="utf-8",
    )
    assert "longer than 16 MiB, the reader's limit" in one_error("validate", path)


def test_jsonld_nesting_at_and_past_the_limit(corpus: Path) -> None:
    at = make_corpus.deep_jsonld(corpus, limits.JSON_DEPTH, name="at.jsonld")
    result = run("export", "--format", "nt", at)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("cascadesFrom") == limits.JSON_DEPTH - 1
    for depth in (limits.JSON_DEPTH + 1, 100_000):
        past = make_corpus.deep_jsonld(corpus, depth, name=f"past-{depth}.jsonld")
        assert one_error("validate", past) == (
            f"{past}: the JSON is nested more than 500 levels deep, Selaras's limit; a cascade "
            "needs a handful: flatten it (one object per node, linked by @id)"
        )


def test_jsonld_without_the_selaras_context_nested_past_pyoxigraphs_limit(corpus: Path) -> None:
    path = corpus / "plain-deep.jsonld"
    depth = limits.PYOXIGRAPH_JSON_DEPTH + 10
    path.write_text('{"http://ex/p": ' * depth + '"x"' + "}" * depth, encoding="utf-8")
    assert "Max stack size" in one_error("validate", path)


def test_csv_cell_at_and_past_the_limit(corpus: Path) -> None:
    at = make_corpus.long_cell_csv(corpus, limits.CSV_CELL_CHARS, name="cell-at")
    result = run("import", at)
    assert result.returncode == 0, result.stderr
    assert "N" * limits.CSV_CELL_CHARS in result.stdout
    past = make_corpus.long_cell_csv(corpus, limits.CSV_CELL_CHARS + 1, name="cell-past")
    assert problems("validate", past) == [
        "units!B3: a cell is longer than 131,072 characters, the limit"
    ]


def test_csv_columns_at_and_past_the_limit(corpus: Path) -> None:
    at = make_corpus.wide_csv(corpus, limits.SHEET_COLUMNS, name="wide-at")
    assert run("import", at).returncode == 0
    past = make_corpus.wide_csv(corpus, limits.SHEET_COLUMNS + 1, name="wide-past")
    assert one_error("import", past) == (
        f"{past / 'units.csv'}: row 2 has 1,001 columns, more than 1,000; the template has at "
        "most 16"
    )


def test_latin1_csv_gets_one_message_not_every_follow_on(corpus: Path) -> None:
    path = make_corpus.latin1_csv(corpus)
    assert problems("validate", path) == [
        "units: units.csv is not UTF-8 text (line 2: byte 0xE9); save it as CSV UTF-8"
    ]


def test_unclosed_quote_blames_the_cell_that_opens_it(corpus: Path) -> None:
    path = make_corpus.unclosed_quote_csv(corpus)
    assert problems("import", path) == [
        "units!B3: the quote that opens this cell on line 3 is not closed where the cell ends; "
        'close it, or write a quote inside a cell as ""'
    ]


def test_unclosed_quote_at_the_end_of_the_file(corpus: Path) -> None:
    path = make_corpus.latin1_csv(corpus, name="eof-quote")  # replaced below
    (path / "units.csv").write_text(
        'code,name,level,parent,kind,strategy_map\nKEMENKEU,"Kementerian,Wide,,Kementerian,yes\n',
        encoding="utf-8",
    )
    assert problems("import", path) == [
        "units!B2: the quote that opens this cell on line 2 is not closed where the cell ends; "
        'close it, or write a quote inside a cell as ""'
    ]


def test_fuzz_finding_a_carriage_return_before_a_lone_quote(corpus: Path) -> None:
    path = make_corpus.carriage_return_quote_csv(corpus)
    assert problems("import", path) == [
        "causes!A3: the quote that opens this cell on line 3 is not closed where the cell ends; "
        'close it, or write a quote inside a cell as ""'
    ]


def test_xlsx_zip_bomb_is_refused_before_parsing(corpus: Path) -> None:
    path = make_corpus.zip_bomb_xlsx(corpus)
    assert path.stat().st_size < MiB
    started = time.perf_counter()
    line = one_error("validate", path)
    assert time.perf_counter() - started < 10
    assert line == (
        f"{path}: the workbook uncompresses to {path_size(path):,} bytes, more than Selaras "
        "reads (268,435,456 bytes = 256 MiB); split it, or use a folder of CSV files"
    )


def path_size(path: Path) -> int:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def test_xlsx_at_the_uncompressed_limit_passes_the_check(corpus: Path) -> None:
    path = make_corpus.zip_bomb_xlsx(corpus, 16 * MiB, name="at.xlsx")
    pad = limits.WORKBOOK_BYTES - path_size(path)
    path = make_corpus.zip_bomb_xlsx(corpus, 16 * MiB + pad, name="at.xlsx")
    assert path_size(path) == limits.WORKBOOK_BYTES
    limits.check_workbook(path)  # no error: at the limit, parsing goes ahead


def test_xlsx_rows_at_and_past_the_limit(corpus: Path) -> None:
    at = make_corpus.far_row_xlsx(corpus, limits.SHEET_ROWS, name="rows-at.xlsx")
    result = run("import", at)  # read to the end: the one data row has only a code
    assert result.returncode == 2
    assert f"units!B{limits.SHEET_ROWS}: missing required value for 'name'" in result.stderr
    past = make_corpus.far_row_xlsx(corpus, limits.SHEET_ROWS + 1, name="rows-past.xlsx")
    assert one_error("import", past) == (
        f"{past}: sheet 'units' has more than 1,048,576 rows, the limit per sheet; split it"
    )


def test_formula_without_a_saved_value_names_the_formula(corpus: Path) -> None:
    path = make_corpus.formula_xlsx(corpus)
    assert problems("import", path) == [
        "units!B3: the formula '=UPPER(\"djpb\")' has no saved value (the file was not saved by "
        "a spreadsheet program that computes it); open and save it in Excel or LibreOffice, or "
        "type the value"
    ]


def test_a_profile_is_checked_before_use(corpus: Path) -> None:
    defects = Path(__file__).resolve().parents[1] / "examples" / "defects"
    empty = HOSTILE / "profiles" / "empty.ttl"
    assert one_error("validate", "--profile", empty, defects) == (
        f"{empty}: not a regulation profile: it holds 0 sel:RegulationProfile nodes, a profile "
        "file holds exactly one (see docs/profiles.md)"
    )
    data = HOSTILE / "profiles" / "data-as-profile.ttl"
    assert "it holds 0 sel:RegulationProfile nodes" in (
        one_error("validate", "--profile", data, defects)
    )
    mixed = make_corpus.profile_with_data(corpus)
    assert "it also describes 1 other nodes (first <https://w3id.org/selaras/id/unit/X>)" in (
        one_error("validate", "--profile", mixed, defects)
    )
    incomplete = make_corpus.incomplete_profile(corpus)
    assert one_error("validate", "--profile", incomplete, defects) == (
        f"{incomplete}: not a complete regulation profile: sel:maxStatementWords is missing; "
        "every setting of shapes/meta/profile.ttl is needed (see docs/profiles.md)"
    )


def test_bundled_and_test_profiles_fit_the_profile_shape(data_dir: Path) -> None:
    from selaras import resources
    from selaras.profile_check import check_profile

    for name in resources.profile_names():
        check_profile(resources.profile_path(name))
    check_profile(data_dir / "profiles" / "strict.ttl")
