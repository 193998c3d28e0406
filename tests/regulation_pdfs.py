"""The records of the real regulation PDFs in ../shared/data/gov-regulation-pdfs, extracted once per test run."""
from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from extract import extract_records

PDFS = Path(__file__).resolve().parents[2] / "shared" / "data" / "gov-regulation-pdfs"


@cache
def _records() -> dict[str, dict]:
    paths = sorted(str(p) for p in PDFS.glob("reg-*.pdf"))
    ocr = shutil.which("tesseract") is not None
    return {Path(o.path).stem: o.record for o in extract_records(paths, ocr=ocr, with_text=True) if o.record}


def pdf_records() -> dict[str, dict]:
    """Records by file stem ("reg-06"); skips when the PDFs are not beside this checkout."""
    if not PDFS.is_dir():
        pytest.skip(f"{PDFS} is not there")
    return _records()
