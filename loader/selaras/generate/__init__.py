"""Generate stage: synthetic Kemenkeu-shaped cascades, conforming or with planted defects.

:func:`generate_cascade` builds a whole ministry scaled to a number of staff positions, from
the ministry (Kemenkeu-Wide) to staff (Kemenkeu-Five), in the ontology's model and within the
regulation profile ``kmk-467-2014``. With ``defect_rate > 0`` it then breaks about that share of
the eligible nodes for every rule of the catalogue and records in :attr:`GeneratedCascade.manifest`
exactly which (rule, focus) results validation must report. The same arguments always give the
same bytes.

>>> cascade = generate_cascade(staff=60, seed=1)
>>> cascade.stats["positions"]
60
>>> cascade.manifest
[]
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING

from selaras.errors import SettingError, UnknownNameError
from selaras.generate import vocab
from selaras.generate.build import Builder
from selaras.generate.defects import PLANTERS, RULE_IDS, Planter, focus_of
from selaras.generate.model import LEVELS, Model
from selaras.generate.write import ntriples_chunks, turtle_chunks
from selaras.memory import paused_gc

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

    from selaras.rdf.dataset import Dataset

__all__ = [
    "ESELON_ONE_CODES",
    "RULE_IDS",
    "GeneratedCascade",
    "ManifestEntry",
    "generate_cascade",
]

#: Codes of the Eselon I units the generator knows, in the order it builds them.
ESELON_ONE_CODES: tuple[str, ...] = tuple(e.code for e in vocab.ESELON_ONE)
#: how often a small cascade is built again when some rule found no place for its defect
ATTEMPTS = 4
MANIFEST_HEADER = ("rule_id", "focus", "focus_code")


@dataclass(frozen=True, order=True)
class ManifestEntry:
    """One result validation must report: the rule and the focus node (IRI and code)."""

    rule_id: str
    focus: str
    focus_code: str


@dataclass
class GeneratedCascade:
    """A generated cascade: the model, what validation must report, and counts."""

    model: Model
    manifest: list[ManifestEntry]
    stats: dict[str, int] = field(default_factory=dict)
    planted: dict[str, int] = field(default_factory=dict)

    def turtle_chunks(self, counter: list[int] | None = None) -> Iterator[str]:
        """The cascade as Turtle, in pieces (sorted subjects, prefixed names)."""
        return turtle_chunks(self.model.blocks(), counter)

    def ntriples_chunks(self, counter: list[int] | None = None) -> Iterator[str]:
        """The cascade as N-Triples, in pieces (same order as the Turtle)."""
        return ntriples_chunks(self.model.blocks(), counter)

    def turtle(self) -> str:
        return "".join(self.turtle_chunks())

    def ntriples(self) -> str:
        return "".join(self.ntriples_chunks())

    def write(self, target: Path | IO[str], *, fmt: str = "ttl") -> int:
        """Write the cascade as ``ttl`` or ``nt`` to a path or text stream; returns triples."""
        counter = [0]
        chunks = (self.ntriples_chunks if fmt == "nt" else self.turtle_chunks)(counter)
        if isinstance(target, Path):
            with target.open("w", encoding="utf-8", newline="\n") as handle:
                _write_chunks(chunks, handle)
        else:
            _write_chunks(chunks, target)
        return counter[0]

    def manifest_csv(self) -> str:
        """The manifest as CSV text: ``rule_id,focus,focus_code``, sorted."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(MANIFEST_HEADER)
        for entry in self.manifest:
            writer.writerow((entry.rule_id, entry.focus, entry.focus_code))
        return out.getvalue()

    def write_manifest(self, path: Path) -> None:
        path.write_text(self.manifest_csv(), encoding="utf-8", newline="\n")

    @cached_property
    def graph(self) -> rdflib.Graph:
        """The cascade as an rdflib graph (slow for large cascades: prefer :meth:`to_dataset`)."""
        import rdflib

        graph = rdflib.Graph()
        graph.parse(data=self.ntriples(), format="nt")
        return graph

    def triples(self) -> list[ox.Triple]:
        """The cascade's triples as parsed from its N-Triples (lexical forms kept: no store)."""
        import pyoxigraph as ox

        return [
            q.triple
            for q in ox.parse(self.ntriples().encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        ]

    def to_dataset(self) -> Dataset:
        """The cascade as a :class:`~selaras.read.Dataset` (its triples as parsed)."""
        from selaras.rdf.dataset import Dataset

        return Dataset(self.triples())


def _write_chunks(chunks: Iterator[str], handle: IO[str]) -> None:
    buffer: list[str] = []
    size = 0
    with paused_gc():
        for chunk in chunks:
            buffer.append(chunk)
            size += len(chunk)
            if size > 1 << 20:
                handle.write("".join(buffer))
                buffer.clear()
                size = 0
    handle.write("".join(buffer))


def generate_cascade(
    *,
    staff: int,
    seed: int,
    defect_rate: float = 0.0,
    year: int = 2025,
    eselon_one: Sequence[str] | None = None,
) -> GeneratedCascade:
    """Generate a Kemenkeu-shaped cascade with ``staff`` positions at Kemenkeu-Five.

    ``defect_rate`` in [0, 1]: the share of eligible nodes to break for every rule (at least
    one per rule where the cascade has a candidate). ``eselon_one``: codes of the Eselon I
    units to include (see :data:`ESELON_ONE_CODES`), all twelve by default; a smaller ministry
    keeps test cascades small. Raises UnknownNameError for an unknown code and SettingError for
    fewer staff than Eselon I units or a rate outside [0, 1] (both are ValueErrors too).
    """
    if eselon_one is not None:
        unknown = sorted(set(eselon_one) - set(ESELON_ONE_CODES))
        if unknown:
            raise UnknownNameError("Eselon I unit", unknown[0], ESELON_ONE_CODES).about(
                "eselon_one"
            )
        if not eselon_one:
            raise SettingError("eselon_one names no Eselon I unit").about("eselon_one")
    fewest = len(ESELON_ONE_CODES) if eselon_one is None else len(set(eselon_one))
    if staff < fewest:
        raise SettingError(
            f"staff must be at least {fewest}: at least one staff position per Eselon I unit"
        ).about("staff")
    if not 0.0 <= defect_rate <= 1.0:
        raise SettingError("defect_rate must be between 0 and 1").about("defect_rate")
    with paused_gc():
        first: tuple[str, ...] = ()
        for _attempt in range(ATTEMPTS):
            builder = Builder(
                staff=staff,
                rng=random.Random(f"selaras-{seed}"),
                year=year,
                eselon_one=eselon_one,
                realised=random.Random(f"selaras-realised-{seed}"),
            )
            model = builder.build()
            manifest: list[ManifestEntry] = []
            planted: dict[str, int] = {}
            if defect_rate == 0:
                break
            rng = random.Random(f"selaras-defects-{seed}")
            planter = Planter(model, builder, rng, defect_rate, planters=PLANTERS, first=first)
            planter.run()
            planted = dict(planter.planted)
            manifest = sorted(
                {ManifestEntry(rule, *focus_of((rule, node))) for rule, node in planter.findings}
            )
            # In a small cascade the rules compete for few units, and one may find no place
            # left: build the same cascade again with those rules planted first.
            missed = tuple(r for r, n in sorted(planted.items()) if n == 0)
            if not missed or set(missed) <= set(first):
                break
            first = (*first, *(r for r in missed if r not in first))
    return GeneratedCascade(model=model, manifest=manifest, stats=_stats(model), planted=planted)


def _stats(model: Model) -> dict[str, int]:
    levels = Counter(u.rank for u in model.units)
    stats = {f"units_{LEVELS[rank - 1]}": levels[rank] for rank in range(1, 7)}
    stats["units"] = len(model.units)
    stats["positions"] = sum(1 for u in model.units if u.position)
    stats["maps"] = sum(1 for u in model.units if u.has_map)
    stats["objectives"] = sum(len(u.objectives) for u in model.units)
    stats["indicators"] = sum(len(u.indicators) for u in model.units)
    stats["targets"] = sum(len(k.targets) for u in model.units for k in u.indicators)
    stats["initiatives"] = sum(len(u.initiatives) for u in model.units)
    stats["risks"] = sum(len(o.risks) for u in model.units for o in u.objectives)
    stats["contracts"] = sum(1 for u in model.units if u.contract is not None)
    return stats
