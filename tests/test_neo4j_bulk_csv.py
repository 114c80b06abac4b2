"""The import CSVs of the offline load: every value typed and quoted so it comes back exact."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from selaras.errors import DatasetError
from selaras.neo4j.bulk_csv import write_import_files
from selaras.neo4j.mapping import graph_mapping
from selaras.neo4j.rows import NodeRow


def _row(iri: str, labels: tuple[str, ...] = (), **props: object) -> NodeRow:
    return NodeRow(iri=iri, labels=labels, props={"iri": iri, "dataset": "d", **props})


def test_types_quoting_and_groups(tmp_path: Path) -> None:
    rows = [
        _row("a", ("Unit",), code="", year=2025, weight=float("nan"), blank=True),
        _row("b", ("Unit",), code='say "hi", ok', year="2025x"),  # year as text: another file
        _row("c", (), label_id=["x\x1fy", "", "z"], date=datetime.date(1, 1, 1)),
    ]
    rows[0].rels.append(("PART_OF", "b"))
    rows[2].rels.append(("PART_OF", "t"))
    files = write_import_files(rows, ["t"], tmp_path, mapping=graph_mapping())
    assert files.node_count == 4 and files.relationship_count == 2
    assert files.array_delimiter == "\x1e"  # \x1f is inside a string element
    assert not files.multiline
    texts = [path.read_text(encoding="utf-8") for path in files.nodes]
    assert len(texts) == 4  # Unit with a long year, Unit with a string year, no labels, bare
    first = texts[0].split("\n")[:-1]
    assert (
        first[0]
        == ":ID,:LABEL,blank:boolean,code:string,dataset:string,iri:string,weight:double,year:long"
    )
    assert first[1] == '0,Resource\x1eUnit,true,"","d","a",NaN,2025'
    assert '"say ""hi"", ok"' in texts[1] and "year:string" in texts[1]
    assert '"x\x1fy\x1e\x1ez"' in texts[2] and ",0001-01-01," in texts[2]
    assert texts[3].split("\n")[:-1] == [":ID,:LABEL,iri:string", '3,Resource,"t"']
    rels = files.relationships[0].read_text(encoding="utf-8").split("\n")[:-1]
    assert rels == [":START_ID,:END_ID,:TYPE", "0,1,PART_OF", "2,3,PART_OF"]
    assert "--id-type=integer" in files.arguments()
    assert "--array-delimiter=U+001E" in files.arguments()


def test_text_across_lines_needs_multiline_fields(tmp_path: Path) -> None:
    files = write_import_files(
        [_row("a", code="baris\nbaru")], [], tmp_path, mapping=graph_mapping()
    )
    assert files.multiline and "--multiline-fields=true" in files.arguments()


@pytest.mark.parametrize("value", [[], [""], [1, "1"]])
def test_values_the_csv_cannot_carry_are_refused(tmp_path: Path, value: object) -> None:
    with pytest.raises(DatasetError, match="online instead"):
        write_import_files([_row("a", code=value)], [], tmp_path, mapping=graph_mapping())


def test_a_target_without_a_node_is_refused(tmp_path: Path) -> None:
    row = _row("a")
    row.rels.append(("PART_OF", "nowhere"))
    with pytest.raises(DatasetError, match="nowhere"):
        write_import_files([row], [], tmp_path, mapping=graph_mapping())
