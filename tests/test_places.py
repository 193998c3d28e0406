"""Places: region mentions found in our own sentences and resolved to the right Kemendagri codes."""
from __future__ import annotations

import pytest
import spacy

from extract.find.gazetteer import region_index
from extract.find.places import Place, find_places

# (sentence, [(surface text, code)]) -- the sentences are ours.
CASES = [
    ("Banjir melanda Kabupaten Sleman dan Kota Semarang sejak Senin.",
     [("Kabupaten Sleman", "3404"), ("Kota Semarang", "3374")]),
    ("Rapat digelar di Kecamatan Semarang Barat.", [("Kecamatan Semarang Barat", "3374140")]),
    ("Pemerintah Provinsi Jawa Tengah menerbitkan surat edaran.", [("Provinsi Jawa Tengah", "33")]),
    ("Warga Jakarta Barat dan Jakarta Selatan antre vaksin.", [("Jakarta Barat", "3174"), ("Jakarta Selatan", "3171")]),
    ("Gubernur Jabar meninjau Tangsel.", [("Jabar", "32"), ("Tangsel", "3674")]),
    # a bare name shared by a regency and a city: the city; a prefix or an office decides otherwise
    ("Hujan deras di Semarang.", [("Semarang", "3374")]),
    ("Bupati Semarang dan Wali Kota Bogor hadir.", [("Semarang", "3322"), ("Bogor", "3271")]),
    ("Bantuan untuk Kab. Bandung dan Kabupaten Bogor.", [("Kab. Bandung", "3204"), ("Kabupaten Bogor", "3201")]),
    # a bare name shared by a province, a regency and a city: the province
    ("Pelantikan pejabat di Gorontalo.", [("Gorontalo", "75")]),
    ("Kota Gorontalo dan Kabupaten Gorontalo berbatasan.", [("Kota Gorontalo", "7571"), ("Kabupaten Gorontalo", "7502")]),
    # Jakarta and Yogyakarta alone are the provinces
    ("Kantor pusatnya di Jakarta, cabangnya di Yogyakarta.", [("Jakarta", "31"), ("Yogyakarta", "34")]),
    ("Kota Yogyakarta menutup jalan.", [("Kota Yogyakarta", "3471")]),
    # districts: after Kecamatan, when their regency is named, or as "District, Regency"
    ("Petani di Mlati mengeluh, kata Bupati Sleman.", [("Mlati", "3404060"), ("Sleman", "3404")]),
    ("Pasar di Depok, Sleman, ramai.", [("Depok", "3404070"), ("Sleman", "3404")]),
    ("Kota Depok dan Depok di Jawa Barat.", [("Kota Depok", "3276"), ("Depok", "3276"), ("Jawa Barat", "32")]),
    ("Petani di Mlati mengeluh.", []),
    # capitals, as in letterheads
    ("PEMERINTAH KABUPATEN SLEMAN", [("KABUPATEN SLEMAN", "3404")]),
    # names that are everyday words or given names need a prefix; lower case is never a place
    ("Batu itu jatuh. Bima Arya tiba di Kota Batu.", [("Kota Batu", "3579")]),
    ("Tan Malaka menulis buku; batu dan semarang bukan nama.", []),
    # longest name wins
    ("Wisata di Kabupaten Bandung Barat dan Jawa Barat.", [("Kabupaten Bandung Barat", "3217"), ("Jawa Barat", "32")]),
    ("Kabupaten Administrasi Kepulauan Seribu", [("Kabupaten Administrasi Kepulauan Seribu", "3101")]),
    ("Kepala daerah di Papua Pegunungan, Papua Selatan, Papua Tengah dan Papua Barat Daya.",
     [("Papua Pegunungan", "95"), ("Papua Selatan", "93"), ("Papua Tengah", "94"), ("Papua Barat Daya", "96")]),
    ("Tidak ada tempat di kalimat ini.", []),
    ("", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_places(text, expected):
    places = find_places(text)
    assert [(p.text, p.code) for p in places] == expected
    for place in places:
        assert text[place.start:place.end] == place.text


@pytest.mark.parametrize("code,name,level", [
    ("33", "Jawa Tengah", "province"),
    ("3404", "Sleman", "regency"),
    ("3374", "Semarang", "city"),
    ("3374140", "Semarang Barat", "district"),
    ("95", "Papua Pegunungan", "province"),
])
def test_places_carry_gazetteer_facts(code, name, level):
    """The codes used above are the gazetteer's, and a found place repeats its name and level."""
    region = region_index()[code]
    assert (region.name, region.level) == (name, level)
    found = [p for p in find_places(f"Kunjungan ke {_with_prefix(region.name, level)} pekan lalu.") if p.code == code]
    assert len(found) == 1 and (found[0].name, found[0].level) == (name, level)


def _with_prefix(name: str, level: str) -> str:
    return {"province": "Provinsi", "regency": "Kabupaten", "city": "Kota", "district": "Kecamatan"}[level] + " " + name


def test_new_papua_provinces_found_by_prefix():
    text = ("Provinsi Papua Selatan, Provinsi Papua Tengah, Provinsi Papua Pegunungan "
            "dan Provinsi Papua Barat Daya dibentuk pada 2022.")
    assert {(p.name, p.code, p.level) for p in find_places(text)} == {
        ("Papua Selatan", "93", "province"), ("Papua Tengah", "94", "province"),
        ("Papua Pegunungan", "95", "province"), ("Papua Barat Daya", "96", "province")}


def test_short_form_gives_full_name():
    (place,) = find_places("Hasil panen di Jateng naik.")
    assert place == Place(start=15, end=21, text="Jateng", name="Jawa Tengah", code="33", level="province")
    assert place.to_dict()["code"] == "33"


def test_district_shared_by_several_regions_keeps_no_code():
    """Kecamatan Bandung exists in two regencies; with neither named, the code stays unknown."""
    (place,) = find_places("Acara di Kecamatan Bandung dibatalkan.")
    assert (place.text, place.level, place.code) == ("Kecamatan Bandung", "district", None)


def test_component_writes_places_spans():
    import extract.pipeline  # noqa: F401  (registers Warta's components)

    nlp = spacy.blank("id")
    nlp.add_pipe("warta_places")
    doc = nlp("Wali Kota Semarang bertemu Gubernur Jawa Tengah di Kabupaten Sleman.")
    spans = doc.spans["places"]
    assert [(s.text, s.label_) for s in spans] == [("Semarang", "LOC"), ("Jawa Tengah", "LOC"),
                                                   ("Kabupaten Sleman", "LOC")]
    assert [s._.places.code for s in spans] == ["3374", "33", "3404"]
