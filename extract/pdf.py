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

import bisect
import difflib
import hashlib
import io
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops

__all__ = ["PageText", "PdfText", "PdfError", "OcrUnavailable", "read_pdf", "default_cache_dir"]

OCR_LANG = "ind"
OCR_DPI = 300
OCR_TIMEOUT = 180  # seconds per page
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-ind"

# A page needs OCR when it has fewer letters and digits than this and an image covers at
# least IMAGE_COVER of it (a blank page with a footer is not worth reading).
MIN_CHARS = 120
IMAGE_COVER = 0.4

# Characters the text layer uses for something we write differently.
CHAR_MAP = {
    "\x02": "-",  # pdfium's mark for a hyphen at the end of a line
    "\ufffe": "-",
    "\u00ad": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\uf0b7": "\u2022",  # Symbol-font bullet
    "\u00a0": " ",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\t": " ",
}


class PdfError(Exception):
    """A file that cannot be read as a PDF; the message names the file and the fix."""

    def __init__(self, path: str | os.PathLike, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class OcrUnavailable(RuntimeError):
    """A page needs OCR but Tesseract (or its Indonesian model) is not installed."""


class _PageUnreadable(Exception):
    """One page could not be read (pdfium refused it, or Tesseract failed on it)."""


@dataclass(frozen=True)
class PageText:
    """Where page `number` (1-based) lies in `PdfText.text`: text[start:end]."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF, its page offsets, and which pages (1-based) were read by OCR."""

    text: str
    pages: tuple[PageText, ...]
    ocr_pages: tuple[int, ...]
    skipped_pages: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The number of the page holding character `offset`, or None."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return None


@dataclass(frozen=True)
class Line:
    """One visual line of a page; coordinates in points, y growing downwards."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    parts: tuple[str, ...] = ()  # texts of the runs merged into this line, left to right

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass
class PageLayout:
    """The lines of one page in reading order, before running lines are dropped."""

    number: int
    width: float
    height: float
    lines: list[Line]
    ocr: bool = False


# --------------------------------------------------------------------------- public verb


def read_pdf(
    path: str | os.PathLike,
    *,
    ocr: bool = True,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    max_pages: int | None = None,
) -> PdfText:
    """Read the text of the PDF at `path`.

    ocr: read pages without a usable text layer with Tesseract (else they stay empty).
    cache_dir: where OCR results are kept (default `default_cache_dir()`).
    progress: called as progress(pages_done, pages_total) after each page.
    max_pages: read only the first pages (handy for a quick look at a long scan).

    Raises PdfError for encrypted, truncated or non-PDF files, and OcrUnavailable where a
    page needs OCR and Tesseract is missing.
    """
    if max_pages is not None and max_pages < 1:
        raise ValueError("max_pages must be a positive number or None")
    data = _read_bytes(path)
    check_pdf_bytes(path, data)
    document = _open(path, data)
    pages: list[PageLayout] = []
    ocr_pages: list[int] = []
    skipped: list[int] = []
    file_hash: list[str] = []  # computed only if some page needs OCR
    try:
        total = len(document) if max_pages is None else min(len(document), max_pages)
        for index in range(total):
            try:
                page = _read_page(document, index)
                if ocr and _needs_ocr(document, index, page.lines):
                    if not file_hash:
                        file_hash.append(hashlib.sha256(data).hexdigest())
                    page = _ocr_page(document, index, file_hash[0], cache_dir)
                    ocr_pages.append(index + 1)
            except (pdfium.PdfiumError, _PageUnreadable):
                page = PageLayout(index + 1, 0.0, 0.0, [])
                skipped.append(index + 1)
            pages.append(page)
            if progress is not None:
                progress(index + 1, total)
    finally:
        document.close()
    text, offsets = assemble(drop_running_lines(pages))
    return PdfText(text, offsets, tuple(ocr_pages), tuple(skipped))


def default_cache_dir() -> Path:
    """`$WARTA_CACHE_DIR/ocr`, or `~/.cache/warta/ocr`."""
    root = os.environ.get("WARTA_CACHE_DIR")
    return (Path(root) if root else Path.home() / ".cache" / "warta") / "ocr"


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


def _open(path: str | os.PathLike, data: bytes) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason or "security" in reason:
            raise PdfError(path, "is encrypted with a password; save an unprotected copy and read that") from None
        raise PdfError(path, f"is damaged and cannot be opened ({exc}); download it again") from None
    return document


# --------------------------------------------------------------------------- text layer


def _read_page(document: pdfium.PdfDocument, index: int) -> PageLayout:
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        textpage = page.get_textpage()
        try:
            chars = list(_layer_chars(textpage, left, top))
        finally:
            textpage.close()
    finally:
        page.close()
    lines = group_lines(split_segments(chars))
    return PageLayout(index + 1, right - left, top - bottom, lines)


Char = tuple[str, float, float, float, float]  # text, x0, x1, top, bottom (top-down points)
BREAK: Char = ("\n", 0.0, 0.0, 0.0, 0.0)
SPACE: Char = (" ", 0.0, 0.0, 0.0, 0.0)
COLUMN_GAP = 3.0  # runs on one line further apart than this many line heights are columns: tab
GAP_SPACE = 0.2  # a gap wider than this share of the line height between two glyphs is a space


def _layer_chars(textpage: pdfium.PdfTextPage, left: float, top: float) -> Iterator[Char]:
    """The characters of a text page with loose boxes in top-down page coordinates."""
    raw = textpage.raw
    get_unicode, get_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    rect = pdfium_c.FS_RECTF()
    for i in range(textpage.count_chars()):
        ch = chr(get_unicode(raw, i) or 0xFFFD)
        if ch in "\r\n":
            if ch == "\n":
                yield BREAK
            continue
        ch = CHAR_MAP.get(ch, ch)
        if ch == " " or not ch.isprintable():
            yield SPACE
            continue
        get_box(raw, i, rect)
        yield (ch, rect.left - left, rect.right - left, top - rect.top, top - rect.bottom)


def split_segments(chars: Iterable[Char]) -> list[Line]:
    """Cut a character stream into runs that sit on one visual line, left to right.

    A run ends at a line break, where the next glyph jumps to another height or back to the
    left; a gap wider than GAP_SPACE line heights between glyphs becomes a space.
    """
    segments: list[Line] = []
    run: list[Char] = []
    last: Char | None = None  # the last glyph of the run (not a space)

    for char in chars:
        if char is BREAK:
            _flush(run, segments)
            last = None
            continue
        if char[0] != " " and last is not None:
            height = max(last[4] - last[3], 1.0)
            middle = (char[3] + char[4]) / 2
            jumped = not last[3] - 0.2 * height <= middle <= last[4] + 0.2 * height
            if jumped or char[1] < last[1] - 2 * height:
                _flush(run, segments)
            elif run[-1][0] != " " and char[1] - last[2] > GAP_SPACE * height:
                run.append(SPACE)
        run.append(char)
        if char[0] != " ":
            last = char
    _flush(run, segments)
    return segments


def _flush(run: list[Char], segments: list[Line]) -> None:
    """Close a run of characters as a segment (if it holds any glyph) and empty it."""
    glyphs = [c for c in run if c[0] != " "]
    text = re.sub(r" {2,}", " ", "".join(c[0] for c in run)).strip()
    if text and glyphs:
        segments.append(Line(text, min(c[1] for c in glyphs), max(c[2] for c in glyphs),
                             min(c[3] for c in glyphs), max(c[4] for c in glyphs)))
    run.clear()


def group_lines(segments: Sequence[Line]) -> list[Line]:
    """Merge segments that share a visual line (label column and text column) into lines."""
    lines: list[list[Line]] = []
    for seg in sorted(segments, key=lambda s: ((s.top + s.bottom) / 2, s.x0)):
        if lines:
            current = lines[-1]
            top = min(s.top for s in current)
            bottom = max(s.bottom for s in current)
            overlap = min(bottom, seg.bottom) - max(top, seg.top)
            if overlap >= 0.5 * min(seg.height, bottom - top):
                current.append(seg)
                continue
        lines.append([seg])
    out = []
    for parts in lines:
        parts.sort(key=lambda s: s.x0)
        text = parts[0].text
        for before, after in zip(parts, parts[1:]):
            far = after.x0 - before.x1 > COLUMN_GAP * max(before.height, after.height)
            text += ("\t" if far else " ") + after.text
        out.append(Line(text, parts[0].x0, max(p.x1 for p in parts),
                        min(p.top for p in parts), max(p.bottom for p in parts),
                        tuple(p.text for p in parts) if len(parts) > 1 else ()))
    return out


# --------------------------------------------------------------------------- OCR decision


def _needs_ocr(document: pdfium.PdfDocument, index: int, lines: Sequence[Line]) -> bool:
    text = "\n".join(line.text for line in lines)
    if sum(ch.isalnum() for ch in text) < MIN_CHARS:
        return _image_cover(document, index) >= IMAGE_COVER
    if looks_garbled(text):
        return True
    return _image_cover(document, index) >= 0.9 and _ink_below_text(document, index, lines)


FILLER = set(".\u2026_-\u2013\u2014")  # dotted and ruled lines of forms


def looks_garbled(text: str) -> bool:
    """True for a text layer not worth keeping: mostly symbols, or words run together.

    Scans with a poor machine-read layer often lose the spaces ("PENYAMPAIANLAPORANHARTA");
    a page where more than 4% of the letters sit in words of 18+ letters is read again.
    """
    visible = [ch for ch in text if not ch.isspace() and ch not in FILLER]
    if not visible:
        return False
    if sum(ch.isalnum() for ch in visible) / len(visible) < 0.5:
        return True
    words = re.findall(r"[^\W\d_]+", text)
    letters = sum(map(len, words))
    long = sum(len(w) for w in words if len(w) >= 18)
    return letters > 0 and long / letters > 0.04


def _image_cover(document: pdfium.PdfDocument, index: int) -> float:
    """The largest share of the page that one image covers (0 to 1)."""
    page = document[index]
    try:
        width, height = page.get_size()
        best = 0.0
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
            x0, y0, x1, y1 = obj.get_bounds()
            best = max(best, (x1 - x0) * (y1 - y0) / max(width * height, 1.0))
        return min(best, 1.0)
    finally:
        page.close()


def _ink_below_text(document: pdfium.PdfDocument, index: int, lines: Sequence[Line],
                    scale: float = 0.3, threshold: float = 0.04) -> bool:
    """True when a scanned page shows print below its last line of text.

    Machine-read layers of scans sometimes stop short (before a signature block, say); the
    page is then worth reading again. Counts the rows with ink between the last text line
    and the bottom margin, from a coarse rendering of the page.
    """
    page = document[index]
    try:
        image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
        left, bottom, right, top = page.get_cropbox()
    finally:
        page.close()
    width, height = image.size
    last = max(line.bottom for line in lines)
    line_height = statistics.median(line.height for line in lines)
    start, end = int((last + 0.5 * line_height) * scale), int(0.95 * height)
    if end - start < 2:
        return False
    band = image.crop((int(0.05 * width), start, int(0.95 * width), end))
    ink = band.point(lambda v: 255 if v < 160 else 0)
    rows = ink.resize((1, band.height), resample=Image.Resampling.BOX).tobytes()  # one byte a row
    share = 255 * 2 / max(band.width, 1)  # at least two dark pixels in a row
    inked = sum(1 for value in rows if value >= share)
    return inked / scale >= threshold * (top - bottom)


# --------------------------------------------------------------------------- OCR


@lru_cache(maxsize=1)
def _tesseract() -> tuple[str, str]:
    """The tesseract binary and the language models to use.

    Indonesian is required; English, installed with tesseract itself, is added when present
    because it reads letters that Indonesian words rarely use (the Q of "Yaqut") in names.
    """
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrUnavailable(f"this PDF has scanned pages and tesseract is not installed; run `{INSTALL_HINT}`"
                             " or read it with OCR turned off")
    listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, check=False)
    langs = set((listed.stdout + listed.stderr).split())
    if OCR_LANG not in langs:
        raise OcrUnavailable(f"tesseract has no Indonesian model ({OCR_LANG}); run `{INSTALL_HINT}`")
    return binary, f"{OCR_LANG}+eng" if "eng" in langs else OCR_LANG


def _ocr_page(document: pdfium.PdfDocument, index: int, file_hash: str, cache_dir: Path | None) -> PageLayout:
    binary, langs = _tesseract()
    key = f"{file_hash}-p{index + 1}-{langs}-{OCR_DPI}dpi-v1"
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cached = cache / key[:2] / f"{key}.tsv"
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        if cached.is_file():
            tsv = cached.read_text(encoding="utf-8")
        else:
            tsv = _run_tesseract(binary, langs, _render_png(page))
            _write_atomic(cached, tsv)
    finally:
        page.close()
    lines = group_lines(tsv_segments(tsv, OCR_DPI / 72))
    return PageLayout(index + 1, right - left, top - bottom, lines, ocr=True)


def _render_png(page: pdfium.PdfPage) -> bytes:
    """The page as a grey PNG for OCR, with coloured ink (stamps, signatures) whited out."""
    image = drop_colour(page.render(scale=OCR_DPI / 72).to_pil().convert("RGB"))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def drop_colour(image: Image.Image, spread: int = 50) -> Image.Image:
    """A grey version of an RGB image where strongly coloured pixels turn white.

    Text is printed black; blue signatures and stamps laid over names confuse OCR. A pixel
    whose channels differ by more than `spread` is coloured.
    """
    red, green, blue = image.split()
    high = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    low = ImageChops.darker(ImageChops.darker(red, green), blue)
    coloured = ImageChops.subtract(high, low).point(lambda v: 255 if v > spread else 0)
    return ImageChops.lighter(high, coloured)


def _run_tesseract(binary: str, langs: str, png: bytes) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [binary, "stdin", "stdout", "-l", langs, "--psm", "3", "--dpi", str(OCR_DPI), "tsv"]
    try:
        done = subprocess.run(command, input=png, capture_output=True, env=env, timeout=OCR_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise _PageUnreadable(f"tesseract took longer than {OCR_TIMEOUT} s") from None
    if done.returncode != 0:
        raise _PageUnreadable(done.stderr.decode("utf-8", "replace").strip()[:200])
    return done.stdout.decode("utf-8", "replace")


def _write_atomic(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        pass  # an unwritable cache only costs time


def tsv_segments(tsv: str, scale: float) -> list[Line]:
    """Tesseract TSV output as segments (one per OCR line, split where a column gap opens),
    in points (pixels / scale)."""
    lines: dict[tuple[str, str, str], list[tuple[str, float, float, float, float]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            x, y, w, h = (float(v) / scale for v in cols[6:10])
        except ValueError:
            continue
        word = "".join(CHAR_MAP.get(ch, ch) for ch in cols[11].strip())
        lines.setdefault((cols[2], cols[3], cols[4]), []).append((word, x, x + w, y, y + h))
    segments = []
    for words in lines.values():
        words.sort(key=lambda item: item[1])
        height = statistics.median(item[4] - item[3] for item in words)
        run = [words[0]]
        for word in words[1:]:
            if word[1] - run[-1][2] > COLUMN_GAP * height:
                segments.append(_word_run(run))
                run = []
            run.append(word)
        segments.append(_word_run(run))
    return segments


def _word_run(words: Sequence[tuple[str, float, float, float, float]]) -> Line:
    return Line(" ".join(w[0] for w in words), words[0][1], max(w[2] for w in words),
                min(w[3] for w in words), max(w[4] for w in words))


# --------------------------------------------------------------------------- running lines

PAGE_NUMBER_RE = re.compile(
    r"""^(?:[-\u2013\u2014.\s]*\d{1,4}[-\u2013\u2014.\s]*
        |[-\u2013\u2014_]\s*\w{1,3}\s*[-\u2013\u2014_]          # "- 2 -", OCR'd "-t2-", "_13_"
        |(?:halaman|hal\.?|page)\s*\d{1,4}(?:\s*(?:dari|of|/)\s*\d{1,4})?
        |\d{1,4}\s*(?:/|dari)\s*\d{1,4})$""",
    re.IGNORECASE | re.VERBOSE,
)
CATCHWORD_RE = re.compile(r"(?:\s\.|(?:\.\s?){3,}|\u2026)$")
HEADING_LINE_RE = re.compile(
    r"^(?:pasal\s+\d+\w?|bab\s+[ivxlc]+|bagian\s+\w+|paragraf\s+\d+|\(?\d+[.)]|\(?[a-z][.)])",
    re.IGNORECASE,
)
ZONE = 0.3  # top and bottom share of the page where running lines live
ZONE_LINES = 4


def line_key(text: str) -> str:
    """What a running line keeps from page to page: its letters (lower case) and commas."""
    return re.sub(r"[^a-z,]", "", text.lower())


def _zone_lines(page: PageLayout) -> list[int]:
    """Indexes of the lines in the top and bottom zone of a page."""
    lines = page.lines
    if not lines or page.height <= 0:
        return []
    top = [i for i in range(min(ZONE_LINES, len(lines))) if lines[i].bottom <= ZONE * page.height]
    first_bottom = max(len(lines) - ZONE_LINES, 0)
    bottom = [i for i in range(first_bottom, len(lines)) if lines[i].top >= (1 - ZONE) * page.height]
    return sorted(set(top + bottom))


@lru_cache(maxsize=65536)
def _similar(a: str, b: str, threshold: float) -> bool:
    """Equal, or alike enough to be the same line read with OCR noise."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or max(len(a), len(b)) > 40:  # running lines are short
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold
            and matcher.ratio() >= threshold)


