"""Loaders: a file (or stdin) in, a :class:`Source` out.

Every loader fails with :class:`LoadError`, whose message is one line that names the file and
says what to do about it. Loaders never guess at a binary file's contents.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .budget import DEFAULT_LIMITS, Limits, size

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


def iter_paths(paths: list[str], warn: Callable[[str], None] | None = None) -> Iterator[str]:
    """Expand folders (recursively, sorted) into the files Warta can read; keep other paths as given.

    Missing paths and files of unknown type are passed through so that :func:`load` reports them;
    so are FIFOs and devices with a document's suffix, which :func:`load` refuses. Symlinked
    folders are followed once; ``warn`` is told of folders that cannot be read and of symlink
    loops (which are not followed).
    """
    for given in paths:
        p = Path(given)
        if given != "-" and p.is_dir():
            yield from _walk(p, warn or (lambda message: None))
        else:
            yield given


def _walk(root: Path, warn: Callable[[str], None]) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[str]:
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            warn(f"{printable(str(folder))}: folder cannot be read ({exc.strerror}); its files were skipped. "
                 "Check its permissions")
            return
        key = (info.st_dev, info.st_ino)
        if key in seen:
            warn(f"{printable(str(folder))}: symlink loop (leads back to a folder already read); not followed")
            return
        seen.add(key)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = folder / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from visit(child)
            elif child.suffix.lower() in SUFFIXES and entry.name.lower() not in SKIPPED_NAMES:
                yield str(child)  # special files and broken links too: load() says what is wrong with them

    yield from sorted(visit(root))  # one sorted list, as a recursive glob would give


def load(path: str, *, ocr: bool | str = True, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read one document. ``"-"`` reads plain text from stdin.

    ``limits`` are the budgets per document (size, pages, pixels for OCR); a document past one
    raises :class:`LoadError` naming the budget and its flag. FIFOs, devices and sockets are
    refused without being opened. A file name that is not valid UTF-8 is shown (and stored) with
    its odd bytes written ``\\xNN``.
    """
    if path == "-":
        data = _read_limited("-", sys.stdin.buffer, limits)
        return _load_text("-", data, "txt", limits)
    shown = printable(path)
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise LoadError(shown, "no such file or folder; check the path") from None
    except OSError as exc:
        raise LoadError(shown, f"cannot be read ({exc.strerror}); check the path and its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadError(shown, "is a folder; pass it on its own and Warta reads the files inside")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(shown, f"is {_special_kind(info.st_mode)}, not a regular file; save the document "
                               "to a file and pass that")
    fmt = SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise LoadError(shown, f"unsupported file type {printable(p.suffix) or '(none)'!r}; use one of "
                               f"{', '.join(sorted(set(SUFFIXES)))}")
    if limits.max_bytes and info.st_size > limits.max_bytes:
        raise LoadError(shown, _over_bytes(info.st_size, limits))
    try:
        with open(p, "rb") as handle:
            data = _read_limited(shown, handle, limits)
    except OSError as exc:
        raise LoadError(shown, f"cannot be read ({exc.strerror}); check its permissions") from None
    if not data.strip():
        raise LoadError(shown, "is empty; remove it from the batch or fill it")
    if fmt == "pdf":
        return _load_pdf(path, ocr=ocr, limits=limits)
    if fmt == "docx":
        return _load_docx(shown, data, limits)
    if fmt == "html":
        return _load_html(shown, data, limits)
    return _load_text(shown, data, fmt, limits)


def printable(text: str) -> str:
    """``text`` with the undecodable bytes of a file name (lone surrogates) written as ``\\xNN``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _over_bytes(n: int, limits: Limits) -> str:
    return (f"is {size(n)}, over the budget of {size(limits.max_bytes)} per document; raise it with "
            f"--max-bytes or split the document")


def _read_limited(shown: str, handle, limits: Limits) -> bytes:
    """Read at most the byte budget (a file can grow while it is read, and stdin has no size)."""
    if not limits.max_bytes:
        return handle.read()
    data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise LoadError(shown, f"is over the budget of {size(limits.max_bytes)} per document; raise it with "
                               "--max-bytes or split the document")
    return data


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _wide_encoding(data: bytes) -> tuple[str | None, int]:
    """The UTF-16/32 encoding of ``data`` and the length of its byte-order mark, from the mark or the NUL pattern.

    Without a mark, text in Latin letters written as UTF-16 has a NUL in every other byte (on one
    side), and as UTF-32 three NULs in every four.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return (encoding, len(bom)) if encoding != "utf-8" else (None, 0)
    head = data[:4096]
    if len(head) < 4:
        return None, 0
    zero = [head[i::4].count(0) / len(head[i::4]) for i in range(4)]
    if zero[1] > 0.9 and zero[2] > 0.9 and zero[3] > 0.9 and len(data) % 4 == 0:
        return "utf-32-le", 0
    if zero[0] > 0.9 and zero[1] > 0.9 and zero[2] > 0.9 and len(data) % 4 == 0:
        return "utf-32-be", 0
    odd, even = (zero[1] + zero[3]) / 2, (zero[0] + zero[2]) / 2
    if odd > 0.6 and even < 0.05 and len(data) % 2 == 0:
        return "utf-16-le", 0
    if even > 0.6 and odd < 0.05 and len(data) % 2 == 0:
        return "utf-16-be", 0
    return None, 0


