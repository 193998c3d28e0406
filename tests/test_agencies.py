"""Institutions: gazetteer names, acronyms, regional units and branches, merged per institution.

``expected`` maps each resolved institution's name to surface forms the text used for it
(acronym or aliases); the names must match exactly and in text order.
"""
from __future__ import annotations

import pytest

from extract import extract_records
from extract.find.agencies import find_agencies, resolve_agencies


def agencies(text: str) -> list:
    return resolve_agencies(find_agencies(text))


def _check(text: str, expected: list[tuple[str, set[str]]]) -> None:
    found = agencies(text)
    assert [a.name for a in found] == [name for name, _ in expected]
    for agency, (_, forms) in zip(found, expected):
        assert {f.lower() for f in forms} <= agency.forms, (agency.name, agency.forms)


@pytest.mark.parametrize("text, expected", [
    ("Kementerian Keuangan (Kemenkeu) menyiapkan anggaran. Kemenkeu menyebut dana sudah cair.",
     [("Kementerian Keuangan", {"Kemenkeu"})]),
    ("Kementerian Sosial menyalurkan bantuan. Kemensos menyebut dana cukup.",
     [("Kementerian Sosial", {"Kemensos"})]),
    ("Badan Pusat Statistik (BPS) merilis data inflasi. BPS mencatat inflasi 2,5 persen.",
     [("Badan Pusat Statistik", {"BPS"})]),
    ("Komisi Pemberantasan Korupsi (KPK) memeriksa saksi. KPK menahan tersangka.",
     [("Komisi Pemberantasan Korupsi", {"KPK"})]),
    ("Badan Gizi Nasional (BGN) menyiapkan menu. BGN menambah dapur.",
     [("Badan Gizi Nasional", {"BGN"})]),
    ("KPK menahan tersangka baru.", [("Komisi Pemberantasan Korupsi", {"KPK"})]),
    ("BPJS Kesehatan dan BPJS Ketenagakerjaan menandatangani nota kesepahaman.",
     [("Badan Penyelenggara Jaminan Sosial Kesehatan", {"BPJS Kesehatan"}),
      ("Badan Penyelenggara Jaminan Sosial Ketenagakerjaan", {"BPJS Ketenagakerjaan"})]),
])
def test_gazetteer_names_and_acronyms_are_one_agency(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Pemerintah Kota (Pemkot) Bogor menutup jalan. Pemkot Bogor juga menyiapkan jalur alternatif. Pemkot "
     "menyebut penutupan sementara.",
     [("Pemerintah Kota Bogor", {"Pemkot Bogor", "Pemkot"})]),
    ("Pemprov Jateng menyiapkan anggaran. Pemerintah Provinsi Jawa Tengah juga membuka posko.",
     [("Pemerintah Provinsi Jawa Tengah", {"Pemprov Jateng"})]),
    ("Dewan Perwakilan Rakyat Daerah (DPRD) Kota Malang menggelar rapat paripurna. DPRD Kota Malang menyetujui "
     "anggaran.",
     [("Dewan Perwakilan Rakyat Daerah Kota Malang", {"DPRD Kota Malang"})]),
    ("Kejaksaan Negeri Sleman menahan tersangka. Kejari Sleman menyebut kerugian negara Rp 2 miliar.",
     [("Kejaksaan Negeri Sleman", {"Kejari Sleman"})]),
    ("Kejari Sleman menahan tersangka. Kejaksaan Negeri Sleman menyebut kerugian.",
     [("Kejaksaan Negeri Sleman", {"Kejari Sleman"})]),
    ("Kepolisian Resor Bogor menangkap pelaku. Polres Bogor menyita barang bukti.",
     [("Kepolisian Resor Bogor", {"Polres Bogor"})]),
    ("Suku Dinas Perhubungan Jakarta Timur menambah petugas. Sudin Perhubungan Jakarta Timur menyiagakan derek.",
     [("Suku Dinas Perhubungan Jakarta Timur", {"Sudin Perhubungan Jakarta Timur"})]),
])
def test_long_and_short_forms_of_a_regional_agency_are_one(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Dinas Kesehatan Kota Bandung membuka posko.", [("Dinas Kesehatan Kota Bandung", {"Dinkes Kota Bandung"})]),
    ("Sudin Perhubungan Jakarta Timur mengatur lalu lintas.",
     [("Suku Dinas Perhubungan Jakarta Timur", {"Sudin Perhubungan Jakarta Timur"})]),
    ("Polres Bogor menjaga lokasi.", [("Kepolisian Resor Bogor", {"Polres Bogor"})]),
    ("Polres Metro Depok menangkap pelaku. Kapolres Metro Depok menyebut pelaku residivis.",
     [("Kepolisian Resor Metro Depok", {"Polres Metro Depok"})]),
    ("DPRD Kabupaten Garut menggelar rapat.", [("Dewan Perwakilan Rakyat Daerah Kabupaten Garut", set())]),
    ("Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Cianjur mendirikan tenda.",
     [("Badan Penanggulangan Bencana Daerah Kabupaten Cianjur", {"BPBD Kabupaten Cianjur"})]),
])
def test_regional_units(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Badan Penyelenggara Jaminan Sosial Ketenagakerjaan (BPJS Ketenagakerjaan) membayar klaim. BPJS "
     "Ketenagakerjaan Cabang Bekasi Kota melayani peserta. BPJS Ketenagakerjaan menyebut klaim naik.",
     [("Badan Penyelenggara Jaminan Sosial Ketenagakerjaan", {"BPJS Ketenagakerjaan"}),
      ("BPJS Ketenagakerjaan Cabang Bekasi Kota", set())]),
    ("BPJS Kesehatan Cabang Sukabumi membuka layanan keliling.",
     [("BPJS Kesehatan Cabang Sukabumi", set())]),
    ("Badan Penyelenggara Jaminan Sosial (BPJS) Ketenagakerjaan membayar klaim. BPJS Ketenagakerjaan Cabang "
     "Bekasi Kota melayani peserta.",
     [("Badan Penyelenggara Jaminan Sosial Ketenagakerjaan", {"BPJS Ketenagakerjaan"}),
      ("BPJS Ketenagakerjaan Cabang Bekasi Kota", set())]),
])
def test_a_named_branch_is_its_own_agency(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Dinas Sosial Kota Bogor Rina Kartikasari meninjau lokasi.", ["Dinas Sosial Kota Bogor"]),
    ("Dinas Pendidikan Kota Bekasi Agus Setiadi mengatakan sekolah libur.", ["Dinas Pendidikan Kota Bekasi"]),
    ("Kejari Sleman Bayu Nugraha menyebut berkas lengkap.", ["Kejaksaan Negeri Sleman"]),
    ("Menurut Kementerian Sosial Tri Handayani, bantuan akan ditambah.", ["Kementerian Sosial"]),
    ("Kementerian Keuangan Sri Rahayu menyampaikan laporan.", ["Kementerian Keuangan"]),
])
def test_a_persons_name_after_an_institution_is_not_part_of_it(text, expected):
    assert [a.name for a in agencies(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Kejaksaan Negeri Sleman dan Polres Sleman menandatangani kerja sama.",
     ["Kejaksaan Negeri Sleman", "Kepolisian Resor Sleman"]),
    ("Pemerintah Kota Bogor dan Pemerintah Kabupaten Bogor menandatangani kerja sama.",
     ["Pemerintah Kota Bogor", "Pemerintah Kabupaten Bogor"]),
    ("Pemerintah Provinsi Jawa Tengah dan Pemprov Jateng menyiapkan anggaran bersama.",
     ["Pemerintah Provinsi Jawa Tengah"]),
    ("Kementerian Keuangan dan Badan Pusat Statistik menggelar rapat.",
     ["Kementerian Keuangan", "Badan Pusat Statistik"]),
])
def test_two_institutions_joined_by_dan(text, expected):
    found = agencies(text)
    assert [a.name for a in found] == expected
    if "Pemprov Jateng" in text:
        assert "pemprov jateng" in found[0].forms


