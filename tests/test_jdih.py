"""The catalogue fields of a regulation (JDIH): gazettes, promulgation, heading, keywords, URI."""
from __future__ import annotations

import re

import pytest

from extract.find.regulations import akn_uri
from extract.read.structure import parse_structure
from extract.read.structure.common import split_lines
from extract.read.structure.jdih import catalogue_heading, find_gazettes, find_promulgation, header_keywords
from extract.store.rows import catalogue_row, gazette_note

from .regulation_pdfs import pdf_records

CLOSING = """PERATURAN MENTERI CONTOH REPUBLIK INDONESIA
NOMOR 12 TAHUN 2031
TENTANG
TATA CARA PERCOBAAN
Mengingat : 1. Undang-Undang Nomor 3 Tahun 2010 tentang Percobaan (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 77, Tambahan Lembaran Negara Republik Indonesia Nomor 8888);
Pasal 1
Peraturan Menteri ini mulai berlaku pada tanggal diundangkan.
Ditetapkan di Jakarta
pada tanggal 3 Maret 2031
MENTERI CONTOH REPUBLIK INDONESIA,
ttd.
BUDI RAHARJA
Diundangkan di Jakarta
pada tanggal 9 Maret 2031
DIREKTUR JENDERAL
PERATURAN PERUNDANG-UNDANGAN
KEMENTERIAN HUKUM REPUBLIK INDONESIA,
ttd
SITI AMINAH
BERITA NEGARA REPUBLIK INDONESIA TAHUN 2031 NOMOR 2O5
"""


def test_closing_block_gives_promulgation_and_gazette():
    lines = split_lines(CLOSING)
    place, date, official = find_promulgation(CLOSING, lines)
    assert (place, date) == ("Jakarta", "2031-03-09")
    assert official == {"name": "Siti Aminah",
                        "position": "Direktur Jenderal Peraturan Perundang-Undangan Kementerian Hukum Republik Indonesia"}
    # the mixed-case note in Mengingat belongs to the cited law, not to this one
    assert find_gazettes(CLOSING) == [{"series": "BN", "name": "Berita Negara Republik Indonesia", "year": 2031,
                                       "number": "205", "start": CLOSING.index("BERITA NEGARA")}]


def test_structure_carries_the_catalogue():
    catalogue = parse_structure(CLOSING).catalogue
    assert catalogue["form"] == "Peraturan Menteri"
    assert catalogue["heading"] == "Indonesia. Kementerian Contoh"
    assert catalogue["promulgated_date"] == "2031-03-09"
    assert [g["series"] for g in catalogue["gazettes"]] == ["BN"]


@pytest.mark.parametrize("text, expected", [
    ("LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN 2030 NOMOR 41\n", [("LN", 2030, "41")]),
    ("TAMBAHAN LEMBARAN NEGARA REPUBLIK INDONESIA NOMOR 7001\n", [("TLN", None, "7001")]),
    ("LEMBARAN DAERAH KABUPATEN CONTOH TAHUN 2029 NOMOR 3\n", [("LD", 2029, "3")]),
    ("BERITA DAERAH KOTA CONTOH TAHUN 2029 NOMOR 17\n", [("BD", 2029, "17")]),
    ("LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN 2030 NOMOR T4\n", [("LN", 2030, None)]),  # OCR left no digits
    ("(Lembaran Negara Republik Indonesia Tahun 2030 Nomor 41)\n", []),
    ("BERITA NEGARA\nREPUBLIK INDONESIA\nNo.61, 2030 KEMENCONTOH. Izin. Tata Cara.\nPERATURAN MENTERI\n",
     [("BN", 2030, "61")]),
])
def test_find_gazettes(text, expected):
    assert [(g["series"], g["year"], g["number"]) for g in find_gazettes(text)] == expected


def test_header_keywords_run_over_two_lines():
    text = "BERITA NEGARA\nREPUBLIK INDONESIA\nNo. 7, 2030 KEMENCONTOH. Visa. Izin Tinggal.\nPencabutan.\nPERATURAN\n"
    assert header_keywords(text) == ["Visa", "Izin Tinggal", "Pencabutan"]


