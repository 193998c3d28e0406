"""A regulation's status and relations on its Datasette row page and in its brief, and a PDF's tables on
the plugin's document page, over real PDFs: two amendments of one PADG (reg-12, reg-21) and a circular
that revokes an earlier one and carries code tables (reg-22)."""
from __future__ import annotations

import re
from html import unescape

import pytest
from datasette.utils import tilde_encode

from extract import extract_records
from extract.serve.catalogue import table_cells
from extract.store import open_db, save_record
from extract.write.briefs import regulation_context, render_regulation_brief, short_citation, status_line

from tests.pages import fetch, warta_plugin  # noqa: F401 (warta_plugin is a fixture)

from .regulation_pdfs import PDFS

AMENDED = "padg/2019/21-18-padg-2019"
FIRST, SECOND = "padg/2021/23-8-padg-2021", "padg/2022/24-1-padg-2022"
REVOKED = "se/2021/se-00003-bei-01-2021"
REVOKER = "se/pt-bursa-efek-indonesia/2021/se-00013-bei.pop-04-2021"
HAND_MADE = "a11ce5ab1e000000"


def hand_made_record() -> dict:
    """A record of our own with one table whose cells hold markup, to see it escaped."""
    return {"id": HAND_MADE, "source": "tests/tabel-buatan.pdf", "format": "pdf", "kind": "other",
            "title": "Tabel buatan", "text": "Lampiran tabel buatan.", "date": None, "event_date": None,
            "regulation": None, "signatory": None, "regulations": [], "officials": [], "agencies": [],
            "quotes": [], "tables": [{"page": 2, "index": 0, "caption": "Daftar <uji>",
                                      "header": ["Nama <b>", "Nilai"],
                                      "rows": [["A & B", "<script>x</script>"], ["C", None]]}]}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    if not PDFS.is_dir():
        pytest.skip(f"{PDFS} is not there")
    path = tmp_path_factory.mktemp("status") / "w.db"
    db = open_db(path)
    paths = [str(PDFS / f"{name}.pdf") for name in ("reg-12", "reg-21", "reg-22")]
    for outcome in extract_records(paths, ocr=False, with_text=True):
        assert outcome.record is not None, outcome
        save_record(db, outcome.record)
    save_record(db, hand_made_record())
    db.close()
    return path


def row_path(regulation_id: str) -> str:
    return f"/w/regulations/{tilde_encode(regulation_id)}"


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()).replace(" ,", ",")


def document_id(db_path, stem: str) -> str:
    db = open_db(db_path)
    try:
        return next(db.query("select id from documents where source like ?", [f"%{stem}.pdf"]))["id"]
    finally:
        db.close()


# -- pure helpers ------------------------------------------------------------------------------

@pytest.mark.parametrize("row, expected", [
    ({"type": "PP", "number": "2", "year": 2024}, "PP 2/2024"),
    ({"type": "PADG", "number": "21/18/PADG/2019", "year": 2019}, "PADG 21/18/PADG/2019"),
    ({"type": "SE", "number": "SE-7/ABC/2030", "year": 2030}, "SE-7/ABC/2030"),  # the number carries type and year
    ({"type": "UU", "number": "11", "year": None}, "UU 11"),
    ({"id": "other/x", "type": "OTHER", "number": "3"}, "other/x"),
    (None, ""),
])
def test_short_citation(row, expected):
    assert short_citation(row) == expected


@pytest.mark.parametrize("status, by, expected", [
    ("diubah", ["PP 2/2024"], "diubah oleh PP 2/2024"),
    ("dicabut", ["PP 3/2025", "PP 4/2026"], "dicabut oleh PP 3/2025, PP 4/2026"),
    ("berlaku", [], "berlaku (menurut koleksi ini)"),
    ("diubah", [], "berlaku (menurut koleksi ini)"),  # no amending regulation known: nothing to say it changed
    (None, [], "berlaku (menurut koleksi ini)"),
])
def test_status_line(status, by, expected):
    assert status_line(status, by) == expected


@pytest.mark.parametrize("header, rows, expected", [
    ('["A", "B"]', '[["1", null], ["2", "3"]]', (["A", "B"], [["1", ""], ["2", "3"]])),
    (None, None, ([], [])),
    ("not json", '{"a": 1}', ([], [])),
    ('["A"]', '["loose"]', (["A"], [["loose"]])),
])
def test_table_cells(header, rows, expected):
    assert table_cells(header, rows) == expected


# -- the regulation row page -------------------------------------------------------------------