@pytest.mark.parametrize("text", [
    "PT Sinar Maju Abadi menyalurkan bantuan.",
    "Warga berkumpul di balai desa sejak pagi.",
    "Lembaga Swadaya Masyarakat ikut memantau.",
    "Majelis Hakim menunda sidang hingga pekan depan.",
])
def test_no_agency(text):
    assert agencies(text) == []


def test_mentions_point_at_the_text():
    text = "Pemerintah Kota (Pemkot) Bogor menutup jalan. Pemkot Bogor juga menyiapkan jalur alternatif."
    for m in find_agencies(text):
        assert text[m.start:m.end] == m.text


def test_to_dict_shape():
    [agency] = agencies("Kementerian Keuangan (Kemenkeu) menyiapkan anggaran. Kemenkeu menyebut dana cair.")
    d = agency.to_dict()
    assert d["name"] == "Kementerian Keuangan"
    assert d["acronym"] == "Kemenkeu"
    assert d["aliases"] == []
    assert [m["text"] for m in d["mentions"]] == ["Kementerian Keuangan", "Kemenkeu", "Kemenkeu"]


def _capitalised_text(size: int) -> str:
    """~``size`` characters of institution-like capitalised words: heads, units, regions, acronyms."""
    heads = ("Dinas", "Badan", "Pemkot", "Kejaksaan Negeri", "Polres", "Komisi", "Pemkab", "Suku Dinas")
    units = ("Kota", "Kabupaten", "Pangan", "Pertanian", "Sosial", "Kesehatan", "Daerah", "Pusat", "Wilayah")
    places = ("Bogor", "Malang", "Sleman", "Garut", "Bekasi", "Kupang")
    acronyms = ("BPS", "KPK", "BGN", "DPRD", "Kemenkeu", "Kemensos", "OJK", "BPBD")
    parts, length, i = [], 0, 0
    while length < size:
        i += 1
        unit = " ".join(units[(i * k) % len(units)] for k in range(1, 2 + i % 4))
        part = (f"{heads[i % len(heads)]} {unit} {places[i % len(places)]} Nama{i} "
                f"(X{i % 97}) menyebut {acronyms[i % len(acronyms)]} dan Pemkot. X{(i * 7) % 97} Sentral{i}. ")
        parts.append(part)
        length += len(part)
    return "".join(parts)


