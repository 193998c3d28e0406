"""Citations of legal instruments: type codes, numbers, years, issuers, subjects, merging and ids.

Each row is one construction as Indonesian releases and news write it. ``expected`` lists the
resolved regulations as ``(type, number, year, issuer, subject)`` in text order.
"""
from __future__ import annotations

import pytest

from extract.find.regulations import canonical_id, find_citations, resolve_citations


class _Anything:
    """Equal to any value: for a field a row does not pin down."""

    def __eq__(self, other) -> bool:
        return True

    def __repr__(self) -> str:
        return "<anything>"


ANYTHING = _Anything()


def resolved(text: str) -> list[tuple]:
    return [(r.type, r.number, r.year, r.issuer, r.subject) for r in resolve_citations(find_citations(text))]


# --- national instruments --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Pemerintah menerbitkan Peraturan Pemerintah (PP) Nomor 50 Tahun 2025 tentang Penyesuaian Iuran Jaminan "
     "Sosial bagi Pekerja Informal.",
     [("PP", "50", 2025, None, "Penyesuaian Iuran Jaminan Sosial bagi Pekerja Informal")]),
    ("Aturan itu tertuang dalam PP 50/2025 yang berlaku sejak bulan lalu.",
     [("PP", "50", 2025, None, None)]),
    ("Sesuai Peraturan Pemerintah Nomor 05 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko\n"
     "dan aturan turunannya.",
     [("PP", "5", 2021, None, "Penyelenggaraan Perizinan Berusaha Berbasis Risiko")]),
    ("Hal itu diatur dalam UU No. 11 Tahun 2020 tentang Cipta Kerja.",
     [("UU", "11", 2020, None, "Cipta Kerja")]),
    # a service telegram with a number is an instrument too; the messaging app is not
    ("Pengamanan itu berdasarkan Surat Telegram Kasad Nomor 1192 tanggal 6 Mei 2025.",
     [("OTHER", "1192", None, "Kasad", None)]),
    ("Warga diundang lewat grup Telegram kemarin.", []),
    # a ministry's series letters are part of the number
    ("Biaya itu diatur Keputusan Menteri Perhubungan (Kepmenhub) Nomor KM 50 Tahun 2025 tentang Biaya Tambahan.",
     [("KEPMEN", "KM 50", 2025, "Menteri Perhubungan", "Biaya Tambahan")]),
    ("Sesuai Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah, kewenangan itu ada pada provinsi.",
     [("UU", "23", 2014, None, "Pemerintahan Daerah")]),
    ("Berdasarkan Undang Undang Nomor 6 Tahun 2023 dan UU 11/2020.",
     [("UU", "6", 2023, None, None), ("UU", "11", 2020, None, None)]),
    ("Kewajiban itu ada dalam UU No 40 tahun 2004 tentang Sistem Jaminan Sosial Nasional.",
     [("UU", "40", 2004, None, "Sistem Jaminan Sosial Nasional")]),
    ("Pemerintah menerbitkan Perppu Nomor 2 Tahun 2022 tentang Cipta Kerja.",
     [("PERPPU", "2", 2022, None, "Cipta Kerja")]),
    ("Presiden telah meneken Perpres Nomor 12 Tahun 2025 tentang Rencana Pembangunan Jangka Menengah Nasional.",
     [("PERPRES", "12", 2025, None, "Rencana Pembangunan Jangka Menengah Nasional")]),
    ("Dasar hukumnya Peraturan Presiden Nomor 12 Tahun 2025 dan Keputusan Presiden Nomor 9 Tahun 2024.",
     [("PERPRES", "12", 2025, None, None), ("KEPPRES", "9", 2024, None, None)]),
    ("Presiden menerbitkan Keppres Nomor 17 Tahun 2024.",
     [("KEPPRES", "17", 2024, None, None)]),
    ("Presiden menerbitkan Instruksi Presiden Nomor 1 Tahun 2025 tentang Efisiensi Belanja.",
     [("INPRES", "1", 2025, None, "Efisiensi Belanja")]),
    ("Presiden mengeluarkan Inpres Nomor 1 Tahun 2025 tentang Efisiensi Belanja serta Keppres Nomor 17 Tahun "
     "2024 tentang Panitia Seleksi.",
     [("INPRES", "1", 2025, None, "Efisiensi Belanja"), ("KEPPRES", "17", 2024, None, "Panitia Seleksi")]),
])
def test_national_instruments(text, expected):
    assert resolved(text) == expected


