#!/usr/bin/env python3
"""Steady-state throughput of ``warta extract`` beside a bare ``spacy.blank("id")`` ``nlp.pipe``, in one run.

Usage: python scripts/bench_extract.py [FOLDER] [--files LIST] [--jobs N] [--rounds R] [--other CHECKOUT]
(default FOLDER: ../shared/data/detik-txt, N: 2, R: 4; ``--files`` reads the paths, one a line, from LIST
instead). Both sides are warmed up on the first 50 texts (the pipeline built, gazetteers loaded, spaCy's
vocabulary holding their words). Then the files are cut into R slices and, slice by slice, timed in turn:
the bare tokenizer over the texts already in memory, Warta's whole path from the files (load, clean,
structure, rule components, records) in one process, then in N processes. Interleaving keeps the ratios
fair on a shared machine whose load drifts. Prints documents per second, Warta's time as a multiple of
the tokenizer's (wall, and CPU of this process, which the machine's other load disturbs less), and the
speed-up of N processes; ratios are the medians of the per-slice ratios.

``--other`` adds another checkout of Warta (``git archive REV | tar -x -C DIR``, or a worktree) to the
same run: its whole path runs in one process of its own (this Python, with CHECKOUT first on the path),
warmed up the same way and timed slice by slice right after this checkout's, so that two revisions are
compared under the same load: its multiple of the tokenizer, and this checkout's time over its.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "detik-txt"
WARM = 50


def timed(func) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds of this process, result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def serve() -> None:
    """The other checkout's side: warm up on the first paths sent, then time each list of paths sent
    (one JSON list a line) and answer with its wall and CPU seconds and its number of errors."""
    import extract
    from extract import extract_records

    print(json.dumps({"ready": str(Path(extract.__file__).resolve().parent.parent)}), flush=True)
    for line in sys.stdin:
        paths = json.loads(line)
        wall, cpu, outcomes = timed(lambda: list(extract_records(paths, jobs=1)))
        errors = sum(1 for o in outcomes if o.error)
        print(json.dumps({"wall": wall, "cpu": cpu, "errors": errors}), flush=True)


class Other:
    """A child process running :func:`serve` with another checkout of Warta first on the path."""

    def __init__(self, checkout: Path) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(checkout), os.environ.get("PYTHONPATH", "")])}
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve"], cwd=checkout,
                                        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.checkout = json.loads(self.process.stdout.readline())["ready"]

    def run(self, paths: list[str]) -> dict:
        self.process.stdin.write(json.dumps(paths) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--files", help="a file listing the paths to read, one a line (instead of FOLDER)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--other", type=Path, help="another checkout of Warta to time in the same run")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve()
        return

    from extract import extract_records
    from extract.read.sources import iter_paths
    import spacy

    if args.files:
        paths = [str(Path(p).resolve()) for p in Path(args.files).read_text(encoding="utf-8").split("\n") if p.strip()]
    else:
        paths = [str(Path(p).resolve()) for p in iter_paths([args.folder])]
    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)
    other = Other(args.other.resolve()) if args.other else None

    nlp = spacy.blank("id")
    list(nlp.pipe(texts[:WARM]))
    list(extract_records(paths[:WARM]))
    if other:
        other.run(paths[:WARM])

    size = -(-len(paths) // args.rounds)
    rows, others, tokens, errors = [], [], 0, 0
    for start in range(0, len(paths), size):
        part, part_texts = paths[start:start + size], texts[start:start + size]
        bare, bare_cpu, n_tokens = timed(lambda: sum(len(doc) for doc in nlp.pipe(part_texts, batch_size=64)))
        serial, serial_cpu, outcomes = timed(lambda: list(extract_records(part, jobs=1)))
        if other:
            others.append(other.run(part))
        parallel, _, _ = timed(lambda: list(extract_records(part, jobs=args.jobs)))
        tokens += n_tokens
        errors += sum(1 for o in outcomes if o.error)
        rows.append((bare, bare_cpu, serial, serial_cpu, parallel))
    if other:
        other.close()

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
    if other:
        o_wall, o_cpu = sum(o["wall"] for o in others), sum(o["cpu"] for o in others)
        print(f"other checkout --jobs 1        : {n / o_wall:7.1f} docs/s  {o_wall:6.2f} s wall  {o_cpu:6.2f} s CPU, "
              f"{sum(o['errors'] for o in others)} errors ({other.checkout})")
    print(f"warta extract --jobs {args.jobs:<2}        : {n / parallel:7.1f} docs/s  {parallel:6.2f} s wall")
    print(f"warta --jobs 1 / tokenizer: {ratio:.2f}x wall, {ratio_cpu:.2f}x CPU")
    if other:
        o_ratio = statistics.median(o["wall"] / r[0] for o, r in zip(others, rows))
        o_ratio_cpu = statistics.median(o["cpu"] / r[1] for o, r in zip(others, rows))
        print(f"other --jobs 1 / tokenizer: {o_ratio:.2f}x wall, {o_ratio_cpu:.2f}x CPU")
        mine = statistics.median(r[2] / o["wall"] for o, r in zip(others, rows))
        mine_cpu = statistics.median(r[3] / o["cpu"] for o, r in zip(others, rows))
        print(f"this checkout / other, --jobs 1: {mine:.2f}x wall, {mine_cpu:.2f}x CPU")
    print(f"--jobs {args.jobs} speed-up over --jobs 1: {speedup:.2f}x")


if __name__ == "__main__":
    main()