def _seconds(text: str) -> float:
    import gc
    import time

    gc.collect()
    gc.disable()  # a collection landing in one run and not the other is noise, not scaling
    try:
        start = time.process_time()  # CPU time: other work on the machine does not count
        resolve_agencies(find_agencies(text))
        return time.process_time() - start
    finally:
        gc.enable()


def test_finding_and_merging_scale_near_linearly():
    """Regression: overlap removal and short-form merging compared every pair of mentions, so a
    megabyte of capitalised words ran for minutes."""
    # Eight times the text: linear work takes about 8x, quadratic 64x. A bound of 20x tells them apart with
    # room for what a larger text costs in caches and allocation on a slower machine (CI once measured 6.1x
    # for four times the text).
    small, large = _capitalised_text(50_000), _capitalised_text(400_000)
    _seconds(small)  # warm the gazetteer caches
    once, twice = [], []
    for _ in range(3):  # interleaved, so that a busy spell of the machine hits both sizes
        once.append(_seconds(small))
        twice.append(_seconds(large))
    once, twice = min(once), min(twice)
    assert len(find_agencies(large)) > 2000
    assert twice <= 20 * once, (once, twice)


# --- one record per institution: constructions of real news, in our own words -------------------------

@pytest.mark.parametrize("text, expected", [
    # a list inside a name, with and without the comma before "dan"
    ("Dinas Kepemudaan, Olahraga dan Pariwisata Kota Contoh membuka lomba lari.",
     [("Dinas Kepemudaan, Olahraga dan Pariwisata Kota Contoh", set())]),
    ("Kepala Pusat Riset, Inovasi, dan Kajian Pangan menyebut panen naik.",
     [("Pusat Riset, Inovasi, dan Kajian Pangan", set())]),
    ("Badan Sandi, Data, dan Intelejen Fiskal (BSDIF) merilis laporan. BSDIF menyebut angka naik.",
     [("Badan Sandi, Data, dan Intelejen Fiskal", {"BSDIF"})]),
    # a prison's class, including a misread "l" for "I", and the place after it
    ("Terdakwa dipindah ke Rutan Kelas 1A Sukamundur, Kota Contoh.", [("Rumah Tahanan Kelas 1A Sukamundur", set())]),
    ("Tersangka ditahan di Lapas Kelas lIA Garut selama 20 hari.", [("Lembaga Pemasyarakatan Kelas lIA Garut",
                                                                    {"Lapas Kelas lIA Garut"})]),
    # a special court is named with the district court it sits at
    ("Berkas dilimpahkan ke Pengadilan Tipikor pada PN Contoh. Sidang di Pengadilan Tipikor pada Pengadilan "
     "Negeri Contoh dibuka.", [("Pengadilan Tindak Pidana Korupsi pada Pengadilan Negeri Contoh",
                                {"Pengadilan Tipikor pada PN Contoh"})]),
    # the short name without its "dan" part is the same ministry
    ("Kementerian Kelautan dan Perikanan (KKP) menebar benih. Kementerian Kelautan menyebut stok cukup.",
     [("Kementerian Kelautan dan Perikanan", {"KKP", "Kementerian Kelautan"})]),
])
def test_names_with_lists_classes_and_short_forms(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text, expected", [
    # a rank starts the person's name
    ("Kepolisian Sektor Cibodas Iptu Rahmat Hidayat memimpin patroli.", ["Kepolisian Sektor Cibodas"]),
    ("Polres Garut AKBP Dedi Kurnia menyebut jalur aman.", ["Kepolisian Resor Garut"]),
    # an acronym in parentheses closes its name: the parent or a second organisation follows
    ("Direktorat Jenderal Pangan Laut (DJPL) Kementerian Kelautan dan Perikanan menebar benih.",
     ["Direktorat Jenderal Pangan Laut", "Kementerian Kelautan dan Perikanan"]),
    # a region level after "dan" opens a second, elliptical name that is not glued to the first
    ("Satpol PP Jabar dan Kabupaten Contoh menertibkan lapak.", ["Satuan Polisi Pamong Praja Jabar"]),
    # after a comma, an acronym or head starts the next institution of a list
    ("Rapat dihadiri Kementerian Sosial, BPS dan Kementerian Keuangan.",
     ["Kementerian Sosial", "Badan Pusat Statistik", "Kementerian Keuangan"]),
    # "Kantor Pusat" is the headquarters of the institution named after it; a comma after its acronym ends it
    ("Rapat digelar di Kantor Pusat Direktorat Jenderal Pajak (DJP), Jakarta, kemarin.",
     ["Direktorat Jenderal Pajak"]),
    ("Menurut Pusat Penerangan Hukum Kejaksaan Agung, berkas lengkap.", ["Pusat Penerangan Hukum Kejaksaan Agung"]),
    # a complete name ends before "dan" and a list of people's categories
    ("Anggota Kepolisian Negara Republik Indonesia, dan Pegawai Negeri Sipil dilarang berpolitik.",
     ["Kepolisian Negara Republik Indonesia"]),
])
def test_never_join_an_institution_with_what_follows_it(text, expected):
    assert [a.name for a in agencies(text)] == expected


