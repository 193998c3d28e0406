#!/usr/bin/env python3
"""Ingest at scale, measured: a synthetic corpus of N documents made from the detik articles.

Usage: python scripts/bench_scale.py [--docs 10000 ...] [--jobs 2] [--source FOLDER] [--keep DIR]
       python scripts/bench_scale.py --search-only DB   (only the search timings, on a stored database)

Only the articles of ../shared/eval/train-ids.txt are copied. Each copy of an article gets a line of its own ("Salinan nomor 123.") so that every document has a
different content hash, as a real archive would. For each N it runs, as separate processes,
``warta ingest --jobs J`` into a new database, then the same ingest again (nothing changed: every
file is hashed and skipped), and then times the search canned query of Datasette (in process,
through Datasette's own test client, so the figure is the query and the page, not the network)
over 200 requests: 100 for common words, 100 for rarer ones. It prints one table row per N:
documents per second, peak RSS of the ingest process, database size, the no-op re-ingest time,
and the search latency p50/p95.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "detik-txt"
TRAIN_IDS = ROOT.parent / "shared" / "eval" / "train-ids.txt"
# Words of everyday Indonesian, so that the common ones match most documents.
COMMON = ["yang", "kata", "dan", "pemerintah", "warga"]
RARE = ["banjir", "sensus", "vaksin", "pelantikan", "anggaran"]


def make_corpus(source: Path, n: int, into: Path) -> None:
    articles = sorted(source.glob("*.txt"))
    if TRAIN_IDS.exists():  # only the articles that may be used for work; the others stay held out
        allowed = {line.strip() for line in TRAIN_IDS.read_text().splitlines() if not line.startswith("#")}
        articles = [a for a in articles if a.stem in allowed]
    if not articles:
        sys.exit(f"error: {source}: no .txt articles; pass --source with a folder of texts")
    texts = [a.read_text(encoding="utf-8") for a in articles]
    into.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = into / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc-{i:06d}.txt").write_text(f"{texts[i % len(texts)].rstrip()}\n\nSalinan nomor {i}.\n",
                                               encoding="utf-8")


def warta() -> list[str]:
    beside = Path(sys.executable).with_name("warta")
    return [str(beside)] if beside.exists() else [sys.executable, str(ROOT / "cli.py")]


def run_ingest(corpus: Path, db: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the largest process of one ``warta ingest``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(warta() + ["ingest", str(corpus), "--db", str(db), "--jobs", str(jobs)],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 2):
        sys.exit(f"error: ingest failed: {done.stderr.strip()[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def search_latency(db: Path) -> tuple[float, float, int]:
    """p50 and p95 in ms over 200 requests to the search canned query, and how many failed."""
    from datasette.app import Datasette

    from extract.serve.metadata import build_metadata
    from extract.store import open_db

    handle = open_db(str(db))
    metadata = build_metadata(handle)
    handle.close()
    words = (COMMON * 20) + (RARE * 20)

    async def run() -> tuple[list[float], int]:
        ds = Datasette([str(db)], metadata=metadata, immutables=[])
        await ds.invoke_startup()
        times, failed = [], 0
        path = f"/{db.stem}/search"
        await ds.client.get(f"{path}?{urlencode({'q': 'yang'})}")  # warm the page cache
        for word in words:
            start = time.perf_counter()
            response = await ds.client.get(f"{path}?{urlencode({'q': word})}")
            times.append((time.perf_counter() - start) * 1000)
            failed += response.status_code != 200
        return times, failed

    with contextlib.redirect_stderr(io.StringIO()):  # Datasette prints each timed-out query in full
        times, failed = asyncio.run(run())
    cuts = statistics.quantiles(times, n=20)
    return statistics.median(times), cuts[18], failed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--source", type=Path, default=DEFAULT)
    ap.add_argument("--keep", type=Path, help="Make the corpora and databases here and keep them.")
    ap.add_argument("--search-only", type=Path, metavar="DB",
                    help="Skip the ingest: time only the search canned query on this database.")
    args = ap.parse_args()
    if args.search_only:
        if not args.search_only.is_file():
            sys.exit(f"error: {args.search_only}: no such database; pass a Warta database made by warta ingest")
        p50, p95, failed = search_latency(args.search_only)
        print(f"search over {args.search_only.name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
              f"{failed} of 200 failed")
        return
    base = args.keep or Path(tempfile.mkdtemp(prefix="warta-scale-"))
    rows = []
    try:
        for n in args.docs:
            corpus, db = base / f"corpus-{n}", base / f"warta-{n}.db"
            if not corpus.exists():
                make_corpus(args.source, n, corpus)
            if db.exists():
                db.unlink()
            seconds, peak = run_ingest(corpus, db, args.jobs)
            noop, _ = run_ingest(corpus, db, args.jobs)
            p50, p95, failed = search_latency(db)
            rows.append((n, n / seconds, seconds / n * 1000, peak, db.stat().st_size / 1e6, noop, p50, p95, failed))
            print(f"done {n}: {rows[-1]}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(f"{os.cpu_count()} cores, --jobs {args.jobs}, load average {os.getloadavg()[0]:.1f} at the end")
    print("| documents | ingest docs/s | ms per doc | peak RSS MB | database MB | no-op re-ingest s | "
          "search p50 ms | search p95 ms | failed searches |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, rate, per, peak, size, noop, p50, p95, failed in rows:
        print(f"| {n:,} | {rate:.1f} | {per:.1f} | {peak:.0f} | {size:.0f} | {noop:.1f} | {p50:.1f} | {p95:.1f} | "
              f"{failed} |")


if __name__ == "__main__":
    main()
