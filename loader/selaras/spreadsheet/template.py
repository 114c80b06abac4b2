"""The spreadsheet template as a contract: sheets, columns, closed lists and IRI minting.

One source of truth for the importer, the exporter and ``selaras template``. The sheet and column
names are the ones planners type; they never change. The accepted spellings of every closed list
come from the ontology (``skos:notation`` and the labels of the concepts in
``ontology/concepts.ttl``, the labels of the direction classes), plus :data:`EXTRA_SPELLINGS`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal
from urllib.parse import quote

from rdflib.namespace import RDFS, SKOS
from rdflib.term import URIRef

from selaras import resources
from selaras.errors import InputError
from selaras.namespace import SEL

#: What ``selaras export`` and ``selaras template`` write: a workbook or a CSV folder.
SPREADSHEET_FORMATS = ("xlsx", "csv")

DEFAULT_BASE = "https://w3id.org/selaras/id/"

#: What a column holds, which decides how a cell is parsed and written.
ColumnKind = Literal["code", "text", "ref", "closed", "year", "decimal", "period", "date"]


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its name, whether a value is required, and how it is read."""

    name: str
    kind: ColumnKind
    required: bool
    help_id: str
    help_en: str
    #: for ``closed`` columns: the name of the list in :func:`closed_lists`
    closed: str | None = None
    #: for ``ref`` columns: the sheet whose codes it names
    refers: str | None = None
    width: int = 14


@dataclass(frozen=True)
class Sheet:
    """One sheet (or CSV file) of the template."""

    name: str
    help_id: str
    help_en: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _code(help_id: str, help_en: str) -> Column:
    return Column("code", "code", True, help_id, help_en, width=18)


def _ref(name: str, refers: str, required: bool, help_id: str, help_en: str) -> Column:
    return Column(name, "ref", required, help_id, help_en, refers=refers, width=18)


def _closed(name: str, closed: str, required: bool, help_id: str, help_en: str) -> Column:
    return Column(name, "closed", required, help_id, help_en, closed=closed, width=20)


def _text(name: str, help_id: str, help_en: str, *, width: int = 50) -> Column:
    return Column(name, "text", True, help_id, help_en, width=width)


def _year() -> Column:
    return Column(
        "year",
        "year",
        True,
        "Tahun kinerja, empat angka, misalnya 2025.",
        "Performance year, four digits, such as 2025.",
        width=8,
    )


