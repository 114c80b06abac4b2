"""Build a conforming synthetic cascade: the unit tree, then objectives and indicators top-down.

The tree follows the ministry's shape: Kemenkeu-Wide, twelve Eselon I units, their headquarters
directorates and regional offices (Kanwil) at Two, vertical service offices (KPP, KPPBC, KPPN,
KPKNL, holding strategy maps) and other Eselon III units at Three, sections at Four and staff
positions at Five. Staff are spread over the Eselon I units in proportion to their real size,
and each level is split so that a unit has a realistic number of children.

Objectives are cascaded parent to children: a parent objective that exactly one child receives
is cascaded directly (same statement and perspective), one that several children receive is
cascaded indirectly (a narrower scope). Map holders formulate their own objectives for the
perspectives they did not receive. Everything stays within the regulation profile
``kmk-467-2014`` (contract limits, at most three indicators per objective at map holders, no
forbidden quality, no activity-only objective at map holders) so the result conforms.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from selaras.generate import vocab
from selaras.generate.measures import Measures
from selaras.generate.model import (
    FIVE,
    FOUR,
    LEVELS,
    ONE,
    THREE,
    TWO,
    WIDE,
    Direction,
    Model,
    Objective,
    Unit,
)

#: Staff of the whole ministry; regional networks are scaled against it.
FULL_STAFF = 80_000
MAX_WORDS = 12


def compose(noun: str, scope: str, adjective: str) -> str:
    words = [noun, scope, "yang", adjective] if scope else [noun, "yang", adjective]
    text = " ".join(words)
    assert len(text.split()) <= MAX_WORDS, text
    return text


def fitting_scopes(noun: str, adjective: str, avoid: str) -> list[str]:
    """Scopes that differ from ``avoid`` and keep the statement within the word limit."""
    room = MAX_WORDS - len(noun.split()) - len(adjective.split()) - 1
    return [s for s in vocab.SCOPES if s != avoid and len(s.split()) <= room]


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` positive integers with some spread (parts <= total)."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    return allocate(total, weights)


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Largest-remainder split of ``total`` by ``weights``, at least 1 each (total >= len)."""
    n = len(weights)
    rest = total - n
    scale = sum(weights)
    raw = [rest * w / scale for w in weights]
    out = [int(r) for r in raw]
    order = sorted(range(n), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: rest - sum(out)]:
        out[i] += 1
    return [o + 1 for o in out]


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


