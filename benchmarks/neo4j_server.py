"""What the benchmark tables say about the Neo4j server they ran against."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def server_pid(data_dir: str | None = None) -> int | None:
    """The pid of a local server started by scripts/neo4j-local (its data folder: ``data_dir``,
    else NEO4J_DATA_DIR, else .neo4j), if it runs."""
    folder = Path(data_dir or os.environ.get("NEO4J_DATA_DIR") or ROOT / ".neo4j")
    try:
        pid = int((folder / "run" / "neo4j-local.pid").read_text().strip())
        Path(f"/proc/{pid}/stat").read_text()
    except (OSError, ValueError):
        return None
    return pid


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of process ``pid`` so far (0 when unknown)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def describe(driver: Any, database: str) -> str:
    """Product, version and edition, with heap and pagecache: ``Neo4j Kernel 5.26.19 community
    (heap 1g, pagecache 2.00GiB)``."""
    version = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name + ' ' + versions[0] + ' ' + edition AS v",
        database_=database,
    ).records[0]["v"]
    memory = ", ".join(
        f"{r['name'].rsplit('.', 1)[0].split('.')[-1]} {r['value']}"
        for r in driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name IN "
            "['server.memory.heap.max_size', 'server.memory.pagecache.size'] "
            "RETURN name, value ORDER BY name",
            database_=database,
        ).records
        if r["value"] is not None
    )
    return f"{version} ({memory})"