# --- ministers, agencies, courts -------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Ketentuan tersebut merujuk Permenaker Nomor 5 Tahun 2021 tentang Tata Cara Penyelenggaraan Program "
     "Jaminan Sosial.",
     [("PERMEN", "5", 2021, "Menteri Ketenagakerjaan", "Tata Cara Penyelenggaraan Program Jaminan Sosial")]),
    ("Hal ini sejalan dengan Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020 tentang Pedoman Teknis "
     "Pengelolaan Keuangan Daerah.",
     [("PERMEN", "77", 2020, "Menteri Dalam Negeri", "Pedoman Teknis Pengelolaan Keuangan Daerah")]),
    ("Tarif mengacu PMK Nomor 81 Tahun 2024 tentang Ketentuan Perpajakan dalam Rangka Pelaksanaan Sistem Inti "
     "Administrasi Perpajakan.",
     [("PERMEN", "81", 2024, "Menteri Keuangan",
       "Ketentuan Perpajakan dalam Rangka Pelaksanaan Sistem Inti Administrasi Perpajakan")]),
    ("Sesuai Peraturan Menteri Ketenagakerjaan Nomor 5 Tahun 2021. Permenaker 5/2021 itu mengatur iuran.",
     [("PERMEN", "5", 2021, "Menteri Ketenagakerjaan", None)]),
    ("Sesuai Permendikbudristek Nomor 30 Tahun 2021 tentang Pencegahan Kekerasan Seksual, kampus wajib membentuk "
     "satgas.",
     [("PERMEN", "30", 2021, "Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi", "Pencegahan Kekerasan Seksual")]),
    ("Kemendagri menerbitkan SE Mendagri Nomor 900/833/SJ tentang Penyesuaian Anggaran.",
     [("SE", "900/833/SJ", None, "Menteri Dalam Negeri", "Penyesuaian Anggaran")]),
    ("Peraturan Menteri Keuangan (PMK) Nomor 81 Tahun 2024 mulai berlaku.",
     [("PERMEN", "81", 2024, "Menteri Keuangan", None)]),
    ("Penetapan itu berdasarkan Keputusan KPU Nomor 5 Tahun 2024 tentang Jadwal Pemungutan Suara.",
     [("KEPBAN", "5", 2024, "KPU", "Jadwal Pemungutan Suara")]),
    ("Hal tersebut mengacu pada Peraturan KPU Nomor 8 Tahun 2024 tentang Pencalonan Kepala Daerah.",
     [("PERBAN", "8", 2024, "KPU", "Pencalonan Kepala Daerah")]),
    ("OJK menerbitkan POJK Nomor 22 Tahun 2023 tentang Pelindungan Konsumen dan PBI Nomor 3 Tahun 2023 tentang "
     "Sistem Pembayaran.",
     [("POJK", "22", 2023, "Otoritas Jasa Keuangan", "Pelindungan Konsumen"),
      ("PBI", "3", 2023, "Gubernur Bank Indonesia", "Sistem Pembayaran")]),
    ("Sesuai Peraturan Otoritas Jasa Keuangan Nomor 22 Tahun 2023 dan Peraturan Bank Indonesia Nomor 3 Tahun 2023.",
     [("POJK", "22", 2023, "Otoritas Jasa Keuangan", None), ("PBI", "3", 2023, "Bank Indonesia", None)]),
    ("Hakim mengutip Putusan MK Nomor 90/PUU-XXI/2023 tentang batas usia calon.",
     [("PUTUSAN", "90/PUU-XXI/2023", 2023, "Mahkamah Konstitusi", "batas usia calon")]),
    ("Hakim merujuk Putusan Nomor 90/PUU-XXI/2023 dalam pertimbangannya.",
     [("PUTUSAN", "90/PUU-XXI/2023", 2023, "Mahkamah Konstitusi", None)]),
    ("Putusan Mahkamah Konstitusi Nomor 135/PUU-XXII/2024 menyatakan demikian.",
     [("PUTUSAN", "135/PUU-XXII/2024", 2024, "Mahkamah Konstitusi", None)]),
    ("Sesuai dengan Keputusan Menteri Kesehatan Nomor HK.01.07/MENKES/1936/2022 tentang Standar Pelayanan.",
     [("KEPMEN", "HK.01.07/MENKES/1936/2022", 2022, "Menteri Kesehatan", "Standar Pelayanan")]),
])
def test_ministers_agencies_and_courts(text, expected):
    assert resolved(text) == expected


