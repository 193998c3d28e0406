"""Loaders: a file (or stdin) in, a :class:`Source` out.

Every loader fails with :class:`LoadError`, whose message is one line that names the file and
says what to do about it. Loaders never guess at a binary file's contents.
"""
from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".pdf": "pdf", ".docx": "docx"}
SKIPPED_NAMES = {"readme.md", "readme.txt", "license", "license.txt"}


class LoadError(Exception):
    """A document that cannot be read; ``str(err)`` is the one-line message for the user."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class NeedsOcr(LoadError):
    """A scan that cannot be read here because Tesseract is missing: skipped, not failed."""


@dataclass(frozen=True)
class Source:
    """The text of one document as read from its file, before cleaning."""

    path: str
    format: str
    text: str
    title: str | None = None
    date: str | None = None
    pages: tuple = ()
    ocr_pages: tuple[int, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    sections: tuple = ()
    site: str | None = None  # who published a web page, from its <title> ("... - Pemerintah Kota Semarang")
    tables: tuple = ()  # a PDF's ruled tables (read.pdf.tables.Table)

    @property
    def id(self) -> str:
        """Content hash: the same text gives the same id wherever the file lives."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


def iter_paths(paths: list[str]) -> Iterator[str]:
    """Expand folders (recursively, sorted) into the files Warta can read; keep other paths as given.

    Missing paths and files of unknown type are passed through so that :func:`load` reports them.
    """
    for given in paths:
        p = Path(given)
        if given != "-" and p.is_dir():
            for child in sorted(p.rglob("*")):
                if (child.is_file() and child.suffix.lower() in SUFFIXES and child.name.lower() not in SKIPPED_NAMES
                        and not any(part.startswith(".") for part in child.relative_to(p).parts)):
                    yield str(child)
        else:
            yield given


def load(path: str, *, ocr: bool | str = True) -> Source:
    """Read one document. ``"-"`` reads plain text from stdin."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return _load_text("-", data, "txt")
    p = Path(path)
    if not p.exists():
        raise LoadError(path, "no such file or folder; check the path")
    if p.is_dir():
        raise LoadError(path, "is a folder; pass it on its own and Warta reads the files inside")
    fmt = SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise LoadError(path, f"unsupported file type {p.suffix or '(none)'!r}; use one of "
                              f"{', '.join(sorted(set(SUFFIXES)))}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot be read ({exc.strerror}); check its permissions") from None
    if not data.strip():
        raise LoadError(path, "is empty; remove it from the batch or fill it")
    if fmt == "pdf":
        return _load_pdf(path, ocr=ocr)
    if fmt == "docx":
        return _load_docx(path, data)
    if fmt == "html":
        return _load_html(path, data)
    return _load_text(path, data, fmt)


def _decode(path: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    if b"\x00" in data[:4096] or data[:4] in (b"%PDF", b"PK\x03\x04") or _looks_binary(data[:4096]):
        raise LoadError(path, "looks like a binary file, not text; convert it to .txt or give it its real extension")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, (f"{path}: not valid UTF-8; read as Windows-1252 (cp1252). Save it as UTF-8 to silence this",)


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05


_MD_TITLE = re.compile(r"(?m)^#[ \t]+(.+?)[ \t#]*$")


def _load_text(path: str, data: bytes, fmt: str) -> Source:
    text, warnings = _decode(path, data)
    if not text.strip():
        raise LoadError(path, "has no text; remove it from the batch or fill it")
    title = None
    if fmt == "md":
        found = _MD_TITLE.search(text)
        title = found.group(1).strip() if found else None
    else:
        title = _headline(text)
    return Source(path=path, format=fmt, text=text, title=title, warnings=warnings)


def _headline(text: str) -> str | None:
    """A first line that stands alone above a blank line is the headline of a news text."""
    parts = text.lstrip().split("\n", 2)
    if len(parts) >= 2 and parts[1].strip() == "" and 3 <= len(parts[0].split()) <= 30:
        line = parts[0].strip()
        if not line.endswith((".", ",", ":")) or line.endswith("..."):
            return line
    return None


def _load_html(path: str, data: bytes) -> Source:
    import trafilatura

    html, warnings = _decode(path, data)
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         include_tables=True, favor_precision=True)
    if result is None:
        raise LoadError(path, "no article text found in the HTML; save the page's text as .txt instead")
    get = (lambda k: getattr(result, k, None)) if not isinstance(result, dict) else result.get
    text = get("text") or ""
    if not text.strip():
        raise LoadError(path, "no article text found in the HTML; save the page's text as .txt instead")
    title = get("title")
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    date = get("date")
    date = date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    page_title = re.search(r"(?is)<title[^>]*>(.*?)</title>", html)
    site = None
    if page_title:
        parts = re.split(r"\s+[-|–—]\s+", " ".join(page_title.group(1).split()))
        site = parts[-1] if len(parts) > 1 else None
    return Source(path=path, format="html", text=text, title=title, date=date, warnings=warnings, site=site)


def _load_pdf(path: str, *, ocr: bool | str) -> Source:
    from . import pdf

    try:
        result = pdf.read_pdf(path, ocr=ocr, progress=_page_progress(path) if sys.stderr.isatty() else None)
    except pdf.PdfError as exc:
        raise LoadError(path, getattr(exc, "message", None) or str(exc).removeprefix(f"{path}: ")) from None
    except pdf.OcrUnavailable as exc:
        raise NeedsOcr(path, str(exc)) from None
    if not result.text.strip():
        hint = ("it has no text layer; run without --no-ocr" if ocr in (False, "off", None)
                else "no text could be read from it")
        raise LoadError(path, hint)
    tables, warnings = pdf_tables(path, tuple(result.ocr_pages) + tuple(result.skipped_pages))
    warnings = tuple(result.warnings) + warnings
    return Source(path=path, format="pdf", text=result.text, pages=tuple(result.pages),
                  ocr_pages=tuple(result.ocr_pages), tables=tables, warnings=warnings)


def pdf_tables(path: str, ocr_pages: tuple[int, ...]) -> tuple[tuple, tuple[str, ...]]:
    """The ruled tables of a PDF, and a warning instead where pdfplumber cannot read them."""
    from .pdf.tables import find_tables

    try:
        return tuple(find_tables(path, skip=ocr_pages)), ()
    except Exception as exc:  # a table the finder chokes on must not cost the document its text
        return (), (f"{path}: tables not read ({exc.__class__.__name__}: {exc}); the text is complete",)


def _page_progress(path: str):
    """A one-line page counter on the terminal while a PDF (and its scanned pages) is read."""
    name = Path(path).name

    def report(done: int, total: int) -> None:
        if total >= 3:
            sys.stderr.write(f"\r  reading {name}: page {done}/{total}" + ("\n" if done == total else ""))
            sys.stderr.flush()

    return report


def _load_docx(path: str, data: bytes) -> Source:
    try:
        import docx  # python-docx
    except ImportError:
        raise LoadError(path, "reading .docx needs python-docx; pip install python-docx") from None
    import io
    import zipfile

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(path, f"not a readable .docx ({exc.__class__.__name__}); re-save it from a word processor") from None
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text.strip() for cell in row.cells))
    text = "\n".join(blocks)
    if not text.strip():
        raise LoadError(path, "the .docx holds no text; remove it from the batch")
    return Source(path=path, format="docx", text=text)
