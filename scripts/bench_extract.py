#!/usr/bin/env python3
"""Throughput of ``warta extract`` beside ``spacy.blank("id")`` tokenizing the same texts, in one run.

Usage: python scripts/bench_extract.py [FOLDER] [--jobs N]
(default FOLDER: ../shared/data/detik-txt). Prints documents per second for the bare tokenizer and for
Warta's whole path (load, clean, structure, rule components, records), and the ratio between them.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from extract import extract_records
from extract.read.sources import iter_paths

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "detik-txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    paths = list(iter_paths([args.folder]))
    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)

    nlp = spacy.blank("id")
    t0 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    outcomes = list(extract_records(paths, jobs=args.jobs))
    full = time.perf_counter() - t0
    errors = sum(1 for o in outcomes if o.error)

    n = len(paths)
    print(f"{n} documents, {words:,} words, {tokens:,} tokens")
    print(f"spacy.blank('id') tokenizer: {n / bare:8.1f} docs/s  ({words / bare:,.0f} words/s)")
    print(f"warta extract (jobs={args.jobs}):   {n / full:8.1f} docs/s  ({words / full:,.0f} words/s), {errors} errors")
    print(f"ratio warta / tokenizer: {bare / full:.3f}")


if __name__ == "__main__":
    main()