# --- regional instruments and circulars ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Kebijakan itu tertuang dalam Peraturan Gubernur Jawa Tengah Nomor 14 Tahun 2024 tentang Pedoman "
     "Penyelenggaraan Pasar Rakyat.",
     [("PERGUB", "14", 2024, "Gubernur Jawa Tengah", "Pedoman Penyelenggaraan Pasar Rakyat")]),
    ("Peraturan Gubernur DKI Jakarta Nomor 14 Tahun 2024 tentang Pedoman Pasar.",
     [("PERGUB", "14", 2024, "Gubernur DKI Jakarta", "Pedoman Pasar")]),
    ("Pemkab menerbitkan Peraturan Bupati Sleman Nomor 3 Tahun 2023 tentang Tarif Retribusi Parkir.",
     [("PERBUP", "3", 2023, "Bupati Sleman", "Tarif Retribusi Parkir")]),
    ("Dasarnya Peraturan Wali Kota Madiun Nomor 21 Tahun 2022 tentang Jam Kerja Aparatur.",
     [("PERWAL", "21", 2022, "Wali Kota Madiun", "Jam Kerja Aparatur")]),
    ("DPRD mengesahkan Peraturan Daerah Kabupaten Garut Nomor 8 Tahun 2024 tentang Penyelenggaraan "
     "Perlindungan Anak.",
     [("PERDA", "8", 2024, ANYTHING, "Penyelenggaraan Perlindungan Anak")]),
    ("DPRD mengesahkan Peraturan Daerah (Perda) Nomor 3 Tahun 2024 tentang Ketertiban Umum.",
     [("PERDA", "3", 2024, None, "Ketertiban Umum")]),
    ("Gubernur menerbitkan Keputusan Gubernur Jawa Barat Nomor 561/Kep.804-Kesra/2024 tentang Upah Minimum "
     "Kabupaten/Kota.",
     [("KEPGUB", "561/Kep.804-Kesra/2024", 2024, "Gubernur Jawa Barat", "Upah Minimum Kabupaten/Kota")]),
    ("Sesuai Peraturan Wali Kota Bogor Nomor 21 Tahun 2022 tentang Jam Kerja. Perwal Nomor 21 Tahun 2022 itu "
     "direvisi.",
     [("PERWAL", "21", 2022, "Wali Kota Bogor", "Jam Kerja")]),
    ("Dinas mengacu pada Pergub Nomor 14 Tahun 2024 dan Perbup Nomor 3 Tahun 2023 serta Perwal Nomor 21 Tahun "
     "2022 dan Perda Nomor 8 Tahun 2024.",
     [("PERGUB", "14", 2024, None, None), ("PERBUP", "3", 2023, None, None), ("PERWAL", "21", 2022, None, None),
      ("PERDA", "8", 2024, None, None)]),
    ("Instruksi Gubernur Nomor 4 Tahun 2025 tentang Pengendalian Banjir dibacakan.",
     [("INSTRUKSI", "4", 2025, "Gubernur", "Pengendalian Banjir")]),
    ("Camat merujuk SE Wali Kota Tangerang Selatan Nomor 6 Tahun 2025 tentang Pembatasan Kendaraan Dinas. "
     "Kemudian terbit SE Nomor 7 Tahun 2025 tentang Kerja dari Rumah.",
     [("SE", "6", 2025, "Wali Kota Tangerang Selatan", "Pembatasan Kendaraan Dinas"),
      ("SE", "7", 2025, "Wali Kota Tangerang Selatan", "Kerja dari Rumah")]),
    ("Wali Kota menerbitkan SE Wali Kota Depok Nomor 6 Tahun 2025. Kemudian SE Nomor 6 Tahun 2025 itu dicabut.",
     [("SE", "6", 2025, "Wali Kota Depok", None)]),
    ("Edaran itu berupa Surat Edaran Wali Kota Bogor Nomor 400.3/123/SE/2025 tentang Jam Sekolah.",
     [("SE", "400.3/123/SE/2025", 2025, "Wali Kota Bogor", "Jam Sekolah")]),
    ("Hal itu tertuang dalam Surat Edaran Nomor 400.3/123/SE/2025 tentang Libur Sekolah.",
     [("SE", "400.3/123/SE/2025", 2025, None, "Libur Sekolah")]),
])
def test_regional_instruments_and_circulars(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Surat Edaran Nomor 400.3/123/SE/2025 tentang Libur Sekolah.", ("SE", "400.3/123/SE/2025", 2025)),
    ("Sesuai SE Nomor 800/1450/BKD/2024 yang diteken Sekda.", ("SE", "800/1450/BKD/2024", 2024)),
    ("Dalam Keputusan Gubernur Nomor 188.44/201/KPTS/013/2025 tentang Tim Terpadu.",
     ("KEPGUB", "188.44/201/KPTS/013/2025", 2025)),
    ("Sesuai Perwal Nomor 12.a Tahun 2023 tentang Parkir.", ("PERWAL", "12.a", 2023)),
])
def test_year_from_the_number(text, expected):
    c = find_citations(text)[0]
    assert (c.type, c.number, c.year) == expected