@dataclass(frozen=True)
class _ZoneEntry:
    page: int
    line: int
    part: int  # -1 for the whole line
    key: str  # letters and commas
    shape: str  # the text without spaces, digits as "#"
    side: str  # "top" or "bottom"
    anchor: float  # distance from that edge of the page
    edge: bool  # the first (top) or last (bottom) line of its page, and short

    def recurs_with(self, other: "_ZoneEntry", page_height: float) -> bool:
        """Whether `other` is the same running line on another page.

        Lines in the zone must match letter for letter at the same distance from the edge.
        A short first or last line may move a little (page 1 often sits lower) and carry OCR
        noise ("Sl( No 099929 A" for "SK No 099929 A").
        """
        if other.side != self.side:
            return False
        distance = abs(other.anchor - self.anchor)
        if distance <= 8 and (self.key == other.key or
                              (min(len(self.key), len(other.key)) >= 6 and _similar(self.key, other.key, 0.8))):
            return True
        return (self.edge and other.edge and distance <= 0.05 * page_height
                and _similar(self.shape, other.shape, 0.6))


def _zone_entries(pages: Sequence[PageLayout]) -> list[_ZoneEntry]:
    entries = []
    for n, page in enumerate(pages):
        for i in _zone_lines(page):
            line = page.lines[i]
            side = "top" if line.bottom <= ZONE * page.height else "bottom"
            anchor = line.top if side == "top" else page.height - line.bottom
            at_edge = i == (0 if side == "top" else len(page.lines) - 1)
            for k, piece in enumerate((line.text, *line.parts)):
                piece = piece.strip()
                key = line_key(piece)
                if len(key) >= 2 and not HEADING_LINE_RE.match(piece):
                    shape = re.sub(r"\s+", "", re.sub(r"\d", "#", piece.lower()))
                    entries.append(_ZoneEntry(n, i, k - 1, key, shape, side, anchor,
                                              at_edge and len(piece) <= 40))
    return entries


