"""Write subject blocks as Turtle or N-Triples text, without building an rdflib graph.

Both writers take the sorted blocks of :meth:`Model.blocks` and yield text pieces; a
``counter`` list, when given, has its first item increased by the number of triples written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from selaras.generate.model import PREFIXES, Pairs

TURTLE_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"
_RDF_TYPE = f"<{PREFIXES['rdf']}type>"


def turtle_chunks(
    blocks: Iterable[tuple[str, Pairs]], counter: list[int] | None = None
) -> Iterator[str]:
    """Turtle: one block per subject, objects of the same predicate joined with commas."""
    yield TURTLE_HEADER
    count = 0
    first = True
    for subject, pairs in blocks:
        count += len(pairs)
        parts: list[str] = []
        previous = ""
        for predicate, obj in pairs:
            if predicate == previous:
                parts[-1] += f" ,\n        {obj}"
            else:
                parts.append(f"{predicate} {obj}")
                previous = predicate
        text = f"{subject} " + " ;\n    ".join(parts) + " .\n"
        yield text if first else "\n" + text
        first = False
    if counter is not None:
        counter[0] += count


def _expand(term: str, cache: dict[str, str]) -> str:
    if term[0] == "<":
        return term
    if term[0] == '"':
        quote = term.rfind('"')
        tail = term[quote + 1 :]
        if tail.startswith("^^"):
            return f"{term[: quote + 1]}^^{_expand(tail[2:], cache)}"
        return term
    expanded = cache.get(term)
    if expanded is None:
        prefix, local = term.split(":", 1)
        expanded = cache[term] = f"<{PREFIXES[prefix]}{local}>"
    return expanded


def ntriples_chunks(
    blocks: Iterable[tuple[str, Pairs]], counter: list[int] | None = None
) -> Iterator[str]:
    """N-Triples: one line per triple, in the order of the blocks."""
    cache: dict[str, str] = {"a": _RDF_TYPE}
    count = 0
    for subject, pairs in blocks:
        count += len(pairs)
        yield "".join(f"{subject} {_expand(p, cache)} {_expand(o, cache)} .\n" for p, o in pairs)
    if counter is not None:
        counter[0] += count
