"""Tests for extract.write.render: filters, template choice, escaping and the drafts written to disk."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path

import jinja2
import pytest

from extract import extract_records, open_db, save_record
from extract.write.briefs import (
    briefed_regulations,
    person_context,
    profiled_people,
    regulation_context,
    render_briefs,
    render_profile,
    render_regulation_brief,
)
from extract.write.render import (
    dateline,
    format_citation,
    format_date_id,
    join_names,
    legal_basis,
    make_env,
    regulation_type_names,
    render_context,
    render_document,
    render_drafts,
    signer,
    slugify,
    speaker_sections,
)

FIXTURE = Path(__file__).parent / "fixtures" / "record-example.json"
KINDS = ["press_release", "news", "circular", "regulation", "decision", "instruction", "other"]
NAMES = ["ringkasan", "siaran-pers"]
FORMATS = ["md", "html"]
PP_50 = "Peraturan Pemerintah Nomor 50 Tahun 2025"


@pytest.fixture
def record() -> dict:
    """A fresh copy of the example record for each test."""
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def circular_record(base: dict) -> dict:
    """The example record dressed as a circular with its own identity, signatory and points."""
    circular = copy.deepcopy(base)
    circular.update(
        kind="circular",
        regulation={"type": "SE", "number": "7", "year": 2025,
                    "issuer": "Wali Kota Jakarta Barat", "subject": "Perlindungan Pekerja Rentan"},
        signatory={"name": "Sri Wahyuni Hartono", "position": "Wali Kota Jakarta Barat"},
        addressees=["Camat se-Jakarta Barat", {"name": "Lurah se-Jakarta Barat"}],
        points=["Mendata pekerja rentan di wilayah masing-masing", "Melaporkan hasil pendataan."],
        places=[{"name": "Jakarta"}],
        place="Jakarta",
    )
    circular["regulations"][1]["basis"] = True
    return circular


def bare_record() -> dict:
    """A record with every contract field present but empty or null, and no optional keys."""
    return {
        "id": "0000aaaa", "source": "corpus/kosong.txt", "format": "txt", "kind": "other",
        "title": "Dokumen Kosong", "date": None, "event_date": None, "regulation": None,
        "signatory": None, "regulations": [], "officials": [], "agencies": [], "quotes": [],
    }


# --- filters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "weekday", "expected"),
    [
        ("2026-01-27", True, "Selasa, 27 Januari 2026"),
        ("2025-10-20", True, "Senin, 20 Oktober 2025"),
        ("2025-08-17", True, "Minggu, 17 Agustus 2025"),
        ("2024-02-29", True, "Kamis, 29 Februari 2024"),
        ("2026-01-27", False, "27 Januari 2026"),
        ("2026-05-01T08:30:00", True, "Jumat, 1 Mei 2026"),
        (date(2025, 12, 6), True, "Sabtu, 6 Desember 2025"),
        (datetime(2025, 3, 5, 9, 0), False, "5 Maret 2025"),
        (None, True, ""),
        ("", True, ""),
        ("akhir Januari", True, "akhir Januari"),
    ],
)
def test_format_date_id(value, weekday, expected):
    assert format_date_id(value, weekday=weekday) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (None, ""),
        (["A"], "A"),
        (["A", "B"], "A dan B"),
        (["A", "B", "C"], "A, B, dan C"),
        ([{"name": "A"}, None, "", {"name": "B"}], "A dan B"),
    ],
)
def test_join_names(items, expected):
    assert join_names(items) == expected


def test_join_names_other_conjunction():
    assert join_names(["A", "B", "C"], "atau") == "A, B, atau C"


@pytest.mark.parametrize(
    ("regulation", "expected"),
    [
        ({"type": "PP", "number": "50", "year": 2025, "issuer": None,
          "subject": "relaksasi iuran"},
         "Peraturan Pemerintah Nomor 50 Tahun 2025 tentang relaksasi iuran"),
        ({"type": "PERMEN", "number": "2", "year": 2022, "issuer": "Menteri Ketenagakerjaan",
          "subject": "Tata Cara Pembayaran"},
         "Peraturan Menteri Ketenagakerjaan Nomor 2 Tahun 2022 tentang Tata Cara Pembayaran"),
        ({"type": "SE", "number": "6", "year": 2025, "issuer": "Wali Kota Jakarta Barat",
          "subject": None},
         "Surat Edaran Wali Kota Jakarta Barat Nomor 6 Tahun 2025"),
        ({"type": "PERWAL", "number": "12", "year": 2024, "issuer": "Wali Kota Bandung"},
         "Peraturan Wali Kota Bandung Nomor 12 Tahun 2024"),
        ({"type": "PBI", "number": "3", "year": 2023, "issuer": "Bank Indonesia"},
         "Peraturan Bank Indonesia Nomor 3 Tahun 2023"),
        ({"type": "SE", "number": "400.3/123/SE/2025", "year": 2025, "issuer": None},
         "Surat Edaran Nomor 400.3/123/SE/2025"),
        ({"type": "PUTUSAN", "number": "90/PUU-XXI/2023", "year": 2023,
          "issuer": "Mahkamah Konstitusi"},
         "Putusan Mahkamah Konstitusi Nomor 90/PUU-XXI/2023"),
        ({"type": "UU", "number": "11", "year": None}, "Undang-Undang Nomor 11"),
        ({"type": "OTHER", "number": "5", "year": 2020,
          "mentions": [{"start": 0, "end": 20, "text": "Pergub Bali No. 5/2020"}]},
         "Pergub Bali No. 5/2020"),
        ({"type": "OTHER", "number": "5", "year": 2020}, "Ketentuan Nomor 5 Tahun 2020"),
        (None, ""),
    ],
)
def test_format_citation(regulation, expected):
    assert format_citation(regulation) == expected


def test_format_citation_without_issuer():
    regulation = {"type": "SE", "number": "7", "year": 2025, "issuer": "Wali Kota Jakarta Barat"}
    assert format_citation(regulation, with_issuer=False) == "Surat Edaran Nomor 7 Tahun 2025"


def test_regulation_type_names_cover_every_guide_code():
    guide_codes = {
        "UUD", "UU", "PERPPU", "PP", "PERPRES", "KEPPRES", "INPRES", "PERMEN", "KEPMEN", "PERBAN",
        "KEPBAN", "PERDA", "PERGUB", "PERBUP", "PERWAL", "KEPGUB", "KEPBUP", "KEPWAL", "INSTRUKSI",
        "SE", "SKB", "PBI", "PADG", "POJK", "SEOJK", "PERMA", "SEMA", "PUTUSAN", "OTHER",
    }
    names = regulation_type_names()
    assert set(names) == guide_codes
    assert names["PP"] == "Peraturan Pemerintah"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pemkot Jakarta Barat Apresiasi 15 Badan Usaha", "pemkot-jakarta-barat-apresiasi-15-badan-usaha"),
        ("Surat Edaran No. 6/2025", "surat-edaran-no-6-2025"),
        ("  __Édaran  Ümum__ ", "edaran-umum"),
        ("data_berita id=4", "data-berita-id-4"),
        ("“”!?", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_slugify(text, expected):
    assert slugify(text) == expected


def test_slugify_caps_length_without_trailing_dash():
    slug = slugify("kata " * 40, max_length=12)
    assert slug == "kata-kata-ka"
    assert len(slugify("a" * 200)) == 80


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"text": "SIARAN PERS\nHumas Kota Contoh\nKotabaru, 28 Januari 2026\n\nJudul"}, "KOTABARU, 28 Januari 2026 –"),
        ({"text": "Judul berita\nTanjung - Warga desa berkumpul di balai pada pagi hari untuk membahas rencana"
                  " pembangunan jembatan baru yang telah lama ditunggu oleh mereka semua."}, "TANJUNG, 28 Januari 2026 –"),
        ({"place": "Kotalama", "date": None}, "KOTALAMA, 27 Januari 2026 –"),
        ({"places": [{"name": "Jakarta"}], "agencies": [{"name": "Dinas Kesehatan"}]}, "28 Januari 2026 –"),
        ({"date": None, "event_date": None}, ""),
    ],
)
def test_dateline_is_the_documents_own(record, changes, expected):
    """The place comes from the document's own dateline or set place, never from the places or
    agencies it mentions."""
    record.pop("text", None)
    record.update(changes)
    assert dateline(record) == expected


def test_legal_basis_prefers_marked_items():
    marked = {"type": "PP", "basis": True}
    unmarked = {"type": "SE", "basis": False}
    assert legal_basis([unmarked, marked]) == [marked]
    assert legal_basis([unmarked, {"type": "UU"}]) == [unmarked, {"type": "UU"}]
    assert legal_basis(None) == []


# --- templates -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_every_template_renders_every_kind(record, name, fmt, kind):
    record["kind"] = kind
    text = render_document(record, name, fmt)
    assert record["title"] in text
    assert "Imron Syahrin" in text
    assert PP_50 in text
    assert "Surat Edaran Wali Kota Jakarta Barat Nomor 6 Tahun 2025" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_circular_template_is_chosen_for_circulars_only(record, fmt):
    circular = render_document(dict(record, kind="circular"), "siaran-pers", fmt)
    general = render_document(dict(record, kind="press_release"), "siaran-pers", fmt)
    assert "Pemerintah Kota Jakarta Barat menerbitkan surat edaran tentang" in circular
    assert "Dasar hukum" in circular
    assert "menerbitkan" not in general
    assert "Dasar hukum" not in general and "SIARAN PERS" in general.upper()


def test_general_release_attributes_quotes_and_statements(record):
    text = render_document(record, "siaran-pers", "md")
    assert "\n28 Januari 2026 – " in text  # no dateline of its own: the date, not an agency's name
    assert ('Asisten Perekonomian dan Pembangunan Setko Jakbar, Imron Syahrin, mengatakan, "Kami mengajak '
            'seluruh badan usaha di Jakarta Barat untuk bersama-sama membangun ekosistem kerja yang aman dan '
            'sejahtera."') in text
    assert '"Tenaga kerja yang terlindungi akan lebih produktif dan loyal," kata [narasumber].\n' in text
    assert ("Kepala BPJS Ketenagakerjaan Cabang Jakarta Grogol, Multanti, menyampaikan bahwa "
            "pihaknya menerima dukungan yang sangat besar dari Pemkot Jakarta Barat.") in text
    assert "“" not in text and "”" not in text  # straight marks only, and the title is not quoted
    assert "Narahubung:" in text


def test_release_introduces_a_speaker_once_then_names_them(record):
    record["quotes"] = [{"speaker": "Multanti", "text": f"Kalimat nomor {i}."} for i in range(4)]
    text = render_document(record, "siaran-pers", "md")
    assert "Kepala BPJS Ketenagakerjaan Cabang Jakarta Grogol, Multanti, menyampaikan bahwa" in text
    assert '"Kalimat nomor 0," kata Multanti.' in text
    assert '"Kalimat nomor 1," ujar Multanti.' in text
    assert '"Kalimat nomor 2," tutur Multanti.' in text
    assert text.count("Grogol, Multanti") == 1


def test_release_lists_officials_who_said_nothing(record):
    record["officials"].append({"name": "Sendi Prasetya Wibawa", "position": "Wali Kota Bogor"})
    record["officials"].append({"name": "Rina Kartika Sari", "position": "Camat Grogol Petamburan"})
    text = render_document(record, "siaran-pers", "md")
    assert ("Pihak lain yang terlibat antara lain Wali Kota Bogor, Sendi Prasetya Wibawa; serta "
            "Camat Grogol Petamburan, Rina Kartika Sari.") in text


@pytest.mark.parametrize(
    ("quotes", "statements", "expected"),
    [
        ([], [], []),
        ([{"speaker": "A", "text": "satu", "start": 50}, {"speaker": "B", "text": "dua", "start": 10}], [],
         [("B", ["quote"]), ("A", ["quote"])]),
        ([{"speaker": "a", "text": "satu"}], [{"speaker": "A", "text": "dua"}],
         [("A", ["statement", "quote"])]),
        ([{"speaker": None, "text": "satu"}, {"speaker": "A", "text": "dua"}, {"speaker": "", "text": "tiga"}], [],
         [("A", ["quote"]), (None, ["quote"]), (None, ["quote"])]),
        ([{"speaker": "A", "text": "  "}], [], []),
    ],
)
def test_speaker_sections(quotes, statements, expected):
    sections = speaker_sections(quotes, statements, [])
    assert [(s["name"], [item["kind"] for item in s["items"]]) for s in sections] == expected


def test_speaker_sections_look_up_positions(record):
    [imron, multanti, unnamed] = speaker_sections(record["quotes"], record["statements"], record["officials"])
    assert (imron["name"], imron["position"]) == ("Imron Syahrin", "Asisten Perekonomian dan Pembangunan Setko Jakbar")
    assert multanti["position"] == "Kepala BPJS Ketenagakerjaan Cabang Jakarta Grogol"
    assert unnamed["name"] is None


@pytest.mark.parametrize(
    ("signatory", "expected"),
    [
        ({"name": "Sri Wahyuni Hartono", "position": "Wali Kota"}, "Sri Wahyuni Hartono"),
        ({"name": "Jakarta", "position": "Kepala Badan Pusat Statistik"}, None),
        ({"name": "Dr. Ahmad", "position": "Bupati"}, None),
        (None, None),
    ],
)
def test_signer_needs_a_two_word_name(signatory, expected):
    found = signer({"signatory": signatory})
    assert (found["name"] if found else None) == expected


def test_inner_quote_marks_become_single(record):
    record["quotes"][0]["text"] = 'Aplikasi "Lapor Semarang" siap dipakai.'
    text = render_document(record, "siaran-pers", "md")
    assert "mengatakan, \"Aplikasi 'Lapor Semarang' siap dipakai.\"" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_circular_release_announces_the_circular(record, fmt):
    text = render_document(circular_record(record), "siaran-pers", fmt)
    assert ("Wali Kota Jakarta Barat menerbitkan Surat Edaran Nomor 7 Tahun 2025 tentang "
            "Perlindungan Pekerja Rentan.") in text
    assert "ditandatangani oleh Wali Kota Jakarta Barat, Sri Wahyuni Hartono, pada Rabu, 28 Januari 2026" in text
    assert "ditujukan kepada Camat se-Jakarta Barat dan Lurah se-Jakarta Barat." in text
    assert "Mendata pekerja rentan di wilayah masing-masing." in text
    assert "JAKARTA, 28 Januari 2026 –" in text
    assert "Narahubung:" in text
    basis = text.split("Dasar hukum", 1)[1]
    assert PP_50 in basis
    assert "Nomor 6 Tahun 2025" not in basis  # not marked as basis, so left out


def test_circular_markdown_numbers_the_points(record):
    text = render_document(circular_record(record), "siaran-pers", "md")
    assert "1. Mendata pekerja rentan di wilayah masing-masing.\n2. Melaporkan hasil pendataan.\n" in text


def test_summary_lists_first_three_quotes_only(record):
    record["quotes"] = [{"speaker": "Imron Syahrin", "text": f"Kutipan nomor {i}."} for i in range(5)]
    text = render_document(record, "ringkasan", "md")
    assert "Kutipan nomor 2." in text
    assert "Kutipan nomor 3." not in text
    assert "2 kutipan lain tidak ditampilkan" in text
    assert "— Imron Syahrin, Asisten Perekonomian dan Pembangunan Setko Jakbar" in text


@pytest.mark.parametrize("kind", ["circular", "press_release"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_templates_tolerate_empty_lists_and_nulls(name, fmt, kind):
    text = render_document(dict(bare_record(), kind=kind), name, fmt)
    assert "Dokumen Kosong" in text
    assert "None" not in text


def test_summary_says_what_is_missing():
    text = render_document(bare_record(), "ringkasan", "md")
    assert "Tidak ada regulasi yang dirujuk." in text
    assert "Tidak ada kutipan langsung." in text
    assert "**Tanggal dokumen:** tidak disebutkan" in text


def test_html_escapes_markup_in_fields(record):
    record["title"] = "<script>alert(1)</script> & Co"
    for name in NAMES:
        text = render_document(record, name, "html")
        assert "<script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in text


def test_markdown_does_not_escape(record):
    record["title"] = "<script>alert(1)</script> & Co"
    for name in NAMES:
        assert "<script>alert(1)</script> & Co" in render_document(record, name, "md")


def test_user_folder_overrides_builtin_by_name(record, tmp_path):
    (tmp_path / "ringkasan.md.j2").write_text("MILIK PENGGUNA: {{ record.title }}\n", "utf-8")
    env = make_env(tmp_path, "md")
    assert render_document(record, "ringkasan", "md", env) == f"MILIK PENGGUNA: {record['title']}\n"
    assert "Narahubung:" in render_document(record, "siaran-pers", "md", env)


def test_user_kind_template_is_more_specific_than_builtin_general(record, tmp_path):
    (tmp_path / "siaran-pers-news.md.j2").write_text("BERITA: {{ record.title }}", "utf-8")
    env = make_env(tmp_path, "md")
    assert render_document(dict(record, kind="news"), "siaran-pers", "md", env).startswith("BERITA:")
    assert not render_document(record, "siaran-pers", "md", env).startswith("BERITA:")


def test_user_partial_overrides_builtin_partial(record, tmp_path):
    (tmp_path / "_regulasi.md.j2").write_text("{% for r in regulations %}* {{ r.id }}\n{% endfor %}")
    text = render_document(record, "ringkasan", "md", make_env(tmp_path, "md"))
    assert "* pp/2025/50\n" in text
    assert PP_50 not in text


def test_missing_field_raises_undefined_error_naming_template(record, tmp_path):
    (tmp_path / "ringkasan.md.j2").write_text("{{ record.no_such_field }}", "utf-8")
    with pytest.raises(jinja2.UndefinedError, match=r"ringkasan\.md\.j2.*no_such_field"):
        render_document(record, "ringkasan", "md", make_env(tmp_path, "md"))


def test_missing_contract_field_fails_loudly(record):
    del record["quotes"]
    with pytest.raises(jinja2.UndefinedError, match=r"siaran-pers\.md\.j2.*quotes"):
        render_document(record, "siaran-pers", "md")


def test_missing_field_in_partial_names_the_partial(record, tmp_path):
    (tmp_path / "_regulasi.md.j2").write_text("{% for r in regulations %}{{ r.nope }}{% endfor %}")
    with pytest.raises(jinja2.UndefinedError, match=r"ringkasan\.md\.j2.*_regulasi\.md\.j2"):
        render_document(record, "ringkasan", "md", make_env(tmp_path, "md"))


def test_unknown_template_name_raises_template_not_found(record):
    with pytest.raises(jinja2.TemplatesNotFound, match="laporan.md.j2"):
        render_document(record, "laporan", "md")


def test_make_env_rejects_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="tidak-ada"):
        make_env(tmp_path / "tidak-ada")


def test_builtin_templates_are_found_and_compile():
    env = make_env(fmt="html")
    names = set(env.list_templates())
    for name in NAMES:
        for fmt in FORMATS:
            assert f"{name}.{fmt}.j2" in names
    assert {"siaran-pers-circular.md.j2", "siaran-pers-circular.html.j2", "_base.html.j2"} <= names
    for template_name in names:
        env.get_template(template_name)


# --- drafts on disk ------------------------------------------------------------------------


def test_render_drafts_writes_each_name_and_format(record, tmp_path):
    out = tmp_path / "drafts"
    written = render_drafts([record], out)
    stem = "pemkot-contoh-siaran-pers"
    expected = {f"{stem}.{name}.{fmt}" for name in NAMES for fmt in FORMATS}
    assert {path.name for path in written} == expected
    assert {path.name for path in out.iterdir()} == expected  # no temporary files left behind
    markdown = (out / f"{stem}.ringkasan.md").read_text(encoding="utf-8")
    assert markdown == render_document(record, "ringkasan", "md")
    assert (out / f"{stem}.siaran-pers.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_drafts_keeps_records_with_the_same_stem_apart(record, tmp_path):
    other = dict(record, id="77aa00bb11cc22dd", source="arsip/pemkot-contoh-siaran-pers.html",
                 title="Judul Lain")
    written = render_drafts([record, other], tmp_path, names=["ringkasan"], formats=["md"])
    assert [path.name for path in written] == [
        "pemkot-contoh-siaran-pers-3f9a1c0e.ringkasan.md",
        "pemkot-contoh-siaran-pers-77aa00bb.ringkasan.md",
    ]
    assert "Judul Lain" in written[1].read_text(encoding="utf-8")
    assert "Judul Lain" not in written[0].read_text(encoding="utf-8")


def test_render_drafts_separates_identical_records(record, tmp_path):
    written = render_drafts([record, record], tmp_path, names=["ringkasan"], formats=["md"])
    assert len({path.name for path in written}) == 2


def test_render_drafts_slugs_row_sources(record, tmp_path):
    rows = [dict(record, source=f"data/detik/data_berita.csv#id={i}", id=f"{i:016d}") for i in (4, 5)]
    written = render_drafts(rows, tmp_path, names=["siaran-pers"], formats=["md"])
    assert [path.name for path in written] == [
        "data-berita-id-4.siaran-pers.md",
        "data-berita-id-5.siaran-pers.md",
    ]


def test_render_drafts_uses_user_templates(record, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "ringkasan.md.j2").write_text("khusus {{ record.id }}", "utf-8")
    [path] = render_drafts([record], tmp_path / "out", templates_dir=templates,
                           names=["ringkasan"], formats=["md"])
    assert path.read_text(encoding="utf-8") == "khusus 3f9a1c0e5b7d2a64"


def test_render_drafts_overwrites_previous_output(record, tmp_path):
    render_drafts([record], tmp_path, names=["ringkasan"], formats=["md"])
    record["title"] = "Judul Baru"
    [path] = render_drafts([record], tmp_path, names=["ringkasan"], formats=["md"])
    assert "Judul Baru" in path.read_text(encoding="utf-8")
    assert len(list(tmp_path.iterdir())) == 1


# --- briefs and profiles from a database built from the corpus --------------------------------

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """A database of every corpus document that reads without OCR."""
    files = sorted(str(path) for path in CORPUS.iterdir() if path.name != "README.md")
    db = open_db(tmp_path_factory.mktemp("db") / "warta.db")
    for outcome in extract_records(files, ocr=False, with_text=True):
        if outcome.record:
            save_record(db, outcome.record)
    assert db["documents"].count >= 15
    return db


def test_regulation_context_gathers_citing_documents_and_what_was_said(corpus_db):
    context = regulation_context(corpus_db, "pp/2025/50")
    assert context["regulation"]["citation"].startswith(PP_50 + " tentang ")
    assert context["regulation"]["type_name"] == "Peraturan Pemerintah"
    assert [Path(doc["source"]).name for doc in context["documents"]] == [
        "kemnaker-sosialisasi-pp-50-2025.html",  # 21 October 2025, oldest first
        "bpjs-ketenagakerjaan-relaksasi-iuran-bpu.txt",
    ]
    assert "PP 50/2025" in context["documents"][0]["mentions"]
    said = {(quote["speaker"], quote["position"]) for quote in context["quotes"]}
    assert ("Suryo Adinegoro", "Menteri Ketenagakerjaan") in said
    assert ("Maria Angelina Tambunan", "Kepala BPJS Ketenagakerjaan Kantor Cabang Semarang Pemuda") in said
    assert any(statement["speaker"] == "Sri Wahyuningsih Lestari" for statement in context["statements"])
    assert context["agencies"][0]["documents"] == 2
    assert json.loads(json.dumps(context)) == context  # plain data, ready for any template


def test_regulation_context_marks_legal_basis(corpus_db):
    context = regulation_context(corpus_db, "uu/2014/23")
    assert len(context["documents"]) == 5
    assert all(doc["basis"] for doc in context["documents"])


def test_unknown_regulation_raises_value_error(corpus_db):
    with pytest.raises(ValueError, match="no stored regulation has id 'pp/1900/1'"):
        regulation_context(corpus_db, "pp/1900/1")


@pytest.mark.parametrize("fmt", FORMATS)
def test_regulation_brief_renders(corpus_db, fmt):
    text = render_regulation_brief(corpus_db, "pp/2025/50", fmt)
    for expected in (PP_50, "Suryo Adinegoro, Menteri Ketenagakerjaan", "corpus/kemnaker-sosialisasi-pp-50-2025.html",
                     "Kemnaker Sosialisasikan PP 50/2025", "21 Oktober 2025", "Kementerian Ketenagakerjaan"):
        assert expected in text


@pytest.mark.parametrize(
    ("person", "name"),
    [
        ("Suryo Adinegoro", "Suryo Adinegoro"),
        ("SURYO ADINEGORO", "Suryo Adinegoro"),
        ("Dr. Suryo Adinegoro, M.Si.", "Suryo Adinegoro"),
    ],
)
def test_person_context_finds_a_person_by_any_form_of_name(corpus_db, person, name):
    assert person_context(corpus_db, person)["person"]["name"] == name


def test_person_context_by_id_matches_by_name(corpus_db):
    by_name = person_context(corpus_db, "Suryo Adinegoro")
    person_id = by_name["person"]["id"]
    assert person_context(corpus_db, person_id) == by_name
    assert person_context(corpus_db, str(person_id)) == by_name


def test_person_context_follows_positions_over_time(corpus_db):
    context = person_context(corpus_db, "Suryo Adinegoro")
    # one office written two ways ("... Republik Indonesia") is one office, over both documents
    assert [(p["position"], p["first_date"], p["last_date"], p["documents"]) for p in context["positions"]] == [
        ("Menteri Ketenagakerjaan Republik Indonesia", "2025-10-21", "2026-02-23", 2)]
    assert context["current"]["last_date"] == "2026-02-23"
    assert [doc["signatory"] for doc in context["documents"]] == [False, True]
    assert len(context["quotes"]) == 1
    assert "pp/2025/50" in {regulation["id"] for regulation in context["regulations"]}


@pytest.mark.parametrize("person", ["Nama Yang Tidak Ada", 999_999])
def test_unknown_person_raises_value_error(corpus_db, person):
    with pytest.raises(ValueError, match="no stored person matches"):
        person_context(corpus_db, person)


@pytest.mark.parametrize("fmt", FORMATS)
def test_profile_renders(corpus_db, fmt):
    text = render_profile(corpus_db, "Suryo Adinegoro", fmt)
    for expected in ("Suryo Adinegoro", "Menteri Ketenagakerjaan Republik Indonesia", "23 Februari 2026",
                     "penanda tangan", "corpus/se-menaker-thr-keagamaan-2026.txt", "Kepala daerah dapat menganggarkan",
                     PP_50):
        assert expected in text


def test_brief_and_profile_escape_html(corpus_db):
    corpus_db.execute("update regulations set subject = '<b>Tebal</b> & Co' where id = 'pp/2025/50'")
    corpus_db.execute("update people set name = 'Suryo <i>Adinegoro</i>' where name = 'Suryo Adinegoro'")
    try:
        brief = render_regulation_brief(corpus_db, "pp/2025/50", "html")
        profile = render_profile(corpus_db, "Suryo Adinegoro", "html")
        assert "&lt;b&gt;Tebal&lt;/b&gt; &amp; Co" in brief and "<b>Tebal" not in brief
        assert "Suryo &lt;i&gt;Adinegoro&lt;/i&gt;" in profile and "<i>" not in profile
        assert "<b>Tebal</b> & Co" in render_regulation_brief(corpus_db, "pp/2025/50", "md")
    finally:
        corpus_db.execute("update regulations set subject = 'penyesuaian iuran program Jaminan Kecelakaan Kerja "
                          "(JKK) dan Jaminan Kematian (JKM)' where id = 'pp/2025/50'")
        corpus_db.execute("update people set name = 'Suryo Adinegoro' where name = 'Suryo <i>Adinegoro</i>'")


@pytest.mark.parametrize(
    ("build", "names", "missing"),
    [
        (lambda db: regulation_context(db, "pp/2025/50"), ["brief-regulasi.md.j2"], "regulation"),
        (lambda db: person_context(db, "Suryo Adinegoro"), ["profil-pejabat.md.j2"], "positions"),
    ],
)
def test_brief_templates_fail_loudly_on_a_missing_field(corpus_db, build, names, missing):
    context = build(corpus_db)
    del context[missing]
    with pytest.raises(jinja2.UndefinedError, match=rf"{names[0]}.*{missing}"):
        render_context(context, names, make_env(fmt="md"))


def test_brief_template_missing_nested_field_fails_loudly(corpus_db):
    context = regulation_context(corpus_db, "pp/2025/50")
    del context["documents"][0]["mentions"]
    with pytest.raises(jinja2.UndefinedError, match="mentions"):
        render_context(context, ["brief-regulasi.html.j2"], make_env(fmt="html"))


def test_user_template_overrides_brief_by_type(corpus_db, tmp_path):
    (tmp_path / "brief-regulasi-pp.md.j2").write_text("PP: {{ regulation.citation }}", "utf-8")
    assert render_regulation_brief(corpus_db, "pp/2025/50", templates_dir=tmp_path).startswith("PP: " + PP_50)
    assert not render_regulation_brief(corpus_db, "uu/2014/23", templates_dir=tmp_path).startswith("PP:")


def test_render_briefs_writes_the_chosen_regulations_and_officials(corpus_db, tmp_path):
    written = render_briefs(corpus_db, tmp_path, formats=["md", "html"])
    regulasi = {path.name for path in (tmp_path / "regulasi").iterdir()}
    pejabat = {path.name for path in (tmp_path / "pejabat").iterdir()}
    assert {"pp-2025-50.md", "pp-2025-50.html", "uu-2014-23.md"} <= regulasi  # quotes; five documents
    assert "uu-2003-20.md" not in regulasi  # cited once, by a circular without quotes
    assert {"suryo-adinegoro.md", "suryo-adinegoro.html"} <= pejabat
    assert not any(name.startswith(".") for name in regulasi | pejabat)  # no temporary files left
    assert set(written) == set((tmp_path / "regulasi").iterdir()) | set((tmp_path / "pejabat").iterdir())
    assert PP_50 in (tmp_path / "regulasi" / "pp-2025-50.md").read_text(encoding="utf-8")


def test_briefed_regulations_and_profiled_people(corpus_db):
    regulations = briefed_regulations(corpus_db)
    assert "pp/2025/50" in regulations and "uu/2023/6" in regulations
    assert "uu/2003/20" not in regulations
    people = dict(profiled_people(corpus_db)).values()
    assert "Suryo Adinegoro" in people and "Jakarta" not in people
