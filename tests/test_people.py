"""People and the offices they hold: position-name orders, honorifics, ranks, short mentions.

``expected`` lists the resolved people as ``(name, position)`` in text order.
"""
from __future__ import annotations

import pytest

from extract.find.people import find_people
from extract.find.persons import resolve_people


def people(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.position) for p in resolve_people(find_people(text))]


@pytest.mark.parametrize("text, expected", [
    # position, comma, name
    ("Kepala Dinas Sosial Kota Bogor, Rina Kartikasari, mengatakan bantuan sudah disalurkan.",
     [("Rina Kartikasari", "Kepala Dinas Sosial Kota Bogor")]),
    ("Wakil Ketua DPRD Kota Malang, Imam Suharto, meminta pemkot bergerak cepat.",
     [("Imam Suharto", "Wakil Ketua DPRD Kota Malang")]),
    ("Plt Kepala Dinas Kesehatan Kota Bandung, Nining Rahmawati, mengimbau warga waspada.",
     [("Nining Rahmawati", "Plt Kepala Dinas Kesehatan Kota Bandung")]),
    ("Sekretaris Daerah Provinsi Bali, I Made Sudarsana, menyampaikan laporan.",
     [("I Made Sudarsana", "Sekretaris Daerah Provinsi Bali")]),
    ("Kepala Badan Gizi Nasional, Joko Susilo mengatakan menu sudah disiapkan.",
     [("Joko Susilo", "Kepala Badan Gizi Nasional")]),
    # position then name without a comma
    ("Menteri Keuangan Bambang Wirawan Hadisaputro mengatakan anggaran cukup.",
     [("Bambang Wirawan Hadisaputro", "Menteri Keuangan")]),
    ("Wali Kota Jakarta Barat Budi Hartono meninjau lokasi banjir.",
     [("Budi Hartono", "Wali Kota Jakarta Barat")]),
    ("Anggota Komisi IX DPR RI Nurhayati Siregar meminta pemerintah bergerak.",
     [("Nurhayati Siregar", "Anggota Komisi IX DPR RI")]),
    ("Bupati Banyumas Ahmad Fauzan mengatakan jalan rusak segera diperbaiki.",
     [("Ahmad Fauzan", "Bupati Banyumas")]),
    # regression: a district (kecamatan) right after the title is the position's, not the name's
    ("Camat Cibinong Iwan Setiawan berharap warga tertib.", [("Iwan Setiawan", "Camat Cibinong")]),
    # name, comma, position
    ("Sulastri Widyaningrum, Kepala Badan Pusat Statistik, menjelaskan angka kemiskinan turun.",
     [("Sulastri Widyaningrum", "Kepala Badan Pusat Statistik")]),
    ("Hal itu disampaikan Gilang Ramadhan, Kepala Bidang Pengendalian Penyakit Dinas Kesehatan, kemarin.",
     [("Gilang Ramadhan", "Kepala Bidang Pengendalian Penyakit Dinas Kesehatan")]),
    ("Menurut Gilang Ramadhan, Kepala Bidang Pengendalian Penyakit Dinas Kesehatan, kasus turun.",
     [("Gilang Ramadhan", "Kepala Bidang Pengendalian Penyakit Dinas Kesehatan")]),
    # "selaku"
    ("Hendra Saputra selaku Kepala Dinas Pendidikan Kabupaten Sleman meninjau sekolah.",
     [("Hendra Saputra", "Kepala Dinas Pendidikan Kabupaten Sleman")]),
    ("Rapat dipimpin Yuliana Pertiwi selaku Sekretaris Daerah Kota Cirebon.",
     [("Yuliana Pertiwi", "Sekretaris Daerah Kota Cirebon")]),
])
def test_position_and_name(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Mewakili Wali Kota Cimahi, Agus Firmansyah, Asisten Perekonomian dan Pembangunan, Dedi Kurniawan "
     "mengatakan program berlanjut.",
     [("Agus Firmansyah", "Wali Kota Cimahi"), ("Dedi Kurniawan", "Asisten Perekonomian dan Pembangunan")]),
    ("Mewakili Bupati Klaten, Slamet Prihatno, Asisten Pemerintahan Setda Klaten, Wulan Anggraeni menyampaikan "
     "sambutan.",
     [("Slamet Prihatno", "Bupati Klaten"), ("Wulan Anggraeni", "Asisten Pemerintahan Setda Klaten")]),
    # regression: a title after "Mewakili" is no name, and the position after it belongs to the name after it
    ("Mewakili Wali Kota Bekasi, Asisten Pemerintahan Setda Kota Bekasi, Yudi Prasetyo, mengatakan "
     "acara berjalan lancar.",
     [("Yudi Prasetyo", "Asisten Pemerintahan Setda Kota Bekasi")]),
])
def test_representing_chain_gives_each_person_their_own_position(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text, expected_name, expected_text", [
    ("Gubernur Jawa Tengah, Dr. H. Ahmad Subekti, S.E., M.M., membuka acara.",
     "Ahmad Subekti", "Dr. H. Ahmad Subekti, S.E., M.M."),
    ("Kepala Dinas Pendidikan Yogyakarta, Hj. Ratna Dewi Lestari, S.Pd., M.Pd., mengimbau orang tua.",
     "Ratna Dewi Lestari", "Hj. Ratna Dewi Lestari, S.Pd., M.Pd."),
    ("Kepala Dinas Kesehatan Kota Bandung, Prof. Dr. Ir. Nining Rahmawati, M.Sc., mengimbau warga waspada.",
     "Nining Rahmawati", "Prof. Dr. Ir. Nining Rahmawati, M.Sc."),
    ("Kepala Dinas Kesehatan Kota Bandung, Nining Rahmawati, M.Kes., mengimbau warga waspada.",
     "Nining Rahmawati", "Nining Rahmawati, M.Kes."),
    ("Ketua DPRD Kabupaten Bogor, Drs. H. Mulyadi Kusuma, M.Si., membuka rapat.",
     "Mulyadi Kusuma", "Drs. H. Mulyadi Kusuma, M.Si."),
    ("Kepala Dinas Kesehatan Kota Bandung, dr. Nining Rahmawati, M.Kes., mengimbau warga waspada.",
     "Nining Rahmawati", "dr. Nining Rahmawati, M.Kes."),
])
def test_degrees_and_honorifics_are_stripped(text, expected_name, expected_text):
    [mention] = find_people(text)
    assert mention.name == expected_name
    assert mention.text == expected_text
    assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("text, expected", [
    ("Kapolres Metro Depok, AKBP Rizal Maulana, mengatakan pelaku sudah ditangkap.",
     ("Rizal Maulana", "Kapolres Metro Depok", "AKBP")),
    ("Kapolda Jawa Barat Irjen Pol Bagus Santoso menegaskan hal itu.",
     ("Bagus Santoso", "Kapolda Jawa Barat", "Irjen Pol")),
    ("Kapolsek Tanah Abang, Kompol Suryo Aji, mengatakan jalan ditutup.",
     ("Suryo Aji", "Kapolsek Tanah Abang", "Kompol")),
    ("Kasatreskrim Polres Bogor, AKP Teguh Wibowo, mengungkapkan motif pelaku.",
     ("Teguh Wibowo", "Kasatreskrim Polres Bogor", "AKP")),
    ("Dandim 0618/Kota Bandung, Letkol Inf Arif Rahman, memimpin apel.",
     ("Arif Rahman", "Dandim 0618/Kota Bandung", "Letkol Inf")),
])
def test_rank_is_not_part_of_the_name(text, expected):
    [mention] = find_people(text)
    assert (mention.name, mention.position, mention.rank) == expected
    assert expected[2] not in mention.text


