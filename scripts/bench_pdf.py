"""Pages per second of `read_pdf` (text layer, no OCR) beside bare pdfplumber and pypdfium2.

Usage:
    python scripts/bench_pdf.py [FOLDER_OR_PDF ...] [--other CHECKOUT]

Defaults to ../shared/data/gov-regulation-pdfs. Only PDFs with a text layer on every page are
timed (scans would measure OCR, not the reader). Besides speed it prints how many of
pdfplumber's words `read_pdf` keeps ("agree"), a check that the faster reader loses no text;
running headers and page numbers that `read_pdf` drops on purpose keep it a little under 100%.

``--other CHECKOUT`` adds another checkout of Warta (``git archive REV | tar -x -C DIR``): its `read_pdf`
and this checkout's each run in a child process of their own (so that neither carries the objects of
pdfplumber's runs), file by file in turn, and the ratio of the two times is printed, for a before/after
figure taken under the same load.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

if "--serve" not in sys.argv:  # a serving child imports the checkout its PYTHONPATH names
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


class Other:
    """A child process timing `read_pdf` of another checkout on the files it is sent, one a line."""

    def __init__(self, checkout: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
        self.child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True, env=env, cwd=checkout)

    def time(self, path: Path) -> float:
        self.child.stdin.write(json.dumps(str(path.resolve())) + "\n")
        self.child.stdin.flush()
        return json.loads(self.child.stdout.readline())

    def close(self) -> None:
        self.child.stdin.close()
        self.child.wait()


def serve() -> None:
    from extract.read.pdf import read_pdf as other_read_pdf

    for line in sys.stdin:
        start = time.perf_counter()
        other_read_pdf(Path(json.loads(line)), ocr=False)
        print(json.dumps(time.perf_counter() - start), flush=True)


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        serve()
        return 0
    if {"-h", "--help"} & set(argv):
        print(__doc__.strip())
        return 0
    other = mine = None
    if "--other" in argv:
        at = argv.index("--other")
        other, mine = Other(Path(argv[at + 1])), Other(Path(__file__).resolve().parent.parent)
        argv = argv[:at] + argv[at + 2:]
    files = [f for f in pdf_files(argv) if has_text_layer(f)]
    if not files:
        print("no text-layer PDFs found", file=sys.stderr)
        return 1
    totals = Counter()
    agree_hits = agree_all = 0
    print(f"{'file':14} {'pages':>5} {'read_pdf':>9} {'plumber':>9} {'pdfium':>9} {'agree':>6}")
    for path in files:
        result, t_read = timed(read_pdf, path, ocr=False)
        if other:
            totals.update(mine=mine.time(path), other=other.time(path))
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
    if other:
        other.close()
        mine.close()
        print(f"in child processes: this checkout's read_pdf {pages / totals['mine']:.1f} pages/s, the other's "
              f"{pages / totals['other']:.1f}; this checkout's time / the other's = "
              f"{totals['mine'] / totals['other']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
