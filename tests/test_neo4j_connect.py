"""Connection settings and errors: one line naming the URI and what to do, never the password."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from selaras.cli import main
from selaras.errors import Neo4jError
from selaras.neo4j import Neo4jSettings, connect

SECRET = "s3cret-never-shown"
#: Nothing listens on port 1 of the loopback interface: the connection is refused at once.
NOWHERE = "bolt://127.0.0.1:1"


def test_options_win_over_environment_and_defaults_fill_the_rest() -> None:
    env = {"NEO4J_URI": "neo4j://db:7687", "NEO4J_USER": "ana", "NEO4J_PASSWORD": "p"}
    settings = Neo4jSettings.from_env(environ=env)
    assert settings == Neo4jSettings("neo4j://db:7687", "ana", "p", "neo4j")
    settings = Neo4jSettings.from_env(uri="bolt://x:1", database="cascade", environ=env)
    assert (settings.uri, settings.user, settings.database) == ("bolt://x:1", "ana", "cascade")
    assert Neo4jSettings.from_env(environ={}) == Neo4jSettings(
        "bolt://127.0.0.1:7687", "neo4j", None, "neo4j"
    )


def test_repr_leaves_the_password_out() -> None:
    assert SECRET not in repr(Neo4jSettings(password=SECRET))
    assert SECRET not in str(Neo4jSettings(password=SECRET))


def test_unreachable_server_is_one_line_with_the_uri_and_what_to_do() -> None:
    with pytest.raises(Neo4jError) as info, connect(Neo4jSettings(uri=NOWHERE, password=SECRET)):
        pass
    message = str(info.value)
    assert "\n" not in message
    assert NOWHERE in message
    assert "scripts/neo4j-local start" in message and "NEO4J_URI" in message
    assert SECRET not in message


def test_missing_password_says_what_to_set() -> None:
    with pytest.raises(Neo4jError, match="NEO4J_PASSWORD"), connect(Neo4jSettings(uri=NOWHERE)):
        pass


@pytest.mark.parametrize(
    "uri", ["http://127.0.0.1:7474", "127.0.0.1:7687", "bolt:/x", "bolt://127.0.0.1:notaport"]
)
def test_malformed_uri(uri: str) -> None:
    with (
        pytest.raises(Neo4jError, match="NEO4J_URI") as info,
        connect(Neo4jSettings(uri=uri, password=SECRET)),
    ):
        pass
    assert SECRET not in str(info.value)


@pytest.mark.parametrize("command", ["load", "export"])
def test_cli_exit_2_without_traceback_or_password(
    command: str, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    args = [command, "--uri", NOWHERE, "--password", SECRET, "-q"]
    if command == "load":
        args.insert(1, str(data_dir / "neo4j" / "literals.ttl"))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("selaras: error: cannot reach Neo4j at")
    assert "Traceback" not in result.output
    assert SECRET not in result.output
    assert SECRET not in caplog.text


def test_cli_password_from_environment_is_not_shown(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", NOWHERE)
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    result = CliRunner().invoke(main, ["load", str(data_dir / "neo4j" / "literals.ttl"), "-q"])
    assert result.exit_code == 2
    assert NOWHERE in result.output and SECRET not in result.output


def test_help_never_shows_a_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    for command in ("load", "export"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "--password" in result.output and SECRET not in result.output


def test_export_of_files_needs_no_server(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.nt"
    source = data_dir / "neo4j" / "literals.ttl"
    result = CliRunner().invoke(main, ["export", str(source), "--format", "nt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    from neo4j_helpers import assert_isomorphic, exact_graph

    assert_isomorphic(exact_graph(out), exact_graph(source))
