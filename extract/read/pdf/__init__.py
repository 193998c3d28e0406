"""Text of PDF files: the text layer in reading order, Tesseract OCR for pages without one.

`read_pdf` reads every page's characters through pypdfium2 (with their boxes), rebuilds visual
lines from the boxes, drops running headers, footers, page numbers and the catchword that
Indonesian regulations print at the foot of each page ("Pasal 3 . . ."), joins words hyphenated
across lines and joins wrapped lines into paragraphs, one paragraph per line of the result.

A page whose text layer is missing, nearly empty or garbled, or stops short on a scanned
page, is rendered at 300 dpi and read with Tesseract (``-l ind``, plus ``eng`` when installed,
which reads the Q and X of names); its word boxes go through the same line and paragraph
steps. OCR output is cached under ``$WARTA_CACHE_DIR/ocr`` (default ``~/.cache/warta/ocr``),
keyed by the file's content hash and the page, so a second read of a scan is fast. A page
that cannot be read at all is left empty and listed in `PdfText.skipped_pages`.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Callable

import pypdfium2 as pdfium

from .clean import PAGE_NUMBER_RE, drop_running_lines, is_catchword
from .layout import (
    Line,
    _read_page,
    assemble,
    group_lines,
    join_wrapped,
    page_paragraphs,
)
from .model import (
    OcrUnavailable,
    PageLayout,
    PageTooLarge,
    PageText,
    PdfError,
    PdfText,
    _PageUnreadable,
)
from .ocr import _needs_ocr, _ocr_page, default_cache_dir, looks_garbled, tsv_segments

__all__ = ["PageText", "PdfText", "PdfError", "OcrUnavailable", "read_pdf", "ocr_mode", "OCR_MODES", "default_cache_dir",
           "check_pdf_bytes", "Line", "PageLayout", "drop_running_lines", "is_catchword", "join_wrapped",
           "looks_garbled", "page_paragraphs", "group_lines", "tsv_segments", "PAGE_NUMBER_RE"]

# --------------------------------------------------------------------------- public verb


def read_pdf(
    path: str | os.PathLike,
    *,
    ocr: bool | str = True,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    max_pages: int | None = None,
    page_limit: int | None = None,
    max_pixels: int | None = None,
) -> PdfText:
    """Read the text of the PDF at `path`.

    ocr: "auto" (or True) reads pages without a usable text layer with Tesseract: scans, and text
        layers that look garbled (warned about); "force" reads every page with Tesseract; "off"
        (or False) reads none (scanned pages stay empty).
    cache_dir: where OCR results are kept (default `default_cache_dir()`).
    progress: called as progress(pages_done, pages_total) after each page.
    max_pages: read only the first pages (handy for a quick look at a long scan).
    page_limit: refuse (PdfError) a PDF with more pages than this (the ``--max-pages`` budget).
    max_pixels: refuse (PdfError) a PDF with a page that needs OCR and would render to more
        pixels than this at the OCR resolution (the ``--max-pixels`` budget).

    Raises PdfError for encrypted, truncated or non-PDF files, and OcrUnavailable where a
    page needs OCR and Tesseract is missing.
    """
    mode = ocr_mode(ocr)
    if max_pages is not None and max_pages < 1:
        raise ValueError("max_pages must be a positive number or None")
    data = _read_bytes(path)
    check_pdf_bytes(path, data)
    document = _open(path, data)
    pages: list[PageLayout] = []
    ocr_pages: list[int] = []
    skipped: list[int] = []
    missing: list[OcrUnavailable] = []
    garbled: list[int] = []  # scanned pages that Tesseract is not there to read
    file_hash: list[str] = []  # computed only if some page needs OCR
    try:
        if page_limit is not None and len(document) > page_limit:
            raise PdfError(path, f"has {len(document)} pages, over the budget of {page_limit} pages per document; "
                                 "raise it with --max-pages or split the PDF")
        total = len(document) if max_pages is None else min(len(document), max_pages)
        for index in range(total):
            try:
                page = _read_page(document, index)
                if mode == "force" or (mode == "auto" and _needs_ocr(document, index, page.lines)):
                    if mode == "auto" and looks_garbled("\n".join(line.text for line in page.lines)):
                        garbled.append(index + 1)
                    if not file_hash:
                        file_hash.append(hashlib.sha256(data).hexdigest())
                    try:
                        page = _ocr_page(document, index, file_hash[0], cache_dir, max_pixels)
                        ocr_pages.append(index + 1)
                    except OcrUnavailable as exc:  # keep the text pages; this one is left out
                        missing.append(exc)
                        page = PageLayout(index + 1, page.width, page.height, [])
                        skipped.append(index + 1)
            except PageTooLarge as exc:
                raise PdfError(path, f"page {index + 1} would render to {exc.pixels / 1e6:.0f} million pixels for "
                                     f"OCR, over the budget of {max_pixels / 1e6:.0f} million; raise it with "
                                     "--max-pixels or pass --no-ocr") from None
            except (pdfium.PdfiumError, _PageUnreadable):
                page = PageLayout(index + 1, 0.0, 0.0, [])
                skipped.append(index + 1)
            pages.append(page)
            if progress is not None:
                progress(index + 1, total)
    finally:
        document.close()
    text, offsets = assemble(drop_running_lines(pages))
    if missing and not any(ch.isalnum() for ch in text):
        raise missing[0]  # nothing but scans: the document cannot be read here at all
    warnings: tuple[str, ...] = ()
    if garbled:
        warnings += (f"{path}: the text layer of page{'s' if len(garbled) > 1 else ''} {', '.join(map(str, garbled))} "
                     "looks garbled (many non-words); read with OCR instead",)
    if missing:
        unread = [number for number in skipped if number not in ocr_pages]
        warnings += (f"{path}: page{'s' if len(unread) > 1 else ''} {', '.join(map(str, unread))} scanned and left "
                    f"out: {missing[0]}",)
    return PdfText(text, offsets, tuple(ocr_pages), tuple(skipped), warnings)



OCR_MODES = ("auto", "force", "off")


def ocr_mode(ocr: bool | str | None) -> str:
    """The OCR mode for a read_pdf argument: True is "auto", False "off"; raises ValueError on another value."""
    if ocr is True:
        return "auto"
    if ocr is False or ocr is None:
        return "off"
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)} (or True/False), not {ocr!r}")
    return ocr


# --------------------------------------------------------------------------- opening


def _read_bytes(path: str | os.PathLike) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise PdfError(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise PdfError(path, "is a folder, not a PDF; pass the files inside it") from None
    except OSError as exc:
        raise PdfError(path, f"cannot be read ({exc.strerror}); check its permissions") from None


def check_pdf_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Raise PdfError unless `data` looks like a whole PDF file."""
    if not data:
        raise PdfError(path, "is empty (0 bytes); download it again or remove it from the batch")
    head = data[:1024]
    if b"%PDF-" not in head:
        start = data[:8].decode("latin-1")
        shown = "".join(c if c.isprintable() else "." for c in start).strip(". ") or "binary data"
        raise PdfError(path, f"not a PDF (starts with {shown!r}); convert it or remove it from the batch")
    if b"%%EOF" not in data[-2048:]:
        raise PdfError(path, "is truncated (no end-of-file marker); download it again")


_NO_PAGES = re.compile(rb"/Type\s*/Pages\b(?:(?!>>).)*?/Count\s+0\b|/Count\s+0\b(?:(?!>>).)*?/Type\s*/Pages\b",
                       re.S)


def _open(path: str | os.PathLike, data: bytes) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        # Checked first: PDFium sets no error of its own for a 0-page file and reports the last one it had.
        if _NO_PAGES.search(data) and b"/Encrypt" not in data:
            raise PdfError(path, "has no pages (an intact PDF with a page count of 0); export it again from "
                                 "its source or remove it from the batch") from None
        if "password" in reason or "security" in reason:
            raise PdfError(path, "is encrypted with a password; save an unprotected copy and read that") from None
        raise PdfError(path, f"is damaged and cannot be opened ({exc}); download it again") from None
    return document
