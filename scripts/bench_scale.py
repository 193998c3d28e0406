#!/usr/bin/env python3
"""Ingest and search at scale, measured: a synthetic corpus of N documents made from the detik articles.

Usage: python scripts/bench_scale.py [--docs 10000 100000 ...] [--jobs 2] [--records] [--no-people] [--keep DIR]
                                    [--baseline ROOT [--baseline-ingest]] [--marginal M [--rounds R]]
       python scripts/bench_scale.py --search-only DB [--baseline ROOT]

Only the articles of ../shared/eval/train-ids.txt are copied. Each copy of an article gets a line of its
own ("Salinan nomor 123.") so that every document has a different content hash, as a real archive would.

What one row measures, per N:
- default: ``warta ingest --jobs J`` of the N files into a new database (reading, NLP and storing);
- ``--records``: the store side alone. The distinct articles are extracted once (``warta extract
  --with-text``, not timed); their records are copied N times, each with its copy line, its own id
  (the hash of the copy's text, as extraction gives it) and its own path, into shards; then
  ``warta ingest --records`` of those shards is timed. ``--no-people`` empties each record's officials
  and persons (quotes, statements, regulations and agencies stay), leaving out the merging of people;
then the same ingest again (nothing changed: every file or record is found stored and skipped), and
then the search canned query of Datasette (in process, through Datasette's own test client, so the
figure is the query and the page, not the network): 100 requests for common words and 100 for rarer
ones, p50 and p95 of each. Peak RSS is that of the ingest process and its workers (``wait4``).
``--baseline ROOT`` times the search of another checkout of Warta (say, main) on the same database in
the same run, for a before/after ratio; with ``--baseline-ingest`` it also times that checkout's ingest
of the same corpus or records (into a database of its own, removed afterwards), just before this one's.

``--marginal M`` then measures what one more document costs at each size, side by side: M further
documents (copies numbered past the largest N, so new to every database) are ingested into a copy of each
row's database, the sizes taken in turn for R rounds (default 3), so that a slower spell of the machine
falls on all of them. A store that grows linearly spends as much on the last document as on the first,
whatever the size; the medians per size and their ratio to the smallest's are printed. Rows of one run can
differ by more than that ratio when the machine's speed drifts over the hours a large N takes.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import io
import json
import os
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
SHARD = 5000  # records per shard of --records


def articles(source: Path) -> list[Path]:
    found = sorted(source.glob("*.txt"))
    if TRAIN_IDS.exists():  # only the articles that may be used for work; the others stay held out
        allowed = {line.strip() for line in TRAIN_IDS.read_text().splitlines() if not line.startswith("#")}
        found = [a for a in found if a.stem in allowed]
    if not found:
        sys.exit(f"error: {source}: no .txt articles; pass --source with a folder of texts")
    return found


def copy_text(text: str, i: int) -> str:
    return f"{text.rstrip()}\n\nSalinan nomor {i}.\n"


def make_corpus(source: Path, n: int, into: Path, first: int = 0) -> None:
    texts = [a.read_text(encoding="utf-8") for a in articles(source)]
    into.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + n):
        sub = into / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc-{i:06d}.txt").write_text(copy_text(texts[i % len(texts)], i), encoding="utf-8")


def warta(root: Path | None = None) -> list[str]:
    """The ``warta`` command of this checkout, or of checkout ``root`` (run with its own code on the path)."""
    if root is not None:
        return [sys.executable, str(Path(root).resolve() / "cli.py")]
    beside = Path(sys.executable).with_name("warta")
    return [str(beside)] if beside.exists() else [sys.executable, str(ROOT / "cli.py")]


def code_env(root: Path | None) -> dict[str, str]:
    """The environment that makes a child process import Warta from checkout ``root`` (this one when None)."""
    env = dict(os.environ)
    if root is not None:
        env["PYTHONPATH"] = str(Path(root).resolve())
    return env


def extract_once(source: Path, base: Path, jobs: int) -> Path:
    """The records of the distinct articles (with their text), extracted once and kept in ``base``."""
    out = base / "articles.jsonl"
    if not out.exists():
        folder = base / "articles"
        folder.mkdir(parents=True, exist_ok=True)
        for article in articles(source):
            shutil.copyfile(article, folder / article.name)
        with open(out.with_suffix(".part"), "w", encoding="utf-8") as f:
            done = subprocess.run(warta() + ["extract", "--with-text", "--jobs", str(jobs), str(folder)],
                                  stdout=f, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        if done.returncode not in (0, 2):
            sys.exit(f"error: extract failed: {done.stderr.strip()[-500:]}")
        out.with_suffix(".part").rename(out)
    return out


def make_records(extracted: Path, n: int, into: Path, no_people: bool, first: int = 0) -> None:
    """Shards of ``n`` records, copies of the extracted ones, each unique as :func:`make_corpus` makes them
    (numbered from ``first``)."""
    base = [json.loads(line) for line in extracted.read_text(encoding="utf-8").splitlines() if line.strip()]
    base = [record for record in base if "id" in record]
    raw = [Path(record["source"]).read_text(encoding="utf-8") for record in base]
    into.mkdir(parents=True, exist_ok=True)
    out = None
    try:
        for i in range(first, first + n):
            if (i - first) % SHARD == 0:
                if out:
                    out.close()
                out = open(into / f"part-{(i - first) // SHARD:05d}.jsonl", "w", encoding="utf-8")
            j = i % len(base)
            record = dict(base[j], id=hashlib.sha256(copy_text(raw[j], i).encode("utf-8")).hexdigest()[:16],
                          source=str(into / f"doc-{i:06d}.txt"),
                          text=f"{base[j]['text'].rstrip()}\n\nSalinan nomor {i}.")
            if no_people:
                record.update(officials=[], persons=[], signatory=None)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()


def remove_db(db: Path) -> None:
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)


def run_ingest(args: list[str], root: Path | None = None) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of one ``warta ingest`` and its workers (with the code of
    checkout ``root``, this one when None)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(warta(root) + ["ingest", *args], stdout=subprocess.DEVNULL, stderr=err,
                                 cwd=root or ROOT, env=code_env(root))
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 2):
            err.seek(0)
            sys.exit(f"error: ingest failed: {err.read().decode(errors='replace').strip()[-500:]}")
    return seconds, usage.ru_maxrss / 1024


def copy_db(db: Path, to: Path) -> None:
    remove_db(to)
    for part, target in ((db, to), (db.with_name(db.name + "-wal"), to.with_name(to.name + "-wal"))):
        if part.exists():
            shutil.copyfile(part, target)


def marginal_costs(args, base: Path, sizes: list[int]) -> dict[int, list[float]]:
    """ms per document of ingesting ``args.marginal`` new documents into a copy of each size's database,
    the sizes in turn for ``args.rounds`` rounds."""
    m, first = args.marginal, max(sizes)
    if args.records:
        extra = base / f"records-extra-{first}-{m}{'-no-people' if args.no_people else ''}"
        if not extra.exists():
            make_records(extract_once(args.source, base, args.jobs), m, extra, args.no_people, first=first)
    else:
        extra = base / f"corpus-extra-{first}-{m}"
        if not extra.exists():
            make_corpus(args.source, m, extra, first=first)
    costs: dict[int, list[float]] = {n: [] for n in sizes}
    trial = base / "marginal.db"
    try:
        for _ in range(args.rounds):
            for n in sizes:
                copy_db(base / f"warta-{n}.db", trial)
                ingest = (["--records", str(extra)] if args.records else [str(extra), "--jobs", str(args.jobs)])
                seconds, _ = run_ingest([*ingest, "--db", str(trial)])
                costs[n].append(seconds / m * 1000)
                print(f"marginal {n}: {costs[n][-1]:.2f} ms per doc", file=sys.stderr, flush=True)
    finally:
        remove_db(trial)
    return costs


def search_latency(db: Path) -> dict[str, float]:
    """p50 and p95 in ms of the search canned query, for common and for rare words, and failures."""
    from datasette.app import Datasette

    import extract.serve
    from extract.serve.metadata import build_metadata
    from extract.store import open_db

    handle = open_db(str(db))
    metadata = build_metadata(handle)
    handle.close()
    settings = getattr(extract.serve, "SETTINGS", {})  # as warta serve has them (none in older checkouts)
    words = [("common", w) for w in COMMON * 20] + [("rare", w) for w in RARE * 20]

    async def run() -> tuple[dict[str, list[float]], int]:
        ds = Datasette([str(db)], metadata=metadata, immutables=[], settings=settings)
        await ds.invoke_startup()
        times: dict[str, list[float]] = {"common": [], "rare": []}
        failed = 0
        path = f"/{db.stem}/search"
        await ds.client.get(f"{path}?{urlencode({'q': 'yang'})}")  # warm the page cache
        for kind, word in words:
            start = time.perf_counter()
            response = await ds.client.get(f"{path}?{urlencode({'q': word})}")
            times[kind].append((time.perf_counter() - start) * 1000)
            failed += response.status_code != 200
        return times, failed

    with contextlib.redirect_stderr(io.StringIO()):  # Datasette prints each timed-out query in full
        times, failed = asyncio.run(run())
    out: dict[str, float] = {"failed": failed}
    for kind, values in times.items():
        out[f"{kind}_p50"] = statistics.median(values)
        out[f"{kind}_p95"] = statistics.quantiles(values, n=20)[18]
    return out


def search_in(root: Path | None, db: Path) -> dict[str, float]:
    """:func:`search_latency` with the Warta code of checkout ``root`` (this one when None), in its own process."""
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--search-json", str(db)],
                          capture_output=True, text=True, env=code_env(root), cwd=root or ROOT)
    if done.returncode:
        sys.exit(f"error: search timing failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def search_line(label: str, t: dict[str, float]) -> str:
    return (f"{label}: common p50 {t['common_p50']:.1f} ms, p95 {t['common_p95']:.1f} ms; rare p50 "
            f"{t['rare_p50']:.1f} ms, p95 {t['rare_p95']:.1f} ms; {t['failed']:.0f} of 200 failed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--source", type=Path, default=DEFAULT)
    ap.add_argument("--records", action="store_true",
                    help="Time the store side: warta ingest --records of copied records (see above).")
    ap.add_argument("--no-people", action="store_true", help="With --records: records without officials or persons.")
    ap.add_argument("--keep", type=Path, help="Make the corpora and databases here and keep them.")
    ap.add_argument("--search-only", type=Path, metavar="DB",
                    help="Skip the ingest: time only the search canned query on this database.")
    ap.add_argument("--baseline", type=Path, metavar="ROOT",
                    help="Also time the search with the Warta code of this checkout, on the same database.")
    ap.add_argument("--baseline-ingest", action="store_true",
                    help="With --baseline: also time the ingest (and its no-op re-ingest) with that code, into a "
                         "database of its own, just before this checkout's, for a before/after ratio.")
    ap.add_argument("--marginal", type=int, default=0, metavar="M",
                    help="Then time the ingest of M new documents into a copy of each size's database (see above).")
    ap.add_argument("--rounds", type=int, default=3, help="With --marginal: rounds over the sizes (default 3).")
    ap.add_argument("--search-json", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.search_json:
        print(json.dumps(search_latency(args.search_json)))
        return
    if args.search_only:
        if not args.search_only.is_file():
            sys.exit(f"error: {args.search_only}: no such database; pass a Warta database made by warta ingest")
        if args.baseline:
            print(search_line(f"baseline {args.baseline}", search_in(args.baseline, args.search_only)))
        print(search_line(f"this checkout, {args.search_only.name}", search_in(None, args.search_only)))
        return
    base = args.keep or Path(tempfile.mkdtemp(prefix="warta-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in args.docs:
            db = base / f"warta-{n}.db"
            if args.records:
                source = base / f"records-{n}{'-no-people' if args.no_people else ''}"
                if not source.exists():
                    make_records(extract_once(args.source, base, args.jobs), n, source, args.no_people)
                ingest = ["--records", str(source), "--db", str(db)]
            else:
                source = base / f"corpus-{n}"
                if not source.exists():
                    make_corpus(args.source, n, source)
                ingest = [str(source), "--db", str(db), "--jobs", str(args.jobs)]
            old = None
            if args.baseline and args.baseline_ingest:
                old_db = db.with_name(f"baseline-{n}.db")
                old_ingest = [str(old_db) if part == str(db) else part for part in ingest]
                remove_db(old_db)
                old_seconds, old_peak = run_ingest(old_ingest, args.baseline)
                old_noop, _ = run_ingest(old_ingest, args.baseline)
                old = (old_seconds, old_peak, old_noop)
                remove_db(old_db)
            remove_db(db)
            seconds, peak = run_ingest(ingest)
            noop, noop_peak = run_ingest(ingest)
            t = search_in(None, db)
            before = search_in(args.baseline, db) if args.baseline else None
            rows.append((n, n / seconds, seconds / n * 1000, max(peak, noop_peak), db.stat().st_size / 1e6, noop,
                         t, before, old))
            print(f"done {n}: {rows[-1]}", file=sys.stderr, flush=True)
        costs = marginal_costs(args, base, args.docs) if args.marginal else {}
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    what = ("warta ingest --records (store side" + (", no officials or persons" if args.no_people else "") + ")"
            if args.records else f"warta ingest --jobs {args.jobs} (read, NLP, store)")
    print(f"{what}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print("| documents | ingest docs/s | ms per doc | x ms per doc of first | peak RSS MB | database MB | "
          "no-op re-ingest s | search common p50/p95 ms | search rare p50/p95 ms | failed searches |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    first = rows[0][2] if rows else 1.0
    for n, rate, per, peak, size, noop, t, before, _ in rows:
        print(f"| {n:,} | {rate:.1f} | {per:.1f} | {per / first:.2f} | {peak:.0f} | {size:.0f} | {noop:.1f} | "
              f"{t['common_p50']:.0f} / {t['common_p95']:.0f} | {t['rare_p50']:.0f} / {t['rare_p95']:.0f} | "
              f"{t['failed']:.0f} |")
    for n, _, per, peak, _, noop, _, before, old in rows:
        if old:
            print(f"{n:,} documents, ingest with {args.baseline}: {old[0] / n * 1000:.1f} ms per doc, peak RSS "
                  f"{old[1]:.0f} MB, no-op re-ingest {old[2]:.1f} s; this checkout / baseline, ms per doc: "
                  f"{per / (old[0] / n * 1000):.2f}")
        if before:
            print(search_line(f"{n:,} documents, search with {args.baseline}", before))
    if costs:
        smallest = statistics.median(costs[args.docs[0]])
        print(f"{args.marginal:,} more documents into a copy of each database, {args.rounds} rounds in turn:")
        for n, values in costs.items():
            cost = statistics.median(values)
            print(f"  into {n:,} documents: {cost:.2f} ms per doc (median; "
                  f"{', '.join(f'{v:.2f}' for v in values)}), x{cost / smallest:.2f} of into {args.docs[0]:,}")


if __name__ == "__main__":
    main()
