#!/usr/bin/env python3
"""Steady-state throughput of ``warta extract`` beside a bare ``spacy.blank("id")`` ``nlp.pipe``, in one run.

Usage: python scripts/bench_extract.py [FOLDER] [--jobs N] [--rounds R]
(default FOLDER: ../shared/data/detik-txt, N: 2, R: 4). Both sides are warmed up on the first 50 texts
(the pipeline built, gazetteers loaded, spaCy's vocabulary holding their words). Then the files are cut
into R slices and, slice by slice, timed in turn: the bare tokenizer over the texts already in memory,
Warta's whole path from the files (load, clean, structure, rule components, records) in one process,
then in N processes. Interleaving keeps the ratios fair on a shared machine whose load drifts. Prints
documents per second, Warta's time as a multiple of the tokenizer's (wall, and CPU of this process,
which the machine's other load disturbs less), and the speed-up of N processes; ratios are the medians
of the per-slice ratios.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import spacy

from extract import extract_records
from extract.read.sources import iter_paths

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "detik-txt"
WARM = 50


def timed(func) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds of this process, result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    paths = list(iter_paths([args.folder]))
    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)

    nlp = spacy.blank("id")
    list(nlp.pipe(texts[:WARM]))
    list(extract_records(paths[:WARM]))

    size = -(-len(paths) // args.rounds)
    rows, tokens, errors = [], 0, 0
    for start in range(0, len(paths), size):
        part, part_texts = paths[start:start + size], texts[start:start + size]
        bare, bare_cpu, n_tokens = timed(lambda: sum(len(doc) for doc in nlp.pipe(part_texts, batch_size=64)))
        serial, serial_cpu, outcomes = timed(lambda: list(extract_records(part, jobs=1)))
        parallel, _, _ = timed(lambda: list(extract_records(part, jobs=args.jobs)))
        tokens += n_tokens
        errors += sum(1 for o in outcomes if o.error)
        rows.append((bare, bare_cpu, serial, serial_cpu, parallel))

    n = len(paths)
    bare, bare_cpu, serial, serial_cpu, parallel = (sum(col) for col in zip(*rows))
    ratio = statistics.median(r[2] / r[0] for r in rows)
    ratio_cpu = statistics.median(r[3] / r[1] for r in rows)
    speedup = statistics.median(r[2] / r[4] for r in rows)
    print(f"{n} documents, {words:,} words, {tokens:,} spaCy tokens; {len(rows)} slices; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"spacy.blank('id') nlp.pipe     : {n / bare:7.1f} docs/s  {bare:6.2f} s wall  {bare_cpu:6.2f} s CPU")
    print(f"warta extract --jobs 1         : {n / serial:7.1f} docs/s  {serial:6.2f} s wall  {serial_cpu:6.2f} s CPU, "
          f"{errors} errors")
    print(f"warta extract --jobs {args.jobs:<2}        : {n / parallel:7.1f} docs/s  {parallel:6.2f} s wall")
    print(f"warta --jobs 1 / tokenizer: {ratio:.2f}x wall, {ratio_cpu:.2f}x CPU")
    print(f"--jobs {args.jobs} speed-up over --jobs 1: {speedup:.2f}x")


if __name__ == "__main__":
    main()
