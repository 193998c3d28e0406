"""Running headers, footers, page numbers and catchwords found across pages and dropped."""
from __future__ import annotations

import bisect
import difflib
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .model import Line, PageLayout

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
