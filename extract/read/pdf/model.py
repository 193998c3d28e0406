"""The shapes of PDF text (pages, lines, layouts), its errors, and the reader's limits."""
from __future__ import annotations

import os
from dataclasses import dataclass

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


class PageTooLarge(Exception):
    """A page that needs OCR would render to more pixels than the budget allows."""

    def __init__(self, pixels: int):
        self.pixels = pixels
        super().__init__(f"{pixels} pixels")


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
    warnings: tuple[str, ...] = ()  # pages left out, and why

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
