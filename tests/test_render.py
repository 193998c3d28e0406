"""Tests for extract.render: filters, template choice, escaping and the drafts written to disk."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path

import jinja2
import pytest

from extract.render import (
    dateline,
    format_citation,
    format_date_id,
    join_names,
    legal_basis,
    make_env,
    regulation_type_names,
    render_document,
    render_drafts,
    slugify,
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
        ({}, "PEMKOT JAKARTA BARAT, 28 Januari 2026 –"),
        ({"places": [{"name": "Jakarta"}]}, "JAKARTA, 28 Januari 2026 –"),
        ({"places": ["Bandung"], "date": None}, "BANDUNG, 27 Januari 2026 –"),
        ({"agencies": [{"name": "Dinas Kesehatan"}]}, "DINAS KESEHATAN, 28 Januari 2026 –"),
        ({"agencies": []}, "28 Januari 2026 –"),
        ({"agencies": [], "date": None, "event_date": None}, ""),
    ],
)
def test_dateline(record, changes, expected):
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
    assert "Pihak yang terlibat antara lain" in general
    assert "Pihak yang terlibat antara lain" not in circular


def test_general_release_attributes_quotes_and_statements(record):
    text = render_document(record, "siaran-pers", "md")
    assert text.splitlines()[2].startswith("PEMKOT JAKARTA BARAT, 28 Januari 2026 – ")
    assert ("sejahtera,” kata Imron Syahrin, Asisten Perekonomian dan Pembangunan Setko Jakbar."
            in text)
    assert "“Tenaga kerja yang terlindungi akan lebih produktif dan loyal.”\n" in text
    assert ("Multanti, Kepala BPJS Ketenagakerjaan Cabang Jakarta Grogol, menyampaikan bahwa "
            "pihaknya menerima dukungan yang sangat besar dari Pemkot Jakarta Barat.") in text
    assert "Narahubung:" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_circular_release_announces_the_circular(record, fmt):
    text = render_document(circular_record(record), "siaran-pers", fmt)
    assert ("Wali Kota Jakarta Barat menerbitkan Surat Edaran Nomor 7 Tahun 2025 tentang "
            "Perlindungan Pekerja Rentan.") in text
    assert "ditandatangani oleh Sri Wahyuni Hartono, Wali Kota Jakarta Barat, pada Rabu, 28 Januari 2026" in text
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
