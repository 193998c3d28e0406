"""Quote speakers resolved across paragraphs as a reader resolves them. Every name here is made up.

``expected`` lists the speaker of each quote in text order.
"""
from __future__ import annotations

import pytest

from extract.find.people import find_people
from extract.find.persons import resolve_people
from extract.find.quotes import attribute_quotes, find_quotes
from extract.read.normalize import clean_text


def speakers(text: str) -> list[str | None]:
    text = clean_text(text).text
    people = resolve_people(find_people(text))
    return [q.speaker for q in attribute_quotes(text, find_quotes(text), people)]


@pytest.mark.parametrize("text, expected", [
    # a verb of saying whose clause opens with another person's name: "imbuhnya" is the one who said it
    ('"Dana kami berkurang," ujar Kepala Bappenda NTB Fathur Rahmanto.\n'
     "Fathur Rahmanto mengatakan Gubernur NTB Lalu Hendra Wijaya akan berkoordinasi. Di sisi lain, ia menyebut "
     "ada penyesuaian.\n"
     '"Kami akan melakukan penyesuaian," imbuhnya.', ["Fathur Rahmanto", "Fathur Rahmanto"]),
    # a surname-only tag for an official introduced paragraphs earlier
    ("Sekretaris Jenderal Kemendagri Haris Mulyono menegur para kepala daerah.\n"
     "Ia menyebut sepuluh provinsi masih tinggi.\n"
     '"Kami mohon cek kembali data harga di pasar," tegur Haris dalam rapat itu.',
     ["Haris Mulyono"]),
    # speech verbs after a quote that report a question or a reproach
    ('Ketua Komisi VIII DPR RI Yusuf Darmaji memimpin rapat.\n'
     '"Apakah dapat diterima dan disetujui usulan perubahan ini?" tanya Ketua Komisi VIII DPR RI Yusuf Darmaji.',
     ["Yusuf Darmaji"]),
    ('Wali Kota Tegal Rini Anggraeni meninjau pasar.\n"Jangan hanya menunggu bantuan dari pusat saja," sindir '
     "Rini.", ["Rini Anggraeni"]),
    # a long position between the verb and the name
    ('"Inflasi inti kita perkirakan akan tetap rendah tahun ini," kata Direktur Departemen Kebijakan Ekonomi dan '
     "Moneter BI Juni Sasmita Hadi di Yogyakarta.", ["Juni Sasmita Hadi"]),
    # a person named without a speech verb and then "Jabatan itu": the quote after is theirs
    ('Anggota Komisi II DPR Dimas Aryo hadir. "Itu langkah yang baik untuk semua pihak," kata Dimas Aryo.\n'
     "Legislator itu menilai aturan itu tepat.\n"
     '"Yang penting semua pejabat memberi contoh yang baik," ujarnya.', ["Dimas Aryo", "Dimas Aryo"]),
    # "Nama meminta Pejabat ..." is an act, not speech: the quote after stays with the speaker
    ('Jaksa Penuntut Umum Tegar Wibisono membacakan dakwaan. "Terdakwa menerima uang dari rekanan proyek," '
     "kata Tegar.\nNamun karena perusahaan tak mampu mengerjakan proyek itu, Terdakwa Sunaryo meminta Direktur "
     'Utama PT Karya Baru mengerjakannya.\n"Selanjutnya terdakwa menyerahkan dana kepada saksi lain," lanjutnya.',
     ["Tegar Wibisono", "Tegar Wibisono"]),
    # a pronoun tag after a new person is introduced, as the sentence's subject, without a speech verb
    ('Wali Kota Tegal Rini Anggraeni meninjau pasar. "Harga cabai sudah mulai turun," kata Rini.\n'
     'Kepala Dinas Perdagangan Kota Tegal, Sutrisno Hadi, meninjau gudang beras.\n'
     '"Stok beras cukup sampai akhir tahun," ujarnya.', ["Rini Anggraeni", "Sutrisno Hadi"]),
    # the addressee after the speaker is not the speaker, though named earlier in the text
    ('Menteri Sosial Wahyu Prasetya hadir. Bupati Klaten Sri Rahayu menyambut. "Bantuan akan kami salurkan '
     'minggu ini," kata Sri kepada Menteri Sosial Wahyu Prasetya.', ["Sri Rahayu"]),
    # a tag that names an institution's office no person of the text holds speaks for nobody named,
    # and so does the pronoun tag right after it
    ('"Kami patuh pada putusan itu," kata Sekjen KPU Bagas Wiratama.\n'
     '"Menjatuhkan sanksi peringatan keras kepada Teradu I Citra Maharani," kata Ketua DKPP dalam sidang.\n'
     '"Putusan ini berlaku sejak dibacakan," sambungnya.', ["Bagas Wiratama", None, None]),
    # the same tag, where the text names that institution's chair, is the chair's
    ('Ketua Dewan Kehormatan Penyelenggara Pemilu Rudi Hartanto membuka sidang.\n'
     '"Sidang dinyatakan terbuka," kata Ketua DKPP dalam sidang.', ["Rudi Hartanto"]),
    # a name right after an institution's bracketed short form keeps its first word, an everyday one
    ('Ekonom senior Center of Fiscal Studies (CFS) Media Wahyu Darmawan menilai belanja perlu dijaga.\n'
     '"Efeknya akan terasa pada daya beli warga," kata Wahyu.', ["Media Wahyu Darmawan"]),
    # one word two names hold is the one it opens, before the one it ends
    ('Presiden Darma Wiratama memberi arahan. Kapolri Jenderal Listyo Adi Darma hadir.\n'
     '"Tidak ada yang kebal hukum," ujar Darma.', ["Darma Wiratama"]),
])
def test_speakers_across_paragraphs(text, expected):
    assert speakers(text) == expected


def test_a_long_text_gives_each_passage_the_speakers_it_has_alone():
    # The mentions are looked up by position: in a text of hundreds of passages, each passage's
    # quotes still go to the people it names, as when it stands alone.
    passage = ('Wali Kota Tegal Rini Anggraeni meninjau pasar. "Harga cabai sudah mulai turun," kata Rini.\n'
               'Kepala Dinas Perdagangan Kota Tegal, Sutrisno Hadi, meninjau gudang beras.\n'
               '"Stok beras cukup sampai akhir tahun," ujarnya.\n')
    alone = speakers(passage)
    assert alone == ["Rini Anggraeni", "Sutrisno Hadi"]
    assert speakers(passage * 300) == alone * 300