@pytest.mark.parametrize("text, expected_name, expected_mentions", [
    ("Menteri Sosial Tri Handayani Kusuma meninjau lokasi. Tri menyebut bantuan akan ditambah.",
     "Tri Handayani Kusuma", ["Tri Handayani Kusuma", "Tri"]),
    ("Bupati Banyumas Ahmad Fauzan mengatakan jalan rusak segera diperbaiki. Menurut Fauzan, perbaikan butuh "
     "dua bulan.", "Ahmad Fauzan", ["Ahmad Fauzan", "Fauzan"]),
    ("Kepala Dinas Sosial, Rina Kartikasari, hadir. Rina mengatakan bantuan cukup. Kartikasari menambahkan data.",
     "Rina Kartikasari", ["Rina Kartikasari", "Rina", "Kartikasari"]),
    ("Wali Kota Pekalongan Hendro Wibisono membuka pasar. Kemudian Wali Kota Hendro menambahkan arahan.",
     "Hendro Wibisono", ["Hendro Wibisono", "Hendro"]),
])
def test_short_mention_resolves_to_the_fullest_name(text, expected_name, expected_mentions):
    [person] = resolve_people(find_people(text))
    assert person.name == expected_name
    assert [m.text for m in person.mentions] == expected_mentions
    assert person.position is not None


@pytest.mark.parametrize("text, expected", [
    ("Direktur Utama PT Sinar Maju Abadi, Kevin Hartanto, mengatakan perusahaannya siap.",
     ("Kevin Hartanto", False)),
    ("Manajer Operasional PT Bumi Raya Sentosa, Yohanes Lim, mengatakan pabrik tetap beroperasi.",
     ("Yohanes Lim", False)),
    ("Ketua Yayasan Pelita Bangsa, Maria Ulfa, mengatakan sekolah gratis.", ("Maria Ulfa", False)),
    ("Direktur Utama PT Pertamina, Wahyu Nugroho, mengatakan stok aman.", ("Wahyu Nugroho", True)),
    ("Kepala Dinas Sosial Kota Bogor, Rina Kartikasari, mengatakan bantuan cukup.", ("Rina Kartikasari", True)),
    ('"Kami siap membantu warga," kata Lestari Ningsih.', ("Lestari Ningsih", False)),
])
def test_private_people_are_not_officials(text, expected):
    [person] = resolve_people(find_people(text))
    assert (person.name, person.official) == expected


