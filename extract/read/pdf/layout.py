"""Lines and paragraphs from a page's character boxes: the text layer in reading order."""
from __future__ import annotations

import ctypes
import re
import statistics
from typing import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .model import CHAR_MAP, Line, PageLayout, PageText

# --------------------------------------------------------------------------- text layer


def _read_page(document: pdfium.PdfDocument, index: int) -> PageLayout:
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        textpage = page.get_textpage()
        try:
            segments = page_segments(textpage, left, top)
        finally:
            textpage.close()
    finally:
        page.close()
    lines = group_lines(segments)
    return PageLayout(index + 1, right - left, top - bottom, lines)


COLUMN_GAP = 3.0  # runs on one line further apart than this many line heights are columns: tab
GAP_SPACE = 0.2  # a gap wider than this share of the line height between two glyphs is a space


def _codes(textpage: pdfium.PdfTextPage, count: int) -> list[int]:
    """Each character's code point, as ``FPDFText_GetUnicode`` gives it, read in one call for the page.

    ``FPDFText_GetText`` writes the same codes as UTF-16, so a page with a character outside the Basic
    Multilingual Plane (two units for one character) is read one character at a time, and so is a code
    it writes as U+FFFE (pdfium's own marks, which ``GetUnicode`` gives as 2)."""
    raw = textpage.raw
    units = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, units)
    codes = units[:count]
    if written != count + 1 or (codes and max(codes) >= 0xD800 and any(0xD800 <= code <= 0xDFFF for code in codes)):
        return [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(count)]
    if 0xFFFE in codes:
        codes = [pdfium_c.FPDFText_GetUnicode(raw, i) if code == 0xFFFE else code for i, code in enumerate(codes)]
    return codes


def _unchecked(func):
    """The C function ``func`` (a pypdfium2 binding) without ctypes' conversion of each argument to its
    declared type, which costs as much as pdfium's own work for a small call made once per character.
    Its callers pass arguments of the exact C types: pointers as ctypes pointers (``byref``), ints as ints."""
    plain = type(func)(ctypes.cast(func, ctypes.c_void_p).value)
    plain.restype = func.restype
    return plain


_LOOSE_CHAR_BOX = _unchecked(pdfium_c.FPDFText_GetLooseCharBox)


def page_segments(textpage: pdfium.PdfTextPage, left: float, top: float) -> list[Line]:
    """Cut a text page's characters into runs that sit on one visual line, left to right, with their
    boxes in top-down page coordinates (``left`` and ``top`` are the crop box's).

    A run ends at a line break, where the next glyph jumps to another height or back to the
    left; a gap wider than GAP_SPACE line heights between glyphs becomes a space. One pass over
    the page keeps the run's bounds as it goes, for this is the reader's inner loop.
    """
    raw = textpage.raw
    get_box = _LOOSE_CHAR_BOX
    rect = pdfium_c.FS_RECTF()
    box = ctypes.byref(rect)
    char_map = CHAR_MAP
    segments: list[Line] = []
    run: list[str] = []  # the run's characters, spaces included
    x0 = x1 = top_ = bottom = 0.0  # the bounds of the run's glyphs, while it holds one
    last: tuple[float, float, float, float] | None = None  # the run's last glyph's box (x0, x1, top, bottom)
    for i, code in enumerate(_codes(textpage, textpage.count_chars())):
        ch = chr(code or 0xFFFD)
        if ch == "\r":
            continue
        if ch == "\n":
            if last is not None:
                _flush(run, x0, x1, top_, bottom, segments)
            run.clear()
            last = None
            continue
        ch = char_map.get(ch, ch)
        if ch == " " or not ch.isprintable():
            run.append(" ")
            continue
        get_box(raw, i, box)
        c0, c1, ctop, cbottom = rect.left - left, rect.right - left, top - rect.top, top - rect.bottom
        if last is None:
            x0, x1, top_, bottom = c0, c1, ctop, cbottom
        else:
            l0, l1, ltop, lbottom = last
            height = lbottom - ltop
            if height < 1.0:
                height = 1.0
            middle = (ctop + cbottom) / 2
            if not ltop - 0.2 * height <= middle <= lbottom + 0.2 * height or c0 < l0 - 2 * height:
                _flush(run, x0, x1, top_, bottom, segments)
                run.clear()
                x0, x1, top_, bottom = c0, c1, ctop, cbottom
            else:
                if run[-1] != " " and c0 - l1 > GAP_SPACE * height:
                    run.append(" ")
                if c0 < x0:
                    x0 = c0
                if c1 > x1:
                    x1 = c1
                if ctop < top_:
                    top_ = ctop
                if cbottom > bottom:
                    bottom = cbottom
        run.append(ch)
        last = (c0, c1, ctop, cbottom)
    if last is not None:
        _flush(run, x0, x1, top_, bottom, segments)
    return segments


_SPACES = re.compile(r" {2,}")


def _flush(run: list[str], x0: float, x1: float, top: float, bottom: float, segments: list[Line]) -> None:
    """Close a run of characters holding a glyph as a segment with the glyphs' bounds."""
    text = _SPACES.sub(" ", "".join(run)).strip()
    if text:
        segments.append(Line(text, x0, x1, top, bottom))


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