@pytest.mark.parametrize("text", [
    "Majelis Pekerja Buruh Nusantara (MPBN) dan Konfederasi Serikat Pekerja Contoh (KSPC) berunjuk rasa.",
    "Asosiasi Pemerintah Kabupaten Seluruh Indonesia (APKASI) menggelar pameran.",
    "Ketua DPD KSPC Jateng menolak kenaikan upah yang kecil.",
    "Ketua DPD Partai Contoh Provinsi NTT itu menyampaikan sikap partai.",
    "Pendampingan hukum diberikan Lembaga Bantuan Hukum setempat.",
    "Pimpinan Pusat Persatuan Contoh menggelar muktamar.",
    "Lembaga Adat Melayu Contoh menggelar upacara.",
    "Presiden meninjau Pusat Pemerintahan Ibu Kota Nusantara.",
    # the text spells the acronym out as something else than the gazetteer's commission
    "Dividen masuk sebagai kekayaan negara yang dipisahkan (KND). Setoran KND naik tahun ini.",
])
def test_unions_associations_and_acronyms_meant_otherwise_are_not_agencies(text):
    assert agencies(text) == []


@pytest.mark.parametrize("text, expected", [
    # a national acronym with a region is that region's own office, not spelled out as the national body
    ("Panen mangga dicatat DKPP Kabupaten Contoh sejak pekan lalu.", [("DKPP Kabupaten Contoh", set())]),
    ("BPS Jawa Barat mencatat inflasi turun. BPS Jawa Timur mencatat hal serupa.",
     [("BPS Jawa Barat", set()), ("BPS Jawa Timur", set())]),
    # spelled out where the text names the national body in full
    ("Badan Pusat Statistik (BPS) Jawa Barat mencatat inflasi turun.", [("Badan Pusat Statistik Jawa Barat",
                                                                         {"BPS Jawa Barat"})]),
    # the bare acronym is the one regional body the text is about
    ("Ketua KPU Kabupaten Garut membuka rapat. KPU Garut menyiapkan logistik. KPU juga melatih petugas.",
     [("KPU Kabupaten Garut", {"KPU Garut", "KPU"})]),
    # an acronym the text defines for its own name is that name, not the gazetteer's body of that acronym
    ("Warga menggugat ke Komisi Informasi Publik (KIP). Sidang di KIP digelar pekan depan.",
     [("Komisi Informasi Publik", {"KIP"})]),
    # ... but where the gazetteer's body is named too, the definition inside a longer name does not take it
    ("Dewan Komisioner Lembaga Penjamin Simpanan (LPS) rapat. Lembaga Penjamin Simpanan menjamin simpanan. "
     "LPS menaikkan bunga.", [("Dewan Komisioner Lembaga Penjamin Simpanan", set()),
                              ("Lembaga Penjamin Simpanan", {"LPS"})]),
    # an acronym of the region after a regional body shortens the region, not the body
    ("Badan Pengawas Pemilu (Bawaslu) Provinsi Nusa Tenggara Timur (NTT) menambah pengawas. Warga NTT menyambut.",
     [("Badan Pengawas Pemilu Provinsi Nusa Tenggara Timur", {"Bawaslu"})]),
    # a bare regional head joins its one named institution
    ("Anggota DPRD di wilayah itu diperiksa. DPRD Kabupaten Contoh membantah.",
     [("Dewan Perwakilan Rakyat Daerah Kabupaten Contoh", {"DPRD Kabupaten Contoh", "DPRD"})]),
    # with two named, a bare head is the one named last before it
    ("Ia ditahan di Rutan Sukamundur. Petugas Rutan curiga. Ia lalu dipindah ke Rutan Kelas I Kota Contoh.",
     [("Rumah Tahanan Sukamundur", {"Rutan"}), ("Rumah Tahanan Kelas I Kota Contoh", set())]),
])
def test_regional_bodies_keep_their_region(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Kapolres Garut, AKBP Dedi Kurnia mengatakan jalur aman.", ["Kepolisian Resor Garut"]),
    ("Wakapolres Ciamis Kompol Rina Lestari hadir. Polres Ciamis menyiagakan personel.", ["Kepolisian Resor Ciamis"]),
    ("Kajari Sleman menyebut berkas lengkap.", ["Kejaksaan Negeri Sleman"]),
    ("Kapolres Rahmat Hidayat hadir.", []),  # a title before a name, with no region, names no institution
])
def test_an_institution_named_inside_its_heads_title(text, expected):
    found = agencies(text)
    assert [a.name for a in found] == expected
    for agency in found:  # the title itself is not one of the institution's names
        assert not any(f.startswith(("kapol", "wakapol", "kajari")) for f in agency.forms)