# --- where a subject ends ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Pemerintah memberi diskon sesuai PP Nomor 7 Tahun 2025 tentang Keringanan Iuran sebesar 50 persen bagi "
     "pekerja.", "Keringanan Iuran"),
    ("Aturan itu diatur PP Nomor 8 Tahun 2025 tentang Pengupahan, serta ketentuan lain yang berlaku.", "Pengupahan"),
    ("Itu diatur dalam Permendagri Nomor 9 Tahun 2023 tentang Pengelolaan Arsip yang mulai berlaku tahun depan.",
     "Pengelolaan Arsip"),
    ("Tunjangan diatur dalam PP Nomor 8 Tahun 2025 tentang Tunjangan Hari Raya yang dibayarkan paling lambat "
     "Maret.", "Tunjangan Hari Raya"),
    ("Aturan itu, yakni Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan sebagaimana telah diubah.",
     "Ketenagakerjaan"),
    ("Hal itu diatur dalam UU No. 11 Tahun 2020 tentang Cipta Kerja. Pemerintah lalu menyusun aturan turunan.",
     "Cipta Kerja"),
    ("Kebijakan ini berdasarkan Perwal Nomor 21 Tahun 2022 tentang Jam Kerja Aparatur Sipil Negara",
     "Jam Kerja Aparatur Sipil Negara"),
    ("Peraturan Pemerintah Nomor 50 Tahun 2025 tentang Diskon Iuran Jaminan Kecelakaan Kerja, Jaminan Kematian, "
     "dan Jaminan Hari Tua mulai berlaku.", "Diskon Iuran Jaminan Kecelakaan Kerja, Jaminan Kematian, dan Jaminan "
                                            "Hari Tua"),
    ("Hal ini diatur dalam Peraturan Pemerintah Nomor 35 Tahun 2021 tentang Perjanjian Kerja Waktu Tertentu, "
     "Alih Daya, Waktu Kerja dan Waktu Istirahat, dan Pemutusan Hubungan Kerja.",
     "Perjanjian Kerja Waktu Tertentu, Alih Daya, Waktu Kerja dan Waktu Istirahat, dan Pemutusan Hubungan Kerja"),
    ("Pemerintah mengesahkan Undang-Undang (UU) Nomor 1 Tahun 2023 tentang Kitab Undang-Undang Hukum Pidana (KUHP) "
     "yang berlaku 2026.", "Kitab Undang-Undang Hukum Pidana (KUHP)"),
    ("Berdasarkan Pergub Nomor 2 Tahun 2025 tentang Tata Kelola Sampah dan SE Sekda Nomor 11 Tahun 2025 tentang "
     "Kerja Bakti.", "Tata Kelola Sampah"),
    ("Pemkot menerbitkan SE Wali Kota Tangerang Selatan Nomor 6 Tahun 2025 tentang Pembatasan Kendaraan Dinas dan "
     "SE Nomor 7 Tahun 2025 tentang Kerja dari Rumah bagi Pegawai.", "Pembatasan Kendaraan Dinas"),
])
def test_subject_of_the_first_citation_ends_where_the_title_ends(text, expected):
    assert find_citations(text)[0].subject == expected