_CASCADE_SS = (
    "Kode SS di level lebih tinggi asal SS ini diturunkan; kosong bila SS berasal dari peta "
    "strategi unit ini."
)
_CASCADE_IKU = (
    "Kode IKU di level lebih tinggi asal IKU ini diturunkan; kosong bila tidak diturunkan."
)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "units",
        "Unit organisasi dan jabatan, satu baris per unit atau jabatan.",
        "Organisational units and positions, one row each.",
        (
            _code("Kode unik unit atau jabatan, misalnya KPPN-TJS.", "Unique code, e.g. KPPN-TJS."),
            _text("name", "Nama unit atau jabatan.", "Name of the unit or position."),
            _closed(
                "level",
                "level",
                True,
                "Level pengelolaan kinerja. Jabatan staf (pelaksana, fungsional, staf ahli) "
                "adalah unit level Five.",
                "Performance-management level. Staff positions (pelaksana, functional "
                "officials, expert staff) are units of level Five.",
            ),
            _ref(
                "parent",
                "units",
                False,
                "Kode unit atasan langsung; kosong hanya untuk unit level Wide.",
                "Code of the unit directly above; empty only for the Wide unit.",
            ),
            _closed(
                "kind",
                "unit kind",
                True,
                "Jenis unit, misalnya Kementerian, Direktorat Jenderal, Kanwil, KPPN, KPP, Seksi, "
                "Pelaksana.",
                "Kind of unit, e.g. Kementerian, Direktorat Jenderal, Kanwil, KPPN, KPP, Seksi, "
                "Pelaksana.",
            ),
            _closed(
                "strategy_map",
                "yes or no",
                False,
                "yes bila unit memiliki peta strategi, no bila tidak (ya/tidak juga diterima; "
                "kosong berarti no).",
                "yes when the unit holds a strategy map, no otherwise (empty means no).",
            ),
        ),
    ),
    Sheet(
        "directions",
        "Visi, misi dan tujuan unit.",
        "Vision, missions and goals of a unit.",
        (
            _code("Kode unik, misalnya V-KEMENKEU.", "Unique code, e.g. V-KEMENKEU."),
            _ref("unit", "units", True, "Kode unit pemilik.", "Code of the owning unit."),
            _closed(
                "kind",
                "direction kind",
                True,
                "Jenis: vision (visi), mission (misi) atau goal (tujuan).",
                "Kind: vision, mission or goal.",
            ),
            _text("text", "Rumusan visi, misi atau tujuan.", "Wording of the direction."),
        ),
    ),
    Sheet(
        "objectives",
        "Sasaran strategis (SS).",
        "Strategic objectives (SS).",
        (
            _code("Kode unik SS, misalnya SS-KPPN-TJS-1.", "Unique code, e.g. SS-KPPN-TJS-1."),
            _ref("unit", "units", True, "Kode unit pemilik SS.", "Code of the owning unit."),
            _year(),
            _closed(
                "perspective",
                "perspective",
                True,
                "Perspektif peta strategi: Stakeholder (Pemangku Kepentingan), Customer "
                "(Pelanggan), Internal Process (Proses Internal), Learning and Growth "
                "(Pembelajaran dan Pertumbuhan).",
                "Strategy-map perspective: Stakeholder, Customer, Internal Process, Learning and "
                "Growth.",
            ),
            _text(
                "statement",
                "Rumusan SS yang singkat dan kualitatif.",
                "Short, qualitative wording of the objective.",
            ),
            _ref(
                "goal",
                "directions",
                False,
                "Kode tujuan (directions, kind goal) yang didukung; boleh kosong.",
                "Code of the goal (a directions row of kind goal) it supports; optional.",
            ),
            _ref(
                "cascades_from",
                "objectives",
                False,
                _CASCADE_SS,
                "Code of the higher SS it was cascaded from; empty when it originates on this "
                "unit's map.",
            ),
            _closed(
                "cascading",
                "objective cascading type",
                False,
                "Jenis penurunan; kosong bila cascades_from kosong.",
                "Cascading type; empty when cascades_from is.",
            ),
        ),
    ),
    Sheet(
        "causes",
        "Hubungan sebab akibat antara dua SS pada peta yang sama.",
        "Cause-effect links between two objectives on the same map.",
        (
            _ref("from", "objectives", True, "Kode SS penyebab.", "Code of the cause SS."),
            _ref("to", "objectives", True, "Kode SS akibat.", "Code of the effect SS."),
        ),
    ),
    Sheet(
        "indicators",
        "Indikator kinerja utama (IKU) dan Manual IKU.",
        "Key performance indicators (IKU) and their definition sheet.",
        (
            _code("Kode unik IKU, misalnya IKU 1a-CP.", "Unique code, e.g. IKU 1a-CP."),
            _ref("objective", "objectives", True, "Kode SS yang diukur.", "Code of the SS."),
            _ref("unit", "units", True, "Kode unit pemilik IKU.", "Code of the owning unit."),
            _year(),
            _text("name", "Nama IKU.", "Name of the indicator."),
            Column(
                "measure_unit",
                "text",
                True,
                "Satuan pengukuran, misalnya persen, indeks, hari.",
                "Unit of measure, e.g. persen, indeks, hari.",
                width=14,
            ),
            _closed(
                "polarity",
                "polarity",
                True,
                "Polaritas: maximize (semakin tinggi semakin baik), minimize (semakin rendah "
                "semakin baik), stabilize (stabil di sekitar target).",
                "Which way is better: maximize (higher), minimize (lower), stabilize (near the "
                "target).",
            ),
            _closed(
                "consolidation",
                "consolidation",
                True,
                "Konsolidasi periode: sum (jumlah), average (rata-rata), last (nilai terakhir).",
                "How period values combine: sum, average, last (last known value).",
            ),
            _closed(
                "validity",
                "validity",
                True,
                "Validitas IKU terhadap SS: exact, proxy atau activity.",
                "How exactly the IKU measures its SS: exact, proxy or activity.",
            ),
            _closed(
                "control",
                "control",
                True,
                "Tingkat kendali unit: high (tinggi), moderate (sedang), low (rendah).",
                "How far the unit controls the outcome: high, moderate or low.",
            ),
            _ref(
                "cascades_from",
                "indicators",
                False,
                _CASCADE_IKU,
                "Code of the higher IKU it was cascaded from; empty when not cascaded.",
            ),
            _closed(
                "cascading",
                "indicator cascading type",
                True,
                "Jenis penurunan: full, partial, atau none bila tidak diturunkan.",
                "Cascading type: full, partial, or none when not cascaded.",
            ),
        ),
    ),
    Sheet(
        "targets",
        "Target dan realisasi IKU per periode.",
        "Indicator targets and realised values per period.",
        (
            _ref("indicator", "indicators", True, "Kode IKU.", "Code of the indicator."),
            Column(
                "period",
                "period",
                True,
                "Periode: tahun (2025), triwulan (2025-Q1 sampai 2025-Q4) atau bulan (2025-01 "
                "sampai 2025-12).",
                "Period: a year (2025), a quarter (2025-Q1 to 2025-Q4) or a month (2025-01 to "
                "2025-12).",
                width=10,
            ),
            Column(
                "target",
                "decimal",
                True,
                "Nilai target; koma atau titik desimal, misalnya 92,00.",
                "Target value; decimal comma or point, e.g. 92.00.",
                width=12,
            ),
            Column(
                "realisation",
                "decimal",
                False,
                "Nilai realisasi; boleh kosong.",
                "Realised value; optional.",
                width=12,
            ),
        ),
    ),
    Sheet(
        "initiatives",
        "Inisiatif strategis (IS).",
        "Strategic initiatives (IS).",
        (
            _code("Kode unik IS.", "Unique code of the initiative."),
            _ref("indicator", "indicators", True, "Kode IKU yang didorong.", "Code of the IKU."),
            _ref("unit", "units", True, "Kode unit pemilik.", "Code of the owning unit."),
            _text("name", "Nama inisiatif.", "Name of the initiative."),
            Column(
                "deadline",
                "date",
                False,
                "Tenggat, tanggal (2025-06-30 atau 30/06/2025); boleh kosong.",
                "Deadline, a date (2025-06-30 or 30/06/2025); optional.",
                width=12,
            ),
            Column(
                "status",
                "text",
                False,
                "Status pelaksanaan, misalnya direncanakan, berjalan, selesai; boleh kosong.",
                "Progress, e.g. planned, in progress, completed; optional.",
                width=16,
            ),
        ),
    ),
)