class Builder(Measures):
    """Builds one :class:`Model` from ``rng``; realised values come from ``realised``."""

    def __init__(
        self,
        *,
        staff: int,
        rng: random.Random,
        year: int,
        eselon_one: Sequence[str] | None = None,
        realised: random.Random,
    ) -> None:
        self.staff = staff
        self.chosen = [
            i for i, e in enumerate(vocab.ESELON_ONE) if eselon_one is None or e.code in eselon_one
        ]
        self.rng = rng
        # Realised values draw from their own stream, so adding or changing realisations never
        # moves the rest of the cascade (nor the defects planted into it).
        self.realised = realised
        self.year = str(year)
        self.units: list[Unit] = []
        self._eselon = -1

    # --- units ---------------------------------------------------------------------------

    def _unit(
        self,
        key: str,
        label: str,
        rank: int,
        kind: str,
        parent: Unit | None,
        *,
        position: bool = False,
        has_map: bool = False,
        short: str = "",
    ) -> Unit:
        unit = Unit(
            key=key,
            code=key,
            label=label,
            rank=rank,
            level=LEVELS[rank - 1],
            kind=kind,
            position=position,
            has_map=has_map,
            short=short or label,
            eselon=self._eselon,
        )
        if parent is not None:
            unit.parents.append(parent)
            parent.children.append(unit)
        self.units.append(unit)
        return unit

    def build(self) -> Model:
        ministry = self._unit(
            vocab.MINISTRY_CODE, vocab.MINISTRY_LABEL, WIDE, "Kementerian", None, has_map=True
        )
        weights = [vocab.ESELON_ONE[i].weight for i in self.chosen]
        total = sum(e.weight for e in vocab.ESELON_ONE)
        for index, budget in zip(self.chosen, allocate(self.staff, weights), strict=True):
            spec = vocab.ESELON_ONE[index]
            self._eselon = index
            unit = self._unit(spec.code, spec.label, ONE, spec.kind, ministry, has_map=True)
            unit.short = spec.code
            self._eselon_one(unit, spec, budget, total)
        model = Model(year=self.year, ministry=ministry, units=self.units)
        self._ministry_objectives(ministry)
        for unit in self.units:
            self._distribute(unit)
        self._lone_partials_are_full()
        return model

    def _eselon_one(self, unit: Unit, spec: vocab.EselonOne, budget: int, total: float) -> None:
        vertical = spec.vertical
        regional = 0
        if vertical is not None and budget >= 4:
            regional = budget - max(1, round(budget * (1 - vertical.share)))
        hq = budget - regional
        count = min(_clamp(hq / 60, 1, len(spec.units)), hq)
        for i, part in enumerate(split(hq, count, self.rng)):
            name = spec.units[i]
            secretariat = name.startswith(("Sekretariat", "Biro"))
            kind = "Sekretariat" if name.startswith("Sekretariat") else "Direktorat"
            two = self._unit(f"{spec.code}-D{i + 1:02d}", name, TWO, kind, unit, has_map=True)
            self._headquarters(two, part, spec, secretariat=secretariat)
        if vertical is None or regional == 0:
            return
        full = FULL_STAFF * spec.weight / total * vertical.share
        count = min(
            _clamp(vertical.kanwil_count * regional / full, 1, vertical.kanwil_count),
            regional // 2 or 1,
        )
        provinces = sorted(self.rng.sample(range(len(vocab.PROVINCES)), count))
        for j, (province, part) in enumerate(
            zip(provinces, split(regional, count, self.rng), strict=True)
        ):
            region, towns = vocab.PROVINCES[province]
            label = vertical.kanwil_label.format(region=region)
            short = label.replace("Kantor Wilayah", "Kanwil").replace(" Provinsi", "")
            kanwil = self._unit(
                f"{spec.code}-KW{j + 1:02d}", label, TWO, "Kanwil", unit, has_map=True, short=short
            )
            self._kanwil(kanwil, spec, vertical, part, towns)

    def _headquarters(
        self, two: Unit, budget: int, spec: vocab.EselonOne, *, secretariat: bool
    ) -> None:
        topics = vocab.SECRETARIAT_TOPICS if secretariat else vocab.HQ_TOPICS
        count = min(_clamp(budget / 45, 1, len(topics)), budget)
        chosen = sorted(self.rng.sample(range(len(topics)), count))
        kind = "Bagian" if secretariat else "Subdirektorat"
        for k, (topic, part) in enumerate(zip(chosen, split(budget, count, self.rng), strict=True)):
            three = self._unit(
                f"{two.key}-{'BAG' if secretariat else 'SD'}{k + 1:02d}",
                f"{kind} {topics[topic]}, {two.label}",
                THREE,
                kind,
                two,
                short=f"{kind} {topics[topic]}",
            )
            self._sections(three, part, spec, "Subbagian" if secretariat else "Seksi")

    def _sections(self, three: Unit, budget: int, spec: vocab.EselonOne, kind: str) -> None:
        topics = vocab.SECTION_TOPICS
        count = min(_clamp(budget / 9, 1, len(topics)), budget)
        chosen = sorted(self.rng.sample(range(len(topics)), count))
        for m, (topic, part) in enumerate(zip(chosen, split(budget, count, self.rng), strict=True)):
            four = self._unit(
                f"{three.key}-S{m + 1:02d}",
                f"{kind} {topics[topic]}, {three.short}",
                FOUR,
                kind,
                three,
            )
            self._positions(four, part, spec)

    def _kanwil(
        self,
        kanwil: Unit,
        spec: vocab.EselonOne,
        vertical: vocab.Vertical,
        budget: int,
        towns: Sequence[str],
    ) -> None:
        own = max(2, round(budget * 0.07)) if budget >= 8 else max(1, budget // 3)
        offices = budget - own
        fields = min(_clamp(own / 12, 1, len(vertical.fields)), own)
        for f, part in enumerate(split(own, fields, self.rng)):
            name = vertical.fields[f]
            kind = "Bagian" if name.startswith("Bagian") else "Bidang"
            three = self._unit(
                f"{kanwil.key}-BID{f + 1:02d}",
                f"{name} {kanwil.short}",
                THREE,
                kind,
                kanwil,
                short=name,
            )
            self._sections(three, part, spec, "Subbagian" if kind == "Bagian" else "Seksi")
        if offices <= 0:
            return
        count = min(_clamp(offices / vertical.office_size, 1, 8 * len(towns)), offices)
        for i, part in enumerate(split(offices, count, self.rng)):
            town = towns[i % len(towns)]
            if i >= len(towns):
                town = f"{town} {vocab.REPEAT_WORDS[i // len(towns)]}"
            label = vertical.office_label.format(city=town)
            office = self._unit(
                f"{kanwil.key}-{vertical.office_kind}{i + 1:02d}",
                label,
                THREE,
                vertical.office_kind,
                kanwil,
                has_map=True,
            )
            names = vertical.sections
            n = min(_clamp(part / 8, 1, len(names)), part)
            chosen = sorted(self.rng.sample(range(len(names)), n))
            for m, (section, share) in enumerate(
                zip(chosen, split(part, n, self.rng), strict=True)
            ):
                name = names[section]
                four = self._unit(
                    f"{office.key}-S{m + 1:02d}",
                    f"{name} {label}",
                    FOUR,
                    "Subbagian" if name.startswith("Subbagian") else "Seksi",
                    office,
                )
                self._positions(four, share, spec)

    def _positions(self, four: Unit, count: int, spec: vocab.EselonOne) -> None:
        for p in range(count):
            functional = self.rng.random() < 0.3
            role = self.rng.choice(spec.functional if functional else vocab.STAFF_ROLES)
            self._unit(
                f"{four.key}-P{p + 1:03d}",
                f"{role} {p + 1}, {four.label}",
                FIVE,
                "PejabatFungsional" if functional else "Pelaksana",
                four,
                position=True,
            )

    # --- objectives ------------------------------------------------------------------------

    def _ministry_objectives(self, ministry: Unit) -> None:
        code = vocab.MINISTRY_CODE
        ministry.directions.append(
            Direction(f"{code}-VISI", f"{code}-VISI", "Vision", vocab.VISION, ministry)
        )
        for i, text in enumerate(vocab.MISSIONS, 1):
            ministry.directions.append(
                Direction(f"{code}-MISI-{i}", f"{code}-MISI-{i}", "Mission", text, ministry)
            )
        vision = ministry.directions[0]
        missions = ministry.directions[1:]
        for mission in missions:
            mission.realises.append(vision)
        goals = [
            Direction(f"{code}-TUJUAN-{i}", f"{code}-TUJUAN-{i}", "Goal", text, ministry)
            for i, text in enumerate(vocab.GOALS, 1)
        ]
        # goal i realises the mission of the same place (the lists are paraphrases side by side)
        for i, aim in enumerate(goals):
            aim.realises.append(missions[min(i + 1, len(missions) - 1)])
        # one sasaran per goal: the goal's condition for the planning period (KMK 467: sasaran
        # make a goal reachable; the ministry's SS are formulated from them)
        sasaran = [
            Direction(
                f"{code}-SASARAN-{i}",
                f"{code}-SASARAN-{i}",
                "Sasaran",
                f"{aim.text} pada periode {self.year}",
                ministry,
                [aim],
            )
            for i, aim in enumerate(goals, 1)
        ]
        ministry.directions.extend(goals)
        ministry.directions.extend(sasaran)
        for perspective, noun, adjective, goal, _indicator in vocab.MINISTRY_OBJECTIVES:
            objective = self._objective(ministry, noun, "", adjective, perspective)
            objective.goals.append(goals[goal])
            objective.sasaran.append(sasaran[goal])
        self._finish(ministry)

    def _objective(
        self, unit: Unit, noun: str, scope: str, adjective: str, perspective: int
    ) -> Objective:
        objective = Objective(
            key="",
            code=None,
            owner=unit,
            noun=noun,
            scope=scope,
            adjective=adjective,
            statement=compose(noun, scope, adjective),
            unit=unit,
            year=self.year,
            perspective=perspective,
        )
        unit.objectives.append(objective)
        return objective

    def _receive_count(self, child: Unit) -> int:
        rng = self.rng
        if child.rank == ONE:
            return rng.randint(5, 7)
        if child.rank == TWO:
            return rng.randint(4, 6)
        if child.rank == THREE:
            return rng.randint(4, 5) if child.has_map else rng.randint(2, 4)
        if child.rank == FOUR:
            return rng.randint(2, 3)
        return 1 if rng.random() < 0.85 else 2

    def _choose(self, objectives: list[Objective], count: int, cover: bool) -> list[int]:
        rng = self.rng
        count = min(count, len(objectives))
        picked: list[int] = []
        if cover:
            by_perspective: dict[int, list[int]] = {}
            for i, o in enumerate(objectives):
                by_perspective.setdefault(o.perspective or 0, []).append(i)
            for p in sorted(by_perspective):
                if len(picked) < count:
                    picked.append(rng.choice(by_perspective[p]))
        rest = [i for i in range(len(objectives)) if i not in picked]
        picked.extend(rng.sample(rest, count - len(picked)))
        return sorted(picked)

    def _distribute(self, parent: Unit) -> None:
        """Cascade the parent's objectives to its children, then finish each child."""
        if not parent.children:
            return
        sources = parent.objectives
        receivers: list[list[Unit]] = [[] for _ in sources]
        for child in parent.children:
            for i in self._choose(sources, self._receive_count(child), child.has_map):
                receivers[i].append(child)
        for source, children in zip(sources, receivers, strict=True):
            for child in children:
                self._receive(source, child, direct=len(children) == 1)
        for child in parent.children:
            if child.has_map:
                self._originate(child)
            self._finish(child)

    def _receive(self, source: Objective, child: Unit, *, direct: bool) -> None:
        assert source.perspective is not None
        if direct:
            objective = self._objective(
                child, source.noun, source.scope, source.adjective, source.perspective
            )
            objective.statement = source.statement
            objective.cascading = "DirectCascading"
        else:
            scope = self.rng.choice(fitting_scopes(source.noun, source.adjective, source.scope))
            perspective = source.perspective
            if perspective > 1 and self.rng.random() < 0.1:
                perspective -= 1
            objective = self._objective(child, source.noun, scope, source.adjective, perspective)
            objective.cascading = "IndirectCascading"
        objective.source = source
        source.receivers.append(objective)

    def _originate(self, unit: Unit) -> None:
        rng = self.rng
        spec = vocab.ESELON_ONE[unit.eselon]
        present = {o.perspective for o in unit.objectives}
        perspectives = [p for p in (1, 2, 3, 4) if p not in present]
        extra = rng.randint(1, 2) if unit.rank <= TWO else int(rng.random() < 0.3)
        perspectives.extend(rng.choice((3, 4)) for _ in range(extra))
        used = {o.noun for o in unit.objectives}
        for perspective in perspectives:
            pool = vocab.SUPPORT_NOUNS if perspective == 4 else spec.nouns
            fresh = [n for n in pool if n not in used] or list(pool)
            noun = rng.choice(fresh)
            used.add(noun)
            self._objective(unit, noun, "", rng.choice(vocab.ADJECTIVES), perspective)