def _decode(path: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    encoding, skip = _wide_encoding(data)
    if encoding:
        try:
            return _without_nul(path, data[skip:].decode(encoding), ())
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096] or data[:4] in (b"%PDF", b"PK\x03\x04") or _looks_binary(data[:4096]):
        raise LoadError(path, "looks like a binary file, not text; convert it to .txt or give it its real extension")
    try:
        return _without_nul(path, data.decode("utf-8-sig"), ())
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return _without_nul(path, text, (f"{path}: not valid UTF-8; read as Windows-1252 (cp1252). Save it as UTF-8 "
                                     "to silence this",))


def _without_nul(path: str, text: str, warnings: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Text with its NUL characters removed, and a warning saying how many there were."""
    count = text.count("\x00")
    if not count:
        return text, warnings
    return text.replace("\x00", ""), (*warnings, f"{path}: {count} NUL character(s) removed; check how the file "
                                                   "was made")


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))  # beside tab, newline, form feed, return


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    control = len(head) - len(head.translate(None, _CONTROL))
    return control / len(head) > 0.05


_MD_TITLE = re.compile(r"(?m)^#[ \t]+(.+?)[ \t#]*$")


def _load_text(path: str, data: bytes, fmt: str, limits: Limits = DEFAULT_LIMITS) -> Source:
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


def _load_html(path: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Source:
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


def _load_pdf(path: str, *, ocr: bool | str, limits: Limits = DEFAULT_LIMITS) -> Source:
    from . import pdf

    shown = printable(path)
    try:
        result = pdf.read_pdf(path, ocr=ocr, progress=_page_progress(shown) if sys.stderr.isatty() else None,
                              page_limit=limits.max_pages, max_pixels=limits.max_pixels)
    except pdf.PdfError as exc:
        raise LoadError(shown, getattr(exc, "message", None) or str(exc).removeprefix(f"{path}: ")) from None
    except pdf.OcrUnavailable as exc:
        raise NeedsOcr(shown, str(exc)) from None
    if not result.text.strip():
        hint = ("it has no text layer; run without --no-ocr" if ocr in (False, "off", None)
                else "no text could be read from it")
        raise LoadError(shown, hint)
    tables, warnings = pdf_tables(path, tuple(result.ocr_pages) + tuple(result.skipped_pages))
    warnings = tuple(result.warnings) + warnings
    return Source(path=shown, format="pdf", text=result.text, pages=tuple(result.pages),
                  ocr_pages=tuple(result.ocr_pages), tables=tables, warnings=warnings)


def pdf_tables(path: str, ocr_pages: tuple[int, ...]) -> tuple[tuple, tuple[str, ...]]:
    """The ruled tables of a PDF, and a warning instead where pdfplumber cannot read them."""
    from .pdf.tables import find_tables

    try:
        return tuple(find_tables(path, skip=ocr_pages)), ()
    except Exception as exc:  # a table the finder chokes on must not cost the document its text
        return (), (f"{printable(path)}: tables not read ({exc.__class__.__name__}: {exc}); the text is complete",)


def _page_progress(path: str):
    """A one-line page counter on the terminal while a PDF (and its scanned pages) is read."""
    name = Path(path).name

    def report(done: int, total: int) -> None:
        if total >= 3:
            sys.stderr.write(f"\r  reading {name}: page {done}/{total}" + ("\n" if done == total else ""))
            sys.stderr.flush()

    return report


def _load_docx(path: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Source:
    try:
        import docx  # python-docx
    except ImportError:
        raise LoadError(path, "reading .docx needs python-docx; pip install python-docx") from None
    import io
    import zipfile

    fix = "re-save it from a word processor"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoadError(path, f"not a readable .docx ({exc.__class__.__name__}); {fix}") from None
    if limits.max_bytes and unpacked > limits.max_bytes:
        raise LoadError(path, f"unpacks to {size(unpacked)}, over the budget of {size(limits.max_bytes)} per "
                              "document; raise it with --max-bytes if the file is genuine")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                blocks.append(" | ".join(cell.text.strip() for cell in row.cells))
    except MemoryError:
        raise LoadError(path, f"ran out of memory unpacking it; {fix}") from None
    except Exception as exc:  # truncated XML, entity loops (lxml's guard), missing parts: all one bad file
        reason = " ".join(str(exc).split())[:120]
        raise LoadError(path, f"not a readable .docx ({exc.__class__.__name__}: {reason}); {fix}") from None
    text = "\n".join(blocks)
    if not text.strip():
        raise LoadError(path, "the .docx holds no text; remove it from the batch")
    return Source(path=path, format="docx", text=text)
