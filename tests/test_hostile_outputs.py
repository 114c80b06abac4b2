"""Outputs: every command fails to write in one line (exit 2) before its work, writes atomically,
creates parent folders, treats a closed stdout alike, and escapes control characters.

Runs the real ``selaras`` script. As root (CI containers) a read-only folder is writable, so the
unwritable cases are a folder where a file goes, a file where a folder goes, and ``/dev/full``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from hostile_helpers import one_error, run, script

ROOT = Path(__file__).resolve().parents[1]
KALTARA = ROOT / "examples" / "kaltara"
KALTARA_CSV = ROOT / "examples" / "kaltara-csv"
DEFECTS = ROOT / "examples" / "defects"

#: Each command with a file output, as (arguments before -o, file name).
FILE_COMMANDS = {
    "validate": (["validate", str(KALTARA)], "r.html"),
    "import": (["import", str(KALTARA_CSV)], "k.ttl"),
    "export": (["export", str(KALTARA)], "k.ttl"),
    "export xlsx": (["export", str(KALTARA), "--format", "xlsx"], "k.xlsx"),
    "query": (["query", "orphans", str(KALTARA)], "o.csv"),
    "query xlsx": (["query", "orphans", str(KALTARA), "--format", "xlsx"], "o.xlsx"),
    "template": (["template"], "t.xlsx"),
    "generate": (["generate", "--staff", "30"], "g.ttl"),
    "score": (["score", str(KALTARA), "--format", "html"], "s.html"),
    "score xlsx": (["score", str(KALTARA), "--format", "xlsx"], "s.xlsx"),
    "draw strategy-map": (["draw", "strategy-map", str(KALTARA), "--unit", "KPPN-TRK"], "m.svg"),
    "draw strategy-map png": (
        ["draw", "strategy-map", str(KALTARA), "--unit", "KPPN-TRK"],
        "m.png",
    ),
    "draw browser-style": (["draw", "browser-style"], "style.grass"),
}
#: Commands whose -o click itself refuses to take a folder for (one line too).
CLICK_CHECKED = {"generate", "draw strategy-map", "draw strategy-map png", "draw browser-style"}
#: Each command with a folder output.
FOLDER_COMMANDS = {
    "export csv": ["export", str(KALTARA), "--format", "csv"],
    "template csv": ["template", "--format", "csv"],
    "demo": ["demo", "-q"],
}


@pytest.mark.parametrize("command", sorted(FILE_COMMANDS))
def test_a_file_output_onto_a_folder(command: str, tmp_path: Path) -> None:
    args, _name = FILE_COMMANDS[command]
    line = one_error(*args, "-o", tmp_path)
    if command in CLICK_CHECKED:  # click's own check of the option, also one line
        assert "is a directory" in line
    else:
        assert line == f"{tmp_path}: cannot write: it is a folder"


@pytest.mark.parametrize("command", sorted(FILE_COMMANDS))
def test_a_file_output_under_a_file(command: str, tmp_path: Path) -> None:
    args, name = FILE_COMMANDS[command]
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "sub" / name
    assert one_error(*args, "-o", target) == f"{target}: cannot write: {blocker} is not a folder"


#: /dev/full has no .svg or .png ending, which draw strategy-map asks for first.
FULL_DISK = sorted(set(FILE_COMMANDS) - {"generate", "draw strategy-map", "draw strategy-map png"})


@pytest.mark.parametrize("command", FULL_DISK)
def test_a_full_disk(command: str) -> None:
    args, _name = FILE_COMMANDS[command]
    assert one_error(*args, "-o", "/dev/full") == (
        "/dev/full: cannot write: No space left on device"
    )


@pytest.mark.parametrize("command", sorted(FOLDER_COMMANDS))
def test_a_folder_output_onto_an_existing_file(command: str, tmp_path: Path) -> None:
    existing = tmp_path / "existing"
    existing.write_text("keep me", encoding="utf-8")
    assert one_error(*FOLDER_COMMANDS[command], "-o", existing) == (
        f"{existing}: cannot write: it is a file, and this output is a folder of files"
    )
    assert existing.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("command", sorted(FILE_COMMANDS))
def test_parent_folders_are_created_and_no_temporary_file_stays(
    command: str, tmp_path: Path
) -> None:
    args, name = FILE_COMMANDS[command]
    target = tmp_path / "a" / "b" / name
    result = run(*args, "-o", target)
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 0
    assert sorted(p.name for p in target.parent.iterdir()) == [name]


def test_export_from_neo4j_checks_the_output_before_connecting(tmp_path: Path) -> None:
    # an unreachable server: the output error comes first, so no query is run in vain
    env = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x"}
    line = one_error("export", "-o", tmp_path, env=env)
    assert line == f"{tmp_path}: cannot write: it is a folder"
    line = one_error("query", "orphans", "--engine", "neo4j", "-o", tmp_path, env=env)
    assert line == f"{tmp_path}: cannot write: it is a folder"


def test_neo4j_uri_with_a_password_is_refused_and_never_shown() -> None:
    env = {"NEO4J_URI": "bolt://neo4j:s3cr3t-pw@127.0.0.1:9", "NEO4J_PASSWORD": "x"}
    for args in (["query", "orphans", "--engine", "neo4j"], ["export"], ["load", str(KALTARA)]):
        line = one_error(*args, env=env)
        assert "s3cr3t-pw" not in line
        assert line.startswith("NEO4J_URI 'bolt://***@127.0.0.1:9' carries a user or password")
        assert "set NEO4J_USER and NEO4J_PASSWORD" in line


def _interrupt_when_writing(args: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen(
        [script(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while not any(p.suffix == ".part" for p in folder.iterdir()):
        assert process.poll() is None, "finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(args, process.returncode, out, err)


def test_ctrl_c_while_writing_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "big.ttl"
    target.write_text("# the old content\n", encoding="utf-8")
    result = _interrupt_when_writing(["generate", "--staff", "20000", "-o", str(target)], tmp_path)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "selaras: interrupted\n"
    assert target.read_text(encoding="utf-8") == "# the old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["big.ttl"]  # the temporary file is gone


def _closed_stdout(*args: str) -> tuple[int, str]:
    """Run with a stdout whose reader has gone before the first byte (like `| head -0`), so
    the first write fails however little the command writes."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [script(), *args], stdout=write_end, stderr=subprocess.PIPE, text=True
    )
    os.close(write_end)
    os.close(read_end)
    _out, err = process.communicate(timeout=120)
    return process.returncode, err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["generate", "--staff", "3000"], 0),
        (["export", str(DEFECTS), "--format", "nt"], 0),
        (["query", "orphans", str(DEFECTS), "--format", "csv"], 0),
        (["validate", str(DEFECTS)], 1),  # the verdict, as if the reader had read it all
    ],
)
def test_a_closed_stdout_ends_quietly_with_the_commands_own_exit_code(
    args: list[str], code: int
) -> None:
    assert _closed_stdout(*args) == (code, "")


