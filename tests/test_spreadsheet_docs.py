"""docs/spreadsheets.md stays complete: its column and spelling tables are the template's."""

from __future__ import annotations

from pathlib import Path

from selaras.spreadsheet.template import SHEETS, Column, closed_lists

DOC = Path(__file__).resolve().parents[1] / "docs" / "spreadsheets.md"


def _value(column: Column) -> str:
    if column.kind == "closed":
        return f"one of: {column.closed}"
    if column.kind == "ref":
        return f"a code from `{column.refers}`"
    return {
        "code": "unique code",
        "text": "text",
        "year": "year",
        "decimal": "number",
        "period": "period",
        "date": "date",
    }[column.kind]


def columns_table() -> str:
    lines = ["| sheet | column | required | value | meaning |", "|---|---|---|---|---|"]
    for sheet in SHEETS:
        for c in sheet.columns:
            required = "yes" if c.required else "no"
            lines.append(
                f"| `{sheet.name}` | `{c.name}` | {required} | {_value(c)} | {c.help_en} |"
            )
    return "\n".join(lines)


def spellings_table() -> str:
    lines = ["| list | canonical values (other accepted spellings) |", "|---|---|"]
    for name, values in closed_lists().items():
        cells = []
        for value in values.values:
            others = values.alternatives(value)
            cells.append(f"`{value}`" + (f" ({', '.join(others)})" if others else ""))
        lines.append(f"| {name} | {'; '.join(cells)} |")
    return "\n".join(lines)


def test_the_column_table_is_the_template() -> None:
    assert columns_table() in DOC.read_text(encoding="utf-8")


def test_the_spelling_table_is_the_ontology_and_extras() -> None:
    assert spellings_table() in DOC.read_text(encoding="utf-8")