@pytest.mark.parametrize("text, expected", [
    # the institution's name stops where a person's name, read by the people finder, starts
    ("Kepala Biro Hukum Kemendag Ratna Sari mengatakan aturan direvisi.",
     ["Biro Hukum Kemendag"]),
    # two institutions joined by "dan" are two names, never one
    ("Personel Polsek Medang dan Resmob Polda Sulawesi Utara menangkap pelaku.", ["Kepolisian Sektor Medang"]),
    # the place of the event after a comma is not part of the name
    ("Rapat digelar di Kantor Kemenko PMK, Jakarta, Senin (20/10/2025).",
     ["Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan"]),
    # regional governments in general are no institution; a named one is
    ("Kemenkeu bersama 109 pemerintah daerah (Pemda) meneken kerja sama. Pemda diminta aktif.",
     ["Kementerian Keuangan"]),
    ("Pemkot Bogor menyiapkan anggaran. Pemda juga menambah petugas.", ["Pemerintah Kota Bogor"]),
    # a numeral or a region at the end stays the institution's
    ("Kepala Satuan Tugas Supervisi KPK Wilayah V Sari Dewanti di gedung KPK.",
     ["Satuan Tugas Supervisi KPK Wilayah V", "Komisi Pemberantasan Korupsi"]),
    # an initial that opens the person's name is the person's, not the institution's
    ("\"Kami mendalami,\" kata Direktur Utama RSUD Mekarsari I Made Wirasana kepada wartawan.",
     ["Rumah Sakit Umum Daerah Mekarsari"]),
    # a unit the gazetteer knows, then its parent: two institutions, however the parent is written
    ("Direktur Humas Ditjen Pajak Kementerian Keuangan, Ratna Sari, menjelaskan. Ditjen Pajak Kemenkeu menyebut.",
     ["Direktorat Jenderal Pajak", "Kementerian Keuangan"]),
    # "dan" before another institution's short form: two institutions
    ("Tim Disdik dan DP3A datang ke sekolah itu kemarin.",
     ["Dinas Pendidikan", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"]),
])
def test_an_institution_ends_where_a_person_starts(tmp_path, text, expected):
    path = tmp_path / "berita.txt"
    path.write_text(f"Modul Baru Diluncurkan\n\n{text}\n", encoding="utf-8")  # a headline, then the body
    [outcome] = extract_records([str(path)])
    assert [a["name"] for a in outcome.record["agencies"]] == expected


@pytest.mark.parametrize("headline, body, expected", [
    # a regional form with its region, named only in the headline, is an institution of the text
    ("Massa Berdemo di Depan Polrestabes Contoh", "Ratusan orang berkumpul sejak siang, Selasa (21/10/2025).",
     ["Kepolisian Resor Kota Besar Makassar"]),
    # the headline's short name of one the body names in full is no second institution
    ("Aktivis Ditahan Polda Metro", "Aktivis itu ditahan Polda Metro Jaya sejak Jumat.",
     ["Kepolisian Daerah Metro Jaya"]),
    # title case alone names nothing: an unknown head and words in the headline
    ("Balai Warga Gelar Lomba Lari", "Lomba itu diikuti 300 pelari, Minggu (5/10/2025).", []),
])
def test_institutions_a_headline_names(tmp_path, headline, body, expected):
    path = tmp_path / "berita.txt"
    path.write_text(f"{headline.replace('Contoh', 'Makassar')}\n\n{body}\n", encoding="utf-8")
    [outcome] = extract_records([str(path)])
    assert [a["name"] for a in outcome.record["agencies"]] == expected


@pytest.mark.parametrize("text, expected", [
    # the national nomenclature of regional units, by short form with a region
    ("Berdasarkan data Bapenda Sulsel, pajak kendaraan itu menunggak.", ["Badan Pendapatan Daerah Sulsel"]),
    ("Alat itu sudah diuji bersama DLHK Solo.", ["Dinas Lingkungan Hidup dan Kehutanan Solo"]),
    ("Kapal ditahan KSOP Gresik sejak pekan lalu.", ["Kantor Kesyahbandaran dan Otoritas Pelabuhan Gresik"]),
    # embassies and consulates, named with their city abroad
    ("WNI itu dipulangkan KBRI Phnom Penh kemarin.", ["Kedutaan Besar Republik Indonesia Phnom Penh"]),
    # a long name with commas in it, and its short form, are one institution
    ("Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana "
     "(DP3AP2KB) Jawa Tengah hadir. DP3AP2KB Jawa Tengah menyiapkan tim.",
     ["Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana Jawa Tengah"]),
])
def test_regional_units_by_their_short_forms(text, expected):
    assert [a.name for a in agencies(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a military command's number and name, with a slash or a space, is one command
    ("Kodam V Brawijaya menyiapkan prajurit. Kerja sama Kodam V/Brawijaya dengan Kejati Jatim diteken.",
     ["Komando Daerah Militer V Brawijaya", "Kejaksaan Tinggi Jatim"]),
    # a region written with two of its words as one, and its own short form in brackets
    ("Ia dicopot dari jabatan Ketua KPU Kabupaten Labuhanbatu Utara (Labura), Sumut.",
     ["KPU Kabupaten Labuhanbatu Utara"]),
    # a region spelt out and by its short form is one region
    ("Kejaksaan Tinggi (Kejati) DIY menahan tersangka. Kejaksaan Tinggi Daerah Istimewa Yogyakarta menyebut.",
     ["Kejaksaan Tinggi Daerah Istimewa Yogyakarta"]),
    # an organ that needs its parent keeps it after its bracketed short form; a unit that stands alone does not
    ("Usai rapat bersama Badan Anggaran (Banggar) DPR RI, ia memilih diam.", ["Badan Anggaran DPR RI"]),
    ("Direktorat Jenderal Pajak (DJP) Kementerian Keuangan mencatat penerimaan naik.",
     ["Direktorat Jenderal Pajak", "Kementerian Keuangan"]),
    # the bracketed short form of a person's title is not the institution's
    ("Hal itu diungkapkan Menteri Sekretariat Negara (Mensesneg) Rangga Wiratama.", ["Kementerian Sekretariat Negara"]),
    # a unit named without the parent the gazetteer knows is the same unit
    ("Komisi VI DPR RI menggelar rapat. Ketua Komisi VI menyebut rapat ditunda.", ["Komisi VI DPR RI"]),
])
def test_one_institution_however_its_name_is_written(text, expected):
    assert [a.name for a in agencies(text)] == expected



def test_the_patterns_match_the_same_without_their_opening_lookahead(train_news):
    """The head patterns open with a lookahead for the characters a head can start with, a shortcut for
    the engine: with it removed, they find the same matches over real news."""
    import re

    from extract.find.agencies import _form_pattern, _generic_pattern, _title_pattern

    texts = list(train_news)
    texts.append("Wakil Kapolres Jember dan Waka Polres Bogor bersama Dinas Sosial Kota Bogor (Dinsos) hadir.")
    for pattern in (_form_pattern(), _title_pattern(), _generic_pattern()):
        assert pattern.pattern.startswith("(?=[")
        bare = re.compile(pattern.pattern[pattern.pattern.index("])") + 2:], pattern.flags)
        found = [[m.span() for m in pattern.finditer(t)] for t in texts]
        assert found == [[m.span() for m in bare.finditer(t)] for t in texts]
        assert sum(map(len, found)) > 5 and found[-1]  # matches in the news and in the last text


def _hits_word_by_word(text: str) -> list[tuple[int, int]]:
    """The gazetteer scan written plainly, word by word: what the quicker one must give."""
    from extract.find.agencies import _WORD_RE, _gazetteer_table

    by_first, written = _gazetteer_table()
    hits, pos, lower = [], 0, text.lower()
    for w in _WORD_RE.finditer(text):
        word, start = w.group(0).rstrip("."), w.start()
        if start < pos:
            continue
        found = next(((start, start + len(f)) for f in by_first.get(word.lower(), ())
                      if lower.startswith(f, start) and (start + len(f) == len(text) or not (
                          text[start + len(f)].isalnum() or text[start + len(f)] == "-"))), None)
        if found is None and word in written:
            found = (start, start + len(word))
        parts = word.split("-")
        if found is None and word.lower() not in by_first and len(parts) > 1 and all(p in written for p in parts):
            for part in parts:  # short forms joined by hyphens: each one
                hits.append((start, start + len(part)))
                start += len(part) + 1
            pos = start
        if found:
            hits.append(found)
            pos = found[1]
    return hits


@pytest.mark.parametrize("text", [
    "BPS. BPS.. xBPS BPS_ BPS-x BPS/ _BPS (BPS) BPS’ BPSé éBPS BPS",
    "Badan Pusat Statistik (BPS) dan badan pusat statistik; BADAN PUSAT STATISTIK.",
    "KPK, KPKK, KPK2 dan 2KPK; Komisi Pemberantasan Korupsi-nya",
    "TNI-Polri, BI-OJK. BI-Rate, KemenPAN-RB, TNI--Polri, -TNI, TNI-, BI-OJK-Kemenkeu.",
])
def test_the_gazetteer_scan_finds_what_a_word_by_word_scan_finds(text):
    from extract.find.agencies import _gazetteer_hits

    assert _gazetteer_hits(text) == _hits_word_by_word(text)
    assert _hits_word_by_word(text)


def test_the_gazetteer_scan_finds_what_a_word_by_word_scan_finds_in_news(train_news):
    from extract.find.agencies import _gazetteer_hits

    news = list(train_news)
    found = [_gazetteer_hits(t) for t in news]
    assert found == [_hits_word_by_word(t) for t in news]
    assert sum(map(len, found)) > 150


@pytest.mark.parametrize(("text", "names"), [
    ("Sinergi TNI-Polri terus dijaga.", ["Tentara Nasional Indonesia", "Kepolisian Negara Republik Indonesia"]),
    ("Koordinasi BI-OJK-Kemenkeu berjalan.", ["Bank Indonesia", "Otoritas Jasa Keuangan", "Kementerian Keuangan"]),
    ("Kenaikan BI-Rate diumumkan.", []),  # a run holding a word that is no institution's is not split
])
def test_short_forms_joined_by_hyphens_name_each_institution(text, names):
    assert sorted(m.name for m in find_agencies(text)) == sorted(names)


def test_a_units_headquarters_names_the_unit():
    """"Mapolres Garut" (markas Polres) is the Polres: one institution with the unit's own short form."""
    text = "Kapolres Garut mengatakan pelaku dibawa ke Mapolres Garut. Korban melapor ke Mapolsek Tambun."
    found = {a.name: a for a in resolve_agencies(find_agencies(text))}
    assert sorted(found) == ["Kepolisian Resor Garut", "Kepolisian Sektor Tambun"]
    assert found["Kepolisian Resor Garut"].acronym == "Polres Garut"
    assert "Mapolres Garut" in found["Kepolisian Resor Garut"].aliases
    assert (found["Kepolisian Sektor Tambun"].acronym, found["Kepolisian Sektor Tambun"].aliases) == (
        "Polsek Tambun", ("Mapolsek Tambun",))