@pytest.mark.parametrize("text, expected", [
    ("DPR mengesahkan Undang-Undang Nomor 1 Tahun 2024 tentang Perubahan Kedua atas Undang-Undang Nomor 11 Tahun "
     "2008 tentang Informasi dan Transaksi Elektronik.",
     [("UU", "1", 2024, None,
       "Perubahan Kedua atas Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik"),
      ("UU", "11", 2008, None, "Informasi dan Transaksi Elektronik")]),
    ("Ketentuan ini mengubah Peraturan Menteri Ketenagakerjaan Nomor 5 Tahun 2021 tentang Perubahan atas "
     "Peraturan Menteri Ketenagakerjaan Nomor 3 Tahun 2019 tentang Jaminan Hari Tua.",
     [("PERMEN", "5", 2021, "Menteri Ketenagakerjaan",
       "Perubahan atas Peraturan Menteri Ketenagakerjaan Nomor 3 Tahun 2019 tentang Jaminan Hari Tua"),
      ("PERMEN", "3", 2019, "Menteri Ketenagakerjaan", "Jaminan Hari Tua")]),
    ("Ia menyebut Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti "
     "Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang.",
     [("UU", "6", 2023, None, "Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 "
                              "tentang Cipta Kerja menjadi Undang-Undang"),
      ("PERPPU", "2", 2022, None, "Cipta Kerja")]),
])
def test_amendment_titles_keep_both_instruments(text, expected):
    assert resolved(text) == expected


# --- what is not a citation -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pekerja yang terdampak UU Cipta Kerja melakukan aksi di depan gedung DPRD.",
    "Bantuan Nomor 5 Tahun 2025 disalurkan kepada 200 warga.",
    "Nomor 5 Tahun 2025 tentang Bantuan Sosial sudah terbit.",
    "Pasal 5 ayat 2 mengatur sanksi bagi pelanggar.",
    "Anggaran Rp 5/2025 sudah cair.",
    "Perpres tentang Percepatan Pembangunan sedang disusun.",
    "Warga tinggal di RT 05/RW 03 Kelurahan Sukamaju.",
    "Sesuai amanat UUD 1945, negara hadir bagi warga.",
])
def test_not_a_citation(text):
    assert resolve_citations(find_citations(text)) == []


def test_generic_decision_without_an_earlier_match_is_dropped():
    citations = find_citations("Keputusan Nomor 731 Tahun 2025 diumumkan.")
    assert [(c.type, c.number, c.generic) for c in citations] == [("KEPBAN", "731", True)]
    assert resolve_citations(citations) == []


def test_generic_decision_takes_the_type_of_an_earlier_citation():
    text = ("Gubernur menerbitkan Keputusan Gubernur Jawa Timur Nomor 731 Tahun 2025 tentang Upah Minimum. "
            "Keputusan Nomor 731 Tahun 2025 itu berlaku Januari.")
    regs = resolve_citations(find_citations(text))
    assert [(r.type, r.number, r.year, r.issuer) for r in regs] == [("KEPGUB", "731", 2025, "Gubernur Jawa Timur")]
    assert len(regs[0].mentions) == 2