def _with_escapes(folder: Path) -> Path:
    """examples/kaltara with an OSC 8 hyperlink escape, a bell and a newline in a statement, and
    a statement that is a spreadsheet formula."""
    folder.mkdir()
    for source in KALTARA.glob("*.ttl"):
        text = source.read_text(encoding="utf-8")
        text = text.replace(
            '"Belanja negara yang berkualitas"@id',
            '"Belanja \\u001B]8;;http://evil.example/\\u0007klik\\u001B]8;;\\u0007 negara\\n'
            'baris"@id',
        ).replace(
            '"Layanan publik yang prima"@id', '"=HYPERLINK(\\"http://evil.example/\\",\\"klik\\")"'
        )
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    data = _with_escapes(tmp_path / "data")
    table = run("query", "strategy-map", data, "--param", "unit=KEMENKEU")
    assert table.returncode == 0, table.stderr
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout
    assert "Belanja \\x1b]8;;http://evil.example/\\x07klik\\x1b]8;;\\x07 negara\\nbaris" in (
        table.stdout
    )
    # CSV and JSON keep the value exactly (JSON escapes it its own way)
    csv = run("query", "strategy-map", data, "--param", "unit=KEMENKEU", "--format", "csv")
    assert "\x1b]8;;http://evil.example/\x07klik" in csv.stdout


def test_query_xlsx_writes_a_formula_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = _with_escapes(tmp_path / "data")
    out = tmp_path / "map.xlsx"
    result = run(
        "query", "strategy-map", data, "--param", "unit=KEMENKEU", "--format", "xlsx", "-o", out
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)  # no formula anywhere
    book = load_workbook(out)
    cells = [c for row in book.worksheets[0].iter_rows() for c in row]
    formula = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert [c.data_type for c in formula] == ["s"]
    assert formula[0].value == '=HYPERLINK("http://evil.example/","klik")'
    # XML 1.0 holds no escape character: it is written as the text \x1b
    assert any(isinstance(c.value, str) and "Belanja \\x1b]8;;" in c.value for c in cells)


def test_export_xlsx_of_control_characters_and_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = _with_escapes(tmp_path / "data")
    out = tmp_path / "k.xlsx"
    result = run("export", data, "--format", "xlsx", "-o", out)
    assert result.returncode == 0, result.stderr
    statements = [c for c in load_workbook(out)["objectives"]["E"] if isinstance(c.value, str)]
    formula = [c for c in statements if c.value.startswith("=HYPERLINK")]
    assert [c.data_type for c in formula] == ["s"]


def test_writes_keep_the_permissions_a_new_file_gets(tmp_path: Path) -> None:
    target = tmp_path / "o.csv"
    assert run("query", "orphans", KALTARA, "-o", target).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
