"""Drafts a communications office can send: title, dateline, lead, contact, kinds, language.

The helpers of extract.write.release are tried on short texts written for these tests; the whole
drafts on every corpus press release and news article, and on real documents from ../shared/data.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract import extract_records, open_db, save_record
from extract.write.briefs import merge_offices, office_key, person_context, regulation_context
from extract.write.release import (
    contact_block,
    is_dangling,
    is_generic_title,
    lead_sentences,
    numbered_points,
    release_parts,
    sentence_case,
    tidy,
)
from extract.write.render import DraftError, dateline, headline, render_document, render_drafts

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLACEHOLDER = "[LENGKAPI SEBELUM DIKIRIM"

HEADER_RELEASE = """SIARAN PERS
Bagian Humas Kota Contoh
Nomor: 12/HUMAS/2026
Kotabaru, 3 Maret 2026

Wali Kota Contoh Resmikan Taman Baca di Seluruh Kelurahan

Pemerintah Kota Contoh meresmikan taman baca di 20 kelurahan yang dibuka setiap hari mulai 3 Maret 2026 hingga akhir tahun bagi semua warga.
Kegiatan tersebut dihadiri para lurah dan camat se-Kota Contoh pada pagi hari di halaman balai kota yang baru.

***
Narahubung:
Bagian Humas Kota Contoh
Telepon (0123) 456789
"""


# --- helpers, on our own texts ------------------------------------------------------------------


@pytest.mark.parametrize(("title", "generic"), [
    ("SIARAN PERS", True), ("Siaran Pers", True), ("Press Release", True), ("SIARAN PERS No. 12", True),
    ("", True), (None, True), ("Wali Kota Resmikan Taman Baca", False), ("Siaran Pers Bersama Dua Dinas Baru", False),
])
def test_generic_titles(title, generic):
    assert is_generic_title(title) is generic


def test_release_parts_read_the_header_body_and_contact():
    parts = release_parts({"text": HEADER_RELEASE, "title": "SIARAN PERS"})
    assert parts.headline == "Wali Kota Contoh Resmikan Taman Baca di Seluruh Kelurahan"
    assert parts.issuers == ["Bagian Humas Kota Contoh"]
    assert parts.number == "12/HUMAS/2026"
    assert parts.place == "Kotabaru"
    assert parts.body.startswith("Pemerintah Kota Contoh meresmikan")
    assert "Narahubung" not in parts.body and "***" not in parts.body
    assert parts.contact == "Bagian Humas Kota Contoh, Telepon (0123) 456789."


@pytest.mark.parametrize(("lines", "expected"), [
    (["Narahubung: Humas Dinas, telepon 0812 345."], "Humas Dinas, telepon 0812 345."),
    (["**Narahubung:** Bagian Humas, surel humas@contoh.go.id"], "Bagian Humas, surel humas@contoh.go.id."),
    (["Kontak media:", "Rina (Kasubag Humas)", "0812 0000", "", "Tentang kami"], "Rina (Kasubag Humas), 0812 0000."),
    (["Tidak ada kontak di sini."], None),
])
def test_contact_block(lines, expected):
    assert contact_block(lines) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Camat se-Kota Contoh:, dan Lurah", "Camat se-Kota Contoh, dan Lurah"),
    ("mulai tanggal 1 Juli 2026,.", "mulai tanggal 1 Juli 2026."),
    ("3.. mewajibkan toko", "3. mewajibkan toko"),
    ("kata dia , lalu", "kata dia, lalu"),
    ("Sudah rapi.", "Sudah rapi."),
    ("Tunggu... ya", "Tunggu... ya"),
])
def test_tidy_cleans_ocr_debris(text, expected):
    assert tidy(text) == expected


@pytest.mark.parametrize(("text", "known", "expected"), [
    ("tentang PENGGUNAAN DANA UNTUK PANGAN DESA", ["untuk warga Desa Maju"], "tentang penggunaan dana untuk pangan Desa"),
    ("Nomor AB/2/CD.01/2026 tentang PENATAAN PASAR RAKYAT", [], "Nomor AB/2/CD.01/2026 tentang penataan pasar rakyat"),
    ("Kepala BPS dan BPJS", [], "Kepala BPS dan BPJS"),
    ("Wali Kota Contoh", [], "Wali Kota Contoh"),
])
def test_sentence_case_inside_sentences(text, known, expected):
    assert sentence_case(text, known) == expected


@pytest.mark.parametrize(("sentence", "dangling"), [
    ("Penetapan tersebut diumumkan kemarin.", True),
    ("Status darurat itu berlaku sebulan.", True),
    ("Ia menambahkan bahwa jalan ditutup.", True),
    ("Selama ini, kata dia, warga menunggu.", True),
    ("Menurutnya, jembatan siap dipakai.", True),
    ("pihaknya telah menyiapkan 40 perahu.", True),
    ("Pemerintah Kota Contoh menetapkan status siaga darurat.", False),
    ("Warga berkumpul di balai desa sejak pagi.", False),
])
def test_dangling_openers(sentence, dangling):
    assert is_dangling(sentence) is dangling


def test_lead_skips_a_dangling_first_sentence_and_speech():
    record = {"text": "Judul Kabar\n\nHal tersebut disampaikan kepada wartawan di balai kota pada Senin pagi oleh kepala dinas yang baru.\n"
                      "\"Kami siap bekerja untuk semua warga kota tanpa terkecuali mulai hari ini juga,\" katanya."}
    assert lead_sentences(record, ["Dinas Contoh membuka layanan baru bagi warga."]) == [
        "Dinas Contoh membuka layanan baru bagi warga."]


def test_numbered_points_keep_their_labels_and_nesting():
    text = ("Yth. Camat\nDengan ini diminta:\n1. Membentuk tim;\n2. Tim bertugas:\na. mendata warga:\nb. melapor: dan\n"
            "3.. Melaporkan hasilnya,\nDemikian untuk dilaksanakan.\nBUPATI CONTOH,")
    start = text.index("1. Membentuk")
    sections = [{"heading": f"Butir {n}", "start": text.index(label), "end": text.index(label) + 5}
                for n, label in enumerate(["1. Membentuk", "2. Tim", "3.. Mel"], 1)]
    sections.append({"heading": "Penandatanganan", "start": text.index("BUPATI")})
    points = numbered_points({"text": text, "sections": sections, "regulations": []})
    assert start == sections[0]["start"]
    assert [(p["label"], p["depth"], p["text"]) for p in points] == [
        ("1.", 0, "Membentuk tim;"),
        ("2.", 0, "Tim bertugas:"),
        ("a.", 1, "mendata warga;"),
        ("b.", 1, "melapor; dan"),
        ("3.", 0, "Melaporkan hasilnya."),
    ]


@pytest.mark.parametrize(("position", "other", "same"), [
    ("Menteri Contoh", "Menteri Contoh Republik Indonesia", True),
    ("Kepala BPS Kabupaten Contoh", "Kepala Badan Pusat Statistik Kabupaten Contoh", True),
    ("Kepala Dinas Kesehatan", "Kepala Dinas Pendidikan", False),
])
def test_one_office_written_two_ways_has_one_key(position, other, same):
    acronyms = {"bps": "Badan Pusat Statistik"}
    assert (office_key(position, acronyms) == office_key(other, acronyms)) is same


def test_merge_offices_adds_documents_and_spans_dates():
    merged = merge_offices([
        {"position": "Menteri Contoh", "agency": None, "first_date": "2026-01-05", "last_date": "2026-01-05", "documents": 1},
        {"position": "Menteri Contoh RI", "agency": "Contoh", "first_date": "2026-03-01", "last_date": "2026-03-01",
         "documents": 2}], {})
    assert merged == [{"position": "Menteri Contoh RI", "agency": None, "first_date": "2026-01-05",
                       "last_date": "2026-03-01", "documents": 3}]


# --- whole drafts on the corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_records() -> dict[str, dict]:
    records = {}
    for outcome in extract_records([str(CORPUS)], ocr=False, with_text=True):
        if outcome.record is not None:
            records[Path(outcome.record["source"]).name] = outcome.record
    return records


# file -> (title, dateline place, words the lead must hold, contact or None for the placeholder)
RELEASES = {
    "pemprov-jabar-siaga-banjir.txt": ("Pemprov Jabar Tetapkan Status Siaga Darurat", "BANDUNG",
                                       ["menetapkan status siaga darurat", "1 November 2025 hingga 31 Mei 2026"],
                                       "Biro Administrasi Pimpinan Setda Provinsi Jawa Barat, Telepon (022) 4232448."),
    "bpjs-ketenagakerjaan-relaksasi-iuran-bpu.txt": ("BPJS Ketenagakerjaan dan Pemkot Semarang Daftarkan", "SEMARANG",
                                                     ["mendaftarkan 5.000 pengemudi"], None),
    "pemkot-bogor-kerja-bakti-ciliwung.md": ("Ribuan Warga Ikut Kerja Bakti", "BOGOR", ["mengikuti kerja bakti"],
                                             "Bagian Protokol dan Komunikasi Pimpinan Setda Kota Bogor, telepon "
                                             "(0251) 8321075."),
    "polres-jaksel-operasi-zebra.md": ("Hari Pertama Operasi Zebra Jaya 2025", "JAKARTA", ["menindak 1.126 pelanggar"],
                                       None),
    "kemnaker-sosialisasi-pp-50-2025.html": ("Kemnaker Sosialisasikan PP 50/2025", "JAKARTA",
                                             ["menggelar sosialisasi nasional"], None),
    "pemkot-semarang-aplikasi-aduan.html": ("Diskominfo Kota Semarang Luncurkan", "SEMARANG",
                                            ["meluncurkan aplikasi pengaduan"], None),
    "pemkab-sleman-pendataan-umkm.html": ("Pemkab Sleman dan BPS Mulai Pendataan", None,
                                          ["memulai pendataan lengkap"], None),
}


@pytest.mark.parametrize("name", sorted(RELEASES))
def test_every_corpus_release_gets_a_sendable_siaran_pers(corpus_records, name):
    record = corpus_records[name]
    assert record["kind"] == "press_release"
    title, place, lead_words, contact = RELEASES[name]
    text = render_document(record, "siaran-pers", "md")
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    assert heading.startswith(f"# {title}") and "SIARAN PERS" not in heading.upper()
    opening = next(line for line in text.split("\n\n") if re.match(r"^[A-Z ]*,? ?\d{1,2} \w+ \d{4} – ", line))
    assert opening.startswith(f"{place}, " if place else opening[:1])
    assert place is not None or not re.match(r"^[A-Z]{3,}", opening)
    for words in lead_words:
        assert words in opening
    assert "menyampaikan informasi mengenai" not in text
    contact_line = next(line for line in text.splitlines() if line.startswith("Narahubung:"))
    assert contact_line == (f"Narahubung: {contact}" if contact else contact_line)
    assert (PLACEHOLDER in contact_line) is (contact is None)


def test_a_statement_without_a_stored_speaker_takes_the_official_named_in_its_sentence(corpus_records):
    text = render_document(corpus_records["pemprov-jabar-siaga-banjir.txt"], "siaran-pers", "md")
    assert ("Kepala Pelaksana Badan Penanggulangan Bencana Daerah Jawa Barat, Asep Kurniadi Prawira, menyampaikan "
            "bahwa pihaknya telah menyiagakan 1.850 personel") in text
    assert "Disampaikan pula bahwa pihaknya" not in text


def test_co_issuers_are_only_the_issuing_header(corpus_records):
    text = render_document(corpus_records["pemprov-jabar-siaga-banjir.txt"], "siaran-pers", "md")
    header = text.split("\n# ")[0]
    assert "Biro Administrasi Pimpinan Sekretariat Daerah Provinsi Jawa Barat" in header
    assert "Meteorologi" not in header and "BMKG" not in text.split("\n\n")[3]


@pytest.mark.parametrize("name", ["berita-pasar-murah-bekasi.txt", "berita-diskusi-pemilih-pemula.html"])
def test_news_gets_a_briefing_note_not_a_release(corpus_records, name, tmp_path):
    record = corpus_records[name]
    written = {path.name for path in render_drafts([record], tmp_path, formats=["md"])}
    stem = Path(name).stem
    assert written == {f"{stem}.ringkasan.md", f"{stem}.catatan.md"}
    note = (tmp_path / f"{stem}.catatan.md").read_text(encoding="utf-8")
    assert note.startswith("# Catatan pemberitaan: ") and "bukan siaran pers" in note
    assert "## Siapa mengatakan apa" in note and "Narahubung" not in note
    assert "menyampaikan informasi mengenai" not in note


def test_circular_points_and_subject_read_well(corpus_records):
    malang = render_document(corpus_records["se-walikota-malang-plastik-scan.pdf"], "siaran-pers", "md") \
        if "se-walikota-malang-plastik-scan.pdf" in corpus_records else ""
    for debris in (":, dan", "3..", ",."):
        assert debris not in malang
    mendes = render_document(corpus_records["se-mendes-dana-desa-ketahanan-pangan.pdf"], "siaran-pers", "md")
    assert "tentang PENGGUNAAN DANA DESA" not in mendes and "tentang penggunaan Dana Desa" in mendes
    assert mendes.splitlines()[2].startswith("JAKARTA, 12 Januari 2026 – ")  # Ditetapkan di, not the letterhead
    indent = "\u2003\u2003"
    assert f"\n{indent}a\\. Gubernur agar:" in mendes and f"\n{indent * 2}1\\) melakukan pembinaan" in mendes
    assert "\n6\\. melakukan" not in mendes


def test_no_draft_opens_a_paragraph_with_a_dangling_reference(corpus_records, tmp_path):
    render_drafts(corpus_records.values(), tmp_path, formats=["md"])
    for path in tmp_path.glob("*.md"):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            body = re.sub(r"^[A-Z ]+, \d{1,2} \w+ \d{4} – ", "", paragraph.strip())
            assert not re.match(r"(?i)(pihaknya|ia|dia)\b|\w+ tersebut\b|disampaikan pula bahwa pihaknya", body), (
                path.name, paragraph[:80])


# --- briefs and profiles ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_db(corpus_records, tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("drafts") / "warta.db")
    for record in corpus_records.values():
        save_record(db, record)
    return db


def test_kata_pejabat_holds_only_officials(corpus_db):
    context = regulation_context(corpus_db, "pp/2025/50")
    assert context["quotes"] and all(quote["person_id"] is not None for quote in context["quotes"])
    speakers = {quote["speaker"] for quote in context["quotes"]}
    assert "" not in speakers and None not in speakers


def test_a_person_with_a_statement_has_it_in_the_profile(corpus_db):
    context = person_context(corpus_db, "Asep Kurniadi Prawira")
    assert any("menyiagakan 1.850 personel" in item["text"] for item in context["statements"])
    assert all(doc["title"] != "SIARAN PERS" for doc in context["documents"])


# --- real documents from ../shared -----------------------------------------------------------------


def test_real_press_release_draft(shared, tmp_path):
    source = shared / "data" / "seed" / "jakbar-bpjs-apresiasi.txt"
    record = next(o.record for o in extract_records([str(source)], ocr=False, with_text=True))
    text = render_document(record, "siaran-pers", "md")
    opening = next(p for p in text.split("\n\n") if "–" in p[:40])
    assert "15 perusahaan atau badan usaha diberikan apresiasi" in opening
    assert "Imron Syahrin" in text and "Peraturan Pemerintah Nomor 50 Tahun 2025" in text
    assert PLACEHOLDER in text  # the real release carries no contact block


def test_real_news_article_gets_a_briefing_note(shared, tmp_path):
    train = set((shared / "eval" / "train-ids.txt").read_text().split())
    assert "detik-0004" in train
    source = shared / "data" / "detik-txt" / "detik-0004.txt"
    record = next(o.record for o in extract_records([str(source)], ocr=False, with_text=True))
    record["kind"] = "news"
    note = render_document(record, "catatan", "md")
    assert note.startswith("# Catatan pemberitaan: Purbaya ke Kepala Daerah")
    assert "\"Kalau kita lihat 25 provinsi" in note


def test_unknown_template_and_missing_field_are_one_line_errors(corpus_records, tmp_path):
    record = corpus_records["pemprov-jabar-siaga-banjir.txt"]
    with pytest.raises(DraftError, match=r"no template tidak-ada-press_release\.md\.j2, tidak-ada\.md\.j2") as found:
        render_drafts([record], tmp_path, names=["tidak-ada"], formats=["md"])
    assert "\n" not in str(found.value)
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "ringkasan.md.j2").write_text("{{ record.bidang_baru }}", encoding="utf-8")
    with pytest.raises(DraftError, match=r"template 'ringkasan\.md\.j2'.*the field 'bidang_baru' is missing"):
        render_drafts([record], tmp_path, names=["ringkasan"], formats=["md"], templates_dir=folder)


def test_dateline_ignores_letterhead_and_regions(corpus_records):
    record = dict(corpus_records["pemprov-jabar-siaga-banjir.txt"])
    assert dateline(record) == "BANDUNG, 4 November 2025 –"
    assert headline(record).startswith("Pemprov Jabar Tetapkan")


def test_readme_lists_what_templates_see(corpus_db):
    """The README's table of template variables and filters stays complete."""
    from extract.write.render import FILTERS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Drafts"):readme.index("## Speed")]
    keys = set(regulation_context(corpus_db, "pp/2025/50")) | set(person_context(corpus_db, "Asep Kurniadi Prawira"))
    missing = [name for name in sorted(keys | set(FILTERS)) if f"`{name}`" not in section]
    assert not missing, missing


