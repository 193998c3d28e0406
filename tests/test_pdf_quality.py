"""PDF quality: mixed PDFs without Tesseract, garbled text layers, and the OCR modes (auto, force, off)."""
from __future__ import annotations

import shutil

import pytest

from extract.read.pdf import ocr, ocr_mode, read_pdf
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


def test_garbled_text_layer_is_warned_about_and_read_with_ocr():
    scan = PDFS / "reg-15.pdf"  # a machine-read scan: words run together on pages 1, 2 and 4
    if not scan.exists() or shutil.which("tesseract") is None:
        pytest.skip("needs the real PDFs and tesseract")
    result = read_pdf(scan)
    assert result.ocr_pages[:3] == (1, 2, 4)
    assert len(result.warnings) == 1 and "pages 1, 2, 4 looks garbled" in result.warnings[0]
    off = read_pdf(scan, ocr="off")
    assert off.ocr_pages == () and off.warnings == ()


def test_force_reads_a_text_page_with_ocr(tmp_path):
    text_pdf = PDFS / "reg-03.pdf"
    if not text_pdf.exists() or shutil.which("tesseract") is None:
        pytest.skip("needs the real PDFs and tesseract")
    assert read_pdf(text_pdf, max_pages=1).ocr_pages == ()
    forced = read_pdf(text_pdf, max_pages=1, ocr="force", cache_dir=tmp_path)
    assert forced.ocr_pages == (1,) and "KEPUTUSAN PRESIDEN" in forced.text.upper()


@pytest.mark.parametrize("value, mode", [(True, "auto"), (False, "off"), ("force", "force"), ("auto", "auto")])
def test_ocr_mode(value, mode):
    assert ocr_mode(value) == mode


def test_bad_ocr_mode_is_an_api_error():
    with pytest.raises(ValueError, match="ocr must be one of auto, force, off"):
        ocr_mode("sometimes")


def test_cli_ocr_option(runner):
    from cli import cli

    result = runner.invoke(cli, ["extract", "--ocr", "sometimes", "x.pdf"])
    assert result.exit_code == 1 and "'sometimes' is not one of 'auto', 'force', 'off'" in result.output