@pytest.mark.parametrize("text, expected", [
    ('"Kami siap membantu warga," kata Lestari Ningsih.', [("Lestari Ningsih", None)]),
    ("Lestari Ningsih mengatakan warga siap membantu.", [("Lestari Ningsih", None)]),
    ("Menurut Damar Wicaksono, harga cabai turun.", [("Damar Wicaksono", None)]),
])
def test_people_beside_speech_verbs(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text", [
    "Warga Kota Bogor mengatakan bantuan belum datang.",
    "Pada Senin pagi, pasar kembali ramai.",
    "Pemerintah Kota Bogor menyalurkan bantuan kepada warga.",
    "Kepala Dinas Sosial mengatakan bantuan cukup.",
])
def test_no_person(text):
    assert find_people(text) == []


def test_agency_of_a_position():
    [person] = resolve_people(find_people("Kepala Dinas Sosial Kota Bogor, Rina Kartikasari, hadir."),
                              ["Dinas Sosial", "Dinas Sosial Kota Bogor", "Kota Bogor"])
    assert person.agency == "Dinas Sosial Kota Bogor"


def test_mention_offsets_point_at_the_name():
    text = "Menteri Keuangan Bambang Wirawan Hadisaputro mengatakan. Bambang menambahkan."
    for m in find_people(text):
        assert text[m.start:m.end] == m.text


# --- the shortcuts of the people patterns change no match ------------------------------------------------

_EDGES = ("Menurut dr. Rina Kartikasari, Kepala Dinas Kesehatan, warga harus waspada.",
          "\"Kami siap,\" kataKapolres Kota Bogor AKBP Budi Hartono.",
          "mantan Kepala Dinas Sosial Kota Bogor, Rina Kartikasari, mengatakan itu.",
          "Hal itu disampaikan juru bicara Kementerian Luar Negeri, Imam Suharto.",
          "Rina Kartikasari selaku Kepala Bidang Pencegahan BPBD mengatakan hal itu.\nIwan Setiawan, Camat Cibinong, menambahkan.",
          "drg. Nining Rahmawati menjelaskan. Ir. H. Ahmad Fauzan, M.Si. mengatakan warga tertib.")


def test_the_patterns_match_the_same_without_their_shortcuts(train_news):
    """Each people pattern opens with a lookahead for the characters a match can start with, and takes
    the letters of a name's words possessively: shortcuts for the engine. Without them (no lookahead,
    greedy letters), the patterns find the same matches, over real news and the edges of what a match
    can start with (an honorific in lower case, a title glued to "kata")."""
    import re

    from extract.find.name_words import _NAME_AT, _name_position_pattern, _position_name_pattern, _speech_pattern

    texts = list(train_news)
    texts += _EDGES
    for pattern in (_position_name_pattern(), _name_position_pattern(), _speech_pattern(), _NAME_AT):
        plain = pattern.pattern.replace("++", "+")
        if plain.startswith("(?=["):
            plain = plain[plain.index("])") + 2:]
        assert plain != pattern.pattern
        bare = re.compile(plain, pattern.flags)
        found = [[m.span() for m in pattern.finditer(t)] for t in texts]
        assert found == [[m.span() for m in bare.finditer(t)] for t in texts]
        assert sum(map(len, found)) > 30  # the texts hold matches of every pattern
    assert [m.group("name") for m in _name_position_pattern().finditer(_EDGES[4])] == ["Rina Kartikasari",
                                                                                      "Iwan Setiawan"]


def test_the_title_alternation_reads_each_title_in_the_cases_news_writes():
    """Titles are grouped by a first letter taken in either case; one that news writes only with a
    capital is checked behind its second letter, so "kapolres" is not a title but "kepala" is."""
    import re

    from extract.find.name_words import LOWERCASE_TITLES, _title_alt, position_titles

    titles = re.compile(f"(?:{_title_alt()})")
    for title in position_titles():
        words = title.split()
        assert titles.fullmatch(title), title
        later = " ".join([words[0], *(w[0].swapcase() + w[1:] if w[0].isupper() else w for w in words[1:])])
        assert titles.fullmatch(later), later  # "Kepala dinas"
        lowered = title[0].lower() + title[1:]
        if words[0].lower() in LOWERCASE_TITLES:
            assert titles.fullmatch(lowered), lowered
        elif title[0].isupper() and not any(t.lower() == lowered.lower() and t[0].islower() for t in position_titles()):
            assert not titles.fullmatch(lowered), lowered
