#!/usr/bin/env python3
"""Steady-state throughput of ``warta extract`` beside a bare ``spacy.blank("id")`` ``nlp.pipe``, in one run.

Usage: python scripts/bench_extract.py [FOLDER] [--jobs N]
(default FOLDER: ../shared/data/detik-txt, default N: 2). Both sides are warmed up on the first 50
texts (the pipeline built, gazetteers loaded, spaCy's vocabulary holding their words), then timed over
every text in turn: the bare tokenizer over the texts already in memory, Warta's whole path from the
files (load, clean, structure, rule components, records) in one process, then in N processes. Prints
documents per second, Warta's time as a multiple of the tokenizer's, and the speed-up of N processes.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import spacy

from extract import extract_records
from extract.read.sources import iter_paths

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "detik-txt"
WARM = 50


def timed(func) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    paths = list(iter_paths([args.folder]))
    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)

    nlp = spacy.blank("id")
    list(nlp.pipe(texts[:WARM]))
    list(extract_records(paths[:WARM]))

    bare, tokens = timed(lambda: sum(len(doc) for doc in nlp.pipe(texts, batch_size=64)))
    serial, outcomes = timed(lambda: list(extract_records(paths, jobs=1)))
    errors = sum(1 for o in outcomes if o.error)
    parallel, _ = timed(lambda: list(extract_records(paths, jobs=args.jobs)))

    n = len(paths)
    print(f"{n} documents, {words:,} words, {tokens:,} spaCy tokens; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"spacy.blank('id') nlp.pipe     : {n / bare:7.1f} docs/s  {bare:6.2f} s")
    print(f"warta extract --jobs 1         : {n / serial:7.1f} docs/s  {serial:6.2f} s, {errors} errors")
    print(f"warta extract --jobs {args.jobs:<2}        : {n / parallel:7.1f} docs/s  {parallel:6.2f} s")
    print(f"warta --jobs 1 time / tokenizer time = {serial / bare:.2f}x")
    print(f"--jobs {args.jobs} speed-up over --jobs 1 = {serial / parallel:.2f}x")


if __name__ == "__main__":
    main()