def running_entries(pages: Sequence[PageLayout]) -> set[tuple[int, int, int]]:
    """(page, line, part) of the header and footer lines that recur on enough pages."""
    needed = max(2, round(0.3 * len(pages)))
    height = statistics.median(page.height for page in pages) if pages else 0.0
    by_side: dict[str, list[_ZoneEntry]] = {}
    for entry in _zone_entries(pages):
        by_side.setdefault(entry.side, []).append(entry)
    found = set()
    for entries in by_side.values():
        entries.sort(key=lambda e: e.anchor)
        anchors = [e.anchor for e in entries]
        for entry in entries:
            reach = max(8.0, 0.05 * height) if entry.edge else 8.0
            seen = {entry.page}
            low, high = bisect.bisect_left(anchors, entry.anchor - reach), bisect.bisect_right(anchors, entry.anchor + reach)
            for other in entries[low:high]:
                if other.page not in seen and entry.recurs_with(other, height):
                    seen.add(other.page)
                    if len(seen) >= needed:
                        found.add((entry.page, entry.line, entry.part))
                        break
    return found


def drop_running_lines(pages: Sequence[PageLayout]) -> list[PageLayout]:
    """Remove running headers and footers, page numbers and catchwords from each page."""
    running = running_entries(pages)
    kept = []
    for n, page in enumerate(pages):
        lines = list(page.lines)
        for i in reversed(_zone_lines(page)):
            line = lines[i]
            if (n, i, -1) in running or PAGE_NUMBER_RE.match(line.text.strip()):
                del lines[i]
            elif line.parts:
                rest = tuple(part for k, part in enumerate(line.parts)
                             if (n, i, k) not in running and not PAGE_NUMBER_RE.match(part.strip()))
                if not rest:
                    del lines[i]
                elif len(rest) < len(line.parts):
                    lines[i] = Line(" ".join(rest), line.x0, line.x1, line.top, line.bottom, rest)
        kept.append(lines)
    for n, lines in enumerate(kept):
        following = next((other[0].text for other in kept[n + 1:] if other), None)
        if lines and is_catchword(lines[-1].text, following):
            lines.pop()
    return [PageLayout(page.number, page.width, page.height, lines, page.ocr) for page, lines in zip(pages, kept)]


