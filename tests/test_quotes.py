"""Direct quotes and their speakers, and indirect statements.

Texts go through the default cleaning first, as in the pipeline, so curly marks become straight.
``expected`` lists ``(speaker, quoted words)`` in text order.
"""
from __future__ import annotations

import pytest

from extract.read.normalize import clean_text
from extract.find.people import find_people
from extract.find.persons import resolve_people
from extract.find.quotes import attribute_quotes, find_quotes, find_statements, quote_text


def quotes(text: str) -> list[tuple[str | None, str]]:
    text = clean_text(text).text
    people = resolve_people(find_people(text))
    return [(q.speaker, q.text) for q in attribute_quotes(text, find_quotes(text), people)]


@pytest.mark.parametrize("text, expected", [
    # straight and curly marks
    ('Kepala Dinas Sosial Kota Bogor, Rina Kartikasari, meninjau dapur umum. "Kami pastikan semua warga mendapat '
     'makanan," ujarnya.',
     [("Rina Kartikasari", "Kami pastikan semua warga mendapat makanan")]),
    ("Kepala Dinas Sosial Kota Bogor, Rina Kartikasari, meninjau dapur umum. \u201cKami pastikan semua warga "
     "mendapat makanan,\u201d ujarnya.",
     [("Rina Kartikasari", "Kami pastikan semua warga mendapat makanan")]),
    # -nya and pronoun cues point at the person just named
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal. "Kami akan menambah armada bus pada jam sibuk," '
     'tegasnya.',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk")]),
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal. "Kami akan menambah armada bus pada jam sibuk," '
     'kata dia.',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk")]),
    ('Bupati Banyumas Ahmad Fauzan meninjau pasar. Kepala Dinas Perdagangan, Sri Lestari, mendampinginya. '
     '"Stok beras kami aman sampai Lebaran," tutur Sri.',
     [("Sri Lestari", "Stok beras kami aman sampai Lebaran")]),
    ('Wali Kota Madiun, Yusuf Prakoso, hadir. "Kami berterima kasih kepada warga yang ikut kerja bakti," '
     'tuturnya.\n"Semoga kegiatan ini berlanjut setiap bulan," tambahnya.',
     [("Yusuf Prakoso", "Kami berterima kasih kepada warga yang ikut kerja bakti"),
      ("Yusuf Prakoso", "Semoga kegiatan ini berlanjut setiap bulan")]),
    # "kata Nama", by full name, short name or title
    ('"Pembangunan jembatan selesai akhir tahun," kata Bupati Banyumas Ahmad Fauzan.',
     [("Ahmad Fauzan", "Pembangunan jembatan selesai akhir tahun")]),
    ('"Pembangunan jembatan selesai akhir tahun," kata Ahmad Fauzan.',
     [("Ahmad Fauzan", "Pembangunan jembatan selesai akhir tahun")]),
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal. "Kami akan menambah armada bus pada jam sibuk," '
     'kata Agus.',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk")]),
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal. "Kami akan menambah armada bus pada jam sibuk," '
     'kata Kepala Dinas Perhubungan.',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk")]),
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal bersama Bupati Sleman, Harda Wijaya. "Kami akan '
     'menambah armada bus pada jam sibuk," ujar Harda.',
     [("Harda Wijaya", "Kami akan menambah armada bus pada jam sibuk")]),
    ('"Kami akan menambah armada bus pada jam sibuk," kata Agus Setiadi. "Tarifnya tetap sama seperti tahun '
     'lalu," lanjutnya.',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk"),
      ("Agus Setiadi", "Tarifnya tetap sama seperti tahun lalu")]),
    # cue before the quote
    ('Ahmad Fauzan mengatakan, "Pembangunan jembatan selesai akhir tahun."',
     [("Ahmad Fauzan", "Pembangunan jembatan selesai akhir tahun.")]),
    ('Kepala Dinas Perhubungan, Agus Setiadi, mengatakan: "Kami akan menambah armada bus pada jam sibuk."',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk.")]),
    ('Menurut Agus Setiadi, "Kami akan menambah armada bus pada jam sibuk."',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk.")]),
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal. "Kami akan menambah armada bus," ujarnya. '
     'Ia menambahkan, "Tarifnya tetap sama seperti tahun lalu."',
     [("Agus Setiadi", "Kami akan menambah armada bus"), ("Agus Setiadi", "Tarifnya tetap sama seperti tahun lalu.")]),
    # regression: a lead quote with "kata dia", the speaker named in the next sentence
    ('"Kami akan menambah armada bus pada jam sibuk," kata dia. Hal itu disampaikan Kepala Dinas '
     'Perhubungan, Agus Setiadi, kemarin.',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk")]),
])
def test_speaker_of_a_quote(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('Bupati Banyumas Ahmad Fauzan meninjau proyek.\n"Pembangunan jembatan ini kami kebut siang dan malam.\n'
     '"Targetnya selesai sebelum musim hujan tiba," kata Fauzan.',
     [("Ahmad Fauzan", "Pembangunan jembatan ini kami kebut siang dan malam. Targetnya selesai sebelum musim "
                       "hujan tiba")]),
    ('Kepala Dinas Sosial, Rina Kartikasari, berkata:\n\n"Kami membuka posko di tiga kecamatan.\n\n'
     '"Relawan bergantian berjaga setiap malam.\n\n"Bantuan datang dari banyak pihak," ujarnya.',
     [("Rina Kartikasari", "Kami membuka posko di tiga kecamatan. Relawan bergantian berjaga setiap malam. "
                           "Bantuan datang dari banyak pihak")]),
])
def test_a_quote_over_several_paragraphs_is_one_quote(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('Bupati Banyumas Ahmad Fauzan meninjau pasar. "Harga beras masih terlalu mahal bagi kami," kata seorang '
     'warga.', [(None, "Harga beras masih terlalu mahal bagi kami")]),
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal. "Kami akan menambah armada bus pada jam sibuk," '
     'ujar salah satu sopir.', [(None, "Kami akan menambah armada bus pada jam sibuk")]),
    ('"Antrean sudah mengular sejak subuh," ujar pedagang di lokasi.',
     [(None, "Antrean sudah mengular sejak subuh")]),
])
def test_unnamed_speaker_is_none(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize("text", [
    'Program "Desa Tangguh Pangan" diluncurkan oleh Bupati Banyumas Ahmad Fauzan pada pekan lalu.',
    'Warga menyebut jalan itu "jalan tikus" karena sempit.',
    'Warga memasang spanduk bertuliskan "Tolak Tambang Pasir" di depan balai desa.',
    'Kegiatan bertajuk "Festival Kuliner Nusantara Tahun 2025" digelar di alun-alun.',
    'Kata "efisiensi" sering terdengar belakangan ini.',
    'Pemkot mencanangkan gerakan "satu rumah satu pohon" sejak awal tahun.',
])
def test_scare_quotes_and_labels_are_not_quotes(text):
    assert find_quotes(clean_text(text).text) == []


@pytest.mark.parametrize("text", [
    'Ahmad Fauzan mengatakan "Pembangunan jembatan selesai akhir tahun ini dan warga bisa lewat.',
    'Ahmad Fauzan mengatakan "Pembangunan jembatan selesai akhir tahun.\nWarga menyambut baik rencana itu.',
    'Warga bertanya kapan jembatan selesai." Tidak ada jawaban pasti',
])
def test_an_unbalanced_mark_is_not_guessed(text):
    assert find_quotes(text) == []


@pytest.mark.parametrize("text, expected", [
    ('Ia berkata, "Kami siap membantu warga," lalu pergi.', ["Kami siap membantu warga"]),
    ('"  Kami siap membantu warga  ," ujarnya.', ["Kami siap membantu warga"]),
    ('"Kami siap." "Warga juga siap membantu," katanya.', ["Warga juga siap membantu"]),
    ('"Pertama, bantuan harus tepat sasaran." Lalu "kedua, datanya harus diperbarui setiap bulan."',
     ["Pertama, bantuan harus tepat sasaran.", "kedua, datanya harus diperbarui setiap bulan."]),
])
def test_quote_spans_exclude_marks_and_closing_comma(text, expected):
    assert [text[a:b] for a, b in find_quotes(text)] == expected


def test_quote_text_joins_paragraphs():
    text = '"Baris pertama kutipan.\n\n"Baris kedua kutipan."'
    [(start, end)] = find_quotes(text)
    assert quote_text(text, start, end) == "Baris pertama kutipan. Baris kedua kutipan."


@pytest.mark.parametrize("text, expected", [
    ("Menteri Sosial Tri Handayani Kusuma mengatakan bahwa bantuan akan ditambah bulan depan.",
     [("Tri Handayani Kusuma", "bantuan akan ditambah bulan depan")]),
    ("Kepala Dinas Sosial, Rina Kartikasari, menegaskan bahwa data penerima diperbarui setiap bulan.\nIa hadir.",
     [("Rina Kartikasari", "data penerima diperbarui setiap bulan")]),
    ("Pemerintah menyatakan bahwa harga beras akan turun.", [(None, "harga beras akan turun")]),
    ("Bantuan akan ditambah bulan depan.", []),
])
def test_indirect_statements(text, expected):
    people = resolve_people(find_people(text))
    assert [(s.speaker, s.text) for s in find_statements(text, people)] == expected


def test_quote_offsets_point_at_the_words():
    text = clean_text('Agus Setiadi mengatakan, \u201cKami siap membantu warga.\u201d Ia lalu pergi.').text
    people = resolve_people(find_people(text))
    [q] = attribute_quotes(text, find_quotes(text), people)
    assert text[q.start:q.end] == q.text == "Kami siap membantu warga."
    assert q.to_dict() == {"speaker": "Agus Setiadi", "text": "Kami siap membantu warga.",
                           "start": q.start, "end": q.end}


@pytest.mark.parametrize("text, expected", [
    # the title after the verb, by its acronym or its first word: among several, the person named first
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal. "Kami akan menambah armada bus pada jam sibuk," '
     'kata KDP.', [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk")]),
    ('Kepala Dinas Perhubungan, Agus Setiadi, meninjau terminal bersama Kepala Dinas Sosial, Rina Kartikasari. '
     '"Kami akan menambah armada bus pada jam sibuk," kata Kepala Dinas.',
     [("Agus Setiadi", "Kami akan menambah armada bus pada jam sibuk")]),
])
def test_speaker_named_by_title_after_the_quote(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize("text, expected", [
    # two people in the sentence before the verb: the one the document introduced last
    ("Bupati Banyumas Ahmad Fauzan hadir.\nKepala Dinas Sosial, Rina Kartikasari, mendampingi Ahmad Fauzan dan "
     "menegaskan bahwa bantuan akan ditambah bulan depan.",
     [("Rina Kartikasari", "bantuan akan ditambah bulan depan")]),
    ("Kepala Dinas Sosial, Rina Kartikasari, hadir.\nBupati Banyumas Ahmad Fauzan didampingi Rina Kartikasari "
     "menegaskan bahwa bantuan akan ditambah bulan depan.",
     [("Ahmad Fauzan", "bantuan akan ditambah bulan depan")]),
    # each statement looks only at its own sentence
    ("Kepala Dinas Sosial, Rina Kartikasari, menegaskan bahwa data penerima diperbarui setiap bulan. Bupati "
     "Banyumas Ahmad Fauzan menyatakan bahwa bantuan akan ditambah bulan depan.",
     [("Rina Kartikasari", "data penerima diperbarui setiap bulan"),
      ("Ahmad Fauzan", "bantuan akan ditambah bulan depan")]),
])
def test_statement_speakers_among_several_people(text, expected):
    text = clean_text(text).text
    people = resolve_people(find_people(text))
    assert [(s.speaker, s.text) for s in find_statements(text, people)] == expected