# --- mentions and offsets ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Aturan itu tertuang dalam PP 50/2025 yang berlaku.", ["PP 50/2025"]),
    ("Sesuai Peraturan Pemerintah (PP) Nomor 50 Tahun 2025 tentang Iuran.",
     ["Peraturan Pemerintah (PP) Nomor 50 Tahun 2025"]),
    ("Camat merujuk SE Wali Kota Depok Nomor 6 Tahun 2025 lalu SE Nomor 7 Tahun 2025.",
     ["SE Wali Kota Depok Nomor 6 Tahun 2025", "SE Nomor 7 Tahun 2025"]),
    ("Dasarnya UU Cipta Kerja dan UU Nomor 6 Tahun 2023.", ["UU Nomor 6 Tahun 2023"]),
])
def test_mention_text_and_offsets(text, expected):
    citations = find_citations(text)
    assert [c.text for c in citations] == expected
    assert all(text[c.start:c.end] == c.text for c in citations)


# --- canonical ids -----------------------------------------------------------------------------------

@pytest.mark.parametrize("type_, number, year, issuer, expected", [
    ("PP", "50", 2025, None, "pp/2025/50"),
    ("UU", "11", 2020, None, "uu/2020/11"),
    ("UU", "11", None, None, "uu/na/11"),
    ("PERPRES", "12", 2025, "Presiden", "perpres/2025/12"),
    ("SE", "6", 2025, "Wali Kota Jakarta Barat", "se/wali-kota-jakarta-barat/2025/6"),
    ("SE", "400.3/123/SE/2025", 2025, None, "se/2025/400.3-123-se-2025"),
    ("PERMEN", "5", 2021, "Menteri Ketenagakerjaan", "permen/menteri-ketenagakerjaan/2021/5"),
    ("PUTUSAN", "90/PUU-XXI/2023", 2023, "Mahkamah Konstitusi", "putusan/mahkamah-konstitusi/2023/90-puu-xxi-2023"),
    ("POJK", "22", 2023, "Otoritas Jasa Keuangan", "pojk/2023/22"),
])
def test_canonical_id(type_, number, year, issuer, expected):
    assert canonical_id(type_, number, year, issuer) == expected


@pytest.mark.parametrize("text, expected", [
    ("Aturan itu tertuang dalam PP 50/2025.", ["pp/2025/50"]),
    ("Sesuai Peraturan Pemerintah (PP) Nomor 50 Tahun 2025 dan PP 50/2025 tadi.", ["pp/2025/50"]),
    ("Camat merujuk SE Wali Kota Depok Nomor 6 Tahun 2025 lalu SE Nomor 7 Tahun 2025.",
     ["se/wali-kota-depok/2025/6", "se/wali-kota-depok/2025/7"]),
    ("Berdasarkan Permenaker Nomor 5 Tahun 2021.", ["permen/menteri-ketenagakerjaan/2021/5"]),
])
def test_resolved_ids(text, expected):
    assert [r.id for r in resolve_citations(find_citations(text))] == expected


def test_the_documents_own_identity_is_left_out():
    text = "Surat Edaran Wali Kota Depok Nomor 6 Tahun 2025 merujuk Undang-Undang Nomor 23 Tahun 2014."
    regs = resolve_citations(find_citations(text), own=("SE", "6", 2025))
    assert [(r.type, r.number) for r in regs] == [("UU", "23")]


def test_to_dict_lists_every_mention():
    text = "Sesuai PP Nomor 50 Tahun 2025 tentang Iuran. Diskon dalam PP 50/2025 berlaku tiga bulan."
    [reg] = resolve_citations(find_citations(text))
    d = reg.to_dict()
    assert d["id"] == "pp/2025/50"
    assert d["subject"] == "Iuran"
    assert [m["text"] for m in d["mentions"]] == ["PP Nomor 50 Tahun 2025", "PP 50/2025"]
