"""A Dataset read with ``keep_triples=False``: files go straight into the store, nothing held twice.

What `selaras validate` and `selaras query` read with. It must be the same dataset as the default
reading: the same store, the same triples (read again from the files, in input order), the same
written forms of the literals the store rewrites, the same errors naming file and line, and a
validation report with the same results, values as written.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from selaras.errors import DatasetError, InputError
from selaras.rdf import RdfFormat
from selaras.rdf.write import write_file
from selaras.read import read_dataset
from selaras.validate import validate
from test_literal_zoo import PREDICATES, ZOO, _text, _triples

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _nt(triples: object) -> list[str]:
    return [str(t) for t in triples]  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", [RdfFormat.N_TRIPLES, RdfFormat.TURTLE, RdfFormat.N_QUADS])
def test_same_triples_store_and_written_forms(fmt: RdfFormat, tmp_path: Path) -> None:
    triples = _triples(ZOO, list(PREDICATES))
    path = tmp_path / f"zoo.{fmt.value}"
    if fmt == RdfFormat.N_QUADS:  # a named graph: merged into the default graph
        graph = ox.NamedNode("urn:g")
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    else:
        write_file(triples, path, fmt)
    kept = read_dataset([path])
    indexed = read_dataset([path], keep_triples=False)
    assert _nt(indexed.triples()) == _nt(kept.triples())  # as parsed, in order
    assert _text(indexed.triples()) == _text(triples)  # forms as written
    assert {str(q) for q in indexed.store} == {str(q) for q in kept.store}
    written: dict[tuple[str, str], set[str]] = {}
    for t in triples:
        written.setdefault((str(t.subject), str(t.predicate)), set()).add(str(t.object))
    rewritten = 0
    for q in indexed.store:  # every literal the store rewrote maps back to a written form
        forms = written[(str(q.subject), str(q.predicate))]
        assert str(indexed.written.restore(q.subject, q.predicate, q.object)) in forms
        rewritten += str(q.object) not in forms
    assert rewritten > 30


def test_several_files_in_input_order(tmp_path: Path) -> None:
    a, b = tmp_path / "a.nt", tmp_path / "b.ttl"
    a.write_text('<urn:x> <urn:p> "05"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    b.write_text("<urn:x> <urn:p> 5 .\n<urn:y> <urn:q> _:n .\n_:n <urn:r> <urn:x> .\n")
    dataset = read_dataset([tmp_path], keep_triples=False)
    assert _nt(dataset.triples()) == _nt(read_dataset([tmp_path]).triples())
    assert len(dataset) == 3  # "05" and 5 are one value in the store
    assert dataset.sources == [a, b]


def test_bad_syntax_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.nt"
    good = '<urn:x> <urn:p> "a" .\n' * 1000
    path.write_text(good + "<urn:x> <urn:p> oops .\n")
    with pytest.raises(InputError) as caught:
        read_dataset([path], keep_triples=False)
    assert caught.value.path == path
    assert caught.value.line == 1001


def test_empty_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.ttl"
    path.write_text("@prefix x: <urn:x#> .\n")
    with pytest.raises(DatasetError):
        read_dataset([path], keep_triples=False)


def test_validation_report_is_the_same() -> None:
    paths = [EXAMPLES / "defects"]
    kept = validate(read_dataset(paths))
    indexed = validate(read_dataset(paths, keep_triples=False))
    assert kept.results == indexed.results
    assert [r.value for r in kept.results] == [r.value for r in indexed.results]
    assert kept.violations > 0


def test_ntriples_bulk_path_notes_every_rewritten_literal(tmp_path: Path) -> None:
    """N-Triples without blank nodes or escapes go through ``bulk_load`` and the line scan."""
    from selaras.rdf.bulk import load_ntriples
    from selaras.rdf.written import WrittenForms

    triples = _triples(ZOO, list(PREDICATES))
    path = tmp_path / "zoo.nt"
    write_file(triples, path, RdfFormat.N_TRIPLES)
    lines = [x for x in path.read_bytes().splitlines(keepends=True) if b"\\u" not in x]
    path.write_bytes(b"".join(lines))
    kept = read_dataset([path])
    store, written = ox.Store(), WrittenForms()
    assert load_ntriples(store, path, written)
    assert {str(q) for q in store} == {str(q) for q in kept.store}
    by_place: dict[tuple[str, str], set[str]] = {}
    for t in kept.triples():
        by_place.setdefault((str(t.subject), str(t.predicate)), set()).add(str(t.object))
    rewritten = 0
    for q in store:
        forms = by_place[(str(q.subject), str(q.predicate))]
        assert str(written.restore(q.subject, q.predicate, q.object)) in forms
        rewritten += str(q.object) not in forms
    assert rewritten > 30


@pytest.mark.parametrize("text", ["_:b <urn:p> <urn:o> .\n", '<urn:s> <urn:p> "caf\\u00E9" .\n'])
def test_blank_nodes_and_escapes_take_the_streaming_reader(text: str, tmp_path: Path) -> None:
    """``bulk_load`` would give ``_:b`` a new label (and an escape may hide a datatype IRI):
    such files are streamed, labels kept."""
    from selaras.rdf.bulk import load_ntriples
    from selaras.rdf.written import WrittenForms

    path = tmp_path / "b.nt"
    path.write_text('<urn:s> <urn:p> "05"^^<http://www.w3.org/2001/XMLSchema#integer> .\n' + text)
    store = ox.Store()
    assert not load_ntriples(store, path, WrittenForms())
    assert len(store) == 0
    dataset = read_dataset([path], keep_triples=False)
    assert {str(q) for q in dataset.store} == {str(q) for q in read_dataset([path]).store}
    assert [str(t) for t in dataset.triples()] == [str(t) for t in read_dataset([path]).triples()]


def test_ntriples_syntax_error_from_bulk_load_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.nt"
    path.write_text('<urn:x> <urn:p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n' * 10
                    + "<urn:x> <urn:p> oops .\n")  # fmt: skip
    with pytest.raises(InputError) as caught:
        read_dataset([path], keep_triples=False)
    assert (caught.value.path, caught.value.line) == (path, 11)


def test_a_file_changed_since_it_was_read_is_not_read_again(tmp_path: Path) -> None:
    """What was validated is what is written: a file edited meanwhile stops the reader."""
    path = tmp_path / "a.nt"
    path.write_text("<urn:a> <urn:p> <urn:b> .\n")
    dataset = read_dataset([path], keep_triples=False)
    assert len(list(dataset.triples())) == 1
    path.write_text("<urn:a> <urn:p> <urn:b> .\n<urn:a> <urn:p> <urn:c> .\n")
    with pytest.raises(InputError, match="changed while Selaras was working with it"):
        list(dataset.triples())


@pytest.mark.parametrize("pair", ["_:", "\\u"])
def test_a_pair_split_between_two_chunks_is_still_found(
    pair: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check for blank nodes and escapes maps the file, or, where it cannot (a pipe), reads
    it in chunks: a ``_:`` or ``\\u`` whose two bytes fall in two chunks sends the file to the
    streaming reader all the same."""
    from selaras.rdf import bulk

    head = '<urn:s> <urn:p> "x" .\n'
    text = head + ("_:b <urn:p> <urn:o> .\n" if pair == "_:" else '<urn:s> <urn:p> "\\u00E9" .\n')
    path = tmp_path / "split.nt"
    path.write_text(text)
    split = len(head) + text[len(head) :].index(pair) + 1  # the pair's second byte opens a chunk
    assert not bulk._plain(path)  # mapped
    (tmp_path / "empty.nt").write_bytes(b"")
    assert bulk._plain(tmp_path / "empty.nt")  # nothing to map: read (and plain)

    def unmappable(*args: object, **kwargs: object) -> None:
        raise OSError("cannot map")

    monkeypatch.setattr(bulk.mmap, "mmap", unmappable)
    monkeypatch.setattr(bulk, "_CHUNK", split)
    assert not bulk._plain(path)
    monkeypatch.setattr(bulk, "_CHUNK", 3)
    assert not bulk._plain(path)
    path.write_text(head * 5)
    assert bulk._plain(path)


