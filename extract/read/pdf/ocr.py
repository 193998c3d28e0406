"""Which pages need OCR, and reading them with Tesseract (cached by content hash)."""
from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops

from .layout import COLUMN_GAP, group_lines
from .model import (
    CHAR_MAP,
    IMAGE_COVER,
    INSTALL_HINT,
    MIN_CHARS,
    OCR_DPI,
    OCR_LANG,
    OCR_TIMEOUT,
    Line,
    OcrUnavailable,
    PageLayout,
    PageTooLarge,
    _PageUnreadable,
)
from ..budget import paused

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


def default_cache_dir() -> Path:
    """`$WARTA_CACHE_DIR/ocr`, or `~/.cache/warta/ocr`."""
    root = os.environ.get("WARTA_CACHE_DIR")
    return (Path(root) if root else Path.home() / ".cache" / "warta") / "ocr"


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


def _ocr_page(document: pdfium.PdfDocument, index: int, file_hash: str, cache_dir: Path | None,
              max_pixels: int | None = None) -> PageLayout:
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
            pixels = int((right - left) * OCR_DPI / 72) * int((top - bottom) * OCR_DPI / 72)
            if max_pixels is not None and pixels > max_pixels:
                raise PageTooLarge(pixels)
            with paused():  # Tesseract has its own time limit per page
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
