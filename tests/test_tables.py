"""Tables in PDFs: ruled pages found on the fast path, pdfplumber's grids cleaned, stored as JSON."""
from __future__ import annotations

import json

import pytest
import pypdfium2 as pdfium

from extract.read.pdf.tables import Table, _clean, _is_data, find_tables, ruled_pages
from extract.store import open_db, save_record

from .regulation_pdfs import PDFS, pdf_records

# (PDF, page) -> (rows including the header, columns), counted on the rendered page
COUNTED = {
    ("reg-07", 10): (2, 7),   # Lampiran I: matrix of geological diversity, one example row
    ("reg-07", 19): (2, 8),   # matrix of geological heritage sites
    ("reg-22", 3): (21, 3),   # Lampiran 1: codes of digits 1 to 5, a header over 20 codes
    ("reg-22", 4): (25, 4),   # Lampiran 2: index membership codes 0-9, A-H, J-N, P
    ("reg-01", 26): (3, 7),   # format of the list of active archives: header, column numbers, one row
}


@pytest.fixture(scope="module")
def tables():
    records = pdf_records()
    return {(name, t["page"], t["index"]): Table(t["page"], t["index"], tuple(t["header"]),
                                                 tuple(tuple(r) for r in t["rows"]), t["caption"])
            for name, record in records.items() for t in record["tables"]}


@pytest.mark.parametrize("key", sorted(COUNTED))
def test_real_tables_have_the_rows_and_columns_of_the_pdf(tables, key):
    table = tables[(*key, 0)]
    assert table.shape == COUNTED[key]


def test_real_table_cells(tables):
    codes = tables[("reg-22", 3, 0)]
    assert codes.header == ("Digit pada Kolom Remarks2", "Kode", "Keterangan")
    assert codes.rows[0] == ("1 dan 2", "--", "Tidak ada tindakan korporasi")
    assert [row[1] for row in codes.rows[:3]] == ["--", "CD", "CB"]
    archive = tables[("reg-01", 26, 0)]
    assert archive.header[0] == "No" and archive.rows[0] == ("1", "2", "3", "4", "5", "6", "7")
    assert archive.caption.startswith("Unit Pengolah")


def test_pages_without_ruling_are_not_read():
    document = pdfium.PdfDocument(str(PDFS / "reg-13.pdf")) if PDFS.is_dir() else pytest.skip("no PDFs")
    try:
        assert ruled_pages(document) == []  # a PP without tables: pdfplumber never opens it
    finally:
        document.close()
    assert find_tables(PDFS / "reg-07.pdf", pages=[10], skip=(10,)) == []  # an OCR'd page is not read


@pytest.mark.parametrize("raw, data", [
    ([["No", "Nama", "Nilai"], ["1", "Satu", "10"], ["2", "Dua", "20"]], True),
    # a layout box around the body: list items in one column
    ([["", "a. bahwa untuk melaksanakan ketentuan"], ["", "b. bahwa berdasarkan pertimbangan"],
      ["", "c. bahwa sesuai dengan ketentuan"]], False),
    ([["Ditetapkan di Jakarta", ""], ["", "ttd"]], False),  # a signature block
    ([["Satu sel saja"]], False),
])
def test_is_data(raw, data):
    assert _is_data(_clean(raw)) is data


def test_clean_joins_split_columns_and_a_header_drawn_in_boxes():
    raw = [["", None, "Kode", "Arti"], ["Digit", None, None, None], [None, "1", "A", "Satu"]]
    assert _clean(raw) == [["Digit", "Kode", "Arti"], ["1", "A", "Satu"]]


def test_tables_reach_the_record_and_the_database(tmp_path):
    record = pdf_records()["reg-07"]
    assert [(t["page"], len(t["rows"]) + 1, len(t["header"])) for t in record["tables"]] == [(10, 2, 7), (19, 2, 8)]
    db = open_db(tmp_path / "w.db")
    save_record(db, record)
    rows = list(db.query("select page, row_count, column_count, header, rows from tables order by page"))
    assert [(r["page"], r["row_count"], r["column_count"]) for r in rows] == [(10, 1, 7), (19, 1, 8)]
    assert json.loads(rows[0]["header"])[0] == "No" and json.loads(rows[0]["rows"])[0][0] == "1"
    assert all(not pdf_records()[name]["tables"] for name in ("reg-04", "reg-16"))  # scans are not read