def test_row_page_of_an_amended_regulation_links_both_amendments(db_path):
    (page,) = fetch(db_path, row_path(AMENDED))
    assert page.status_code == 200
    status = re.search(r'<div class="warta-status warta-status-diubah">.*?</div>', page.text)
    assert status, page.text[:2000]
    assert plain(status.group(0)) == "Status: diubah oleh PADG 23/8/PADG/2021, PADG 24/1/PADG/2022"
    for amending in (FIRST, SECOND):
        assert f'href="{row_path(amending)}"' in status.group(0)


def test_row_pages_of_amending_and_revoking_regulations(db_path):
    second, revoker, revoked = fetch(db_path, row_path(SECOND), row_path(REVOKER), row_path(REVOKED))
    text = plain(second.text)
    assert "Status: berlaku (menurut koleksi ini)" in text
    assert "Mengubah: PADG 21/18/PADG/2019" in text
    assert f'<div class="warta-relation">Mengubah: <a href="{row_path(AMENDED)}"' in second.text
    assert "Mencabut: SE-00003/BEI/01-2021" in plain(revoker.text)
    assert "Status: dicabut oleh SE-00013/BEI.POP/04-2021" in plain(revoked.text)
    assert f'href="{row_path(REVOKER)}"' in revoked.text


def test_status_view_page_agrees_with_the_row_pages(db_path):
    (page,) = fetch(db_path, "/w/regulation_status.json?_shape=array&status__not=berlaku")
    assert {(row["regulation_id"], row["status"]) for row in page.json()} == {(AMENDED, "diubah"), (REVOKED, "dicabut")}


# -- the brief ---------------------------------------------------------------------------------

def test_brief_states_status_and_relations(db_path):
    db = open_db(db_path)
    try:
        context = regulation_context(db, AMENDED)
        md = render_regulation_brief(db, AMENDED, "md")
        html = render_regulation_brief(db, AMENDED, "html")
        second = render_regulation_brief(db, SECOND, "md")
        revoker = render_regulation_brief(db, REVOKER, "html")
        revoked = render_regulation_brief(db, REVOKED, "md")
    finally:
        db.close()
    assert context["status"]["status"] == "diubah"
    assert [item["id"] for item in context["status"]["by"]] == [FIRST, SECOND]
    assert "- **Status:** diubah oleh PADG 23/8/PADG/2021, PADG 24/1/PADG/2022\n" in md
    assert '<dd class="status status-diubah">diubah oleh PADG 23/8/PADG/2021, PADG 24/1/PADG/2022</dd>' in html
    assert "- **Status:** berlaku (menurut koleksi ini)\n- **Mengubah:** PADG 21/18/PADG/2019\n" in second
    assert "<dt>Mencabut</dt><dd>SE-00003/BEI/01-2021</dd>" in revoker
    assert "- **Status:** dicabut oleh SE-00013/BEI.POP/04-2021\n" in revoked


# -- the document page's tables ----------------------------------------------------------------

def test_document_page_shows_the_pdf_tables(db_path):
    doc = document_id(db_path, "reg-22")
    (page,) = fetch(db_path, f"/-/warta/doc/{doc}")
    assert page.status_code == 200
    db = open_db(db_path)
    stored = list(db.query("select page, row_count, column_count from tables where document_id = ? "
                           "order by page, [index]", [doc]))
    db.close()
    tables = re.findall(r'<table class="warta-pdf-table" data-page="(\d+)">(.*?)</table>', page.text, re.S)
    assert [int(number) for number, _ in tables] == [row["page"] for row in stored]
    for (_, body), row in zip(tables, stored):
        assert body.count("<tr>") == row["row_count"] + 1  # the header row and the rows under it
        assert body.count("<th>") == row["column_count"]
    codes = tables[[row["page"] for row in stored].index(3)][1]
    assert "<th>Digit pada Kolom Remarks2</th><th>Kode</th><th>Keterangan</th>" in codes
    assert "<tr><td>1 dan 2</td><td>--</td><td>Tidak ada tindakan korporasi</td></tr>" in codes
    assert "<td>CD</td>" in codes
    assert "<figcaption>Halaman 3</figcaption>" in page.text
    assert f'<a href="#tabel">{len(stored)} tabel dari PDF</a>' in page.text


def test_document_page_escapes_table_cells_and_skips_the_section_without_tables(db_path):
    made, plain_pdf = fetch(db_path, f"/-/warta/doc/{HAND_MADE}", f"/-/warta/doc/{document_id(db_path, 'reg-12')}")
    assert "<th>Nama &lt;b&gt;</th>" in made.text
    assert "<td>A &amp; B</td><td>&lt;script&gt;x&lt;/script&gt;</td>" in made.text
    assert "<tr><td>C</td><td></td></tr>" in made.text
    assert "Halaman 2" in made.text and "Daftar &lt;uji&gt;" in made.text
    assert "<script>x</script>" not in made.text
    assert 'id="tabel"' not in plain_pdf.text