@pytest.mark.parametrize("type_, issuer, expected", [
    ("PP", None, "Indonesia. Pemerintah Pusat"),
    ("UU", None, "Indonesia. Pemerintah Pusat"),
    ("PERMEN", "Menteri Contoh Republik Indonesia", "Indonesia. Kementerian Contoh"),
    ("PERMEN", "Menteri Koordinator Bidang Contoh", "Indonesia. Kementerian Koordinator Bidang Contoh"),
    ("PERBAN", "Kepala Badan Contoh", "Indonesia. Badan Contoh"),
    ("PADG", "Anggota Dewan Gubernur", "Bank Indonesia"),
    ("PERBUP", "Bupati Contoh", "Kabupaten Contoh"),
    ("PERWAL", "Wali Kota Contoh", "Kota Contoh"),
    ("PERGUB", "Gubernur Contoh", "Provinsi Contoh"),
    ("SKB", "Menteri Satu, Menteri Dua, dan Menteri Tiga",
     "Indonesia. Kementerian Satu; Indonesia. Kementerian Dua; Indonesia. Kementerian Tiga"),
    ("PERMEN", None, None),
])
def test_catalogue_heading(type_, issuer, expected):
    assert catalogue_heading(type_, issuer) == expected


@pytest.mark.parametrize("args, uri", [
    (("PP", "50", 2025, None), "/akn/id/act/pp/2025/50"),
    (("UU", "11", 2020, None), "/akn/id/act/uu/2020/11"),
    (("PERMEN", "5", 2021, "Menteri Contoh"), "/akn/id/act/permen/menteri-contoh/2021/5"),
    (("SE", "7", 2025, "Wali Kota Contoh"), "/akn/id/doc/se/wali-kota-contoh/2025/7"),
    (("PUTUSAN", "90/PUU-XXI/2023", 2023, "Mahkamah Konstitusi"),
     "/akn/id/judgment/putusan/mahkamah-konstitusi/2023/90-puu-xxi-2023"),
])
def test_akn_uri(args, uri):
    assert akn_uri(*args) == uri


def test_catalogue_row_writes_gazettes_as_the_note_reads():
    row = catalogue_row({"gazettes": [{"series": "LN", "name": "Lembaran Negara Republik Indonesia", "year": 2030,
                                       "number": "4"},
                                      {"series": "TLN", "name": "Tambahan Lembaran Negara Republik Indonesia",
                                       "year": None, "number": "70"}],
                         "signatories": [{"name": "A B"}, {"name": "C D"}], "keywords": ["X", "Y"]})
    assert row["gazette"] == "Lembaran Negara Republik Indonesia Tahun 2030 Nomor 4"
    assert row["gazette_supplement"] == "Tambahan Lembaran Negara Republik Indonesia Nomor 70"
    assert (row["signatories"], row["keywords"]) == ("A B; C D", "X; Y")
    assert gazette_note({"series": "LN", "name": "Lembaran Negara", "year": None, "number": None}) == "Lembaran Negara"


# -- the real PDFs: every field the PDF states is filled -------------------------------------------

STATED = {  # field -> what in the text states it
    "promulgated_date": r"(?m)^Diundangkan\s+di",
    "promulgator": r"(?m)^Diundangkan\s+di",
    "gazettes": r"(?m)^(?:TAMBAHAN\s+)?(?:LEMBARAN|BERITA)\s+NEGARA\b",
    "keywords": r"\ABERITA NEGARA\nREPUBLIK INDONESIA\nNo\.",
}


@pytest.mark.parametrize("field", ["form", "heading", "set_place", "set_date", "signatories", "uri", *STATED])
def test_real_pdfs_fill_every_stated_field(field):
    records = pdf_records()
    missing = []
    for name, record in records.items():
        own = record["regulation"]
        if field in STATED and not re.search(STATED[field], record["text"]):
            continue
        if not own.get(field):
            missing.append(name)
    assert not missing, f"{field} empty on {missing}"


def test_real_gazette_notes_and_promulgation():
    records = pdf_records()
    pp = records["reg-13"]["regulation"]
    assert {g["series"]: (g["year"], g["number"]) for g in pp["gazettes"]} == {"LN": (2021, "86"), "TLN": (None, "6675")}
    assert pp["promulgated_date"] == "2021-03-31" and pp["heading"] == "Indonesia. Pemerintah Pusat"
    permen = records["reg-14"]["regulation"]
    assert permen["gazettes"][0]["number"] == "304" and "Pasar Perdana Domestik" in permen["keywords"]
    assert permen["uri"] == "/akn/id/act/permen/menteri-keuangan/2020/27-pmk.08-2020"
    assert len(records["reg-16"]["regulation"]["signatories"]) == 3  # a joint decision: each signer
