"""extract.read.pdf on the real regulation PDFs, plus table-driven cases for its pure helpers."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from extract.read import pdf
from extract.read.pdf import ocr
from extract.read.pdf import (
    Line, OcrUnavailable, PageLayout, PdfError, drop_running_lines, is_catchword, join_wrapped,
    looks_garbled, page_paragraphs, read_pdf,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "gov-regulation-pdfs"
ALL_PDFS = sorted(DATA.glob("reg-*.pdf"))
SCAN = DATA / "reg-16.pdf"  # a pure scan: no text layer at all

needs_data = pytest.mark.skipif(not ALL_PDFS, reason=f"real PDFs not found in {DATA}")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-ind)")

RUNNING_LINE_RE = re.compile(
    r"^(?:[-\u2013]\s*\d{1,3}\s*[-\u2013]|halaman \d+ dari \d+|www\.peraturan\.go\.id|jdih\.polkam\.go\.id"
    r"|SK No \d+ A|\d{4}, No\.\s?\d+.*)$", re.IGNORECASE)


# --------------------------------------------------------------------------- real files


@needs_data
@pytest.mark.parametrize("name", ["reg-10.pdf", "reg-14.pdf", "reg-22.pdf", "reg-06.pdf"])
def test_page_offsets_are_consistent(name):
    result = read_pdf(DATA / name, ocr=False)
    assert [p.number for p in result.pages] == list(range(1, len(result.pages) + 1))
    previous_end = 0
    for page in result.pages:
        assert previous_end <= page.start <= page.end <= len(result.text)
        assert result.text[page.start:page.end].strip(), f"page {page.number} is empty"
        previous_end = page.end
    middle = result.pages[1]
    assert result.page_at((middle.start + middle.end) // 2) == middle.number


@needs_data
@pytest.mark.parametrize("name", ["reg-06.pdf", "reg-09.pdf", "reg-11.pdf", "reg-14.pdf", "reg-25.pdf"])
def test_no_running_headers_footers_or_page_numbers_left(name):
    text = read_pdf(DATA / name, ocr=False).text
    leftovers = [line for line in text.splitlines() if RUNNING_LINE_RE.match(line.strip())]
    assert leftovers == []


@needs_data
def test_letterhead_repeated_on_every_page_is_dropped():
    text = read_pdf(DATA / "reg-06.pdf", ocr=False).text
    # the President's letterhead heads all 13 pages; at most the first page's copy may stay
    assert sum(line.strip() == "PRESIDEN" for line in text.splitlines()) <= 1


@needs_data
def test_catchwords_at_the_foot_of_pages_are_dropped():
    text = read_pdf(DATA / "reg-01.pdf", ocr=False).text
    assert not re.search(r"(?m)^[a-z]\. \w+ \. \. \.$", text)
    assert "c. Untuk . . ." not in text


@needs_data
def test_hyphenated_words_are_joined_in_a_real_file():
    text = read_pdf(DATA / "reg-10.pdf", ocr=False).text
    assert "perundang-undangan" in text
    assert "perundang undangan" not in text
    assert not re.search(r"\w-\n\w", text)


@needs_data
def test_wrapped_lines_become_paragraphs_and_headings_keep_their_lines():
    lines = read_pdf(DATA / "reg-10.pdf", ocr=False).text.splitlines()
    assert "Pasal 1" in lines and "MEMUTUSKAN:" in lines
    assert any(line.startswith("Menimbang : a. bahwa") and line.endswith("kependudukan;") for line in lines)
    assert any(line.startswith("2. Undang-Undang Nomor 23 Tahun 2006") and "Nomor 5475);" in line for line in lines)


@needs_data
@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.name)
def test_every_real_pdf_reads_without_error(path):
    """With OCR where tesseract is installed (results land in the default cache)."""
    result = read_pdf(path, ocr=shutil.which("tesseract") is not None)
    assert len(result.pages) >= 1 and result.skipped_pages == ()
    if path != SCAN or result.ocr_pages:
        assert len(result.text) > 1000


@needs_data
def test_a_page_s_codes_read_in_one_call_are_those_read_one_by_one():
    """``layout._codes`` reads a page's code points with one ``FPDFText_GetText`` call; they equal
    ``FPDFText_GetUnicode`` character by character on every page of the real PDFs (pdfium's own marks,
    code 2, included: ``GetText`` writes them as U+FFFE)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from extract.read.pdf.layout import _codes

    pages = marks = 0
    for path in ALL_PDFS:
        document = pdfium.PdfDocument(path)
        try:
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                count = textpage.count_chars()
                one_by_one = [pdfium_c.FPDFText_GetUnicode(textpage.raw, i) for i in range(count)]
                assert _codes(textpage, count) == one_by_one, (path.name, index)
                pages, marks = pages + 1, marks + one_by_one.count(2)
                textpage.close()
                page.close()
        finally:
            document.close()
    assert pages > 400 and marks > 10


