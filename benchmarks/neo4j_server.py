"""What the benchmark tables say about the Neo4j server they ran against."""

from __future__ import annotations

from typing import Any


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
