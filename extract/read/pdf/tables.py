"""Tables in PDFs: schedules, tariff tables and lists in a regulation's or circular's Lampiran.

Text stays on the fast path (pypdfium2, see ``read_pdf``). Only a page whose drawing has ruling lines
(at least three horizontal and two vertical strokes, or the rectangles of cell borders) goes to
pdfplumber's table finder, and of what it finds only grids of data are kept: a layout box around
prose (the two-column body of some regulations) has long cells and is dropped.

``find_tables(path)`` returns :class:`Table` records: page, index on the page, the header row and
the rows under it, cells as text with their line breaks joined.
"""
from __future__ import annotations

import os
import re
import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A stroke is thinner than this (PDF points) across and longer than the minimums along.
THIN, MIN_WIDTH, MIN_HEIGHT = 3.0, 30.0, 10.0
# A grid of data: most filled cells short, at least two rows and two columns with text.
MAX_MEDIAN_CELL = 50


@dataclass(frozen=True)
class Table:
    """One table of a PDF page: ``header`` is its first row, ``rows`` the rows under it."""

    page: int
    index: int
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None  # a box across the table's top ("Unit Pengolah : ...")

    @property
    def shape(self) -> tuple[int, int]:
        """(rows including the header, columns)."""
        return 1 + len(self.rows), len(self.header)

    def to_dict(self) -> dict:
        return {"page": self.page, "index": self.index, "header": list(self.header),
                "rows": [list(row) for row in self.rows], "caption": self.caption}


def ruled_pages(document: pdfium.PdfDocument) -> list[int]:
    """Numbers (1-based) of the pages whose drawing looks like a ruled table."""
    found = []
    for index in range(len(document)):
        page = document[index]
        try:
            if _has_ruling(page):
                found.append(index + 1)
        finally:
            page.close()
    return found


def _has_ruling(page: pdfium.PdfPage) -> bool:
    across = down = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if height <= THIN and width >= MIN_WIDTH:
            across += 1
        elif width <= THIN and height >= MIN_HEIGHT:
            down += 1
        elif width >= MIN_WIDTH and height >= MIN_HEIGHT:
            across, down = across + 2, down + 2  # a rectangle: four borders
        if across >= 3 and down >= 2:
            return True
    return False


def find_tables(path: str | os.PathLike, pages: list[int] | None = None, skip: tuple[int, ...] = ()) -> list[Table]:
    """The data tables of the PDF at ``path`` (on ``pages`` if given, else on its ruled pages).

    ``skip`` lists pages not to read: pages read with OCR, whose text layer is not to be trusted.
    """
    if pages is None:
        document = pdfium.PdfDocument(str(path))
        try:
            pages = ruled_pages(document)
        finally:
            document.close()
    pages = [p for p in pages if p not in skip]
    if not pages:
        return []
    import pdfplumber  # imported only where a page needs it

    found: list[Table] = []
    with pdfplumber.open(str(path), pages=pages) as pdf:
        for page in pdf.pages:
            kept = [t for t in (_clean(raw) for raw in page.extract_tables()) if t and _is_data(t)]
            for k, rows in enumerate(kept):
                caption = None
                if len(rows) > 2 and sum(bool(cell) for cell in rows[0]) == 1 and rows[0][0]:
                    caption, rows = rows[0][0], rows[1:]  # a title box across the table's width
                found.append(Table(page.page_number, k, tuple(rows[0]), tuple(tuple(r) for r in rows[1:]), caption))
    return found


def _clean(raw: list[list[str | None]]) -> list[list[str]]:
    """Cells as one-line text; rows and columns that are empty throughout dropped."""
    rows = [[re.sub(r"\s*\n\s*", " ", cell or "").strip() for cell in row] for row in raw]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [c for c in range(width) if any(row[c] for row in rows)]
    rows = _merge_split_columns([[row[c] for c in keep] for row in rows])
    return _join_continued(_join_complementary(rows))


def _join_complementary(rows: list[list[str]]) -> list[list[str]]:
    """Rows that hold text in different columns and fill the row together are one row drawn as two
    (a header whose shaded cells are separate boxes); the lines under a header that only go on in
    its columns, their first column empty, are the header's second line."""
    out: list[list[str]] = []
    for row in rows:
        if out:
            last = out[-1]
            filled, before = {c for c, cell in enumerate(row) if cell}, {c for c, cell in enumerate(last) if cell}
            joined = not filled & before and len(filled | before) == len(row) and len(filled) < len(row)
            header_line = len(out) <= 2 and not row[0] and filled <= before and len(before) > 1
            if filled and (joined or (header_line and _is_header(out, len(out) - 1))):
                out[-1] = [f"{a} {b}".strip() for a, b in zip(last, row)]
                continue
        out.append(row)
    return out


def _is_header(rows: list[list[str]], k: int) -> bool:
    """Whether row ``k`` is the header: the first row, or the second under a one-cell caption."""
    return k == 0 or (k == 1 and sum(bool(cell) for cell in rows[0]) == 1)


def _merge_split_columns(rows: list[list[str]]) -> list[list[str]]:
    """Join neighbouring columns that never both hold text in one row: one column whose ruling
    lines pdfplumber read as two (a header cell drawn a little off its column)."""
    c = 0
    while rows and c + 1 < len(rows[0]):
        if not any(row[c] and row[c + 1] for row in rows):
            rows = [row[:c] + [row[c] or row[c + 1]] + row[c + 2:] for row in rows]
        else:
            c += 1
    return rows


def _join_continued(rows: list[list[str]]) -> list[list[str]]:
    """A row with text in one cell only, under a fuller row of three columns or more, continues that
    row (a cell's second line read as a row of its own)."""
    out: list[list[str]] = []
    for row in rows:
        filled = sum(bool(cell) for cell in row)
        if out and filled == 1 and len(row) >= 3 and sum(bool(cell) for cell in out[-1]) > 1:
            out[-1] = [f"{a} {b}".strip() for a, b in zip(out[-1], row)]
        else:
            out.append(row)
    return out


_SIGNATURE_CELL = re.compile(r"(?i)^(?:ttd\.?|ditetapkan\s+di\b.*|salinan sesuai\b.*)$")
_LIST_CELL = re.compile(r"^(?:\(?\d{1,2}[.)]|[a-z][.)])\s+\w")


def _is_data(rows: list[list[str]]) -> bool:
    """A grid of data rather than a layout box around prose or a signature block.

    A grid has two columns that hold text in most rows and short cells; a layout box has prose
    (long cells, or list items "a. ...", "(1) ...") in one column beside empty ones.
    """
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    cells = [cell for row in rows for cell in row if cell]
    if not cells or any(_SIGNATURE_CELL.match(cell) for cell in cells):
        return False
    full = [c for c in range(len(rows[0])) if sum(bool(row[c]) for row in rows) * 2 >= len(rows)]
    if len(full) < 2 and len(rows) > 2:
        return False
    if sum(bool(_LIST_CELL.match(cell)) for cell in cells) * 2 > len(cells):
        return False
    return statistics.median(len(cell) for cell in cells) <= MAX_MEDIAN_CELL
