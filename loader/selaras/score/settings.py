"""The scoring settings of a regulation profile (``shapes/profiles/NAME.ttl``), read once.

Every number scoring uses comes from here, never from code: cap and floor, decimal places, the
stabilize band, proration, whether IKU weights count, perspective weights per level, colour and
NKO bands. Which settings the profile states and which it assumes is read too, so outputs can
say so. See ``docs/scores.md``.

>>> s = scoring_settings("kmk-467-2014")
>>> (s.cap, s.floor, s.places)
(Decimal('120.0'), Decimal('0.0'), 2)
>>> s.colour(Decimal("99.99")).colour, s.nko_band(Decimal("110")).label_id
('yellow', 'Sangat Baik')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from selaras import resources
from selaras.errors import InputError
from selaras.namespace import SEL
from selaras.profile_check import checked_profile_path


@dataclass(frozen=True)
class Band:
    """A range from ``minimum`` (None: everything below the other bands) with its name."""

    minimum: Decimal | None
    label_id: str
    label_en: str
    colour: str = ""
    colour_code: str = ""


@dataclass(frozen=True)
class ScoringSettings:
    """The scoring part of one profile."""

    name: str
    cap: Decimal
    floor: Decimal
    places: int
    tolerance: Decimal
    slope: Decimal
    prorate: bool
    use_weights: bool
    #: level notation -> perspective notation -> weight (percent)
    perspective_weights: dict[str, dict[str, Decimal]]
    colour_bands: tuple[Band, ...]
    nko_bands: tuple[Band, ...]
    #: local names of the settings the profile states / assumes (e.g. "achievementCap")
    stated: tuple[str, ...] = field(default=())
    assumed: tuple[str, ...] = field(default=())

    def round(self, value: Decimal) -> Decimal:
        """``value`` rounded half away from zero to the profile's decimal places."""
        return value.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)

    def colour(self, value: Decimal | None) -> Band | None:
        return _band(self.colour_bands, value)

    def nko_band(self, value: Decimal | None) -> Band | None:
        return _band(self.nko_bands, value)

    def query_params(self) -> dict[str, str | int]:
        """The parameters of the ``scores`` analysis this profile gives."""
        return {
            "cap": str(self.cap),
            "floor": str(self.floor),
            "places": self.places,
            "tolerance": str(self.tolerance),
            "slope": str(self.slope),
            "prorate": 1 if self.prorate else 0,
        }


def _band(bands: tuple[Band, ...], value: Decimal | None) -> Band | None:
    if value is None:
        return None
    for band in bands:  # highest minimum first, the open band last
        if band.minimum is None or value >= band.minimum:
            return band
    return None


def _one(graph: rdflib.Graph, node: rdflib.term.Node, prop: rdflib.URIRef, path: Path) -> str:
    values = list(graph.objects(node, prop))
    if len(values) != 1:
        local = str(prop).rsplit("#", 1)[-1]
        raise InputError(
            f"the profile needs exactly one sel:{local} for scoring, it has {len(values)}",
            path=path,
        )
    return str(values[0])


def _labels(graph: rdflib.Graph, node: rdflib.term.Node) -> tuple[str, str]:
    labels = {getattr(o, "language", None): str(o) for o in graph.objects(node, RDFS.label)}
    english = labels.get("en", labels.get(None, ""))
    return labels.get("id", english), english


def _bands(graph: rdflib.Graph, profile: rdflib.term.Node, prop: rdflib.URIRef) -> tuple[Band, ...]:
    bands = []
    for node in graph.objects(profile, prop):
        minimum = graph.value(node, SEL.minimumScore)
        label_id, label_en = _labels(graph, node)
        bands.append(
            Band(
                minimum=None if minimum is None else Decimal(str(minimum)),
                label_id=label_id,
                label_en=label_en,
                colour=str(graph.value(node, SEL.colour) or ""),
                colour_code=str(graph.value(node, SEL.colourCode) or ""),
            )
        )
    bands.sort(key=lambda b: (b.minimum is None, -(b.minimum or 0)))
    return tuple(bands)


@cache
def scoring_settings(profile: str = resources.DEFAULT_PROFILE) -> ScoringSettings:
    """The scoring settings of ``profile`` (a bundled name or a path to a ``.ttl``).

    Raises UnknownNameError for an unknown name, InputError when a setting scoring needs is
    missing or repeated.
    """
    path = checked_profile_path(profile)
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    graph += resources.ontology_graph()
    found = list(graph.subjects(RDF.type, SEL.RegulationProfile))
    if len(found) != 1:
        raise InputError(f"a profile holds one sel:RegulationProfile, not {len(found)}", path=path)
    node = found[0]
    weights: dict[str, dict[str, Decimal]] = {}
    for weight in graph.objects(node, SEL.perspectiveWeight):
        level = graph.value(graph.value(weight, SEL.appliesToLevel), SKOS.notation)
        perspective = graph.value(graph.value(weight, SEL.forPerspective), SKOS.notation)
        value = graph.value(weight, SEL.weight)
        if level is None or perspective is None or value is None:
            raise InputError(
                "a sel:PerspectiveWeight needs sel:appliesToLevel, sel:forPerspective and "
                "sel:weight",
                path=path,
            )
        weights.setdefault(str(level), {})[str(perspective)] = Decimal(str(value))
    places = int(_one(graph, node, SEL.scoreDecimalPlaces, path))
    if not 0 <= places <= 4:
        raise InputError(f"sel:scoreDecimalPlaces must be 0 to 4, not {places}", path=path)

    def local(prop: rdflib.URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(o).rsplit("#", 1)[-1] for o in graph.objects(node, prop)))

    return ScoringSettings(
        name=path.stem,
        cap=Decimal(_one(graph, node, SEL.achievementCap, path)),
        floor=Decimal(_one(graph, node, SEL.achievementFloor, path)),
        places=places,
        tolerance=Decimal(_one(graph, node, SEL.stabilizeTolerance, path)),
        slope=Decimal(_one(graph, node, SEL.stabilizeSlope, path)),
        prorate=_one(graph, node, SEL.prorateAnnualTarget, path) == "true",
        use_weights=_one(graph, node, SEL.useIndicatorWeights, path) == "true",
        perspective_weights=weights,
        colour_bands=_bands(graph, node, SEL.colourBand),
        nko_bands=_bands(graph, node, SEL.nkoBand),
        stated=local(SEL.statedSetting),
        assumed=local(SEL.assumedSetting),
    )
