"""PDF quality: a PDF with text pages and scanned pages keeps its text pages when Tesseract is missing."""
from __future__ import annotations

import pytest

from extract.read.pdf import ocr, read_pdf
from extract.read.sources import load

from .regulation_pdfs import PDFS

MIXED = PDFS / "reg-23.pdf"  # eight pages with a text layer, the last one (the signatures) a scan


@pytest.fixture
def no_tesseract(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr._tesseract.cache_clear()
    yield tmp_path
    ocr._tesseract.cache_clear()


def test_mixed_pdf_without_tesseract_keeps_its_text_pages(no_tesseract):
    if not MIXED.exists():
        pytest.skip(f"{MIXED} is not there")
    result = read_pdf(MIXED, cache_dir=no_tesseract)
    assert result.skipped_pages == (9,)
    assert "NOMOR 2 TAHUN 2022" in result.text and "Pasal 15" in result.text and result.ocr_pages == ()
    assert len(result.warnings) == 1 and "page 9" in result.warnings[0] and "tesseract" in result.warnings[0]
    source = load(str(MIXED))
    assert any("page 9" in w for w in source.warnings)
