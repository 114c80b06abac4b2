"""The local Neo4j server that ``scripts/neo4j-local`` runs: its folders, jars, Java, stop/start.

The offline load (:mod:`selaras.neo4j.bulk_import`) works on this server only: it needs the
server's home folder (``NEO4J_DATA_DIR``), the jars it runs from (for ``neo4j-admin``'s main
class, ``org.neo4j.cli.AdminTool``) and a way to stop and start it with the same settings.
Everything is read from what the script and the running server leave behind: the pid and the
ports in ``DATA/run/``, the classpath and the Java binary of the running process
(``/proc/PID/cmdline``, ``/proc/PID/exe``), the folders in ``DATA/conf/neo4j.conf``. Stopping and
starting go through the script next to the server's jars, with the ports, heap and page cache
the server was started with.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selaras.errors import Neo4jError

#: Main class of ``neo4j-admin`` in the server's jars.
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
_REPO = Path(__file__).resolve().parents[3]


def default_data_dir() -> Path:
    """``NEO4J_DATA_DIR``, else ``.neo4j`` in the source checkout (as ``scripts/neo4j-local``)."""
    return Path(os.environ.get("NEO4J_DATA_DIR") or _REPO / ".neo4j")


def _conf(path: Path) -> dict[str, str]:
    settings: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                settings[key.strip()] = value.strip()
    return settings


def _state(path: Path) -> dict[str, str]:
    return _conf(path)


@dataclass(frozen=True)
class LocalServer:
    """A running server of ``scripts/neo4j-local`` (see the module doc)."""

    home: Path
    pid: int
    bolt_port: int
    http_port: str
    java: str
    classpath: str
    script: Path
    heap: str | None
    pagecache: str | None

    @classmethod
    def find(cls, home: Path) -> LocalServer:
        """The server whose home is ``home``; Neo4jError saying what to do when there is none."""
        home = home.resolve()
        run = home / "run"
        hint = (
            "the offline load works only with the local server of `scripts/neo4j-local`: "
            "start it with `scripts/neo4j-local start` and set NEO4J_DATA_DIR to its data folder"
        )
        if not (home / "conf" / "neo4j.conf").is_file() or not run.is_dir():
            raise Neo4jError(f"{home} is not the data folder of a local server; {hint}")
        try:
            pid = int((run / "neo4j-local.pid").read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            raise Neo4jError(f"the local server of {home} is not running; {hint}") from None
        args = [a.decode("utf-8", "replace") for a in cmdline]
        if ENTRY_POINT not in args or f"--home-dir={home}" not in args or "-cp" not in args:
            raise Neo4jError(f"process {pid} is not the local server of {home}; {hint}")
        classpath = args[args.index("-cp") + 1]
        folders = [Path(entry.rstrip("*")) for entry in classpath.split(":")]
        if not any(any(f.glob("neo4j-import-tool-*.jar")) for f in folders):
            raise Neo4jError(
                f"the jars of the local server ({classpath}) have no neo4j-import-tool; "
                "rebuild them with `scripts/neo4j-local build`"
            )
        try:
            java = os.readlink(f"/proc/{pid}/exe")
        except OSError:
            java = _java()
        state = _state(run / "neo4j-local.state")
        script = _script(classpath)
        return cls(
            home=home,
            pid=pid,
            bolt_port=int(state.get("bolt_port", "7687")),
            http_port=state.get("http_port", "7474"),
            java=java,
            classpath=classpath,
            script=script,
            heap=state.get("heap") or None,
            pagecache=state.get("pagecache") or None,
        )

    def check_serves(self, uri: str) -> None:
        """Neo4jError unless ``uri`` is this server's Bolt port on this machine."""
        parts = urlsplit(uri)
        if parts.hostname not in _LOCAL_HOSTS or parts.port != self.bolt_port:
            raise Neo4jError(
                f"the local server of {self.home} listens on bolt://127.0.0.1:{self.bolt_port}, "
                f"but the connection is to {parts.scheme}://{parts.hostname}:{parts.port}; the "
                "offline load replaces that server's database: set NEO4J_URI to it, or "
                "NEO4J_DATA_DIR to the data folder of the server at NEO4J_URI"
            )

    @property
    def settings(self) -> dict[str, str]:
        """The settings of ``DATA/conf/neo4j.conf`` (the last of a key wins)."""
        return _conf(self.home / "conf" / "neo4j.conf")

    def store_dirs(self, database: str) -> tuple[Path, Path]:
        """The store folder and the transaction-log folder of ``database``."""
        settings = self.settings
        data = self._path(settings.get("server.directories.data", "data"))
        logs = settings.get("server.directories.transaction.logs.root")
        root = self._path(logs) if logs else data / "transactions"
        return data / "databases" / database, root / database

    def _path(self, value: str) -> Path:
        path = Path(value)
        return path if path.is_absolute() else self.home / path

    def _script_env(self, password: str | None) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_DATA_DIR"] = str(self.home)
        if password:
            env["NEO4J_PASSWORD"] = password
        if self.heap:
            env["NEO4J_HEAP"] = self.heap
        if self.pagecache:
            env["NEO4J_PAGECACHE"] = self.pagecache
        env["JAVA_HOME"] = str(Path(self.java).parent.parent)
        return env

    def _run_script(self, command: str, extra: list[str], password: str | None) -> None:
        args = [str(self.script), command, "--data", str(self.home), *extra]
        done = subprocess.run(
            args, env=self._script_env(password), capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            said = [line for line in done.stderr.splitlines() if "error" in line.lower()]
            last = (said or done.stderr.strip().splitlines() or ["no output"])[-1]
            raise Neo4jError(
                f"`scripts/neo4j-local {command}` failed for {self.home}: {last.strip()} "
                f"(logs in {self.home / 'logs'})"
            )

    def stop(self) -> None:
        """Stop the server (``scripts/neo4j-local stop``: SIGTERM, the stores checkpointed)."""
        self._run_script("stop", [], None)

    def start(self, password: str | None) -> None:
        """Start it again on the same ports, heap and page cache; returns once a query runs."""
        self._run_script(
            "start", ["--port", str(self.bolt_port), "--http-port", self.http_port], password
        )

    def admin(self, home: Path, args: list[str], log: Path) -> int:
        """Run ``neo4j-admin ARGS`` from the server's jars with ``home`` as NEO4J_HOME (its
        ``conf/``); output to ``log``; returns the exit code."""
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(home)
        env["NEO4J_CONF"] = str(home / "conf")
        heap = self.heap or "1g"
        command = [self.java, f"-Xmx{heap}", "-cp", self.classpath, ADMIN_TOOL, *args]
        with log.open("w", encoding="utf-8") as out:
            return subprocess.run(
                command, env=env, stdout=out, stderr=subprocess.STDOUT, check=False, cwd=home
            ).returncode


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    candidates = [Path(home) / "bin" / "java"] if home else []
    candidates.append(Path("/usr/lib/jvm/java-17-openjdk-amd64/bin/java"))
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("java")
    if found:
        return found
    raise Neo4jError("no Java found: install Java 17 or set JAVA_HOME")


def _script(classpath: str) -> Path:
    """``scripts/neo4j-local`` of the checkout whose jars the server runs from."""
    for entry in classpath.split(":"):
        lib = Path(entry.rstrip("*")).resolve()
        if lib.name == "lib" and lib.parent.name == "target":
            script = lib.parent.parent.parent / "scripts" / "neo4j-local"
            if script.is_file():
                return script
    script = _REPO / "scripts" / "neo4j-local"
    if script.is_file():
        return script
    raise Neo4jError(
        f"cannot find scripts/neo4j-local next to the server's jars ({classpath}); the offline "
        "load needs it to stop and start the server"
    )