XSD = "http://www.w3.org/2001/XMLSchema#"
#: One value written several ways at different places, a canonical form among them, and a string
#: that holds the text of a typed literal after an escaped quote (a line the scan must not trust).
MIXED = f"""<urn:a> <urn:p> "84.40"^^<{XSD}decimal> .
<urn:b> <urn:p> "84.4"^^<{XSD}decimal> .
<urn:c> <urn:p> "84.400"^^<{XSD}decimal> .
<urn:c> <urn:q> "84.40"^^<{XSD}decimal> .
<urn:d> <urn:p> "05"^^<{XSD}integer> .
<urn:d> <urn:q> "+5"^^<{XSD}integer> .
<urn:e> <urn:p> "5"^^<{XSD}integer> .
<urn:f> <urn:p> "a\\"^^<{XSD}integer> b" .
<urn:f> <urn:q> "2025-01-01Z"^^<{XSD}date> .
<urn:f> <urn:r> "1.5E3"^^<{XSD}double> .
"""


@pytest.mark.parametrize("escaped", [True, False])
def test_bulk_path_written_forms_equal_those_of_the_parsed_triples(
    escaped: bool, tmp_path: Path
) -> None:
    """The bulk path parses only the lines whose literal the store rewrites (found from the
    literals' distinct texts): every place and every value maps back as when all is parsed."""
    from selaras.rdf.bulk import load_ntriples
    from selaras.rdf.written import WrittenForms

    zoo = _triples(ZOO, list(PREDICATES))
    path = tmp_path / "mixed.nt"
    write_file(zoo, path, RdfFormat.N_TRIPLES)
    lines = [x for x in path.read_bytes().splitlines(keepends=True) if b"\\u" not in x]
    mixed = [x for x in MIXED.encode().splitlines(keepends=True) if escaped or b'\\"' not in x]
    path.write_bytes(b"".join(mixed + lines))
    store, written = ox.Store(), WrittenForms()
    assert load_ntriples(store, path, written)
    reference = WrittenForms.of(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))
    places = 0
    for q in store:
        for predicate in (q.predicate, None):
            got = written.restore(q.subject, predicate, q.object)
            assert str(got) == str(reference.restore(q.subject, predicate, q.object)), str(q)
        places += str(written.restore(q.subject, q.predicate, q.object)) != str(q.object)
    assert places > 30
    a, c, d = (ox.NamedNode(f"urn:{x}") for x in "acd")
    p, q_ = ox.NamedNode("urn:p"), ox.NamedNode("urn:q")
    value = ox.Literal("84.4", datatype=ox.NamedNode(XSD + "decimal"))
    assert [str(written.restore(s, r, value)) for s, r in ((a, p), (c, p), (c, q_))] == [
        f'"84.40"^^<{XSD}decimal>',
        f'"84.400"^^<{XSD}decimal>',
        f'"84.40"^^<{XSD}decimal>',
    ]
    five = ox.Literal("5", datatype=ox.NamedNode(XSD + "integer"))
    assert str(written.restore(d, q_, five)) == f'"+5"^^<{XSD}integer>'
