"""Names the generator draws from: Kemenkeu units, regions, objective and indicator wording.

Eselon I and Eselon II names follow the ministry's public organisation charts; vertical offices
take the names of real provinces and towns, but which office sits where, and everything below
Eselon II, is synthetic. Objective statements are built as ``noun [scope] yang adjective`` so
that they stay short (at most 12 words) and qualitative (no digits, no quantitative word).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vertical:
    """The regional network of an Eselon I unit: Kanwil (Two) and service offices (Three)."""

    kanwil_label: str  # format with {region}
    kanwil_count: int  # number of Kanwil at full scale
    office_kind: str  # SEL local name of the office kind
    office_label: str  # format with {city}
    office_size: int  # staff of one office at full scale
    sections: tuple[str, ...]  # Eselon IV sections of an office
    fields: tuple[str, ...]  # Eselon III fields (Bidang) of a Kanwil
    share: float = 0.88  # share of the Eselon I staff in the regions


@dataclass(frozen=True)
class EselonOne:
    code: str
    label: str
    kind: str
    weight: float  # share of the ministry's staff
    units: tuple[str, ...]  # Eselon II headquarters units, the secretariat first
    nouns: tuple[str, ...]  # subject matter of its objectives
    functional: tuple[str, ...]  # functional positions (jabatan fungsional)
    vertical: Vertical | None = field(default=None)


def _sections(*names: str) -> tuple[str, ...]:
    return tuple(names)


ESELON_ONE: tuple[EselonOne, ...] = (
    EselonOne(
        "SETJEN",
        "Sekretariat Jenderal",
        "SekretariatJenderal",
        0.040,
        (
            "Biro Perencanaan dan Keuangan",
            "Biro Sumber Daya Manusia",
            "Biro Organisasi dan Ketatalaksanaan",
            "Biro Advokasi",
            "Biro Komunikasi dan Layanan Informasi",
            "Biro Umum",
            "Biro Manajemen Barang Milik Negara dan Pengadaan",
            "Pusat Sistem Informasi dan Teknologi Keuangan",
            "Pusat Pembinaan Profesi Keuangan",
            "Pusat Analisis dan Harmonisasi Kebijakan",
        ),
        (
            "Dukungan manajemen",
            "Pengelolaan sumber daya manusia",
            "Layanan informasi publik",
            "Tata kelola teknologi informasi",
            "Advokasi hukum",
            "Pengelolaan barang milik negara internal",
        ),
        ("Analis Sumber Daya Manusia Aparatur", "Pranata Komputer", "Pranata Humas", "Arsiparis"),
    ),
    EselonOne(
        "ITJEN",
        "Inspektorat Jenderal",
        "InspektoratJenderal",
        0.008,
        (
            "Sekretariat Inspektorat Jenderal",
            "Inspektorat I",
            "Inspektorat II",
            "Inspektorat III",
            "Inspektorat IV",
            "Inspektorat V",
            "Inspektorat VI",
            "Inspektorat VII",
            "Inspektorat Bidang Investigasi",
        ),
        (
            "Pengawasan intern",
            "Penjaminan kualitas",
            "Pencegahan korupsi",
            "Manajemen risiko unit",
        ),
        ("Auditor", "Pranata Komputer"),
    ),
    EselonOne(
        "DJA",
        "Direktorat Jenderal Anggaran",
        "DirektoratJenderal",
        0.008,
        (
            "Sekretariat Direktorat Jenderal Anggaran",
            "Direktorat Penyusunan APBN",
            "Direktorat Anggaran Bidang Perekonomian dan Kemaritiman",
            "Direktorat Anggaran Bidang Pembangunan Manusia dan Kebudayaan",
            "Direktorat Anggaran Bidang Politik, Hukum, Pertahanan dan Keamanan, "
            "dan Bagian Anggaran BUN",
            "Direktorat Penerimaan Negara Bukan Pajak Sumber Daya Alam "
            "dan Kekayaan Negara Dipisahkan",
            "Direktorat Penerimaan Negara Bukan Pajak Kementerian/Lembaga",
            "Direktorat Sistem Penganggaran",
            "Direktorat Harmonisasi Peraturan Penganggaran",
        ),
        (
            "Perencanaan anggaran",
            "Penerimaan negara bukan pajak",
            "Alokasi belanja negara",
            "Sistem penganggaran",
        ),
        ("Analis Anggaran", "Pranata Komputer"),
    ),
    EselonOne(
        "DJP",
        "Direktorat Jenderal Pajak",
        "DirektoratJenderal",
        0.560,
        (
            "Sekretariat Direktorat Jenderal Pajak",
            "Direktorat Peraturan Perpajakan I",
            "Direktorat Peraturan Perpajakan II",
            "Direktorat Pemeriksaan dan Penagihan",
            "Direktorat Intelijen Perpajakan",
            "Direktorat Penegakan Hukum",
            "Direktorat Keberatan dan Banding",
            "Direktorat Potensi, Kepatuhan, dan Penerimaan",
            "Direktorat Ekstensifikasi dan Penilaian",
            "Direktorat Perpajakan Internasional",
            "Direktorat Penyuluhan, Pelayanan, dan Hubungan Masyarakat",
            "Direktorat Teknologi Informasi dan Komunikasi",
            "Direktorat Data dan Informasi Perpajakan",
            "Direktorat Transformasi Proses Bisnis",
            "Direktorat Kepatuhan Internal dan Transformasi Sumber Daya Aparatur",
        ),
        (
            "Penerimaan pajak",
            "Kepatuhan wajib pajak",
            "Pelayanan perpajakan",
            "Pengawasan wajib pajak",
            "Penegakan hukum perpajakan",
            "Edukasi perpajakan",
        ),
        ("Pemeriksa Pajak", "Penyuluh Pajak", "Penilai Pajak", "Pranata Komputer"),
        Vertical(
            "Kantor Wilayah DJP {region}",
            34,
            "KPP",
            "KPP Pratama {city}",
            110,
            _sections(
                "Seksi Pelayanan",
                "Seksi Pengawasan I",
                "Seksi Pengawasan II",
                "Seksi Pengawasan III",
                "Seksi Pengawasan IV",
                "Seksi Pemeriksaan, Penilaian, dan Penagihan",
                "Seksi Penjaminan Kualitas Data",
                "Subbagian Umum dan Kepatuhan Internal",
            ),
            (
                "Bidang Data dan Pengawasan Potensi Perpajakan",
                "Bidang Pemeriksaan, Penagihan, Intelijen, dan Penyidikan",
                "Bidang Keberatan, Banding, dan Pengurangan",
                "Bidang Penyuluhan, Pelayanan, dan Hubungan Masyarakat",
                "Bagian Umum",
            ),
        ),
    ),
    EselonOne(
        "DJBC",
        "Direktorat Jenderal Bea dan Cukai",
        "DirektoratJenderal",
        0.200,
        (
            "Sekretariat Direktorat Jenderal Bea dan Cukai",
            "Direktorat Teknis Kepabeanan",
            "Direktorat Fasilitas Kepabeanan",
            "Direktorat Teknis dan Fasilitas Cukai",
            "Direktorat Penindakan dan Penyidikan",
            "Direktorat Audit Kepabeanan dan Cukai",
            "Direktorat Keberatan Banding dan Peraturan",
            "Direktorat Kepabeanan Internasional dan Antar Lembaga",
            "Direktorat Informasi Kepabeanan dan Cukai",
            "Direktorat Kepatuhan Internal",
            "Direktorat Komunikasi dan Bimbingan Pengguna Jasa",
        ),
        (
            "Penerimaan kepabeanan dan cukai",
            "Fasilitasi perdagangan",
            "Pengawasan kepabeanan",
            "Layanan kepabeanan",
            "Pengendalian barang kena cukai",
        ),
        ("Pemeriksa Bea dan Cukai", "Penyidik Bea dan Cukai", "Pranata Komputer"),
        Vertical(
            "Kantor Wilayah DJBC {region}",
            16,
            "KPPBC",
            "KPPBC Tipe Madya Pabean C {city}",
            100,
            _sections(
                "Seksi Penindakan dan Penyidikan",
                "Seksi Perbendaharaan",
                "Seksi Pelayanan Kepabeanan dan Cukai",
                "Seksi Kepatuhan Internal dan Penyuluhan",
                "Seksi Pengolahan Data dan Administrasi Dokumen",
                "Subbagian Umum",
            ),
            (
                "Bidang Kepabeanan dan Cukai",
                "Bidang Fasilitas Kepabeanan dan Cukai",
                "Bidang Penindakan dan Penyidikan",
                "Bidang Kepatuhan Internal",
                "Bagian Umum",
            ),
        ),
    ),
    EselonOne(
        "DJPB",
        "Direktorat Jenderal Perbendaharaan",
        "DirektoratJenderal",
        0.075,
        (
            "Sekretariat Direktorat Jenderal Perbendaharaan",
            "Direktorat Pelaksanaan Anggaran",
            "Direktorat Pengelolaan Kas Negara",
            "Direktorat Akuntansi dan Pelaporan Keuangan",
            "Direktorat Sistem Perbendaharaan",
            "Direktorat Pembinaan Pengelolaan Keuangan Badan Layanan Umum",
            "Direktorat Sistem Informasi dan Teknologi Perbendaharaan",
        ),
        (
            "Pelaksanaan anggaran",
            "Pengelolaan kas negara",
            "Akuntansi dan pelaporan keuangan",
            "Layanan perbendaharaan",
            "Pembinaan satuan kerja",
        ),
        ("Pranata Keuangan APBN", "Analis Perbendaharaan Negara", "Pranata Komputer"),
        Vertical(
            "Kantor Wilayah DJPb Provinsi {region}",
            34,
            "KPPN",
            "KPPN {city}",
            35,
            _sections(
                "Seksi Pencairan Dana",
                "Seksi Bank",
                "Seksi Verifikasi dan Akuntansi",
                "Seksi Manajemen Satker dan Kepatuhan Internal",
                "Subbagian Umum",
            ),
            (
                "Bidang Pembinaan Pelaksanaan Anggaran I",
                "Bidang Pembinaan Pelaksanaan Anggaran II",
                "Bidang Pembinaan Akuntansi dan Pelaporan Keuangan",
                "Bidang Supervisi KPPN dan Kepatuhan Internal",
                "Bagian Umum",
            ),
        ),
    ),
    EselonOne(
        "DJKN",
        "Direktorat Jenderal Kekayaan Negara",
        "DirektoratJenderal",
        0.048,
        (
            "Sekretariat Direktorat Jenderal Kekayaan Negara",
            "Direktorat Barang Milik Negara",
            "Direktorat Kekayaan Negara Dipisahkan",
            "Direktorat Piutang Negara dan Kekayaan Negara Lain-lain",
            "Direktorat Lelang",
            "Direktorat Penilaian",
            "Direktorat Hukum dan Hubungan Masyarakat",
            "Direktorat Perumusan Kebijakan Kekayaan Negara",
        ),
        (
            "Pengelolaan barang milik negara",
            "Layanan lelang",
            "Pengurusan piutang negara",
            "Penilaian kekayaan negara",
        ),
        ("Penilai Pemerintah", "Pelelang", "Pranata Komputer"),
        Vertical(
            "Kantor Wilayah DJKN {region}",
            17,
            "KPKNL",
            "KPKNL {city}",
            40,
            _sections(
                "Seksi Pengelolaan Kekayaan Negara",
                "Seksi Pelayanan Penilaian",
                "Seksi Piutang Negara",
                "Seksi Pelayanan Lelang",
                "Seksi Hukum dan Informasi",
                "Seksi Kepatuhan Internal",
                "Subbagian Umum",
            ),
            (
                "Bidang Pengelolaan Kekayaan Negara",
                "Bidang Penilaian",
                "Bidang Piutang Negara",
                "Bidang Lelang",
                "Bidang Kepatuhan Internal, Hukum, dan Informasi",
                "Bagian Umum",
            ),
        ),
    ),
    EselonOne(
        "DJPK",
        "Direktorat Jenderal Perimbangan Keuangan",
        "DirektoratJenderal",
        0.006,
        (
            "Sekretariat Direktorat Jenderal Perimbangan Keuangan",
            "Direktorat Dana Transfer Umum",
            "Direktorat Dana Transfer Khusus",
            "Direktorat Pembiayaan dan Kapasitas Daerah",
            "Direktorat Pajak Daerah dan Retribusi Daerah",
            "Direktorat Evaluasi Pengelolaan dan Informasi Keuangan Daerah",
        ),
        (
            "Transfer ke daerah",
            "Pengelolaan keuangan daerah",
            "Kapasitas fiskal daerah",
            "Pajak daerah dan retribusi daerah",
        ),
        ("Analis Keuangan Pusat dan Daerah", "Pranata Komputer"),
    ),
    EselonOne(
        "DJPPR",
        "Direktorat Jenderal Pengelolaan Pembiayaan dan Risiko",
        "DirektoratJenderal",
        0.005,
        (
            "Sekretariat Direktorat Jenderal Pengelolaan Pembiayaan dan Risiko",
            "Direktorat Surat Utang Negara",
            "Direktorat Pembiayaan Syariah",
            "Direktorat Strategi dan Portofolio Pembiayaan",
            "Direktorat Pinjaman dan Hibah",
            "Direktorat Evaluasi, Akuntansi, dan Setelmen",
            "Direktorat Pengelolaan Risiko Keuangan Negara",
            "Direktorat Pengelolaan Dukungan Pemerintah dan Pembiayaan Infrastruktur",
        ),
        (
            "Pembiayaan anggaran",
            "Pengelolaan risiko keuangan negara",
            "Portofolio utang",
            "Dukungan pembiayaan infrastruktur",
        ),
        ("Analis Pembiayaan", "Pranata Komputer"),
    ),
    EselonOne(
        "BKF",
        "Badan Kebijakan Fiskal",
        "Badan",
        0.005,
        (
            "Sekretariat Badan Kebijakan Fiskal",
            "Pusat Kebijakan Ekonomi Makro",
            "Pusat Kebijakan Pendapatan Negara",
            "Pusat Kebijakan Anggaran Pendapatan dan Belanja Negara",
            "Pusat Kebijakan Sektor Keuangan",
            "Pusat Kebijakan Pembiayaan Perubahan Iklim dan Multilateral",
            "Pusat Kebijakan Regional dan Bilateral",
        ),
        (
            "Rekomendasi kebijakan fiskal",
            "Analisis ekonomi makro",
            "Kebijakan pendapatan negara",
            "Kebijakan sektor keuangan",
        ),
        ("Analis Kebijakan", "Peneliti"),
    ),
    EselonOne(
        "BPPK",
        "Badan Pendidikan dan Pelatihan Keuangan",
        "Badan",
        0.020,
        (
            "Sekretariat Badan Pendidikan dan Pelatihan Keuangan",
            "Pusat Pendidikan dan Pelatihan Anggaran dan Perbendaharaan",
            "Pusat Pendidikan dan Pelatihan Pajak",
            "Pusat Pendidikan dan Pelatihan Bea dan Cukai",
            "Pusat Pendidikan dan Pelatihan Kekayaan Negara dan Perimbangan Keuangan",
            "Pusat Pendidikan dan Pelatihan Kepemimpinan dan Manajerial",
            "Pusat Pendidikan dan Pelatihan Keuangan Umum",
        ),
        (
            "Pembelajaran pegawai",
            "Penyelenggaraan pelatihan",
            "Pengembangan kompetensi",
            "Manajemen pengetahuan",
        ),
        ("Widyaiswara", "Pengembang Teknologi Pembelajaran"),
    ),
    EselonOne(
        "LNSW",
        "Lembaga National Single Window",
        "Badan",
        0.004,
        (
            "Sekretariat Lembaga National Single Window",
            "Direktorat Pengelolaan Sistem Indonesia National Single Window",
            "Direktorat Layanan dan Kerja Sama",
            "Direktorat Data dan Analitik",
        ),
        (
            "Layanan ekspor dan impor terintegrasi",
            "Sistem national single window",
            "Integrasi data perdagangan",
        ),
        ("Pranata Komputer", "Analis Data"),
    ),
)

#: Eselon III topics of headquarters units (Subdirektorat under a Direktorat, Bagian under a
#: secretariat or Biro) and Eselon IV topics below them.
HQ_TOPICS: tuple[str, ...] = (
    "Perencanaan",
    "Evaluasi",
    "Pengembangan Sistem",
    "Pelaksanaan",
    "Pembinaan",
    "Pengawasan",
    "Data dan Informasi",
    "Kerja Sama",
    "Peraturan",
    "Analisis",
    "Standardisasi",
    "Pelaporan",
)
SECRETARIAT_TOPICS: tuple[str, ...] = (
    "Perencanaan dan Keuangan",
    "Kepegawaian",
    "Organisasi dan Tata Laksana",
    "Umum",
    "Hukum",
    "Kepatuhan Internal",
)
SECTION_TOPICS: tuple[str, ...] = (
    "Perencanaan",
    "Pelaporan",
    "Evaluasi",
    "Pengolahan Data",
    "Pelaksanaan",
    "Administrasi",
    "Analisis",
    "Pemantauan",
)
ROMAN: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
REPEAT_WORDS: tuple[str, ...] = ("Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan")

STAFF_ROLES: tuple[str, ...] = (
    "Pelaksana",
    "Pengadministrasi Umum",
    "Pengolah Data",
    "Pengelola Keuangan",
    "Penata Laksana Barang",
)

#: The 38 provinces, each with some of its towns (office seats are drawn from them).
PROVINCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Aceh", ("Banda Aceh", "Lhokseumawe", "Langsa", "Meulaboh", "Takengon", "Sabang")),
    (
        "Sumatera Utara",
        (
            "Medan",
            "Pematangsiantar",
            "Sibolga",
            "Padangsidimpuan",
            "Kisaran",
            "Rantau Prapat",
            "Tebing Tinggi",
            "Binjai",
        ),
    ),
    ("Sumatera Barat", ("Padang", "Bukittinggi", "Solok", "Painan", "Sijunjung")),
    ("Riau", ("Pekanbaru", "Dumai", "Rengat", "Bangkinang", "Tembilahan", "Bengkalis")),
    ("Kepulauan Riau", ("Tanjung Pinang", "Batam", "Tanjung Balai Karimun", "Ranai")),
    ("Jambi", ("Jambi", "Muara Bungo", "Kuala Tungkal", "Sarolangun")),
    ("Sumatera Selatan", ("Palembang", "Lubuk Linggau", "Baturaja", "Lahat", "Prabumulih")),
    ("Kepulauan Bangka Belitung", ("Pangkal Pinang", "Tanjung Pandan")),
    ("Bengkulu", ("Bengkulu", "Curup", "Manna")),
    ("Lampung", ("Bandar Lampung", "Metro", "Kotabumi", "Liwa")),
    (
        "DKI Jakarta",
        ("Jakarta Pusat", "Jakarta Utara", "Jakarta Selatan", "Jakarta Timur", "Jakarta Barat"),
    ),
    ("Banten", ("Serang", "Tangerang", "Rangkasbitung", "Cilegon")),
    (
        "Jawa Barat",
        (
            "Bandung",
            "Bogor",
            "Bekasi",
            "Cirebon",
            "Tasikmalaya",
            "Sukabumi",
            "Purwakarta",
            "Garut",
            "Karawang",
            "Depok",
        ),
    ),
    (
        "Jawa Tengah",
        (
            "Semarang",
            "Surakarta",
            "Purwokerto",
            "Tegal",
            "Pekalongan",
            "Magelang",
            "Klaten",
            "Pati",
            "Cilacap",
            "Kudus",
        ),
    ),
    ("Daerah Istimewa Yogyakarta", ("Yogyakarta", "Wonosari", "Sleman", "Bantul")),
    (
        "Jawa Timur",
        (
            "Surabaya",
            "Malang",
            "Kediri",
            "Madiun",
            "Jember",
            "Banyuwangi",
            "Bojonegoro",
            "Pamekasan",
            "Sidoarjo",
            "Pasuruan",
            "Blitar",
            "Tulungagung",
        ),
    ),
    ("Bali", ("Denpasar", "Singaraja", "Tabanan", "Gianyar")),
    ("Nusa Tenggara Barat", ("Mataram", "Bima", "Sumbawa Besar", "Selong")),
    ("Nusa Tenggara Timur", ("Kupang", "Atambua", "Ende", "Waingapu", "Ruteng", "Labuan Bajo")),
    (
        "Kalimantan Barat",
        ("Pontianak", "Singkawang", "Sintang", "Ketapang", "Putussibau", "Sanggau"),
    ),
    ("Kalimantan Tengah", ("Palangka Raya", "Sampit", "Pangkalan Bun", "Muara Teweh", "Buntok")),
    ("Kalimantan Selatan", ("Banjarmasin", "Banjarbaru", "Kotabaru", "Barabai", "Tanjung")),
    ("Kalimantan Timur", ("Samarinda", "Balikpapan", "Bontang", "Tanah Grogot", "Sangatta")),
    ("Kalimantan Utara", ("Tanjung Selor", "Tarakan", "Nunukan", "Malinau")),
    ("Sulawesi Utara", ("Manado", "Bitung", "Kotamobagu", "Tahuna")),
    ("Gorontalo", ("Gorontalo", "Marisa")),
    ("Sulawesi Tengah", ("Palu", "Luwuk", "Poso", "Tolitoli")),
    ("Sulawesi Barat", ("Mamuju", "Majene")),
    ("Sulawesi Selatan", ("Makassar", "Parepare", "Palopo", "Watampone", "Bulukumba", "Makale")),
    ("Sulawesi Tenggara", ("Kendari", "Baubau", "Kolaka", "Raha")),
    ("Maluku", ("Ambon", "Tual", "Masohi", "Saumlaki")),
    ("Maluku Utara", ("Ternate", "Tobelo", "Sanana")),
    ("Papua", ("Jayapura", "Biak", "Serui", "Sarmi")),
    ("Papua Barat", ("Manokwari", "Fakfak", "Kaimana")),
    ("Papua Selatan", ("Merauke", "Tanah Merah")),
    ("Papua Tengah", ("Nabire", "Timika")),
    ("Papua Pegunungan", ("Wamena",)),
    ("Papua Barat Daya", ("Sorong", "Teminabuan")),
)

# --- the ministry (Kemenkeu-Wide) ------------------------------------------------------------

MINISTRY_CODE = "KEMENKEU"
MINISTRY_LABEL = "Kementerian Keuangan"

#: The opening of Kemenkeu's vision 2020-2024 as the domain brief restates it (see
#: examples/README.md for the source); missions and goals below are illustrative paraphrases.
VISION = (
    "Menjadi Pengelola Keuangan Negara untuk Mewujudkan Perekonomian Indonesia yang Produktif, "
    "Kompetitif, Inklusif, dan Berkeadilan"
)
MISSIONS: tuple[str, ...] = (
    "Mengelola keuangan negara secara transparan, akuntabel, dan berkelanjutan",
    "Merumuskan kebijakan fiskal yang sehat dan mendukung pertumbuhan ekonomi",
    "Mengoptimalkan penerimaan negara dan kualitas belanja negara",
    "Memberikan layanan publik yang prima",
    "Membangun organisasi dan sumber daya manusia yang kompeten dan berintegritas",
)
GOALS: tuple[str, ...] = (
    "Kebijakan fiskal yang sehat dan berkelanjutan",
    "Pengelolaan keuangan negara yang akuntabel",
    "Layanan publik yang prima bagi masyarakat",
    "Organisasi yang adaptif dan berintegritas",
)

#: The ministry's objectives: (perspective rank, noun, adjective, goal index, indicator).
#: An indicator is (name, measure unit, polarity, consolidation, yearly target).
MINISTRY_OBJECTIVES: tuple[tuple[int, str, str, int, tuple[str, str, str, str, float]], ...] = (
    (
        1,
        "Kebijakan fiskal",
        "sehat dan berkelanjutan",
        0,
        ("Deviasi defisit anggaran terhadap target", "persen", "Stabilize", "LastValue", 100.0),
    ),
    (
        1,
        "Pendapatan negara",
        "optimal",
        1,
        ("Persentase realisasi pendapatan negara", "persen", "Maximize", "LastValue", 100.0),
    ),
    (
        2,
        "Belanja negara",
        "berkualitas",
        1,
        ("Indeks kualitas belanja negara", "indeks", "Maximize", "LastValue", 80.0),
    ),
    (
        2,
        "Layanan publik",
        "prima",
        2,
        ("Indeks kepuasan pengguna layanan", "indeks", "Maximize", "Average", 4.38),
    ),
    (
        3,
        "Pembiayaan anggaran",
        "aman dan efisien",
        1,
        ("Persentase pemenuhan target pembiayaan", "persen", "Maximize", "LastValue", 100.0),
    ),
    (
        3,
        "Pengelolaan kekayaan negara",
        "optimal",
        1,
        ("Indeks pengelolaan kekayaan negara", "indeks", "Maximize", "LastValue", 3.5),
    ),
    (
        4,
        "Sumber daya manusia",
        "kompetitif",
        3,
        ("Indeks kesehatan organisasi", "indeks", "Maximize", "LastValue", 75.0),
    ),
    (
        4,
        "Organisasi dan teknologi informasi",
        "andal",
        3,
        ("Indeks Reformasi Birokrasi", "indeks", "Maximize", "LastValue", 92.0),
    ),
)
MINISTRY_SUB_INDICATOR = ("Indeks Reformasi Birokrasi komponen pengungkit", "indeks", 90.0)

#: Nouns of learning-and-growth and support objectives any unit may formulate.
SUPPORT_NOUNS: tuple[str, ...] = (
    "Sumber daya manusia",
    "Tata kelola organisasi",
    "Teknologi informasi",
    "Pengendalian intern",
    "Pengelolaan anggaran internal",
    "Budaya kinerja",
    "Manajemen pengetahuan",
)
ADJECTIVES: tuple[str, ...] = (
    "optimal",
    "berkualitas",
    "efektif",
    "efektif dan efisien",
    "andal",
    "prima",
    "akuntabel",
    "transparan",
    "kompeten",
    "adaptif",
    "terpercaya",
)
#: Narrower scopes an indirect cascade adds to its source's statement.
SCOPES: tuple[str, ...] = (
    "di wilayah kerja",
    "pada satuan kerja mitra",
    "dalam lingkup kantor",
    "bagi pengguna layanan",
    "di lingkungan unit",
    "pada proses bisnis utama",
    "dalam pelaksanaan tugas",
    "bagi pemangku kepentingan",
    "pada layanan unggulan",
    "di tingkat seksi",
    "pada tugas pokok",
)

#: Indicator templates: (name format, measure unit, polarity, consolidations, target range).
INDICATOR_TEMPLATES: tuple[tuple[str, str, str, tuple[str, ...], tuple[float, float]], ...] = (
    ("Indeks kualitas {n}", "indeks", "Maximize", ("Average", "LastValue"), (3.0, 4.5)),
    ("Persentase capaian {n}", "persen", "Maximize", ("LastValue",), (85.0, 100.0)),
    ("Tingkat efektivitas {n}", "persen", "Maximize", ("Average",), (80.0, 95.0)),
    (
        "Persentase penyelesaian tindak lanjut {n}",
        "persen",
        "Maximize",
        ("LastValue",),
        (90.0, 100.0),
    ),
    ("Rata-rata waktu penyelesaian layanan {n}", "hari", "Minimize", ("Average",), (2.0, 10.0)),
    ("Jumlah rekomendasi perbaikan {n}", "dokumen", "Maximize", ("Sum",), (4.0, 12.0)),
    ("Deviasi rencana penarikan dana {n}", "persen", "Stabilize", ("Average",), (5.0, 10.0)),
)

INITIATIVES: tuple[str, ...] = (
    "Digitalisasi layanan {n}",
    "Penyusunan standar operasional prosedur {n}",
    "Penguatan koordinasi {n}",
    "Sosialisasi dan edukasi {n}",
    "Penyempurnaan proses bisnis {n}",
)
INITIATIVE_STATUS: tuple[str, ...] = ("direncanakan", "berjalan", "selesai")
RISKS: tuple[str, ...] = (
    "Data pendukung {n} tidak tersedia tepat waktu",
    "Perubahan kebijakan yang memengaruhi {n}",
    "Keterbatasan sumber daya untuk {n}",
    "Gangguan sistem aplikasi yang mendukung {n}",
)