def test_a_statement_after_ia_is_given_to_the_official_named_just_before(corpus_records, corpus_db):
    text = render_document(corpus_records["pemkot-semarang-aplikasi-aduan.html"], "siaran-pers", "md")
    assert "Agus Priyambodo Santosa, menyampaikan bahwa pengaduan yang dikelola dengan baik" in text
    statements = person_context(corpus_db, "Agus Priyambodo Santosa")["statements"]
    assert any("maladministrasi" in item["text"] for item in statements)


@pytest.mark.parametrize(("text", "start_word", "expected"), [
    ("Kepala Dinas, Nama Satu, hadir. Ia mengatakan bahwa jalan ditutup.", "jalan", "Kepala Dinas, Nama Satu, hadir. Ia mengatakan bahwa "),
    ("Kalimat lain. Kepala Dinas, Nama Dua, menjelaskan bahwa jalan ditutup.", "jalan", "Kepala Dinas, Nama Dua, menjelaskan bahwa "),
])
def test_speaker_window(text, start_word, expected):
    from extract.write.release import speaker_window

    assert speaker_window(text, text.index(start_word)) == expected


def test_a_short_first_paragraph_is_body_not_header():
    text = ("Dinas Contoh Buka Layanan Malam\n\nDinas Contoh membuka layanan malam di kantor kecamatan mulai Senin "
            "(2/3).\nWarga dapat datang sampai pukul sembilan malam untuk mengurus dokumen kependudukan mereka.")
    parts = release_parts({"text": text, "title": "Dinas Contoh Buka Layanan Malam"})
    assert parts.headline == "Dinas Contoh Buka Layanan Malam" and parts.issuers == []
    assert parts.body.startswith("Dinas Contoh membuka layanan malam")