def is_catchword(text: str, next_first: str | None) -> bool:
    """A page's last line that announces the next page's opening words ("Pasal 3 . . .")."""
    text = text.strip()
    if len(text) > 80:
        return False
    words = re.findall(r"[^\W\d_]{2,}", text.lower())
    if CATCHWORD_RE.search(text):
        return len(words) <= 8
    if not words or len(words) > 6 or next_first is None:
        return False
    following = re.findall(r"[^\W\d_]{2,}", next_first.lower())
    return following[: len(words)] == words


# --------------------------------------------------------------------------- paragraphs

BLOCK_START_RE = re.compile(
    r"""^(?:
        \(?\d{1,3}[.)](?:\s|$)             # 1.  1)  (1)
      | \(\d{1,3}\)
      | \(?[a-z][.)](?:\s|$)               # a.  a)  (a)
      | [IVX]{1,5}\.(?:\s|$)               # I.  IV.
      | [-\u2022\u2013*\u00b7](?:\s|$)     # bullets
      | (?:Menimbang|Mengingat|Memperhatikan|Menetapkan|Membaca|Mendengar)\b
      | (?:MEMUTUSKAN|MENETAPKAN|MENGINSTRUKSIKAN|MEMUTUSKAN)\b
      | (?:Ditetapkan|Diundangkan|Dikeluarkan)\s+di\b
      | (?:KESATU|KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH|KEDELAPAN|KESEMBILAN|KESEPULUH)\b
      | (?:LAMPIRAN|PENJELASAN|TENTANG|NOMOR)\b
      | (?:Yth|Kepada|Tembusan|Hal|Perihal|Sifat|Lampiran|Nomor|Dasar)\s*[.:]
      | (?:ttd|TTD|Ttd)\.?$
      | (?:Salinan\s+sesuai|SALINAN\s+SESUAI)
    )""",
    re.VERBOSE,
)
HEADING_ONLY_RE = re.compile(
    r"""^(?:Pasal\s+\d+[A-Z]?|BAB\s+[IVXLC]+|Bagian\s+Ke\w+|Paragraf\s+\d+
        |MEMUTUSKAN\s*:?|TENTANG|Menimbang\s*:?|Mengingat\s*:?|Menetapkan\s*:?|(?:ttd|TTD|Ttd)\.?)$""",
    re.VERBOSE,
)


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def join_wrapped(prev: str, cur: str) -> str:
    """Join a line and its wrapped continuation, undoing hyphenation at the break.

    A hyphen stays where the two parts repeat each other ("perundang-undangan",
    "masing-masing") or the next part starts with a capital or digit ("Undang-Undang",
    "COVID-19"); otherwise the word was split and is mended ("kepen-dudukan").
    """
    prev, cur = prev.rstrip(), cur.lstrip()
    if not cur:
        return prev
    if len(prev) >= 2 and prev.endswith("-") and prev[-2].isalpha():
        left = re.findall(r"[^\W\d_]+", prev)[-1].lower()
        right_match = re.match(r"[^\W\d_]+", cur)
        right = right_match.group(0).lower() if right_match else ""
        if cur[0].islower() and right and not _repeats(left, right):
            return prev[:-1] + cur
        return prev + cur
    return f"{prev} {cur}"


