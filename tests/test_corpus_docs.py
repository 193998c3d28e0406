"""The PDF and DOCX circulars of the sample corpus, read back through the real reader.

The files are written by ``scripts/make_corpus_docs.py`` and committed; these tests read the
committed files. The expectations below are written out by hand from the documents, not taken
from the script.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pdfplumber
import pytest

from extract import extract_records

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

TEXT_PDFS = ("se-bupati-banyumas-dbd.pdf", "se-mendes-dana-desa-ketahanan-pangan.pdf",
             "se-kadisdikbud-jateng-spmb-2025.pdf")
SCAN = "se-walikota-malang-plastik-scan.pdf"
DRAFT = "se-gubernur-ntb-produk-lokal-draf.docx"

# file -> (number, year, date, signatory name, signatory position, (type, number, year) of the basis)
EXPECTED = {
    "se-bupati-banyumas-dbd.pdf": (
        "400.7.4/93/SE/I/2026", 2026, "2026-01-08", "Galih Pramudya Wiratmaja", "Bupati Banyumas",
        {("UU", "23", 2014), ("UU", "17", 2023), ("PP", "28", 2024), ("PERMEN", "2", 2023), ("PERBUP", "41", 2023)}),
    "se-mendes-dana-desa-ketahanan-pangan.pdf": (
        "4", 2026, "2026-01-12", "Bagas Kuncoro Adiwijaya",
        "Menteri Desa dan Pembangunan Daerah Tertinggal Republik Indonesia",
        {("UU", "6", 2014), ("UU", "3", 2024), ("PP", "43", 2014), ("PP", "60", 2014), ("PERPRES", "173", 2024),
         ("PERMEN", "108", 2024), ("PERMEN", "2", 2024), ("KEPMEN", "3", 2025)}),
    "se-kadisdikbud-jateng-spmb-2025.pdf": (
        "400.3/04512/SE/2025", 2025, "2025-04-14", "Retno Wulandari Setyaningsih",
        "Kepala Dinas Pendidikan dan Kebudayaan Provinsi Jawa Tengah",
        {("UU", "20", 2003), ("UU", "8", 2016), ("PERDA", "9", 2016), ("PERMEN", "3", 2025), ("PERGUB", "17", 2025)}),
    SCAN: (
        "600.4/318/35.73.112/2025", 2025, "2025-06-02", "Yudha Permana Adisasmita", "Wali Kota Malang",
        {("UU", "18", 2008), ("UU", "32", 2009), ("PP", "81", 2012), ("PERPRES", "97", 2017), ("PERDA", "10", 2010)}),
    DRAFT: (
        "000.3/1047/Biro.Ek/2025", 2025, "2025-09-22", "Lalu Syamsul Hadi Prawira", "Gubernur Nusa Tenggara Barat",
        {("UU", "20", 2008), ("PP", "7", 2021), ("PERPRES", "16", 2018), ("PERPRES", "46", 2025), ("INPRES", "2", 2022),
         ("PERBAN", "12", 2021)}),
}

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract not installed (apt-get install -y tesseract-ocr tesseract-ocr-ind)")


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[str, dict]:
    """One record per generated file, read by `extract_records` (the scan with OCR if available)."""
    cache = tmp_path_factory.mktemp("ocr-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("WARTA_CACHE_DIR", str(cache))
    names = [*TEXT_PDFS, DRAFT] + ([SCAN] if shutil.which("tesseract") else [])
    try:
        outcomes = list(extract_records([str(CORPUS / name) for name in names], ocr=True))
    finally:
        patch.undo()
    found = {}
    for outcome in outcomes:
        assert outcome.error is None, outcome.error
        found[Path(outcome.path).name] = outcome.record
    return found


def test_every_generated_file_is_in_the_corpus():
    for name in (*TEXT_PDFS, SCAN, DRAFT):
        path = CORPUS / name
        assert path.is_file(), f"{name} missing; run scripts/make_corpus_docs.py"
        assert path.stat().st_size > 1000


@pytest.mark.parametrize("name", TEXT_PDFS)
def test_text_pdfs_have_a_text_layer(name):
    with pdfplumber.open(CORPUS / name) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "SURAT EDARAN" in text
    assert "Tembusan:" in text


def test_the_long_circular_runs_over_three_pages_with_running_lines():
    with pdfplumber.open(CORPUS / "se-mendes-dana-desa-ketahanan-pangan.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) == 3
    assert all(f"Halaman {n} dari 3" in page for n, page in enumerate(pages, start=1))
    assert all("Balai Besar Sertifikasi Elektronik" in page for page in pages)
    assert all(page.startswith("SE Mendes PDT Nomor 4 Tahun 2026") for page in pages[1:])


def test_the_scan_has_no_text_layer():
    with pdfplumber.open(CORPUS / SCAN) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert page.chars == []
        assert (page.extract_text() or "").strip() == ""
        assert len(page.images) == 1


def test_the_draft_opens_with_python_docx():
    document = docx.Document(str(CORPUS / DRAFT))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "GUBERNUR NUSA TENGGARA BARAT"
    assert document.paragraphs[0].style.name == "Heading 1"
    assert "SURAT EDARAN" in texts
    assert any(t.startswith("Nomor\t: 000.3/1047/Biro.Ek/2025") for t in texts)
    assert any(t.startswith("1.\tmengalokasikan paling sedikit 40%") for t in texts)
    assert len(document.tables) == 1
    assert document.tables[0].cell(1, 1).text == "35%"


def _params(names):
    return [pytest.param(name, marks=[needs_tesseract] if name == SCAN else []) for name in names]


ALL = (*TEXT_PDFS, SCAN, DRAFT)


@pytest.mark.parametrize("name", _params(ALL))
def test_each_reads_as_a_circular_with_its_signatory(records, name):
    record = records[name]
    _, _, _, signer, position, _ = EXPECTED[name]
    assert record["kind"] == "circular"
    assert record["regulation"]["type"] == "SE"
    assert record["signatory"]["name"] == signer
    assert record["signatory"]["position"] == position


@pytest.mark.parametrize("name", _params(ALL))
def test_each_has_its_number_year_and_date(records, name):
    record = records[name]
    number, year, date, *_ = EXPECTED[name]
    assert record["regulation"]["number"] == number
    assert record["regulation"]["year"] == year
    assert record["date"] == date


@pytest.mark.parametrize("name", _params(ALL))
def test_each_cites_its_legal_basis(records, name):
    cited = {(r["type"], r["number"], r["year"]) for r in records[name]["regulations"]}
    assert EXPECTED[name][5] <= cited


def test_the_issuer_comes_from_the_letterhead_or_title(records):
    issuers = {name: record["regulation"]["issuer"] for name, record in records.items()}
    assert issuers["se-bupati-banyumas-dbd.pdf"] == "Bupati Banyumas"
    assert issuers["se-mendes-dana-desa-ketahanan-pangan.pdf"] == "Menteri Desa dan Pembangunan Daerah Tertinggal"
    assert issuers[DRAFT] == "Gubernur Nusa Tenggara Barat"


def test_running_header_footer_and_page_numbers_stay_out_of_the_text():
    path = str(CORPUS / "se-mendes-dana-desa-ketahanan-pangan.pdf")
    (outcome,) = extract_records([path], with_text=True)
    text = outcome.record["text"]
    assert "Halaman" not in text
    assert "Sertifikasi Elektronik" not in text
    assert "SE Mendes PDT" not in text
    # the paragraph cut by the page break is joined again
    assert "sesuai dengan ketentuan peraturan perundang-undangan." in text
    assert outcome.record["pages"] == 3


@needs_tesseract
def test_the_scan_is_read_by_ocr(records):
    record = records[SCAN]
    assert record["ocr_pages"] == [1]
    assert record["regulation"]["subject"] == "Pengurangan Penggunaan Plastik Sekali Pakai"