SHEET_NAMES: tuple[str, ...] = tuple(s.name for s in SHEETS)
#: Workbook sheets the importer skips: the instructions and the hidden drop-down lists.
INSTRUCTIONS_SHEET = "petunjuk"
LISTS_SHEET = "daftar"
RESERVED_SHEETS: tuple[str, ...] = (INSTRUCTIONS_SHEET, LISTS_SHEET)

#: The sheets whose rows define codes, and the IRI path segment of each.
CODE_KINDS: dict[str, str] = {
    "units": "unit",
    "directions": "direction",
    "objectives": "ss",
    "indicators": "iku",
    "initiatives": "is",
}

#: What one row of a code-defining sheet is called in messages.
ROW_NOUN: dict[str, str] = {
    "units": "unit",
    "directions": "direction",
    "objectives": "objective",
    "indicators": "indicator",
    "initiatives": "initiative",
}


def sheet(name: str) -> Sheet:
    """The sheet called ``name``."""
    for candidate in SHEETS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


# ---------------------------------------------------------------------------------------------
# Closed lists
# ---------------------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\-_]+")


def normalise(text: str) -> str:
    """The key a spelling is matched by: case, accents, spaces, hyphens and underscores ignored.

    >>> normalise("  Pembelajaran dan  Pertumbuhan ")
    'pembelajaran dan pertumbuhan'
    >>> normalise("Kemenkeu-Wide") == normalise("kemenkeu wide")
    True
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", folded).strip()


@dataclass(frozen=True)
class ClosedList:
    """A closed list: its canonical spellings in order, the term of each, and every spelling."""

    name: str
    values: tuple[str, ...]
    terms: tuple[URIRef | None, ...]
    #: (normalised spelling, canonical value, the spelling as first written)
    spellings: tuple[tuple[str, str, str], ...]

    def lookup(self, text: str) -> str | None:
        """The canonical value ``text`` spells, or None."""
        key = normalise(text)
        for spelling, value, _written in self.spellings:
            if spelling == key:
                return value
        return None

    def alternatives(self, value: str) -> list[str]:
        """The other accepted spellings of canonical ``value``, as written."""
        return [
            w
            for _k, v, w in self.spellings
            if v == value and normalise(w) != normalise(v) and "(" not in w
        ]

    def term(self, value: str) -> URIRef | None:
        """The ontology term of canonical ``value`` (None for lists without terms, yes/no)."""
        return self.terms[self.values.index(value)]

    def value_of(self, term: URIRef) -> str | None:
        """The canonical spelling of an ontology term, or None when it is not in this list."""
        for value, candidate in zip(self.values, self.terms, strict=True):
            if candidate == term:
                return value
        return None

    def expected(self) -> str:
        return ", ".join(self.values)


#: Spellings accepted besides the notation and labels found in the ontology (canonical -> extra).
EXTRA_SPELLINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "level": {},
    "perspective": {
        "Learning and Growth": ("Learning & Growth", "Pembelajaran & Pertumbuhan"),
    },
    "polarity": {
        "maximize": ("maximise", "max", "maksimum", "maksimal"),
        "minimize": ("minimise", "min", "minimum", "minimal"),
        "stabilize": ("stabilise", "stabil"),
    },
    "consolidation": {
        "sum": ("jumlah", "total"),
        "average": ("rata-rata", "rerata"),
        "last": ("last value", "last known value", "nilai terakhir", "terakhir"),
    },
    "validity": {
        "exact": ("eksak",),
        "proxy": ("proksi",),
        "activity": ("aktivitas", "kegiatan"),
    },
    "control": {},
    "objective cascading type": {},
    "indicator cascading type": {
        "none": ("non cascading", "tidak diturunkan"),
    },
    "unit kind": {},
    "direction kind": {},
    "yes or no": {
        "yes": ("y", "ya", "true", "benar", "1"),
        "no": ("n", "tidak", "false", "salah", "0"),
    },
}

#: The concept scheme behind each concept-backed list.
_SCHEMES: dict[str, URIRef] = {
    "level": SEL.LevelScheme,
    "unit kind": SEL.UnitKindScheme,
    "perspective": SEL.PerspectiveScheme,
    "objective cascading type": SEL.ObjectiveCascadingScheme,
    "polarity": SEL.PolarityScheme,
    "consolidation": SEL.ConsolidationScheme,
    "validity": SEL.ValidityScheme,
    "control": SEL.ControlScheme,
    "indicator cascading type": SEL.IndicatorCascadingScheme,
}

#: Direction kinds are classes, not concepts: canonical spelling -> class.
DIRECTION_CLASSES: dict[str, URIRef] = {
    "vision": SEL.Vision,
    "mission": SEL.Mission,
    "goal": SEL.Goal,
}

_PARENTHESISED = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")


def _label_spellings(label: str) -> list[str]:
    """A label and, for "A (B)" labels, A and B on their own."""
    found = [label]
    match = _PARENTHESISED.match(label.strip())
    if match:
        found += [match["outer"], match["inner"]]
    return found


def _build(
    name: str,
    entries: list[tuple[str, URIRef | None, list[str]]],
    extras: dict[str, tuple[str, ...]],
) -> ClosedList:
    seen: dict[str, tuple[str, str]] = {}
    for value, _term, spellings in entries:
        for spelling in [value, *spellings, *extras.get(value, ())]:
            key = normalise(spelling)
            if seen.setdefault(key, (value, spelling))[0] != value:
                raise ValueError(
                    f"closed list {name!r}: spelling {spelling!r} means both "
                    f"{seen[key][0]!r} and {value!r}"
                )
    return ClosedList(
        name=name,
        values=tuple(e[0] for e in entries),
        terms=tuple(e[1] for e in entries),
        spellings=tuple((key, value, written) for key, (value, written) in seen.items()),
    )


@cache
def closed_lists() -> dict[str, ClosedList]:
    """Every closed list of the template by name, read from the ontology."""
    graph = resources.ontology_graph()
    lists: dict[str, ClosedList] = {}
    for name, scheme in _SCHEMES.items():
        entries: list[tuple[str, URIRef | None, list[str]]] = []
        concepts = [c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)]
        concepts.sort(key=lambda c: int(str(graph.value(c, SEL.rank) or 0)))
        for concept in concepts:
            notation = str(graph.value(concept, SKOS.notation))
            labels = [
                str(label)
                for prop in (RDFS.label, SKOS.prefLabel)
                for label in graph.objects(concept, prop)
            ]
            spellings = [s for label in labels for s in _label_spellings(label)]
            entries.append((notation, concept, spellings))
        lists[name] = _build(name, entries, EXTRA_SPELLINGS[name])
    directions: list[tuple[str, URIRef | None, list[str]]] = [
        (value, cls, [str(label) for label in graph.objects(cls, RDFS.label)])
        for value, cls in DIRECTION_CLASSES.items()
    ]
    lists["direction kind"] = _build(
        "direction kind", directions, EXTRA_SPELLINGS["direction kind"]
    )
    lists["yes or no"] = _build(
        "yes or no", [("yes", None, []), ("no", None, [])], EXTRA_SPELLINGS["yes or no"]
    )
    return lists


def closed_list(name: str) -> ClosedList:
    return closed_lists()[name]


def unit_class(level: str) -> URIRef:
    """sel:Position for staff positions (level Five), sel:Unit otherwise."""
    return SEL.Position if level == "Five" else SEL.Unit


# ---------------------------------------------------------------------------------------------
# IRIs
# ---------------------------------------------------------------------------------------------


def segment(code: str) -> str:
    """A code as one IRI path segment: UTF-8, every byte outside A-Z a-z 0-9 - . _ ~ as %XX.

    >>> segment("IKU 1a-CP")
    'IKU%201a-CP'
    >>> segment("SS/1")
    'SS%2F1'
    """
    return quote(code, safe="-._~")


def check_base(base: str | None) -> str:
    """The IRI prefix to mint under: ``base`` (a ``/`` is added unless it ends in / or #)."""
    if base is None:
        return DEFAULT_BASE
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$", base):
        raise InputError(f"the base {base!r} is not an absolute IRI such as {DEFAULT_BASE}").about(
            "base"
        )
    return base if base.endswith(("/", "#")) else base + "/"


def mint(base: str, kind: str, *codes: str) -> URIRef:
    """``{base}{kind}/{code}[/{code}...]`` with each code made a segment by :func:`segment`."""
    return URIRef(base + kind + "/" + "/".join(segment(c) for c in codes))
