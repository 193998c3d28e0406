"""Text cleaning: each named step on its own, the offset map back to the source, and properties
that must hold for any text (never crashes, cleaning twice changes nothing)."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract.read.normalize import DEFAULT_STEPS, STEPS, clean_text, steps_for

MD_STEPS = tuple(steps_for("md"))


# --- each step by name --------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Dinas  Sosial   Kota Bogor", "Dinas Sosial Kota Bogor"),
    ("  Warga berkumpul di balai desa.  ", "Warga berkumpul di balai desa."),
    ("Paragraf pertama.\n\n\n\nParagraf kedua.", "Paragraf pertama.\n\nParagraf kedua."),
    ("Baris pertama   \nbaris kedua", "Baris pertama\nbaris kedua"),
    ("Baris pertama\n    baris kedua", "Baris pertama\nbaris kedua"),
    ("\n\nJudul\n\n", "Judul"),
    ("Satu paragraf.\n\nParagraf lain.", "Satu paragraf.\n\nParagraf lain."),
    ("Baris pertama \n baris kedua", "Baris pertama\nbaris kedua"),
])
def test_whitespace_step(text, expected):
    assert clean_text(text, ["whitespace"]).text == expected


@pytest.mark.parametrize("text, expected", [
    ("Ia berkata \u201ckami siap membantu\u201d kepada warga.", 'Ia berkata "kami siap membantu" kepada warga.'),
    ("Program \u2018Desa Bersih\u2019 berjalan.", "Program 'Desa Bersih' berjalan."),
    ("Menurutnya \u201eharga turun\u201c minggu ini.", 'Menurutnya "harga turun" minggu ini.'),
    ("Slogan \u00abBersama Bisa\u00bb dipasang.", 'Slogan "Bersama Bisa" dipasang.'),
    ("Warga menyebut ''jalan tikus'' itu rawan.", 'Warga menyebut "jalan tikus" itu rawan.'),
    ("Kata Jum\u2019at ditulis dengan apostrof.", "Kata Jum'at ditulis dengan apostrof."),
    ("Tidak ada tanda kutip di sini.", "Tidak ada tanda kutip di sini."),
    ("Ia menulis ``kami siap'' di surat itu.", 'Ia menulis "kami siap" di surat itu.'),
    ("Ia menulis \u2018\u2018kami siap\u2019\u2019 di surat itu.", 'Ia menulis "kami siap" di surat itu.'),
])
def test_quotes_step(text, expected):
    assert clean_text(text, ["quotes"]).text == expected


@pytest.mark.parametrize("text, expected", [
    ("Pemerintah menetapkan kebi-\njakan baru.", "Pemerintah menetapkan kebijakan baru."),
    ("pelak- \n sanaan program", "pelaksanaan program"),
    ("penyalur-\nan bantuan dan pen-\ndataan warga", "penyaluran bantuan dan pendataan warga"),
    ("Provinsi Jawa-\nBarat", "Provinsi Jawa-\nBarat"),
    ("tahun 2024-\n2025", "tahun 2024-\n2025"),
    ("daftar:\n- beras\n- minyak", "daftar:\n- beras\n- minyak"),
    ("bantuan untuk masing-\nmasing keluarga", "bantuan untuk masing-masing keluarga"),
])
def test_hyphenation_step(text, expected):
    assert clean_text(text, ["hyphenation"]).text == expected


@pytest.mark.parametrize("text, expected", [
    ("Paragraf satu.\nBaca juga: Harga cabai naik lagi\nParagraf dua.", "Paragraf satu.\nParagraf dua."),
    ("Paragraf satu.\nBaca Juga: Warga antre minyak goreng\nParagraf dua.", "Paragraf satu.\nParagraf dua."),
    ("Paragraf satu.\nSCROLL TO CONTINUE WITH CONTENT\nParagraf dua.", "Paragraf satu.\nParagraf dua."),
    ("Paragraf satu.\nTonton juga video \"Banjir rendam jalan\" di sini\nParagraf dua.",
     "Paragraf satu.\nParagraf dua."),
    ("Paragraf satu.\nSimak juga Video: Pasar murah di alun-alun\nParagraf dua.", "Paragraf satu.\nParagraf dua."),
    ("Paragraf satu.\n  ADVERTISEMENT  \nParagraf dua.", "Paragraf satu.\nParagraf dua."),
    ("Paragraf terakhir.\nBaca juga: Jalan tol dibuka", "Paragraf terakhir.\n"),
    ("Warga diminta membaca juga: aturan baru itu.", "Warga diminta membaca juga: aturan baru itu."),
    ("Ia berpesan, baca juga: petunjuk di loket.", "Ia berpesan, baca juga: petunjuk di loket."),
])
def test_boilerplate_step(text, expected):
    assert clean_text(text, ["boilerplate"]).text == expected


@pytest.mark.parametrize("text, expected", [
    ("# Pengumuman Dinas", "Pengumuman Dinas"),
    ("### Bagian Ketiga", "Bagian Ketiga"),
    ("Bantuan **segera** disalurkan.", "Bantuan segera disalurkan."),
    ("Bantuan _segera_ disalurkan.", "Bantuan segera disalurkan."),
    ("Bantuan *segera* disalurkan.", "Bantuan segera disalurkan."),
    ("Lihat [laman resmi](https://contoh.go.id/berita) dinas.", "Lihat laman resmi dinas."),
    ("> Kami siap membantu.", "Kami siap membantu."),
    ("Berkas nama_file_lama tetap.", "Berkas nama_file_lama tetap."),
    ("Hitung 2 * 3 sama dengan 6.", "Hitung 2 * 3 sama dengan 6."),
])
def test_markdown_step(text, expected):
    assert clean_text(text, ["markdown"]).text == expected


@pytest.mark.parametrize("text, expected", [
    ("Dinas\u00a0Sosial", "Dinas Sosial"),
    ("kebi\u00adjakan", "kebijakan"),
    ("lang\u200bkah", "langkah"),
    ("2024\u20132025", "2024-2025"),
    ("Baris satu\r\nBaris dua\rBaris tiga", "Baris satu\nBaris dua\nBaris tiga"),
    ("Kolom\tkedua", "Kolom\tkedua"),  # a tab separates columns and is kept
    ("Cafe\u0301 desa", "Caf\u00e9 desa"),
])
def test_unicode_step(text, expected):
    assert clean_text(text, ["unicode"]).text == expected


def test_steps_run_in_the_order_given():
    text = "Dinas\u00a0 Sosial"
    assert clean_text(text, ["unicode", "whitespace"]).text == "Dinas Sosial"
    assert clean_text(text, ["whitespace", "unicode"]).text == "Dinas  Sosial"


def test_no_steps_keeps_the_text():
    cleaned = clean_text("Teks  apa\u00a0adanya", [])
    assert cleaned.text == "Teks  apa\u00a0adanya"
    assert cleaned.offsets == tuple(range(len(cleaned.text)))


def test_default_steps_clean_a_news_paragraph():
    raw = ("Wali Kota meninjau \u201cposko\u201d  banjir.\r\n"
           "Baca juga: Sungai meluap lagi\r\n"
           "Petugas menyiapkan kebi-\r\njakan darurat.  ")
    assert clean_text(raw).text == 'Wali Kota meninjau "posko" banjir.\nPetugas menyiapkan kebijakan darurat.'


@pytest.mark.parametrize("steps", [["spaces"], ["whitespace", "Quotes"], ["unicode", ""]])
def test_unknown_step_raises_listing_valid_names(steps):
    with pytest.raises(ValueError) as info:
        clean_text("teks", steps)
    message = str(info.value)
    for name in STEPS:
        assert name in message
    bad = next(s for s in steps if s not in STEPS)
    assert repr(bad) in message


def test_unknown_step_is_rejected_before_any_work():
    with pytest.raises(ValueError, match="valid steps"):
        clean_text("", ["whitespace", "typo"])


@pytest.mark.parametrize("text, expected", [
    ("Tersangka: 1. Ani selaku anggota Komisi III DPRD OKU2. Budi selaku Kepala Dinas PUPR OKU3. Cici",
     "Tersangka: 1. Ani selaku anggota Komisi III DPRD OKU\n2. Budi selaku Kepala Dinas PUPR OKU\n3. Cici"),
    ("Dana Rp 43 miliar2. Badan A: Rp 6 miliar3. Pusat B", "Dana Rp 43 miliar\n2. Badan A: Rp 6 miliar\n3. Pusat B"),
    ("Kepala BGN Dadan9. Menteri HAM Ani10. Menteri Desa", "Kepala BGN Dadan\n9. Menteri HAM Ani\n10. Menteri Desa"),
    ("Kasus COVID19. Pemerintah bergerak.", "Kasus COVID19. Pemerintah bergerak."),  # a lone number: no list
    ("Tim A2. Lalu\nTim B3. Kemudian", "Tim A2. Lalu\nTim B3. Kemudian"),  # 2 and 3 on different lines
    ("Nomor 1232. Surat", "Nomor 1232. Surat"),
    ("Judul\n1. Ani di DPRD OKU2. Budi", "Judul\n1. Ani di DPRD OKU\n2. Budi"),  # 2 after a "1. " opening the line
    ("Judul\nAni di DPRD OKU2. Budi", "Judul\nAni di DPRD OKU2. Budi"),  # a 2 with no 1 or 3: no list
])
def test_list_items_step_puts_back_the_breaks_of_a_run_together_list(text, expected):
    cleaned = clean_text(text, ["list_items"])
    assert cleaned.text == expected
    assert all(text[cleaned.offsets[i]] == ch for i, ch in enumerate(cleaned.text) if ch != "\n")


@pytest.mark.parametrize("fmt, expected", [
    ("md", ("unicode", "markdown", "boilerplate", "hyphenation", "quotes", "list_items", "whitespace")),
    ("txt", DEFAULT_STEPS),
    ("pdf", DEFAULT_STEPS),
])
def test_steps_for_format(fmt, expected):
    assert tuple(steps_for(fmt)) == expected


# --- offsets back to the source ----------------------------------------------------------------


@pytest.mark.parametrize("source, needle, expected", [
    ("Ia berkata \u201ckami siap\u201d.", '"kami siap"', "\u201ckami siap\u201d"),
    ("Paragraf satu.\nBaca juga: Berita lain\nParagraf  dua selesai.", "Paragraf dua", "Paragraf  dua"),
    ("Petugas menyiapkan kebi-\njakan darurat.", "kebijakan", "kebi-\njakan"),
    ("Petugas menyiapkan kebi-\njakan darurat.", "ijak", "i-\njak"),
    ("   Dinas\u00a0Sosial hadir", "Dinas Sosial", "Dinas\u00a0Sosial"),
    ("lang\u200bkah awal", "langkah", "lang\u200bkah"),
    ("Baris satu\r\nBaris dua", "satu\nBaris", "satu\r\nBaris"),
    ("Bantuan **segera** disalurkan.", "segera disalurkan", "segera** disalurkan"),
    pytest.param("Warga menyebut ''jalan tikus'' itu.", '"jalan tikus"', "''jalan tikus''",
                 marks=pytest.mark.xfail(reason="a two-character mark replaced by one maps only to its first "
                                                "character, so the span ends one apostrophe short")),
    pytest.param("Lihat [laman resmi](https://contoh.go.id) dinas.", "resmi", "resmi",
                 marks=pytest.mark.xfail(reason="every character of a Markdown link's text maps to the '[' "
                                                "that opened it, so a span inside the link maps to '['")),
])
def test_offsets_map_back_to_source(source, needle, expected):
    steps = MD_STEPS if "[" in source or "**" in source else DEFAULT_STEPS
    cleaned = clean_text(source, steps)
    start = cleaned.text.index(needle)
    a, b = cleaned.to_source(start, start + len(needle))
    assert source[a:b] == expected


def test_offsets_have_one_entry_per_clean_character():
    cleaned = clean_text("Dinas  Sosial.\nBaca juga: lain\nkebi-\njakan \u201cbaru\u201d")
    assert len(cleaned.offsets) == len(cleaned.text)
    assert list(cleaned.offsets) == sorted(cleaned.offsets)
    assert all(0 <= o < len(cleaned.source) for o in cleaned.offsets)


def test_empty_text_maps_to_empty_span():
    cleaned = clean_text("   \n\n  ")
    assert cleaned.text == ""
    assert cleaned.to_source(0, 0) == (0, 0)


# --- properties ----------------------------------------------------------------------------------

WORDS = ["dinas", "sosial", "warga", "bantuan", "kebijakan", "anggaran", "Bupati", "Kota", "Bogor", "2025",
         "Rp", "50", "persen", "pelaksanaan", "desa"]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\n\n\n", "\u00a0", "\t", ", ", ". "]
BOILERPLATE = ["Baca juga: Harga beras naik", "SCROLL TO CONTINUE WITH CONTENT", "Tonton juga video banjir",
               "Simak juga Video: pasar murah"]


@st.composite
def documents(draw) -> str:
    """Realistic text: words, ordinary separators, quoted phrases, boilerplate lines, broken words."""
    parts = []
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.sampled_from(["word", "word", "word", "quoted", "boilerplate", "broken"]))
        if kind == "word":
            parts.append(draw(st.sampled_from(WORDS)))
        elif kind == "quoted":
            left, right = draw(st.sampled_from([("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019")]))
            parts.append(f"{left}{draw(st.sampled_from(WORDS))} {draw(st.sampled_from(WORDS))}{right}")
        elif kind == "boilerplate":
            parts.append("\n" + draw(st.sampled_from(BOILERPLATE)) + "\n")
        else:
            word = draw(st.sampled_from([w for w in WORDS if w.islower() and len(w) > 4]))
            cut = draw(st.integers(2, len(word) - 2))
            parts.append(word[:cut] + "-\n" + word[cut:])
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(w == h for h in it) for w in needle)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), st.sampled_from([DEFAULT_STEPS, MD_STEPS, ("whitespace",), ("quotes", "markdown")]))
def test_clean_text_never_crashes(text, steps):
    cleaned = clean_text(text, steps)
    assert isinstance(cleaned.text, str)
    assert cleaned.source == text
    assert len(cleaned.offsets) == len(cleaned.text)
    assert all(0 <= o < len(text) for o in cleaned.offsets)


@settings(max_examples=150, deadline=None)
@given(documents(), st.data())
def test_random_spans_map_to_source_with_the_same_words(text, data):
    cleaned = clean_text(text)
    if not cleaned.text:
        return
    start = data.draw(st.integers(0, len(cleaned.text) - 1))
    end = data.draw(st.integers(start + 1, len(cleaned.text)))
    a, b = cleaned.to_source(start, end)
    assert 0 <= a < b <= len(text)
    clean_words = re.findall(r"\w+", cleaned.text[start:end])
    source_words = re.findall(r"\w+", text[a:b].replace("-\n", ""))
    assert _is_subsequence(clean_words, source_words), (cleaned.text[start:end], text[a:b])
    # The span starts and ends on the same characters, whatever was cleaned in between.
    assert text[a] == cleaned.text[start] or not cleaned.text[start].isalnum()
    assert text[b - 1] == cleaned.text[end - 1] or not cleaned.text[end - 1].isalnum()


@pytest.mark.parametrize("text", [
    "Wali Kota meninjau \u201cposko\u201d  banjir.\nBaca juga: Sungai meluap\nPetugas berjaga.",
    "Kepala Dinas\u00a0Sosial,  Rina,\r\nmengatakan   bantuan cukup.\n\n\n\nIa menambahkan data.",
    "# Judul\n\n**Penting:** warga diminta [mendaftar](https://contoh.go.id) sebelum Jumat.",
    "pelak-\nsanaan kebi-\njakan\u200b baru\u2013lama",
])
def test_cleaning_these_texts_twice_changes_nothing(text):
    for steps in (DEFAULT_STEPS, MD_STEPS):
        once = clean_text(text, steps).text
        assert clean_text(once, steps).text == once


@settings(max_examples=150, deadline=None)
@given(documents())
@example("dinas \nBaca juga: Harga beras naik\n dinas")
def test_cleaning_realistic_text_twice_changes_nothing(text):
    once = clean_text(text).text
    assert clean_text(once).text == once


@pytest.mark.xfail(reason="clean_text is not idempotent with the Markdown steps: '>>' -> '>' -> '' (nested "
                          "markup is removed one level a pass)")
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from([DEFAULT_STEPS, MD_STEPS]))
@example("a \n a", DEFAULT_STEPS)
@example("\u2018\u2018", DEFAULT_STEPS)
@example(">>", MD_STEPS)
def test_clean_text_is_idempotent(text, steps):
    once = clean_text(text, steps).text
    assert clean_text(once, steps).text == once