@needs_data
def test_the_unchecked_box_call_gives_the_boxes_of_pypdfium2_s_binding():
    """``layout._LOOSE_CHAR_BOX`` calls pdfium's ``FPDFText_GetLooseCharBox`` without ctypes' argument
    checks; on the first pages of every real PDF it fills the very boxes the checked binding fills."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from extract.read.pdf.layout import _LOOSE_CHAR_BOX

    boxes = 0
    for path in ALL_PDFS:
        document = pdfium.PdfDocument(path)
        try:
            page = document[0]
            textpage = page.get_textpage()
            checked, unchecked = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
            for i in range(textpage.count_chars()):
                found = pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, i, checked)
                assert _LOOSE_CHAR_BOX(textpage.raw, i, ctypes.byref(unchecked)) == found
                edges = [(box.left, box.top, box.right, box.bottom) for box in (checked, unchecked)]
                assert edges[0] == edges[1], (path.name, i)
                boxes += bool(found) and edges[0] != (0.0, 0.0, 0.0, 0.0)
            textpage.close()
            page.close()
        finally:
            document.close()
    assert boxes > 10_000


@needs_data
def test_progress_is_reported_per_page():
    calls = []
    read_pdf(DATA / "reg-10.pdf", ocr=False, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 7) for n in range(1, 8)]


@needs_data
def test_max_pages_reads_only_the_first_pages():
    assert len(read_pdf(DATA / "reg-10.pdf", ocr=False, max_pages=2).pages) == 2
    with pytest.raises(ValueError):
        read_pdf(DATA / "reg-10.pdf", max_pages=0)


# --------------------------------------------------------------------------- OCR


@needs_data
def test_a_scan_without_ocr_gives_no_text():
    result = read_pdf(SCAN, ocr=False, max_pages=1)
    assert result.text == "" and result.ocr_pages == ()


@needs_data
@needs_tesseract
def test_ocr_reads_a_scanned_page_and_the_cache_makes_a_second_read_fast(tmp_path):
    start = time.perf_counter()
    first = read_pdf(SCAN, max_pages=1, cache_dir=tmp_path)
    first_time = time.perf_counter() - start
    assert first.ocr_pages == (1,)
    assert "KEPUTUSAN BERSAMA" in first.text
    assert re.search(r"NOMOR\s*:?\s*281 TAHUN 2021", first.text)
    assert "Menimbang" in first.text
    assert list(tmp_path.rglob("*.tsv")), "the OCR result was not cached"

    start = time.perf_counter()
    second = read_pdf(SCAN, max_pages=1, cache_dir=tmp_path)
    second_time = time.perf_counter() - start
    assert second.text == first.text
    assert second_time < first_time / 3


@needs_data
def test_missing_tesseract_raises_ocr_unavailable_naming_the_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr._tesseract.cache_clear()
    try:
        with pytest.raises(OcrUnavailable, match="apt-get install tesseract-ocr tesseract-ocr-ind"):
            read_pdf(SCAN, max_pages=1, cache_dir=tmp_path)
    finally:
        ocr._tesseract.cache_clear()


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    assert pdf.default_cache_dir() == tmp_path / "ocr"
    monkeypatch.delenv("WARTA_CACHE_DIR")
    assert pdf.default_cache_dir() == Path.home() / ".cache" / "warta" / "ocr"


# --------------------------------------------------------------------------- bad input


@needs_data
def test_encrypted_pdf_raises_pdf_error(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(DATA / "reg-10.pdf"))
    writer.encrypt(user_password="rahasia", owner_password="pemilik", algorithm="RC4-128")
    target = tmp_path / "locked.pdf"
    with target.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(PdfError, match=r"locked\.pdf: .*encrypted") as caught:
        read_pdf(target)
    assert "unprotected copy" in str(caught.value)


@needs_data
def test_truncated_pdf_raises_pdf_error(tmp_path):
    data = (DATA / "reg-10.pdf").read_bytes()
    target = tmp_path / "half.pdf"
    target.write_bytes(data[: len(data) // 2])
    with pytest.raises(PdfError, match=r"half\.pdf: .*truncated.*download it again"):
        read_pdf(target)


@pytest.mark.parametrize("content, expected", [
    (b"PK\x03\x04\x14\x00\x00\x00zipdata", "not a PDF (starts with 'PK"),
    (b"<html><body>not found</body></html>", "not a PDF (starts with '<html><b"),
    (b"", "is empty"),
])
def test_non_pdf_bytes_raise_pdf_error(tmp_path, content, expected):
    target = tmp_path / "reg.pdf"
    target.write_bytes(content)
    with pytest.raises(PdfError) as caught:
        read_pdf(target)
    assert str(caught.value).startswith(f"{target}: ")
    assert expected in caught.value.message
    assert "\n" not in str(caught.value)


def test_missing_file_raises_pdf_error(tmp_path):
    with pytest.raises(PdfError, match="no such file"):
        read_pdf(tmp_path / "absent.pdf")


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize("prev, cur, expected", [
    ("pelayanan kepen-", "dudukan yang", "pelayanan kependudukan yang"),
    ("peraturan perundang-", "undangan.", "peraturan perundang-undangan."),
    ("masing-", "masing daerah", "masing-masing daerah"),
    ("secara berturut-", "turut", "secara berturut-turut"),
    ("dengan Undang-", "Undang Nomor 6", "dengan Undang-Undang Nomor 6"),
    ("Disease 2019 (COVID-", "19)", "Disease 2019 (COVID-19)"),
    ("huruf a, huruf b,", "dan huruf c", "huruf a, huruf b, dan huruf c"),
    ("tanggal 1 -", "5 Mei", "tanggal 1 - 5 Mei"),
])
def test_join_wrapped(prev, cur, expected):
    assert join_wrapped(prev, cur) == expected


@pytest.mark.parametrize("text", ["- 2 -", "-12-", "- 3 -", "Halaman 2 dari 9", "2/9", "-t2-", "_13_", "7"])
def test_page_number_lines(text):
    assert pdf.PAGE_NUMBER_RE.match(text)


@pytest.mark.parametrize("text", ["Pasal 2", "2. Undang-Undang", "BAB II", "Menimbang", "2020, No. 43 dan"])
def test_not_page_number_lines(text):
    assert not pdf.PAGE_NUMBER_RE.match(text)


@pytest.mark.parametrize("last, next_first, expected", [
    ("Pasal 3 . . .", "Pasal 3", True),
    ("d. bahwa. . .", "d. bahwa berdasarkan", True),
    ("(2) Pelaksanaan .", "(21 Pelaksanaan penetapan", True),
    ("2. Undang-Undang", "2. Undang-Undang Nomor 2 Tahun 2020 tentang", True),
    ("ditetapkan oleh Menteri.", "Pasal 4", False),
    ("sebagaimana dimaksud dalam Pasal 2 ayat (1) yang", "meliputi:", False),
])
def test_is_catchword(last, next_first, expected):
    assert is_catchword(last, next_first) is expected


@pytest.mark.parametrize("text, expected", [
    ("Menimbang bahwa dalam rangka pelaksanaan ketentuan Pasal 5 perlu menetapkan Peraturan Menteri", False),
    ("PENYAMPAIANLAPORANHARTA KEKAYAANAPARATURSIPIL NEGARA DI L1NGKUNGANKEMENTERIAN KOORDINATOR", True),
    ("\u00a7\u00b6\u00a4 \u00ab\u00bb \u00a7\u00a7 \u00b0\u00b1 \u00a5\u00a4 \u00a7\u00b6 ab", True),
    ("Nama : ............ 1) ............ Jabatan : .......... 2) ..........", False),
])
def test_looks_garbled(text, expected):
    assert looks_garbled(text) is expected


def _line(text, top, x0=70.0, x1=540.0, height=12.0):
    return Line(text, x0, x1, top, top + height)


def _page(number, body, header=("PRESIDEN", "REPUBLIK INDONESIA"), footer="SK No {n}01 A"):
    lines = [_line(h, 60 + 14 * i, 250, 350) for i, h in enumerate(header)]
    lines.append(_line(f"- {number} -", 100, 290, 310))
    lines += [_line(t, 140 + 16 * i) for i, t in enumerate(body)]
    lines.append(_line(footer.format(n=number), 900, 40, 130))
    return PageLayout(number, 612.0, 936.0, lines)


BODY = [
    ["(1) Pemerintah menetapkan jenis dan jumlah vaksin yang diperlukan", "untuk pelaksanaan vaksinasi."],
    ["(2) Pelaksanaan penetapan jenis dan jumlah vaksin dilakukan oleh", "Menteri Kesehatan."],
    ["Pengadaan vaksin dilakukan melalui penugasan kepada badan usaha", "milik negara."],
    ["Peraturan Presiden ini mulai berlaku pada tanggal diundangkan.", "Agar setiap orang mengetahuinya."],
]


def test_drop_running_lines_keeps_the_body():
    pages = [_page(n, body) for n, body in enumerate(BODY, start=1)]
    kept = drop_running_lines(pages)
    assert [[line.text for line in page.lines] for page in kept] == BODY


def test_drop_running_lines_does_not_take_pasal_headings_at_the_top():
    pages = [_page(n, [f"Pasal {n}", "Cukup jelas."]) for n in range(1, 5)]
    kept = drop_running_lines(pages)
    assert all(page.lines[0].text.startswith("Pasal") for page in kept)


def test_page_paragraphs_join_wrapped_lines_and_keep_items_apart():
    lines = [
        _line("Menimbang : a. bahwa pencatatan nama pada dokumen kependudukan diperlukan", 100, 70, 540),
        _line("setiap penduduk sebagai identitas diri;", 116, 170, 400),
        _line("b. bahwa pencatatan nama perlu diatur sebagai pedoman bagi penduduk dan", 132, 150, 540),
        _line("pejabat yang berwenang;", 148, 170, 330),
        _line("Pasal 1", 180, 280, 330),
        _line("Dalam Peraturan Menteri ini yang dimaksud dengan:", 200, 70, 400),
    ]
    assert page_paragraphs(PageLayout(1, 612.0, 936.0, lines)) == [
        "Menimbang : a. bahwa pencatatan nama pada dokumen kependudukan diperlukan setiap penduduk sebagai "
        "identitas diri;",
        "b. bahwa pencatatan nama perlu diatur sebagai pedoman bagi penduduk dan pejabat yang berwenang;",
        "Pasal 1",
        "Dalam Peraturan Menteri ini yang dimaksud dengan:",
    ]


def test_tsv_segments_split_columns_of_signatures():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t1000\t120\t40\t95\tIDA",
        "5\t1\t1\t1\t1\t2\t240\t1000\t200\t40\t95\tFAUZIYAH",
        "5\t1\t1\t1\t1\t3\t1400\t1000\t180\t40\t95\tTJAHJO",
        "5\t1\t1\t1\t1\t4\t1600\t1000\t180\t40\t95\tKUMOLO",
    ]
    segments = pdf.tsv_segments("\n".join([header, *rows]), 300 / 72)
    assert [s.text for s in segments] == ["IDA FAUZIYAH", "TJAHJO KUMOLO"]
    assert pdf.group_lines(segments)[0].text == "IDA FAUZIYAH\tTJAHJO KUMOLO"