def _repeats(left: str, right: str) -> bool:
    """True when two halves of a hyphenated word share a stem (reduplication)."""
    probe = right[:4]
    return len(probe) >= 3 and (probe in left or left[-4:] in right)


def _continues(prev: Line, cur: Line, right_edge: float, width: float, gap_limit: float) -> bool:
    """Whether `cur` is the wrapped continuation of `prev` on the same page."""
    if BLOCK_START_RE.match(cur.text) or HEADING_ONLY_RE.match(prev.text) or HEADING_ONLY_RE.match(cur.text):
        return False
    if "\t" in cur.text:  # a row of columns (a table, signatures side by side)
        return False
    if cur.top - prev.bottom > gap_limit:
        return False
    if _is_upper(prev.text) != _is_upper(cur.text):
        return False
    if prev.text.endswith(("-",)) and cur.text[:1].isalpha():
        return True
    if prev.text.endswith((".", ";", ":", "!", "?")):
        return False
    slack = 0.25 if cur.text[:1].islower() else 0.1
    return prev.x1 >= right_edge - slack * width


def page_paragraphs(page: PageLayout) -> list[str]:
    """The paragraphs of one page, wrapped lines joined."""
    lines = [line for line in page.lines if line.text.strip()]
    if not lines:
        return []
    wide = [line for line in lines if len(line.text) >= 30] or lines
    right_edge = _percentile([line.x1 for line in wide], 0.9)
    left_edge = min(line.x0 for line in wide)
    width = max(right_edge - left_edge, 1.0)
    height = statistics.median(line.height for line in lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top - a.bottom > 0]
    gap_limit = (statistics.median(gaps) if gaps else 0.0) + 0.6 * height
    paragraphs = [lines[0].text.strip()]
    for prev, cur in zip(lines, lines[1:]):
        if _continues(prev, cur, right_edge, width, gap_limit):
            paragraphs[-1] = join_wrapped(paragraphs[-1], cur.text)
        else:
            paragraphs.append(cur.text.strip())
    return paragraphs


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def _open_end(paragraph: str) -> bool:
    """A paragraph cut by the page break: no closing punctuation."""
    return bool(paragraph) and not paragraph.rstrip().endswith((".", ";", ":", "!", "?", ","))


def _continues_page(paragraph: str) -> bool:
    """A page's first paragraph that carries on the previous page's last sentence."""
    head = paragraph[:1]
    return (head.islower() or head.isdigit()) and not BLOCK_START_RE.match(paragraph)


def assemble(pages: Sequence[PageLayout]) -> tuple[str, tuple[PageText, ...]]:
    """Join the pages' paragraphs into one text with page offsets.

    A paragraph cut by a page break (no closing punctuation, the next page going on in lower
    case) is joined across the break with a space; otherwise pages are separated by a newline.
    """
    text = ""
    offsets: list[PageText] = []
    last = ""
    for page in pages:
        paragraphs = page_paragraphs(page)
        body = "\n".join(paragraphs)
        if text and body:
            if _open_end(last) and _continues_page(paragraphs[0]):
                joined = join_wrapped(text, body)
                start = len(joined) - len(body)
                text = joined
                previous = offsets[-1]
                offsets[-1] = PageText(previous.number, previous.start, min(previous.end, start))
            else:
                text += "\n"
                start = len(text)
                text += body
        else:
            start = len(text)
            text += body
        offsets.append(PageText(page.number, start, len(text)))
        if paragraphs:
            last = paragraphs[-1]
    return text, tuple(offsets)
