"""Pages per second of `read_pdf` (text layer, no OCR) beside bare pdfplumber and pypdfium2.

Usage:
    python scripts/bench_pdf.py [FOLDER_OR_PDF ...]

Defaults to ../shared/data/gov-regulation-pdfs. Only PDFs with a text layer on every page are
timed (scans would measure OCR, not the reader). Besides speed it prints how many of
pdfplumber's words `read_pdf` keeps ("agree"), a check that the faster reader loses no text;
running headers and page numbers that `read_pdf` drops on purpose keep it a little under 100%.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from extract.read.pdf import read_pdf  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "gov-regulation-pdfs"


def pdf_files(args: list[str]) -> list[Path]:
    """The PDFs named or found in the folders named (default: the shared regulation PDFs)."""
    roots = [Path(a) for a in args] or [DEFAULT]
    files = []
    for root in roots:
        files.extend(sorted(root.glob("*.pdf")) if root.is_dir() else [root])
    return files


def has_text_layer(path: Path) -> bool:
    """True when every page holds at least a few characters of text."""
    document = pdfium.PdfDocument(path)
    try:
        return all(document[i].get_textpage().count_chars() >= 20 for i in range(len(document)))
    finally:
        document.close()


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def bench_plumber(path: Path) -> tuple[int, str]:
    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    return len(texts), "\n".join(texts)


def bench_pdfium(path: Path) -> int:
    document = pdfium.PdfDocument(path)
    try:
        for i in range(len(document)):
            document[i].get_textpage().get_text_range()
        return len(document)
    finally:
        document.close()


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def main(argv: list[str]) -> int:
    files = [f for f in pdf_files(argv) if has_text_layer(f)]
    if not files:
        print("no text-layer PDFs found", file=sys.stderr)
        return 1
    totals = Counter()
    agree_hits = agree_all = 0
    print(f"{'file':14} {'pages':>5} {'read_pdf':>9} {'plumber':>9} {'pdfium':>9} {'agree':>6}")
    for path in files:
        result, t_read = timed(read_pdf, path, ocr=False)
        (pages, plumber_text), t_plumb = timed(bench_plumber, path)
        _, t_pdfium = timed(bench_pdfium, path)
        ours, theirs = words(result.text), words(plumber_text)
        hits = sum((ours & theirs).values())
        agree_hits += hits
        agree_all += sum(theirs.values())
        totals.update(pages=pages, read=t_read, plumber=t_plumb, pdfium=t_pdfium)
        print(f"{path.name:14} {pages:5d} {pages / t_read:8.0f}/s {pages / t_plumb:8.1f}/s "
              f"{pages / t_pdfium:8.0f}/s {hits / max(sum(theirs.values()), 1):6.1%}")
    pages = totals["pages"]
    read_rate, plumber_rate, pdfium_rate = pages / totals["read"], pages / totals["plumber"], pages / totals["pdfium"]
    print(f"\n{len(files)} files, {pages} pages")
    print(f"read_pdf (ocr=False): {read_rate:8.1f} pages/s")
    print(f"pdfplumber bare     : {plumber_rate:8.1f} pages/s")
    print(f"pypdfium2 bare      : {pdfium_rate:8.1f} pages/s")
    print(f"read_pdf / pdfplumber = {read_rate / plumber_rate:.1f}x; "
          f"read_pdf / pypdfium2 = {read_rate / pdfium_rate:.2f}x")
    print(f"words of pdfplumber kept by read_pdf: {agree_hits / agree_all:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
